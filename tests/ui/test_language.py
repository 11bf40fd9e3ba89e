"""Switching the UI language while the app runs: Italian, English, Finnish."""

from desktop.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.shell import Shell
from tests.ui.test_shell import PASSPHRASE_TEXT, make_profile, unlock, wait_for_window


def test_switching_language_rebuilds_the_window_on_the_same_screen(qtbot, shell: Shell) -> None:
    make_profile(shell)
    shell.start()
    unlock(qtbot, shell, PASSPHRASE_TEXT)
    window = wait_for_window(qtbot, shell, MainWindow)
    window.show_page("reports")
    english = window.navigation.item(0).text()
    try:
        shell.session.context.apply_settings(Settings(language="fi", auto_lock_minutes=5))
        rebuilt = wait_for_window(qtbot, shell, MainWindow)
        assert rebuilt is not window and rebuilt.current_key == "reports"
        assert rebuilt.navigation.item(0).text() == "Tänään" != english
        assert Settings.load(shell.profile.directory).language == "fi"  # remembered for the unlock screen
        shell.session.context.apply_settings(Settings(language="it", auto_lock_minutes=5))
        assert wait_for_window(qtbot, shell, MainWindow).navigation.item(0).text() == "Oggi"
    finally:
        from desktop.ui import i18n

        i18n.install("en")  # the next tests read English
