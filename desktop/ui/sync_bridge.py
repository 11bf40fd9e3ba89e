"""The sync scheduler as the UI sees it: Qt signals on the UI thread, and OS reachability.

Owns: `SyncBridge`, which relays `SyncScheduler` states (made on the sync thread)
to the UI thread as the `stateChanged` signal, tells the scheduler about
connectivity from QNetworkInformation where the platform has a backend (otherwise
the scheduler probes the service itself), and `describe()`, the one-line status
an operator reads ("Up to date at 14:05 · 2 conflicts"). It also follows the store
client's `committed` (connected once, by the shell: `follow()`): a unit of work that
added outbox rows asks for a sync soon; one that only changed refused changes has the
counts read again; anything else (a directory import) starts no sync.

Must never run SQL or HTTP (the scheduler's thread does), never block the UI
thread (every call into the scheduler only schedules; `detach()` waits at most for
one signal emit), and never be deleted before `detach()`: the sync thread may still
be finishing a round when the session locks.
"""

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

from desktop.store.changes import Changes
from desktop.sync.scheduler import SyncScheduler, SyncState
from desktop.ui import formats
from desktop.ui.i18n import TextContext
from desktop.ui.store_client import StoreClient


class SyncStatus(TextContext):
    """The "SyncStatus" translation context: Qt's Python lupdate sees plural (%n) texts only
    in `X.tr(text, "", n)` calls, never in QCoreApplication.translate."""


def describe(state: SyncState, now: dt.datetime | None = None) -> str:
    """What the status bar says, in the operator's language."""
    if state.phase == "syncing":
        if state.total:
            main = QCoreApplication.translate("SyncStatus", "Syncing {done} of {total}").format(
                done=state.done, total=state.total
            )
        else:
            main = QCoreApplication.translate("SyncStatus", "Syncing…")
    elif state.phase == "offline":
        main = QCoreApplication.translate("SyncStatus", "Offline: your work is kept on this computer")
    elif state.phase == "error":
        main = QCoreApplication.translate("SyncStatus", "Sync error: {reason}").format(reason=state.message or "")
    elif state.phase == "update_needed":
        main = QCoreApplication.translate("SyncStatus", "Prossimo needs an update to sync: {reason}").format(
            reason=state.message or ""
        )
    elif state.phase == "not_enrolled":
        main = QCoreApplication.translate("SyncStatus", "Not connected to a service yet")
    elif state.phase == "wiped":
        main = QCoreApplication.translate("SyncStatus", "This computer was wiped: {reason}").format(
            reason=state.message or ""
        )
    elif state.last_success_at is not None:
        local = state.last_success_at.astimezone()
        today = (now or dt.datetime.now(dt.UTC)).astimezone().date() == local.date()
        when = formats.time(local) if today else formats.day_and_month_time(local)
        main = QCoreApplication.translate("SyncStatus", "Up to date at {time}").format(time=when)
    else:
        main = QCoreApplication.translate("SyncStatus", "Not synced yet")
    extras = []
    if state.open_conflicts:
        extras.append(SyncStatus.tr("%n conflict(s) to resolve", "", state.open_conflicts))
    if state.pending and state.phase != "syncing":
        extras.append(SyncStatus.tr("%n change(s) waiting", "", state.pending))
    if state.rejected:
        extras.append(SyncStatus.tr("%n change(s) refused", "", state.rejected))
    if state.clock_skew_s is not None:
        extras.append(
            QCoreApplication.translate("SyncStatus", "this computer's clock is off by {s:+.0f} s").format(
                s=state.clock_skew_s
            )
        )
    return " · ".join([main, *extras])


class SyncBridge(QObject):
    """Owns nothing but the relay: create it on the UI thread, then call `start()`."""

    stateChanged = Signal(object)  # SyncState, always delivered on the UI thread

    def __init__(self, scheduler: SyncScheduler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        # Emitted from the sync thread; Qt queues it to this object's (the UI) thread.
        scheduler.listener = self.stateChanged.emit
        self._network = self._reachability()

    def _reachability(self) -> QNetworkInformation | None:
        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            return None  # no backend here: the scheduler probes the service instead
        info = QNetworkInformation.instance()
        self.scheduler.os_reports_reachability = True
        info.reachabilityChanged.connect(self._reachability_changed)
        return info

    def _reachability_changed(self, reachability: QNetworkInformation.Reachability) -> None:
        # "Site" and "Local" may still reach a service on the office network; only a
        # definite "Disconnected" means offline.
        self.scheduler.set_online(reachability != QNetworkInformation.Reachability.Disconnected)

    def start(self) -> None:
        if self._network is not None:
            self._reachability_changed(self._network.reachability())
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()

    def detach(self) -> None:
        """Before this bridge is deleted (on the UI thread): the scheduler stops relaying into
        it, waiting for a relay in progress, so the sync thread, which may still be finishing a
        round, never emits into a deleted object. The scheduler itself is stopped elsewhere,
        off the UI thread."""
        self.scheduler.detach_listener()
        if self._network is not None:
            self._network.reachabilityChanged.disconnect(self._reachability_changed)
            self._network = None

    def sync_now(self) -> None:
        self.scheduler.sync_now()

    def local_change(self) -> None:
        self.scheduler.local_change()

    def follow(self, store: StoreClient) -> None:
        """Once per session: what the store's units of work wrote drives the sync, whether or
        not the screen that asked still exists (Qt disconnects when this bridge is deleted)."""
        store.committed.connect(self.store_wrote)

    def store_wrote(self, changes: Changes) -> None:
        if changes.outgoing:
            self.local_change()  # changes wait in the outbox: push them soon
        elif changes.refusals:
            self.scheduler.counts_changed()  # only the status's counts are out of date
