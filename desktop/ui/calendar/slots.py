"""The help desk's bookable slots in the Calendar: offering, seeing and taking them back.

Owns: `SlotsPanel` (beside the appointments: the slots of the period shown, each with its
mode and what holds it: open, held by a request waiting for an answer, booked, or
withdrawn; "Offer a slot…", "Withdraw" and "Remove") and `SlotForm` (a new slot: day,
start, end, in person / by phone / by video, where or how, the team offering it).

A slot is not an appointment: nobody is booked in it until a person chooses it on the
help desk and the team confirms in the Intake screen, so it is listed apart, with its own
words. Must never run SQL (see `desktop.store.slot_queries`), never decide itself whether a
slot is held (that is `protocol.entities.slot_taken_by`, read by the store), and never
remove a slot a request holds (the store refuses; the refusal is shown as it says why).
"""

import datetime as dt
import uuid

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store import slot_queries
from desktop.store.slot_queries import SlotView
from desktop.ui import formats, labels, style
from desktop.ui.calendar import day_name, local_now, local_zone, qdate, range_text, zone_name
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors, field_errors
from protocol import BookableSlot

DEFAULT_START = dt.time(10, 0)
DEFAULT_MINUTES = 45


def hold_state(view: SlotView) -> str:
    """What the slot is now: "held" or "booked" by a request, else its own state (open, withdrawn)."""
    return view.taken if view.taken is not None else view.slot.state


def slot_when(slot: BookableSlot, zone: dt.tzinfo) -> str:
    """ "Mon 30 10:00–10:45", where the operator is."""
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return f"{day_name(start.date())} {range_text(start, end)}"


def band_text(view: SlotView) -> str:
    """What a slot's band in the grid says, in words short enough for a week's column."""
    words = {
        "open": QCoreApplication.translate("SlotsPanel", "Help desk: open"),
        "held": QCoreApplication.translate("SlotsPanel", "Help desk: held, to answer"),
        "booked": QCoreApplication.translate("SlotsPanel", "Help desk: booked"),
        "withdrawn": QCoreApplication.translate("SlotsPanel", "Help desk: withdrawn"),
    }
    state = hold_state(view)
    return words.get(state, state)


def slot_summary(view: SlotView, zone: dt.tzinfo) -> str:
    """One line: when, how, and what holds it (with the request's alias and reference when one does)."""
    parts = [slot_when(view.slot, zone), labels.label("slot_mode", view.slot.mode)]
    if view.slot.place:
        parts.append(view.slot.place)
    state = labels.label("slot_hold", hold_state(view))
    if view.request is not None:
        state += f" ({view.request.alias}" + (f", {view.request.reference})" if view.request.reference else ")")
    parts.append(state)
    return " · ".join(parts)


