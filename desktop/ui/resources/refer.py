"""Referring a person to a directory service, on the strength of their consent.

Owns: `ReferralDialog`: who is referred (the page's contact in mind, or one
chosen with the `ContactPicker`), which of their active consents allows it
(purpose referral or information sharing), why, and the write: a Referral with
status "sent". When the person has no such consent, the dialog says plainly that
sharing needs it and offers to record the consent they give now; the consent and
the referral are then written in one store call, all or nothing.

Must never send a referral without a consent, never keep a consent recorded here
whose referral failed, and never block the UI thread on the store.
"""

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import directory_queries as directory
from desktop.ui import labels
from desktop.ui.calendar import local_zone
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from protocol import Consent, Contact, Resource, entities


def _day(value: dt.date) -> str:
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def _when(value: dt.datetime, context: UiContext) -> str:
    return _day(value.astimezone(local_zone(context)).date())


class ReferralDialog(FormDialog):
    referred = Signal(object)  # the Referral written

    def __init__(
        self, context: UiContext, resource: Resource, contact: Contact | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("&Send referral"), parent)
        self.context = context
        self.resource = resource
        self.contact: Contact | None = None
        self.available: list[Consent] = []
        self._picker: ContactPicker | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Refer to a service"))
        # Room for the title and for the consent section's rows side by side.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        self.errors = FormErrors()
        self.send_button = self.primary_button
        self.send_button.clicked.connect(self.send)
        self._build_person()
        self._build_consent_choice()
        self._build_record_consent()
        self._build_reason()
        self._lay_out()
        self.set_contact(contact)

    # --- building ---------------------------------------------------------------------------

    def _build_person(self) -> None:
        """Who is referred, and the button that chooses them."""
        self.contact_name = QLabel(self.tr("No one chosen yet."))
        self.contact_name.setAccessibleName(self.tr("Person referred"))
        self.choose_contact = QPushButton(self.tr("Choose &person…"))
        self.choose_contact.clicked.connect(self._pick_contact)

    def _build_consent_choice(self) -> None:
        """The person's consents to choose from, or the words saying they have none."""
        self.consents = QComboBox()
        self.consents.setAccessibleName(self.tr("Consent the referral rests on"))
        self.loading = QLabel(self.tr("Looking up their consents…"))
        self.no_consent = QLabel(
            self.tr(
                "Sharing someone's details with a service needs their consent, and there is no active "
                "consent to referral or information sharing on record for this person. "
                "If they agree now, record their consent below."
            )
        )
        self.no_consent.setWordWrap(True)

    def _build_record_consent(self) -> None:
        """Recording the consent the person gives now, when they have none on record."""
        self.record_consent = QGroupBox(self.tr("Record &consent now"))
        self.record_consent.setCheckable(True)
        self.record_consent.setChecked(False)
        self.method = QComboBox()
        self.method.setAccessibleName(self.tr("How consent was given"))
        for value, text in labels.labels("consent_method").items():
            self.method.addItem(text, value)
        self.given = QLabel()
        self.has_expiry = QCheckBox(self.tr("It &expires"))
        self.expires = QDateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setAccessibleName(self.tr("Consent expires on"))
        self.expires.setEnabled(False)
        self.has_expiry.toggled.connect(self.expires.setEnabled)
        today = self.context.clock().date()
        tomorrow = QDate(today.year, today.month, today.day).addDays(1)
        self.expires.setMinimumDate(tomorrow)
        self.expires.setDate(tomorrow.addYears(1))

        consent_form = QFormLayout(self.record_consent)
        consent_form.addRow(self.tr("Purpose"), QLabel(labels.label("consent_purpose", "referral")))
        method_label = QLabel(self.tr("&Given as"))
        method_label.setBuddy(self.method)
        consent_form.addRow(method_label, self.method)
        consent_form.addRow("", self.errors.add("method", self.method))
        consent_form.addRow(self.tr("Given on"), self.given)
        expiry = QHBoxLayout()
        expiry.addWidget(self.has_expiry)
        expiry.addWidget(self.expires, 1)
        consent_form.addRow(expiry)
        consent_form.addRow("", self.errors.add("expires_at", self.expires))

    def _build_reason(self) -> None:
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason for the referral"))
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("What the person needs from this service (optional)"))

    def _lay_out(self) -> None:
        intro = QLabel(
            self.tr("Refer someone to {service} ({organisation}).").format(
                service=self.resource.service_name, organisation=self.resource.organization_name
            )
        )
        intro.setWordWrap(True)
        who = QHBoxLayout()
        who.addWidget(self.contact_name, 1)
        who.addWidget(self.choose_contact)
        self.consent_label = QLabel(self.tr("C&onsent:"))
        self.consent_label.setBuddy(self.consents)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(who)
        layout.addWidget(self.errors.add("contact_id", self.choose_contact))
        layout.addWidget(self.consent_label)
        layout.addWidget(self.loading)
        layout.addWidget(self.consents)
        layout.addWidget(self.no_consent)
        layout.addWidget(self.record_consent)
        layout.addWidget(self.errors.add("consent_id", self.consents))
        layout.addWidget(reason_label)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.errors.add("reason", self.reason))
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    # --- who, and on which consent -------------------------------------------------------

    def _pick_contact(self) -> None:
        if self._picker is not None:
            self._picker.deleteLater()
        picker = ContactPicker(self.context, self)
        picker.accepted.connect(lambda: self.set_contact(picker.chosen))
        self._picker = picker
        picker.open()

    def set_contact(self, contact: Contact | None) -> None:
        self.contact = contact
        self.available = []
        self._generation += 1
        for widget in (self.consents, self.no_consent, self.record_consent):
            widget.hide()
        self.loading.setVisible(contact is not None)
        self.consent_label.setVisible(contact is not None)
        if contact is None:
            self.choose_contact.setFocus()
            return
        self.contact_name.setText(contact.display_name)
        self.given.setText(_when(self.context.clock(), self.context))
        self.send_button.setEnabled(False)
        generation, at, contact_id = self._generation, self.context.clock(), contact.id
        self.context.store.run(
            lambda s: directory.referral_consents(s, contact_id, at),
            lambda found: self._show_consents(generation, found),
            self._failed,
            owner=self,
        )

    def _show_consents(self, generation: int, found: list[Consent]) -> None:
        if generation != self._generation:
            return  # another person was chosen meanwhile
        self.available = found
        self.loading.hide()
        self.send_button.setEnabled(True)
        self.consents.clear()
        for consent in found:
            self.consents.addItem(self._consent_text(consent), consent.id)
        self.consents.setVisible(bool(found))
        self.no_consent.setVisible(not found)
        self.record_consent.setVisible(not found)
        self.settled(self.consents)  # filled by the store's answer, not by the operator
        self._fit()
        (self.consents if found else self.record_consent).setFocus()

    def _fit(self) -> None:
        """Grow to what is now shown. The wrapped texts make the layout height-for-width, and
        Qt does not grow a window for that by itself: the consent section was squeezed into
        a strip under the explanation, over the rows of Reason."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if needed > self.height():
            screen = self.screen().availableGeometry() if self.screen() else None
            self.resize(self.width(), min(needed, screen.height()) if screen else needed)

    def _consent_text(self, consent: Consent) -> str:
        text = self.tr("{purpose}, given on {given} ({method})").format(
            purpose=labels.label("consent_purpose", consent.purpose),
            given=_when(consent.given_at, self.context),
            method=labels.label("consent_method", consent.method),
        )
        last_day = consent.last_valid_day(local_zone(self.context))
        if last_day is not None:
            text += " · " + self.tr("until {date}").format(date=_day(last_day))
        if consent.recipients:
            text += " · " + self.tr("to: {recipients}").format(recipients=", ".join(consent.recipients))
        return text

    # --- sending ------------------------------------------------------------------------------

    def send(self) -> None:
        self.errors.clear()
        if self.contact is None:
            self.errors.show(ValueError("contact_id: " + self.tr("choose the person to refer")))
            return
        contact_id, resource_id = self.contact.id, self.resource.id
        reason = self.reason.toPlainText().strip() or None
        now = self.context.clock()
        if self.available:
            consent_id = self.consents.currentData()

            def work(s):  # a StoreSession, on the store thread
                return directory.refer(
                    s, contact_id=contact_id, resource_id=resource_id, consent_id=consent_id, reason=reason, at=now
                )

        elif self.record_consent.isChecked():
            consent = {
                "purpose": "referral",
                "method": self.method.currentData(),
                "given_at": now,
                "expires_at": self._expiry(),
                "recipients": [self.resource.organization_name],
            }

            def work(s):
                return directory.refer_with_new_consent(
                    s, contact_id=contact_id, resource_id=resource_id, reason=reason, consent=consent
                )[1]

        else:
            self.errors.show(
                ValueError(
                    "consent_id: " + self.tr("sharing needs the person's consent; if they agree now, record it first")
                )
            )
            self.record_consent.setFocus()
            return
        self.send_button.setEnabled(False)
        self.context.store.run(work, self._sent, self._failed, owner=self)

    def _expiry(self) -> dt.datetime | None:
        if not self.has_expiry.isChecked():
            return None
        day = self.expires.date()
        # The consent holds through the whole chosen day, where the operator is (a named
        # zone: the clock's fixed offset would end a summer day at 01:00).
        return entities.end_of_day(dt.date(day.year(), day.month(), day.day()), local_zone(self.context))

    def _sent(self, referral: object) -> None:
        self.referred.emit(referral)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(self.contact is not None)
        self.errors.show(error)
