"""The partner's editing forms: what each section's form shows, and a posted form read into
directory changes or into errors beside its fields.

Owns: the sections (`SECTIONS`: the weekly hours with their exceptions, the place, the phones,
the rest of the description), the form's field names, the values a form shows (`shown`), and
reading a post (`read`) into the `Resource` fields `central.directory.change_resource` applies,
or into messages in the page's language keyed by the field they belong beside. The rules are the
protocol's, asked here and not restated: `OpeningHours` and `OpeningException` (closes after it
opens), `ResourceLocation`, `ResourcePhone` and the other `Resource` field types (pydantic),
`protocol.phones.is_valid` (libphonenumber), `protocol.gazetteer.find` and `in_area`.
Must never raise on what a partner typed, never log a value, and never change a field that is
not its section's (the provider's name and the HSDS ids are IT's).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from babel import Locale
from babel.dates import get_day_names
from pydantic import TypeAdapter, ValidationError

from central.partners.i18n import translations
from protocol import gazetteer, phones
from protocol.entities import (
    Email,
    LongText,
    OpeningException,
    OpeningHours,
    Resource,
    ResourceLocation,
    ResourcePhone,
    ShortText,
    Url,
)

SECTIONS = ("hours", "place", "phones", "about")
RANGES_SHOWN, MOST_RANGES = 2, 4  # a day's rows: two, or one more than it has, up to 4 (28 a week)
EXCEPTIONS_BLANK = 2  # empty exception rows under the ones the service has
PHONES_BLANK = 1
MOST_PHONES = 10  # Resource.phones' max_length
MOST_EXCEPTIONS = 60  # Resource.hours_exceptions' max_length
# The languages offered as boxes to tick (those most asked for around Lodi); any other the entry
# already has is shown too, so saving never drops it.
LANGUAGE_CHOICES = ("it", "en", "fr", "es", "ar", "ro", "sq", "uk", "ru", "zh", "pa", "ur")
PHONE_KINDS = ("voice", "text", "hotline", "fax")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_SHORT, _LONG, _EMAIL = TypeAdapter(ShortText), TypeAdapter(LongText), TypeAdapter(Email)
_URL = TypeAdapter(Url)


@dataclass
class Outcome:
    """A read form: the changes to apply when `errors` is empty; else the messages by field."""

    changes: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def clock_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def parse_time(text: str) -> dt.time | None:
    """ "9", "9.30", "09:30" or a time input's "09:30[:00]"; None if it is no time of day."""
    found = _TIME.match(text.strip())
    if not found:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    return dt.time(hours, minutes) if hours < 24 and minutes < 60 else None


