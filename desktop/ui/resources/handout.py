"""Printable handouts: chosen services on paper or in a PDF, in the client's language, a QR code each.

Owns: the handout's layout (A4, one column, every service kept whole on one page,
a page filled before the next begins, compact enough that a few services fit one
sheet, a footer with the print date and "page x of y"), its words in the *handout's*
language (a `QTranslator` of its own over the "Handout" texts, so an Italian
operator can print in Finnish), which language that is by default
(`handout_language`: the client's, when the handout is for a contact and one exists
in it, else the UI's), the QR payload of a service (`qr_payload`), writing the PDF
(`write_handout_pdf`), printing (`print_handout`, the same layout code) and
`HandoutDialog`, which the Resources screen opens with `.open()`; its Save dialog
opens in the folder last saved to, else the user's Documents folder (else home),
never the app's working folder.

A handout may be lost in the street: it must never carry anything about a
client (no name, no note, nothing from the caseload; the PDF metadata neither),
only public directory data. Must never use the UI's installed translators for
handout texts, never show directory data as rich text, and never leave a
half-written PDF behind.
"""

import contextlib
import datetime as dt
import logging
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import segno
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QLocale,
    QMarginsF,
    QPointF,
    QRect,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
    QTime,
    QTranslator,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPixmap,
    QRegion,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import style
from desktop.ui.bundled_fonts import register_bundled_fonts
from desktop.ui.context import UiContext
from desktop.ui.i18n import NATIVE_NAMES, catalogue_path, current_language
from protocol import Contact, Resource, phones
from protocol.directory import coming_exceptions, is_stale, is_temporarily_closed
from protocol.entities import OpeningException, OpeningHours, ResourceLocation, ResourcePhone
from protocol.taxonomy import LANGUAGES, category_label

log = logging.getLogger(__name__)

CONTEXT = "Handout"  # the translation context of every text printed on a handout
# Marked for lupdate; translated at print time in the handout's language by `HandoutWords`.
# str(): PySide6's stubs say the marker returns `object` (it returns the text itself).
TITLE = str(QT_TRANSLATE_NOOP("Handout", "Useful services"))
ADDRESS = str(QT_TRANSLATE_NOOP("Handout", "Address"))
PHONE = str(QT_TRANSLATE_NOOP("Handout", "Phone"))
EMAIL = str(QT_TRANSLATE_NOOP("Handout", "Email"))
OPENING_HOURS = str(QT_TRANSLATE_NOOP("Handout", "Opening hours"))
EXCEPTIONS = str(QT_TRANSLATE_NOOP("Handout", "Closing days and other hours"))
LANGUAGES_SPOKEN = str(QT_TRANSLATE_NOOP("Handout", "Languages spoken"))
CLOSED = str(QT_TRANSLATE_NOOP("Handout", "Closed"))
HOURS_NOT_KNOWN = str(QT_TRANSLATE_NOOP("Handout", "Not known: ask before going"))
STALE = str(QT_TRANSLATE_NOOP("Handout", "Not verified recently: call before going"))
TEMPORARILY_CLOSED = str(QT_TRANSLATE_NOOP("Handout", "Temporarily closed: call before going"))
PRINTED_ON = str(QT_TRANSLATE_NOOP("Handout", "Printed on {date}"))
PAGE_OF = str(QT_TRANSLATE_NOOP("Handout", "Page {page} of {pages}"))
SCAN_TO_CALL = str(QT_TRANSLATE_NOOP("Handout", "Scan to call"))
SCAN_TO_TEXT = str(QT_TRANSLATE_NOOP("Handout", "Scan to send a text message"))
SCAN_FOR_ADDRESS = str(QT_TRANSLATE_NOOP("Handout", "Scan for the address"))
PHONE_KINDS = {
    "text": str(QT_TRANSLATE_NOOP("Handout", "text messages")),
    "fax": str(QT_TRANSLATE_NOOP("Handout", "fax")),
    "hotline": str(QT_TRANSLATE_NOOP("Handout", "helpline")),
}

# The locale a handout's dates, times and day names follow (the same choice as the UI's in i18n).
_LOCALES = {"it": "it_IT", "en": "en_GB", "fi": "fi_FI"}
A4_MM = QSizeF(210, 297)
MARGIN_MM = 15.0
MM_PER_INCH = 25.4
# Fonts that stay clear at small and large sizes; the first one installed wins.
FONT_FAMILIES = ["Atkinson Hyperlegible", "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial"]
INK = QColor("#111111")
SOFT_INK = QColor("#444444")
RULE = QColor("#9a9a9a")
STALE_FILL = QColor("#ececec")


