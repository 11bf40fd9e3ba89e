"""The unlock screen: the passphrase opens the encrypted store, nothing else does.

Owns: `UnlockWindow`. The passphrase goes straight to `Profile.open` on a
background thread (Argon2id takes about a second by design) and is dropped from
the input at once; `unlocked(StoreWorker)` hands the open store to the shell.
Every failure is said in plain words, with what to do next. After a few wrong
attempts the screen waits a little longer before allowing the next one.

Must never keep the passphrase after the attempt, never show or log it, and
never offer to recreate a store that did not open (that would destroy the data
a damaged file may still hold).
"""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.store.errors import StoreCorrupt, StoreTooNew
from desktop.store.keys import KeyFileCorrupt, KeyFileMissing, WrongPassphrase
from desktop.store.profile import Profile
from desktop.ui import icons, style
from desktop.ui.background import run_in_background
from desktop.ui.main_window import fit_to_screen

FREE_ATTEMPTS = 3


class UnlockWindow(QWidget):
    unlocked = Signal(object)  # StoreWorker

    def __init__(self, profile: Profile, parent: QWidget | None = None, *, reason: str = "", hint: str = "") -> None:
        super().__init__(parent)
        self.profile = profile
        self.failures = 0
        self.setWindowTitle(self.tr("Prossimo is locked"))
        self.setWindowIcon(icons.icon("app"))
        heading = self._build_heading(reason)
        label = self._build_passphrase(hint)
        box = QWidget()
        box.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        form = QVBoxLayout(box)
        for widget in (*heading, label, self.passphrase, self.error, self.button, self.hint):
            form.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        fit_to_screen(self)  # the lock screen covers the whole window, never a small box in a corner
        self.passphrase.setFocus()

    def _build_heading(self, reason: str) -> tuple[QLabel, QLabel, QLabel]:
        """The lock, the title and why the app locked (when it says): top to bottom."""
        logo = QLabel()
        logo.setPixmap(icons.icon("lock").pixmap(48, 48))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        logo.setMinimumHeight(56)
        title = QLabel(self.tr("Prossimo is locked"))
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.reason.setVisible(bool(reason))
        return logo, title, self.reason

    def _build_passphrase(self, hint: str) -> QLabel:
        """The passphrase input, its error, Unlock and the hint; returns the input's label."""
        label = QLabel(self.tr("&Passphrase:"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        label.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        style.set_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("&Unlock"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        return label

    def try_unlock(self) -> None:
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        if not passphrase:
            self._fail(self.tr("Type your passphrase, then press Enter."))
            return
        self._busy(True)
        profile = self.profile
        run_in_background(lambda: profile.open(passphrase), self._opened, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.button.setText(self.tr("Unlocking…") if busy else self.tr("&Unlock"))

    def _opened(self, worker: object) -> None:
        self._busy(False)
        self.failures = 0
        self.unlocked.emit(worker)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, WrongPassphrase):
            self.failures += 1
            message = self.tr("That passphrase is not right. Check Caps Lock and try again.")
            if self.failures >= FREE_ATTEMPTS:
                # Argon2id already makes guessing slow; this makes a string of guesses slower still.
                wait_s = min(2 ** (self.failures - FREE_ATTEMPTS + 1), 60)
                message += " " + self.tr("Please wait {s} seconds.").format(s=wait_s)
                self.button.setEnabled(False)
                self.passphrase.setEnabled(False)
                QTimer.singleShot(wait_s * 1000, self, lambda: self._busy(False))
            self._fail(message)
        elif isinstance(error, StoreTooNew):
            self._fail(
                self.tr("This data was written by a newer Prossimo. Install the newer version; nothing was changed.")
            )
        elif isinstance(error, (StoreCorrupt, KeyFileCorrupt, KeyFileMissing)):
            self._fail(
                self.tr(
                    "The encrypted data on this computer is damaged or incomplete, so it cannot be "
                    "opened. Nothing was deleted. Call your IT contact and do not reinstall "
                    "before they have looked at it."
                )
                + "\n"
                + str(error)
            )
        else:
            self._fail(self.tr("Prossimo could not open your data: {error}").format(error=type(error).__name__))

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.setAccessibleDescription(message)
        self.passphrase.setFocus()

    @property
    def profile_dir(self) -> Path:
        return self.profile.directory
