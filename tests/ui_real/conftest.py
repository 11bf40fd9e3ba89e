"""The real-window session: the app's own event loop on a real X display, driven by real input.

Owns: `Flow` (a test written as a generator: each `yield` waits for something a person
would see, then the next lines act), the input helpers (`keys`, `type_text`, `click`:
xdotool, so the X server delivers them to whatever window has the focus, as a keyboard
and a mouse would), `shot` (a screenshot of the whole screen, window manager included)
and the profiles the flows start from.

Only runs inside the subprocess session of tests/test_real_window.py (QT_QPA_PLATFORM=xcb,
DISPLAY on Xvfb). Must never fake a part of the app: the flows start `desktop.app.run`,
the same call as `prossimo`.
"""

import contextlib
import datetime as dt
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWidget

from desktop import app as desktop_app
from desktop.settings import Settings
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from desktop.ui.context import Team
from tests.conftest import REAL_WINDOW_ENV
from tests.ui.conftest import PASSPHRASE, Caseload, enrol_offline, fill_demo_store

STEP_TIMEOUT_S = float(os.environ.get("PROSSIMO_REAL_WINDOW_STEP_S", 90))  # Argon2id on a loaded CI machine


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.real_window)


@pytest.fixture(scope="session", autouse=True)
def on_a_real_display(qapp: QApplication) -> None:
    """The one QApplication of the session, on the X display (the flows' timers need it)."""
    assert os.environ.get("QT_QPA_PLATFORM") == "xcb" and os.environ.get(REAL_WINDOW_ENV), (
        "tests/ui_real runs from tests/test_real_window.py, on Xvfb"
    )
    assert QGuiApplication.platformName() == "xcb"


@pytest.fixture(scope="session")
def screen_size() -> tuple[int, int]:
    width, height = os.environ[REAL_WINDOW_ENV].split("x")
    return int(width), int(height)


# --- a flow in the app's own event loop ------------------------------------------------------


@dataclass
class Wait:
    what: str
    ready: Callable[[], object]
    timeout_s: float = STEP_TIMEOUT_S


def until(ready: Callable[[], object], what: str, timeout_s: float = STEP_TIMEOUT_S) -> Wait:
    """Go on once `ready()` is true; fail after `timeout_s` (input typed lands within a
    second; a store being made or opened takes longer)."""
    return Wait(what, ready, timeout_s)


def do(action: Callable[[], object], what: str = "an action") -> Wait:
    """Run `action` from the event loop (it may open a blocking dialog: the flow goes on
    inside that dialog's loop), then go on as soon as it has started."""
    started: list[bool] = []

    def run() -> None:
        started.append(True)
        action()

    QTimer.singleShot(0, run)
    return Wait(what, lambda: started)


Steps = Generator[Wait, None, None]


class Flow:
    """Polls the wait the generator is at every 50 ms; when it is met, runs the generator to
    its next wait. If the app's event loop ends first, the flow fails naming what it was
    waiting for (the app quit under the operator)."""

    def __init__(self, steps: Steps) -> None:
        self.steps = steps
        self.waiting: Wait | None = None
        self.deadline = 0.0
        self.finished = False
        self.error: BaseException | None = None
        self._inside = False

    def run(self, start: Callable[[], int]) -> int:
        timer = QTimer()
        timer.setInterval(50)
        timer.timeout.connect(self._tick)
        timer.start()
        try:
            code = start()
        finally:
            timer.stop()
        self._tick()  # the last step may be the one that closed the app (closing its window)
        _clear_the_screen()
        if self.error is not None:
            raise self.error
        if not self.finished:
            pytest.fail(
                f"the app quit (exit code {code}) while the operator was waiting for: "
                f"{self.waiting.what if self.waiting else 'the first window'}"
            )
        return code

    def _tick(self) -> None:
        if self.finished or self.error is not None or self._inside:
            return
        self._inside = True
        try:
            while self.waiting is None or self.waiting.ready():
                self.waiting = next(self.steps)
                self.deadline = time.monotonic() + self.waiting.timeout_s
            if time.monotonic() > self.deadline:
                seen = shot("timed-out")
                raise AssertionError(f"timed out waiting for: {self.waiting.what} (the screen then: {seen})")
        except StopIteration:
            self.finished = True
        except BaseException as error:  # noqa: BLE001 - reported by run(), in the test
            self.error = error
            QApplication.exit(1)  # not quit(): Qt 6 lets a window with unsaved input refuse that
        finally:
            self._inside = False


# --- real input --------------------------------------------------------------------------------


