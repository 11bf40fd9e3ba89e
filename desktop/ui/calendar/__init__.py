"""The Calendar screen, and the small things every time-showing screen shares.

Owns: which zone "local time" is (`local_zone`, `zone_name`), how a time, a date
and a time range are written (`QLocale` formats), and the colour of each
appointment status. `CalendarPage` lives in `desktop.ui.calendar.page`.

Must never run SQL (queries live in `desktop.store.calendar_queries`) and never
format a time without converting it to the local zone first: appointments are
stored as UTC instants.
"""

import datetime as dt
import zoneinfo

from PySide6.QtCore import QDate, QLocale, QTime, QTimeZone
from PySide6.QtGui import QColor

from desktop.ui.context import UiContext

FALLBACK_ZONE = "Europe/Rome"


def local_zone(context: UiContext) -> dt.tzinfo:
    """The zone the UI shows times in: the clock's, when it is a named zone (tests and
    screenshots pin one), else the system's named zone, else the clock's fixed offset."""
    zone = context.clock().tzinfo
    if isinstance(zone, zoneinfo.ZoneInfo):
        return zone
    try:
        return zoneinfo.ZoneInfo(bytes(QTimeZone.systemTimeZoneId().data()).decode())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, UnicodeDecodeError):
        return zone or dt.UTC


def zone_name(context: UiContext) -> str:
    """The IANA name stored as a new appointment's `time_zone`."""
    zone = local_zone(context)
    return zone.key if isinstance(zone, zoneinfo.ZoneInfo) else FALLBACK_ZONE


def local_now(context: UiContext) -> dt.datetime:
    return context.clock().astimezone(local_zone(context))


def time_text(value: dt.datetime | dt.time) -> str:
    """ "10:00" (or "10:00 AM"), as the operator's locale writes a short time; give local times."""
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


def range_text(start: dt.datetime, end: dt.datetime) -> str:
    """ "10:00–11:00"; an end on a later day gets its date ("23:00–01:00 (Tue 24)")."""
    text = f"{time_text(start)}–{time_text(end)}"
    if end.date() != start.date() and not (end.time() == dt.time() and end.date() - start.date() == dt.timedelta(1)):
        text += " (" + QLocale().toString(qdate(end.date()), "ddd d") + ")"
    return text


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_text(value: dt.date, long: bool = True) -> str:
    """ "Monday 23 November 2026" (long) or "Mon 23/11" (short), in the locale's words and order."""
    form = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(qdate(value), form)


def day_name(value: dt.date) -> str:
    """ "Mon 23" in the locale's words: a column heading."""
    return QLocale().toString(qdate(value), "ddd d")


def month_day(value: dt.date, year: bool = False) -> str:
    """ "23 November" (or "23 November 2026"), with the locale's month name."""
    return QLocale().toString(qdate(value), "d MMMM yyyy" if year else "d MMMM")


def monday_of(value: dt.date) -> dt.date:
    return value - dt.timedelta(days=value.weekday())


# Pale fills with a darker edge: readable with dark text, told apart by more than hue
# (each block also writes its status as a word).
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "requested": ("#fff4d6", "#b7791f"),
    "confirmed": ("#dbeafe", "#1d4ed8"),
    "done": ("#dcfce7", "#15803d"),
    "no_show": ("#fde2e2", "#b91c1c"),
    "cancelled": ("#eeeeee", "#8a8a8a"),
}


def status_colours(status: str) -> tuple[QColor, QColor]:
    """(fill, edge) of a status; an unknown status (newer service) looks like "requested"."""
    fill, edge = STATUS_COLOURS.get(status, STATUS_COLOURS["requested"])
    return QColor(fill), QColor(edge)
