"""The small dialogs of a contact's detail: a note, a consent, a relationship, a confirmation.

Owns: `NoteDialog` (a new case note, or a correction of one: notes are never
edited), `ConsentDialog`, `RelationshipDialog` (the other contact is chosen with
the shared `ContactPicker`) and `confirm()` (a `Confirmation`). Each dialog keeps its inputs as
attributes, opens with `.open()`, writes through the store thread and emits
`saved` after the commit; the schema's complaints are shown under the inputs.

Must never edit or delete a note, never write when the schema refuses the
input, and never block the UI thread (no `exec()`).
"""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import QDate, QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from desktop.ui.calendar import local_zone, pydate
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.contacts.form import comma_list, field_with_error
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.labels import labels
from protocol import Contact, entities


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, dt.UTC)


def start_of_day(day: QDate, zone: dt.tzinfo) -> dt.datetime:
    """Midnight of `day` in `zone`: a named zone (`local_zone`), so a day in summer
    starts at a summer midnight even when the clock's offset is winter's."""
    return entities.start_of_day(pydate(day), zone)


def dispose(old: QWidget | None) -> None:
    """Drop a finished dialog before its successor opens (dialogs are children of the page)."""
    if old is not None and shiboken6.isValid(old) and not old.isVisible():
        old.deleteLater()


class Confirmation(QMessageBox):
    """A yes/cancel question whose yes button is kept, for tests and keyboard users alike."""

    def __init__(self, parent: QWidget, title: str, text: str, yes_text: str) -> None:
        super().__init__(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        self.yes_button = self.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray Enter never deletes


def confirm(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> Confirmation:
    """A non-blocking yes/cancel question; `on_yes` runs only on the explicit yes."""
    box = Confirmation(parent, title, text, yes_text)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is box.yes_button else None)
    box.open()
    return box


class _WritingDialog(FormDialog):
    """Save/Cancel buttons, error labels, and the write on the store thread.

    The fields are read on the UI thread, when Save is pressed (`prepare`); the store thread
    gets only their values, never the widgets, which may be gone by the time it runs."""

    saved = Signal(object)  # the stored record

    def __init__(self, context: UiContext, parent: QWidget | None) -> None:
        super().__init__(self.tr("&Save"), parent)
        self.context = context
        self.errors = FormErrors()
        self.form = QFormLayout()
        self.save_button = self.primary_button
        self.save_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def add_row(self, field: str, caption: str, widget: QWidget, focus: QWidget | None = None) -> None:
        label = QLabel(caption)
        label.setBuddy(focus or widget)
        (focus or widget).setAccessibleName(caption.replace("&", "").rstrip(":"))
        self.form.addRow(label, field_with_error(widget, self.errors.add(field, focus or widget)))

    def prepare(self) -> Callable[[StoreSession], Any]:
        """Read the fields now, on the UI thread; the returned write runs on the store thread."""
        raise NotImplementedError

    def precheck(self) -> str | None:
        """A "field: message" the form can tell without the store (nothing chosen yet)."""
        return None

    def submit(self) -> None:
        self.errors.clear()
        problem = self.precheck()
        if problem:
            self.errors.show(RuleViolation(problem))
            return
        self.save_button.setEnabled(False)
        self.context.store.run(self.prepare(), self._saved, self._refused, owner=self)

    def _saved(self, record: Any) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(record)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError | RuleViolation):
            self.errors.show(error)
        else:
            self.errors.show(RuleViolation(self.tr("This could not be saved. Please try again.")))


