"""The running app: which window is up (first run, unlock, main), and locking.

Owns: `Shell`, the composition root of an unlocked session: settings -> keys ->
store -> sync -> UI. It shows the first-run wizard when there is no profile,
the unlock screen when there is one, and on unlock builds the store client, the
sync engine, scheduler and bridge (for an enrolled profile), the `UiContext`,
the main window, reminders and the auto-lock. Locking (by hand, idle, session
lock, sleep) throws all of that away and closes the store, which forgets the key.
A language change rebuilds the main window on the same screen. A wipe ordered by
the organisation, or a sign-out, deletes the profile and returns to first run.
The main window and the lock screen take each other's place at the same geometry
(the lock screen covers the window); the first opens maximised, and where the
operator left it is kept in the profile's settings, so it survives lock and restart.
A window is always shown before the one it replaces closes: with no window up, Qt
quits the app.

Must never keep the passphrase or the key, never leave a window with client data
on screen once locked, and never block the UI thread on the network: stopping
the sync thread happens in the background.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.settings import Settings
from desktop.store.keys import KeyringVault
from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from desktop.store.repositories import SPECS
from desktop.store.worker import StoreWorker
from desktop.sync.engine import SyncEngine, carry_out_wipe
from desktop.sync.scheduler import SyncScheduler, SyncState, Timing
from desktop.ui import i18n
from desktop.ui.background import run_in_background
from desktop.ui.context import Navigator, Team, UiContext
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.idle import AutoLock
from desktop.ui.main_window import MainWindow
from desktop.ui.reminders import ReminderService
from desktop.ui.store_client import StoreClient
from desktop.ui.sync_bridge import SyncBridge
from desktop.ui.unlock import UnlockWindow

log = logging.getLogger(__name__)


@dataclass
class Session:
    """Everything that exists only while the store is unlocked."""

    worker: StoreWorker
    context: UiContext
    window: MainWindow
    auto_lock: AutoLock
    reminders: ReminderService
    engine: SyncEngine | None = None
    bridge: SyncBridge | None = None
    extras: list[QObject] = field(default_factory=list)
    # Kept apart from the bridge (a QObject deleted on lock) for the background teardown.
    scheduler: SyncScheduler | None = field(init=False, default=None)

    def stop_sync_and_store(self) -> None:
        """Stop the sync thread, then close the store (and with it the key). Blocking:
        call it off the UI thread, except when the app is quitting anyway. Uses the
        scheduler, never the bridge: the bridge may already be deleted."""
        if self.scheduler is not None:
            self.scheduler.stop()
        if self.engine is not None:
            self.engine.close()
        self.worker.close()

    def __post_init__(self) -> None:
        self.scheduler = self.bridge.scheduler if self.bridge is not None else None

    def drop_bridge(self) -> None:
        """On the UI thread: detach the bridge from the scheduler (no emit into it after
        this returns), then let Qt delete it."""
        if self.bridge is not None:
            self.bridge.detach()
            self.bridge.deleteLater()
            self.bridge = None


def _service_address(worker: StoreWorker) -> str | None:
    """Read on the scheduler's thread each time it probes, so a new address in Settings
    is used at once."""
    enrolment = worker.call(lambda s: s.replica.enrolment())
    return enrolment.server_url if enrolment else None


class Shell(QObject):
    wiped = Signal(str)  # from the sync thread: the organisation ordered this device wiped

    def __init__(
        self,
        profile_dir: Path,
        *,
        vault: KeyringVault | None = None,
        unlock_hint: str = "",
        sync_timing: Timing | None = None,
        listen_to_desktop: bool = True,
    ) -> None:
        super().__init__()
        self.profile = Profile(profile_dir, vault)
        self.settings = Settings.load(profile_dir)
        self.unlock_hint = unlock_hint  # the demo shows its throwaway passphrase here
        self.sync_timing = sync_timing
        self.listen_to_desktop = listen_to_desktop
        self.window: QWidget | None = None  # the one top-level window on screen
        self.session: Session | None = None
        self._last_phase = ""
        self._last_page = "today"  # the screen a lock left, in memory only: unlock returns to it
        self.wiped.connect(self._carry_out_wipe)
        i18n.install(self.settings.language)

    # --- which window ------------------------------------------------------------------

    def start(self) -> None:
        if self.profile.exists():
            self.show_unlock()
        else:
            self.show_first_run()

    def _replace_window(self, window: QWidget) -> None:
        old, self.window = self.window, window
        if isinstance(window, MainWindow | UnlockWindow):
            self._place(window, old)
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()

    # --- where the window is ------------------------------------------------------------

    def _place(self, window: QWidget, old: QWidget | None) -> None:
        """Where the window (or the lock screen taking its place) was; else maximised."""
        if isinstance(old, MainWindow | UnlockWindow):
            self.remember_geometry(old)
        saved = self.settings.window_geometry
        if not (saved and window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))):
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def remember_geometry(self, window: QWidget | None = None) -> None:
        """Keep where the main window or the lock screen is, in the profile's settings."""
        window = window if window is not None else self.window
        # Closed by its close button is fine (the app is quitting); never shown is not.
        if not isinstance(window, MainWindow | UnlockWindow) or window.windowHandle() is None:
            return
        geometry = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
        if geometry != self.settings.window_geometry:
            self.settings = self.settings.model_copy(update={"window_geometry": geometry})
            if self.session is not None:
                self.session.context.settings = self.settings
            self.settings.save(self.profile.directory)

    def show_first_run(self, notice: str = "") -> None:
        wizard = FirstRunWizard(self.profile.directory, self.settings, notice=notice)
        wizard.completed.connect(self.open_session)
        wizard.languageChosen.connect(self._wizard_language)
        self._replace_window(wizard)

    def _wizard_language(self, language: str) -> None:
        self.settings = self.settings.model_copy(update={"language": language})
        self.settings.save(self.profile.directory)
        i18n.install(language)
        self.show_first_run()

    def show_unlock(self, reason: str = "") -> None:
        window = UnlockWindow(self.profile, reason=reason, hint=self.unlock_hint)
        window.unlocked.connect(self.open_session)
        self._replace_window(window)

    # --- an unlocked session -------------------------------------------------------------

    def open_session(self, worker: StoreWorker) -> None:
        # Parented to the shell: a client nothing holds is collected while its answer is on
        # the way, and the store thread then emits into a deleted object.
        client = StoreClient(worker, self)
        client.run(
            lambda s: s.replica.enrolment(),
            lambda enrolment: self._build(worker, client, enrolment),
            lambda error: self._open_failed(worker, client, error),
        )

    def _open_failed(self, worker: StoreWorker, client: StoreClient, error: BaseException) -> None:
        log.error("the store opened but could not be read: %s", type(error).__name__)
        client.deleteLater()
        worker.close()
        self.show_unlock(
            self.tr("Your data could not be read ({error}). Nothing was changed.").format(error=type(error).__name__)
        )

    def _build(self, worker: StoreWorker, client: StoreClient, enrolment: Enrolment | None) -> None:
        self.remember_geometry()  # the lock screen may have been moved
        self.settings = Settings.load(self.profile.directory)  # the wizard may have saved a language
        identity = self.profile.identity()
        engine = bridge = None
        if enrolment is not None:
            engine = SyncEngine(worker)
            scheduler = SyncScheduler(
                engine,
                lambda: _service_address(worker),
                on_wipe=lambda order: self.wiped.emit(order.reason),
                timing=self.sync_timing,  # None: the scheduler's own
            )
            bridge = SyncBridge(scheduler)
        teams = [Team(uuid.UUID(team["id"]), team["name"]) for team in (enrolment.teams if enrolment else [])]
        context = UiContext(
            store=client,
            navigator=Navigator(),
            settings=self.settings,
            profile_dir=self.profile.directory,
            device_id=identity.device_id,
            operator_id=identity.operator_id,
            teams=teams,
            sync=bridge,
            apply_settings=self.apply_settings,
            lock_now=self.lock,
            sign_out=self.sign_out,
        )
        window = MainWindow(context)
        window.show_page(self._last_page)
        auto_lock = AutoLock(self.settings.auto_lock_minutes * 60_000, listen_to_desktop=self.listen_to_desktop)
        auto_lock.lockRequested.connect(self.lock)
        reminders = self._reminders(context, window)
        self.session = Session(
            worker, context, window, auto_lock, reminders, engine, bridge, extras=[client, context.navigator]
        )
        self._replace_window(window)
        if bridge is not None:
            bridge.follow(client)  # what units of work wrote starts pushes (desktop.ui.store_client)
            bridge.stateChanged.connect(self._announce_synced_records)
            bridge.start()

    def _announce_synced_records(self, state: SyncState) -> None:
        """A sync writes records on the store thread without passing through the
        StoreClient: once it ends, every screen is told that any entity may have changed."""
        previous, self._last_phase = self._last_phase, state.phase
        if previous == "syncing" and state.phase != "syncing" and self.session is not None:
            self.session.context.store.changed.emit(frozenset(SPECS))

    @staticmethod
    def _reminders(
        context: UiContext, window: MainWindow, notified: set[tuple[uuid.UUID, dt.datetime]] | None = None
    ) -> ReminderService:
        reminders = ReminderService(context, window, notified=notified)
        # Where the desktop has no tray, the status bar is where a reminder shows.
        reminders.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 15_000))
        reminders.start()
        return reminders

    def lock(self, reason: str = "manual") -> None:
        """Close the store (the key goes with the connection) and show the unlock screen."""
        if self.session is None:
            return
        self._end_session()
        messages = {
            "idle": self.tr("Locked after %n minute(s) without activity.", "", self.settings.auto_lock_minutes),
            "session": self.tr("Locked because the computer's session was locked."),
            "sleep": self.tr("Locked because the computer went to sleep."),
            "connected": self.tr(
                "This computer is now connected to your organisation's service. Unlock to start syncing."
            ),
        }
        self.show_unlock(messages.get(reason, ""))

    def _end_session(self, then: Callable[[], object] | None = None) -> None:
        session = self.session
        if session is None:  # already ended
            return
        self._last_page = session.window.current_key
        self.remember_geometry()  # while the session is still there to keep the settings
        self.session = None
        session.auto_lock.stop()
        session.auto_lock.deleteLater()
        session.reminders.stop()
        for extra in session.extras:
            extra.deleteLater()

        # The bridge first, on this thread: the sync thread may still be in a round and must
        # not emit into it once deleted. Then the scheduler and the store, off the UI thread:
        # the scheduler may be waiting on the network.
        session.drop_bridge()
        run_in_background(
            session.stop_sync_and_store, lambda _result: then() if then else None, self._teardown_failed, owner=self
        )

    def _teardown_failed(self, error: BaseException) -> None:
        log.error("closing the session failed: %s", type(error).__name__)

    # --- what screens ask of the shell ---------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        previous, self.settings = self.settings, settings
        settings.save(self.profile.directory)
        if self.session is None:
            return
        self.session.context.settings = settings
        self.session.auto_lock.set_idle_ms(settings.auto_lock_minutes * 60_000)
        if settings.language != previous.language:
            i18n.install(settings.language)
            self._rebuild_window()

    def _rebuild_window(self) -> None:
        """Widgets take their words when built: a new language means a new main window."""
        session = self.session
        if session is None:  # locked meanwhile: the next unlock builds a window in the new language
            return
        page = session.window.current_key
        geometry = session.window.saveGeometry()
        session.context.navigator.pageRequested.disconnect()
        session.reminders.stop()
        window = MainWindow(session.context)
        window.restoreGeometry(geometry)
        window.show_page(page)
        session.window = window
        # The new service remembers what was already shown, so nothing is reminded twice.
        session.reminders = self._reminders(session.context, window, session.reminders.notified)
        self._replace_window(window)

    def sign_out(self) -> None:
        """The operator chose to remove this profile from this computer (confirmed on screen)."""
        if self.session is None:
            return
        self._last_page = "today"
        profile = self.profile

        def start_again() -> None:
            profile.destroy()
            self.show_first_run()

        self._end_session(then=start_again)
        self._replace_window(QWidget())  # nothing of the old session stays on screen meanwhile

    def _carry_out_wipe(self, reason: str) -> None:
        if self.session is None:
            return
        session, self.session = self.session, None
        session.auto_lock.stop()
        session.reminders.stop()
        session.drop_bridge()
        profile = self.profile

        def wipe() -> list[str]:
            session.stop_sync_and_store()
            return carry_out_wipe(profile, session.worker)

        def done(_removed: list[str]) -> None:
            self.show_first_run(
                self.tr(
                    "Your organisation removed this computer's access ({reason}). "
                    "Every record it held has been deleted from it."
                ).format(reason=reason)
            )

        self._replace_window(QWidget())
        run_in_background(wipe, done, self._teardown_failed, owner=self)

    def shutdown(self) -> None:
        """The app is quitting: stop syncing and close the store, waiting for both."""
        self.remember_geometry()
        if self.session is None:
            return
        session, self.session = self.session, None
        session.auto_lock.stop()
        session.reminders.stop()
        session.stop_sync_and_store()
