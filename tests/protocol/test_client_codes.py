"""Issue 18 part 3: the rules of anonymous client codes (protocol.client_codes)."""

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocol.client_codes import (
    ALPHABET,
    CODE_LENGTH,
    DEFAULT_RECIPE,
    CodeError,
    among,
    fold_letters,
    make_code,
    near_misses,
    normalise,
    normalise_all,
    parse_code,
    recipe_from_json,
)
from protocol.messages import ClientCodeKey

KEY = bytes(range(32))
ANSWERS = {"mother_first_name": "Giuseppina", "birth_day": "29", "birth_year": "1961", "gender": "F"}
LETTERS, DAY, YEAR, GENDER = DEFAULT_RECIPE.inputs


@given(st.text(max_size=30))
def test_letter_folding_is_idempotent_and_plain(text: str) -> None:
    folded = fold_letters(text)
    assert fold_letters(folded) == folded
    assert all("A" <= c <= "Z" for c in folded)


@given(st.text(max_size=20), st.sampled_from(DEFAULT_RECIPE.inputs))
def test_normalisation_is_idempotent(text: str, item) -> None:
    try:
        once = normalise(item, text)
    except CodeError as exc:
        assert exc.field == item.name  # a refusal names the input
        return
    assert normalise(item, once) == once


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1900, max_value=2025))
def test_equivalent_spellings_give_the_same_code(day: int, year: int) -> None:
    plain = make_code(
        KEY, DEFAULT_RECIPE, {"mother_first_name": "Anna", "birth_day": day, "birth_year": year, "gender": "F"}
    )
    spelled = {
        "mother_first_name": "  ánna-maría ",
        "birth_day": f"0{day}" if day < 10 else f" {day} ",
        "birth_year": str(year),
        "gender": "donna",
    }
    assert make_code(KEY, DEFAULT_RECIPE, spelled) == plain


@given(st.binary(min_size=32, max_size=32), st.binary(min_size=32, max_size=32))
def test_different_keys_give_different_codes(one: bytes, other: bytes) -> None:
    if one != other:
        assert make_code(one, DEFAULT_RECIPE, ANSWERS) != make_code(other, DEFAULT_RECIPE, ANSWERS)


def test_code_shape_and_reading_it_back() -> None:
    code = make_code(KEY, DEFAULT_RECIPE, ANSWERS)
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4] and len("".join(groups)) == CODE_LENGTH
    assert set("".join(groups)) <= set(ALPHABET) and not set("ILOU") & set(ALPHABET)
    assert parse_code(code.lower().replace("-", " ")) == code
    assert parse_code("o0il-1111-2222") == "0011-1111-2222"  # typed O, I, L read as 0, 1, 1
    with pytest.raises(CodeError, match="code: must be 12 characters"):
        parse_code("ABCD-EFGH")


def test_special_letters_fold_to_a_to_z() -> None:
    assert fold_letters("Ørsted Łucja Straße Æsa d'Ö") == "ORSTEDLUCJASTRASSEAESADO"
    assert normalise(LETTERS, "Ève") == normalise(LETTERS, "EVA") == "EV"


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("mother_first_name", None, "required"),
        ("mother_first_name", "   ", "required"),
        ("mother_first_name", "A.", "needs at least 2 letters"),
        ("birth_day", "32", "from 1 to 31"),
        ("birth_day", "0", "from 1 to 31"),
        ("birth_day", "3.5", "from 1 to 31"),
        ("birth_year", "1899", "from 1900 to"),
        ("birth_year", "3000", "from 1900 to"),
        ("gender", "Q", "must be one of F, M, X"),
    ],
)
def test_an_invalid_or_missing_answer_is_refused_naming_the_input(field: str, value: object, rule: str) -> None:
    answers = {**ANSWERS, field: value}
    with pytest.raises(CodeError) as refused:
        make_code(KEY, DEFAULT_RECIPE, answers)
    assert refused.value.field == field and rule in str(refused.value)
    assert str(value).strip() not in str(refused.value) or not str(value).strip()  # never the value


def test_a_missing_input_is_named() -> None:
    answers = dict(ANSWERS)
    del answers["birth_year"]
    with pytest.raises(CodeError, match="^birth_year: required$"):
        make_code(KEY, DEFAULT_RECIPE, answers)
    with pytest.raises(CodeError, match="^shoe_size: not an input of this organisation's recipe$"):
        normalise_all(DEFAULT_RECIPE, {**ANSWERS, "shoe_size": "42"})


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ({}, 'recipe: must be an object with one field, "inputs"'),
        ({"inputs": []}, "recipe.inputs: must list at least one input"),
        ({"inputs": [{"kind": "day"}]}, "recipe.inputs.0.name: required"),
        ({"inputs": [{"name": "d", "kind": "weekday"}]}, "recipe.inputs.0.kind: must be one of"),
        ({"inputs": [{"name": "n", "kind": "letters"}]}, "recipe.inputs.0.take: required for letters"),
        ({"inputs": [{"name": "n", "kind": "letters", "take": 9}]}, "recipe.inputs.0.take: required for letters"),
        ({"inputs": [{"name": "d", "kind": "day", "take": 2}]}, "recipe.inputs.0.take: only letters"),
        ({"inputs": [{"name": "d", "kind": "day"}, {"name": "d", "kind": "year"}]}, "recipe.inputs.1.name: used twice"),
        ({"inputs": [{"name": "d", "kind": "day", "colour": 1}]}, "recipe.inputs.0.colour: unknown field"),
    ],
)
def test_refused_recipes_say_what_is_wrong(recipe: object, message: str) -> None:
    with pytest.raises(CodeError, match=message.replace(".", r"\.")):
        recipe_from_json(recipe)
    with pytest.raises(ValueError, match="recipe"):
        ClientCodeKey(key="ab" * 32, recipe=recipe)  # the wire refuses it too


