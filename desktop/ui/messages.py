"""What a person reads when input breaks a rule: our own sentences, in their language.

Owns: `problem_text(problem)`, the one mapping from a broken rule (a pydantic error type
with its ctx, or one of our own rules) to a translated sentence, and `field_word`, the one
table that names the fields of the records in words ("phone" -> "Phone", "Puhelin").
`problems(error)` reads any error the store or a form raises as `Problem`s: a pydantic
ValidationError and a store RuleViolation carry them structured; nothing parses
pydantic's English.

Our own rules (the ValueErrors of `protocol.entities` and the store's RuleViolations)
are English sentences in the code that raises them, so they are matched here by their
exact text, or by a pattern for the few with a parameter; a test walks those modules and
checks that every one of them has a translation. A text that matches none (a form that
already translated its own message) is shown as it is.

Must never translate at import time, and never put the rejected input in a message (it
may be a name or a phone number that ends up in a screenshot or a support ticket).
"""

import re
from collections.abc import Callable, Iterable
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic.types import StringConstraints
from PySide6.QtCore import QCoreApplication

from desktop.store.errors import Problem, RuleViolation, problems_of
from desktop.ui import formats
from desktop.ui.i18n import QT_TRANSLATE_NOOP, TextContext
from desktop.ui.labels import label
from protocol import entities


class Messages(TextContext):
    """The "Messages" translation context, for the texts with a count: Qt's Python lupdate
    sees plural (%n) texts only in `X.tr(text, "", n)` calls."""


class _Words:
    """`_Words.translate("SyncWords", "literal")`: Qt's lupdate finds any `X.translate(...)` call
    with literal arguments, so these many short words stay findable in a compact form."""

    translate = staticmethod(QCoreApplication.translate)


# --- the fields, in words -----------------------------------------------------------------


def field_word(field: str, entity: str = "") -> str:
    """A field's name as a form would label it ("birth_year" -> "Year of birth"); a dotted path
    is named by its last named part ("phones.0.number" -> "Number", "location.municipality")."""
    parts = [part for part in field.split(".") if not part.isdigit()]
    if not parts:
        return ""
    specific = {
        ("intake_request", "alias"): _Words.translate("SyncWords", "Name or nickname"),
        ("intake_request", "kind"): _Words.translate("SyncWords", "Request"),
        ("relationship", "kind"): _Words.translate("SyncWords", "Relationship"),
        ("note", "kind"): _Words.translate("SyncWords", "Kind of note"),
        ("resource", "email"): _Words.translate("SyncWords", "Email"),
    }
    found = specific.get((entity, parts[-1]))
    return found if found is not None else _field_words().get(parts[-1], parts[-1].replace("_", " ").capitalize())


def named_fields() -> frozenset[str]:
    """The fields `field_word` has words for (a test checks every record field is among them)."""
    return frozenset(_field_words())


