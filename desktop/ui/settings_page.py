"""The Settings screen: language, auto-lock, the central service's address, passphrase, lock, sign-out.

Owns: `SettingsPage` (page key "settings") and `SignOutDialog`. Preferences go to the
shell through `context.apply_settings(Settings)` (it saves, relocalises and re-arms
the lock timer); the service address and CA bundle are stored with the enrolment
inside the encrypted store (`Replica.update_service_address`), only on an enrolled
profile; an offline-only profile is connected here instead ("Connect this computer":
`desktop.sync.engine.enrol` on a worker thread, the same as the first-run wizard's
Connect step, then the app locks, and unlocking starts the sync under the ids the
service gave); the passphrase is changed by `KeyStore.change_passphrase` on a worker thread,
because Argon2id takes seconds and the window must stay alive meanwhile.

Must never keep a passphrase after the change (the fields are cleared, nothing is
logged), never run the key derivation or an enrolment on the UI thread, never talk
HTTP itself (the URL is only checked for its form; enrolling goes through the sync
package), never keep the service password once used, and never sign out without the operator's explicit
confirmation, twice when changes would be lost.
"""

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import Settings
from desktop.store.keys import KeyStore, WeakPassphrase, WrongPassphrase
from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from desktop.sync.engine import enrol
from desktop.sync.transport import LOOPBACK_HOSTS, check_server_url
from desktop.ui.background import run_in_background
from desktop.ui.context import UiContext
from desktop.ui.first_run import enrol_problem
from desktop.ui.forms import FormErrors, error_label, grow_to_fit
from desktop.ui.passphrase_strength import PassphraseStrength, passphrase_problem

LANGUAGE_NAMES = {"it": "Italiano", "en": "English", "fi": "Suomi"}  # each in its own language, never translated


