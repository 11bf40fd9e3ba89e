"""Anonymous client codes (issue 18, part 3): recipes, normalisation, the keyed hash, near misses.

Owns: the catalogue of input kinds a recipe may use and their normalisation rules, the
default recipe, checking a recipe an organisation configures, turning a person's answers into
a code (HMAC-SHA256 under the organisation's code key, Crockford base32, groups of 4), reading a
code someone typed, and the near-miss candidates ("did you mean..."): the codes of the answers
one input away, compared with known codes only as codes.
The service and every device use this one module, so every device of an organisation derives
the same code from the same answers (docs/ARCHITECTURE.md, "Anonymous client codes").
Must never store, log or put in an error message an input's value (errors name the input and
the rule only), and never import anything but the standard library and `protocol`.
"""

import hashlib
import hmac
import json
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeGuard

from protocol.clock import utc_now

KEY_BYTES = 32
# 12 characters of 5 bits: 60 bits of the HMAC. The default recipe has about 8 million possible
# answers (676 letter pairs x 31 days x 127 years x 3 genders): even if every one of them were
# someone, 60 bits give 8e6^2 / 2^61 = 0.00003 expected pairs sharing a code, so the code adds
# no collisions beyond the answers' own (two people with the same answers share a code whatever
# its length). 8 characters (40 bits) would already give ~29 such pairs over the whole space;
# 12 keeps that margin for larger recipes and is still three groups to read out.
CODE_LENGTH = 12
GROUP = 4
# Crockford's base32: digits and letters without I, L, O, U (read as 1, 1, 0 and avoided words).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# What people type for the letters Crockford leaves out.
_TYPED_AS = {"I": "1", "L": "1", "O": "0"}
_DOMAIN = b"prossimo-client-code/v1\0"  # binds the HMAC to this use of the key