def _field_words() -> dict[str, str]:
    return {
        "kind": _Words.translate("SyncWords", "Kind"),
        "given_name": _Words.translate("SyncWords", "Given name"),
        "family_name": _Words.translate("SyncWords", "Family name"),
        "alias": _Words.translate("SyncWords", "Alias"),
        "birth_year": _Words.translate("SyncWords", "Year of birth"),
        "phone": _Words.translate("SyncWords", "Phone"),
        "email": _Words.translate("SyncWords", "Email"),
        "address": _Words.translate("SyncWords", "Address"),
        "municipality": _Words.translate("SyncWords", "Municipality"),
        "preferred_language": _Words.translate("SyncWords", "Preferred language"),
        "tags": _Words.translate("SyncWords", "Tags"),
        "team_id": _Words.translate("SyncWords", "Team"),
        "from_contact_id": _Words.translate("SyncWords", "From"),
        "to_contact_id": _Words.translate("SyncWords", "To"),
        "note": _Words.translate("SyncWords", "Note"),
        "contact_id": _Words.translate("SyncWords", "Contact"),
        "purpose": _Words.translate("SyncWords", "Purpose"),
        "scope": _Words.translate("SyncWords", "Scope"),
        "recipients": _Words.translate("SyncWords", "Recipients"),
        "method": _Words.translate("SyncWords", "How it was given"),
        "given_at": _Words.translate("SyncWords", "Given on"),
        "expires_at": _Words.translate("SyncWords", "Expires on"),
        "withdrawn_at": _Words.translate("SyncWords", "Withdrawn on"),
        "contact_ids": _Words.translate("SyncWords", "People"),
        "operator_id": _Words.translate("SyncWords", "Operator"),
        "starts_at": _Words.translate("SyncWords", "Starts"),
        "ends_at": _Words.translate("SyncWords", "Ends"),
        "time_zone": _Words.translate("SyncWords", "Time zone"),
        "place_kind": _Words.translate("SyncWords", "Place"),
        "location": _Words.translate("SyncWords", "Location"),
        "status": _Words.translate("SyncWords", "Status"),
        "topic": _Words.translate("SyncWords", "Topic"),
        "outcome_note": _Words.translate("SyncWords", "Outcome"),
        "reminder_minutes_before": _Words.translate("SyncWords", "Reminder (minutes before)"),
        "organization_name": _Words.translate("SyncWords", "Organisation"),
        "service_name": _Words.translate("SyncWords", "Service"),
        "description": _Words.translate("SyncWords", "Description"),
        "categories": _Words.translate("SyncWords", "Categories"),
        "keywords": _Words.translate("SyncWords", "Keywords"),
        "phones": _Words.translate("SyncWords", "Phone numbers"),
        "url": _Words.translate("SyncWords", "Website"),
        "opening_hours": _Words.translate("SyncWords", "Opening hours"),
        "eligibility": _Words.translate("SyncWords", "Who can use it"),
        "languages": _Words.translate("SyncWords", "Languages"),
        "last_verified_on": _Words.translate("SyncWords", "Last checked on"),
        "hsds_organization_id": _Words.translate("SyncWords", "Organisation code (HSDS)"),
        "hsds_service_id": _Words.translate("SyncWords", "Service code (HSDS)"),
        "hsds_location_id": _Words.translate("SyncWords", "Location code (HSDS)"),
        "body": _Words.translate("SyncWords", "Text"),
        "occurred_at": _Words.translate("SyncWords", "When"),
        "amends_note_id": _Words.translate("SyncWords", "Corrected note"),
        "resource_id": _Words.translate("SyncWords", "Service"),
        "consent_id": _Words.translate("SyncWords", "Consent"),
        "reason": _Words.translate("SyncWords", "Reason"),
        "contact_channel": _Words.translate("SyncWords", "How to reply"),
        "contact_detail": _Words.translate("SyncWords", "Reply to"),
        "preferred_times": _Words.translate("SyncWords", "Preferred times"),
        "slot_id": _Words.translate("SyncWords", "Time chosen"),
        "reply": _Words.translate("SyncWords", "Reply to the person"),
        "mode": _Words.translate("SyncWords", "How"),
        "place": _Words.translate("SyncWords", "Where or how"),
        "state": _Words.translate("SyncWords", "Availability"),
        "language": _Words.translate("SyncWords", "Language"),
        "consent_to_contact": _Words.translate("SyncWords", "Agreed to be contacted"),
        "may_say_who_from": _Words.translate("SyncWords", "May say who it is from"),
        "received_at": _Words.translate("SyncWords", "Received"),
        "reference": _Words.translate("SyncWords", "Reference code"),
        "hours_exceptions": _Words.translate("SyncWords", "Closing days and other hours"),
        "decline_reason": _Words.translate("SyncWords", "Reason for declining"),
        "spot_id": _Words.translate("SyncWords", "Spot"),
        # inside a directory service's location, phone numbers and opening hours
        "name": _Words.translate("SyncWords", "Name"),
        "address_1": _Words.translate("SyncWords", "Address"),
        "postal_code": _Words.translate("SyncWords", "Postal code"),
        "region": _Words.translate("SyncWords", "Region"),
        "country": _Words.translate("SyncWords", "Country"),
        "latitude": _Words.translate("SyncWords", "Latitude"),
        "longitude": _Words.translate("SyncWords", "Longitude"),
        "number": _Words.translate("SyncWords", "Number"),
        "weekday": _Words.translate("SyncWords", "Day"),
        "opens_at": _Words.translate("SyncWords", "Opens at"),
        "closes_at": _Words.translate("SyncWords", "Closes at"),
        # metadata, and inputs of the app's own forms
        "id": _Words.translate("SyncWords", "Record code"),
        "created_at": _Words.translate("SyncWords", "Created"),
        "updated_at": _Words.translate("SyncWords", "Last changed"),
        "recurrence": _Words.translate("SyncWords", "Repeats"),
        "frequency": _Words.translate("SyncWords", "Repeats"),
        "interval": _Words.translate("SyncWords", "Repeats every"),
        "until": _Words.translate("SyncWords", "Ends on"),
        "count": _Words.translate("SyncWords", "Number of meetings"),
        "exceptions": _Words.translate("SyncWords", "Skipped meetings"),
        "author_name": _Words.translate("SyncWords", "Written by"),
        "value": _Words.translate("SyncWords", "Value"),
        "resolution": _Words.translate("SyncWords", "Decision"),
        "conflict": _Words.translate("SyncWords", "Conflict"),
        "entry": _Words.translate("SyncWords", "Entry"),
        "directory": _Words.translate("SyncWords", "Directory"),
        "deleted": _Words.translate("SyncWords", "Deleted"),
        "author_operator_id": _Words.translate("SyncWords", "Author"),
        "author_device_id": _Words.translate("SyncWords", "Device"),
        "server_version": _Words.translate("SyncWords", "Version on the service"),
    }


