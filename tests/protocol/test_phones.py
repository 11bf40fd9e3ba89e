"""Issue 14 item 6 (and issue 15's duplicated phone rules): `protocol.phones` is the one place
phone numbers are read; the schema, the search index, handouts and vCards all use it."""

import pytest
from pydantic import ValidationError

from protocol import Contact, phones, taxonomy
from protocol.entities import Phone


def test_search_forms_give_the_written_international_and_national_digits() -> None:
    """Issue 14 item 6: one number, every form it may be typed in."""
    assert phones.search_forms("+39 333 123 4567") == ("393331234567", "3331234567")
    assert phones.search_forms("333 123 4567") == ("3331234567", "393331234567")
    assert phones.search_forms("0039 0371 948100") == ("00390371948100", "390371948100", "0371948100")
    assert phones.search_forms("+358 40 1234567") == ("358401234567", "0401234567")
    assert phones.search_forms("040 123 4567", "FI") == ("0401234567", "358401234567")
    assert phones.search_forms("12")[0] == "12"
    assert phones.search_forms("--") == ()  # nothing of a number: no form, and no error


def test_the_schema_uses_the_one_phone_rule() -> None:
    """Issue 15: the pattern and the digit count live in protocol.phones only."""
    assert Phone.__metadata__[0].pattern == phones.PATTERN
    with pytest.raises(ValidationError, match="between 5 and 20 digits"):
        Contact.model_validate({"given_name": "A", "phone": "12 3", "id": "x"}, strict=False)


def test_looks_like_phone_only_for_numbers() -> None:
    assert phones.looks_like_phone("+39 333 123")
    assert phones.looks_like_phone("0371/94.81-00")
    assert not phones.looks_like_phone("Rossi 333")
    assert not phones.looks_like_phone("12")


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("casa", ("housing",)),
        ("Asunto", ("housing",)),
        ("asuminen", ("housing",)),
        ("HOUSING", ("housing",)),
        ("hätämajoitus", ("shelter",)),
        ("hatamaj", ("shelter",)),
        ("työ", ("work",)),
        ("salute", ("health", "mental_health")),
        ("casalpusterlengo", ()),
        ("del", ()),
        ("e", ()),
        ("ty", ()),
    ],
)
def test_category_words_come_from_the_taxonomy_labels(typed: str, codes: tuple[str, ...]) -> None:
    """Issue 14 item 6: a category is searched by its labels in it/en/fi (short joining words
    of a label are not search words), folded like the index folds."""
    assert taxonomy.codes_named(typed) == codes