def parse_date(text: str) -> dt.date | None:
    """A date input's 2026-12-24, or 24/12/2026 as people write it; None if it is no date."""
    text = text.strip()
    try:
        found = _DMY.match(text)
        if found:
            return dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_degrees(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None  # not NaN, not infinite


def day_names(language: str) -> list[str]:
    """Monday first, as the page's language writes them, capitalised for a label."""
    names = get_day_names("wide", locale=language)
    return [names[index][:1].upper() + names[index][1:] for index in range(7)]


def language_name(code: str, language: str) -> str:
    name = Locale.parse(language).languages.get(code.split("-")[0])
    return (name[:1].upper() + name[1:]) if name else code


# --- what the forms show --------------------------------------------------------------------


def shown(section: str, resource: Resource, language: str) -> dict[str, Any]:
    """The values a section's form starts with: the entry as it is."""
    if section == "hours":
        values: dict[str, Any] = {}
        for day in range(1, 8):
            slots = sorted((s for s in resource.opening_hours if s.weekday == day), key=lambda s: s.opens_at)
            for index, slot in enumerate(slots):
                values[f"d{day}-{index}-o"], values[f"d{day}-{index}-c"] = (
                    clock_text(slot.opens_at),
                    clock_text(slot.closes_at),
                )
        for index, exception in enumerate(
            sorted(resource.hours_exceptions, key=lambda e: (e.date, e.opens_at or dt.time()))
        ):
            values[f"x{index}-date"] = exception.date.isoformat()
            values[f"x{index}-o"], values[f"x{index}-c"] = (
                clock_text(exception.opens_at),
                clock_text(exception.closes_at),
            )
        return values
    if section == "place":
        loc = resource.location
        return {
            "name": loc.name or "",
            "address": loc.address_1 or "",
            "postal_code": loc.postal_code or "",
            "municipality": loc.municipality,
            "latitude": "" if loc.latitude is None else f"{loc.latitude:.5f}",
            "longitude": "" if loc.longitude is None else f"{loc.longitude:.5f}",
        }
    if section == "phones":
        values = {}
        for index, phone in enumerate(resource.phones):
            values[f"p{index}-number"], values[f"p{index}-kind"] = phone.number, phone.kind
            values[f"p{index}-description"] = phone.description or ""
        return values
    values = {
        "description": resource.description or "",
        "eligibility": resource.eligibility or "",
        "email": resource.email or "",
        "url": resource.url or "",
    }
    values.update({f"lang-{code}": "on" for code in resource.languages})
    return values


_EXCEPTION_KEY = re.compile(r"^x(\d{1,3})-(?:date|o|c)$")
_PHONE_KEY = re.compile(r"^p(\d{1,3})-(?:number|description)$")


def _rows_used(values: dict[str, Any], key: "re.Pattern[str]") -> int:
    """One past the last row of a repeated part that holds something (the form's own names
    only: a made-up field counts for nothing)."""
    rows = [int(found.group(1)) + 1 for name, value in values.items() if value and (found := key.match(name))]
    return max(rows, default=0)


def layout(section: str, resource: Resource, values: dict[str, Any], language: str) -> dict[str, Any]:
    """How many rows each repeated part of the form has, and the labels it needs."""
    if section == "hours":
        rows = []
        for day, name in enumerate(day_names(language), start=1):
            used = max(
                (i + 1 for i in range(MOST_RANGES) if values.get(f"d{day}-{i}-o") or values.get(f"d{day}-{i}-c")),
                default=0,
            )
            rows.append((day, name, range(min(MOST_RANGES, max(RANGES_SHOWN, used + 1)))))
        used = _rows_used(values, _EXCEPTION_KEY)
        return {"days": rows, "exceptions": range(min(MOST_EXCEPTIONS, used) + EXCEPTIONS_BLANK)}
    if section == "phones":
        used = _rows_used(values, _PHONE_KEY)
        return {"phones": range(min(MOST_PHONES, used + PHONES_BLANK))}
    if section == "about":
        codes = list(LANGUAGE_CHOICES) + [c for c in resource.languages if c not in LANGUAGE_CHOICES]
        return {"languages": [(code, language_name(code, language)) for code in codes]}
    return {"municipalities": [m.name for m in gazetteer.municipalities()]}


# --- reading a post ---------------------------------------------------------------------------


def read(section: str, fields: dict[str, str], resource: Resource, language: str) -> Outcome:
    _ = translations(language).gettext
    reader = {"hours": _hours, "place": _place, "phones": _phones, "about": _about}[section]
    return reader(fields, resource, _, language)


Gettext = Callable[[str], str]
Built = TypeVar("Built", OpeningHours, OpeningException)


def _range(
    opens_text: str, closes_text: str, label: str, _: Gettext, build: Callable[[dt.time, dt.time], Built]
) -> tuple[Built | None, str | None]:
    """One open-close pair of a form: the protocol object `build` makes, or the message."""
    opens, closes = parse_time(opens_text), parse_time(closes_text)
    if (opens_text and opens is None) or (closes_text and closes is None):
        return None, _("{where}: write the times as 09:00.").format(where=label)
    if opens is None or closes is None:
        return None, _("{where}: give both the opening and the closing time.").format(where=label)
    try:
        return build(opens, closes), None
    except ValidationError:  # the protocol's one rule here: it closes after it opens
        message = _("{where}: it closes at {closes}, before it opens at {opens}.")
        return None, message.format(where=label, opens=clock_text(opens), closes=clock_text(closes))


def _weekly(weekday: int, opens: dt.time, closes: dt.time) -> OpeningHours:
    return OpeningHours(weekday=weekday, opens_at=opens, closes_at=closes)


def _exception(when: dt.date, opens: dt.time, closes: dt.time) -> OpeningException:
    return OpeningException(date=when, opens_at=opens, closes_at=closes)


def _hours(fields: dict[str, str], resource: Resource, _: Gettext, language: str) -> Outcome:
    outcome = Outcome()
    slots: list[OpeningHours] = []
    for day, name in enumerate(day_names(language), start=1):
        for index in range(MOST_RANGES):
            opens_text = fields.get(f"d{day}-{index}-o", "").strip()[:10]
            closes_text = fields.get(f"d{day}-{index}-c", "").strip()[:10]
            if not opens_text and not closes_text:
                continue
            label = _("{day}, hours {number}").format(day=name, number=index + 1)
            slot, problem = _range(opens_text, closes_text, label, _, partial(_weekly, day))
            if slot is None:
                outcome.errors[f"d{day}-{index}"] = problem or ""
            else:
                slots.append(slot)
    exceptions: list[OpeningException] = []
    index = 0
    while f"x{index}-date" in fields and index < 100:
        date_text = fields.get(f"x{index}-date", "").strip()[:20]
        opens_text = fields.get(f"x{index}-o", "").strip()[:10]
        closes_text = fields.get(f"x{index}-c", "").strip()[:10]
        label = _("Exception {number}").format(number=index + 1)
        key, index = f"x{index}", index + 1
        if not date_text:
            if opens_text or closes_text:
                outcome.errors[key] = _("{where}: give the date.").format(where=label)
            continue  # an empty row, or one emptied to remove it
        when = parse_date(date_text)
        if when is None:
            outcome.errors[key] = _("{where}: write the date as 24/12/2026.").format(where=label)
            continue
        if not opens_text and not closes_text:
            exceptions.append(OpeningException(date=when))
            continue
        exception, problem = _range(opens_text, closes_text, label, _, partial(_exception, when))
        if exception is None:
            outcome.errors[key] = problem or ""
        else:
            exceptions.append(exception)
    if len(exceptions) > MOST_EXCEPTIONS:
        outcome.errors["exceptions"] = _("Exceptions: at most {count}.").format(count=MOST_EXCEPTIONS)
    slots.sort(key=lambda s: (s.weekday, s.opens_at))
    exceptions.sort(key=lambda e: (e.date, e.opens_at or dt.time()))
    outcome.changes = {"opening_hours": slots, "hours_exceptions": exceptions}
    return outcome


def _short(fields: dict[str, str], name: str, label: str, outcome: Outcome, _: Gettext) -> str | None:
    text = fields.get(name, "").strip()
    if not text:
        return None
    try:
        return _SHORT.validate_python(text)
    except ValidationError:
        outcome.errors[name] = _("{field}: at most {count} characters.").format(field=label, count=300)
        return None


def _place(fields: dict[str, str], resource: Resource, _: Gettext, language: str) -> Outcome:
    outcome = Outcome()
    name = _short(fields, "name", _("Name of the place"), outcome, _)
    address = _short(fields, "address", _("Address"), outcome, _)
    postal_code = fields.get("postal_code", "").strip()
    if len(postal_code) > 20:
        outcome.errors["postal_code"] = _("{field}: at most {count} characters.").format(
            field=_("Postal code"), count=20
        )
    typed = fields.get("municipality", "").strip()[:100]
    municipality = gazetteer.find(typed)
    if not typed:
        outcome.errors["municipality"] = _("Municipality: required.")
    elif municipality is None:
        outcome.errors["municipality"] = _("Municipality: “{name}” is not one of the area's municipalities.").format(
            name=typed
        )
    lat_text, lon_text = fields.get("latitude", "").strip()[:30], fields.get("longitude", "").strip()[:30]
    latitude, longitude = parse_degrees(lat_text), parse_degrees(lon_text)
    if (lat_text and latitude is None) or (lon_text and longitude is None):
        outcome.errors["coordinates"] = _("Coordinates: write them as numbers, such as 45.3098 and 9.5021.")
    elif bool(lat_text) != bool(lon_text):
        outcome.errors["coordinates"] = _("Coordinates: give both the latitude and the longitude, or neither.")
    elif latitude is not None and longitude is not None and not gazetteer.in_area(latitude, longitude):
        outcome.errors["coordinates"] = _("Coordinates: this point is outside the area the directory covers.")
    if outcome.errors or municipality is None:
        return outcome
    try:
        location = ResourceLocation.model_validate(
            {
                **resource.location.model_dump(),
                "name": name,
                "address_1": address,
                "postal_code": postal_code or None,
                "municipality": municipality.name,
                "latitude": latitude,
                "longitude": longitude,
            }
        )
    except ValidationError:
        outcome.errors["coordinates"] = _("Coordinates: give both the latitude and the longitude, or neither.")
        return outcome
    outcome.changes = {"location": location}
    return outcome


def _phones(fields: dict[str, str], resource: Resource, _: Gettext, language: str) -> Outcome:
    outcome = Outcome()
    found: list[ResourcePhone] = []
    country = resource.location.country
    for index in range(MOST_PHONES):
        number = fields.get(f"p{index}-number", "").strip()[:40]
        description = fields.get(f"p{index}-description", "").strip()
        kind = fields.get(f"p{index}-kind", "voice")
        label = _("Phone {number}").format(number=index + 1)
        if not number:
            if description:
                outcome.errors[f"p{index}-number"] = _("{where}: write the number.").format(where=label)
            continue
        try:
            phone = ResourcePhone(
                number=number,
                kind=kind if kind in PHONE_KINDS else "voice",  # type: ignore[arg-type]
                description=description or None,
            )
        except ValidationError as exc:
            where = {str(error["loc"][0]) for error in exc.errors(include_input=False)}
            if "description" in where and "number" not in where:
                message = _("{field}: at most {count} characters.")
                outcome.errors[f"p{index}-number"] = message.format(field=label, count=300)
                continue
            phone = None
        if phone is None or not phones.is_valid(number, country):
            message = _("{where}: this is not a number that can be dialled. Check the digits and the area code.")
            outcome.errors[f"p{index}-number"] = message.format(where=label)
            continue
        found.append(phone)
    outcome.changes = {"phones": found}
    return outcome


def _about(fields: dict[str, str], resource: Resource, _: Gettext, language: str) -> Outcome:
    outcome = Outcome()
    changes: dict[str, Any] = {}
    for name, label in (("description", _("Description")), ("eligibility", _("Who can use it"))):
        text = fields.get(name, "").strip()
        try:
            changes[name] = _LONG.validate_python(text) if text else None
        except ValidationError:
            outcome.errors[name] = _("{field}: at most {count} characters.").format(field=label, count=20_000)
    email = fields.get("email", "").strip()
    try:
        changes["email"] = _EMAIL.validate_python(email) if email else None
    except ValidationError:
        outcome.errors["email"] = _("E-mail: not an e-mail address, such as info@example.org.")
    url = fields.get("url", "").strip()
    try:
        changes["url"] = _URL.validate_python(url) if url else None
    except ValidationError:
        outcome.errors["url"] = _("Web site: write the whole address, starting with https://.")
    codes = list(LANGUAGE_CHOICES) + [c for c in resource.languages if c not in LANGUAGE_CHOICES]
    changes["languages"] = [code for code in codes if fields.get(f"lang-{code}") == "on"]
    outcome.changes = changes
    return outcome
