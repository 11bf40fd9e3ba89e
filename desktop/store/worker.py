"""The one thread that owns the store's connection.

Owns: `StoreWorker`. SQLite connections are not to be shared between threads,
and a GUI must never block on disk, so exactly one thread opens, uses and
closes the connection. The UI and the sync engine hand it work with `submit()`
and get a `concurrent.futures.Future` back (the UI turns that into a Qt signal).
Work runs in submission order, one item at a time.

Errors of the disk (full, I/O) are handed over as `StorageFailure`, so every caller
tells them apart from damage the same way.

Must never run an HTTP call or any other wait on the network: the sync engine
does its I/O on its own thread and submits only the local apply step here.
"""

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from desktop.store.database import Connection, DatabaseError, is_storage_failure, storage_failure
from desktop.store.repositories import Identity
from desktop.store.session import StoreSession

log = logging.getLogger(__name__)
T = TypeVar("T")

_STOP = object()


def _classified(exc: BaseException) -> BaseException:
    """A full disk reaches the caller as `StorageFailure` (its own message, never "damaged");
    every other error as it was raised."""
    if isinstance(exc, DatabaseError) and is_storage_failure(exc):
        failure = storage_failure(exc)
        failure.__cause__ = exc
        return failure
    return exc


class StoreClosed(RuntimeError):
    """Work was submitted after the store was locked or closed."""


class StoreWorker:
    """Start a thread, open the connection on it, then serve submitted work.

    The constructor waits for the open to finish and re-raises its error (wrong
    key, corrupt file, newer schema) in the caller's thread.
    """

    def __init__(
        self,
        open_connection: Callable[[], Connection],
        identity: Identity,
        name: str = "prossimo-store",
    ) -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = threading.Event()
        # Held while checking `_closed` and enqueuing, so no work lands behind _STOP.
        self._submit_lock = threading.Lock()
        opened: Future[None] = Future()
        self._thread = threading.Thread(
            target=self._run, args=(open_connection, identity, opened), name=name, daemon=True
        )
        self._thread.start()
        opened.result()

    def _run(self, open_connection: Callable[[], Connection], identity: Identity, opened: Future[None]) -> None:
        try:
            conn = open_connection()
        except BaseException as exc:  # noqa: BLE001 - handed to the constructor
            self._closed.set()
            opened.set_exception(exc)
            return
        try:
            # The session reads the store too (a first sync's deferred search index is built
            # here): a damaged page fails now, and must reach the caller, not end the thread
            # with the constructor still waiting.
            session = StoreSession(conn, identity)
        except BaseException as exc:  # noqa: BLE001 - handed to the constructor
            conn.close()
            self._closed.set()
            opened.set_exception(_classified(exc))
            return
        opened.set_result(None)
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                work, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(work(session))
                except BaseException as exc:  # noqa: BLE001 - delivered to whoever waits
                    future.set_exception(_classified(exc))
        finally:
            conn.close()
            self._fail_pending()

    def _fail_pending(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                item[1].set_exception(StoreClosed("the store was locked"))

    def submit(self, work: Callable[[StoreSession], T]) -> "Future[T]":
        future: Future[T] = Future()
        with self._submit_lock:
            if self._closed.is_set():
                raise StoreClosed("the store is locked")
            self._queue.put((work, future))
        return future

    def call(self, work: Callable[[StoreSession], T], timeout: float | None = None) -> T:
        """Submit and wait: for the CLI and tests, never from the GUI thread."""
        return self.submit(work).result(timeout)

    def close(self) -> None:
        """Finish queued work, close the connection, stop the thread."""
        with self._submit_lock:
            if not self._closed.is_set():
                self._closed.set()
                self._queue.put(_STOP)
        self._thread.join()

    @property
    def is_open(self) -> bool:
        return not self._closed.is_set()

    def __enter__(self) -> "StoreWorker":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
