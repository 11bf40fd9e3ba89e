"""The UI's way to the store: work goes to the store thread, answers come back as Qt calls.

Owns: `StoreClient`. A widget hands it a function of the `StoreSession` and what to
do with the result (or the error); the function runs on the store thread
(`StoreWorker.submit`), and the callback runs later on the UI thread, through a
queued signal. No caller names what its work changes: each unit runs through
`StoreSession.run_unit`, which reads the `Changes` back from the rows it wrote.
After a unit that wrote anything the client itself (it outlives every screen)
emits `committed` with those `Changes` (the shell feeds it to the sync trigger,
see `SyncBridge.follow`), and `changed` with the entities, so every screen
refreshes what changed instead of everything (a sync that applied records emits
`changed` too, see `desktop.ui.shell`). Both go out whether or not the widget
that asked still exists.

Must never block the UI thread on the store (no `Future.result()` here), never
run SQL itself, never take a caller's word for what changed, and never call back
into a widget that has been deleted.
"""

import functools
import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.store.changes import Changes
from desktop.store.session import StoreSession
from desktop.store.worker import StoreClosed, StoreWorker

log = logging.getLogger(__name__)
T = TypeVar("T")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class StoreClient(QObject):
    changed = Signal(object)  # frozenset[str]: entity names written, after the commit
    committed = Signal(object)  # Changes: after every unit of work that wrote something
    failed = Signal(object)  # an error nobody asked to handle (BaseException)
    busyChanged = Signal(bool)

    _finished = Signal(int, object, object)  # ticket, result, error (store thread -> UI thread)

    def __init__(self, worker: StoreWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._tickets = itertools.count(1)
        self._waiting: dict[int, tuple[Done | None, Failed | None, QObject | None]] = {}
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Work submitted whose callback has not run yet (tests wait for 0)."""
        return len(self._waiting)

    def run(
        self,
        work: Callable[[StoreSession], T],
        done: Callable[[T], None] | None = None,
        failed: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run `work` on the store thread, then `done(result)` or `failed(error)` here.

        `owner` is the widget the callbacks belong to: if it is deleted before the
        answer arrives, the answer is dropped, but what the work changed is still
        announced (`committed`, `changed`).
        """
        ticket = next(self._tickets)
        self._waiting[ticket] = (done, failed, owner)
        if len(self._waiting) == 1:
            self.busyChanged.emit(True)

        def unit(session: StoreSession) -> tuple[T, Changes]:
            return session.run_unit(work)  # the result, and what it changed, read from what it wrote

        try:
            future = self.worker.submit(unit)
        except StoreClosed as exc:
            self._finished.emit(ticket, None, exc)
            return
        future.add_done_callback(functools.partial(self._relay, ticket))

    def _relay(self, ticket: int, future: "Future[Any]") -> None:
        # Runs on the store thread: only emit (Qt queues the call to the UI thread).
        # The client may have been deleted meanwhile (the session locked while work was
        # queued): then nobody waits for the answer, and the store is closing anyway.
        error = future.exception()
        if not shiboken6.isValid(self):
            return
        try:
            self._finished.emit(ticket, None if error else future.result(), error)
        except RuntimeError:
            if shiboken6.isValid(self):
                raise
            # Deleted between the check and the emit: the same case as above.

    def _deliver(self, ticket: int, outcome: tuple[Any, Changes] | None, error: BaseException | None) -> None:
        done, failed, owner = self._waiting.pop(ticket)
        if not self._waiting:
            self.busyChanged.emit(False)
        result = None
        if outcome is not None:
            result, changes = outcome
            self._announce(changes)  # committed, even if the widget that asked is gone
        if owner is not None and not shiboken6.isValid(owner):
            return
        if error is None:
            if done is not None:
                done(result)
        elif failed is not None:
            failed(error)
        elif isinstance(error, StoreClosed):
            log.info("store work dropped: the store was locked")
        else:
            self.failed.emit(error)

    def _announce(self, changes: Changes) -> None:
        if changes:
            self.committed.emit(changes)
        if changes.entities:
            self.changed.emit(changes.entities)
