"""The walker of tests/ui/layout_checks.py finds what it is meant to find (issue 14 items 2
and 5): each check is shown a small window with exactly that fault, and one without it.
"""

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tests.ui.layout_checks import (
    fit_problems,
    mnemonic_clashes,
    settle,
    tab_order_problems,
    unnamed_controls,
    unreadable_text,
)

SCREEN = QRect(0, 0, 1366, 768)


def _shown(qtbot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.move(0, 0)
    window.show()
    settle(window)
    return window


def test_a_label_cut_short_and_overlapping_siblings_are_found(qtbot) -> None:
    window = _shown(qtbot, QWidget())
    window.resize(400, 200)
    cut = QLabel("A label much longer than the room it is given", window)
    cut.setGeometry(10, 10, 60, 20)
    other = QPushButton("Over it", window)
    other.setGeometry(30, 10, 120, 30)
    cut.show()
    other.show()
    settle(window)
    kinds = {(p.kind, p.widget.split(" ", 1)[-1]) for p in fit_problems(window, SCREEN)}
    assert ("clipped", "'A label much longer than the room it is '") in kinds  # named by its first 40 letters
    assert any(kind == "overlaps" for kind, _ in kinds)


def test_a_window_off_the_screen_is_found_and_a_laid_out_one_passes(qtbot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Fits"))
    layout.addWidget(QPushButton("&Fine"))
    _shown(qtbot, window)
    assert fit_problems(window, SCREEN) == []
    window.move(1300, 700)
    settle(window)
    assert any(p.kind == "off-screen" for p in fit_problems(window, SCREEN))


def test_unnamed_inputs_clashing_mnemonics_and_a_backward_tab_are_found(qtbot) -> None:
    dialog = QDialog()
    form = QFormLayout(dialog)
    named = QLineEdit()
    form.addRow("&Start time:", named)
    unnamed = QLineEdit()
    form.addRow(unnamed)
    buttons = QHBoxLayout()
    save = QPushButton("&Save")
    buttons.addWidget(save)
    form.addRow(buttons)
    _shown(qtbot, dialog)
    assert [p.kind for p in unnamed_controls(dialog)] == ["unnamed"]
    assert [p.kind for p in mnemonic_clashes(dialog)] == ["mnemonic"]
    assert tab_order_problems(dialog) == []
    QWidget.setTabOrder(named, save)  # the first field, Save, then back up to the second field
    QWidget.setTabOrder(save, unnamed)
    assert any(p.kind == "tab-order" for p in tab_order_problems(dialog))


def test_text_below_4_5_to_1_is_found(qtbot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    pale = QLabel("Pale grey")
    pale.setStyleSheet("color: #b0b0b0;")
    layout.addWidget(pale)
    layout.addWidget(QLabel("Ordinary text"))
    _shown(qtbot, window)
    assert [p.widget for p in unreadable_text(window)] == ["QLabel 'Pale grey'"]