def _xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def keys(*names: str) -> None:
    """Key presses as the X server delivers them to the focused window: "Return", "ctrl+2"…"""
    _xdotool("key", "--delay", "30", *names)


def type_text(text: str) -> None:
    _xdotool("type", "--delay", "8", text)


def click(widget: QWidget, at: QPoint | None = None) -> None:
    """A real left click on `widget` (at its middle unless `at`, in its own coordinates):
    it lands on whatever is drawn there."""
    if at is None and isinstance(widget, QCheckBox | QRadioButton):
        at = QPoint(widget.height() // 2, widget.height() // 2)  # the box itself: its row is wider than its text
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    _xdotool("mousemove", "--sync", str(point.x()), str(point.y()), "click", "1")


def visible(kind: type) -> QWidget | None:
    """The visible top-level window of this class, if there is one."""
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def gone(widget: QWidget) -> bool:
    """Closed, or closed and deleted already."""
    return not shiboken6.isValid(widget) or not widget.isVisible()


def active(kind: type) -> QWidget | None:
    """The window of this class that has the keyboard focus (the window manager gave it)."""
    window = QApplication.activeWindow()
    return window if isinstance(window, kind) else None


def shot(name: str) -> Path:
    """The whole screen as a person sees it (window manager and all)."""
    QTest.qWait(400)  # let the windows just mapped paint: the X server holds what was drawn last
    folder = Path(os.environ.get("PROSSIMO_REAL_WINDOW_SHOTS", "/tmp"))
    test = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1].split(" ")[0].removeprefix("test_")
    path = folder / f"{os.environ[REAL_WINDOW_ENV]}-{test[:40]}-{name}.png"
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    return path


def on_screen(widget: QWidget) -> bool:
    """The whole widget lies inside the screen's available area."""
    top_left = widget.mapToGlobal(QPoint(0, 0))
    bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
    area = QGuiApplication.primaryScreen().availableGeometry()
    return area.contains(top_left) and area.contains(bottom_right)


def _clear_the_screen() -> None:
    """What a failed flow left up goes, so the next flow starts on an empty screen."""
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            window.hide()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_app(profile_dir: Path, steps: Steps) -> int:
    """`prossimo` on this profile (the same call), driven by `steps`."""
    return Flow(steps).run(lambda: desktop_app.run(profile_dir))


# --- profiles --------------------------------------------------------------------------------


@dataclass
class Workday:
    """An offline profile with a small caseload, ready to unlock."""

    profile: Profile
    caseload: Caseload
    operator_id: uuid.UUID

    @property
    def directory(self) -> Path:
        return self.profile.directory

    def typeable_names(self) -> list[str]:
        """Names of contacts booked nothing yet that xdotool can type on any keyboard map."""
        booked = {c for a in self.caseload.appointments for c in a.contact_ids}
        return [c.display_name for c in self.caseload.contacts if c.display_name.isascii() and c.id not in booked]


@pytest.fixture()
def workday(tmp_path: Path) -> Iterator[Workday]:
    profile = Profile.create(tmp_path / "profile", PASSPHRASE)
    Settings(language="en").save(profile.directory)
    worker = profile.open(PASSPHRASE)
    try:
        now = dt.datetime.now().astimezone()
        caseload = worker.call(lambda s: fill_demo_store(s, now=now, contacts=12))
    finally:
        worker.close()
    identity = profile.identity()
    yield Workday(profile, caseload, identity.operator_id or identity.device_id)  # offline: bookings are the device's


def unlock(window_class: type) -> Steps:
    """Type the passphrase into the lock screen and press Enter."""
    yield until(lambda: active(window_class), "the unlock screen, with the keyboard focus")
    yield do(lambda: (type_text(PASSPHRASE), keys("Return")), "typing the passphrase")


@contextlib.contextmanager
def enrolled_offline(folder: Path, team: Team, code_key: bytes | None = None) -> Iterator[tuple[Profile, StoreWorker]]:
    """A new profile in English, enrolled in `team` with its service out of reach, open while
    inside (to fill), closed after: the flows then unlock it as a person would."""
    profile = Profile.create(folder / "profile", PASSPHRASE)
    Settings(language="en").save(profile.directory)
    operator = uuid.uuid4()
    profile.record_enrolment(device_id=uuid.uuid4(), operator_id=operator)
    worker = profile.open(PASSPHRASE)
    try:
        worker.call(lambda s: enrol_offline(s, operator, [team], code_key=code_key))
        yield profile, worker
    finally:
        worker.close()