def test_a_configured_recipe_round_trips_and_differs_from_the_default() -> None:
    recipe = recipe_from_json(
        {
            "inputs": [
                {"name": "father_first_name", "kind": "letters", "take": 3},
                {"name": "birth_month", "kind": "month"},
            ]
        }
    )
    assert recipe_from_json(recipe.as_json()) == recipe
    code = make_code(KEY, recipe, {"father_first_name": "Marco", "birth_month": "3"})
    assert code == make_code(KEY, recipe, {"father_first_name": "MAR", "birth_month": 3})
    assert recipe.possible_codes() == 26**3 * 12
    assert DEFAULT_RECIPE.possible_codes() > 6_000_000


def candidate_count(recipe, answers) -> int:
    """How many codes a near-miss search asks about."""
    asked: list[int] = []
    near_misses(KEY, recipe, answers, lambda candidates: asked.append(len(candidates)) or [])
    return asked[0]


def test_near_misses_find_codes_one_answer_away_only() -> None:
    person = make_code(KEY, DEFAULT_RECIPE, ANSWERS)
    year_off = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "birth_year": "1962"})
    day_off = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "birth_day": "28"})
    typo = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "mother_first_name": "Igina"})  # GI typed IG
    letter = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "mother_first_name": "Ciuseppina"})
    gender = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "gender": "X"})
    two_off = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "birth_year": "1962", "birth_day": "28"})
    far = make_code(KEY, DEFAULT_RECIPE, {**ANSWERS, "birth_year": "1971"})
    other_key = make_code(secrets.token_bytes(32), DEFAULT_RECIPE, {**ANSWERS, "birth_year": "1962"})
    known = {person, year_off, day_off, typo, letter, gender, two_off, far, other_key}
    asked: list[list[str]] = []

    def hook(candidates):  # how a store query is called: once, with the candidates
        asked.append(list(candidates))
        return among(known)(candidates)

    found = near_misses(KEY, DEFAULT_RECIPE, ANSWERS, hook)
    assert {(m.code, m.differs_in) for m in found} == {
        (year_off, "birth_year"),
        (day_off, "birth_day"),
        (typo, "mother_first_name"),
        (letter, "mother_first_name"),
        (gender, "gender"),
    }
    assert len(asked) == 1 and len(asked[0]) == candidate_count(DEFAULT_RECIPE, ANSWERS) == 57
    assert person not in asked[0]  # the exact code is not a near miss
    for miss in found:  # only codes and input names: no answer of either person
        assert "1962" not in repr(miss) and "GI" not in miss.differs_in


def test_near_misses_at_the_edges_stay_in_range() -> None:
    edge = {**ANSWERS, "birth_day": "31", "birth_year": "1900"}
    # 50 letters changed + 1 swap + day 30 only + year 1901 only + 2 genders
    assert candidate_count(DEFAULT_RECIPE, edge) == 50 + 1 + 1 + 1 + 2
    assert (
        candidate_count(DEFAULT_RECIPE, {**edge, "mother_first_name": "Anna", "birth_day": "1"}) == 50 + 1 + 1 + 1 + 2
    )
    assert (
        candidate_count(DEFAULT_RECIPE, {**edge, "mother_first_name": "Aaron"}) == 50 + 0 + 1 + 1 + 2
    )  # "AA": no swap


def test_the_key_must_be_32_bytes() -> None:
    with pytest.raises(CodeError, match="code_key: must be 32 bytes"):
        make_code(b"short", DEFAULT_RECIPE, ANSWERS)


def test_the_start_of_a_code_is_read_as_a_whole_code_is() -> None:
    from protocol.client_codes import code_prefix

    assert code_prefix("7kq2m") == "7KQ2-M"
    assert code_prefix(" 7kq2-m9xd 4 ") == "7KQ2-M9XD-4"
    assert code_prefix("oil") == "011"  # O, I and L are typed for 0, 1 and 1
    assert code_prefix("") is None
    assert code_prefix("7KQU") is None  # U is not in the alphabet
    assert code_prefix("1" * 13) is None  # longer than any code
