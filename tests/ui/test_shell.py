"""The app's life cycle through its real windows: first run, unlock, auto-lock, language.

Real profiles (Argon2id, SQLCipher), the real first-run wizard and unlock screen,
and for the connected first run the real central service on loopback.
"""

import logging
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from desktop.settings import Settings
from desktop.store.profile import Profile
from desktop.sync.engine import SyncEngine
from desktop.sync.scheduler import SyncState
from desktop.sync.transport import Transport
from desktop.ui.first_run import CONNECT, DONE, PASSPHRASE, FirstRunWizard
from desktop.ui.idle import AutoLock
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import Shell
from desktop.ui.unlock import UnlockWindow
from tests.fault_proxy import Fault, FaultProxy
from tests.sync_world import PASSWORD, World
from tests.ui.conftest import english_shell

PASSPHRASE_TEXT = "correct horse battery staple"


def wait_for_window(qtbot, shell: Shell, kind: type, timeout: int = 20_000):
    qtbot.waitUntil(lambda: isinstance(shell.window, kind), timeout=timeout)
    return shell.window


def click_next(qtbot, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def set_passphrase(qtbot, wizard: FirstRunWizard, passphrase: str, repeat: str | None = None) -> None:
    page = wizard.passphrase_page
    page.passphrase.clear()
    page.repeat.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClicks(page.repeat, passphrase if repeat is None else repeat)
    click_next(qtbot, wizard)


def test_offline_first_run_creates_an_encrypted_profile_and_opens_the_app(qtbot, shell: Shell) -> None:
    shell.start()
    wizard = wait_for_window(qtbot, shell, FirstRunWizard)
    wizard.welcome.offline_choice.setChecked(True)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PASSPHRASE

    set_passphrase(qtbot, wizard, "short")  # refused beside the field, nothing created
    assert "at least" in wizard.passphrase_page.errors.message("passphrase")
    assert not shell.profile.exists()
    set_passphrase(qtbot, wizard, PASSPHRASE_TEXT, repeat=PASSPHRASE_TEXT + "!")
    assert "differ" in wizard.passphrase_page.errors.message("repeat")
    assert not shell.profile.exists()

    set_passphrase(qtbot, wizard, PASSPHRASE_TEXT)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=20_000)  # offline: no connection step
    assert shell.profile.exists()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    window = wait_for_window(qtbot, shell, MainWindow)
    assert window.current_key == "today"
    assert "Offline-only profile" in window.sync_status.text()
    assert shell.profile.identity().operator_id is None
    assert Profile(shell.profile.directory).keys.unlock(PASSPHRASE_TEXT)  # the passphrase it was given


def test_connected_first_run_enrols_this_computer(qtbot, tmp_path: Path, world: World) -> None:
    username = world.add_operator("wizard", [world.team_a])
    colleague = world.device(world.add_operator("colleague", [world.team_a]))
    shell = english_shell(tmp_path / "profile")
    try:
        shell.start()
        wizard = wait_for_window(qtbot, shell, FirstRunWizard)
        click_next(qtbot, wizard)
        set_passphrase(qtbot, wizard, PASSPHRASE_TEXT)
        qtbot.waitUntil(lambda: wizard.currentId() == CONNECT, timeout=20_000)

        page = wizard.connect_page
        qtbot.keyClicks(page.url, "http://192.0.2.1:8443")  # plain http off this machine is refused
        qtbot.keyClicks(page.username, username)
        qtbot.keyClicks(page.password, "not the password")
        click_next(qtbot, wizard)
        assert "https" in page.errors.message("url")

        page.url.setText(world.service.url)
        click_next(qtbot, wizard)
        qtbot.waitUntil(lambda: bool(page.errors.message("password")), timeout=20_000)
        assert "not right" in page.errors.message("password")

        page.password.setText(PASSWORD)
        qtbot.wait(1_200)  # the service slows logins down after a failure (1 s after the first)
        click_next(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=20_000)
        assert page.password.text() == ""  # not kept once used
        wizard.button(QWizard.WizardButton.FinishButton).click()

        window = wait_for_window(qtbot, shell, MainWindow)
        qtbot.waitUntil(lambda: "Up to date" in window.sync_status.text(), timeout=20_000)
        reports = window.show_page("reports")
        qtbot.waitUntil(lambda: reports.values["contacts"].text() == "0", timeout=10_000)
        colleague.store.call(lambda s: s.contacts.create(given_name="Ilona", team_id=world.team_a))
        colleague.sync()
        shell.session.context.sync.sync_now()
        # The open screens hear about what the sync brought, without being reopened.
        qtbot.waitUntil(lambda: reports.values["contacts"].text() == "1", timeout=10_000)
        assert shell.profile.identity().operator_id is not None
        assert [team.name for team in shell.session.context.teams] == ["A"]
    finally:
        shell.shutdown()
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()


def make_profile(shell: Shell) -> None:
    Profile.create(shell.profile.directory, PASSPHRASE_TEXT)


def unlock(qtbot, shell: Shell, passphrase: str) -> None:
    window = wait_for_window(qtbot, shell, UnlockWindow)
    qtbot.keyClicks(window.passphrase, passphrase)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)


def test_wrong_passphrase_is_refused_and_the_right_one_opens(qtbot, shell: Shell) -> None:
    make_profile(shell)
    shell.start()
    unlock(qtbot, shell, "not my passphrase at all")
    window = shell.window
    qtbot.waitUntil(lambda: window.error.isVisible(), timeout=20_000)
    assert "not right" in window.error.text()
    assert window.passphrase.text() == ""  # never left in the input
    assert shell.session is None

    unlock(qtbot, shell, PASSPHRASE_TEXT)
    wait_for_window(qtbot, shell, MainWindow)
    assert shell.session.worker.is_open


