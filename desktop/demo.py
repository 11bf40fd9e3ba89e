"""`prossimo --demo`: the whole system on one laptop, with invented data, in one command.

Owns: `DemoService` (a real central service, the same FastAPI app IT staff run,
served by uvicorn on a loopback port from a thread, over a throwaway SQLite file
filled by `central.demo`) and `prepare_demo`, which creates a throwaway encrypted
profile, enrols it as the demo operator "demo-anna" and hands back the open store.
The first sync then runs in the app as it would at work.

Everything lives in one temporary folder that the caller deletes on exit. The
demo passphrase is random, shown on the unlock screen (it protects invented
data only) and never kept in the OS keyring.

Must never touch the operator's real profile or keyring, and never listen on
anything but loopback.
"""

import secrets
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from central import demo
from central.app import create_app
from central.db import make_engine, session_factory, upgrade
from desktop.store.keys import NoKeyring
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from desktop.sync.engine import enrol

DEMO_OPERATOR = "demo-anna"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoService:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(f"sqlite:///{folder / 'central.db'}")
        upgrade(self.engine)
        with session_factory(self.engine)() as session, session.begin():
            self.summary = demo.create(session)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(create_app(self.engine), host="127.0.0.1", port=port, log_level="warning",
                                access_log=False, timeout_graceful_shutdown=5)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="prossimo-demo-service", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded demo service did not start")
            time.sleep(0.05)

    def password_of(self, username: str) -> str:
        return self.summary["operators"][username]["password"]

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
        enrol(profile, worker, service.url, DEMO_OPERATOR, service.password_of(DEMO_OPERATOR),
              device_name="demo laptop")
    finally:
        worker.close()
    # Reopened so records are stamped with the ids the service gave at enrolment.
    return Demo(service, profile, Profile(profile.directory, vault).open(passphrase), passphrase)