InputKind = Literal["letters", "day", "month", "year", "gender"]
KINDS: tuple[str, ...] = ("letters", "day", "month", "year", "gender")
YEAR_MIN = 1900
LETTERS_TAKE_MAX = 6
MAX_INPUTS = 10
GENDERS = ("F", "M", "X")  # woman, man, another gender (a recipe never needs more than a letter)
# Words accepted for each gender letter, in the project's languages (it, en, fi), after folding.
_GENDER_WORDS = {
    "F": ("F", "FEMALE", "WOMAN", "FEMMINA", "DONNA", "NAINEN"),
    "M": ("M", "MALE", "MAN", "MASCHIO", "UOMO", "MIES"),
    "X": ("X", "OTHER", "ALTRO", "MUU"),
}
_GENDER_OF = {word: letter for letter, words in _GENDER_WORDS.items() for word in words}
# Letters that Unicode does not decompose into a base letter plus accents.
_FOLDS = {"ß": "SS", "Æ": "AE", "Œ": "OE", "Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "TH", "ẞ": "SS"}


class CodeError(ValueError):
    """A recipe or an answer broke a rule. The message names the input and the rule, never a value."""

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.rule = rule


@dataclass(frozen=True)
class RecipeInput:
    name: str  # what the person is asked, e.g. "mother_first_name"
    kind: InputKind
    take: int = 0  # letters only: how many leading letters count (0 for the other kinds)


@dataclass(frozen=True)
class Recipe:
    inputs: tuple[RecipeInput, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "inputs": [
                {"name": i.name, "kind": i.kind, **({"take": i.take} if i.kind == "letters" else {})}
                for i in self.inputs
            ]
        }

    def text(self) -> str:
        """The canonical text of the recipe: part of what is hashed, so two recipes never share codes."""
        return json.dumps(self.as_json(), sort_keys=True, separators=(",", ":"))

    def possible_codes(self) -> int:
        """How many different answers the recipe can tell apart: the most people it can count."""
        total = 1
        for item in self.inputs:
            total *= _SIZES[item.kind](item)
        return total


DEFAULT_RECIPE = Recipe(
    (
        RecipeInput("mother_first_name", "letters", 2),
        RecipeInput("birth_day", "day"),
        RecipeInput("birth_year", "year"),
        RecipeInput("gender", "gender"),
    )
)


def _year_max() -> int:
    return utc_now().year  # nobody was born next year (the same rule as Contact.birth_year)


_SIZES: dict[str, Callable[[RecipeInput], int]] = {
    "letters": lambda i: 26**i.take,
    "day": lambda i: 31,
    "month": lambda i: 12,
    "year": lambda i: _year_max() - YEAR_MIN + 1,
    "gender": lambda i: len(GENDERS),
}


def _is_name(name: object) -> TypeGuard[str]:
    return (
        isinstance(name, str)
        and 1 <= len(name) <= 40
        and name[0].isascii()
        and name[0].isalpha()
        and all(c.isascii() and (c.isalnum() or c == "_") for c in name)
    )


def recipe_from_json(data: object) -> Recipe:
    """A recipe as configured (the JSON of `Recipe.as_json`), or CodeError naming what is wrong."""
    if not isinstance(data, Mapping) or set(data) != {"inputs"}:
        raise CodeError("recipe", 'must be an object with one field, "inputs"')
    items = data["inputs"]
    if not isinstance(items, list) or not items:
        raise CodeError("recipe.inputs", "must list at least one input")
    if len(items) > MAX_INPUTS:
        raise CodeError("recipe.inputs", f"must list at most {MAX_INPUTS} inputs")
    inputs: list[RecipeInput] = []
    for n, item in enumerate(items):
        where = f"recipe.inputs.{n}"
        if not isinstance(item, Mapping):
            raise CodeError(where, "must be an object with a name and a kind")
        name, kind = item.get("name"), item.get("kind")
        if not _is_name(name):
            raise CodeError(f"{where}.name", "required: 1 to 40 letters, digits or _, starting with a letter")
        if kind not in KINDS:
            raise CodeError(f"{where}.kind", f"must be one of {', '.join(KINDS)}")
        unknown = set(item) - {"name", "kind", "take"}
        if unknown:
            raise CodeError(f"{where}.{sorted(unknown)[0]}", "unknown field")
        take = item.get("take", 0)
        if kind == "letters":
            if not isinstance(take, int) or isinstance(take, bool) or not 1 <= take <= LETTERS_TAKE_MAX:
                raise CodeError(f"{where}.take", f"required for letters: a whole number from 1 to {LETTERS_TAKE_MAX}")
        elif "take" in item:
            raise CodeError(f"{where}.take", "only letters take a number of letters")
        if any(i.name == name for i in inputs):
            raise CodeError(f"{where}.name", "used twice in the recipe")
        inputs.append(RecipeInput(name, kind, take if kind == "letters" else 0))
    return Recipe(tuple(inputs))


# --- normalisation --------------------------------------------------------------------------


def fold_letters(text: str) -> str:
    """Letters only, A to Z, without accents: "Ánna-María d'Ö" -> "ANNAMARIADO"."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        upper = char.upper()
        upper = _FOLDS.get(char, _FOLDS.get(upper, upper))
        out.extend(c for c in upper if "A" <= c <= "Z")
    return "".join(out)


def _whole(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def normalise(item: RecipeInput, value: object) -> str:
    """One answer in its canonical form, or CodeError naming the input and the rule."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CodeError(item.name, "required")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise CodeError(item.name, "must be text or a whole number")
    text = str(value)
    if item.kind == "letters":
        letters = fold_letters(text)
        if len(letters) < item.take:
            raise CodeError(item.name, f"needs at least {item.take} letters (A-Z, accents ignored)")
        return letters[: item.take]
    if item.kind == "gender":
        letter = _GENDER_OF.get(fold_letters(text))
        if letter is None:
            raise CodeError(item.name, f"must be one of {', '.join(GENDERS)}")
        return letter
    number = _whole(text)
    low, high = {"day": (1, 31), "month": (1, 12), "year": (YEAR_MIN, _year_max())}[item.kind]
    if number is None or not low <= number <= high:
        raise CodeError(item.name, f"must be a whole number from {low} to {high}")
    return str(number)


def normalise_all(recipe: Recipe, answers: Mapping[str, object]) -> dict[str, str]:
    """Every input of the recipe, normalised; the first missing or invalid one is refused by name."""
    unknown = sorted(set(answers) - {i.name for i in recipe.inputs})
    if unknown:
        raise CodeError(unknown[0], "not an input of this organisation's recipe")
    return {item.name: normalise(item, answers.get(item.name)) for item in recipe.inputs}


# --- the code --------------------------------------------------------------------------------


def check_key(key: bytes) -> bytes:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise CodeError("code_key", f"must be {KEY_BYTES} bytes")
    return key


def _message(recipe: Recipe, normalised: Mapping[str, str]) -> bytes:
    # The recipe's text and each name are hashed too: "AB" + "1" can never meet "A" + "B1".
    parts = [recipe.text()] + [f"{i.name}={normalised[i.name]}" for i in recipe.inputs]
    return _DOMAIN + "\x1f".join(parts).encode("ascii")


def _encode(digest: bytes) -> str:
    bits = int.from_bytes(digest, "big") >> (len(digest) * 8 - CODE_LENGTH * 5)
    chars = [ALPHABET[(bits >> (5 * (CODE_LENGTH - 1 - n))) & 31] for n in range(CODE_LENGTH)]
    return "-".join("".join(chars[n : n + GROUP]) for n in range(0, CODE_LENGTH, GROUP))


def _code_of(key: bytes, recipe: Recipe, normalised: Mapping[str, str]) -> str:
    return _encode(hmac.new(key, _message(recipe, normalised), hashlib.sha256).digest())


def make_code(key: bytes, recipe: Recipe, answers: Mapping[str, object]) -> str:
    """The person's code, e.g. "7KQ2-M9XD-4HPA": the same on every device holding this key."""
    return _code_of(check_key(key), recipe, normalise_all(recipe, answers))


def _typed(text: str) -> str:
    raw = "".join(c for c in unicodedata.normalize("NFKC", text).upper() if c not in " -")
    return "".join(_TYPED_AS.get(c, c) for c in raw)


def _grouped(raw: str) -> str:
    return "-".join(raw[n : n + GROUP] for n in range(0, len(raw), GROUP))


def parse_code(text: str) -> str:
    """A code as someone typed it (any case, spaces or dashes, I/L/O for 1/1/0), in its shown form."""
    raw = _typed(text)
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        raise CodeError("code", f"must be {CODE_LENGTH} characters of {ALPHABET} (groups of {GROUP})")
    return _grouped(raw)


def code_prefix(text: str) -> str | None:
    """The start of a code being typed, read as `parse_code` reads a whole one ("7kq2m" ->
    "7KQ2-M"), for search as you type; None when it cannot start any code."""
    raw = _typed(text)
    if not raw or len(raw) > CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return _grouped(raw)


# --- near misses -----------------------------------------------------------------------------

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _neighbours(item: RecipeInput, value: str) -> Iterator[str]:
    """The values one slip away: a letter changed, two letters swapped, a number one step off,
    another gender."""
    if item.kind == "letters":
        for n, old in enumerate(value):
            for new in _LETTERS:
                if new != old:
                    yield value[:n] + new + value[n + 1 :]
        for n in range(len(value) - 1):
            if value[n] != value[n + 1]:
                yield value[:n] + value[n + 1] + value[n] + value[n + 2 :]
    elif item.kind == "gender":
        yield from (g for g in GENDERS if g != value)
    else:
        low, high = {"day": (1, 31), "month": (1, 12), "year": (YEAR_MIN, _year_max())}[item.kind]
        yield from (str(v) for v in (int(value) - 1, int(value) + 1) if low <= v <= high)


@dataclass(frozen=True)
class NearMiss:
    code: str
    differs_in: str  # the input's name; never its value, nor the other person's


# Which of the given codes exist: a set's `__contains__`, or a store query the encounters work
# provides (one `WHERE code IN (...)` over the candidates, never a scan of every code).
KnownCodes = Callable[[Collection[str]], Collection[str]]


def among(codes: Collection[str]) -> KnownCodes:
    """The hook over codes already in hand."""
    return lambda candidates: [c for c in candidates if c in codes]


def near_misses(key: bytes, recipe: Recipe, answers: Mapping[str, object], known: KnownCodes) -> list[NearMiss]:
    """Known codes of answers one input away from these (not the code of these answers itself).

    Only codes are compared: the candidates are derived here, on the device, and `known` is asked
    which of them exist, so no stored code is ever turned back into answers.
    """
    check_key(key)
    normalised = normalise_all(recipe, answers)
    exact = _code_of(key, recipe, normalised)
    candidates: dict[str, str] = {}
    for item in recipe.inputs:
        for value in _neighbours(item, normalised[item.name]):
            code = _code_of(key, recipe, {**normalised, item.name: value})
            if code != exact:
                candidates.setdefault(code, item.name)
    found = set(known(list(candidates)))
    return [NearMiss(code, name) for code, name in candidates.items() if code in found]


__all__: Sequence[str] = (
    "ALPHABET",
    "CODE_LENGTH",
    "DEFAULT_RECIPE",
    "CodeError",
    "KnownCodes",
    "NearMiss",
    "Recipe",
    "RecipeInput",
    "among",
    "code_prefix",
    "fold_letters",
    "make_code",
    "near_misses",
    "normalise",
    "normalise_all",
    "parse_code",
    "recipe_from_json",
)