class SlotsPanel(QWidget):
    """The help desk's slots of the period the Calendar shows; `load(start, end)` reads them."""

    loaded = Signal(object)  # list[SlotView], once read

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = local_zone(context)
        self.views: list[SlotView] = []
        self.form: SlotForm | None = None
        self.default_day: dt.date = local_now(context).date()
        self._period: tuple[dt.datetime, dt.datetime] | None = None
        self._generation = 0

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Help desk slots shown"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda _item, _previous: self._selection_changed())
        heading = QLabel(self.tr("Help desk slo&ts:"))
        heading.setBuddy(self.list)
        heading.setToolTip(self.tr("Times your team offers for booking on the public help desk"))
        self.offer_button = QPushButton(self.tr("O&ffer a slot…"))
        self.offer_button.setToolTip(self.tr("Offer a time that people can book on the help desk"))
        self.offer_button.clicked.connect(self.offer)
        self.withdraw_button = QPushButton(self.tr("Wit&hdraw"))
        self.withdraw_button.setToolTip(self.tr("Stop offering this slot; a booking already made in it stays"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.remove_button = QPushButton(self.tr("Remo&ve"))
        self.remove_button.setToolTip(self.tr("Delete a slot offered by mistake"))
        self.remove_button.clicked.connect(self.remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("slotsMessage")
        self.message.hide()
        # Two rows: beside the grid the panel is narrow, and one row of three Finnish
        # buttons widened the whole window past a 1366 px screen.
        buttons = QGridLayout()
        buttons.addWidget(self.offer_button, 0, 0, 1, 2)
        buttons.addWidget(self.withdraw_button, 1, 0)
        buttons.addWidget(self.remove_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._selection_changed()

    # --- loading ------------------------------------------------------------------------

    def load(self, start: dt.datetime, end: dt.datetime) -> None:
        self._period = (start, end)
        self._generation += 1
        generation = self._generation
        self.context.store.run(
            lambda s: slot_queries.slots_between(s, start, end),
            lambda views: self._loaded(generation, views),
            self._failed,
            owner=self,
        )

    def reload(self) -> None:
        if self._period is not None:
            self.load(*self._period)

    def _loaded(self, generation: int, views: list[SlotView]) -> None:
        if generation != self._generation:
            return
        keep = self.selected()
        self.views = views
        self.list.blockSignals(True)
        self.list.clear()
        for view in views:
            row = QListWidgetItem(slot_summary(view, self.zone))
            row.setData(Qt.ItemDataRole.UserRole, view.slot.id)
            if view.slot.state == "withdrawn" and view.taken is None:
                row.setForeground(QBrush(style.colour("muted")))  # grey that still reads 4.5:1
            self.list.addItem(row)
            if keep is not None and view.slot.id == keep.slot.id:
                self.list.setCurrentItem(row)
        if not views:
            self.list.addItem(self._placeholder())
        self.list.blockSignals(False)
        self._selection_changed()
        self.loaded.emit(views)

    def _placeholder(self) -> QListWidgetItem:
        row = QListWidgetItem(self.tr("No slots offered at the help desk in this period."))
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        return row

    def _failed(self, error: BaseException) -> None:
        self.say(self.tr("The help desk slots could not be read: {reason}").format(reason=type(error).__name__))

    def selected(self) -> SlotView | None:
        item = self.list.currentItem()
        wanted = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((view for view in self.views if view.slot.id == wanted), None)

    def _selection_changed(self) -> None:
        view = self.selected()
        self.withdraw_button.setEnabled(view is not None and view.slot.state == "open")
        self.remove_button.setEnabled(view is not None)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- offering, withdrawing, removing --------------------------------------------------

    def offer(self) -> None:
        self.say("")
        form = SlotForm(self.context, self.default_day, self)
        form.saved.connect(self._offered)
        form.finished.connect(lambda _result: self._form_closed(form))
        self.form = form
        form.open()

    def _form_closed(self, form: "SlotForm") -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()

    def _offered(self, slot: BookableSlot) -> None:
        self.say(
            self.tr("Slot offered: {when}. People can book it on the help desk once this device syncs.").format(
                when=slot_when(slot, self.zone)
            )
        )

    def withdraw(self) -> None:
        view = self.selected()
        if view is None:
            return
        slot_id = view.slot.id
        self.context.store.run(
            lambda s: slot_queries.withdraw_slot(s, slot_id),
            lambda slot: self.say(self.tr("Slot withdrawn: {when}.").format(when=slot_when(slot, self.zone))),
            self._refused,
            owner=self,
        )

    def remove(self) -> None:
        view = self.selected()
        if view is None:
            return
        slot_id, when = view.slot.id, slot_when(view.slot, self.zone)
        self.context.store.run(
            lambda s: slot_queries.remove_slot(s, slot_id),
            lambda _slot: self.say(self.tr("Slot removed: {when}.").format(when=when)),
            self._refused,
            owner=self,
        )

    def _refused(self, error: BaseException) -> None:
        words = field_errors(error)
        reason = "\n".join(words.values()) if words else type(error).__name__
        self.say(self.tr("Not changed: {reason}").format(reason=reason))


class SlotForm(FormDialog):
    """A new slot at the help desk; `saved` carries it as stored."""

    saved = Signal(object)  # BookableSlot

    def __init__(self, context: UiContext, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Offer slot"), parent)
        self.context = context
        self.setWindowTitle(self.tr("Offer a slot at the help desk"))
        self.time_zone = zone_name(context)
        self.zone = local_zone(context)
        explanation = QLabel(
            self.tr(
                "People choose a free slot on the help desk's booking page, without seeing names. "
                "Their request then holds it until you confirm or decline it in Intake."
            )
        )
        explanation.setWordWrap(True)
        self._build_inputs(day)
        self.errors = FormErrors()
        form = self._build_form()
        self.offer_button = self.primary_button
        self.offer_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _build_inputs(self, day: dt.date) -> None:
        """Day, start and end (the usual first meeting's length), how, where, and the team."""
        self.date = QDateEdit(qdate(day))
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Day"))
        self.start = QTimeEdit(QTime(DEFAULT_START.hour, DEFAULT_START.minute))
        self.start.setDisplayFormat(formats.time_edit_format())
        self.start.setAccessibleName(self.tr("Start time"))
        end = (dt.datetime.combine(day, DEFAULT_START) + dt.timedelta(minutes=DEFAULT_MINUTES)).time()
        self.end = QTimeEdit(QTime(end.hour, end.minute))
        self.end.setDisplayFormat(formats.time_edit_format())
        self.end.setAccessibleName(self.tr("End time"))
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("How the meeting happens"))
        for value, text in labels.labels("slot_mode").items():
            self.mode.addItem(text, value)
        self.place = QLineEdit()
        self.place.setMaxLength(300)
        self.place.setAccessibleName(self.tr("Where, or how"))
        self.place.setPlaceholderText(self.tr("For example: Via Roma 12, 2nd floor; or: we call you"))
        self.team = QComboBox()
        self.team.setAccessibleName(self.tr("Team offering it"))
        for team in self.context.teams:
            self.team.addItem(team.name, team.id)
        if self.team.count() == 0:
            self.team.addItem(self.tr("No team"), None)

    def _build_form(self) -> QFormLayout:
        """Each input with its label and, under it, its error message."""
        place_note = QLabel(self.tr("The person sees this only once you have confirmed their booking."))
        place_note.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("starts_at", self.tr("&Day"), self.date),
            ("start", self.tr("&Start"), self.start),
            ("ends_at", self.tr("&End"), self.end),
            ("mode", self.tr("&How"), self.mode),
            ("place", self.tr("&Where or how"), self.place),
            ("team_id", self.tr("&Team"), self.team),
        )
        for key, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            if key == "place":
                column.addWidget(place_note)
            column.addWidget(self.errors.add(key, widget))
            form.addRow(label, column)
        form.addRow(self.tr("Time zone"), QLabel(formats.time_zone_name(self.time_zone, self.context.clock())))
        return form

    def _at(self, day: QDate, time: QTime) -> dt.datetime:
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=self.zone)

    def submit(self) -> None:
        self.errors.clear()
        starts = self._at(self.date.date(), self.start.time())
        ends = self._at(self.date.date(), self.end.time())
        if starts <= local_now(self.context):
            self.errors.show(ValueError("starts_at: " + self.tr("choose a time that has not passed yet")))
            return
        fields = {
            "team_id": self.team.currentData(),
            "starts_at": starts,
            "ends_at": ends,
            "time_zone": self.time_zone,
            "mode": self.mode.currentData(),
            "place": self.place.text().strip() or None,
        }
        team: uuid.UUID | None = fields["team_id"]
        if team is None:
            self.errors.show(ValueError("team_id: " + self.tr("you are in no team yet: ask IT to add you to one")))
            return
        self.offer_button.setEnabled(False)
        self.context.store.run(
            lambda s: slot_queries.offer_slot(s, **fields),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, slot: BookableSlot) -> None:
        self.saved.emit(slot)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.offer_button.setEnabled(True)
        self.errors.show(error)
