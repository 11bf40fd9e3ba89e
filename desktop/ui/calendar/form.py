"""The appointment dialog: book a new appointment or change one, with a double-booking check.

Owns: `AppointmentForm`. Saving is two steps on the store thread: first the
overlap query (`calendar_queries.overlapping`); if anything clashes the dialog
shows a warning panel naming the clashes, with "Book anyway" (save as it is)
and "Change time" (back to the start time); otherwise, or when booking anyway,
it creates or updates the appointment. Times are entered in the UI's local zone
and stored as UTC instants; a new appointment's `time_zone` is the local zone's
name, an edited one keeps its own.

Must never write without naming the change (`changes={"appointment"}`), never
show a rejected value back in an error, and never block: the dialog opens with
`.open()` and reports through `saved`.
"""

import datetime as dt
import uuid

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store.calendar_queries import Booked, Clash, overlapping
from desktop.ui import style
from desktop.ui.calendar import date_text, local_zone, pydate, qdate, range_text, zone_name
from desktop.ui.contact_picker import ContactPicker, contact_label
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.labels import labels
from protocol import Appointment, new_id

REMINDER_CHOICES = (None, 0, 5, 10, 15, 30, 60, 120, 1440)
NEW_REMINDER = 15
NEW_DURATION = 60


class ClashWarning(QFrame):
    """The double-booking warning, said the same way wherever a booking is made (this
    dialog and accepting a help-desk request): which appointments the time overlaps,
    found by `calendar_queries.overlapping`, with "Book anyway" and "Change time".
    Its words keep the booking dialog's translation context, where they were first written."""

    def __init__(self, context: UiContext, zone: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = zone
        self.setObjectName("clashWarning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        style.set_role(self, "panel")  # pale amber on a light theme, the palette's colours on any other
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.book_anyway_button = QPushButton(QCoreApplication.translate("AppointmentForm", "&Book anyway"))
        self.change_time_button = QPushButton(QCoreApplication.translate("AppointmentForm", "C&hange time"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.change_time_button)
        buttons.addWidget(self.book_anyway_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def show_clashes(self, clashes: list[Clash], starts_at: dt.datetime) -> None:
        lines = [QCoreApplication.translate("AppointmentForm", "This time overlaps other appointments:")]
        lines.extend(self._line(clash, starts_at) for clash in clashes)
        self.text.setText("\n".join(lines))
        self.text.setAccessibleName(self.text.text())
        self.show()
        self.change_time_button.setFocus()

    def _line(self, clash: Clash, starts_at: dt.datetime) -> str:
        start = clash.booked.starts_at.astimezone(self.zone)
        when = range_text(start, clash.booked.ends_at.astimezone(self.zone))
        if start.date() != starts_at.astimezone(self.zone).date():
            when = date_text(start.date(), long=False) + " " + when
        named = [c.name for c in clash.shared_contacts if c.name]
        names = ", ".join(clash.booked.names())
        if named:
            return QCoreApplication.translate(
                "AppointmentForm", "{names} already has an appointment {when}").format(
                names=", ".join(named), when=when)
        if clash.shared_contacts:
            return QCoreApplication.translate(
                "AppointmentForm", "A contact of this appointment already has one {when}").format(
                when=when)
        if clash.booked.appointment.operator_id == self.context.me:
            if names:
                return QCoreApplication.translate(
                    "AppointmentForm", "You already have an appointment {when} with {names}").format(
                    when=when, names=names)
            return QCoreApplication.translate(
                "AppointmentForm", "You already have an appointment {when}").format(when=when)
        return QCoreApplication.translate(
            "AppointmentForm", "The same operator already has an appointment {when}").format(when=when)


class AppointmentForm(FormDialog):
    """New (`booked=None`, optional `start`) or edit (`booked` given) an appointment."""

    saved = Signal(object)  # the Appointment as stored

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
        *,
        booked: Booked | None = None,
        start: dt.datetime | None = None,
    ) -> None:
        super().__init__(self.tr("&Save"), parent)
        self.context = context
        self.booked = booked
        self.zone = local_zone(context)
        self.picker: ContactPicker | None = None
        self.clashes: list[Clash] = []
        self.setWindowTitle(self.tr("Edit appointment") if booked else self.tr("New appointment"))
        self.errors = FormErrors()
        self._build()
        self._fill(booked, start)
        (self.date if booked else self.add_contact_button).setFocus()

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        self.contacts_list = QListWidget()
        self.contacts_list.setAccessibleName(self.tr("Contacts of this appointment"))
        self.contacts_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.add_contact_button = QPushButton(self.tr("Add &contact…"))
        self.add_contact_button.setAutoDefault(False)
        self.add_contact_button.clicked.connect(self.choose_contact)
        self.remove_contact_button = QPushButton(self.tr("&Remove contact"))
        self.remove_contact_button.setAutoDefault(False)
        self.remove_contact_button.clicked.connect(self._remove_contact)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.contacts_list, self._remove_contact,
                  context=Qt.ShortcutContext.WidgetShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_contact_button)
        buttons.addWidget(self.remove_contact_button)
        buttons.addStretch(1)
        contacts_box = QVBoxLayout()
        contacts_box.addWidget(self.contacts_list)
        contacts_box.addLayout(buttons)
        contacts_box.addWidget(self.errors.add("contact_ids", self.contacts_list))
        self._row(form, self.tr("Contac&ts:"), contacts_box, self.contacts_list)

        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Date"))
        self.start_time = QTimeEdit()
        self.start_time.setAccessibleName(self.tr("Start time"))
        self.start_time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.ends_label = QLabel()
        self._row(form, self.tr("&Date:"), self._with_error(self.date, "starts_at"), self.date)
        self._row(form, self.tr("Start t&ime:"), self.start_time, self.start_time)
        duration_box = QVBoxLayout()
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration)
        duration_row.addWidget(self.ends_label, 1)
        duration_box.addLayout(duration_row)
        duration_box.addWidget(self.errors.add("ends_at", self.duration))
        self._row(form, self.tr("D&uration:"), duration_box, self.duration)
        for widget in (self.date, self.start_time, self.duration):
            signal = widget.valueChanged if isinstance(widget, QSpinBox) else (
                widget.dateChanged if isinstance(widget, QDateEdit) else widget.timeChanged)
            signal.connect(lambda *_: self._show_end())

        self.place_kind = QComboBox()
        self.place_kind.setAccessibleName(self.tr("Kind of place"))
        for value, text in labels("place_kind").items():
            self.place_kind.addItem(text, value)
        self._row(form, self.tr("&Where:"), self._with_error(self.place_kind, "place_kind"), self.place_kind)
        self.location = QLineEdit()
        self.location.setAccessibleName(self.tr("Location"))
        self.location.setPlaceholderText(self.tr("Address or meeting point (optional)"))
        self._row(form, self.tr("&Location:"), self._with_error(self.location, "location"), self.location)
        self.topic = QLineEdit()
        self.topic.setAccessibleName(self.tr("Topic"))
        self._row(form, self.tr("T&opic:"), self._with_error(self.topic, "topic"), self.topic)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for value, text in labels("appointment_status").items():
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(lambda _i: self._outcome_hint())
        self._row(form, self.tr("St&atus:"), self._with_error(self.status, "status"), self.status)
        self.outcome_note = QPlainTextEdit()
        self.outcome_note.setTabChangesFocus(True)
        self.outcome_note.setAccessibleName(self.tr("Outcome note"))
        self.outcome_note.setMaximumHeight(self.fontMetrics().height() * 6)
        self.outcome_hint = QLabel()
        self.outcome_hint.setWordWrap(True)
        outcome_box = QVBoxLayout()
        outcome_box.addWidget(self.outcome_hint)
        outcome_box.addWidget(self.outcome_note)
        outcome_box.addWidget(self.errors.add("outcome_note", self.outcome_note))
        self._row(form, self.tr("Outco&me:"), outcome_box, self.outcome_note)
        self.reminder = QComboBox()
        self.reminder.setAccessibleName(self.tr("Reminder"))
        for minutes in REMINDER_CHOICES:
            self.reminder.addItem(self._reminder_text(minutes), minutes)
        self._row(form, self.tr("R&eminder:"), self._with_error(self.reminder, "reminder_minutes_before"),
                  self.reminder)

        self.clash_panel = ClashWarning(self.context, self.zone)
        self.clash_text = self.clash_panel.text
        self.book_anyway_button = self.clash_panel.book_anyway_button
        self.change_time_button = self.clash_panel.change_time_button
        self.book_anyway_button.clicked.connect(lambda: self._save(check_clashes=False))
        self.change_time_button.clicked.connect(self._change_time)

        self.save_button = self.primary_button
        self.save_button.clicked.connect(lambda: self._save(check_clashes=True))
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, lambda: self._save(check_clashes=True))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.clash_panel)
        layout.addWidget(self.buttons)

    def _row(self, form: QFormLayout, text: str, field: QWidget | QVBoxLayout | QHBoxLayout, buddy: QWidget) -> None:
        caption = QLabel(text)
        caption.setBuddy(buddy)
        form.addRow(caption, field)

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        box.addWidget(self.errors.add(field, widget))
        return holder

    def _reminder_text(self, minutes: int | None) -> str:
        if minutes is None:
            return self.tr("No reminder")
        if minutes == 0:
            return self.tr("When it starts")
        if minutes % 1440 == 0:
            return self.tr("{n} day(s) before").format(n=minutes // 1440)
        if minutes % 60 == 0:
            return self.tr("{n} hour(s) before").format(n=minutes // 60)
        return self.tr("{n} minutes before").format(n=minutes)

    # --- filling -----------------------------------------------------------------------------------------

    def _fill(self, booked: Booked | None, start: dt.datetime | None) -> None:
        if booked is None:
            begin = (start or self._next_half_hour()).astimezone(self.zone)
            minutes, place, status, reminder = NEW_DURATION, "office", "confirmed", NEW_REMINDER
            texts = ("", "", "")
        else:
            appointment = booked.appointment
            begin = appointment.starts_at.astimezone(self.zone)
            minutes = max(5, round((appointment.ends_at - appointment.starts_at).total_seconds() / 60))
            place, status, reminder = appointment.place_kind, appointment.status, appointment.reminder_minutes_before
            texts = (appointment.location or "", appointment.topic or "", appointment.outcome_note or "")
            for contact in booked.contacts:
                self._add_contact(contact.id, contact.name or self.tr("(contact not on this computer)"))
        self.date.setDate(qdate(begin.date()))
        self.start_time.setTime(QTime(begin.hour, begin.minute))
        self.duration.setValue(minutes)
        self._select(self.place_kind, place)
        self._select(self.status, status)
        if self.reminder.findData(reminder) < 0:
            self.reminder.addItem(self._reminder_text(reminder), reminder)
        self._select(self.reminder, reminder)
        self.location.setText(texts[0])
        self.topic.setText(texts[1])
        self.outcome_note.setPlainText(texts[2])
        self._show_end()
        self._outcome_hint()

    def _next_half_hour(self) -> dt.datetime:
        now = self.context.clock().astimezone(self.zone)
        base = now.replace(minute=0, second=0, microsecond=0)
        return base + dt.timedelta(minutes=30 if now.minute < 30 else 60)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    # --- contacts -------------------------------------------------------------------------------------------

    def choose_contact(self) -> None:
        """Open the contact picker (non-blocking); the chosen contact joins the list."""
        picker = ContactPicker(self.context, self)
        self.picker = picker
        picker.accepted.connect(lambda: self._picked(picker))
        picker.finished.connect(lambda _r: picker.deleteLater())
        picker.open()

    def _picked(self, picker: ContactPicker) -> None:
        if picker.chosen is not None:
            self._add_contact(picker.chosen.id, contact_label(picker.chosen))
        self.picker = None
        self.contacts_list.setFocus()

    def _add_contact(self, contact_id: uuid.UUID, text: str) -> None:
        if contact_id in self.contact_ids():
            return
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, contact_id)
        self.contacts_list.addItem(item)
        self.contacts_list.setCurrentItem(item)

    def _remove_contact(self) -> None:
        row = self.contacts_list.currentRow()
        if row >= 0:
            self.contacts_list.takeItem(row)

    def contact_ids(self) -> list[uuid.UUID]:
        return [self.contacts_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.contacts_list.count())]

    # --- times -------------------------------------------------------------------------------------------

    def starts_at(self) -> dt.datetime:
        time = self.start_time.time()
        local = dt.datetime.combine(pydate(self.date.date()), dt.time(time.hour(), time.minute()), tzinfo=self.zone)
        return local.astimezone(dt.UTC)

    def ends_at(self) -> dt.datetime:
        return self.starts_at() + dt.timedelta(minutes=self.duration.value())

    def _show_end(self) -> None:
        start, end = self.starts_at().astimezone(self.zone), self.ends_at().astimezone(self.zone)
        self.ends_label.setText(self.tr("until {range}").format(range=range_text(start, end)))

    def _outcome_hint(self) -> None:
        if self.status.currentData() in ("done", "no_show"):
            self.outcome_hint.setText(self.tr("What happened, and what comes next."))
        else:
            self.outcome_hint.setText(self.tr("Fill in after the appointment."))

    def _change_time(self) -> None:
        self.clash_panel.hide()
        self.start_time.setFocus()

    # --- saving ---------------------------------------------------------------------------------------------

    def fields(self) -> dict[str, object]:
        """The appointment's content as the form holds it (what create/update receive)."""
        def text(widget: QLineEdit) -> str | None:
            return widget.text().strip() or None

        appointment = self.booked.appointment if self.booked else None
        return {
            "contact_ids": self.contact_ids(),
            "operator_id": appointment.operator_id if appointment else self.context.me,
            "starts_at": self.starts_at(),
            "ends_at": self.ends_at(),
            "time_zone": appointment.time_zone if appointment else zone_name(self.context),
            "place_kind": self.place_kind.currentData(),
            "location": text(self.location),
            "status": self.status.currentData(),
            "topic": text(self.topic),
            "outcome_note": self.outcome_note.toPlainText().strip() or None,
            "reminder_minutes_before": self.reminder.currentData(),
        }

    def _save(self, *, check_clashes: bool) -> None:
        fields = self.fields()
        self.errors.clear()
        self.clash_panel.hide()
        try:
            # The shared schema checks the form first, so a clash is never reported for a
            # booking that could not be saved anyway.
            now = self.context.clock()
            Appointment.model_validate({**fields, "id": new_id(), "created_at": now, "updated_at": now,
                                        "author_device_id": self.context.device_id})
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self._busy(True)
        if check_clashes:
            exclude = self.booked.id if self.booked else None
            self.context.store.run(
                lambda s: overlapping(s, starts_at=fields["starts_at"], ends_at=fields["ends_at"],
                                      operator_id=fields["operator_id"], contact_ids=fields["contact_ids"],
                                      exclude_id=exclude),
                lambda clashes: self._checked(fields, clashes), self._failed, owner=self)
            return
        self._write(fields)

    def _checked(self, fields: dict[str, object], clashes: list[Clash]) -> None:
        self._busy(False)
        if fields != self.fields():
            return  # edited while the check ran: the operator saves again
        self.clashes = clashes
        if not clashes:
            self._busy(True)
            self._write(fields)
            return
        self.clash_panel.show_clashes(clashes, self.starts_at())

    def _write(self, fields: dict[str, object]) -> None:
        if self.booked is None:
            def work(session):  # noqa: ANN001, ANN202 - a StoreSession, on the store thread
                return session.appointments.create(**fields)
        else:
            record_id = self.booked.id

            def work(session):  # noqa: ANN001, ANN202
                return session.appointments.update(record_id, **fields)
        self.context.store.run(work, self._written, self._failed, owner=self, changes={"appointment"})

    def _written(self, appointment: Appointment) -> None:
        self._busy(False)
        self.context.local_change()
        self.saved.emit(appointment)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.errors.show(error)

    def _busy(self, busy: bool) -> None:
        for button in (self.save_button, self.book_anyway_button, self.change_time_button):
            button.setEnabled(not busy)