class SignOutDialog(QDialog):
    """Asks twice when work would be lost. `confirmed` is emitted when the operator signs out."""

    confirmed = Signal()

    def __init__(self, waiting: int, enrolled: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign this device out"))
        explanation = QLabel(
            self.tr(
                "Signing out deletes every record of this profile from this computer: contacts, appointments, "
                "notes and the key that protects them. It cannot be undone. On a synced profile your team's records "
                "stay on the central service and come back when you enrol this computer again."
            )
        )
        explanation.setWordWrap(True)
        self.understand_box = QCheckBox(self.tr("I &understand that this profile is deleted from this computer"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.lose_box = QCheckBox()
        self.needs_second = waiting > 0 or not enrolled
        if not enrolled:
            self.warning.setText(
                "<b>"
                + self.tr(
                    "This profile is not connected to a central service: its records "
                    "exist only on this computer and will be lost."
                )
                + "</b>"
            )
            self.lose_box.setText(self.tr("Delete them &anyway: I accept that they are lost"))
        elif waiting:
            self.warning.setText(
                "<b>"
                + self.tr(
                    "%n change(s) have not reached the central service yet and will be lost. Sync first if you can.",
                    "",
                    waiting,
                )
                + "</b>"
            )
            self.lose_box.setText(self.tr("Delete them &anyway: I accept that these changes are lost"))
        self.warning.setVisible(self.needs_second)
        self.lose_box.setVisible(self.needs_second)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_out_button = self.buttons.addButton(
            self.tr("&Sign out and delete"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.sign_out_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.sign_out_button.clicked.connect(self._sign_out)
        self.understand_box.toggled.connect(self._update)
        self.lose_box.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.understand_box)
        layout.addWidget(self.warning)
        layout.addWidget(self.lose_box)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        grow_to_fit(self)

    def _update(self) -> None:
        ready = self.understand_box.isChecked() and (self.lose_box.isChecked() or not self.needs_second)
        self.sign_out_button.setEnabled(ready)

    def _sign_out(self) -> None:
        if not self.sign_out_button.isEnabled():
            return
        self.accept()
        self.confirmed.emit()


class SettingsPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.enrolment: Enrolment | None = None
        self.sign_out_dialog: SignOutDialog | None = None
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._preferences_group())
        column.addWidget(self._service_group())
        column.addWidget(self._passphrase_group())
        column.addWidget(self._computer_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        context.store.run(lambda s: s.replica.enrolment(), self._enrolment_loaded, owner=self)

    # --- language and locking -------------------------------------------------------------------

    def _preferences_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Language and locking"))
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self.context.settings.language))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setValue(self.context.settings.auto_lock_minutes)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setAccessibleName(self.tr("Lock after this many minutes without use"))
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.clicked.connect(self.apply_preferences)
        self.preferences_feedback = QLabel()
        self.preferences_feedback.setWordWrap(True)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Lan&guage:"), self.language_combo)
        form.addRow(self.tr("Loc&k after:"), self.lock_minutes)
        form.addRow(
            QLabel(
                self.tr("Prossimo locks itself after this many minutes without use; your passphrase opens it again.")
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.preferences_feedback, 1)
        form.addRow(row)
        return group

    def apply_preferences(self) -> None:
        settings = Settings.model_validate(
            {
                **self.context.settings.model_dump(),
                "language": self.language_combo.currentData(),
                "auto_lock_minutes": self.lock_minutes.value(),
            }
        )
        self.context.apply_settings(settings)
        if shiboken6.isValid(self):  # a new language rebuilds the windows, this page included
            self.preferences_feedback.setText(self.tr("Saved."))

    # --- the central service ------------------------------------------------------------------------

    def _service_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Central service"))
        self.service_note = QLabel(self.tr("Reading…"))
        self.service_note.setWordWrap(True)
        self.url_input = QLineEdit()
        self.url_input.setAccessibleName(self.tr("Address of the central service"))
        self.url_input.setPlaceholderText("https://prossimo.example.org")
        self.ca_input = QLineEdit()
        self.ca_input.setAccessibleName(self.tr("Organisation's certificate file (CA bundle)"))
        self.ca_input.setPlaceholderText(self.tr("Only if your IT staff gave you one"))
        self.choose_ca_button = QPushButton(self.tr("C&hoose…"))
        self.choose_ca_button.clicked.connect(lambda: self._choose_ca())
        self.ca_warning = QLabel(
            self.tr(
                "The certificate file decides which servers this computer trusts with your clients' data. Use only "
                "the file your organisation's IT staff gave you, never one from anybody else."
            )
        )
        self.ca_warning.setWordWrap(True)
        self.save_service_button = QPushButton(self.tr("Save the a&ddress"))
        self.save_service_button.clicked.connect(self.save_service_address)
        self.service_feedback = QLabel()
        self.service_feedback.setWordWrap(True)
        self.url_error = error_label()
        self.url_error.setBuddy(self.url_input)
        self.ca_error = error_label()
        self.ca_error.setBuddy(self.ca_input)
        self.service_fields = QWidget()
        form = QFormLayout(self.service_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Add&ress:"), self.url_input)
        form.addRow("", self.url_error)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_input, 1)
        ca_row.addWidget(self.choose_ca_button)
        ca_label = QLabel(self.tr("Certificate &file:"))
        ca_label.setBuddy(self.ca_input)
        form.addRow(ca_label, ca_row)
        form.addRow("", self.ca_error)
        form.addRow(self.ca_warning)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_service_button)
        buttons.addWidget(self.service_feedback, 1)
        form.addRow(buttons)
        self.service_fields.hide()
        layout = QVBoxLayout(group)
        layout.addWidget(self.service_note)
        layout.addWidget(self.service_fields)
        layout.addWidget(self._connect_fields())
        return group

    def _connect_fields(self) -> QWidget:
        """On an offline-only profile: connect it to the organisation's service, as the first-run wizard does."""
        self.connect_url = QLineEdit()
        self.connect_url.setPlaceholderText("https://prossimo.example.org")
        self.connect_url.setAccessibleName(self.tr("Address of the central service"))
        self.connect_ca = QLineEdit()
        self.connect_ca.setAccessibleName(self.tr("Organisation's certificate file (CA bundle)"))
        self.connect_ca.setPlaceholderText(self.tr("Only if your IT staff gave you one"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(lambda: self._choose_ca(self.connect_ca))
        self.connect_username = QLineEdit()
        self.connect_username.setAccessibleName(self.tr("Username"))
        self.connect_password = QLineEdit()
        self.connect_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.connect_password.setAccessibleName(self.tr("Password"))
        self.connect_button = QPushButton(self.tr("Connect this com&puter"))
        self.connect_button.clicked.connect(self.connect_service)
        self.connect_password.returnPressed.connect(self.connect_service)
        self.connect_feedback = QLabel()
        self.connect_feedback.setWordWrap(True)
        self.connect_errors = FormErrors()
        self.connect_fields = QWidget()
        form = QFormLayout(self.connect_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Service addre&ss:"), self.connect_url)
        form.addRow("", self.connect_errors.add("url", self.connect_url))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.connect_ca, 1)
        ca_row.addWidget(browse)
        ca_label = QLabel(self.tr("Certificate f&ile:"))
        ca_label.setBuddy(self.connect_ca)  # a row given a layout gets no buddy, and would show the "&"
        form.addRow(ca_label, ca_row)
        form.addRow("", self.connect_errors.add("ca_bundle", self.connect_ca))
        form.addRow(self.tr("Userna&me:"), self.connect_username)
        form.addRow("", self.connect_errors.add("username", self.connect_username))
        form.addRow(self.tr("Pass&word:"), self.connect_password)
        form.addRow("", self.connect_errors.add("password", self.connect_password))
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.connect_feedback, 1)
        form.addRow(row)
        form.addRow(self.connect_errors.general)
        self.connect_fields.hide()
        return self.connect_fields

    def connect_service(self) -> None:
        """Enrol this offline-only profile with the service (on a worker thread), then lock."""
        if not self.connect_button.isEnabled() or self.enrolment is not None:
            return
        self.connect_errors.clear()
        self.connect_feedback.clear()
        url, username = self.connect_url.text().strip(), self.connect_username.text().strip()
        password, ca_bundle = self.connect_password.text(), self.connect_ca.text().strip() or None
        problem = self._connect_input_problem(url, ca_bundle, username, password)
        if problem:
            self.connect_errors.show(ValueError(problem))
            return
        self.connect_button.setEnabled(False)
        self.connect_feedback.setText(self.tr("Connecting…"))
        profile, worker = Profile(self.context.profile_dir), self.context.store.worker
        run_in_background(
            lambda: enrol(profile, worker, url, username, password, ca_bundle=ca_bundle),
            self._connected,
            self._connect_failed,
            owner=self,
        )

    def _connect_input_problem(self, url: str, ca_bundle: str | None, username: str, password: str) -> str | None:
        try:
            check_server_url(url)
        except ValueError:
            return "url: " + self.tr(
                "Type the service's address, such as https://prossimo.example.org (https, "
                "unless the service runs on this computer)"
            )
        if ca_bundle is not None and (problem := _ca_bundle_problem(Path(ca_bundle))):
            return f"ca_bundle: {problem}"
        if not username:
            return "username: " + self.tr("Type your username for the service")
        if not password:
            return "password: " + self.tr("Type your password for the service")
        return None

    def _connected(self, enrolment: Enrolment) -> None:
        self.connect_password.clear()
        self.connect_button.setEnabled(True)
        self.connect_feedback.setText(self.tr("Connected to {address}.").format(address=enrolment.server_url))
        # The session was built for an offline profile; the next one syncs under the ids the service gave.
        self.context.lock_now("connected")

    def _connect_failed(self, error: BaseException) -> None:
        self.connect_password.clear()
        self.connect_button.setEnabled(True)
        self.connect_feedback.clear()
        field, message = enrol_problem(error, in_wizard=False)
        self.connect_errors.show(ValueError(f"{field}: {message}" if field else message))

    def _enrolment_loaded(self, enrolment: Enrolment | None) -> None:
        self.enrolment = enrolment
        if enrolment is None:
            self.service_note.setText(
                self.tr(
                    "This profile works offline only: nothing leaves this computer. "
                    "To share your work with your organisation, connect it to their "
                    "service with the address, username and password your IT staff "
                    "gave you."
                )
            )
            self.connect_fields.show()
            return
        self.service_note.setText(
            self.tr(
                "Change these only when your organisation tells you to: the service "
                "moved, or it uses a new certificate."
            )
        )
        self.url_input.setText(enrolment.server_url)
        self.ca_input.setText(enrolment.ca_bundle or "")
        self.service_fields.show()

    def _choose_ca(self, target: QLineEdit | None = None) -> None:
        chooser = QFileDialog(self, self.tr("Choose the organisation's certificate file"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilters([self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")])
        chooser.fileSelected.connect((target or self.ca_input).setText)
        chooser.open()

    def _show_error(self, label: QLabel, field: QWidget, message: str) -> None:
        label.setText(message)
        label.show()
        field.setAccessibleDescription(message)
        field.setFocus()

    def save_service_address(self) -> None:
        for label, field in ((self.url_error, self.url_input), (self.ca_error, self.ca_input)):
            label.hide()
            field.setAccessibleDescription("")
        self.service_feedback.clear()
        text = self.url_input.text().strip()
        try:
            url = check_server_url(text)
        except ValueError:
            if text.startswith("http://") and not any(f"//{host}" in text for host in LOOPBACK_HOSTS):
                message = self.tr(
                    "Use an address that starts with https:// (plain http is only for a service on this computer)."
                )
            else:
                message = self.tr("Type the service's address, such as https://prossimo.example.org")
            self._show_error(self.url_error, self.url_input, message)
            return
        ca_bundle = self.ca_input.text().strip() or None
        if ca_bundle is not None:
            problem = _ca_bundle_problem(Path(ca_bundle))
            if problem:
                self._show_error(self.ca_error, self.ca_input, problem)
                return
        self.save_service_button.setEnabled(False)
        self.context.store.run(
            lambda s: s.replica.update_service_address(url, ca_bundle),
            self._service_saved,
            self._service_failed,
            owner=self,
        )

    def _service_saved(self, _: None) -> None:
        self.save_service_button.setEnabled(True)
        self.service_feedback.setText(self.tr("Saved. The next sync uses this address."))
        if self.context.sync is not None:
            self.context.sync.sync_now()

    def _service_failed(self, error: BaseException) -> None:
        self.save_service_button.setEnabled(True)
        self.service_feedback.setText(self.tr("Not saved: {reason}").format(reason=str(error)))

    # --- passphrase ---------------------------------------------------------------------------------

    def _passphrase_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Passphrase"))
        self.old_passphrase = QLineEdit()
        self.new_passphrase = QLineEdit()
        self.repeat_passphrase = QLineEdit()
        names = (self.tr("Current passphrase"), self.tr("New passphrase"), self.tr("Repeat the new passphrase"))
        for field, name in zip((self.old_passphrase, self.new_passphrase, self.repeat_passphrase), names, strict=True):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.returnPressed.connect(self.change_passphrase)
        self.strength = PassphraseStrength()
        self.passphrase_errors = FormErrors()
        new_error = self.passphrase_errors.add("new", self.new_passphrase)
        self.strength.attach(self.new_passphrase, new_error)
        self.change_button = QPushButton(self.tr("&Change passphrase"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.passphrase_feedback = QLabel()
        self.passphrase_feedback.setWordWrap(True)
        form = QFormLayout(group)
        form.addRow(
            QLabel(
                self.tr(
                    "The passphrase opens Prossimo on this computer. Changing it does not change "
                    "your password for the central service."
                )
            )
        )
        form.addRow(self.tr("C&urrent passphrase:"), self.old_passphrase)
        form.addRow("", self.passphrase_errors.add("old", self.old_passphrase))
        form.addRow(self.tr("&New passphrase:"), self.new_passphrase)
        form.addRow("", self.strength)
        form.addRow("", new_error)
        form.addRow(self.tr("R&epeat it:"), self.repeat_passphrase)
        form.addRow("", self.passphrase_errors.add("repeat", self.repeat_passphrase))
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.passphrase_feedback, 1)
        form.addRow(row)
        form.addRow(self.passphrase_errors.general)
        return group

    def change_passphrase(self) -> None:
        if not self.change_button.isEnabled():
            return  # a change is already running
        self.passphrase_errors.clear()
        self.passphrase_feedback.clear()
        old, new = self.old_passphrase.text(), self.new_passphrase.text()
        problem: tuple[str, str] | None = None
        if not old:
            problem = ("old", self.tr("Type the passphrase you use now"))
        elif passphrase_problem(new) is not None:
            problem = ("new", self.strength_message())
        elif self.repeat_passphrase.text() != new:
            problem = ("repeat", self.tr("The two new passphrases are not the same"))
        if problem:
            self.passphrase_errors.show(ValueError(f"{problem[0]}: {problem[1]}"))
            return
        self.change_button.setEnabled(False)
        self.passphrase_feedback.setText(self.tr("Changing the passphrase… this takes a few seconds."))
        keys = KeyStore(self.context.profile_dir)
        run_in_background(
            lambda: keys.change_passphrase(old, new),
            lambda _none: self._passphrase_changed(None, None),
            lambda error: self._passphrase_changed(None, error),
            owner=self,
        )

    def strength_message(self) -> str:
        """Why the store refuses the new passphrase: the meter's words for the same rule."""
        return passphrase_problem(self.new_passphrase.text()) or self.strength.verdict.text()

    def _passphrase_changed(self, _: None, error: BaseException | None) -> None:
        self.change_button.setEnabled(True)
        self.passphrase_feedback.clear()
        if error is None:
            for field in (self.old_passphrase, self.new_passphrase, self.repeat_passphrase):
                field.clear()
            self.passphrase_feedback.setText(self.tr("Your passphrase was changed. Use the new one from now on."))
            return
        if isinstance(error, WrongPassphrase):
            message = ValueError("old: " + self.tr("This is not the current passphrase"))
        elif isinstance(error, WeakPassphrase):
            message = ValueError("new: " + self.strength_message())
        else:
            message = ValueError(self.tr("The passphrase was not changed: {reason}").format(reason=str(error)))
        self.passphrase_errors.show(message)

    # --- this computer ------------------------------------------------------------------------------

    def _computer_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("This computer"))
        self.lock_button = QPushButton(self.tr("L&ock now"))
        self.lock_button.clicked.connect(lambda: self.context.lock_now())
        self.sign_out_button = QPushButton(self.tr("Sign this device ou&t…"))
        self.sign_out_button.clicked.connect(self.ask_sign_out)
        lock_text = QLabel(
            self.tr("Locks Prossimo now, e.g. before you leave the computer; your passphrase opens it again.")
        )
        lock_text.setWordWrap(True)
        sign_out_text = QLabel(
            self.tr(
                "Deletes this profile and every local record of it from this computer, "
                "e.g. before the computer goes to someone else."
            )
        )
        sign_out_text.setWordWrap(True)
        form = QFormLayout(group)
        form.addRow(self.lock_button, lock_text)
        form.addRow(self.sign_out_button, sign_out_text)
        return group

    def ask_sign_out(self) -> None:
        """Count what would be lost (on the store thread), then ask."""
        self.sign_out_button.setEnabled(False)

        def waiting(s: Any) -> tuple[int, bool]:
            status = s.replica.status()
            return status.pending + status.rejected, status.enrolled

        self.context.store.run(waiting, self._open_sign_out, self._sign_out_count_failed, owner=self)

    def _sign_out_count_failed(self, error: BaseException) -> None:
        self.sign_out_button.setEnabled(True)

    def _open_sign_out(self, counts: tuple[int, bool]) -> None:
        self.sign_out_button.setEnabled(True)
        waiting, enrolled = counts
        dialog = SignOutDialog(waiting, enrolled, self)
        dialog.confirmed.connect(self.context.sign_out)
        dialog.finished.connect(dialog.deleteLater)
        self.sign_out_dialog = dialog
        dialog.open()


def _ca_bundle_problem(path: Path) -> str | None:
    """Why a CA bundle file cannot be used, in words; None when it holds a PEM certificate."""
    try:
        head = path.read_bytes()[:1_000_000]
    except FileNotFoundError:
        return QCoreApplication.translate("SettingsPage", "There is no file at this place")
    except OSError:
        return QCoreApplication.translate("SettingsPage", "This file cannot be read")
    if b"-----BEGIN CERTIFICATE-----" not in head:
        return QCoreApplication.translate(
            "SettingsPage", "This file holds no certificate (a PEM file with -----BEGIN CERTIFICATE-----)"
        )
    return None
