"""First run in a real window, both ways, ending in the main window (issue 14 items 1 and 2).

The wizard is driven as a person would: clicks on the fields, typed text, Enter for
Next and Finish. On the old code the app quit when Finish was pressed (the wizard hid
itself before the main window existed, and Qt quits with no window up).
"""

from pathlib import Path

from PySide6.QtWidgets import QWizard

from desktop.ui.first_run import FirstRunWizard
from desktop.ui.main_window import MainWindow
from tests.sync_world import PASSWORD, World
from tests.ui.conftest import PASSPHRASE
from tests.ui_real.conftest import Steps, active, click, do, keys, on_screen, run_app, shot, type_text, until, visible


def _passphrase_page(wizard: FirstRunWizard) -> Steps:
    yield until(
        lambda: wizard.currentId() == 1 and wizard.passphrase_page.passphrase.isVisible(), "the passphrase page"
    )
    page = wizard.passphrase_page
    yield do(lambda: (click(page.passphrase), type_text(PASSPHRASE)), "the passphrase")
    yield do(lambda: (click(page.repeat), type_text(PASSPHRASE), keys("Return")), "the passphrase again, Enter")


def _ends_in_the_main_window(profile_dir: Path, name: str) -> Steps:
    yield until(lambda: active(MainWindow), "the main window, with the keyboard focus")
    window = visible(MainWindow)
    yield until(lambda: window.isMaximized(), "the main window maximised")
    shot(f"first-run-{name}-main-window")
    assert on_screen(window.lock_button) and on_screen(window.statusBar()), "the status bar runs off the screen"
    assert window.navigation.currentItem().text() == "Today"
    yield do(window.close, "closing the main window")


def test_first_run_offline_only_ends_in_the_main_window(tmp_path: Path, capfd) -> None:
    """Issue 14 item 1: "Offline only", passphrase, Finish: the main window opens (the app
    used to quit), fitting the screen, and nothing is printed to the terminal."""
    profile_dir = tmp_path / "profile"

    def steps() -> Steps:
        yield until(lambda: active(FirstRunWizard), "the set-up wizard, with the keyboard focus")
        wizard = visible(FirstRunWizard)
        shot("first-run-welcome")
        yield do(lambda: (click(wizard.welcome.offline_choice), keys("Return")), "choosing offline only")
        yield from _passphrase_page(wizard)
        yield until(lambda: wizard.currentId() == 3, "the last page")
        shot("first-run-ready")
        yield do(lambda: keys("Return"), "Finish")
        yield from _ends_in_the_main_window(profile_dir, "offline")

    _settings_only(profile_dir)
    run_app(profile_dir, steps())
    assert "Traceback" not in capfd.readouterr().err


def test_first_run_connecting_to_the_service_ends_in_the_main_window(tmp_path: Path, world: World, capfd) -> None:
    """Issue 14 item 1: "Connect", passphrase, the service's address and an account on a real
    central service on loopback, Finish: the main window opens, connected."""
    username = world.add_operator("anna", [world.team_a])
    profile_dir = tmp_path / "profile"

    def steps() -> Steps:
        yield until(lambda: active(FirstRunWizard), "the set-up wizard, with the keyboard focus")
        wizard = visible(FirstRunWizard)
        assert wizard.welcome.connect_choice.isChecked()
        yield do(lambda: keys("Return"), "Next")
        yield from _passphrase_page(wizard)
        connect = wizard.connect_page
        yield until(lambda: wizard.currentId() == 2 and connect.url.isVisible(), "the connection page")
        yield do(
            lambda: (
                click(connect.url),
                type_text(world.service.url),
                click(connect.username),
                type_text(username),
                click(connect.password),
                type_text(PASSWORD),
            ),
            "the account",
        )
        shot("first-run-connect")
        yield do(lambda: keys("Return"), "Next: enrol")
        yield until(lambda: wizard.currentId() == 3, "the last page (enrolled)")
        yield until(
            lambda: (
                wizard.button(QWizard.WizardButton.FinishButton).hasFocus()
                or wizard.button(QWizard.WizardButton.FinishButton).isDefault()
            ),
            "Finish as the default",
        )
        yield do(lambda: keys("Return"), "Finish")
        yield from _ends_in_the_main_window(profile_dir, "connect")

    _settings_only(profile_dir)
    run_app(profile_dir, steps())
    assert "Traceback" not in capfd.readouterr().err


def _settings_only(profile_dir: Path) -> None:
    """English words for the test to read; no profile yet, so the app starts with the wizard."""
    from desktop.settings import Settings

    Settings(language="en").save(profile_dir)