# --- pydantic's rules, in our words --------------------------------------------------------


def _patterns_in(metadata: Iterable[object]) -> list[str]:
    """The StringConstraints patterns among a field's metadata, as the text pydantic reports."""
    return [
        meta.pattern if isinstance(meta.pattern, str) else meta.pattern.pattern
        for meta in metadata
        if isinstance(meta, StringConstraints) and meta.pattern
    ]


def _annotation_patterns(annotation: Any) -> list[str]:
    """Every StringConstraints pattern inside a field's annotation (Optional, list, Annotated)."""
    found = _patterns_in(getattr(annotation, "__metadata__", ()))
    for arg in get_args(annotation):
        found += _annotation_patterns(arg)
    return found


def _pattern_of(model: type[BaseModel], field: str) -> str:
    info = model.model_fields[field]  # a required field's constraints are in its metadata
    direct = _patterns_in(info.metadata)
    return (direct + _annotation_patterns(info.annotation))[0]


def _pattern_rules() -> dict[str, str]:
    """pattern -> source text of what it asks for; the patterns are read from the schemas,
    so a changed pattern is noticed by the test instead of silently shown as "not valid"."""
    return {
        _pattern_of(entities.Contact, "phone"): QT_TRANSLATE_NOOP(
            "Messages", "use only digits, spaces and the signs + ( ) . / -, for example +39 0371 123456."
        ),
        _pattern_of(entities.Contact, "email"): QT_TRANSLATE_NOOP(
            "Messages", "write an email address such as name@example.org."
        ),
        _pattern_of(entities.Contact, "preferred_language"): QT_TRANSLATE_NOOP(
            "Messages", "write a language code such as it, fi or en-GB."
        ),
        _pattern_of(entities.Contact, "tags"): QT_TRANSLATE_NOOP(
            "Messages", "a tag cannot start with a space or contain a comma."
        ),
        _pattern_of(entities.Resource, "url"): QT_TRANSLATE_NOOP(
            "Messages", "write a web address that starts with http:// or https://."
        ),
        _pattern_of(entities.ResourceLocation, "country"): QT_TRANSLATE_NOOP(
            "Messages", "write the two-letter country code in capitals, such as IT or FI."
        ),
        _pattern_of(entities.IntakeRequest, "reference"): QT_TRANSLATE_NOOP(
            "Messages", "the reference code has six characters, digits and the letters A to F."
        ),
    }


def _say(text: str) -> str:
    """One of this module's source texts (marked with QT_TRANSLATE_NOOP), translated now."""
    return QCoreApplication.translate("Messages", text)


