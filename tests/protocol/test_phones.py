"""Issue 14 item 6 (and issue 15's duplicated phone rules): `protocol.phones` is the one place
phone numbers are read; the schema, the search index, handouts and vCards all use it."""

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType
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


# --- the national form's fast path (issue 23: an initial sync indexes every contact's number) ---


def _forms_the_library_gives(number: str, region: str) -> tuple[str, ...]:
    """`search_forms` as the library alone computes it: both forms through `format_number`."""
    forms = [phones.digits(number)]
    parsed = phones.parse(number, region)
    if parsed is not None:
        forms.append(phones.digits(phonenumbers.format_number(parsed, PhoneNumberFormat.E164)))
        forms.append(phones.digits(phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)))
    return tuple(dict.fromkeys(form for form in forms if form))


def _example_numbers() -> list[PhoneNumber]:
    """The library's example number of every type in every region and non-geographic entity."""
    examples = [
        phonenumbers.example_number_for_type(region, kind)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for kind in PhoneNumberType.values()
    ]
    examples += [
        phonenumbers.example_number_for_non_geo_entity(code) for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS
    ]
    return [example for example in examples if example is not None]


def test_search_forms_equal_the_librarys_for_every_example_number_written_every_way() -> None:
    """Every region's example numbers, written as E.164, international, national and bare digits,
    read in Italy and in their own region: the same forms as `format_number` gives."""
    compared = 0
    for example in _example_numbers():
        own = phonenumbers.region_code_for_number(example) or phones.DEFAULT_REGION
        written = {
            phonenumbers.format_number(example, kind)
            for kind in (PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL)
        }
        written.add(phones.digits(phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)))
        for number in written:
            for region in {phones.DEFAULT_REGION, own, "FI"}:
                assert phones.search_forms(number, region) == _forms_the_library_gives(number, region), (number, region)
                compared += 1
    assert compared > 5_000


def test_the_fast_path_covers_italy_and_leaves_countries_with_a_trunk_prefix_to_the_library() -> None:
    """Italy's leading 0 is part of the number (no national prefix): its national form is the NSN.
    Finland's 0 and the UK's 0 are prefixes the national form adds: those are formatted."""
    assert phones._national_form_is_nsn(39)
    assert not phones._national_form_is_nsn(358)
    assert not phones._national_form_is_nsn(44)
    assert phones.search_forms("0371 948100") == ("0371948100", "390371948100")
    assert phones.search_forms("+44 20 7946 0958") == ("442079460958", "02079460958")


_COUNTRY_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


@given(
    prefix=st.sampled_from(["+", "00", ""]),
    country=st.sampled_from(_COUNTRY_CODES),
    national=st.text(alphabet="0123456789", min_size=1, max_size=16),
    separator=st.sampled_from(["", " ", "-", ".", "/", " (0) "]),
    region=st.sampled_from(["IT", "FI", "US", "GB", "DE", "AR", "MX", "RU", "FR", "IN"]),
)
@settings(max_examples=3_000, deadline=None)
def test_search_forms_equal_the_librarys_for_any_number(
    prefix: str, country: int, national: str, separator: str, region: str
) -> None:
    """Property: whatever digits are written, with or without a country code, the forms are the library's."""
    cut = len(national) // 2
    number = f"{prefix}{country if prefix else ''}{separator}{national[:cut]}{separator}{national[cut:]}"
    assert phones.search_forms(number, region) == _forms_the_library_gives(number, region)