class NoteDialog(_WritingDialog):
    """A new case note; with `amends` set, a correction of that note."""

    def __init__(
        self, context: UiContext, contact_id: uuid.UUID, amends: uuid.UUID | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.contact_id, self.amends = contact_id, amends
        self.setWindowTitle(self.tr("Correct a note") if amends else self.tr("Add a note"))
        if amends:
            explanation = QLabel(
                self.tr("Notes are never changed. Write the correction: it is kept beside the original note.")
            )
            explanation.setWordWrap(True)
            self.form.addRow(explanation)
        self.kind = QComboBox()
        for value, text in labels("note_kind").items():
            self.kind.addItem(text, value)
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.occurred_at = QDateTimeEdit(to_qdatetime(context.clock()))
        self.occurred_at.setCalendarPopup(True)
        self.add_row("kind", self.tr("&Kind:"), self.kind)
        self.add_row("body", self.tr("&Note:"), self.body)
        self.add_row("occurred_at", self.tr("&When:"), self.occurred_at)
        self.body.setFocus()  # the kind is usually right as it is: the note is what is typed

    def prepare(self) -> Callable[[StoreSession], Any]:
        fields = {
            "contact_id": self.contact_id,
            "kind": self.kind.currentData(),
            "body": self.body.toPlainText(),
            "occurred_at": from_qdatetime(self.occurred_at.dateTime()),
            "amends_note_id": self.amends,
        }
        return lambda session: session.notes.create(**fields)


class ConsentDialog(_WritingDialog):
    """What the contact agreed to, how, from when and (optionally) until when."""

    def __init__(self, context: UiContext, contact_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.contact_id = contact_id
        self.setWindowTitle(self.tr("Add a consent"))
        today = context.clock().date()
        self.purpose = QComboBox()
        for value, text in labels("consent_purpose").items():
            self.purpose.addItem(text, value)
        self.method = QComboBox()
        for value, text in labels("consent_method").items():
            self.method.addItem(text, value)
        self.scope = QLineEdit()
        self.recipients = QLineEdit()
        self.recipients.setPlaceholderText(self.tr("Separate recipients with commas"))
        self.given_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.given_on.setCalendarPopup(True)
        self.expires = QCheckBox(self.tr("E&xpires"))
        self.expires_on = QDateEdit(QDate(today.year + 1, today.month, min(today.day, 28)))
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setEnabled(False)
        self.expires.toggled.connect(self.expires_on.setEnabled)
        expiry = QWidget()
        row = QHBoxLayout(expiry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.expires)
        row.addWidget(self.expires_on, 1)
        self.add_row("purpose", self.tr("&Purpose:"), self.purpose)
        self.add_row("method", self.tr("&Method:"), self.method)
        self.add_row("scope", self.tr("S&cope:"), self.scope)
        self.add_row("recipients", self.tr("&Recipients:"), self.recipients)
        self.add_row("given_at", self.tr("&Given on:"), self.given_on)
        self.add_row("expires_at", self.tr("Valid &until:"), expiry, focus=self.expires_on)
        self.expires_on.setAccessibleName(self.tr("Valid until"))
        self.expires.setAccessibleName(self.tr("The consent expires"))

    def prepare(self) -> Callable[[StoreSession], Any]:
        zone = local_zone(self.context)
        now = self.context.clock()
        given = self.given_on.date()
        # Given today means given now; an earlier day means from its start.
        given_at = now if pydate(given) == now.astimezone(zone).date() else start_of_day(given, zone)
        expires_at = None
        if self.expires.isChecked():
            # Valid through the chosen day: it lapses at the next local midnight.
            expires_at = entities.end_of_day(pydate(self.expires_on.date()), zone)
        fields = {
            "contact_id": self.contact_id,
            "purpose": self.purpose.currentData(),
            "method": self.method.currentData(),
            "scope": self.scope.text().strip() or None,
            "recipients": comma_list(self.recipients.text()),
            "given_at": given_at,
            "expires_at": expires_at,
        }
        return lambda session: session.consents.create(**fields)


class RelationshipDialog(_WritingDialog):
    """Another contact is this contact's parent, partner, caregiver…"""

    def __init__(self, context: UiContext, contact_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.contact_id = contact_id
        self.other: Contact | None = None
        self.picker: ContactPicker | None = None
        self.setWindowTitle(self.tr("Add a relationship"))
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        self.other_label = QLabel(self.tr("Nobody chosen yet"))
        self.choose_button = QPushButton(self.tr("&Choose contact…"))
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.other_label, 1)
        row.addWidget(self.choose_button)
        self.kind = QComboBox()
        for value, text in labels("relationship_kind").items():
            self.kind.addItem(text, value)
        self.note = QLineEdit()
        self.add_row("from_contact_id", self.tr("&Related contact:"), chooser, focus=self.choose_button)
        self.add_row("kind", self.tr("&Is this contact's:"), self.kind)
        self.add_row("note", self.tr("&Note:"), self.note)

    def choose(self) -> None:
        self.picker = ContactPicker(self.context, self)
        self.picker.accepted.connect(lambda: self.set_other(self.picker.chosen if self.picker else None))
        self.picker.open()

    def set_other(self, contact: Contact | None) -> None:
        self.other = contact
        self.other_label.setText(contact.display_name if contact else self.tr("Nobody chosen yet"))

    def precheck(self) -> str | None:
        if self.other is None:
            return "from_contact_id: " + self.tr("choose the related contact")
        return None

    def prepare(self) -> Callable[[StoreSession], Any]:
        assert self.other is not None  # precheck() refused the save without one
        # "from is the `kind` of to": the chosen contact is this contact's parent, partner…
        fields = {
            "from_contact_id": self.other.id,
            "to_contact_id": self.contact_id,
            "kind": self.kind.currentData(),
            "note": self.note.text().strip() or None,
        }
        return lambda session: session.relationships.create(**fields)
