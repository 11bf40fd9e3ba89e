"""The day, week and month views: a time grid with one column per day, and a month of day cells.

Owns: `layout_blocks` (which day columns an appointment covers, clipped at
midnight, and side-by-side lanes for overlapping ones), `TimeGrid` (the painted
grid, with a keyboard cursor over half-hour slots), `DayHeader` (the day names
above it), `CalendarView` (both in a scroll area, the header kept in view) and
`MonthGrid` (six weeks of day cells, each listing its meetings by time and name).

A block or a month line leads with who the meeting is with (the time is where it
stands in the grid; it joins the name when there is room), so a narrow week
column still shows names. A meeting that overlaps another shown one under the
double-booking rule (`calendar_queries.overlaps_among`) has a red mark, and its
tooltip, list line and accessible description say "overlaps with …".
Items are told apart by `Booked.key`: the meetings of one series share an id.

Keyboard: arrows move the cursor (Left/Right by day, Up/Down by half an hour,
Page Up/Down by four hours); the appointment under the cursor is selected;
Enter edits it, or on a free slot asks for a new appointment starting there.
The grid describes the cursor in its accessible description for screen readers
(the page also lists the same appointments in a plain list).

The help desk's bookable slots are painted behind the appointments as hatched bands
(`HelpDeskBand`, from `set_help_desk`), each naming what holds it: not meetings, and never
selected or opened from the grid (the page's slot list is where they are handled).

Must never run store work: the page gives it `Booked` items and listens to its signals.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

from desktop.store.calendar_queries import Booked, BookedKey, overlaps_among
from desktop.ui.calendar import date_text, day_name, range_text, status_colours, time_text
from desktop.ui.labels import label
from protocol.clock import utc_now

SLOTS_PER_DAY = 48  # half hours
MINUTES_PER_DAY = 24 * 60
TEXT_COLOUR = QColor("#1a1a1a")  # on the pale status fills, whatever the palette
OVERLAP_COLOUR = QColor("#b91c1c")
MONTH_WEEKS = 6


HELP_DESK_COLOUR = QColor("#0f766e")  # teal: no appointment status uses it


@dataclass(frozen=True)
class HelpDeskBand:
    """A help-desk slot where the grid shows it: day column, wall minutes, and its words."""

    day: int
    top: float
    bottom: float
    text: str


def help_desk_bands(
    slots: list[tuple[dt.datetime, dt.datetime, str]], days: list[dt.date], zone: dt.tzinfo
) -> list[HelpDeskBand]:
    """(start, end, text) per slot -> bands on the days shown (a slot lasts at most 12 hours, one day)."""
    bands = []
    for start, end, text in slots:
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        if local_start.date() in days:
            bottom = _wall_minutes(local_end) if local_end.date() == local_start.date() else MINUTES_PER_DAY
            bands.append(HelpDeskBand(days.index(local_start.date()), _wall_minutes(local_start), bottom, text))
    return bands


@dataclass(frozen=True)
class Block:
    """The part of one appointment that falls in one day column (minutes after midnight)."""

    booked: Booked
    day: int
    top: float
    bottom: float
    lane: int = 0
    lanes: int = 1


def _wall_minutes(value: dt.datetime) -> float:
    return value.hour * 60 + value.minute + value.second / 60


def layout_blocks(items: list[Booked], days: list[dt.date], zone: dt.tzinfo) -> list[Block]:
    """Blocks for every day an appointment overlaps, with lanes so that overlapping
    appointments stand side by side instead of on top of each other."""
    blocks: list[Block] = []
    for index, day in enumerate(days):
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        placed = []
        for item in items:
            if not (item.starts_at < next_midnight and item.ends_at > midnight):
                continue
            top = _wall_minutes(item.starts_at.astimezone(zone)) if item.starts_at >= midnight else 0.0
            bottom = _wall_minutes(item.ends_at.astimezone(zone)) if item.ends_at < next_midnight else MINUTES_PER_DAY
            placed.append((top, max(bottom, top + 1), item))
        placed.sort(key=lambda p: (p[0], -p[1], str(p[2].id)))
        blocks.extend(_lanes(placed, index))
    return blocks


def _lanes(placed: list[tuple[float, float, Booked]], day: int) -> list[Block]:
    result: list[Block] = []
    cluster: list[tuple[float, float, Booked, int]] = []
    lane_ends: list[float] = []
    cluster_end = -1.0

    def close() -> None:
        result.extend(Block(item, day, top, bottom, lane, len(lane_ends)) for top, bottom, item, lane in cluster)

    for top, bottom, item in placed:
        if cluster and top >= cluster_end:
            close()
            cluster, lane_ends = [], []
        lane = next((i for i, end in enumerate(lane_ends) if end <= top), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(bottom)
        else:
            lane_ends[lane] = bottom
        cluster.append((top, bottom, item, lane))
        cluster_end = max(cluster_end, bottom) if len(cluster) > 1 else bottom
    if cluster:
        close()
    return result


def block_title(booked: Booked) -> str:
    """Who a meeting is with: the contacts' names, else its topic, else the kind of place."""
    return ", ".join(booked.names()) or booked.appointment.topic or label("place_kind", booked.appointment.place_kind)


