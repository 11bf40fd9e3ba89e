"""One contact's page: who they are, how to reach them, consents, family, history, referrals.

Owns: `ContactDetail` (shown inside the Contacts screen) and `consent_badge`.
The whole page comes from one store call (`contact_queries.contact_bundle`) and
is reloaded only when an entity it shows has changed. Actions open the small
dialogs of `desktop.ui.contacts.dialogs` or the booking dialog with this person in
it, or ask the navigator for another screen (a referral is made on the Resources
screen, where the service is chosen; its Refer dialog starts with this person).
A note shows who wrote it ("you", or the `author_name` the service stamped on it;
never an id) and when it was written.

Must never edit or delete a case note (a correction is a new note), never delete
a consent (withdrawing keeps it, with the moment of withdrawal), and never block
the UI thread.
"""

import datetime as dt
import math
import uuid

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.store import contact_queries
from desktop.store.contact_queries import ContactBundle, TimelineEntry
from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.session import StoreSession
from desktop.ui import formats, style
from desktop.ui.calendar import local_zone, qdate
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.contacts.dialogs import (
    Confirmation,
    ConsentDialog,
    NoteDialog,
    RelationshipDialog,
    confirm,
    dispose,
    to_qdatetime,
)
from desktop.ui.contacts.form import ContactForm
from desktop.ui.context import UiContext
from desktop.ui.forms import field_errors
from desktop.ui.labels import label
from protocol import Consent, Note

# What the page shows; a change to any of these reloads it.
SHOWN = frozenset({"contact", "consent", "relationship", "note", "appointment", "referral", "resource"})
SOON = dt.timedelta(days=30)
ROLE = Qt.ItemDataRole.UserRole


def consent_state(consent: Consent, at: dt.datetime) -> tuple[str, int]:
    """("active" | "expiring" | "expired" | "withdrawn" | "not_yet", whole days left when expiring)."""
    if consent.withdrawn_at is not None and at >= consent.withdrawn_at:
        return "withdrawn", 0
    if consent.expires_at is not None and at >= consent.expires_at:
        return "expired", 0
    if not consent.is_active(at):
        return "not_yet", 0
    if consent.expires_at is not None and consent.expires_at - at < SOON:
        return "expiring", math.ceil((consent.expires_at - at) / dt.timedelta(days=1))
    return "active", 0


def consent_badge(consent: Consent, at: dt.datetime) -> str:
    """ "active", "expires in N days" (under 30 days left), "expired", "withdrawn" or "not yet valid"."""
    state, days = consent_state(consent, at)
    if state == "expiring":
        # Two literals, not "%n day(s)": English has no catalogue to supply the plural.
        if days == 1:
            return QCoreApplication.translate("ConsentBadge", "expires in 1 day")
        return QCoreApplication.translate("ConsentBadge", "expires in {days} days").format(days=days)
    return {
        "withdrawn": QCoreApplication.translate("ConsentBadge", "withdrawn"),
        "expired": QCoreApplication.translate("ConsentBadge", "expired"),
        "not_yet": QCoreApplication.translate("ConsentBadge", "not yet valid"),
        "active": QCoreApplication.translate("ConsentBadge", "active"),
    }[state]


def when(value: dt.datetime) -> str:
    """A moment in the operator's local time and locale."""
    return QLocale().toString(to_qdatetime(value), QLocale.FormatType.ShortFormat)


def day_text(value: dt.date) -> str:
    """A date as the locale writes it short, with no time: "01/12/2027"."""
    return QLocale().toString(qdate(value), QLocale.FormatType.ShortFormat)


