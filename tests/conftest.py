"""Test-wide set-up: offscreen Qt, and never the developer's real OS keyring.

The OS keyring is outside our control, so it is the one thing faked here: an
in-memory backend for this process, and the null backend for subprocesses.

Qt is offscreen unless QT_QPA_PLATFORM says otherwise: the real-window tests
(tests/ui_real) run in their own pytest session, started by tests/test_real_window.py
under Xvfb with QT_QPA_PLATFORM=xcb and REAL_WINDOW_ENV set; any other session skips
collecting them (a QApplication cannot change platform once made).
"""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REAL_WINDOW_ENV = "PROSSIMO_REAL_WINDOW"  # "1366x768" inside a real-window session
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring
import keyring.backend
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class FailingKeyring(MemoryKeyring):
    """What headless Linux gives: no Secret Service, every call fails at once."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no Secret Service on this headless machine")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no Secret Service on this headless machine")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--stress", action="store_true", help="also run the long stress tests")
    parser.addoption(
        "--real-window",
        action="store_true",
        help="require the real-window tests (Xvfb and openbox); without it they run when both "
        "are installed and are skipped, with the reason, when not",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_window: a flow in a real window under Xvfb (tests/ui_real)")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.name == "ui_real" and not os.environ.get(REAL_WINDOW_ENV):
        return True  # run by tests/test_real_window.py in its own session on a real display
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--stress"):
        return
    skip = pytest.mark.skip(reason="stress test: run with --stress")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# The running central service and per-test organisations, for the sync and UI tests.
from tests.sync_world import central_service, world  # noqa: F401 - fixtures, found by pytest by name
