"""When to lock by itself: after idle minutes, on a session lock, before or after sleep.

Owns: `AutoLock`, which emits `lockRequested(reason)` when
- no key press, click, wheel or touch reached the app for `idle_ms` (the
  operator walked away from an open laptop: default 10 minutes, in Settings);
- the desktop session is locked or the screensaver starts, or the machine is
  about to sleep, where the platform reports it (logind and the freedesktop
  screensaver over D-Bus on Linux);
- the clocks show the machine was asleep anyway: a timer that should tick every
  few seconds finds that far more wall-clock (or monotonic) time has passed.
  That works on every platform, including those where no D-Bus signal exists.

Mouse movement counts as activity: someone reading a long note with the mouse in
hand is present. Must never touch the store itself: the shell locks.
"""

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.MouseMove,
    }
)
SLEEP_CHECK_MS = 5_000
SLEEP_GAP_S = 60.0  # a tick this late means the machine was suspended, not busy


class AutoLock(QObject):
    lockRequested = Signal(str)  # "idle", "session", "sleep"

    def __init__(
        self,
        idle_ms: int,
        parent: QObject | None = None,
        *,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        listen_to_desktop: bool = True,
    ) -> None:
        super().__init__(parent)
        self._wall, self._monotonic = wall_clock, monotonic
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(lambda: self.lockRequested.emit("idle"))
        self.set_idle_ms(idle_ms)
        self._sleep_check = QTimer(self, interval=SLEEP_CHECK_MS)
        self._sleep_check.timeout.connect(self.check_for_sleep)
        self._last_tick = (self._wall(), self._monotonic())
        self._sleep_check.start()
        app = QApplication.instance()
        if app is None:  # the idle lock must never be silently off
            raise RuntimeError("AutoLock needs the QApplication to watch input")
        app.installEventFilter(self)
        if listen_to_desktop:
            self._listen_to_desktop()

    def set_idle_ms(self, idle_ms: int) -> None:
        self._idle.setInterval(idle_ms)
        self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self._idle.start()  # restart the countdown
        return False

    def check_for_sleep(self) -> None:
        wall, monotonic = self._wall(), self._monotonic()
        last_wall, last_monotonic = self._last_tick
        self._last_tick = (wall, monotonic)
        # Linux's monotonic clock stops during suspend while the wall clock runs on;
        # on Windows the monotonic clock runs on too. Either gap means a sleep.
        gap = max(wall - last_wall, monotonic - last_monotonic)
        if gap > SLEEP_CHECK_MS / 1000 + SLEEP_GAP_S:
            self.lockRequested.emit("sleep")

    def stop(self) -> None:
        self._idle.stop()
        self._sleep_check.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- the desktop's own signals (Linux, where a D-Bus session and logind exist) -----

    def _listen_to_desktop(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # no QtDBus on this platform
            return
        system, session = QDBusConnection.systemBus(), QDBusConnection.sessionBus()
        hooks = [
            (
                system,
                "org.freedesktop.login1",
                "/org/freedesktop/login1/session/auto",
                "org.freedesktop.login1.Session",
                "Lock",
                "_session_locked()",
            ),
            (
                system,
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                "_preparing_for_sleep(bool)",
            ),
            (
                session,
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                "ActiveChanged",
                "_screensaver(bool)",
            ),
        ]
        for bus, service, path, interface, name, slot in hooks:
            if not bus.isConnected():
                continue
            # PySide6's stubs type the slot as bytes, but only a str is accepted there (bytes raise TypeError).
            if not bus.connect(service, path, interface, name, self, f"1{slot}"):  # type: ignore[call-overload]  # stub gap
                log.info("no %s.%s signal here; relying on the idle timer and the sleep check", interface, name)

    @Slot()
    def _session_locked(self) -> None:
        self.lockRequested.emit("session")

    @Slot(bool)
    def _preparing_for_sleep(self, starting: bool) -> None:
        if starting:
            self.lockRequested.emit("sleep")

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.lockRequested.emit("session")
