"""One directory entry, read in full: what the service offers, when, where, how to reach it.

Owns: `ResourceDetail`, the right-hand pane of the Resources screen, the
"Refer…" button that starts a referral for the shown service, and "Save contact
card…", which saves the shown service as a vCard 4.0 file (`desktop.interop.vcard`)
for a phone's or a mail program's address book. Opening hours are
grouped by weekday, the days that differ listed under them (the values read as
`field_text` says, the review queue's rule too); a service whose details were last checked more than a year
before the UI's "now" is marked, since its phone or hours may have changed.

Must never load anything itself (the page hands it a `Resource`), and never show
text as rich text (directory data comes from outside the organisation).
"""

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.interop.vcard import CardTexts, resources_vcf
from desktop.ui import formats, labels, style
from desktop.ui.context import UiContext
from desktop.ui.forms import read_only_value
from desktop.ui.resources import field_text
from protocol import Resource
from protocol.directory import is_stale


class ResourceDetail(QWidget):
    referRequested = Signal(object)  # the Resource shown

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.resource: Resource | None = None
        self.card_chooser: QFileDialog | None = None
        self._build_heading()
        self._build_actions()
        self.empty = QLabel(self.tr("Choose a service in the list to read its details."))
        self._build_form()
        self._build_scroll_area()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll_area, 1)
        self.show_resource(None)

    # --- building ---------------------------------------------------------------------------

    def _build_heading(self) -> None:
        """The service's name, its organisation and the "not verified" badge."""
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.organisation = QLabel()
        self.stale = QLabel(self.tr("Not verified in the last 12 months: check the details before sending someone."))
        self.stale.setObjectName("staleBadge")
        style.set_role(self.stale, "warning")
        for label in (self.title, self.organisation, self.stale):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)

    def _build_actions(self) -> None:
        """Refer… and Save contact card…, with the line saying whether the card was saved."""
        self.refer_button = QPushButton(self.tr("&Refer…"))
        self.refer_button.setToolTip(self.tr("Refer a contact to this service"))
        self.refer_button.clicked.connect(self._refer)
        self.card_button = QPushButton(self.tr("Sa&ve contact card…"))
        self.card_button.setToolTip(self.tr("Save this service as a contact card (.vcf) for an address book"))
        self.card_button.clicked.connect(self.choose_card_file)
        self.card_status = QLabel()
        self.card_status.setWordWrap(True)
        self.card_status.setTextFormat(Qt.TextFormat.PlainText)
        self.card_status.hide()

    def _build_form(self) -> None:
        """One labelled row per detail; `_set` hides the rows a service leaves empty."""
        # A grid, not a QFormLayout: that one gave wrapped values less height than their
        # width needs (the last line of a long address or of the hours was cut).
        self.form = QGridLayout()
        self.form.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        rows = {
            "description": self.tr("What it offers"),
            "categories": self.tr("Categories"),
            "hours": self.tr("Opening hours"),
            "exceptions": self.tr("Closing days and other hours"),
            "phones": self.tr("Phone"),
            "email": self.tr("Email"),
            "url": self.tr("Website"),
            "address": self.tr("Address"),
            "municipality": self.tr("Municipality"),
            "coordinates": self.tr("Coordinates"),
            "languages": self.tr("Languages spoken"),
            "eligibility": self.tr("Who can use it"),
            "verified": self.tr("Last verified on"),
        }
        for key, text in rows.items():
            value = read_only_value(text)
            self.values[key] = value
            self.row_labels[key] = QLabel(text)
            self.form.addWidget(self.row_labels[key], len(self.values), 0, Qt.AlignmentFlag.AlignTop)
            self.form.addWidget(value, len(self.values), 1)

    def _build_scroll_area(self) -> None:
        """Everything above in one scrolling column (`scroll_area`: `scroll` is QWidget's method)."""
        # The buttons go under the name, not beside it: beside it, a long Finnish button text
        # left the name a word per line and pushed the pane wider than its scroll area.
        actions = QHBoxLayout()
        actions.addWidget(self.refer_button)
        actions.addWidget(self.card_button)
        actions.addStretch(1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.organisation)
        body_layout.addLayout(actions)
        body_layout.addWidget(self.card_status)
        body_layout.addWidget(self.stale)
        body_layout.addLayout(self.form)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # Text wraps; only a word longer than the pane (a web address at 150 % text: it wraps
        # at hyphens and slashes only) brings a side scroll bar, so nothing is ever cut off.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Never narrower than the buttons and the labels' column: the text wraps (no side
        # scroll bar), so a narrower pane cut the values off at its edge. The splitter
        # takes the room from the results list, which scrolls.
        self.scroll_area.setMinimumWidth(
            body.minimumSizeHint().width() + self.scroll_area.verticalScrollBar().sizeHint().width()
        )

    def show_resource(self, resource: Resource | None) -> None:
        self.resource = resource
        self.card_status.hide()
        self.empty.setVisible(resource is None)
        self.scroll_area.setVisible(resource is not None)
        if resource is None:
            return
        self.title.setText(resource.service_name)
        self.organisation.setText(resource.organization_name)
        today = self.context.clock().date()
        self.stale.setVisible(is_stale(resource.last_verified_on, today))
        location = resource.location
        verified = (
            field_text.date_text(resource.last_verified_on) if resource.last_verified_on else self.tr("Not recorded")
        )
        self._set("description", resource.description or "")
        self._set("categories", ", ".join(labels.label("resource_category", c) for c in resource.categories))
        self._set("hours", field_text.hours_text(resource.opening_hours))
        self._set("exceptions", field_text.exceptions_text(resource.hours_exceptions, today))
        self._set("phones", "\n".join(field_text.phone_text(p) for p in resource.phones))
        self._set("email", resource.email or "")
        self._set("url", resource.url or "")
        self._set("address", field_text.address_text(location))
        self._set("municipality", location.municipality)
        self._set("coordinates", field_text.coordinates_text(location))
        self._set("languages", ", ".join(formats.language_name(tag) for tag in resource.languages))
        self._set("eligibility", resource.eligibility or "")
        self._set("verified", verified)

    def _refer(self) -> None:
        if self.resource is not None:
            self.referRequested.emit(self.resource)

    def _set(self, key: str, text: str) -> None:
        value = self.values[key]
        value.setText(text)
        value.setVisible(bool(text))
        self.row_labels[key].setVisible(bool(text))

    # --- contact card -------------------------------------------------------------------------------------

    def choose_card_file(self) -> None:
        """Ask where to save the shown service's card (non-blocking); `save_card` writes it."""
        if self.resource is None:
            return
        chooser = QFileDialog(self, self.tr("Save contact card as"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter(self.tr("Contact cards (*.vcf)"))
        chooser.setDefaultSuffix("vcf")
        chooser.selectFile(card_file_name(self.resource))
        chooser.fileSelected.connect(lambda path: self.save_card(Path(path)))
        chooser.finished.connect(lambda _r: chooser.deleteLater())
        self.card_chooser = chooser
        chooser.open()

    def card_texts(self) -> CardTexts:
        return CardTexts(
            opening_hours=self.tr("Opening hours:"),
            weekdays={day: labels.label("weekday", day) for day in range(1, 8)},
            day_line=self.tr("{weekday}: {spans}"),
            span=self.tr("{opens}–{closes}"),
            phone_line=self.tr("{number}: {description}"),
            category=lambda code: labels.label("resource_category", code),
        )

    def save_card(self, path: Path) -> bool:
        """Write the shown service's vCard to `path` (a few hundred bytes: no store, no thread)."""
        if self.resource is None:
            return False
        try:
            path.write_bytes(resources_vcf([self.resource], self.card_texts()))
        except OSError as exc:
            self.card_status.setText(
                self.tr("The contact card could not be saved: {reason}").format(
                    reason=exc.strerror or type(exc).__name__
                )
            )
            self.card_status.show()
            return False
        self.card_status.setText(self.tr("Contact card saved: {file}").format(file=str(path)))
        self.card_status.show()
        return True


def card_file_name(resource: Resource) -> str:
    """ "Mensa della sera.vcf": the service's name without characters file systems refuse."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", resource.service_name).strip(" .") or "service"
    return name[:80] + ".vcf"
