"""The installed Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void method call
and one to True on every `Signal.emit(True)`; the StoreClient emits on every store
call, so a working day ended in "Fatal Python error: bool_dealloc". Counted, not timed.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)


def test_void_calls_and_emits_leave_reference_counts_alone(qapp) -> None:
    emitter = _Emitter()
    received = []
    emitter.flag.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):  # few enough that a leaking binding cannot reach zero here
        emitter.setObjectName("x")
        emitter.flag.emit(True)
    received.clear()
    assert sys.getrefcount(None) - none_before >= -5
    assert sys.getrefcount(True) - true_before >= -5
