"""How a directory entry's fields read for people: one rule for the detail pane and the review queue.

Owns: `hours_text`, `phone_text`, `exceptions_text` and `field_text` (any content field of
`Resource`, from the protocol's JSON: what the review queue receives), and `field_name` (a
field's name, from desktop.ui.messages' table). The texts are in the "ResourceDetail"
translation context, the detail pane's, so both screens say the same words.
Must never raise on a value it cannot read (a newer service's field): it shows it as text.
"""

import datetime as dt
from collections import defaultdict
from typing import Any

import pydantic
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desktop.ui import formats, labels
from desktop.ui.messages import field_word
from protocol import Resource
from protocol.directory import coming_exceptions
from protocol.entities import OpeningException, OpeningHours, ResourceLocation, ResourcePhone


def time_text(value: dt.time) -> str:
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


def date_text(value: dt.date) -> str:
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def weekly_hours(hours: list[OpeningHours]) -> list[tuple[int, list[tuple[dt.time, dt.time]]]]:
    """Opening slots grouped by ISO weekday, Monday first, each day's slots in order."""
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = defaultdict(list)
    for slot in hours:
        by_day[slot.weekday].append((slot.opens_at, slot.closes_at))
    return [(day, sorted(by_day[day])) for day in sorted(by_day)]


def _span(opens: dt.time, closes: dt.time) -> str:
    return QCoreApplication.translate("ResourceDetail", "{opens}–{closes}").format(
        opens=time_text(opens), closes=time_text(closes)
    )


def hours_text(hours: list[OpeningHours]) -> str:
    lines = []
    for day, slots in weekly_hours(hours):
        spans = ", ".join(_span(a, b) for a, b in slots)
        lines.append(
            QCoreApplication.translate("ResourceDetail", "{weekday}: {spans}").format(
                weekday=labels.label("weekday", day), spans=spans
            )
        )
    return "\n".join(lines)


def exceptions_text(exceptions: list[OpeningException], today: dt.date | None = None) -> str:
    """One line per day that differs from the weekly hours (from `today` on; None: all of them)."""
    lines = []
    for day, ranges in coming_exceptions(exceptions, today):
        what = (
            ", ".join(_span(a, b) for a, b in ranges)
            if ranges
            else QCoreApplication.translate("ResourceDetail", "closed")
        )
        lines.append(
            QCoreApplication.translate("ResourceDetail", "{date}: {hours}").format(date=date_text(day), hours=what)
        )
    return "\n".join(lines)


def phone_text(phone: ResourcePhone) -> str:
    text = QCoreApplication.translate("ResourceDetail", "{number} ({kind})").format(
        number=phone.number, kind=labels.label("phone_kind", phone.kind)
    )
    return f"{text} — {phone.description}" if phone.description else text


def address_text(location: ResourceLocation) -> str:
    if not (location.name or location.address_1 or location.postal_code):
        return ""  # the municipality alone is shown on its own row
    town = " ".join(part for part in (location.postal_code, location.municipality) if part)
    return ", ".join(part for part in (location.name, location.address_1, town, location.region) if part)


def coordinates_text(location: ResourceLocation) -> str:
    if location.latitude is None or location.longitude is None:
        return ""
    locale = QLocale()
    return f"{locale.toString(location.latitude, 'f', 5)}, {locale.toString(location.longitude, 'f', 5)}"


def field_name(field: str) -> str:
    """A `resource` field's name in words: desktop.ui.messages' one table of field names."""
    return field_word(field, "resource")


def field_text(field: str, value: Any) -> str:
    """A field's value as the protocol's JSON, as people read it ("" when empty)."""
    if value in (None, [], ""):
        return ""
    info = Resource.model_fields.get(field)
    if info is None or info.annotation is None:
        return str(value)
    try:
        # Read by the protocol's own rules (JSON mode: times and dates from their strings).
        typed = pydantic.TypeAdapter(info.annotation).validate_json(pydantic.TypeAdapter(Any).dump_json(value))
    except pydantic.ValidationError:
        return str(value)
    if field == "opening_hours":
        return hours_text(typed)
    if field == "hours_exceptions":
        return exceptions_text(typed)
    if field == "phones":
        return "\n".join(phone_text(p) for p in typed)
    if field == "location":
        place = [address_text(typed) or typed.municipality, coordinates_text(typed)]
        return "\n".join(part for part in place if part)
    if field == "categories":
        return ", ".join(labels.label("resource_category", c) for c in typed)
    if field == "languages":
        return ", ".join(formats.language_name(tag) for tag in typed)
    if isinstance(typed, dt.date):
        return date_text(typed)
    if isinstance(typed, list):
        return ", ".join(str(item) for item in typed)
    return str(typed)