def handout_language(contact: Contact | None) -> str:
    """The handout's language by default: the client's preferred language when the handout is
    for a contact and a handout can be printed in it ("it-IT" reads Italian), else the UI's."""
    preferred = (contact.preferred_language or "") if contact is not None else ""
    primary = preferred.split("-")[0].lower()
    return primary if primary in LANGUAGES else current_language()


class HandoutWords:
    """The handout's own texts, dates and times in one of it/en/fi, whatever the UI speaks.

    A missing catalogue is not an error: the texts stay English (and it is logged),
    exactly as the UI does; dates, day names and category labels never depend on it.
    """

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language: must be one of {', '.join(LANGUAGES)}")
        self.language = language
        self.locale = QLocale(_LOCALES[language])
        self._translator = QTranslator()
        if language != "en" and not self._translator.load(str(catalogue_path(language))):
            log.warning("no %s catalogue for handouts; their texts stay in English", language)
        time_format = self.locale.timeFormat(QLocale.FormatType.ShortFormat)
        separator = re.search(r"[Hh]+(\W)m", time_format)
        # Always 24-hour, no leading zero ("9:00", Finnish "9.00"): easier to read at a glance.
        self._time_format = f"H{separator.group(1) if separator else ':'}mm"

    def __call__(self, source: str) -> str:
        return self._translator.translate(CONTEXT, source) or source

    def time(self, value: dt.time) -> str:
        return self.locale.toString(QTime(value.hour, value.minute), self._time_format)

    def date(self, value: dt.date) -> str:
        """The long date without the weekday: "23 novembre 2026", "23. marraskuuta 2026"."""
        long_format = self.locale.dateFormat(QLocale.FormatType.LongFormat)
        without_weekday = re.sub(r"^\s*dddd\W*", "", long_format)
        return self.locale.toString(QDate(value.year, value.month, value.day), without_weekday)

    def day(self, weekday: int) -> str:
        return self.locale.standaloneDayName(weekday, QLocale.FormatType.LongFormat)


# --- what a handout says about a service -------------------------------------------

# The number as a phone dials it from anywhere ("+390371948100" for "0371 948 100" in Italy):
# clients often have a foreign SIM; toll-free and other domestic-only numbers stay as written.
dial_string = phones.dial_string


def _phone_to_reach(resource: Resource) -> ResourcePhone | None:
    ranked = sorted(
        (phone for phone in resource.phones if phone.kind != "fax"),
        key=lambda phone: ("voice", "hotline", "text").index(phone.kind),
    )
    return ranked[0] if ranked else None


def address_lines(location: ResourceLocation) -> list[str]:
    town = " ".join(part for part in (location.postal_code, location.municipality) if part)
    return [line for line in (location.name, location.address_1, town) if line]


def qr_payload(resource: Resource) -> str:
    """What the service's QR code says: a `tel:` (or `sms:`) URI, else the address as plain text.

    One tap dials a `tel:` URI with no network, data plan or app: the surest way
    for someone with a basic smartphone to reach the service. Without a phone
    number the code holds the name and address as plain text: every camera app
    shows text offline, it can be copied into any map or shown to a passer-by,
    whereas `geo:` URIs need a map app with offline data (iOS opens none).
    """
    phone = _phone_to_reach(resource)
    if phone is not None:
        scheme = "sms" if phone.kind == "text" else "tel"
        return f"{scheme}:{dial_string(phone.number, resource.location.country)}"
    return "\n".join([resource.service_name, *address_lines(resource.location)])


def opening_lines(hours: Sequence[OpeningHours], words: HandoutWords) -> list[tuple[str, list[str]]]:
    """("Lunedì–venerdì", ["9:00–12:00", "14:30–17:00"]) per run of days with the same hours.

    Consecutive days with the same slots are merged; closed days are said, so
    "nothing on Saturday" is never mistaken for "open all day". No hours at all: [].
    """
    if not hours:
        return []
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {day: [] for day in range(1, 8)}
    for slot in hours:
        by_day[slot.weekday].append((slot.opens_at, slot.closes_at))
    runs: list[tuple[int, int, tuple[tuple[dt.time, dt.time], ...]]] = []
    for day in range(1, 8):
        slots = tuple(sorted(set(by_day[day])))
        if runs and runs[-1][2] == slots:
            runs[-1] = (runs[-1][0], day, slots)
        else:
            runs.append((day, day, slots))
    lines = []
    for first, last, slots in runs:
        days = words.day(first) if first == last else f"{words.day(first)}–{words.day(last)}"
        times = [f"{words.time(opens)}–{words.time(closes)}" for opens, closes in slots] or [words(CLOSED)]
        lines.append((days[:1].upper() + days[1:], times))
    return lines


