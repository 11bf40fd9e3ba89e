"""The appointment dialog: book a new appointment or change one, with a double-booking check.

Owns: `AppointmentForm`. Saving is two steps on the store thread: first the
overlap query (`calendar_queries.overlapping`); if anything clashes the dialog
shows a warning panel naming the clashes, with "Book anyway" (save as it is)
and "Change time" (back to the start time); otherwise, or when booking anyway,
it creates or updates the appointment. Times are entered in the UI's local zone
and stored as UTC instants; a new appointment's `time_zone` is the local zone's
name, an edited one keeps its own. Opened from a contact's page it starts with that
contact (`contact=`); for a home visit it proposes the address of a contact in it,
never over a location the operator typed.

Repeats: "Repeats" (not, every week, every two weeks, every month) and "Ends" (on a
date, or after a number of meetings) make the record a series (`protocol.recurrence`);
the double-booking check then looks at every meeting of it. Opened on one meeting
of a series, the fields edit the whole series (its first meeting's date and time),
and "Skip only this meeting" adds that meeting's date to `exceptions`. Moving a
single meeting is done as skipping it and booking a one-off appointment: there is
no per-meeting override.

Keyboard: every caption's mnemonic is unique in en/it/fi (Alt+S is Save only). A
time field selects its hour section whenever the keyboard brings focus to it (Tab,
Shift+Tab, a mnemonic, "Change time"), so typing "1430" or "14:30" gives 14:30.

Must never write except through the store client (which announces what changed), never
show a rejected value back in an error, and never block: the dialog opens with
`.open()` and reports through `saved`.
"""

import datetime as dt
import uuid
from typing import TypedDict, cast

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
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
from desktop.ui import formats, style
from desktop.ui.calendar import date_text, local_zone, pydate, qdate, range_text, zone_name
from desktop.ui.contact_picker import ContactPicker, contact_label
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.labels import labels
from protocol import Appointment, Contact, new_id
from protocol.recurrence import MAX_OCCURRENCES, Frequency, Recurrence

REMINDER_CHOICES = (None, 0, 5, 10, 15, 30, 60, 120, 1440)
NEW_REMINDER = 15
NEW_DURATION = 60
# (frequency, interval) of each "Repeats" choice; None does not repeat.
REPEAT_CHOICES: tuple[tuple[Frequency, int] | None, ...] = (None, ("weekly", 1), ("weekly", 2), ("monthly", 1))
NEW_SERIES_COUNT = 10
# A warning listing more clashes than this says how many more instead (a series can clash dozens of times).
CLASH_LINES = 6


class AppointmentFields(TypedDict):
    """The appointment's content as the form holds it: what `appointments.create`/`update` receive."""

    contact_ids: list[uuid.UUID]
    operator_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    place_kind: str
    location: str | None
    status: str
    topic: str | None
    outcome_note: str | None
    reminder_minutes_before: int | None
    recurrence: Recurrence | None
    exceptions: list[dt.date]


def _choice_key(choice: tuple[str, int] | None) -> str:
    """A "Repeats" choice as the combo's data ("weekly:2"; "" does not repeat): Qt compares strings reliably."""
    return f"{choice[0]}:{choice[1]}" if choice else ""


def _choice(key: str | None) -> tuple[Frequency, int] | None:
    if not key:
        return None
    frequency, interval = key.split(":")
    # The combo's keys are made by `_choice_key` from REPEAT_CHOICES (or a stored Recurrence).
    return cast(Frequency, frequency), int(interval)


