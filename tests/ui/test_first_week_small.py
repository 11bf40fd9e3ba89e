"""Issue 14 item 8, the small things a person notices in their first week (UI part).

Real profiles, the real central service on loopback, the real shell and screens.
"""

import logging
import sys
import threading
import urllib.parse

import pytest
from PySide6.QtCore import Qt

from desktop.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import Shell
from desktop.ui.unlock import UnlockWindow
from tests.fault_proxy import Fault, FaultProxy
from tests.sync_world import World

PASSPHRASE_TEXT = "correct horse battery staple"


def _wait_for_window(qtbot, shell: Shell, kind: type, timeout: int = 20_000):
    qtbot.waitUntil(lambda: isinstance(shell.window, kind), timeout=timeout)
    return shell.window


def _unlock(qtbot, shell: Shell) -> MainWindow:
    window = _wait_for_window(qtbot, shell, UnlockWindow)
    qtbot.keyClicks(window.passphrase, PASSPHRASE_TEXT)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    return _wait_for_window(qtbot, shell, MainWindow)


@pytest.fixture()
def uncaught(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Everything that went to sys.excepthook, threading.excepthook or the log at WARNING or above."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(f"{kind.__name__}: {value}"))
    monkeypatch.setattr(
        threading, "excepthook", lambda args: seen.append(f"{args.exc_type.__name__}: {args.exc_value}")
    )
    caplog.set_level(logging.WARNING)
    return seen


def _problems(caplog: pytest.LogCaptureFixture, uncaught: list[str]) -> list[str]:
    return uncaught + [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


def test_locking_after_the_sync_page_raises_nothing(
    qtbot,
    world: World,
    uncaught: list[str],
    caplog: pytest.LogCaptureFixture,
    capfd,
) -> None:
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


def test_today_waits_for_the_first_sync_before_saying_nothing_is_booked(qtbot, world: World) -> None:
    """Issue 14 item 8 (2): while the first sync after unlock runs, Today says it is syncing:
    never "Nothing booked today" (the caseload has not arrived yet) nor "All changes are
    synced" (no sync has finished). Once the sync ends, the real verdicts show."""
    target = urllib.parse.urlsplit(world.service.url)
    with FaultProxy(target.hostname, target.port) as proxy:
        laptop = world.device(world.add_operator("marta", [world.team_a]), server_url=proxy.url)
        laptop.close()
        proxy.randomise(seed=3, probabilities={Fault.DELAY: 1.0}, delay_s=1.0)  # the first sync is slow
        Settings(language="en").save(laptop.profile.directory)
        shell = Shell(laptop.profile.directory, listen_to_desktop=False)
        try:
            shell.start()
            window = _unlock(qtbot, shell)
            today = window.show_page("today")
            scheduler = shell.session.bridge.scheduler
            qtbot.waitUntil(
                lambda: (
                    scheduler.state.phase == "syncing"
                    and today.overview is not None
                    and shell.session.context.store.pending == 0
                ),
                timeout=20_000,
            )
            assert scheduler.state.phase == "syncing", "the sync should still be running"
            shown = [today.today_empty.text(), today.tomorrow_empty.text(), today.pending_label.text()]
            assert "Nothing booked today." not in shown and "All changes are synced." not in shown, shown
            assert today.today_empty.text() == "Syncing…" and today.pending_label.text() == "Syncing…"

            proxy.clear()
            qtbot.waitUntil(lambda: scheduler.state.last_success_at is not None, timeout=60_000)
            qtbot.waitUntil(lambda: today.pending_label.text() == "All changes are synced.", timeout=20_000)
            qtbot.waitUntil(lambda: today.today_empty.text() == "Nothing booked today.", timeout=20_000)
            assert today.today_empty.isVisible() and not today.today_list.isVisible()
        finally:
            shell.shutdown()
            if shell.window is not None:
                shell.window.close()
                shell.window.deleteLater()


def test_today_says_loading_until_its_first_read(qtbot, ui_context) -> None:
    """Issue 14 item 8 (2): before the store has answered, the sections say "Loading…", not
    that nothing is booked."""
    from desktop.ui.today import TodayPage

    page = TodayPage(ui_context)
    qtbot.addWidget(page)
    assert page.today_empty.text() == "Loading…" and page.pending_label.text() == "Loading…"
    qtbot.waitUntil(lambda: page.overview is not None, timeout=10_000)
    assert page.today_empty.text() == "Nothing booked today."  # an offline-only profile: no sync to wait for
    assert page.pending_label.text() == "No changes waiting."


def test_a_too_short_error_never_stays_beside_a_strong_meter(qtbot, tmp_path, ui_context) -> None:
    """Issue 14 item 8 (4): the error and the meter come from the one rule (the store's): the
    refusal says what the meter says, and once the passphrase is long enough the error goes,
    in the first-run wizard and in Settings."""
    from desktop.ui.first_run import PASSPHRASE, FirstRunWizard
    from desktop.ui.settings_page import SettingsPage

    wizard = FirstRunWizard(tmp_path / "new-profile", Settings(language="en"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PASSPHRASE
    page = wizard.passphrase_page
    qtbot.keyClicks(page.passphrase, "short")
    qtbot.keyClicks(page.repeat, "short")
    wizard.next()
    assert page.errors.message("passphrase") == page.strength.verdict.text() == "Too short: at least 10 characters"
    assert page.strength.bar.text() == "Too short"
    qtbot.keyClicks(page.passphrase, " horse battery staple")
    assert page.strength.strength == "strong"
    assert page.errors.message("passphrase") == ""  # gone once the rule is met
    assert page.passphrase.accessibleDescription() == ""

    settings = SettingsPage(ui_context)
    qtbot.addWidget(settings)
    qtbot.keyClicks(settings.old_passphrase, PASSPHRASE_TEXT)
    qtbot.keyClicks(settings.new_passphrase, "tiny")
    settings.change_button.click()
    assert settings.passphrase_errors.message("new") == "Too short: at least 10 characters"
    qtbot.keyClicks(settings.new_passphrase, " but now a long phrase")
    assert settings.strength.strength == "strong"
    assert settings.passphrase_errors.message("new") == ""


def test_the_strength_meter_is_a_bar_that_shows_its_verdict(qtbot) -> None:
    """Issue 14 item 8 (4): the meter is a bar with its verdict written in it (not an empty
    box), named and described for screen readers."""
    from desktop.ui.passphrase_strength import PassphraseStrength

    meter = PassphraseStrength()
    qtbot.addWidget(meter)
    assert meter.bar.isTextVisible() and meter.bar.text() == "Nothing typed yet"
    for text, word, value in (
        ("abc", "Too short", 1),
        ("abcdefghij", "Fair", 2),
        ("correct horse battery staple", "Strong", 3),
        ("aaaaaaaaaaaa", "Weak", 1),
    ):
        meter.set_passphrase(text)
        assert (meter.bar.text(), meter.bar.value()) == (word, value)
        assert meter.bar.accessibleName() == "Passphrase strength"
        assert meter.bar.accessibleDescription() == meter.accessibleDescription() != ""


def _literal_ampersands(root) -> list[str]:
    """Labels that would draw their "&" as a character: a mnemonic with no buddy to go to."""
    import re

    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtWidgets import QLabel

    mnemonic = re.compile(r"(?<!&)&(?!&)\w")
    found = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        ):
            continue  # rich text: "&" is written &amp;, and a mnemonic cannot be set there
        if mnemonic.search(text) and label.buddy() is None:
            found.append(f"{type(label.parent()).__name__}: {text!r}")
    return found


def test_no_label_shows_a_literal_ampersand(qtbot, tmp_path, ui_context) -> None:
    """Issue 14 item 8 (3): every label with a mnemonic ("&Certificate authority:") has a buddy,
    so the "&" becomes an underline instead of being drawn; on every first-run page, in
    Settings, and on every screen of the main window, in English, Italian and Finnish."""
    from desktop.ui import i18n
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.main_window import SCREENS, MainWindow

    for language in ("en", "it", "fi"):
        i18n.install(language)
        wizard = FirstRunWizard(tmp_path / f"profile-{language}", Settings(language=language))
        qtbot.addWidget(wizard)
        window = MainWindow(ui_context)
        qtbot.addWidget(window)
        for screen in SCREENS:
            window.show_page(screen.key)
        assert _literal_ampersands(wizard) + _literal_ampersands(window) == [], language


def _texts(root) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    return [w.text() for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton)]


def test_gui_users_are_never_sent_to_the_command_line(qtbot, tmp_path, ui_context) -> None:
    """Issue 14 item 8 (3): no screen of the first run or the main window tells a person to run
    `prossimo enroll`: the offline choice says they can connect later in Settings."""
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.main_window import SCREENS, MainWindow

    wizard = FirstRunWizard(tmp_path / "profile", Settings(language="en"))
    qtbot.addWidget(wizard)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    for screen in SCREENS:
        window.show_page(screen.key)
    texts = _texts(wizard) + _texts(window)
    assert not [text for text in texts if "prossimo " in text or "`" in text]
    assert any("later, in Settings" in text for text in _texts(wizard))


def test_an_offline_profile_connects_from_settings(qtbot, world: World) -> None:
    """Issue 14 item 8 (3): the GUI way to connect an offline-only profile: Settings asks for the
    address, username and password (a wrong address is named as such), enrols this computer
    with the real service, locks, and the next unlock syncs."""
    from desktop.store.profile import Profile
    from desktop.ui.unlock import UnlockWindow
    from tests.sync.test_enrol_addresses import _closed_port
    from tests.sync_world import PASSWORD

    username = world.add_operator("offline-then-online", [world.team_a])
    profile_dir = world.tmp_path / "offline-profile"
    Profile.create(profile_dir, PASSPHRASE_TEXT)
    Settings(language="en").save(profile_dir)
    shell = Shell(profile_dir, listen_to_desktop=False)
    try:
        shell.start()
        window = _unlock(qtbot, shell)
        # The status line is filled by a queued call after the window shows: wait for it.
        qtbot.waitUntil(lambda: "Offline-only profile" in window.sync_status.text(), timeout=10_000)
        settings = window.show_page("settings")
        qtbot.waitUntil(lambda: not settings.connect_fields.isHidden(), timeout=10_000)
        qtbot.keyClicks(settings.connect_url, _closed_port("127.0.0.8"))
        qtbot.keyClicks(settings.connect_username, username)
        qtbot.keyClicks(settings.connect_password, PASSWORD)
        settings.connect_button.click()
        qtbot.waitUntil(lambda: bool(settings.connect_errors.message("url")), timeout=30_000)
        assert "check the address" in settings.connect_errors.message("url")
        assert settings.connect_password.text() == ""  # never kept once used
        assert shell.session is not None and shell.session.bridge is None  # still offline, nothing half-done

        settings.connect_url.setText(world.service.url)
        qtbot.keyClicks(settings.connect_password, PASSWORD)
        qtbot.keyClick(settings.connect_password, Qt.Key.Key_Return)
        locked = _wait_for_window(qtbot, shell, UnlockWindow, timeout=30_000)
        assert "now connected" in locked.reason.text()
        window = _unlock(qtbot, shell)
        qtbot.waitUntil(lambda: "Up to date" in window.sync_status.text(), timeout=30_000)
        assert shell.profile.identity().operator_id is not None
    finally:
        shell.shutdown()
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
