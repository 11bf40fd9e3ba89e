"""Phone numbers: the one place that reads, checks and rewrites them.

Owns: what a phone number may look like in a record (`PATTERN`, `check_digits`),
the country a number without a prefix is read in (`DEFAULT_REGION`), the forms a
number is searched by (`search_forms`: the digits as written, the national form with
its trunk prefix, the international E.164 form), and the global forms printed on a
handout or written into a vCard (`dial_string`, `tel_uri`). The numbering plans are
Google's libphonenumber data (the `phonenumbers` package), not rules of our own.

`DEFAULT_REGION` is the only place that says which country a bare national number
belongs to. Neither the organisation (central's `Organisation` has a name only), the
enrolment (`protocol.messages.EnrolResponse`) nor the device settings carry a
country yet, and the first organisations are Italian, so it is Italy. A service of
the directory is read in its own `location.country` instead. Changing the default
changes what the search index holds: that needs a store migration rebuilding it.

Must never guess a country other than the one it is given, never raise on what a
person typed (a number it cannot read keeps its digits), and never log a number.
"""

import functools
import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber, PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "IT"
# A number as people write it: digits with spaces, dashes, dots, brackets, an optional
# leading +. Between MIN_DIGITS and MAX_DIGITS digits, checked by `check_digits`.
PATTERN = r"^\+?[0-9 ()./-]+$"
MIN_DIGITS, MAX_DIGITS = 5, 20
_LOOKS_LIKE = re.compile(PATTERN)
_NOT_DIGIT = re.compile(r"\D")
# Numbers that only work from a phone of their own country (toll-free, shared cost,
# premium, "numero unico"): a foreign SIM cannot dial them with a country code.
_DOMESTIC_ONLY = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.UAN,
}
# A format's pattern made only of capturing groups, none nested, as r"(\d{2})(\d{4,6})"; and a
# reference to a group, as r"\1", in a format or in a national prefix formatting rule.
_ONLY_GROUPS = re.compile(r"(?:\((?!\?)[^()]*\))+")
_GROUP_REF = re.compile(r"\\(\d)")


def digits(text: str) -> str:
    """Only the digits: "+39 333 123-4567" -> "393331234567"."""
    return _NOT_DIGIT.sub("", text)


def check_digits(value: str | None) -> str | None:
    """The schema's rule on a number's length in digits (the pattern is checked apart)."""
    if value is not None and not MIN_DIGITS <= len(digits(value)) <= MAX_DIGITS:
        raise ValueError(f"must contain between {MIN_DIGITS} and {MAX_DIGITS} digits")
    return value


def looks_like_phone(text: str, min_digits: int = 3) -> bool:
    """Whether typed text is a number (or the start of one) rather than words."""
    return bool(_LOOKS_LIKE.match(text.strip())) and len(digits(text)) >= min_digits


def parse(number: str, region: str = DEFAULT_REGION) -> PhoneNumber | None:
    """The number read with `region`'s plan when it has no + or 00 prefix; None if unreadable."""
    try:
        return phonenumbers.parse(number, region)
    except NumberParseException:
        return None


def is_valid(number: str, region: str = DEFAULT_REGION) -> bool:
    """Whether the numbering plan knows the number as one that can be dialled (libphonenumber's
    `is_valid_number`): what a partner types for their service must be. Records may hold others
    (an import keeps what the file says), so the Resource model does not ask this."""
    parsed = parse(number, region)
    return parsed is not None and phonenumbers.is_valid_number(parsed)


def search_forms(number: str, region: str = DEFAULT_REGION) -> tuple[str, ...]:
    """The digit strings a number is found by, most literal first, without repeats:
    as written, the E.164 form without its +, the national form with its trunk prefix.

    "040 123 4567" in Finland gives ("0401234567", "358401234567"); "+39 333 1234567"
    gives ("393331234567", "3331234567"). An unreadable number gives its digits alone.

    Not cached, on purpose: a module-level cache would keep people's numbers in memory after
    the store is locked, for a gain only on repeated numbers (about 70 µs a parse).
    """
    forms = [digits(number)]
    parsed = parse(number, region)
    if parsed is not None:
        forms.append(digits(phonenumbers.format_number(parsed, PhoneNumberFormat.E164)))
        forms.append(_national_digits(parsed))
    return tuple(dict.fromkeys(form for form in forms if form))


def _national_digits(parsed: PhoneNumber) -> str:
    """The digits of the NATIONAL format of `parsed`, as `format_number` gives them.

    Where the country's formats can only regroup the national significant number (see
    `_national_form_is_nsn`), those digits are the NSN itself: the formatting (a regex
    choice among the country's patterns, about 7 µs) is skipped, which an initial sync
    does for every contact. An extension is formatted with its own digits, and a number
    0 keeps what was typed, so both take the library's way.
    """
    if parsed.extension is None and parsed.national_number and _national_form_is_nsn(parsed.country_code):
        return phonenumbers.national_significant_number(parsed)
    return digits(phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL))


@functools.cache  # facts of the numbering plan, per country code: no person's number is kept
def _national_form_is_nsn(country_code: int) -> bool:
    """Whether every NATIONAL format of `country_code` keeps the national significant number's
    digits, in order, and adds none: every pattern is a row of capturing groups (so a match is
    the groups' text), every format writes each group once, in order, with no digit between,
    and no national prefix formatting rule adds a digit (Italy's "0" is part of the NSN, and
    Italy has no national prefix; Finland's "0" is a prefix, so Finland is formatted).

    `format_number` reads the formats of the country code's main region (the US for +1),
    or of the non-geographic entity (+800): so does this.
    """
    region = phonenumbers.region_code_for_country_code(country_code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
    if metadata is None:
        return False
    for number_format in metadata.number_format:
        pattern, template = number_format.pattern, number_format.format
        if pattern is None or template is None or not _ONLY_GROUPS.fullmatch(pattern):
            return False
        if not _writes_groups(template, re.compile(pattern).groups):
            return False
        rule = number_format.national_prefix_formatting_rule
        if rule and (_GROUP_REF.findall(rule) != ["1"] or any(c.isdigit() for c in _GROUP_REF.sub("", rule))):
            return False
    return True


def _writes_groups(template: str, groups: int) -> bool:
    """`template` writes groups 1 to `groups` once each, in order, and no digit of its own."""
    references = [int(ref) for ref in _GROUP_REF.findall(template)]
    return references == list(range(1, groups + 1)) and not any(c.isdigit() for c in _GROUP_REF.sub("", template))


def dial_string(number: str, country: str) -> str:
    """The number as a phone dials it from anywhere: "+390371948100" for "0371 948 100" in Italy.

    Clients often have a foreign SIM, which dials a bare national number abroad, so a
    valid national number gets its country code. Toll-free and other domestic-only
    numbers, and numbers the plan does not know, stay as written (digits and a leading +).
    """
    written = re.sub(r"[^\d+]", "", number)
    if written.startswith("00"):
        return "+" + written[2:]
    parsed = parse(number, country)
    if written.startswith("+") or parsed is None or not phonenumbers.is_valid_number(parsed):
        return written
    if phonenumbers.number_type(parsed) in _DOMESTIC_ONLY:
        return written
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def tel_uri(number: str, country: str) -> str | None:
    """The global `tel:` URI of a number (RFC 3966), or None when the plan cannot make it certain."""
    parsed = parse(number, country)
    if parsed is None:
        return None
    prefixed = number.strip().startswith("+") or digits(number).startswith("00")
    if not prefixed and not phonenumbers.is_valid_number(parsed):
        return None
    return "tel:" + phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