def _n(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _number(value: object) -> str:
    return formats.number(value)


def _length_too_short(ctx: dict[str, Any]) -> str:
    if ctx.get("min_length", 1) == 1:
        return _say(_REQUIRED)
    return Messages.tr("write at least %n character(s).", "", _n(ctx.get("min_length")))


def _list_too_short(ctx: dict[str, Any]) -> str:
    if ctx.get("min_length", 1) == 1:
        return Messages.tr("choose at least one.")
    return Messages.tr("choose at least %n.", "", _n(ctx.get("min_length")))


def _pattern(ctx: dict[str, Any]) -> str:
    rule = _pattern_rules().get(str(ctx.get("pattern", "")))
    return _say(rule) if rule else QCoreApplication.translate("Messages", "this is not in the expected form.")


def _bound(text: str, value: object) -> str:
    return _say(text).replace("%1", _number(value))


_REQUIRED = QT_TRANSLATE_NOOP("Messages", "required; it cannot be left empty.")
_WHOLE = QT_TRANSLATE_NOOP("Messages", "write a whole number, such as 1984.")
_NUMBER = QT_TRANSLATE_NOOP("Messages", "write a number.")
_YES_NO = QT_TRANSLATE_NOOP("Messages", "answer yes or no.")
_CHOICE = QT_TRANSLATE_NOOP("Messages", "choose one of the values offered.")
_FROM_LIST = QT_TRANSLATE_NOOP("Messages", "choose one from the list.")
_DATE_TIME = QT_TRANSLATE_NOOP("Messages", "give a date and a time.")
_DATE = QT_TRANSLATE_NOOP("Messages", "give a date.")
_TIME = QT_TRANSLATE_NOOP("Messages", "give a time, such as 9:30.")
_INCOMPLETE = QT_TRANSLATE_NOOP("Messages", "these details are incomplete.")
_GONE = QT_TRANSLATE_NOOP("Messages", "what was chosen is no longer on this computer; choose again.")

# pydantic error type (or our own rule's code) -> the sentence, as a fixed source text…
_FIXED: dict[str, str] = {
    "missing": _REQUIRED,
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": _NUMBER,
    "bool_type": _YES_NO,
    "bool_parsing": _YES_NO,
    "string_type": QT_TRANSLATE_NOOP("Messages", "write it as text."),
    "literal_error": _CHOICE,
    "enum": _CHOICE,
    "uuid_type": _FROM_LIST,
    "uuid_parsing": _FROM_LIST,
    "uuid_version": _FROM_LIST,
    "is_instance_of": _FROM_LIST,  # strict mode: a UUID field given something else
    "datetime_type": _DATE_TIME,
    "datetime_parsing": _DATE_TIME,
    "datetime_from_date_parsing": _DATE_TIME,
    "timezone_aware": _DATE_TIME,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "time_type": _TIME,
    "time_parsing": _TIME,
    "list_type": QT_TRANSLATE_NOOP("Messages", "give a list."),
    "model_type": _INCOMPLETE,
    "model_attributes_type": _INCOMPLETE,
    "dict_type": _INCOMPLETE,
    "extra_forbidden": QT_TRANSLATE_NOOP("Messages", "this record has no such field."),
    "no_such_record": _GONE,
}
# …or made from the rule's ctx (lengths, bounds, patterns).
_FROM_CTX: dict[str, Callable[[dict[str, Any]], str]] = {
    "string_too_short": _length_too_short,
    "string_too_long": lambda ctx: Messages.tr("too long: at most %n character(s).", "", _n(ctx.get("max_length"))),
    "too_short": _list_too_short,
    "too_long": lambda ctx: Messages.tr("too many: at most %n.", "", _n(ctx.get("max_length"))),
    "string_pattern_mismatch": _pattern,
    "greater_than_equal": lambda ctx: _bound(QT_TRANSLATE_NOOP("Messages", "must be at least %1."), ctx.get("ge")),
    "greater_than": lambda ctx: _bound(QT_TRANSLATE_NOOP("Messages", "must be more than %1."), ctx.get("gt")),
    "less_than_equal": lambda ctx: _bound(QT_TRANSLATE_NOOP("Messages", "must be at most %1."), ctx.get("le")),
    "less_than": lambda ctx: _bound(QT_TRANSLATE_NOOP("Messages", "must be less than %1."), ctx.get("lt")),
}


def _fixed(text: str) -> Callable[[dict[str, Any]], str]:
    return lambda ctx: _say(text)


_BY_TYPE: dict[str, Callable[[dict[str, Any]], str]] = {
    **{code: _fixed(text) for code, text in _FIXED.items()},
    **_FROM_CTX,
}


# --- our own rules ---------------------------------------------------------------------------------


def _status(kind: str) -> Callable[[re.Match[str]], str]:
    return lambda match: label(kind, match.group(1))


# Exact English rule text (as raised by protocol.entities and desktop.store) -> source text.
_OWN_RULES: dict[str, str] = {
    "give both times, or neither for a closed day": QT_TRANSLATE_NOOP(
        "Messages", "give both the opening and the closing time, or neither for a closed day."
    ),
    "a shift needs an area: municipalities or a route name": QT_TRANSLATE_NOOP(
        "Messages", "a shift needs an area: one or more municipalities, or the name of a route."
    ),
    "must not be earlier than started_at": QT_TRANSLATE_NOOP("Messages", "cannot be earlier than the start."),
    "linking an encounter to a contact is not available yet; use the anonymous code": QT_TRANSLATE_NOOP(
        "Messages", "an encounter cannot be linked to a contact yet; use the anonymous code."
    ),
    "must name each supply item once": QT_TRANSLATE_NOOP("Messages", "name each supply item only once."),
    "give a spot or a municipality, not both": QT_TRANSLATE_NOOP(
        "Messages", "give the spot or the municipality where it happened, not both."
    ),
    "outside the area the directory covers": QT_TRANSLATE_NOOP(
        "Messages", "this point is outside the area the directory covers."
    ),
    "only returned sharps are weighed": QT_TRANSLATE_NOOP("Messages", "only returned sharps are weighed."),
    "give a count or a weight, not both": QT_TRANSLATE_NOOP("Messages", "give a count or a weight, not both."),
    "required": QT_TRANSLATE_NOOP("Messages", "this is required."),
    "only a move names another team": QT_TRANSLATE_NOOP("Messages", "only a move between teams names another team."),
    "a move goes to another team": QT_TRANSLATE_NOOP("Messages", "a move goes to another team, not to this one."),
    "shifts need an enrolled operator; run `prossimo enroll` first": QT_TRANSLATE_NOOP(
        "Messages", "a shift needs an enrolled operator: connect this computer to the service first."
    ),
    "only the shift's members may change it": QT_TRANSLATE_NOOP(
        "Messages", "only the people on this shift may change it."
    ),
    "this shift has already ended": QT_TRANSLATE_NOOP("Messages", "this shift has already ended."),
    "this shift has ended; give the encounter's time to add it after the fact": QT_TRANSLATE_NOOP(
        "Messages", "this shift has ended; give the time of the encounter to add it afterwards."
    ),
    "must be a UUIDv7": QT_TRANSLATE_NOOP("Messages", "this record code is not valid."),
    "must not be earlier than created_at": QT_TRANSLATE_NOOP(
        "Messages", "cannot be earlier than when the record was created."
    ),
    "must contain between 5 and 20 digits": QT_TRANSLATE_NOOP(
        "Messages", "a phone number has between 5 and 20 digits."
    ),
    "must not contain duplicates": QT_TRANSLATE_NOOP("Messages", "each one only once, please."),
    "must not be earlier than the first meeting's date": QT_TRANSLATE_NOOP(
        "Messages", "the series cannot end before its first meeting."
    ),
    "a repeating appointment ends on a date (until) or after a number of times (count): give one of the two": QT_TRANSLATE_NOOP(  # noqa: E501 - the key is the rule's exact text
        "Messages", "a repeating appointment ends on a date or after a number of meetings: choose one of the two."
    ),
    "a person needs a given name, a family name or an alias": QT_TRANSLATE_NOOP(
        "Messages", "write a given name, a family name or an alias."
    ),
    "required for a pseudonymous contact": QT_TRANSLATE_NOOP("Messages", "a pseudonymous contact needs an alias."),
    "a pseudonymous contact has an alias only, no names": QT_TRANSLATE_NOOP(
        "Messages", "a pseudonymous contact has an alias only, no names."
    ),
    "must differ from from_contact_id": QT_TRANSLATE_NOOP(
        "Messages", "choose someone other than the contact themselves."
    ),
    "must be later than given_at": QT_TRANSLATE_NOOP("Messages", "must be after the day the consent was given."),
    "must not be earlier than given_at": QT_TRANSLATE_NOOP(
        "Messages", "cannot be earlier than the day the consent was given."
    ),
    "must be an IANA time zone name such as Europe/Rome": QT_TRANSLATE_NOOP(
        "Messages", "choose a time zone such as Europe/Rome."
    ),
    "must be later than starts_at": QT_TRANSLATE_NOOP("Messages", "must be after the start."),
    "must be later than opens_at": QT_TRANSLATE_NOOP("Messages", "must be after the opening time."),
    "latitude and longitude go together": QT_TRANSLATE_NOOP(
        "Messages", "give both latitude and longitude, or neither."
    ),
    "only set when status is declined": QT_TRANSLATE_NOOP("Messages", "only for a declined request."),
    "must be empty when contact_channel is none": QT_TRANSLATE_NOOP(
        "Messages", "leave this empty when the person does not want to be contacted."
    ),
    "must be an email address": QT_TRANSLATE_NOOP("Messages", "write an email address such as name@example.org."),
    "only a booking request holds a slot": QT_TRANSLATE_NOOP("Messages", "only a booking request has a time chosen."),
    "a slot lasts at most 12 hours": QT_TRANSLATE_NOOP("Messages", "a time offered lasts at most 12 hours."),
    # desktop.store
    "choose the consent this referral rests on": QT_TRANSLATE_NOOP(
        "Messages", "choose the consent this referral rests on."
    ),
    "this consent belongs to someone else": QT_TRANSLATE_NOOP("Messages", "this consent belongs to someone else."),
    "this consent does not allow a referral now": QT_TRANSLATE_NOOP(
        "Messages", "this consent does not allow a referral now."
    ),
    "either create a new contact or choose an existing one": QT_TRANSLATE_NOOP(
        "Messages", "create a new contact or choose an existing one."
    ),
    "this request has already been handled": QT_TRANSLATE_NOOP("Messages", "this request has already been handled."),
    "say why the request is declined": QT_TRANSLATE_NOOP("Messages", "say why the request is declined."),
    "a help-desk request holds this slot: confirm or decline it first": QT_TRANSLATE_NOOP(
        "Messages", "a help-desk request has chosen this time: confirm or decline it in Intake first."
    ),
    "only a booking request with a slot is confirmed": QT_TRANSLATE_NOOP(
        "Messages", "only a booking request with a time chosen can be confirmed."
    ),
    "write a message to the person": QT_TRANSLATE_NOOP("Messages", "write a message to the person."),
    "this record is already on this computer": QT_TRANSLATE_NOOP(
        "Messages", "this record is already on this computer."
    ),
    "set by the store, not by the caller": QT_TRANSLATE_NOOP("Messages", "this is filled in by the app."),
    "not searchable": QT_TRANSLATE_NOOP("Messages", "this list cannot be searched."),
    "already resolved": QT_TRANSLATE_NOOP("Messages", "this conflict has already been decided."),
    "must be kept, other or edited": QT_TRANSLATE_NOOP("Messages", "choose which value to keep."),
    "required when the resolution is edited": QT_TRANSLATE_NOOP("Messages", "type the value to keep."),
}

# Our own rules with a parameter: (pattern, source text with %1, how to say the parameter).
_OWN_PATTERNS: list[tuple[re.Pattern[str], str, Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"must be at most (\d+)"),
        QT_TRANSLATE_NOOP("Messages", "must be at most %1."),
        lambda match: match.group(1),
    ),  # a year: written without a thousands separator
    (
        re.compile(r"required when status is converted"),
        QT_TRANSLATE_NOOP("Messages", "choose the contact the request became."),
        lambda match: "",
    ),
    (
        re.compile(r"required when status is (\w+)"),
        QT_TRANSLATE_NOOP("Messages", "required when the status is \u201c%1\u201d."),
        _status("referral_status"),
    ),
    (
        re.compile(r"required to be reached by (\w+)"),
        QT_TRANSLATE_NOOP("Messages", "the person must agree to be contacted (%1)."),
        _status("intake_channel"),
    ),
    (
        re.compile(r"required when contact_channel is (\w+)"),
        QT_TRANSLATE_NOOP("Messages", "required to reply this way (%1)."),
        _status("intake_channel"),
    ),
    (re.compile(r"no (\w+) with id \S+"), _GONE, lambda m: ""),
    # protocol.client_codes: an answer to the code recipe, or a code as typed (issue 18)
    (
        re.compile(r"needs at least (\d+) letters \(A-Z, accents ignored\)"),
        QT_TRANSLATE_NOOP("Messages", "needs at least %1 letters (accents do not count)."),
        lambda match: match.group(1),
    ),
    (
        re.compile(r"must be a whole number from (\d+) to (\d+)"),
        QT_TRANSLATE_NOOP("Messages", "must be a whole number in the range %1."),
        lambda match: f"{match.group(1)}\u2013{match.group(2)}",
    ),
    (
        re.compile(r"must be one of F, M, X"),
        QT_TRANSLATE_NOOP("Messages", "write F, M or X."),
        lambda match: "",
    ),
    (
        re.compile(r"must be (\d+) characters of [0-9A-Z]+ \(groups of \d+\)"),
        QT_TRANSLATE_NOOP("Messages", "a code has %1 letters and digits, in groups of four."),
        lambda match: match.group(1),
    ),
    (
        re.compile(r"a change refused as (\w+) would be refused again"),
        QT_TRANSLATE_NOOP("Messages", "the service would refuse this change again; change it first."),
        lambda m: "",
    ),
    (
        re.compile(r"cannot \w+: .+"),  # an append-only record (a case note, a stock movement)
        QT_TRANSLATE_NOOP("Messages", "this record cannot be changed or removed; add a new one that corrects it."),
        lambda m: "",
    ),
    (
        re.compile(r"case notes are append-only and cannot \w+;.*"),
        QT_TRANSLATE_NOOP("Messages", "a case note cannot be changed; add a correction instead."),
        lambda m: "",
    ),
    (
        re.compile(r"this profile is connected to the organisation's service, which keeps the directory;.*"),
        QT_TRANSLATE_NOOP(
            "Messages",
            "this computer receives the directory from the organisation's service; files are imported there.",
        ),
        lambda m: "",
    ),
]


