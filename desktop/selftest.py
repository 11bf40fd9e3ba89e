"""`prossimo --self-test`: checks that an installation works, offscreen, in a throwaway folder.

Owns: the list of checks (encrypted store, sync both ways through the embedded
central service of `desktop.demo`, main window, handout PDF, the update channel of
`desktop.selftest_updates`: a throwaway TUF repository served and verified; the embedded
service's help desk pages) and their one-line
results. Each check is isolated: a failure is reported and the others still run.
Must never touch the operator's real profile or keyring, never print a traceback
or a personal value, and never leave its 0700 temporary folder behind.
"""

import datetime as dt
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from desktop.store.keys import NoKeyring
from desktop.store.profile import Profile

STORE_DIR_ENV = "PROSSIMO_SELF_TEST_STORE_DIR"  # lets a test point the store check somewhere unwritable
UPDATES_DIR_ENV = "PROSSIMO_SELF_TEST_UPDATES_DIR"  # the same for the update check


def _check_store(folder: Path) -> None:
    base = Path(os.environ.get(STORE_DIR_ENV) or folder)
    profile = Profile.create(base / "store-check", "self test " + uuid.uuid4().hex, NoKeyring())
    head = profile.store_path.read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        raise RuntimeError("the store file is readable as plain SQLite")


def _check_sync(folder: Path) -> None:
    from desktop.demo import DEMO_OPERATOR, prepare_demo
    from desktop.sync.engine import SyncEngine, enrol

    demo = prepare_demo(folder / "sync")
    try:
        passphrase = "self test " + uuid.uuid4().hex
        other = Profile.create(folder / "second", passphrase, NoKeyring())
        worker = other.open(passphrase)
        enrol(
            other,
            worker,
            demo.service.url,
            DEMO_OPERATOR,
            demo.service.password_of(DEMO_OPERATOR),
            device_name="second",
        )
        worker.close()
        second = Profile(other.directory, NoKeyring()).open(passphrase)
        try:
            first_engine, second_engine = SyncEngine(demo.worker), SyncEngine(second)
            first_engine.sync()
            second_engine.sync()
            made = demo.worker.call(lambda s: s.contacts.create(given_name="Self", family_name="Test").id)
            if first_engine.sync().pushed < 1:
                raise RuntimeError("the new contact did not reach the service")
            second_engine.sync()
            second.call(lambda s: s.contacts.update(made, municipality="Lodi"))
            second_engine.sync()
            first_engine.sync()
            if demo.worker.call(lambda s: s.contacts.get(made).municipality) != "Lodi":
                raise RuntimeError("a change made on a second device did not arrive")
            first_engine.close()
            second_engine.close()
        finally:
            second.close()
    finally:
        demo.worker.close()
        demo.service.stop()


def _check_window(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell import Shell

    passphrase = "self test " + uuid.uuid4().hex
    profile = Profile.create(folder / "window", passphrase, NoKeyring())
    shell = Shell(profile.directory, vault=NoKeyring())
    shell.open_session(profile.open(passphrase))
    deadline = time.monotonic() + 20
    while shell.session is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    try:
        if shell.session is None:
            raise RuntimeError("the main window was not built")
        pixmap = shell.session.window.grab()
        if pixmap.isNull() or pixmap.width() == 0:
            raise RuntimeError("the main window rendered nothing")
    finally:
        shell.shutdown()


def _check_handout(folder: Path) -> None:
    from desktop.ui.resources.handout import write_handout_pdf
    from protocol import Resource, demo_data, new_id

    now = dt.datetime.now(dt.UTC)
    resources = [
        Resource(id=new_id(), created_at=now, updated_at=now, author_device_id=uuid.uuid4(), **fields)
        for fields in demo_data.resources(3)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "handout.pdf"
    pages = write_handout_pdf(resources, path, language="en", large_print=False, today=now.date())
    if not path.read_bytes().startswith(b"%PDF") or pages < 1:
        raise RuntimeError("the handout is not a PDF with pages")


def _check_updates(folder: Path) -> None:
    from desktop.selftest_updates import check_update_channel

    check_update_channel(Path(os.environ.get(UPDATES_DIR_ENV) or folder))


def _check_help_desk(folder: Path) -> None:
    """The embedded service's help desk renders its pages (templates, catalogues, Markdown): what
    the demo's printed address leads to."""
    import requests

    from central.db import session_factory
    from central.help import content
    from desktop.demo import DemoService

    service = DemoService(folder, demo_data=False)
    try:
        with session_factory(service.engine).begin() as session:
            content.add_demo_pages(session)
        for path, words in (("/help/fi/", "Tukea läheisille"), ("/help/it/info/families", "Vivere accanto")):
            answer = requests.get(service.url + path, timeout=30)
            if answer.status_code != 200 or words not in answer.text:
                raise RuntimeError(f"the help desk page {path} did not render (HTTP {answer.status_code})")
    finally:
        service.stop()


CHECKS: list[tuple[str, Callable[[Path], None]]] = [
    ("encrypted store", _check_store),
    ("sync both ways", _check_sync),
    ("main window", _check_window),
    ("handout PDF", _check_handout),
    ("update metadata", _check_updates),
    ("help desk", _check_help_desk),
]


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(["prossimo"])
    folder = Path(tempfile.mkdtemp(prefix="prossimo-self-test-"))  # mkdtemp makes it 0700
    failed = 0
    try:
        for name, check in CHECKS:
            started = time.monotonic()
            try:
                check(folder / name.replace(" ", "-"))
            except Exception as exc:  # noqa: BLE001 - every check is isolated; the type and reason only
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            else:
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0
