"""When to sync, on which thread, and what to tell the operator about it.

Owns: `SyncScheduler`, one background thread that runs `SyncEngine.sync()`
- on demand (`sync_now()`),
- shortly after local changes (`local_change()`, debounced, so typing a note
  does not start ten syncs),
- periodically while online,
- at once when connectivity returns (`set_online(True)` from the UI's
  QNetworkInformation; where that is unavailable, a cheap TCP probe of the
  service runs while offline),
and `SyncState`, what the operator sees: offline; syncing n of m; up to date at
HH:MM; an error with its reason; k conflicts; p pending.

Failures back off exponentially (with jitter) up to a ceiling, so a laptop that
is offline for a day neither hammers the network nor waits an hour once the
connection is back (the probe or the OS notices it first).

Must never run on the UI thread, never touch Qt (the UI adapts listeners into
signals in `desktop.ui.sync_bridge`), never call a listener after
`detach_listener()` returned, never swallow an unexpected error silently (a
locked store is expected; anything else is logged once, by type), and never
swallow a wipe order: it is handed to `on_wipe` at once and the scheduler stops.
"""

import datetime as dt
import logging
import random
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, TypedDict

from desktop.store.replica import NotEnrolled
from desktop.store.worker import StoreClosed
from desktop.sync.engine import Progress, SyncEngine
from desktop.sync.transport import NotAuthorised, Offline, TransportError, UpdateNeeded, WipeOrdered

log = logging.getLogger(__name__)

Phase = Literal["idle", "syncing", "offline", "error", "update_needed", "not_enrolled", "wiped", "stopped"]


def _nobody(state: "SyncState") -> None:
    """The listener of a scheduler whose UI has gone."""


@dataclass(frozen=True)
class SyncState:
    phase: Phase
    pending: int = 0  # local changes not yet confirmed by the service
    open_conflicts: int = 0
    rejected: int = 0  # refused changes kept for the operator to look at
    done: int = 0  # while syncing: records pushed + pulled so far
    total: int | None = None  # while syncing: what is known to be left, when it is known
    last_success_at: dt.datetime | None = None
    message: str | None = None  # the reason, for error / offline / update_needed / wiped
    clock_skew_s: float | None = None


class _Counts(TypedDict):
    """The store's counts a SyncState carries (its field names: they go in by keyword)."""

    pending: int
    open_conflicts: int
    rejected: int


@dataclass(frozen=True)
class Timing:
    debounce_s: float = 3.0
    periodic_s: float = 300.0
    first_retry_s: float = 15.0
    max_retry_s: float = 900.0
    probe_s: float = 20.0  # while offline without OS reachability reports