def exception_lines(
    exceptions: Sequence[OpeningException], words: HandoutWords, today: dt.date
) -> list[tuple[str, list[str]]]:
    """("24 dicembre 2026", ["Chiuso"]) per day from `today` on that differs from the weekly hours
    (the rule is protocol.directory.coming_exceptions, the desktop's and the public page's too)."""
    return [
        (words.date(day), [f"{words.time(opens)}–{words.time(closes)}" for opens, closes in ranges] or [words(CLOSED)])
        for day, ranges in coming_exceptions(exceptions, today)
    ]


def language_name(tag: str) -> str:
    """A spoken language as its speakers write it ("italiano", "العربية"): any client can find theirs."""
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return tag
    name = locale.nativeLanguageName() or tag
    if "-" not in tag:
        # A bare tag names the language, but Qt names its default country's variant:
        # "español de España" loses the country; "American English" is the one without it in the name.
        if locale.language() == QLocale.Language.English:
            return "English"
        territory = locale.nativeTerritoryName()
        if territory:
            name = re.sub(rf"\s+\S+\s+{re.escape(territory)}$", "", name)
    return name


def _phone_text(phone: ResourcePhone, words: HandoutWords) -> str:
    extras = [words(PHONE_KINDS[phone.kind])] if phone.kind in PHONE_KINDS else []
    text = f"{phone.number} ({', '.join(extras)})" if extras else phone.number
    return f"{text} – {phone.description}" if phone.description else text


# --- layout -------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintStyle:
    body_pt: float
    name_pt: float
    title_pt: float
    small_pt: float
    qr_mm: float
    service_gap_mm: float
    row_gap: float  # space after each row, as a share of a body line
    labels_above: bool  # large print: a label on its own line leaves the values the full width


NORMAL_PRINT = PrintStyle(
    body_pt=11, name_pt=13.5, title_pt=20, small_pt=8.5, qr_mm=27, service_gap_mm=6, row_gap=0.2, labels_above=False
)
LARGE_PRINT = PrintStyle(
    body_pt=18, name_pt=22, title_pt=30, small_pt=14, qr_mm=42, service_gap_mm=14, row_gap=0.5, labels_above=True
)


