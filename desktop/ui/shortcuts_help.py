"""The keyboard-shortcuts help (F1): every shortcut the main window and its screens define,
read from what is actually registered, so the list can never drift from the keys.

Owns: `registered_shortcuts(window)` (the window's actions with a shortcut, its screens'
`QShortcut`s, and buttons with a shortcut other than their Alt+letter), each with its
description (an action's text, a shortcut's `whatsThis`, a button's text) and the screen it
works on, and `ShortcutsHelp`, the dialog that lists them.

Must never keep a list of keys of its own (one source: the registrations), and never build a
screen that is not built yet only to read its keys: every screen is built on its first
showing, so the help asks the window to build them (`MainWindow.page`) before reading.
"""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the platform writes them ("Ctrl+L")
    description: str
    where: str  # the screen's title, or "" for everywhere in the window


def _mnemonic(widget: QAbstractButton) -> QKeySequence:
    return QKeySequence.mnemonic(widget.text())


def _where(widget: QWidget | None, pages: dict[QWidget, str]) -> str:
    while widget is not None:
        if widget in pages:
            return pages[widget]
        widget = widget.parentWidget()
    return ""


def registered_shortcuts(window: QWidget, pages: dict[QWidget, str]) -> list[Shortcut]:
    """What `window` and its screens (`pages`: screen widget -> its title) answer to."""
    found: list[Shortcut] = []

    def add(sequences: list[QKeySequence], description: str, owner: QWidget | None) -> None:
        for sequence in sequences:
            if not sequence.isEmpty():
                found.append(
                    Shortcut(
                        sequence.toString(QKeySequence.SequenceFormat.NativeText),
                        description.replace("&", "").strip(),
                        _where(owner, pages),
                    )
                )

    for action in window.findChildren(QAction):
        if action.shortcuts():
            parent = action.parent()
            add(action.shortcuts(), action.text(), parent if isinstance(parent, QWidget) else None)
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and parent.window() is window:
            add(list(shortcut.keys()), shortcut.whatsThis(), parent)
    for button in window.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty() and button.shortcut() != _mnemonic(button) and button.window() is window:
            add([button.shortcut()], button.text(), button)
    unique = {(s.keys, s.where): s for s in found}
    return sorted(unique.values(), key=lambda s: (s.where != "", s.where, s.keys))


class ShortcutsHelp(QDialog):
    """The shortcuts of the main window, grouped by the screen they work on."""

    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        intro = QLabel(
            self.tr(
                "Alt and the underlined letter also reaches any button or field. "
                "Tab moves to the next control, Shift+Tab back."
            )
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.table.setRootIsDecorated(True)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in shortcuts:
            group = groups.get(shortcut.where)
            if group is None:
                title = shortcut.where or self.tr("Everywhere")
                group = groups[shortcut.where] = QTreeWidgetItem(self.table, [title])
                group.setFirstColumnSpanned(True)
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            QTreeWidgetItem(group, [shortcut.keys, shortcut.description])
        self.table.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        line = self.fontMetrics().height()
        self.resize(line * 34, line * 30)

    def rows(self) -> list[tuple[str, str, str]]:
        """(screen, keys, description) as listed, for tests and screen readers alike."""
        listed = []
        for index in range(self.table.topLevelItemCount()):
            group = self.table.topLevelItem(index)
            if group is None:  # only past the end, which the range never reaches
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None:
                    listed.append((group.text(0), item.text(0), item.text(1)))
        return listed
