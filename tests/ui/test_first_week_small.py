"""Issue 14 item 8, the small things a person notices in their first week (UI part).

Real profiles, the real central service on loopback, the real shell and screens.
"""

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt

from desktop.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import Shell
from desktop.ui.unlock import UnlockWindow
from tests.sync_world import World

PASSPHRASE_TEXT = "correct horse battery staple"


def _wait_for_window(qtbot, shell: Shell, kind: type, timeout: int = 20_000):  # noqa: ANN001, ANN202
    qtbot.waitUntil(lambda: isinstance(shell.window, kind), timeout=timeout)
    return shell.window


def _unlock(qtbot, shell: Shell) -> MainWindow:  # noqa: ANN001
    window = _wait_for_window(qtbot, shell, UnlockWindow)
    qtbot.keyClicks(window.passphrase, PASSPHRASE_TEXT)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    return _wait_for_window(qtbot, shell, MainWindow)


@pytest.fixture()
def uncaught(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Everything that went to sys.excepthook, threading.excepthook or the log at WARNING or above."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(f"{kind.__name__}: {value}"))
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(f"{args.exc_type.__name__}: "
                                                                           f"{args.exc_value}"))
    caplog.set_level(logging.WARNING)
    return seen


def _problems(caplog: pytest.LogCaptureFixture, uncaught: list[str]) -> list[str]:
    return uncaught + [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


def test_locking_after_the_sync_page_raises_nothing(qtbot, world: World, uncaught: list[str],  # noqa: ANN001
                                                    caplog: pytest.LogCaptureFixture, capfd) -> None:  # noqa: ANN001
    """Issue 14 item 8 (1): unlock, open Sync, Lock: no traceback on stderr, nothing in
    sys.excepthook, threading.excepthook or the log; four times, since it happened on every Lock."""
    laptop = world.device(world.add_operator("lucia", [world.team_a]))
    laptop.close()
    Settings(language="en").save(laptop.profile.directory)
    shell = Shell(laptop.profile.directory, listen_to_desktop=False)
    try:
        shell.start()
        for _ in range(4):
            window = _unlock(qtbot, shell)
            qtbot.waitUntil(lambda w=window: "Up to date" in w.sync_status.text(), timeout=20_000)
            page = window.show_page("sync")
            page.sync_now()  # a reload and a sync still running when the lock comes
            worker = shell.session.worker
            shell.lock("manual")
            _wait_for_window(qtbot, shell, UnlockWindow)
            qtbot.waitUntil(lambda w=worker: not w.is_open, timeout=20_000)
            qtbot.wait(200)  # anything still queued for the UI thread arrives
    finally:
        shell.shutdown()
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err
    assert _problems(caplog, uncaught) == []