class SyncScheduler:
    def __init__(
        self,
        engine: SyncEngine,
        server_address: Callable[[], str | None],
        *,
        listener: Callable[[SyncState], None] = lambda state: None,
        on_wipe: Callable[[WipeOrdered], None] = lambda order: None,
        timing: Timing | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        os_reports_reachability: bool = False,
    ) -> None:
        self.engine = engine
        self.server_address = server_address
        # Held while a state is handed to the listener and while the listener is replaced, so
        # once `detach_listener()` returns no call into the old one can still happen (the UI
        # deletes its bridge right after). Re-entrant: a listener on the calling thread may detach.
        self._listener_lock = threading.RLock()
        self._listener = listener
        self.on_wipe = on_wipe
        self.timing = timing or Timing()
        self.clock, self.wall_clock = clock, wall_clock
        self.os_reports_reachability = os_reports_reachability
        self._wake = threading.Condition()
        self._due: float | None = None  # when the next sync should start
        self._stopping = False
        self._counts_stale = True
        self._counts_failures: set[str] = set()  # error types already logged by _counts
        self._failures = 0
        self._online = True
        self._state = SyncState(phase="idle")
        self._thread = threading.Thread(target=self._run, name="prossimo-sync", daemon=True)

    # --- what the rest of the app calls (any thread) ---------------------------------------

    def start(self) -> None:
        self._thread.start()
        self.sync_now()

    def stop(self, timeout_s: float = 30.0) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def sync_now(self) -> None:
        self._schedule(0.0)

    def local_change(self) -> None:
        """A local write happened: sync soon, but let a burst of writes settle first.

        Cheap and non-blocking (the UI calls it after every save): the pending count is
        refreshed on the scheduler's thread, never on the caller's."""
        with self._wake:
            self._counts_stale = True
        self._schedule(self.timing.debounce_s, replace_later=True)

    def counts_changed(self) -> None:
        """A local write changed what the counts show but left nothing to push (a refused
        change discarded): they are read again on the scheduler's thread; no sync starts."""
        with self._wake:
            self._counts_stale = True
            self._wake.notify_all()

    def set_online(self, online: bool) -> None:
        """Connectivity as the operating system reports it."""
        was, self._online = self._online, online
        if online and not was:
            self._failures = 0
            self.sync_now()
        elif not online:
            self._publish(replace(self._state, phase="offline", message="no network connection"))

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def listener(self) -> Callable[[SyncState], None]:
        return self._listener

    @listener.setter
    def listener(self, listener: Callable[[SyncState], None]) -> None:
        with self._listener_lock:  # waits for a call into the old listener to finish
            self._listener = listener

    def detach_listener(self) -> None:
        """From now on states go nowhere. Returns only when no call into the listener is
        running, so whatever it relayed to may be deleted at once."""
        self.listener = _nobody

    # --- the thread ----------------------------------------------------------------------

    def _schedule(self, delay_s: float, replace_later: bool = False) -> None:
        with self._wake:
            due = self.clock() + delay_s
            # Debounce moves a pending sync later; anything else only brings it earlier.
            if self._due is None or due < self._due or replace_later:
                self._due = due
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopping:
                    if self._counts_stale:
                        self._counts_stale = False
                        self._wake.release()  # never hold the lock across store work
                        try:
                            self._publish(replace(self._state, **self._counts()))
                        finally:
                            self._wake.acquire()
                        continue
                    now = self.clock()
                    if self._due is not None and now >= self._due:
                        break
                    wait = None if self._due is None else self._due - now
                    self._wake.wait(timeout=wait)
                if self._stopping:
                    self._publish(replace(self._state, phase="stopped"))
                    return
                self._due = None
            if not self._online and self.os_reports_reachability:
                continue  # the OS will call set_online(True); nothing to try before that
            if self._state.phase == "offline" and not self._service_answers():
                self._after_failure(
                    self._state.message or "the service cannot be reached", "offline", self.timing.probe_s
                )
                continue
            if not self._sync_once():
                return

    def _service_answers(self) -> bool:
        """A TCP connect to the service: cheap enough to try every few seconds while offline."""
        address = self.server_address()
        if not address:
            return False
        parts = urllib.parse.urlsplit(address)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname, port), timeout=3):
                return True
        except OSError:
            return False

    def _sync_once(self) -> bool:
        """One sync; False when the scheduler must stop (wipe, not enrolled)."""
        self._publish(replace(self._state, phase="syncing", done=0, total=None, message=None))
        try:
            report = self.engine.sync(progress=self._progress)
        except WipeOrdered as order:
            # Wipe first, then say so: the operator must never read "wiped" while it is not.
            try:
                self.on_wipe(order)
            finally:
                self._publish(SyncState(phase="wiped", message=str(order)))
            return False
        except NotEnrolled as exc:
            self._publish(replace(self._state, phase="not_enrolled", message=str(exc)))
            return False
        except UpdateNeeded as exc:
            self._after_failure(str(exc), "update_needed", self.timing.max_retry_s)
            return True
        except Offline as exc:
            self._after_failure(str(exc), "offline", None)
            return True
        except (NotAuthorised, TransportError) as exc:
            self._after_failure(str(exc), "error", None)
            return True
        except Exception as exc:  # a bug must show as an error state, not kill the thread
            log.exception("sync failed unexpectedly")
            self._after_failure(f"unexpected error ({type(exc).__name__})", "error", None)
            return True
        self._failures = 0
        counts = self._counts()
        self._publish(
            replace(
                self._state,
                phase="idle",
                done=report.pushed + report.pulled,
                total=None,
                message=None,
                last_success_at=self.wall_clock(),
                clock_skew_s=report.clock_skew_s,
                **counts,
            )
        )
        self._schedule(self.timing.periodic_s if counts["pending"] == 0 else self.timing.debounce_s)
        return True

    def _after_failure(self, message: str, phase: Phase, retry_in_s: float | None) -> None:
        self._failures += 1
        if retry_in_s is None:
            step = min(self.timing.max_retry_s, self.timing.first_retry_s * 2 ** (self._failures - 1))
            retry_in_s = step * (0.5 + 0.5 * random.random())  # noqa: S311 - jitter, not a secret
            if phase == "offline" and not self.os_reports_reachability:
                retry_in_s = min(retry_in_s, self.timing.probe_s)  # probe often; the probe is cheap
        self._publish(replace(self._state, phase=phase, message=message, **self._counts()))
        self._schedule(retry_in_s)

    def _progress(self, progress: Progress) -> None:
        total = progress.pushed + progress.pulled + progress.pending if not progress.more else None
        self._publish(
            replace(
                self._state,
                phase="syncing",
                done=progress.pushed + progress.pulled,
                total=total,
                pending=progress.pending,
            )
        )

    def _counts(self) -> _Counts:
        """The pending, conflict and refusal counts, or the last ones when they cannot be read."""
        try:
            status = self.engine.worker.call(lambda s: s.replica.status())
        except StoreClosed:  # locked meanwhile: expected, and the last counts are still true
            return self._last_counts()
        except Exception as exc:  # noqa: BLE001 - the counts are for display: a fault must not stop syncing
            self._log_counts_failure(exc)
            return self._last_counts()
        return {"pending": status.pending, "open_conflicts": status.open_conflicts, "rejected": status.rejected}

    def _last_counts(self) -> _Counts:
        return {
            "pending": self._state.pending,
            "open_conflicts": self._state.open_conflicts,
            "rejected": self._state.rejected,
        }

    def _log_counts_failure(self, exc: Exception) -> None:
        # Once per type (the counts are read after every sync and every retry), and the type
        # only: a database message may quote what it was reading.
        kind = type(exc).__name__
        if kind not in self._counts_failures:
            self._counts_failures.add(kind)
            log.error("could not read the pending and conflict counts (%s); showing the last ones", kind)

    def _publish(self, state: SyncState) -> None:
        self._state = state
        with self._listener_lock:
            try:
                self._listener(state)
            except Exception:  # a broken listener must not stop syncing
                log.exception("sync state listener failed")