def overlap_text(overlapped: list[Booked], zone: dt.tzinfo) -> str:
    """ "overlaps with 10:30–11:30 Anna Rossi; …", or "" when `overlapped` is empty."""
    if not overlapped:
        return ""
    what = "; ".join(
        f"{range_text(b.starts_at.astimezone(zone), b.ends_at.astimezone(zone))} {block_title(b)}" for b in overlapped
    )
    return QCoreApplication.translate("CalendarView", "overlaps with {what}").format(what=what)


def block_summary(booked: Booked, zone: dt.tzinfo, overlapped: list[Booked] | None = None) -> str:
    """One line naming an appointment: time, contacts, place, status, repeats, what it overlaps."""
    appointment = booked.appointment
    parts = [range_text(booked.starts_at.astimezone(zone), booked.ends_at.astimezone(zone))]
    names = ", ".join(booked.names())
    if names:
        parts.append(names)
    parts.append(label("place_kind", appointment.place_kind))
    if appointment.topic:
        parts.append(appointment.topic)
    parts.append(label("appointment_status", appointment.status))
    if booked.repeats:
        parts.append(QCoreApplication.translate("CalendarView", "repeats"))
    if overlapped:
        parts.append(overlap_text(overlapped, zone))
    return " · ".join(parts)


class TimeGrid(QWidget):
    """A painted 24-hour grid of `len(days)` columns; see the module docstring for keys."""

    appointmentActivated = Signal(object)  # BookedKey: double click or Enter on a block
    slotActivated = Signal(object)  # aware datetime: double click or Enter on a free slot
    currentChanged = Signal(object)  # BookedKey or None: the selected meeting
    visibleRequested = Signal(QRect)  # the cursor moved there: the scroll area shows it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Calendar grid"))
        self.days: list[dt.date] = [utc_now().date()]  # until set_content gives the real days
        self.zone: dt.tzinfo = dt.UTC
        self.now: dt.datetime | None = None
        self.blocks: list[Block] = []
        self.overlaps: dict[BookedKey, list[Booked]] = {}
        self.help_desk: list[HelpDeskBand] = []
        self.selected_key: BookedKey | None = None
        self.cursor_day = 0
        self.cursor_slot = 18  # 09:00
        self._update_size()

    # --- content -----------------------------------------------------------------------------

    def set_content(self, days: list[dt.date], zone: dt.tzinfo, items: list[Booked], now: dt.datetime) -> None:
        self.days, self.zone, self.now = days, zone, now
        self.blocks = layout_blocks(items, days, zone)
        self.overlaps = overlaps_among(items)
        self.cursor_day = min(self.cursor_day, len(days) - 1)
        if self.selected_key is not None and not any(b.booked.key == self.selected_key for b in self.blocks):
            self.selected_key = None
            self.currentChanged.emit(None)
        self._update_size()
        self._describe()
        self.update()

    def set_help_desk(self, slots: list[tuple[dt.datetime, dt.datetime, str]]) -> None:
        """The help desk's slots of the days shown, as (start, end, words)."""
        self.help_desk = help_desk_bands(slots, self.days, self.zone)
        self.update()

    @property
    def selected_id(self) -> uuid.UUID | None:
        """The selected appointment's id (for a series, shared by its meetings: see `selected_key`)."""
        return self.selected_key[0] if self.selected_key else None

    def select(self, wanted: BookedKey | uuid.UUID | None, *, move_cursor: bool = True) -> None:
        """Select a meeting by key, or the first shown meeting of an appointment id."""
        block = next((b for b in self.blocks if wanted in (b.booked.key, b.booked.id)), None)
        changed = (block.booked.key if block else None) != self.selected_key
        self.selected_key = block.booked.key if block else None
        if block is not None and move_cursor:
            self.cursor_day, self.cursor_slot = block.day, min(int(block.top // 30), SLOTS_PER_DAY - 1)
            self.visibleRequested.emit(self.block_rect(block).toAlignedRect())
        if changed:
            self.currentChanged.emit(self.selected_key)
        self._describe()
        self.update()

    def selected(self) -> Booked | None:
        return next((b.booked for b in self.blocks if b.booked.key == self.selected_key), None)

    def cursor_start(self) -> dt.datetime:
        """The start of the slot under the keyboard cursor (a new appointment's default start)."""
        return self._slot_start(self.cursor_day, self.cursor_slot)

    def scroll_position(self, hour: int) -> int:
        return hour * self.hour_height()

    # --- geometry ------------------------------------------------------------------------------

    def hour_height(self) -> int:
        return round(self.fontMetrics().height() * 3)

    def gutter_width(self) -> int:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance(time_text(dt.time(23, 0))) + metrics.height()

    def column_left(self, day: int) -> float:
        return self.gutter_width() + day * self.column_width()

    def column_width(self) -> float:
        return max(1.0, (self.width() - self.gutter_width()) / max(1, len(self.days)))

    def _y(self, minutes: float) -> float:
        return minutes * self.hour_height() / 60

    def block_rect(self, block: Block) -> QRectF:
        lane_width = self.column_width() / block.lanes
        left = self.column_left(block.day) + block.lane * lane_width
        top = self._y(block.top)
        height = max(self._y(block.bottom) - top, self.fontMetrics().height() + 4)
        return QRectF(left + 2, top + 1, lane_width - 4, height - 2)

    def slot_rect(self, day: int, slot: int) -> QRectF:
        return QRectF(self.column_left(day), self._y(slot * 30), self.column_width(), self._y(30))

    def _update_size(self) -> None:
        metrics = self.fontMetrics()
        self.setMinimumHeight(24 * self.hour_height() + 1)
        self.setMinimumWidth(self.gutter_width() + len(self.days) * metrics.horizontalAdvance("M") * 6)

    def _slot_start(self, day: int, slot: int) -> dt.datetime:
        return dt.datetime.combine(self.days[day], dt.time(slot // 2, (slot % 2) * 30), tzinfo=self.zone)

    def block_at(self, point: QPointF) -> Block | None:
        hits = [b for b in self.blocks if self.block_rect(b).contains(point)]
        return hits[-1] if hits else None  # the one painted last is on top

    def slot_at(self, point: QPointF) -> tuple[int, int] | None:
        if point.x() < self.gutter_width():
            return None
        day = int((point.x() - self.gutter_width()) // self.column_width())
        slot = int(point.y() // self._y(30))
        if not (0 <= day < len(self.days) and 0 <= slot < SLOTS_PER_DAY):
            return None
        return day, slot

    # --- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        self._paint_hours(painter)
        self._paint_now(painter)
        for band in self.help_desk:
            self._paint_help_desk(painter, band)
        for block in self.blocks:
            self._paint_block(painter, block)
        if self.hasFocus() and self.selected_key is None:
            pen = QPen(palette.highlight().color(), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.slot_rect(self.cursor_day, self.cursor_slot).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_hours(self, painter: QPainter) -> None:
        palette = self.palette()
        gutter, width, metrics = self.gutter_width(), self.width(), self.fontMetrics()
        today = self.now.astimezone(self.zone).date() if self.now else None
        off_hours = palette.alternateBase()
        painter.fillRect(QRectF(gutter, 0, width - gutter, self._y(8 * 60)), off_hours)
        painter.fillRect(QRectF(gutter, self._y(19 * 60), width - gutter, self._y(5 * 60)), off_hours)
        if today in self.days:
            tint = QColor(palette.highlight().color())
            tint.setAlpha(22)
            painter.fillRect(
                QRectF(self.column_left(self.days.index(today)), 0, self.column_width(), self.height()), tint
            )
        line = QColor(palette.mid().color())
        faint = QColor(line)
        faint.setAlpha(90)
        painter.setPen(palette.text().color())
        for hour in range(24):
            y = self._y(hour * 60)
            painter.setPen(QPen(line, 1))
            painter.drawLine(QPointF(gutter, y), QPointF(width, y))
            painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(gutter, y + self._y(30)), QPointF(width, y + self._y(30)))
            painter.setPen(palette.placeholderText().color())
            painter.drawText(
                QRectF(0, y + 2, gutter - metrics.height() / 3, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                time_text(dt.time(hour)),
            )
        painter.setPen(QPen(line, 1))
        for day in range(len(self.days) + 1):
            x = self.column_left(day) if day < len(self.days) else width - 1
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))

    def _paint_now(self, painter: QPainter) -> None:
        if self.now is None:
            return
        local = self.now.astimezone(self.zone)
        if local.date() not in self.days:
            return
        day = self.days.index(local.date())
        y = self._y(_wall_minutes(local))
        painter.setPen(QPen(QColor("#c62828"), 2))
        painter.drawLine(QPointF(self.column_left(day), y), QPointF(self.column_left(day) + self.column_width(), y))

    def _paint_help_desk(self, painter: QPainter, band: HelpDeskBand) -> None:
        top = self._y(band.top)
        height = max(self._y(band.bottom) - top, self.fontMetrics().height() + 4)
        rect = QRectF(self.column_left(band.day) + 1, top + 1, self.column_width() - 2, height - 2)
        fill = QColor(HELP_DESK_COLOUR)
        fill.setAlpha(40)
        painter.setPen(QPen(HELP_DESK_COLOUR, 1, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(fill, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(rect)
        painter.setPen(HELP_DESK_COLOUR.darker(130))
        text_rect = rect.adjusted(4, 2, -4, -2)
        painter.save()
        painter.setClipRect(rect)  # a short slot shows its first line; the slot list has the rest
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, band.text
        )
        painter.restore()

    def _paint_block(self, painter: QPainter, block: Block) -> None:
        booked = block.booked
        rect = self.block_rect(block)
        fill, edge = status_colours(booked.status)
        cancelled = booked.status == "cancelled"
        selected = booked.key == self.selected_key
        overlapping = booked.key in self.overlaps
        painter.save()
        painter.setPen(QPen(self.palette().highlight().color(), 3) if selected else QPen(edge, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        stripe = max(3.0, self.fontMetrics().height() / 5)
        painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, stripe, rect.height() - 2), edge)
        if overlapping:
            painter.setPen(QPen(OVERLAP_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        font = QFont(self.font())
        font.setStrikeOut(cancelled)
        painter.setFont(font)
        painter.setPen(edge.darker(160) if cancelled else TEXT_COLOUR)
        inner = rect.adjusted(stripe + 4, 2, -3, -2)
        painter.setClipRect(inner)
        if overlapping:
            inner = self._paint_overlap_badge(painter, inner)
            painter.setPen(edge.darker(160) if cancelled else TEXT_COLOUR)
        line_height = painter.fontMetrics().height()
        y = inner.top()
        for index, text in enumerate(self.block_lines(block, inner.width())):
            if index and y + line_height > inner.bottom() + 1:
                break
            bold = QFont(font)
            bold.setBold(index == 0)
            painter.setFont(bold)
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), line_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += line_height
        painter.restore()

    def block_lines(self, block: Block, width: float) -> list[str]:
        """The lines a block shows in `width` pixels, elided: who (with the start time when both fit), then
        the time range, status, place and topic."""
        booked = block.booked
        appointment = booked.appointment
        title = block_title(booked)
        start = booked.starts_at.astimezone(self.zone)
        starts_here = booked.starts_at >= dt.datetime.combine(self.days[block.day], dt.time(), tzinfo=self.zone)
        timed = f"{time_text(start)} {title}" if starts_here else title
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics, metrics = QFontMetrics(bold), self.fontMetrics()
        # The name matters more than the time (the grid already says when): the time only when both fit.
        first = timed if bold_metrics.horizontalAdvance(timed) <= width else title
        second = [
            range_text(start, booked.ends_at.astimezone(self.zone)),
            label("appointment_status", appointment.status),
            label("place_kind", appointment.place_kind),
        ]
        if appointment.topic and appointment.topic != title:
            second.append(appointment.topic)
        return [
            bold_metrics.elidedText(first, Qt.TextElideMode.ElideRight, int(width)),
            metrics.elidedText(" · ".join(second), Qt.TextElideMode.ElideRight, int(width)),
        ]

    def text_rect(self, block: Block) -> QRectF:
        """Where a block's text goes (inside the status stripe, beside the overlap badge)."""
        rect = self.block_rect(block)
        stripe = max(3.0, self.fontMetrics().height() / 5)
        inner = rect.adjusted(stripe + 4, 2, -3, -2)
        if block.booked.key in self.overlaps:
            inner = inner.adjusted(0, 0, -self.fontMetrics().height() - 2, 0)
        return inner

    def _paint_overlap_badge(self, painter: QPainter, inner: QRectF) -> QRectF:
        """A red "!" in the block's top right corner; returns the room left for the text."""
        size = self.fontMetrics().height()
        badge = QRectF(inner.right() - size + 1, inner.top(), size, size)
        painter.setClipping(False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OVERLAP_COLOUR)
        painter.drawEllipse(badge)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
        remaining = inner.adjusted(0, 0, -size - 2, 0)
        painter.setClipRect(remaining)
        painter.setPen(TEXT_COLOUR)
        return remaining

    # --- mouse and keyboard ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        block = self.block_at(point)
        slot = self.slot_at(point)
        if slot is not None:
            self.cursor_day, self.cursor_slot = slot
        self.select(block.booked.key if block else None, move_cursor=False)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        block = self.block_at(point)
        if block is not None:
            self.appointmentActivated.emit(block.booked.key)
            return
        slot = self.slot_at(point)
        if slot is not None:
            self.slotActivated.emit(self._slot_start(*slot))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)  # Alt+arrows and the like belong to the page
            return
        moves: dict[int, tuple[int, int]] = {  # event.key() is an int
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_PageUp: (0, -8),
            Qt.Key.Key_PageDown: (0, 8),
        }
        if key in moves:
            days, slots = moves[key]
            self._move_cursor(self.cursor_day + days, self.cursor_slot + slots)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected_key is not None:
                self.appointmentActivated.emit(self.selected_key)
            else:
                self.slotActivated.emit(self.cursor_start())
        else:
            super().keyPressEvent(event)

    def _move_cursor(self, day: int, slot: int) -> None:
        self.cursor_day = max(0, min(day, len(self.days) - 1))
        self.cursor_slot = max(0, min(slot, SLOTS_PER_DAY - 1))
        start = self.cursor_slot * 30
        under = [b for b in self.blocks if b.day == self.cursor_day and b.top < start + 30 and b.bottom > start]
        self.select(under[0].booked.key if under else None, move_cursor=False)
        self.visibleRequested.emit(self.slot_rect(self.cursor_day, self.cursor_slot).toAlignedRect())
        self._describe()
        self.update()

    def _describe(self) -> None:
        chosen = self.selected()
        when = date_text(self.days[self.cursor_day]) + " " + time_text(self.cursor_start())
        if chosen is not None:
            text = self.tr("{when}: {appointment}").format(
                when=when, appointment=block_summary(chosen, self.zone, self.overlaps.get(chosen.key))
            )
        else:
            text = self.tr("{when}: free").format(when=when)
        self.setAccessibleDescription(text)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(QPointF(event.pos()))
            if block is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    event.globalPos(), block_summary(block.booked, self.zone, self.overlaps.get(block.booked.key)), self
                )
            return True
        return super().event(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class DayHeader(QWidget):
    """Day names above the grid's columns; clicking one asks for that day."""

    dayClicked = Signal(object)  # dt.date

    def __init__(self, grid: TimeGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid

    def preferred_height(self) -> int:
        return round(self.fontMetrics().height() * 1.8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.window())
        today = self.grid.now.astimezone(self.grid.zone).date() if self.grid.now else None
        for index, day in enumerate(self.grid.days):
            rect = QRectF(self.grid.column_left(index), 0, self.grid.column_width(), self.height())
            font = QFont(self.font())
            font.setBold(day == today)
            painter.setFont(font)
            painter.setPen(palette.highlight().color() if day == today else palette.windowText().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, day_name(day))
        painter.setPen(palette.mid().color())
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        x = event.position().x() - self.grid.gutter_width()
        if x >= 0 and self.grid.days:
            index = int(x // self.grid.column_width())
            if 0 <= index < len(self.grid.days):
                self.dayClicked.emit(self.grid.days[index])


class CalendarView(QScrollArea):
    """The grid in a scroll area, with the day header held above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = TimeGrid()
        self.header = DayHeader(self.grid, self)
        self.setWidget(self.grid)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setViewportMargins(0, self.header.preferred_height(), 0, 0)
        self.setFocusProxy(self.grid)
        self.grid.visibleRequested.connect(self._show_rect)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._place_header())

    def set_content(self, days: list[dt.date], zone: dt.tzinfo, items: list[Booked], now: dt.datetime) -> None:
        self.grid.set_content(days, zone, items, now)
        self._place_header()
        self.header.update()

    def scroll_to_hour(self, hour: int) -> None:
        self.verticalScrollBar().setValue(self.grid.scroll_position(hour))

    def _show_rect(self, rect: QRect) -> None:
        self.ensureVisible(rect.center().x(), rect.center().y(), 0, rect.height() // 2 + self.grid.hour_height() // 2)

    def _place_header(self) -> None:
        viewport = self.viewport().geometry()
        offset = -self.horizontalScrollBar().value()
        self.header.setGeometry(
            viewport.x() + offset,
            self.frameWidth(),
            max(viewport.width(), self.grid.width()),
            self.header.preferred_height(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_header()


# --- the month --------------------------------------------------------------------------------------------


def month_days(anchor: dt.date) -> list[dt.date]:
    """The `MONTH_WEEKS` weeks (Monday first) shown for `anchor`'s month: from the Monday on or before the 1st."""
    first = anchor.replace(day=1)
    monday = first - dt.timedelta(days=first.weekday())
    return [monday + dt.timedelta(days=i) for i in range(MONTH_WEEKS * 7)]


class MonthGrid(QWidget):
    """Six weeks of day cells, each listing its meetings ("09:00 Anna Rossi"), with "+n more" when full.

    Keyboard: arrows move the day cursor (Left/Right by a day, Up/Down by a week);
    Enter (or a double click) opens that day in the day view. A meeting is listed on
    the day it starts. The cursor's day is said in the accessible description.
    """

    dayActivated = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Month"))
        self.month = utc_now().date().replace(day=1)  # until set_content gives the real month
        self.days: list[dt.date] = month_days(self.month)
        self.zone: dt.tzinfo = dt.UTC
        self.now: dt.datetime | None = None
        self.by_day: dict[dt.date, list[Booked]] = {}
        self.overlaps: dict[BookedKey, list[Booked]] = {}
        self.cursor_date = self.month

    def set_content(
        self, month: dt.date, zone: dt.tzinfo, items: list[Booked], now: dt.datetime, cursor: dt.date | None = None
    ) -> None:
        self.month, self.zone, self.now = month.replace(day=1), zone, now
        self.days = month_days(self.month)
        self.by_day = {}
        for item in sorted(items, key=lambda b: (b.starts_at, str(b.id))):
            self.by_day.setdefault(item.starts_at.astimezone(zone).date(), []).append(item)
        self.overlaps = overlaps_among(items)
        if cursor is not None and cursor in self.days:
            self.cursor_date = cursor
        elif self.cursor_date not in self.days:
            self.cursor_date = self.month
        self._describe()
        self.update()

    # --- geometry -----------------------------------------------------------------------------------

    def header_height(self) -> int:
        return round(self.fontMetrics().height() * 1.6)

    def cell_rect(self, index: int) -> QRectF:
        width = self.width() / 7
        height = (self.height() - self.header_height()) / MONTH_WEEKS
        return QRectF((index % 7) * width, self.header_height() + (index // 7) * height, width, height)

    def day_at(self, point: QPointF) -> dt.date | None:
        return next((day for index, day in enumerate(self.days) if self.cell_rect(index).contains(point)), None)

    def lines_per_cell(self) -> int:
        """How many meeting lines fit under a cell's day number."""
        return max(0, int(self.cell_rect(0).height() // self.fontMetrics().height()) - 1)

    def minimumSizeHint(self):
        size = super().minimumSizeHint()
        metrics = self.fontMetrics()
        size.setWidth(7 * metrics.horizontalAdvance("00:00 Mmm"))  # wider ran off 1366 px at 150 % text
        size.setHeight(self.header_height() + MONTH_WEEKS * metrics.height() * 3)
        return size

    # --- painting -----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = self.fontMetrics()
        width = self.width() / 7
        for column in range(7):
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(column * width, 0, width, self.header_height()),
                Qt.AlignmentFlag.AlignCenter,
                QLocale().dayName(column + 1, QLocale.FormatType.ShortFormat),
            )
        today = self.now.astimezone(self.zone).date() if self.now else None
        for index, day in enumerate(self.days):
            self._paint_cell(painter, index, day, today, metrics)
        painter.end()

    def _paint_cell(
        self, painter: QPainter, index: int, day: dt.date, today: dt.date | None, metrics: QFontMetrics
    ) -> None:
        palette = self.palette()
        rect = self.cell_rect(index)
        if day.month != self.month.month:
            painter.fillRect(rect, palette.alternateBase())
        if day == today:
            tint = QColor(palette.highlight().color())
            tint.setAlpha(28)
            painter.fillRect(rect, tint)
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if day == self.cursor_date and self.hasFocus():
            painter.setPen(QPen(palette.highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        line = metrics.height()
        inner = rect.adjusted(4, 1, -4, -1)
        font = QFont(self.font())
        font.setBold(day == today)
        painter.setFont(font)
        painter.setPen(
            palette.highlight().color()
            if day == today
            else (palette.windowText().color() if day.month == self.month.month else palette.placeholderText().color())
        )
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), line), Qt.AlignmentFlag.AlignLeft, str(day.day)
        )
        painter.setFont(self.font())
        items = self.by_day.get(day, [])
        room = self.lines_per_cell()
        shown = items if len(items) <= room else items[: max(0, room - 1)]
        y = inner.top() + line
        for item in shown:
            self._paint_line(painter, QRectF(inner.left(), y, inner.width(), line), item)
            y += line
        if len(shown) < len(items):
            painter.setPen(palette.windowText().color())
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft,
                self.tr("+%n more", "", len(items) - len(shown)),
            )

    def _paint_line(self, painter: QPainter, rect: QRectF, item: Booked) -> None:
        fill, edge = status_colours(item.status)
        painter.fillRect(rect.adjusted(0, 1, 0, -1), fill)
        painter.fillRect(QRectF(rect.left(), rect.top() + 1, 3, rect.height() - 2), edge)
        text_rect = rect.adjusted(6, 0, 0, 0)
        if item.key in self.overlaps:
            size = rect.height() - 2
            badge = QRectF(rect.right() - size, rect.top() + 1, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OVERLAP_COLOUR)
            painter.drawEllipse(badge)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
            text_rect = text_rect.adjusted(0, 0, -size - 2, 0)
        font = QFont(self.font())
        font.setStrikeOut(item.status == "cancelled")
        painter.setFont(font)
        painter.setPen(TEXT_COLOUR)
        text = f"{time_text(item.starts_at.astimezone(self.zone))} {block_title(item)}"
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(text_rect.width()))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setFont(self.font())

    # --- keyboard and mouse -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        moves: dict[int, int] = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if event.key() in moves:
            target = self.cursor_date + dt.timedelta(days=moves[event.key()])
            if target in self.days:
                self.cursor_date = target
                self._describe()
                self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.dayActivated.emit(self.cursor_date)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.cursor_date = day
            self._describe()
            self.update()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.dayActivated.emit(day)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            items = self.by_day.get(day, []) if day else []
            if items:
                QToolTip.showText(
                    event.globalPos(),
                    "\n".join(block_summary(i, self.zone, self.overlaps.get(i.key)) for i in items),
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _describe(self) -> None:
        items = self.by_day.get(self.cursor_date, [])
        when = date_text(self.cursor_date)
        if items:
            text = self.tr("{when}: {appointments}").format(
                when=when, appointments="; ".join(block_summary(i, self.zone, self.overlaps.get(i.key)) for i in items)
            )
        else:
            text = self.tr("{when}: free").format(when=when)
        self.setAccessibleDescription(text)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
