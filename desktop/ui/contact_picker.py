"""Choosing one contact by typing part of a name, alias, municipality or phone.

Owns: `ContactPicker`, the dialog every screen uses to pick a contact (a referral,
an appointment, an intake request matched to someone already known). The search
runs on the store thread over the FTS index; only the newest query's answer is
shown, so fast typing never flashes stale results.

Must never load the whole contact list: at most `LIMIT` matches are fetched.
"""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.context import UiContext
from desktop.ui.latest_query import LatestQuery
from protocol import Contact

LIMIT = 30


def contact_label(contact: Contact) -> str:
    """How a contact is named in lists: display name, then municipality."""
    parts = [contact.display_name]
    if contact.municipality:
        parts.append(contact.municipality)
    return " · ".join(parts)


class ContactPicker(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.chosen: Contact | None = None
        self.setWindowTitle(self.tr("Choose a contact"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Type a name, alias, municipality or phone"))
        self.query.setAccessibleName(self.tr("Search contacts"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching contacts"))
        self.hint = QLabel(self.tr("Start typing to search."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Search:"))
        label.setBuddy(self.query)
        for widget in (label, self.query, self.hint, self.results, buttons):
            layout.addWidget(widget)
        self.search_query = LatestQuery(context.store, self)  # at once, one query at a time
        self.query.textChanged.connect(lambda _text: self._search())
        self.query.returnPressed.connect(self._accept_current)
        self.results.currentItemChanged.connect(lambda item, _prev: self.ok_button.setEnabled(item is not None))
        self.results.itemActivated.connect(lambda _item: self._accept_current())
        self.resize(420, 380)

    def _search(self) -> None:
        text = self.query.text()
        self.search_query.ask(lambda s: s.contacts.search(text, limit=LIMIT), self._show)

    def _show(self, found: list[Contact]) -> None:
        self.results.clear()
        for contact in found:
            item = QListWidgetItem(contact_label(contact))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.hint.setText(self.tr("No contact matches.") if not found and self.query.text().strip() else "")

    def _accept_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

    @property
    def chosen_id(self) -> uuid.UUID | None:
        return self.chosen.id if self.chosen else None