def test_idle_auto_lock_closes_the_store_and_shows_the_unlock_screen(qtbot, shell: Shell) -> None:
    make_profile(shell)
    shell.start()
    unlock(qtbot, shell, PASSPHRASE_TEXT)
    wait_for_window(qtbot, shell, MainWindow)
    worker = shell.session.worker
    shell.session.auto_lock.set_idle_ms(150)  # the real timer, minutes shortened to milliseconds

    locked = wait_for_window(qtbot, shell, UnlockWindow)
    assert "without activity" in locked.reason.text()
    qtbot.waitUntil(lambda: not worker.is_open, timeout=10_000)  # the connection, and its key, are gone
    assert not any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())

    unlock(qtbot, shell, PASSPHRASE_TEXT)
    wait_for_window(qtbot, shell, MainWindow)


def test_lock_shortcut_locks(qtbot, shell: Shell) -> None:
    make_profile(shell)
    shell.start()
    unlock(qtbot, shell, PASSPHRASE_TEXT)
    window = wait_for_window(qtbot, shell, MainWindow)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_for_window(qtbot, shell, UnlockWindow)


def test_a_sleep_is_noticed_from_the_clocks(qtbot) -> None:
    now = {"wall": 1_000.0, "mono": 50.0}
    lock = AutoLock(600_000, wall_clock=lambda: now["wall"], monotonic=lambda: now["mono"], listen_to_desktop=False)
    reasons: list[str] = []
    lock.lockRequested.connect(reasons.append)
    try:
        now["wall"] += 5
        now["mono"] += 5
        lock.check_for_sleep()
        assert reasons == []  # an ordinary tick
        now["wall"] += 3_600  # an hour passed on the wall clock, none on the monotonic one (Linux suspend)
        now["mono"] += 5
        lock.check_for_sleep()
        assert reasons == ["sleep"]
    finally:
        lock.stop()
        lock.deleteLater()


def test_signing_out_deletes_the_profile_and_returns_to_first_run(qtbot, shell: Shell) -> None:
    make_profile(shell)
    shell.start()
    unlock(qtbot, shell, PASSPHRASE_TEXT)
    wait_for_window(qtbot, shell, MainWindow)
    worker = shell.session.worker
    shell.session.context.sign_out()  # the Settings screen asks for the confirmations first
    wait_for_window(qtbot, shell, FirstRunWizard)
    assert not worker.is_open
    assert not shell.profile.exists()
    assert not (shell.profile.directory / "store.db").exists()


def test_locking_during_a_sync_raises_nothing_and_loses_nothing(
    qtbot, world: World, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13 item 14: the session locks while a sync is waiting on a slow service. The
    bridge (a QObject) goes, the sync thread finishes its round: no emit into the deleted
    bridge ("Signal source has been deleted"), nothing to sys.excepthook, threading.excepthook
    or the log, and the change made before the lock reaches the service afterwards."""
    uncaught: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: uncaught.append(kind.__name__))
    monkeypatch.setattr(threading, "excepthook", lambda args: uncaught.append(args.exc_type.__name__))
    caplog.set_level(logging.WARNING)
    target = urllib.parse.urlsplit(world.service.url)
    with FaultProxy(target.hostname, target.port) as proxy:
        laptop = world.device(world.add_operator("anna", [world.team_a]), server_url=proxy.url)
        contact = laptop.store.call(lambda s: s.contacts.create(given_name="Prima del blocco", team_id=world.team_a))
        laptop.close()
        # Every answer through the proxy now takes a second per chunk: the sync at unlock is
        # still waiting on the service when the session locks.
        proxy.randomise(seed=1, probabilities={Fault.DELAY: 1.0}, delay_s=1.0)
        Settings(language="en").save(laptop.profile.directory)
        shell = Shell(laptop.profile.directory, listen_to_desktop=False)
        seen: list[SyncState] = []
        try:
            shell.start()
            unlock(qtbot, shell, PASSPHRASE_TEXT)
            wait_for_window(qtbot, shell, MainWindow)
            session = shell.session
            session.bridge.stateChanged.connect(seen.append)
            qtbot.waitUntil(
                lambda: proxy.connections >= 1 and session.bridge.scheduler.state.phase == "syncing", timeout=10_000
            )
            sync_thread = session.bridge.scheduler._thread
            shell.lock("manual")
            wait_for_window(qtbot, shell, UnlockWindow)
            # The sync round ends (slowly) after the bridge was deleted; then the store closes.
            qtbot.waitUntil(lambda: not sync_thread.is_alive() and not session.worker.is_open, timeout=60_000)
            qtbot.wait(200)  # let anything still queued for the UI thread arrive
        finally:
            shell.shutdown()
            if shell.window is not None:
                shell.window.close()
                shell.window.deleteLater()
        assert proxy.delayed_chunks >= 1, "the sync should have been slowed down"

        problems = [
            f"{r.name}: {r.getMessage()} {r.exc_info[0].__name__ if r.exc_info else ''}"
            for r in caplog.records
            if r.levelno >= logging.WARNING
        ]
        assert problems == [] and uncaught == []

        proxy.clear()
        store = laptop.profile.open(PASSPHRASE_TEXT)
        engine = SyncEngine(store, lambda e: Transport(e.server_url))
        try:
            assert store.call(lambda s: s.contacts.get(contact.id)).given_name == "Prima del blocco"
            engine.sync()  # whatever the interrupted round did not send goes now
            assert store.call(lambda s: s.replica.pending_count()) == 0
        finally:
            engine.close()
            store.close()
    with world.service.admin() as admin:
        from central.models import StoredRecord

        assert admin.get(StoredRecord, contact.id) is not None
