"""Slow work that is not store work (Argon2id key derivation, a login) off the UI thread.

Owns: `run_in_background(fn, done, failed, owner)`: `fn()` runs on a short-lived
thread; `done(result)` or `failed(error)` runs afterwards on the UI thread.
Unlocking derives a key with Argon2id (about a second on purpose), and enrolment
waits on the network: neither may freeze the window.

Must never be used for store work (that goes to the store thread through
`StoreClient`, which keeps the one-connection-one-thread rule).
"""

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


# Relays waiting for their thread: kept alive here until the answer is delivered,
# or Python could collect one while its queued signal is still in flight.
_waiting: set[_Relay] = set()

T = TypeVar("T")


def run_in_background(
    fn: Callable[[], T],
    done: Callable[[T], object],  # what it returns is not used
    failed: Callable[[BaseException], None],
    owner: QObject,
) -> threading.Thread:
    """Start `fn` on a daemon thread; the answer is dropped if `owner` was deleted meanwhile."""
    relay = _Relay()  # lives on the UI thread, so its signal is delivered there
    _waiting.add(relay)

    def deliver(result: Any, error: BaseException | None) -> None:
        _waiting.discard(relay)
        relay.deleteLater()
        if not shiboken6.isValid(owner):
            return
        if error is None:
            done(result)
        else:
            failed(error)

    relay.finished.connect(deliver)

    def target() -> None:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to `failed` on the UI thread
            relay.finished.emit(None, exc)
        else:
            relay.finished.emit(result, None)

    thread = threading.Thread(target=target, name="prossimo-background", daemon=True)
    thread.start()
    return thread
