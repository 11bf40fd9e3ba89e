"""First run: choose a language and how to work, set the passphrase, connect (or not).

Owns: `FirstRunWizard`. Its steps are
1. welcome: language, and "connect to my organisation" or "offline only";
2. passphrase, twice, with a strength meter: leaving this step creates the
   encrypted profile (Argon2id, on a background thread) and opens it;
3. connection (only when connecting): service address, optional CA bundle,
   username and password; "Next" enrols this device and keeps the device token
   inside the encrypted store. Errors land beside the field they are about;
4. done: `completed(StoreWorker)` hands the open store to the shell, and the
   wizard stays up until the shell shows the main window in its place.
The profile is created before enrolling because the token needs the encrypted
store to live in; a failed enrolment therefore leaves a working offline profile,
and the operator can retry or go on offline.

Must never write the passphrase or the password anywhere, never keep them after
the wizard ends, and never overwrite an existing profile.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.settings import LANGUAGES, Settings
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from desktop.sync import transport
from desktop.sync.engine import enrol
from desktop.ui import i18n, icons
from desktop.ui.background import run_in_background
from desktop.ui.forms import FormErrors
from desktop.ui.passphrase_strength import PassphraseStrength, passphrase_problem

WELCOME, PASSPHRASE, CONNECT, DONE = range(4)
# Which input an enrolment error is about (the first match wins).
_ERROR_FIELDS: tuple[tuple[type[Exception], str], ...] = (
    (transport.LoginRefused, "password"),
    (transport.LoginThrottled, "password"),
    (transport.Offline, "url"),
    (transport.NotProssimo, "url"),
    (transport.UpdateNeeded, "url"),
)


class _AsyncStep(QWizardPage):
    """A page whose "Next" runs slow work first: Next is refused until the work succeeds,
    then the page moves the wizard on by itself."""

    def __init__(self) -> None:
        super().__init__()
        self._passed = False
        self._running = False

    def validatePage(self) -> bool:
        if self._passed:
            self._passed = False
            return True
        if not self._running and self.start_step():
            self._running = True
            self.wizard().button(QWizard.WizardButton.NextButton).setEnabled(False)
            self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(False)
        return False

    def start_step(self) -> bool:
        """Check the inputs and start the work; False when the inputs are refused."""
        raise NotImplementedError

    def step_finished(self, ok: bool) -> None:
        self._running = False
        self.wizard().button(QWizard.WizardButton.NextButton).setEnabled(True)
        self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(True)
        if ok:
            self._passed = True
            self.wizard().next()


class WelcomePage(QWizardPage):
    def __init__(self, settings: Settings, notice: str) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Prossimo"))
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icons.icon("app").pixmap(48, 48))
        layout = QVBoxLayout(self)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("font-weight: bold;")
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)
        intro = QLabel(
            self.tr(
                "Prossimo keeps your contacts, appointments and notes encrypted on this computer. "
                "It works without internet, and shares your work with your organisation "
                "whenever a connection is there."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        language_row = QHBoxLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code in LANGUAGES:
            self.language.addItem(i18n.NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language)
        language_row.addWidget(label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        layout.addLayout(language_row)
        self.connect_choice = QRadioButton(self.tr("&Connect to my organisation's service"))
        self.offline_choice = QRadioButton(self.tr("Use Prossimo &offline only, on this computer"))
        self.connect_choice.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.connect_choice)
        group.addButton(self.offline_choice)
        explain = QLabel(
            self.tr(
                "Offline only: nothing leaves this computer. You can connect it to your "
                "organisation later, in Settings."
            )
        )
        explain.setWordWrap(True)
        for widget in (self.connect_choice, self.offline_choice, explain):
            layout.addWidget(widget)
        layout.addStretch(1)

    def nextId(self) -> int:
        return PASSPHRASE


class PassphrasePage(_AsyncStep):
    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Choose a passphrase"))
        # In the page, not the wizard's subtitle: the subtitle's last line was cut with large text.
        intro = QLabel(
            self.tr(
                "It encrypts everything Prossimo keeps on this computer. Use several words "
                "that only you know. If it is forgotten, the data here cannot be recovered."
            )
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.strength = PassphraseStrength()
        self.status = QLabel()
        self.errors = FormErrors()
        passphrase_error = self.errors.add("passphrase", self.passphrase)
        self.strength.attach(self.passphrase, passphrase_error)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow("", passphrase_error)
        form.addRow("", self.strength)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow("", self.errors.add("repeat", self.repeat))
        form.addRow(self.errors.general)
        form.addRow(self.status)

    def start_step(self) -> bool:
        self.errors.clear()
        passphrase = self.passphrase.text()
        problem = passphrase_problem(passphrase)  # the meter's words for the store's rule
        if problem is not None:
            self.errors.show(ValueError(f"passphrase: {problem}"))
            return False
        if self.repeat.text() != passphrase:
            self.errors.show(ValueError("repeat: " + self.tr("the two passphrases differ")))
            return False
        self.status.setText(self.tr("Creating your encrypted store…"))
        run_in_background(lambda: self.owner.create_profile(passphrase), self._created, self._failed, owner=self)
        return True

    def _created(self, _worker: StoreWorker) -> None:
        self.status.setText(self.tr("Your encrypted store is ready."))
        self.step_finished(True)

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        self.errors.show(ValueError(self.tr("The store could not be created: {error}").format(error=error)))
        self.step_finished(False)

    def nextId(self) -> int:
        return CONNECT if self.owner.welcome.connect_choice.isChecked() else DONE


class ConnectPage(_AsyncStep):
    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Connect to your organisation"))
        self.setSubTitle(
            self.tr(
                "Your IT staff give you the service address. Your username and password "
                "are the ones for Prossimo at your organisation."
            )
        )
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://prossimo.example.org")
        self.url.setAccessibleName(self.tr("Service address"))
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setAccessibleName(self.tr("Certificate authority file (optional)"))
        browse = QPushButton(self.tr("B&rowse…"))
        browse.clicked.connect(self._choose_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Username"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.errors = FormErrors()
        form = QFormLayout(self)
        form.addRow(self.tr("Service &address:"), self.url)
        form.addRow("", self.errors.add("url", self.url))
        ca_label = QLabel(self.tr("&Certificate authority:"))
        ca_label.setBuddy(self.ca_bundle)  # a row given a layout gets no buddy, and shows the "&"
        form.addRow(ca_label, ca_row)
        form.addRow("", self.errors.add("ca_bundle", self.ca_bundle))
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow("", self.errors.add("username", self.username))
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.errors.add("password", self.password))
        form.addRow(self.errors.general)
        form.addRow(self.status)

    def _choose_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate authority file"), "", self.tr("Certificates (*.pem *.crt);;All files (*)")
        )
        if path:
            self.ca_bundle.setText(path)

    def start_step(self) -> bool:
        self.errors.clear()
        url, user, password = self.url.text().strip(), self.username.text().strip(), self.password.text()
        ca_bundle = self.ca_bundle.text().strip() or None
        try:
            transport.check_server_url(url)
        except ValueError as exc:
            self.errors.show(ValueError("url: " + str(exc).removeprefix("server: ")))
            return False
        if ca_bundle and not Path(ca_bundle).is_file():
            self.errors.show(ValueError("ca_bundle: " + self.tr("no such file")))
            return False
        if not user:
            self.errors.show(ValueError("username: " + self.tr("required")))
            return False
        if not password:
            self.errors.show(ValueError("password: " + self.tr("required")))
            return False
        self.status.setText(self.tr("Connecting…"))
        run_in_background(
            lambda: self.owner.enrol(url, user, password, ca_bundle), self._enrolled, self._failed, owner=self
        )
        return True

    def _enrolled(self, _worker: StoreWorker) -> None:
        self.password.clear()
        self.status.setText(self.tr("This computer is now connected."))
        self.step_finished(True)

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        field, message = enrol_problem(error)
        self.errors.show(ValueError(f"{field}: {message}" if field else message))
        self.step_finished(False)

    def nextId(self) -> int:
        return DONE


def enrol_problem(error: BaseException, *, in_wizard: bool = True) -> tuple[str, str]:
    """(the input it is about or "", what to do) for a failed enrolment, in the operator's
    language: the wizard's Connect step and Settings' "Connect" say the same."""
    field = next((name for kind, name in _ERROR_FIELDS if isinstance(error, kind)), "")
    if isinstance(error, transport.LoginRefused):
        message = QCoreApplication.translate("ConnectPage", "the username or the password is not right")
    elif isinstance(error, transport.LoginThrottled):
        message = QCoreApplication.translate("ConnectPage", "too many attempts; wait {s} seconds").format(
            s=error.retry_after_s
        )
    elif isinstance(error, transport.AddressUnknown):
        message = QCoreApplication.translate(
            "ConnectPage",
            "there is no server with this name: check the address (is it typed right?) and that "
            "this computer is online",
        )
    elif isinstance(error, transport.ConnectionRefused):
        message = QCoreApplication.translate(
            "ConnectPage",
            "nothing answers at this address: check the address and the port; if they are right, "
            "ask IT whether the service is running",
        )
    elif isinstance(error, transport.NotProssimo):
        message = QCoreApplication.translate(
            "ConnectPage", "this address answers, but it is not a Prossimo service: check the address"
        )
    elif isinstance(error, transport.Offline) and in_wizard:
        message = QCoreApplication.translate(
            "ConnectPage",
            "the service cannot be reached ({reason}); check the address and the connection, or go "
            "back and choose offline only",
        ).format(reason=error)
    elif isinstance(error, transport.Offline):
        message = QCoreApplication.translate(
            "ConnectPage", "the service cannot be reached ({reason}); check the address and the connection"
        ).format(reason=error)
    else:
        message = str(error)
    return field, message


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Ready"))
        text = QLabel(
            self.tr(
                "Prossimo is ready. It locks itself after some minutes without activity; "
                "your passphrase opens it again."
            )
        )
        text.setWordWrap(True)
        QVBoxLayout(self).addWidget(text)

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    completed = Signal(object)  # the open StoreWorker
    languageChosen = Signal(str)

    def __init__(self, profile_dir: Path, settings: Settings, parent: QWidget | None = None, notice: str = "") -> None:
        super().__init__(parent)
        self.profile_dir = Path(profile_dir)
        self.settings = settings
        self.worker: StoreWorker | None = None
        self._passphrase: str | None = None  # only until the wizard ends: enrolment reopens the store
        self.setWindowTitle(self.tr("Set up Prossimo"))
        self.setWindowIcon(icons.icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.welcome = WelcomePage(settings, notice)
        self.passphrase_page = PassphrasePage(self)
        self.connect_page = ConnectPage(self)
        self.setPage(WELCOME, self.welcome)
        self.setPage(PASSPHRASE, self.passphrase_page)
        self.setPage(CONNECT, self.connect_page)
        self.setPage(DONE, DonePage())
        self.welcome.language.currentIndexChanged.connect(
            lambda _i: self.languageChosen.emit(self.welcome.language.currentData())
        )
        self.finished.connect(self._finished)
        line = self.fontMetrics().height()  # 640x480 at the usual text size, larger with larger text
        self.resize(max(640, line * 38), max(480, line * 28))

    # --- the slow steps (run on a background thread) ---------------------------------------

    def create_profile(self, passphrase: str) -> StoreWorker:
        if self.worker is None:
            profile = Profile.create(self.profile_dir, passphrase)
            self.worker = profile.open(passphrase)
            self._passphrase = passphrase
        return self.worker

    def enrol(self, url: str, username: str, password: str, ca_bundle: str | None) -> StoreWorker:
        worker = self.worker
        if worker is None:  # the Connect page comes after the passphrase page has created the store
            raise RuntimeError("enrol: the profile is created first")
        profile = Profile(self.profile_dir)
        enrol(profile, worker, url, username, password, ca_bundle=ca_bundle)
        # Records are stamped with the ids the service gave, so the store is reopened under them.
        worker.close()
        self.worker = profile.open(self._passphrase)
        return self.worker

    # --- the end --------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Finish hands the open store to the shell and the wizard stays on screen until the
        shell replaces it with the main window (which is built after a store call): a wizard
        that hid itself first would leave no window up, and Qt would quit the app."""
        if result != QWizard.DialogCode.Accepted or self.worker is None:
            super().done(result)  # cancelled or closed: `finished` closes the store
            return
        worker = self._take_worker()
        self.settings.save(self.profile_dir)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)  # handed over once
        self.completed.emit(worker)

    def _take_worker(self) -> StoreWorker | None:
        """The open store, and the wizard forgets every secret it held."""
        self._passphrase = None
        self.passphrase_page.passphrase.clear()
        self.passphrase_page.repeat.clear()
        self.connect_page.password.clear()
        worker, self.worker = self.worker, None
        return worker

    def _finished(self, _result: int) -> None:
        worker = self._take_worker()
        if worker is not None:
            worker.close()  # the profile stays; the next start asks for its passphrase
