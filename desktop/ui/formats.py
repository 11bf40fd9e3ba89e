"""How dates, times, numbers, languages and time zones are written, in the UI's language.

Owns: `time`, `time_edit_format`, `date`, `day_and_month_time`, `number`, `language_name`
and `time_zone_name`, all built on the default QLocale, which `desktop.ui.i18n.install`
sets to the UI language's (so Finnish writes "22.00", Italian and English "22:00";
Finnish "1 234,5"). Screens call these (or QLocale() itself, never strftime, isoformat
or a fixed "HH:mm"), so no screen has its own idea of a format.

Language names: QLocale names a language only in English and in the language itself,
so the names of the languages people most often speak here are translated in
`_LANGUAGES` (marked for lupdate); a language not in it is written as its speakers
write it, never in English inside an Italian or Finnish screen.

Must never translate or format at import time (the language can change while the app runs).
"""

import datetime as dt
import re

from PySide6.QtCore import QByteArray, QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone

from desktop.ui import i18n
from desktop.ui.i18n import QT_TRANSLATE_NOOP


def locale() -> QLocale:
    """The UI language's locale (the default one, set by `i18n.install`)."""
    return QLocale()


def time(value: dt.time | dt.datetime) -> str:
    """ "22.00" in Finnish, "22:00" in Italian and English."""
    return locale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


def time_edit_format() -> str:
    """The display format of a time input: 24-hour, two-digit hours, the locale's separator
    ("HH.mm" in Finnish, "HH:mm" in Italian and English), so typing "2200" fills it in."""
    separator = re.search(r"[Hh]+(\W)m", locale().timeFormat(QLocale.FormatType.ShortFormat))
    return f"HH{separator.group(1) if separator else ':'}mm"


def date(value: dt.date | dt.datetime, long: bool = False) -> str:
    """ "2.12.2026" / "02/12/26" / "02/12/2026"; long: "2. joulukuuta 2026"…"""
    form = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return locale().toString(QDate(value.year, value.month, value.day), form)


def day_and_month_time(value: dt.datetime) -> str:
    """ "2.12. 22.00", "02/12 22:00": the day, without the year, then the time."""
    return f"{locale().toString(QDate(value.year, value.month, value.day), _day_month_format())} {time(value)}"


def _day_month_format() -> str:
    """The short date format without its year ("d.M.", "dd/MM")."""
    short = locale().dateFormat(QLocale.FormatType.ShortFormat)
    for year in ("yyyy", "yy"):
        short = short.replace(year, "")
    return short.strip("/.- ") + ("." if locale().language() == QLocale.Language.Finnish else "")


def number(value: object, decimals: int | None = None) -> str:
    """An integer or a decimal number with the locale's separators ("1 234,5" in Finnish)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and decimals is None:
        return locale().toString(value)
    return locale().toString(float(value), "f", 1 if decimals is None else decimals)


def _qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))


def time_zone_name(zone: str, at: dt.datetime | None = None) -> str:
    """ "Central European Standard Time (UTC+01:00)" in the UI language, never "Etc/UTC"."""
    tz = QTimeZone(QByteArray(zone.encode()))
    if not tz.isValid():
        return zone
    when = _qdatetime(at) if at is not None else QDateTime.currentDateTime()
    name = tz.displayName(when, QTimeZone.NameType.LongName, locale())
    offset = tz.displayName(when, QTimeZone.NameType.OffsetName, locale())
    return f"{name} ({offset})" if name and offset and offset not in name else (name or offset or zone)


# --- languages --------------------------------------------------------------------------------

# ISO 639 code -> English source text, translated into the UI language when shown.
_LANGUAGES: dict[str, str] = {
    "it": QT_TRANSLATE_NOOP("Languages", "Italian"),
    "fi": QT_TRANSLATE_NOOP("Languages", "Finnish"),
    "sv": QT_TRANSLATE_NOOP("Languages", "Swedish"),
    "en": QT_TRANSLATE_NOOP("Languages", "English"),
    "fr": QT_TRANSLATE_NOOP("Languages", "French"),
    "de": QT_TRANSLATE_NOOP("Languages", "German"),
    "es": QT_TRANSLATE_NOOP("Languages", "Spanish"),
    "pt": QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    "ro": QT_TRANSLATE_NOOP("Languages", "Romanian"),
    "pl": QT_TRANSLATE_NOOP("Languages", "Polish"),
    "uk": QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
    "ru": QT_TRANSLATE_NOOP("Languages", "Russian"),
    "sq": QT_TRANSLATE_NOOP("Languages", "Albanian"),
    "et": QT_TRANSLATE_NOOP("Languages", "Estonian"),
    "ar": QT_TRANSLATE_NOOP("Languages", "Arabic"),
    "fa": QT_TRANSLATE_NOOP("Languages", "Persian"),
    "ku": QT_TRANSLATE_NOOP("Languages", "Kurdish"),
    "tr": QT_TRANSLATE_NOOP("Languages", "Turkish"),
    "so": QT_TRANSLATE_NOOP("Languages", "Somali"),
    "ti": QT_TRANSLATE_NOOP("Languages", "Tigrinya"),
    "am": QT_TRANSLATE_NOOP("Languages", "Amharic"),
    "ur": QT_TRANSLATE_NOOP("Languages", "Urdu"),
    "hi": QT_TRANSLATE_NOOP("Languages", "Hindi"),
    "pa": QT_TRANSLATE_NOOP("Languages", "Punjabi"),
    "bn": QT_TRANSLATE_NOOP("Languages", "Bengali"),
    "zh": QT_TRANSLATE_NOOP("Languages", "Chinese"),
    "tl": QT_TRANSLATE_NOOP("Languages", "Tagalog"),
    "wo": QT_TRANSLATE_NOOP("Languages", "Wolof"),
    "se": QT_TRANSLATE_NOOP("Languages", "Northern Sami"),
    "sme": QT_TRANSLATE_NOOP("Languages", "Northern Sami"),
}


def language_name(tag: str) -> str:
    """A language tag in words, in the UI language: "it" -> "Italian" / "italiano" / "italia".
    A language we have no translation for is written as its speakers write it; an unknown
    tag is shown as it is."""
    base = tag.split("-")[0]
    if base in _LANGUAGES:
        return QCoreApplication.translate("Languages", _LANGUAGES[base])
    found = QLocale(tag.replace("-", "_"))
    if found.language() == QLocale.Language.C:
        return tag
    if i18n.current_language() == "en":
        return QLocale.languageToString(found.language())
    return found.nativeLanguageName() or tag