class TimeEdit(QTimeEdit):
    """A QTimeEdit that starts at the hour whenever the keyboard brings focus to it.

    Qt keeps the section last used (Shift+Tab lands on the minutes), so typing "1430"
    went into the minutes; a click still picks the section clicked.
    """

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.sectionAt(0))


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
        lines.extend(self._line(clash, starts_at) for clash in clashes[:CLASH_LINES])
        if len(clashes) > CLASH_LINES:
            more = len(clashes) - CLASH_LINES  # always several: a series clashing week after week
            lines.append(QCoreApplication.translate("AppointmentForm", "…and {n} more").format(n=more))
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
            return QCoreApplication.translate("AppointmentForm", "{names} already has an appointment {when}").format(
                names=", ".join(named), when=when
            )
        if clash.shared_contacts:
            return QCoreApplication.translate(
                "AppointmentForm", "A contact of this appointment already has one {when}"
            ).format(when=when)
        if clash.booked.appointment.operator_id == self.context.me:
            if names:
                return QCoreApplication.translate(
                    "AppointmentForm", "You already have an appointment {when} with {names}"
                ).format(when=when, names=names)
            return QCoreApplication.translate("AppointmentForm", "You already have an appointment {when}").format(
                when=when
            )
        return QCoreApplication.translate(
            "AppointmentForm", "The same operator already has an appointment {when}"
        ).format(when=when)


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
        contact: Contact | None = None,
    ) -> None:
        super().__init__(self.tr("&Save"), parent)
        self.context = context
        self.booked = booked
        self.zone = local_zone(context)
        self.picker: ContactPicker | None = None
        self.clashes: list[Clash] = []
        self._addresses: dict[uuid.UUID, str] = {}  # of the contacts added here, for a home visit
        self._proposed = ""  # the address put in Location, while the operator has not changed it
        self.setWindowTitle(self.tr("Edit appointment") if booked else self.tr("New appointment"))
        self.errors = FormErrors()
        self._build()
        self._fill(booked, start)
        if contact is not None:
            self.add_contact(contact)
        self.place_kind.currentIndexChanged.connect(lambda _i: self._propose_address())
        (self.date if booked or contact else self.add_contact_button).setFocus()

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        self._build_contacts(form)
        self._build_when(form)
        self._build_place(form)
        self._build_outcome(form)
        self._build_reminder(form)
        self._build_repeats(form)
        self._build_clash_panel()
        self._build_save()
        layout = QVBoxLayout(self)
        layout.addWidget(self.series_note)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.clash_panel)
        layout.addWidget(self.buttons)

    def _build_contacts(self, form: QFormLayout) -> None:
        """The contacts of the appointment: a short list, Add and Remove (Delete in the list)."""
        self.contacts_list = QListWidget()
        self.contacts_list.setAccessibleName(self.tr("Contacts of this appointment"))
        self.contacts_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.add_contact_button = QPushButton(self.tr("Add &contact…"))
        self.add_contact_button.setAutoDefault(False)
        self.add_contact_button.clicked.connect(self.choose_contact)
        self.remove_contact_button = QPushButton(self.tr("&Remove contact"))
        self.remove_contact_button.setAutoDefault(False)
        self.remove_contact_button.clicked.connect(self._remove_contact)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.contacts_list,
            self._remove_contact,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_contact_button)
        buttons.addWidget(self.remove_contact_button)
        buttons.addStretch(1)
        contacts_box = QVBoxLayout()
        contacts_box.addWidget(self.contacts_list)
        contacts_box.addLayout(buttons)
        contacts_box.addWidget(self.errors.add("contact_ids", self.contacts_list))
        self._row(form, self.tr("Contac&ts:"), contacts_box, self.contacts_list)

    def _build_when(self, form: QFormLayout) -> None:
        """Date, start time and duration, with the end time shown beside the duration."""
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Date"))
        self.start_time = TimeEdit()
        self.start_time.setAccessibleName(self.tr("Start time"))
        self.start_time.setDisplayFormat(formats.time_edit_format())  # "22.00" in Finnish
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
        self.date.dateChanged.connect(lambda *_: self._show_end())
        self.start_time.timeChanged.connect(lambda *_: self._show_end())
        self.duration.valueChanged.connect(lambda *_: self._show_end())

    def _build_place(self, form: QFormLayout) -> None:
        """Kind of place, location and topic."""
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

    def _build_outcome(self, form: QFormLayout) -> None:
        """Status, and the outcome note with a hint that follows the status."""
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

    def _build_reminder(self, form: QFormLayout) -> None:
        self.reminder = QComboBox()
        self.reminder.setAccessibleName(self.tr("Reminder"))
        for minutes in REMINDER_CHOICES:
            self.reminder.addItem(self._reminder_text(minutes), minutes)
        self._row(
            form, self.tr("R&eminder:"), self._with_error(self.reminder, "reminder_minutes_before"), self.reminder
        )

    def _build_clash_panel(self) -> None:
        """The warning shown when the operator or a contact is already booked then."""
        self.clash_panel = ClashWarning(self.context, self.zone)
        self.clash_text = self.clash_panel.text
        self.book_anyway_button = self.clash_panel.book_anyway_button
        self.change_time_button = self.clash_panel.change_time_button
        self.book_anyway_button.clicked.connect(lambda: self._save(check_clashes=False))
        self.change_time_button.clicked.connect(self._change_time)

    def _build_save(self) -> None:
        self.save_button = self.primary_button
        self.save_button.clicked.connect(lambda: self._save(check_clashes=True))
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, lambda: self._save(check_clashes=True))

    def _build_repeats(self, form: QFormLayout) -> None:
        self.form_layout = form
        self.repeats = QComboBox()
        self.repeats.setAccessibleName(self.tr("Repeats"))
        for choice in REPEAT_CHOICES:
            self.repeats.addItem(self._repeat_text(choice), _choice_key(choice))
        self._row(form, self.tr("Re&peats:"), self._with_error(self.repeats, "recurrence"), self.repeats)
        self.end_kind = QComboBox()
        self.end_kind.setAccessibleName(self.tr("How the repeats end"))
        self.end_kind.addItem(self.tr("On this date:"), "until")
        self.end_kind.addItem(self.tr("After this many meetings:"), "count")
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setAccessibleName(self.tr("Last date of the repeats"))
        self.count = QSpinBox()
        self.count.setRange(2, MAX_OCCURRENCES)
        self.count.setAccessibleName(self.tr("Number of meetings"))
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_kind)
        end_row.addWidget(self.until)
        end_row.addWidget(self.count)
        end_row.addStretch(1)
        self.end_caption = QLabel(self.tr("E&nds:"))
        self.end_caption.setBuddy(self.end_kind)
        form.addRow(self.end_caption, end_row)
        self.repeats.currentIndexChanged.connect(lambda _i: self._show_repeats())
        self.end_kind.currentIndexChanged.connect(lambda _i: self._show_repeats())
        self.series_note = QLabel()
        self.series_note.setWordWrap(True)
        self.skip_button = QPushButton(self.tr("S&kip only this meeting"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip(self.tr("This meeting does not take place; the others stay booked"))
        self.skip_button.clicked.connect(self.skip_occurrence)
        self.buttons.addButton(self.skip_button, self.buttons.ButtonRole.ActionRole)

    def _repeat_text(self, choice: tuple[str, int] | None) -> str:
        if choice is None:
            return self.tr("Does not repeat")
        frequency, interval = choice
        if frequency == "weekly":
            return (
                self.tr("Every week")
                if interval == 1
                else self.tr("Every two weeks")
                if interval == 2
                else self.tr("Every %n weeks", "", interval)
            )
        return self.tr("Every month") if interval == 1 else self.tr("Every %n months", "", interval)

    def _show_repeats(self) -> None:
        repeating = _choice(self.repeats.currentData()) is not None
        self.form_layout.setRowVisible(self.end_caption, repeating)
        by_date = self.end_kind.currentData() == "until"
        # Only inside a shown row: a field shown in a hidden form row is laid out by no one
        # and covered the whole dialog.
        self.until.setVisible(repeating and by_date)
        self.count.setVisible(repeating and not by_date)

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
            return self.tr("%n day(s) before", "", minutes // 1440)
        if minutes % 60 == 0:
            return self.tr("%n hour(s) before", "", minutes // 60)
        return self.tr("%n minute(s) before", "", minutes)

    # --- filling -----------------------------------------------------------------------------------------

    def _fill(self, booked: Booked | None, start: dt.datetime | None) -> None:
        if booked is None:
            begin = (start or self._next_half_hour()).astimezone(self.zone)
            reminder: int | None
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
        self._fill_repeats(booked, begin.date())
        self._show_end()
        self._outcome_hint()

    def _fill_repeats(self, booked: Booked | None, first_day: dt.date) -> None:
        recurrence = booked.appointment.recurrence if booked else None
        choice = (recurrence.frequency, recurrence.interval) if recurrence else None
        if self.repeats.findData(_choice_key(choice)) < 0:
            self.repeats.addItem(self._repeat_text(choice), _choice_key(choice))
        self._select(self.repeats, _choice_key(choice))
        self._select(self.end_kind, "count" if recurrence and recurrence.count else "until")
        self.count.setValue(recurrence.count if recurrence and recurrence.count else NEW_SERIES_COUNT)
        until = recurrence.until if recurrence and recurrence.until else first_day + dt.timedelta(weeks=12)
        self.until.setDate(qdate(until))
        meeting = booked.occurrence if booked and recurrence else None
        self.skip_button.setVisible(meeting is not None)
        if recurrence is not None:
            text = self.tr("A repeating appointment: what you change here applies to every meeting.")
            if meeting is not None:
                text += " " + self.tr("You opened the meeting of {date}.").format(date=date_text(meeting.day))
            self.series_note.setText(text)
        self.series_note.setVisible(recurrence is not None)
        self._show_repeats()

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
            self.add_contact(picker.chosen)
        self.picker = None
        self.contacts_list.setFocus()

    def add_contact(self, contact: Contact) -> None:
        if contact.address:
            self._addresses[contact.id] = contact.address
        self._add_contact(contact.id, contact_label(contact))
        self._propose_address()

    def _propose_address(self) -> None:
        """A home visit is at the home of a contact in it: propose the first known address.
        Only an empty Location or an untouched proposal is replaced; leaving the home visit
        takes the untouched proposal away (a home address is not an office's location)."""
        wanted = ""
        if self.place_kind.currentData() == "home_visit":
            wanted = next((self._addresses[i] for i in self.contact_ids() if i in self._addresses), "")
        if self.location.text().strip() in ("", self._proposed):
            self.location.setText(wanted)
            self._proposed = wanted

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
            self._propose_address()

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

    def fields(self) -> AppointmentFields:
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
            "recurrence": self.recurrence(),
            "exceptions": list(appointment.exceptions) if appointment else [],
        }

    def recurrence(self) -> Recurrence | None:
        """The series the form describes, None when it does not repeat (see `protocol.recurrence`)."""
        choice = _choice(self.repeats.currentData())
        if choice is None:
            return None
        frequency, interval = choice
        if self.end_kind.currentData() == "count":
            return Recurrence(frequency=frequency, interval=interval, count=self.count.value())
        return Recurrence(frequency=frequency, interval=interval, until=pydate(self.until.date()))

    def _save(self, *, check_clashes: bool) -> None:
        fields = self.fields()
        self.errors.clear()
        self.clash_panel.hide()
        try:
            # The shared schema checks the form first, so a clash is never reported for a
            # booking that could not be saved anyway.
            now = self.context.clock()
            Appointment.model_validate(
                {
                    **fields,
                    "id": new_id(),
                    "created_at": now,
                    "updated_at": now,
                    "author_device_id": self.context.device_id,
                }
            )
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self._busy(True)
        if check_clashes:
            exclude = self.booked.id if self.booked else None
            self.context.store.run(
                lambda s: overlapping(
                    s,
                    starts_at=fields["starts_at"],
                    ends_at=fields["ends_at"],
                    operator_id=fields["operator_id"],
                    contact_ids=fields["contact_ids"],
                    exclude_id=exclude,
                    recurrence=fields["recurrence"],
                    time_zone=fields["time_zone"],
                    exceptions=fields["exceptions"],
                ),
                lambda clashes: self._checked(fields, clashes),
                self._failed,
                owner=self,
            )
            return
        self._write(fields)

    def _checked(self, fields: AppointmentFields, clashes: list[Clash]) -> None:
        self._busy(False)
        if fields != self.fields():
            return  # edited while the check ran: the operator saves again
        self.clashes = clashes
        if not clashes:
            self._busy(True)
            self._write(fields)
            return
        self.clash_panel.show_clashes(clashes, self.starts_at())

    def _write(self, fields: AppointmentFields) -> None:
        if self.booked is None:

            def work(session):  # a StoreSession, on the store thread
                return session.appointments.create(**fields)
        else:
            record_id = self.booked.id

            def work(session):
                return session.appointments.update(record_id, **fields)

        self.context.store.run(work, self._written, self._failed, owner=self)

    def skip_occurrence(self) -> None:
        """The opened meeting of a series does not take place: its date joins `exceptions`."""
        if self.booked is None or self.booked.occurrence is None:
            return
        record_id, day = self.booked.id, self.booked.occurrence.day
        skipped = sorted({*self.booked.appointment.exceptions, day})

        def work(session):  # a StoreSession, on the store thread
            return session.appointments.update(record_id, exceptions=skipped)

        self._busy(True)
        self.context.store.run(work, self._written, self._failed, owner=self)

    def _written(self, appointment: Appointment) -> None:
        self._busy(False)
        self.saved.emit(appointment)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.errors.show(error)

    def _busy(self, busy: bool) -> None:
        for button in (self.save_button, self.book_anyway_button, self.change_time_button, self.skip_button):
            button.setEnabled(not busy)
