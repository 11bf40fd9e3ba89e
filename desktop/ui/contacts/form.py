"""Creating and editing a contact: one form, person or pseudonymous.

Owns: `ContactForm`, a dialog whose inputs are attributes (tests fill them),
opened with `.open()`; `saved` carries the stored Contact. What the operator
typed is handed to the store as it is (empty inputs become "not given"); the
shared schema in `protocol.entities` decides what is valid, and each problem is
shown under its input. A pseudonymous contact has an alias only: switching the
kind hides the name inputs and sends no names.

Must never write anything when the schema refuses the input (the repository
validates before any SQL), never re-implement a validation rule here, and never
echo the rejected input in a message.
"""

import uuid
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.session import StoreSession
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.labels import labels
from protocol import Contact


def field_with_error(widget: QWidget, error: QLabel) -> QWidget:
    """An input with its error label right under it, as one form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


def _text(line: QLineEdit) -> str | None:
    value = line.text().strip()
    return value or None


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ContactForm(FormDialog):
    saved = Signal(object)  # protocol.Contact, after the commit

    def __init__(self, context: UiContext, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Save"), parent)
        self.context = context
        self.contact = contact
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.errors = FormErrors()
        self._build_inputs()
        self._build_form()

        self.save_button = self.primary_button
        self.save_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        if contact is not None:
            self._fill(contact)
        elif context.teams:
            self.team.setCurrentIndex(1)  # the operator's first team
        self._show_kind()
        # Typing starts with the name, not in the Kind box above it (where letters were lost).
        (self.given_name if self.kind.currentData() == "person" else self.alias).setFocus()

    def _build_inputs(self) -> None:
        self.kind = QComboBox()
        for value, text in labels("contact_kind").items():
            self.kind.addItem(text, value)
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.alias = QLineEdit()
        self.birth_year = QLineEdit()
        self.birth_year.setPlaceholderText(self.tr("e.g. 1984"))
        self.preferred_language = QLineEdit()
        self.preferred_language.setPlaceholderText(self.tr("e.g. it, fi, en-GB"))
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.municipality = QLineEdit()
        self.team = QComboBox()
        self.team.addItem(self.tr("No team"), None)
        for team in self.context.teams:
            self.team.addItem(team.name, team.id)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Separate tags with commas"))

    def _build_form(self) -> None:
        """One row per field: caption (its mnemonic and the input's accessible name), input, error."""
        self.form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("kind", self.tr("&Kind:"), self.kind),
            ("given_name", self.tr("&Given name:"), self.given_name),
            ("family_name", self.tr("&Family name:"), self.family_name),
            ("alias", self.tr("&Alias:"), self.alias),
            ("birth_year", self.tr("&Birth year:"), self.birth_year),
            ("preferred_language", self.tr("&Language:"), self.preferred_language),
            ("phone", self.tr("&Phone:"), self.phone),
            ("email", self.tr("&Email:"), self.email),
            ("address", self.tr("A&ddress:"), self.address),
            ("municipality", self.tr("M&unicipality:"), self.municipality),
            ("team_id", self.tr("Tea&m:"), self.team),
            ("tags", self.tr("&Tags:"), self.tags),
        ]
        self._rows: dict[str, QWidget] = {}
        for field, caption, widget in rows:
            label = QLabel(caption)
            label.setBuddy(widget)
            widget.setAccessibleName(caption.replace("&", "").rstrip(":"))
            container = field_with_error(widget, self.errors.add(field, widget))
            self.form.addRow(label, container)
            self._rows[field] = container

    def _fill(self, contact: Contact) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(contact.kind)))
        for name in (
            "given_name",
            "family_name",
            "alias",
            "phone",
            "email",
            "address",
            "municipality",
            "preferred_language",
        ):
            getattr(self, name).setText(getattr(contact, name) or "")
        self.birth_year.setText(str(contact.birth_year) if contact.birth_year is not None else "")
        self.tags.setText(", ".join(contact.tags))
        if contact.team_id is not None and self.team.findData(contact.team_id) < 0:
            # A team this operator is not in: keep it, or saving would silently move the contact.
            self.team.addItem(self.tr("Another team"), contact.team_id)
        self.team.setCurrentIndex(max(0, self.team.findData(contact.team_id)))

    def _show_kind(self) -> None:
        person = self.kind.currentData() == "person"
        for field in ("given_name", "family_name"):
            self.form.setRowVisible(self._rows[field], person)

    def fields(self) -> dict[str, Any]:
        """What the form says, as schema fields; the schema judges it."""
        person = self.kind.currentData() == "person"
        year_text = self.birth_year.text().strip()
        # Only digits become a number; anything else goes as typed so the schema names the problem.
        birth_year: int | str | None = int(year_text) if year_text.isdigit() else (year_text or None)
        team_id = self.team.currentData()
        return {
            "kind": self.kind.currentData(),
            "given_name": _text(self.given_name) if person else None,
            "family_name": _text(self.family_name) if person else None,
            "alias": _text(self.alias),
            "birth_year": birth_year,
            "preferred_language": _text(self.preferred_language),
            "phone": _text(self.phone),
            "email": _text(self.email),
            "address": _text(self.address),
            "municipality": _text(self.municipality),
            "team_id": team_id if isinstance(team_id, uuid.UUID) else None,
            "tags": comma_list(self.tags.text()),
        }

    def submit(self) -> None:
        fields = self.fields()
        self.errors.clear()
        self.save_button.setEnabled(False)
        existing = self.contact.id if self.contact else None

        def write(session: StoreSession) -> Contact:
            if existing is None:
                return session.contacts.create(**fields)
            return session.contacts.update(existing, **fields)

        self.context.store.run(write, self._saved, self._refused, owner=self)

    def _saved(self, contact: Contact) -> None:
        self.save_button.setEnabled(True)
        self.contact = contact
        self.saved.emit(contact)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError | RuleViolation):
            self.errors.show(error)
        elif isinstance(error, RecordNotFound):
            self.errors.show(RuleViolation(self.tr("This contact was deleted meanwhile.")))
        else:
            self.errors.show(RuleViolation(self.tr("The contact could not be saved. Please try again.")))
