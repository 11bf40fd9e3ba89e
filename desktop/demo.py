"""`prossimo --demo`: the whole system on one laptop, with invented data, in one command.

Owns: `DemoService` (a real central service, the same FastAPI app IT staff run,
served by uvicorn on a loopback port from a thread, over a throwaway SQLite file
filled by `central.demo`), `prepare_demo`, which creates a throwaway encrypted
profile, enrols it as the demo operator "demo-anna" and hands back the open store,
and `run_demo`, the whole life of `prossimo --demo` in the app's event loop. The
first sync then runs in the app as it would at work.

Everything lives in one temporary folder, deleted on exit: when the window is
closed, and also when the process is told to stop (SIGTERM, SIGINT, SIGHUP):
`stop_on_signals` turns those into an orderly end of the event loop (or, before it
runs, an exception), so the same cleanup runs. The demo passphrase is random,
shown on the unlock screen (it protects invented data only) and never kept in the
OS keyring.

Must never touch the operator's real profile or keyring, never listen on anything
but loopback, and never leave its folder of invented people behind.
"""

import contextlib
import secrets
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from PySide6.QtCore import QCoreApplication, QSocketNotifier

from central import demo
from central.app import create_app
from central.db import make_engine, session_factory, upgrade
from desktop.store.keys import NoKeyring
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from desktop.sync.engine import enrol

DEMO_OPERATOR = "demo-anna"
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]  # (host, port) for an IPv4 socket
        return port


class DemoService:
    def __init__(self, folder: Path, updates_dir: Path | None = None, demo_data: bool = True) -> None:
        """`demo_data=False`: an empty service (the self-test's update check needs no operators,
        and making the demo's costs seconds of Argon2 hashing)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(f"sqlite:///{folder / 'central.db'}")
        upgrade(self.engine)
        self.summary: dict[str, Any] = {}
        # The service's key, given to the demo's data too: the organisation's client-code key is
        # sealed under it, so the app's codes and the demo's agree.
        key = secrets.token_bytes(32)
        if demo_data:
            with session_factory(self.engine)() as session, session.begin():
                self.summary = demo.create(session, key=key)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(
            create_app(self.engine, key=key, updates_dir=updates_dir),  # updates: the self-test's TUF repository
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="prossimo-demo-service", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded demo service did not start")
            time.sleep(0.05)

    def password_of(self, username: str) -> str:
        password: str = self.summary["operators"][username]["password"]
        return password

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self.engine.dispose()


@dataclass
class Demo:
    service: DemoService
    profile: Profile
    worker: StoreWorker
    passphrase: str  # invented, shown on the unlock screen: it guards invented data


def prepare_demo(folder: Path) -> Demo:
    """Start the demo service and an enrolled, open demo profile under `folder`."""
    service = DemoService(folder / "central")
    passphrase = "demo " + " ".join(secrets.token_hex(3) for _ in range(3))
    vault = NoKeyring()
    profile = Profile.create(folder / "profile", passphrase, vault)
    worker = profile.open(passphrase)
    try:
        enrol(
            profile, worker, service.url, DEMO_OPERATOR, service.password_of(DEMO_OPERATOR), device_name="demo laptop"
        )
    finally:
        worker.close()
    # Reopened so records are stamped with the ids the service gave at enrolment.
    return Demo(service, profile, Profile(profile.directory, vault).open(passphrase), passphrase)


class Stopped(Exception):
    """A stop signal arrived before the event loop ran."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals(app: QCoreApplication) -> Iterator[list[int]]:
    """While inside: a stop signal quits the event loop (`app.exec()` returns, the caller's
    cleanup runs), or raises `Stopped` when the loop is not running yet. Yields the list of
    signals received. Python runs its signal handlers only between bytecodes, and Qt's loop
    runs none while idle: the wakeup fd makes the loop call into Python at once."""
    received: list[int] = []
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: _drain(reader))  # Python runs, and with it the handler

    def handler(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)
        if app.thread().loopLevel() > 0:
            app.quit()
        else:
            raise Stopped(signum)

    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    old_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield received
    finally:
        signal.set_wakeup_fd(old_fd)
        for signum, old in previous.items():
            signal.signal(signum, old)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()


def _drain(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while sock.recv(64):
            pass


def run_demo(app: QCoreApplication) -> int:
    """`prossimo --demo`: the service, the profile and the app, until the window closes or a
    stop signal arrives; then everything is stopped and the folder deleted. 128 + the signal's
    number when a signal ended it."""
    from desktop.ui.shell import Shell  # the UI only here: the service and profile need no Qt widgets

    folder = Path(tempfile.mkdtemp(prefix="prossimo-demo-"))
    try:
        with stop_on_signals(app) as received:
            prepared = prepare_demo(folder)
            # The demo's help desk, for the person trying it to open in a browser (stdout, not a log).
            print(f"Prossimo demo: the public help desk is at {prepared.service.url}/help/", flush=True)
            try:
                hint = QCoreApplication.translate("Demo", "Demo passphrase: {passphrase}").format(
                    passphrase=prepared.passphrase
                )
                shell = Shell(prepared.profile.directory, vault=prepared.profile.keys.vault, unlock_hint=hint)
                shell.open_session(prepared.worker)
                try:
                    code = app.exec()
                finally:
                    shell.shutdown()
            finally:
                prepared.worker.close()
                prepared.service.stop()
            return 128 + received[0] if received else code
    except Stopped as stopped:
        return 128 + stopped.signum
    finally:
        shutil.rmtree(folder, ignore_errors=True)
