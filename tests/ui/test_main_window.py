"""The main window: screens by keyboard, built on first showing, and navigation between them."""

from PySide6.QtCore import Qt

from desktop.ui.main_window import SCREENS, MainWindow
from tests.ui.conftest import Caseload, wait_for_store


def test_screens_are_built_when_first_shown_and_reached_by_ctrl_number(qtbot, ui_context) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    assert set(window.pages) == {"today"}  # opening the app pays for one screen
    for number, screen in enumerate(SCREENS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key == screen.key
        assert window.stack.currentWidget() is window.pages[screen.key]
    wait_for_store(qtbot, ui_context)
    assert set(window.pages) == {screen.key for screen in SCREENS}


def test_refer_from_a_contact_opens_resources_with_that_person_chosen(qtbot, ui_context, caseload: Caseload) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    person = caseload.contacts[0]
    ui_context.navigator.open("refer", person.id)
    assert window.current_key == "resources"
    resources = window.pages["resources"]
    qtbot.waitUntil(lambda: resources.referring is not None, timeout=5_000)
    assert resources.referring.id == person.id
