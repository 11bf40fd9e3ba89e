"""The update notice in the main window's status bar: "Update 0.3.0 available", what it fixes,
and a verified download on request.

Owns: when the day's check runs (after a successful sync, so it costs nothing offline: the
service was just reached; desktop.updates keeps it to once a day and obeys IT's policy), that
it runs off the UI thread (`run_in_background`), the button and the dialogs, in the operator's
language. `attach()` adds nothing to a build without the organisation's root.json, or when
IT's policy switches the check off.

Must never install or open what it downloads (it says where the verified file is), never
block the UI thread, and never show a failed check as an offer.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from desktop import updates
from desktop.sync.scheduler import SyncState
from desktop.ui.background import run_in_background
from desktop.ui.context import UiContext


class UpdateNotice(QObject):
    def __init__(
        self,
        window: QMainWindow,
        context: UiContext,
        *,
        root: bytes,
        policy: updates.Policy,
        download_dir: Path | None = None,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.root, self.policy = root, policy
        self.folder = updates.profile_folder(context.profile_dir)
        self.download_dir = download_dir or updates.default_download_dir()
        self.client_options = client_options or {}
        self.offer: updates.Available | None = None
        self.outcome: updates.Outcome | None = None  # the last check's, for tests and the log
        self.downloaded: Path | None = None
        self.dialog: QMessageBox | None = None
        self._seen: dt.datetime | None = None
        self._busy = False
        self.button = QPushButton()
        self.button.setObjectName("updateNotice")
        self.button.setAccessibleName(self.tr("Update available"))
        self.button.clicked.connect(self.open_offer)
        self.button.hide()
        window.statusBar().insertPermanentWidget(0, self.button)
        offer = updates.State.load(self.folder).offer()  # found earlier: shown again without asking
        if offer is not None:
            self.show_offer(offer)
        if context.sync is not None:
            context.sync.stateChanged.connect(self.sync_state)

    # --- the check ---

    def sync_state(self, state: SyncState) -> None:
        """After each successful sync, the day's check (desktop.updates decides if it is due)."""
        if state.phase != "idle" or state.last_success_at is None or state.last_success_at == self._seen:
            return
        self._seen = state.last_success_at
        self._with_service(self._check)

    def _with_service(self, then: Any) -> None:
        if self._busy:
            return
        self._busy = True
        self.context.store.run(lambda s: s.replica.enrolment(), then, self._store_failed, owner=self)

    def _store_failed(self, _error: BaseException) -> None:
        self._busy = False

    def _check(self, enrolment: Any) -> None:
        if enrolment is None:
            self._busy = False
            return
        folder, root, policy, options = self.folder, self.root, self.policy, self.client_options
        run_in_background(
            lambda: updates.check_if_due(
                folder, enrolment.server_url, ca_bundle=enrolment.ca_bundle, policy=policy, root=root, **options
            ),
            self._checked,
            self._check_failed,
            owner=self,
        )

    def _checked(self, outcome: updates.Outcome) -> None:
        self._busy = False
        self.outcome = outcome
        if outcome.available is not None:
            self.show_offer(outcome.available)
        elif outcome.failure is not None:
            # A refused check may be an attack on the channel: said, naming the check, never offered.
            self.window.statusBar().showMessage(
                self.tr("Update check refused: the {check} check failed").format(
                    check=self._check_name(outcome.failure.check)
                ),
                60_000,
            )

    def _check_failed(self, _error: BaseException) -> None:
        self._busy = False  # logged by desktop.updates; tomorrow's check tries again

    # --- the offer ---

    def show_offer(self, offer: updates.Available) -> None:
        self.offer = offer
        self.button.setText(self.tr("Update {version} available").format(version=offer.version))
        self.button.setToolTip(offer.notes)
        self.button.show()

    def open_offer(self) -> QMessageBox | None:
        if self.offer is None:
            return None
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("Prossimo update"))
        box.setText(self.tr("Prossimo {version} is available.").format(version=self.offer.version))
        box.setInformativeText(
            self.tr("What it fixes: {notes}").format(notes=self.offer.notes)
            + "\n\n"
            + self.tr(
                "Prossimo downloads it and checks it against your organisation's signatures. "
                "It never installs it by itself."
            )
        )
        download = box.addButton(self.tr("&Download and verify"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        download.clicked.connect(self.download)
        self.dialog = box
        box.open()
        return box

    def download(self) -> None:
        self._with_service(self._download)

    def _download(self, enrolment: Any) -> None:
        offer = self.offer
        if enrolment is None or offer is None:
            self._busy = False
            return
        folder, root, options, target = self.folder, self.root, self.client_options, self.download_dir
        channel = self.policy.channel

        def fetch() -> Path:
            client = updates.UpdateClient(
                enrolment.server_url, folder, root=root, ca_bundle=enrolment.ca_bundle, channel=channel, **options
            )
            try:
                return client.download(offer, target)
            finally:
                client.fetcher.close()

        run_in_background(fetch, self._downloaded, self._download_failed, owner=self)

    def _downloaded(self, path: Path) -> None:
        self._busy = False
        self.downloaded = path
        self._tell(
            self.tr(
                "The update was downloaded and verified: {path}\n\n"
                "Prossimo does not install it by itself: close Prossimo and open that file, or ask your IT staff."
            ).format(path=path)
        )

    def _download_failed(self, error: BaseException) -> None:
        self._busy = False
        check = error.check if isinstance(error, updates.UpdateCheckFailed) else "download"
        self._tell(
            self.tr("The update was refused: the {check} check failed. Nothing was installed.").format(
                check=self._check_name(check)
            ),
            warning=True,
        )

    def _check_name(self, check: str) -> str:
        names = {
            "signature": self.tr("signature"),
            "hash": self.tr("hash"),
            "expiry": self.tr("expiry"),
            "version": self.tr("version"),
            "redirect": self.tr("redirect"),
            "metadata": self.tr("metadata"),
        }
        return names.get(check, self.tr("download"))

    def _tell(self, text: str, warning: bool = False) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Prossimo update"))
        box.setText(text)
        self.dialog = box
        box.open()


def attach(window: QMainWindow, context: UiContext) -> UpdateNotice | None:
    """The notice for `window`, or None: no channel in this build, an offline-only profile, or
    IT's policy switched the check off."""
    root = updates.shipped_root()
    policy = updates.load_policy()
    if root is None or not policy.check or context.sync is None:
        return None
    return UpdateNotice(window, context, root=root, policy=policy)