class ContactDetail(QWidget):
    closed = Signal()  # back to the list (also after a deletion)
    openContact = Signal(object)  # uuid.UUID of a related contact

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact_id: uuid.UUID | None = None
        self.bundle: ContactBundle | None = None
        self._generation = 0
        # The last dialog of each kind, for keyboard users returning to it and for tests.
        self.form: ContactForm | None = None
        self.note_dialog: NoteDialog | None = None
        self.consent_dialog: ConsentDialog | None = None
        self.relationship_dialog: RelationshipDialog | None = None
        self.appointment_form: AppointmentForm | None = None
        self.confirmation: Confirmation | None = None

        header = self._build_header()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self._build_lists()
        self._build_list_actions()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(self._build_body(), 1)
        context.store.changed.connect(self._store_changed)
        self._update_buttons()

    # --- building blocks ------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        """Back (also Escape), the contact's name, and the actions on the whole contact."""
        self.back_button = QPushButton(self.tr("← &Back to list"))
        self.back_button.clicked.connect(self.closed.emit)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.closed.emit,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        ).setWhatsThis(self.tr("Back to the list"))
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)  # a long name wraps: the buttons beside it ran off 1366 px at 150 % text

        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.clicked.connect(self.edit)
        self.refer_button = QPushButton(self.tr("Re&fer…"))
        # "refer": the Resources screen, with this person chosen for the next referral.
        self.refer_button.clicked.connect(lambda: self.context.navigator.open("refer", self.contact_id))
        self.book_button = QPushButton(self.tr("Book &appointment…"))
        self.book_button.clicked.connect(self.book_appointment)
        self.delete_button = QPushButton(self.tr("&Delete contact…"))
        self.delete_button.clicked.connect(self.delete)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        for button in (self.edit_button, self.book_button, self.refer_button, self.delete_button):
            header.addWidget(button)
        return header

    def _build_lists(self) -> None:
        """The two forms of values and the four lists the page fills from the store."""
        self.identity = QFormLayout()
        self.reach = QFormLayout()
        self.consents = self._list(self.tr("Consents"))
        self.relationships = self._list(self.tr("Relationships"))
        self.timeline = self._list(self.tr("Notes and appointments"), lines=10)
        self.referrals = self._list(self.tr("Referrals"))
        self.relationships.itemActivated.connect(self._open_related)

    def _build_list_actions(self) -> None:
        """The buttons under the consents, relationships and notes, enabled by what is selected."""
        self.add_consent_button = QPushButton(self.tr("Add &consent…"))
        self.add_consent_button.clicked.connect(self.add_consent)
        self.withdraw_button = QPushButton(self.tr("&Withdraw consent…"))
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.add_relationship_button = QPushButton(self.tr("Add &relationship…"))
        self.add_relationship_button.clicked.connect(self.add_relationship)
        self.open_related_button = QPushButton(self.tr("&Open related contact"))
        self.open_related_button.clicked.connect(lambda: self._open_related(self.relationships.currentItem()))
        self.add_note_button = QPushButton(self.tr("Add &note…"))
        self.add_note_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_note_button.clicked.connect(lambda: self.add_note(None))
        self.correct_note_button = QPushButton(self.tr("Correc&t selected note…"))
        self.correct_note_button.clicked.connect(self.correct_note)
        self.consents.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.timeline.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.relationships.currentItemChanged.connect(lambda *_: self._update_buttons())

    def _build_body(self) -> QScrollArea:
        """Two columns, scrolled: who and how to reach them, consents and family on the left;
        the history and the referrals on the right."""
        body = QWidget()
        columns = QHBoxLayout(body)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._group(self.tr("Identity"), self.identity))
        left.addWidget(self._group(self.tr("Contact details"), self.reach))
        left.addWidget(self._section(self.tr("Consents"), self.consents, self.add_consent_button, self.withdraw_button))
        left.addWidget(
            self._section(
                self.tr("Relationships"), self.relationships, self.add_relationship_button, self.open_related_button
            )
        )
        right.addWidget(
            self._section(
                self.tr("Notes and appointments (newest first)"),
                self.timeline,
                self.add_note_button,
                self.correct_note_button,
            ),
            3,
        )
        right.addWidget(self._section(self.tr("Referrals"), self.referrals), 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _list(self, name: str, lines: int = 3) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setWordWrap(True)
        widget.setSpacing(3)  # entries of several lines must not run together
        widget.setMinimumHeight(self.fontMetrics().lineSpacing() * (lines + 1))
        return widget

    def _group(self, title: str, form: QFormLayout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(form)
        return box

    def _section(self, title: str, widget: QWidget, *buttons: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        return box

    # --- loading ----------------------------------------------------------------------------

    def load(self, contact_id: uuid.UUID) -> None:
        if contact_id != self.contact_id:
            self.bundle = None
            self.title.setText(self.tr("Loading…"))
            for widget in (self.consents, self.relationships, self.timeline, self.referrals):
                widget.clear()
        self.contact_id = contact_id
        self.message.hide()
        self._generation += 1
        generation = self._generation
        self.context.store.run(
            lambda session: contact_queries.contact_bundle(session, contact_id),
            lambda bundle: self._show(generation, bundle),
            lambda error: self._load_failed(generation, error),
            owner=self,
        )

    def _store_changed(self, entities: frozenset[str]) -> None:
        if self.contact_id is not None and self.isVisible() and entities & SHOWN:
            self.load(self.contact_id)

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.bundle = None
        if isinstance(error, RecordNotFound):
            self.title.setText(self.tr("This contact no longer exists"))
        else:
            self.title.setText(self.tr("This contact could not be shown"))
        self._update_buttons()

    def _show(self, generation: int, bundle: ContactBundle) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self.bundle = bundle
        contact = bundle.contact
        pseudonymous = contact.kind == "pseudonymous"
        self.title.setText(
            self.tr("{alias} (alias)").format(alias=contact.display_name) if pseudonymous else contact.display_name
        )
        self._fill_form(
            self.identity,
            [
                (self.tr("Given name"), contact.given_name),
                (self.tr("Family name"), contact.family_name),
                (self.tr("Alias"), contact.alias),
                (self.tr("Kind"), label("contact_kind", contact.kind)),
                (self.tr("Birth year"), str(contact.birth_year) if contact.birth_year else None),
                (
                    self.tr("Language"),
                    formats.language_name(contact.preferred_language) if contact.preferred_language else None,
                ),
            ],
        )
        self._fill_form(
            self.reach,
            [
                (self.tr("Phone"), contact.phone),
                (self.tr("Email"), contact.email),
                (self.tr("Address"), contact.address),
                (self.tr("Municipality"), contact.municipality),
                (self.tr("Team"), self.context.team_name(contact.team_id) or None),
                (self.tr("Tags"), ", ".join(contact.tags) or None),
            ],
        )
        self._fill_consents(bundle)
        self._fill_relationships(bundle)
        self._fill_timeline(bundle)
        self.referrals.clear()
        for line in bundle.referrals:
            text = self.tr("{resource} · {status}").format(
                resource=line.resource_name or self.tr("(unknown service)"),
                status=label("referral_status", line.referral.status),
            )
            self._item(self.referrals, text, line.referral.id)
        if not bundle.referrals:
            self._item(self.referrals, self.tr("No referrals yet."), None)
        self._update_buttons()

    def _fill_form(self, form: QFormLayout, rows: list[tuple[str, str | None]]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for caption, value in rows:
            if value is None:
                continue
            shown = QLabel(value)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            shown.setAccessibleName(caption)
            shown.setWordWrap(True)
            form.addRow(caption + ":", shown)

    def _item(self, widget: QListWidget, text: str, data: object) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(ROLE, data)
        if data is None:
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # a "nothing here" line is not selectable
        widget.addItem(item)
        return item

    def _fill_consents(self, bundle: ContactBundle) -> None:
        now, zone = self.context.clock(), local_zone(self.context)
        self.consents.clear()
        for consent in bundle.consents:
            # Dates as the form took them: the instants behind them are for the lawfulness check.
            parts = [
                label("consent_purpose", consent.purpose),
                label("consent_method", consent.method),
                self.tr("given {date}").format(date=day_text(consent.first_valid_day(zone))),
            ]
            last_day = consent.last_valid_day(zone)
            if last_day is not None:
                parts.append(self.tr("until {date}").format(date=day_text(last_day)))
            if consent.scope:
                parts.append(consent.scope)
            # The badge first: it is what decides whether a referral may go ahead.
            text = self.tr("{badge} — {details}").format(badge=consent_badge(consent, now), details=" · ".join(parts))
            item = self._item(self.consents, text, consent)
            state, _days = consent_state(consent, now)
            if state == "expiring":
                item.setForeground(style.colour("warning"))
            elif state != "active":
                item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if not bundle.consents:
            self._item(self.consents, self.tr("No consent recorded."), None)

    def _fill_relationships(self, bundle: ContactBundle) -> None:
        self.relationships.clear()
        for related in bundle.relationships:
            kind = label("relationship_kind", related.relationship.kind)
            if related.outgoing:
                text = self.tr("{kind} of {name}").format(kind=kind, name=related.other_name)
            else:
                text = self.tr("{name} — {kind}").format(name=related.other_name, kind=kind)
            if related.relationship.note:
                text += " · " + related.relationship.note
            item = self._item(self.relationships, text, related.other_id)
            item.setToolTip(self.tr("Press Enter or double-click to open this contact"))
        if not bundle.relationships:
            self._item(self.relationships, self.tr("No relationships recorded."), None)

    def _fill_timeline(self, bundle: ContactBundle) -> None:
        self.timeline.clear()
        for entry in bundle.timeline:
            self._item(self.timeline, self._timeline_text(entry, bundle), entry)
        if not bundle.timeline:
            self._item(self.timeline, self.tr("No notes or appointments yet."), None)

    def _timeline_text(self, entry: TimelineEntry, bundle: ContactBundle) -> str:
        if entry.note is not None:
            note = entry.note
            head = self.tr("{date} · Note · {kind}").format(
                date=when(note.occurred_at), kind=label("note_kind", note.kind)
            )
            if note.amends_note_id is not None:
                head += " · " + self.tr("correction of an earlier note")
            if note.id in bundle.amended_note_ids:
                head += " · " + self.tr("corrected by a later note")
            return head + "\n" + note.body + "\n" + self._written_by(note)
        appointment = entry.appointment
        assert appointment is not None
        parts = [
            when(appointment.starts_at),
            self.tr("Appointment"),
            label("place_kind", appointment.place_kind),
            label("appointment_status", appointment.status),
        ]
        if appointment.topic:
            parts.append(appointment.topic)
        text = " · ".join(parts)
        if appointment.outcome_note:
            text += "\n" + appointment.outcome_note
        return text

    def _written_by(self, note: Note) -> str:
        """ "Written 23/11/2026 10:00 by you": the moment it was written (not the one it tells of)."""
        written = when(note.created_at)
        mine = (
            note.author_operator_id == self.context.operator_id
            if note.author_operator_id is not None
            else note.author_device_id == self.context.device_id
        )
        if mine:
            return self.tr("Written {date} by you").format(date=written)
        if note.author_name:
            return self.tr("Written {date} by {name}").format(date=written, name=note.author_name)
        return self.tr("Written {date} by a colleague").format(date=written)

    def _update_buttons(self) -> None:
        loaded = self.bundle is not None
        for button in (
            self.edit_button,
            self.delete_button,
            self.refer_button,
            self.book_button,
            self.add_consent_button,
            self.add_relationship_button,
            self.add_note_button,
        ):
            button.setEnabled(loaded)
        consent = self.selected_consent()
        self.withdraw_button.setEnabled(loaded and consent is not None and consent.withdrawn_at is None)
        self.correct_note_button.setEnabled(loaded and self.selected_note_id() is not None)
        item = self.relationships.currentItem()
        self.open_related_button.setEnabled(loaded and item is not None and item.data(ROLE) is not None)

    # --- selections ---------------------------------------------------------------------------

    def selected_consent(self) -> Consent | None:
        item = self.consents.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, Consent) else None

    def selected_note_id(self) -> uuid.UUID | None:
        item = self.timeline.currentItem()
        entry = item.data(ROLE) if item is not None else None
        return entry.note.id if isinstance(entry, TimelineEntry) and entry.note is not None else None

    def _open_related(self, item: QListWidgetItem | None) -> None:
        other = item.data(ROLE) if item is not None else None
        if isinstance(other, uuid.UUID):
            self.openContact.emit(other)

    # --- actions ---------------------------------------------------------------------------------

    def edit(self) -> None:
        if self.bundle is None:
            return
        dispose(self.form)
        self.form = ContactForm(self.context, self.bundle.contact, self)
        self.form.open()

    def book_appointment(self) -> None:
        if self.bundle is None:
            return
        dispose(self.appointment_form)
        self.appointment_form = AppointmentForm(self.context, self, contact=self.bundle.contact)
        self.appointment_form.open()

    def add_note(self, amends: uuid.UUID | None) -> None:
        if self.bundle is None:
            return
        dispose(self.note_dialog)
        self.note_dialog = NoteDialog(self.context, self.bundle.contact.id, amends, self)
        self.note_dialog.open()

    def correct_note(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.add_note(note_id)

    def add_consent(self) -> None:
        if self.bundle is None:
            return
        dispose(self.consent_dialog)
        self.consent_dialog = ConsentDialog(self.context, self.bundle.contact.id, self)
        self.consent_dialog.open()

    def withdraw_consent(self) -> None:
        consent = self.selected_consent()
        if consent is None or consent.withdrawn_at is not None:
            return

        def withdraw() -> None:
            at = self.context.clock()
            self.context.store.run(
                lambda s: s.consents.update(consent.id, withdrawn_at=at),
                None,
                self._action_failed,
                owner=self,
            )

        dispose(self.confirmation)
        self.confirmation = confirm(
            self,
            self.tr("Withdraw consent"),
            self.tr("Record that this consent was withdrawn now? It stays on record as withdrawn."),
            self.tr("&Withdraw"),
            withdraw,
        )

    def add_relationship(self) -> None:
        if self.bundle is None:
            return
        dispose(self.relationship_dialog)
        self.relationship_dialog = RelationshipDialog(self.context, self.bundle.contact.id, self)
        self.relationship_dialog.open()

    def delete(self) -> None:
        if self.bundle is None:
            return
        contact_id = self.bundle.contact.id

        def tombstone(session: StoreSession) -> None:
            session.contacts.tombstone(contact_id)

        def deleted(_result: None) -> None:
            self.contact_id, self.bundle = None, None
            self.closed.emit()

        dispose(self.confirmation)
        self.confirmation = confirm(
            self,
            self.tr("Delete contact"),
            self.tr(
                "Delete this contact? They disappear from every list on this computer; the "
                "deletion is final once the service has confirmed it."
            ),
            self.tr("&Delete"),
            lambda: self.context.store.run(tombstone, deleted, self._action_failed, owner=self),
        )

    def _action_failed(self, error: BaseException) -> None:
        # field_errors, not str(error): a pydantic message would quote the rejected input.
        if isinstance(error, ValidationError | RuleViolation | RecordNotFound):
            reason = (
                " ".join(field_errors(error).values())
                if not isinstance(error, RecordNotFound)
                else self.tr("the record no longer exists")
            )
            self.message.setText(self.tr("That did not work: {reason}").format(reason=reason))
        else:
            self.message.setText(self.tr("That did not work. Please try again."))
        self.message.show()