def own_rule_text(rule: str) -> str | None:
    """Our translation of one of our own English rules, None when it is not one of ours."""
    rule = rule.strip()
    if rule in _OWN_RULES:
        return _say(_OWN_RULES[rule])
    if rule.startswith("contact_detail: "):  # a phone rule nested in the intake's rule
        return own_rule_text(rule.removeprefix("contact_detail: "))
    for pattern, text, parameter in _OWN_PATTERNS:
        match = pattern.fullmatch(rule)
        if match:
            return _say(text).replace("%1", parameter(match))
    return None


# --- reading errors -----------------------------------------------------------------------------


def _entity_of(error: ValidationError) -> str:
    model = next((m for m in entities.ENTITY_TYPES.values() if m.__name__ == error.title), None)
    return model.ENTITY if model is not None else ""


def problems(error: BaseException) -> list[Problem]:
    """The broken rules of any error a form shows, one by one."""
    if isinstance(error, ValidationError):
        found = problems_of(error, _entity_of(error))
        # A cross-field rule names its field in its text ("ends_at: must be later…").
        return [_split_named_rule(problem) for problem in found]
    if isinstance(error, RuleViolation):
        return [_split_named_rule(problem) for problem in error.problems]
    return list(RuleViolation(str(error)).problems)  # "field: text" lines a form wrote itself


