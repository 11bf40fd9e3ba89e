"""Where the app's windows are: never none on screen between two windows, the main window
maximised the first time and then where it was left, the lock screen over it
(issue 14 items 1 and 2). Offscreen; tests/ui_real does it on a real X display."""

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from desktop.settings import Settings
from desktop.store.profile import Profile
from desktop.ui.first_run import DONE, FirstRunWizard
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import Shell
from desktop.ui.unlock import UnlockWindow
from tests.ui.conftest import english_shell
from tests.ui.test_shell import PASSPHRASE_TEXT, click_next, set_passphrase, wait_for_window


def _unlock(qtbot, shell: Shell) -> MainWindow:
    window = wait_for_window(qtbot, shell, UnlockWindow)
    qtbot.keyClicks(window.passphrase, PASSPHRASE_TEXT)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    return wait_for_window(qtbot, shell, MainWindow)


def test_finishing_first_run_never_leaves_the_screen_empty(qtbot, shell: Shell) -> None:
    """Issue 14 item 1: Finish used to hide the wizard before the main window existed (it is
    built after a store call): the last window closed, and Qt quit the app."""
    closed_all: list[bool] = []
    QApplication.instance().lastWindowClosed.connect(lambda: closed_all.append(True))
    shell.start()
    wizard = wait_for_window(qtbot, shell, FirstRunWizard)
    wizard.welcome.offline_choice.setChecked(True)
    click_next(qtbot, wizard)
    set_passphrase(qtbot, wizard, PASSPHRASE_TEXT)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=20_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible(), "the wizard hid itself before the main window was there"
    window = wait_for_window(qtbot, shell, MainWindow)
    assert window.isVisible() and (not shiboken6.isValid(wizard) or not wizard.isVisible())
    assert closed_all == []


def test_maximised_first_then_where_it_was_left_across_lock_and_restart(qtbot, tmp_path: Path) -> None:
    """Issue 14 item 2: the window opens maximised (1180x760 ran off a 768 px screen); the lock
    screen takes its exact place; a moved window comes back there after a lock and after a
    restart (the place is in settings.json, readable before unlocking)."""
    profile_dir = tmp_path / "profile"
    Profile.create(profile_dir, PASSPHRASE_TEXT)
    shell = english_shell(profile_dir)
    try:
        shell.start()
        window = _unlock(qtbot, shell)
        assert window.isMaximized()
        qtbot.waitUntil(lambda: window.context.store.pending == 0)
        window.showNormal()
        window.setGeometry(40, 50, 700, 500)
        window.show_page("calendar")
        shell.lock("manual")
        lock_screen = wait_for_window(qtbot, shell, UnlockWindow)
        assert not lock_screen.isMaximized() and lock_screen.geometry().top() == 50
        placed = lock_screen.geometry()
        assert Settings.load(profile_dir).window_geometry
        again = _unlock(qtbot, shell)
        # (The offscreen screen is 800 px wide, narrower than the window's minimum: only the
        # vertical place is exact here; tests/ui_real checks the whole rectangle.)
        assert (again.geometry().top(), again.geometry().height()) == (placed.top(), placed.height())
        assert not again.isMaximized() and again.current_key == "calendar"
    finally:
        shell.shutdown()
        shell.window.close()

    restarted = Shell(profile_dir, listen_to_desktop=False)
    try:
        restarted.start()
        lock_screen = wait_for_window(qtbot, restarted, UnlockWindow)
        assert (lock_screen.geometry().top(), lock_screen.geometry().height()) == (placed.top(), placed.height())
    finally:
        restarted.shutdown()
        restarted.window.close()
        restarted.window.deleteLater()