class _Text:
    """One paragraph laid out for a device at a width (wraps at words, or anywhere in a too-long word)."""

    def __init__(
        self,
        text: str,
        font: QFont,
        width: float,
        device: QPaintDevice,
        *,
        bold_chars: int = 0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        self.layout = QTextLayout(text, font, device)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        if bold_chars:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = 0, bold_chars
            bold_format = QTextCharFormat()
            bold_format.setFontWeight(QFont.Weight.Bold)
            bold.format = bold_format
            self.layout.setFormats([bold])
        self.layout.beginLayout()
        height = 0.0
        while (line := self.layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
        self.layout.endLayout()
        self.height = height

    def draw(self, painter: QPainter, x: float, y: float, colour: QColor = INK) -> None:
        painter.setPen(colour)
        self.layout.draw(painter, QPointF(x, y))


@dataclass
class _Piece:
    """A slice of a service's text column that is never cut: a title, a row, the stale note."""

    height: float
    draw: Callable[[QPainter, float, float], None]  # at the top-left corner of the piece


@dataclass
class _Qr:
    path: QPainterPath  # dark modules, in module units
    modules: int
    caption: _Text
    size: float  # the square's side in device pixels, quiet zone included
    height: float  # square and caption

    QUIET = 2  # modules of white inside the square; the gap beside it and the page margin add more

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        module = self.size / (self.modules + 2 * self.QUIET)
        painter.save()
        painter.translate(x + self.QUIET * module, y + self.QUIET * module)
        painter.scale(module, module)
        painter.fillPath(self.path, QColor("black"))
        painter.restore()
        self.caption.draw(painter, x, y + self.size, SOFT_INK)


@dataclass
class _Service:
    index: int
    pieces: list[_Piece]
    qr: _Qr
    continued: _Piece  # the name again, at the top of a page it continues on

    @property
    def height(self) -> float:
        return max(sum(piece.height for piece in self.pieces), self.qr.height)


@dataclass
class _Placed:
    """All of a service on a page, or (only for one taller than a page) a run of its pieces."""

    service: _Service
    pieces: list[_Piece]
    y: float
    with_qr: bool

    @property
    def height(self) -> float:
        text = sum(piece.height for piece in self.pieces)
        return max(text, self.service.qr.height) if self.with_qr else text


def qr_path(payload: str) -> tuple[QPainterPath, int]:
    """The QR code of `payload` as one vector outline in module units, and its side in modules.

    One merged outline rather than a square per module: crisp at any printer
    resolution, and no hairline seams between neighbouring modules in PDF viewers.
    Level Q (25 %) survives a folded or stained handout.
    """
    code = segno.make(payload, error="q", micro=False, encoding="utf-8")
    region = QRegion()
    for row_index, row in enumerate(code.matrix):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            region += QRect(start, row_index, column - start, 1)
    path = QPainterPath()
    path.addRegion(region)
    return path.simplified(), len(code.matrix)


@dataclass
class HandoutLayout:
    """The handout laid out for one paint device: pages of whole services, ready to paint.

    Sizes are worked out in the device's own pixels from millimetres and points,
    so the PDF, a printer and a preview image get the same layout.
    """

    resources: Sequence[Resource]
    device: QPaintDevice
    page_size: QSizeF  # the printable area, in device pixels
    language: str
    large_print: bool
    today: dt.date
    pages: list[list[_Placed]] = field(init=False)

    def __post_init__(self) -> None:
        if not self.resources:
            raise ValueError("no services to print")
        self.words = HandoutWords(self.language)
        self.style = LARGE_PRINT if self.large_print else NORMAL_PRINT
        self.dpi = self.device.logicalDpiY()
        self.qr_size = self._mm(self.style.qr_mm)
        self.qr_gap = self._mm(6)
        self.text_width = self.page_size.width() - self.qr_size - self.qr_gap
        self.title = _Text(
            self.words(TITLE), self._font(self.style.title_pt, bold=True), self.page_size.width(), self.device
        )
        self.header_height = self.title.height + self._mm(3) + self._mm(self.style.service_gap_mm) / 2
        small = QFontMetricsF(self._font(self.style.small_pt), self.device)
        self.footer_height = small.lineSpacing() + self._mm(4)
        self.label_width = self._label_width()
        # One column of day names for the whole handout, so every service's hours line up.
        days = [days for resource in self.resources for days, _ in opening_lines(resource.opening_hours, self.words)]
        days += [
            day
            for resource in self.resources
            for day, _ in exception_lines(resource.hours_exceptions, self.words, self.today)
        ]
        self.day_width = max((self._advance(text) for text in days), default=0.0) + self._mm(3)
        self.pages = self._paginate([self._service(index, resource) for index, resource in enumerate(self.resources)])

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # -- building blocks --

    def _mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / MM_PER_INCH

    def _font(self, points: float, *, bold: bool = False) -> QFont:
        register_bundled_fonts()  # a frozen build's own fonts, in case the system has none
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(points)
        font.setBold(bold)
        # Unhinted glyphs scale linearly, so a preview at screen resolution wraps like the PDF.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # No "fi"/"fl" ligatures: text copied or searched in the PDF must read "fi", not "ﬁ".
        font.setFeature(QFont.Tag("liga"), 0)
        return font

    def _text(
        self,
        text: str,
        width: float,
        *,
        points: float | None = None,
        bold: bool = False,
        bold_chars: int = 0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> _Text:
        return _Text(
            text,
            self._font(points or self.style.body_pt, bold=bold),
            width,
            self.device,
            bold_chars=bold_chars,
            align=align,
        )

    def _gap(self, share: float) -> float:
        return QFontMetricsF(self._font(self.style.body_pt), self.device).lineSpacing() * share

    def _paragraph_piece(self, text: _Text, colour: QColor = INK, after: float = 0.0) -> _Piece:
        return _Piece(text.height + after, lambda painter, x, y: text.draw(painter, x, y, colour))

    def _stale_piece(self, words: str = STALE) -> _Piece:
        """A boxed note with a bar: not verified recently, or (`TEMPORARILY_CLOSED`) temporarily closed."""
        pad = self._mm(1.5 if not self.large_print else 2.5)
        note = self._text(self.words(words), self.text_width - 2 * pad, bold=True)
        box_height = note.height + 2 * pad
        after = self._gap(self.style.row_gap)

        def draw(painter: QPainter, x: float, y: float) -> None:
            box = QRectF(x, y, self.text_width, box_height)
            painter.fillRect(box, STALE_FILL)
            painter.fillRect(QRectF(x, y, self._mm(1.2), box_height), INK)  # a bar the eye finds in greyscale
            note.draw(painter, x + pad + self._mm(1.2), y + pad)

        return _Piece(box_height + after, draw)

    def _row_piece(self, label: str, values: list[tuple[str, int]], hours: list[tuple[str, list[str]]]) -> _Piece:
        """A labelled field: values (text, characters in bold) or an opening-hours grid."""
        after = self._gap(self.style.row_gap)
        if self.style.labels_above:
            label_text = self._text(label, self.text_width, bold=True)
            value_x, value_width, label_height = 0.0, self.text_width, label_text.height
        else:
            label_text = self._text(label, self.label_width, bold=True)
            value_x = self.label_width + self._mm(3)
            value_width, label_height = self.text_width - value_x, 0.0
        drawn: list[tuple[_Text, float, float]] = []  # text, x, y within the piece
        y = label_height
        for text, bold_chars in values:
            paragraph = self._text(text, value_width, bold_chars=bold_chars)
            drawn.append((paragraph, value_x, y))
            y += paragraph.height
        if hours:
            day_width = min(self.day_width, value_width * 0.55)
            for days, times in hours:
                day_text = self._text(days, day_width - self._mm(2))
                drawn.append((day_text, value_x, y))
                line_y = y
                for time_range in times:
                    slot = self._text(time_range, value_width - day_width)
                    drawn.append((slot, value_x + day_width, line_y))
                    line_y += slot.height
                y = max(y + day_text.height, line_y)
        height = max(y, 0.0 if self.style.labels_above else label_text.height)

        def draw(painter: QPainter, x: float, top: float) -> None:
            label_text.draw(painter, x, top, SOFT_INK)
            for paragraph, dx, dy in drawn:
                paragraph.draw(painter, x + dx, top + dy)

        return _Piece(height + after, draw)

    def _advance(self, text: str) -> float:
        return QFontMetricsF(self._font(self.style.body_pt), self.device).horizontalAdvance(text)

    def _label_width(self) -> float:
        labels = [self.words(text) for text in (ADDRESS, PHONE, EMAIL, OPENING_HOURS, LANGUAGES_SPOKEN)]
        bold = QFontMetricsF(self._font(self.style.body_pt, bold=True), self.device)
        return min(max(bold.horizontalAdvance(label) for label in labels) + self._mm(1), self.text_width * 0.3)

    def _qr(self, resource: Resource) -> _Qr:
        payload = qr_payload(resource)
        path, modules = qr_path(payload)
        scan = (
            SCAN_FOR_ADDRESS
            if not payload.startswith(("tel:", "sms:"))
            else (SCAN_TO_TEXT if payload.startswith("sms:") else SCAN_TO_CALL)
        )
        caption = self._text(
            self.words(scan), self.qr_size, points=self.style.small_pt, align=Qt.AlignmentFlag.AlignHCenter
        )
        return _Qr(path, modules, caption, self.qr_size, self.qr_size + caption.height)

    def _service(self, index: int, resource: Resource) -> _Service:
        words, width = self.words, self.text_width
        name = self._text(resource.service_name, width, points=self.style.name_pt, bold=True)
        pieces = [self._paragraph_piece(name)]
        # Who runs it and what it is about on one line (it wraps when long): a handout of a few
        # services fits one sheet.
        about = " · ".join(
            [resource.organization_name, *(category_label(code, words.language) for code in resource.categories)]
        )
        pieces.append(self._paragraph_piece(self._text(about, width), SOFT_INK, self._gap(self.style.row_gap)))
        if is_temporarily_closed(resource.status):
            pieces.append(self._stale_piece(TEMPORARILY_CLOSED))
        if is_stale(resource.last_verified_on, self.today):
            pieces.append(self._stale_piece())
        pieces.append(self._row_piece(words(ADDRESS), [(", ".join(address_lines(resource.location)), 0)], []))
        if resource.phones:
            pieces.append(
                self._row_piece(
                    words(PHONE), [(_phone_text(phone, words), len(phone.number)) for phone in resource.phones], []
                )
            )
        if resource.email:
            pieces.append(self._row_piece(words(EMAIL), [(resource.email, 0)], []))
        hours = opening_lines(resource.opening_hours, words)
        pieces.append(self._row_piece(words(OPENING_HOURS), [] if hours else [(words(HOURS_NOT_KNOWN), 0)], hours))
        if days_off := exception_lines(resource.hours_exceptions, words, self.today):
            pieces.append(self._row_piece(words(EXCEPTIONS), [], days_off))
        if resource.languages:
            spoken = ", ".join(language_name(tag) for tag in resource.languages)
            pieces.append(self._row_piece(words(LANGUAGES_SPOKEN), [(spoken, 0)], []))
        return _Service(index, pieces, self._qr(resource), self._paragraph_piece(name, after=self._gap(0.3)))

    # -- pages --

    def _paginate(self, services: list[_Service]) -> list[list[_Placed]]:
        bottom = self.page_size.height() - self.footer_height
        gap = self._mm(self.style.service_gap_mm)
        pages: list[list[_Placed]] = [[]]
        y = self.header_height
        for service in services:
            if pages[-1] and y + service.height > bottom:
                pages.append([])
                y = 0.0
            if y + service.height <= bottom:
                pages[-1].append(_Placed(service, service.pieces, y, with_qr=True))
                y += service.height + gap
                continue
            # Taller than a whole page (only with very many phones, hours and languages in large
            # print): the one case a service continues overleaf, cut between rows, never inside one.
            # Each continuation starts with the service's name, so a loose sheet still says whose hours they are.
            remaining, with_qr = list(service.pieces), True
            while remaining:
                taken: list[_Piece] = [] if with_qr else [service.continued]
                while remaining and (len(taken) < 2 or y + sum(p.height for p in taken + remaining[:1]) <= bottom):
                    taken.append(remaining.pop(0))
                placed = _Placed(service, taken, y, with_qr)
                pages[-1].append(placed)
                with_qr = False
                if remaining:
                    pages.append([])
                    y = 0.0
                else:
                    y += placed.height + gap
        return pages

    def paint(self, painter: QPainter, page: int) -> None:
        """Paint `page` with the painter's origin at the top-left corner of the printable area."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width = self.page_size.width()
        if page == 0:
            self.title.draw(painter, 0, 0)
        gap = self._mm(self.style.service_gap_mm)
        for number, placed in enumerate(self.pages[page]):
            if number or page == 0:
                rule_y = placed.y - gap / 2
                painter.setPen(QPen(RULE, self._mm(0.25 if number else 0.5)))
                painter.drawLine(QPointF(0, rule_y), QPointF(width, rule_y))
            y = placed.y
            for piece in placed.pieces:
                piece.draw(painter, 0, y)
                y += piece.height
            if placed.with_qr:
                placed.service.qr.draw(painter, width - self.qr_size, placed.y)
        self._paint_footer(painter, page)
        painter.restore()

    def _paint_footer(self, painter: QPainter, page: int) -> None:
        width, height = self.page_size.width(), self.page_size.height()
        half = width / 2
        printed = self._text(
            self.words(PRINTED_ON).format(date=self.words.date(self.today)), half, points=self.style.small_pt
        )
        numbering = self._text(
            self.words(PAGE_OF).format(page=page + 1, pages=self.page_count),
            half,
            points=self.style.small_pt,
            align=Qt.AlignmentFlag.AlignRight,
        )
        top = height - printed.height
        painter.setPen(QPen(RULE, self._mm(0.25)))
        painter.drawLine(QPointF(0, top - self._mm(2)), QPointF(width, top - self._mm(2)))
        printed.draw(painter, 0, top, SOFT_INK)
        numbering.draw(painter, half, top, SOFT_INK)


# --- PDF, printer and preview ---------------------------------------------------------


def handout_title(language: str) -> str:
    return HandoutWords(language)(TITLE)


def _paint_all(painter: QPainter, layout: HandoutLayout, new_page: Callable[[], bool]) -> None:
    for page in range(layout.page_count):
        if page and not new_page():
            raise OSError("the printer refused a new page")
        layout.paint(painter, page)


def set_handout_page(device: QPdfWriter | QPrinter) -> None:
    """A4 with the handout's margins (a print dialog may still change them)."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def write_handout_pdf(
    resources: list[Resource], path: Path, *, language: str, large_print: bool, today: dt.date
) -> int:
    """Write the handout of `resources` to `path` as an A4 PDF; return its number of pages.

    Written to a temporary file beside `path` and moved into place when complete,
    so a failure (disk full, folder gone) never leaves a truncated PDF behind.
    Raises OSError when the file cannot be written, ValueError for no services or
    an unknown language.
    """
    path = Path(path)
    HandoutWords(language)  # an unknown language fails before any file is touched
    if not resources:
        raise ValueError("no services to print")
    handle, scratch = tempfile.mkstemp(prefix=".handout-", suffix=".pdf.part", dir=path.parent)
    os.close(handle)
    try:
        writer = QPdfWriter(scratch)
        set_handout_page(writer)
        writer.setCreator("Prossimo")
        writer.setTitle(handout_title(language))  # never anything about the person it is for
        layout = HandoutLayout(
            resources,
            writer,
            QSizeF(writer.width(), writer.height()),
            language=language,
            large_print=large_print,
            today=today,
        )
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {path}")
        try:
            _paint_all(painter, layout, writer.newPage)
        finally:
            painter.end()
        pages = layout.page_count
        del layout, writer  # the file is closed before it is moved
        os.replace(scratch, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(scratch)
        raise
    return pages


def print_handout(
    resources: list[Resource], printer: QPrinter, *, language: str, large_print: bool, today: dt.date
) -> int:
    """Print the handout on `printer` (already chosen and set up) with the PDF's layout; return the pages."""
    if not resources:
        raise ValueError("no services to print")
    printer.setDocName(handout_title(language))
    layout = HandoutLayout(
        resources,
        printer,
        QSizeF(printer.width(), printer.height()),
        language=language,
        large_print=large_print,
        today=today,
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        _paint_all(painter, layout, printer.newPage)
    finally:
        painter.end()
    return layout.page_count


def render_page_image(
    resources: list[Resource], page: int = 0, *, language: str, large_print: bool, today: dt.date, dpi: int = 110
) -> QImage:
    """One page of the handout as an A4 image at `dpi`, margins included (for previews and checks)."""
    pixels_per_mm = dpi / MM_PER_INCH
    image = QImage(
        round(A4_MM.width() * pixels_per_mm), round(A4_MM.height() * pixels_per_mm), QImage.Format.Format_RGB32
    )
    image.setDotsPerMeterX(round(dpi / MM_PER_INCH * 1000))
    image.setDotsPerMeterY(round(dpi / MM_PER_INCH * 1000))
    image.fill(QColor("white"))
    margin = MARGIN_MM * pixels_per_mm
    layout = HandoutLayout(
        resources,
        image,
        QSizeF(image.width() - 2 * margin, image.height() - 2 * margin),
        language=language,
        large_print=large_print,
        today=today,
    )
    painter = QPainter(image)
    painter.translate(margin, margin)
    layout.paint(painter, min(page, layout.page_count - 1))
    painter.end()
    return image


def count_pages(resources: list[Resource], *, language: str, large_print: bool, today: dt.date) -> int:
    """The pages the PDF would have, laid out on a PDF device like `write_handout_pdf` (nothing written)."""
    writer = QPdfWriter(os.devnull)
    set_handout_page(writer)
    return HandoutLayout(
        resources,
        writer,
        QSizeF(writer.width(), writer.height()),
        language=language,
        large_print=large_print,
        today=today,
    ).page_count


# --- the dialog -----------------------------------------------------------------------


class HandoutDialog(QDialog):
    """Choose the handout's language and print size, look at page 1, then save a PDF or print.

    A plain QDialog, not a `forms.FormDialog`: it edits no record (its two options only
    shape the printout), so there is nothing to validate or to ask before discarding."""

    saved = Signal(object)  # the Path written
    printed = Signal(int)  # pages sent to the printer

    PREVIEW_WIDTH_MM = 70
    last_folder: Path | None = None  # where the operator last saved one, for this run of the app

    def __init__(self, context: UiContext, resources: list[Resource], language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.resources = list(resources)
        self.page_count = 0
        self.setWindowTitle(self.tr("Print a handout"))
        self._build_services()
        self._build_options(language)
        self._build_preview()
        buttons = self._build_buttons()
        self._lay_out(buttons)
        self.language.currentIndexChanged.connect(self.refresh_preview)
        self.large_print.toggled.connect(self.refresh_preview)
        self.refresh_preview()

    # --- building ---------------------------------------------------------------------------

    def _build_services(self) -> None:
        """The chosen services, listed read-only."""
        self.count_label = QLabel(self.tr("%n service(s) chosen", "", len(self.resources)))
        self.services = QListWidget()
        self.services.setAccessibleName(self.tr("Services on the handout"))
        self.services.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: the choice is made on the Resources page
        self.services.setWordWrap(True)
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for resource in self.resources:
            self.services.addItem(f"{resource.service_name} ({resource.location.municipality})")

    def _build_options(self, language: str) -> None:
        """The handout's language (starting with `language` when there is a handout in it) and print size."""
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Handout language"))
        # The UI's languages: a handout's words come from the UI's catalogues.
        for code, name in NATIVE_NAMES.items():
            self.language.addItem(name, code)
        chosen = self.language.findData(language if language in LANGUAGES else current_language())
        self.language.setCurrentIndex(max(chosen, 0))
        self.large_print = QCheckBox(self.tr("La&rge print"))
        self.large_print.setAccessibleName(self.tr("Large print"))
        self.language_label = QLabel(self.tr("Handout &language:"))
        self.language_label.setBuddy(self.language)

    def _build_preview(self) -> None:
        """Page 1 as it will print, the number of pages, and what saving or printing did."""
        self.preview = QLabel()
        self.preview.setAccessibleName(self.tr("Preview of the first page"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.pages_label = QLabel()
        self.pages_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_buttons(self) -> QDialogButtonBox:
        # Made inside the dialog: a box created without it and added later left Qt to make
        # Close a default button too, so Enter closed the dialog instead of saving.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.addButton(self.tr("&Save PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.print_button.clicked.connect(self.choose_printer_and_print)
        buttons.rejected.connect(self.reject)
        for button in (self.save_button, self.print_button):
            button.setEnabled(bool(self.resources))
        return buttons

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        privacy = QLabel(self.tr("The handout lists services only: no names or personal details are printed."))
        privacy.setWordWrap(True)
        options = QFormLayout()
        options.addRow(self.language_label, self.language)
        options.addRow("", self.large_print)
        left = QVBoxLayout()
        left.addWidget(self.count_label)
        left.addWidget(self.services, 1)
        left.addLayout(options)
        left.addWidget(privacy)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.pages_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        # In reading order (the button box joined the focus chain before the options above it).
        for first, second in (
            (self.language, self.large_print),
            (self.large_print, self.save_button),
            (self.save_button, self.print_button),
            (self.print_button, buttons.button(QDialogButtonBox.StandardButton.Close)),
        ):
            QWidget.setTabOrder(first, second)

    @property
    def handout_language(self) -> str:
        return self.language.currentData()

    def _today(self) -> dt.date:
        return self.context.clock().date()

    def _options(self) -> dict:
        return {"language": self.handout_language, "large_print": self.large_print.isChecked(), "today": self._today()}

    def refresh_preview(self) -> None:
        self.status.clear()
        if not self.resources:
            self.preview.clear()
            self.pages_label.setText(self.tr("Choose at least one service to print."))
            return
        screen_dpi = self.logicalDpiX()
        image = render_page_image(self.resources, 0, dpi=max(screen_dpi, 96), **self._options())
        width = round(self.PREVIEW_WIDTH_MM * screen_dpi / MM_PER_INCH)
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )
        self.page_count = count_pages(self.resources, **self._options())
        self.pages_label.setText(self.tr("%n page(s)", "", self.page_count))

    def default_file_name(self) -> Path:
        title = re.sub(r'[\\/:*?"<>|]', "", handout_title(self.handout_language))
        return self.default_folder() / f"{title} {self._today().isoformat()}.pdf"

    @classmethod
    def default_folder(cls) -> Path:
        """The last folder saved to, else Documents, else home: always one that exists, since
        Qt's file dialog opens a missing folder's path in the working folder (the app's)."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (cls.last_folder, Path(documents) if documents else None, Path.home()):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()

    def choose_file_and_save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the handout as PDF"), str(self.default_file_name()), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            path = Path(chosen)
            self.save_to(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def save_to(self, path: Path) -> bool:
        """Write the PDF to `path`; say plainly on the dialog whether it worked."""
        path = Path(path)
        try:
            pages = write_handout_pdf(self.resources, path, **self._options())
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self._show(self.tr("Could not save {file}: {reason}").format(file=str(path), reason=reason), error=True)
            return False
        self._show(self.tr("Saved {file} (%n page(s)).", "", pages).format(file=str(path)))
        HandoutDialog.last_folder = path.parent
        self.saved.emit(path)
        return True

    def choose_printer_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_handout_page(printer)
        dialog = QPrintDialog(printer, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.print_to(printer)
        finally:
            dialog.deleteLater()

    def print_to(self, printer: QPrinter) -> bool:
        try:
            pages = print_handout(self.resources, printer, **self._options())
        except (OSError, ValueError) as error:
            self._show(self.tr("Could not print: {reason}").format(reason=str(error)), error=True)
            return False
        self._show(self.tr("Sent to the printer (%n page(s)).", "", pages))
        self.printed.emit(pages)
        return True

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        style.set_role(self.status, "error" if error else None)