def _split_named_rule(problem: Problem) -> Problem:
    if problem.type != "value_error" or problem.field:
        return problem
    name, sep, rule = problem.rule.partition(": ")
    if sep and " " not in name:
        return Problem(field=name, type=problem.type, rule=rule, ctx=problem.ctx, entity=problem.entity)
    return problem


def problem_text(problem: Problem) -> str:
    """The sentence for one problem, in the UI's language, without the field's name."""
    if problem.type in _BY_TYPE:
        return _BY_TYPE[problem.type](dict(problem.ctx))
    own = own_rule_text(problem.rule)
    if own is not None:
        return own
    if problem.type == "rule":
        return problem.rule  # a form's own message, already in the operator's language
    return QCoreApplication.translate("Messages", "this is not valid.")


def with_field(problem: Problem, text: str | None = None) -> str:
    """ "Phone: use only digits…", the sentence naming its field in words."""
    text = problem_text(problem) if text is None else text
    if not problem.field:
        return text
    entry = problem.ctx.get("entry")
    name = field_word(problem.field, problem.entity)
    if isinstance(entry, int):
        entry_text = QCoreApplication.translate("Messages", "Entry %1, %2: %3")
        return entry_text.replace("%1", str(entry)).replace("%2", name).replace("%3", text)
    return QCoreApplication.translate("Messages", "%1: %2").replace("%1", name).replace("%2", text)
