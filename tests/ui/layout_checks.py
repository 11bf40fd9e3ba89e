"""Walks a window's widget tree and says what a person would find wrong with it: a word
cut off, two controls drawn on top of each other, a control off the screen; a control a
screen reader cannot name, a tab order that skips an input or jumps around, a mnemonic
used twice (issue 14 items 2 and 5).

Owns: `fit_problems` (clipping, overlap, off-screen), `unnamed_controls`, `tab_chain` and
`tab_order_problems`, `mnemonic_clashes`, and `settle` (lay a window out before reading it).
Used by the offscreen tests (tests/ui/test_fit.py, tests/ui/test_accessibility.py) and the
real-window ones (tests/ui_real/test_fit_real.py): one walker, so both judge alike.

Must never change what it walks (it only reads geometry, texts and the focus chain).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollBar,
    QSizePolicy,
    QSlider,
    QSplitterHandle,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

# What a person reads or operates: these must be whole, apart and on the screen.
FITTED = (QLabel, QAbstractButton, QGroupBox, QLineEdit, QComboBox, QAbstractSpinBox, QTabBar, QProgressBar)
# What takes input: these need a name, a place in the tab order and a reachable focus.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
# Widgets whose insides are Qt's own (a spin box's line edit, a combo's list, a calendar's
# buttons): judged as one control, not walked into.
OPAQUE = (
    QComboBox,
    QAbstractSpinBox,
    QTabBar,
    QCalendarWidget,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QScrollBar,
)
# Qt's own helpers between controls: never a person's control.
PLUMBING = (QScrollBar, QSplitterHandle)


@dataclass(frozen=True)
class Problem:
    widget: str  # a readable path: "ResourceDetail > QPushButton 'Lähetä…'"
    kind: str  # clipped, overlaps, off-screen, unnamed, unreachable, tab-order, mnemonic
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def settle(window: QWidget) -> None:
    """Let layouts run and posted events land (a layout lays out on the next event loop turn)."""
    for _ in range(6):
        QCoreApplication.processEvents()
        if window.layout() is not None:
            window.layout().activate()
    QCoreApplication.processEvents()


def describe(widget: QWidget) -> str:
    text = _text(widget)
    name = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    label = f" {text[:40]!r}" if text else ""
    parent = widget.parentWidget()
    owner = ""
    while parent is not None:
        if type(parent).__module__.startswith("desktop"):
            owner = type(parent).__name__ + " > "
            break
        parent = parent.parentWidget()
    return f"{owner}{name}{label}"


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return widget.accessibleName()


def shown(root: QWidget) -> Iterator[QWidget]:
    """Every widget a person can see in `root`, parents first, not into `OPAQUE` insides,
    nor into other top-level windows."""
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        if isinstance(widget, OPAQUE):
            continue
        for child in reversed(widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)):
            if shiboken6.isValid(child) and not child.isWindow() and child.isVisible():
                stack.append(child)


def _in_scrolled_content(widget: QWidget, root: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose scrolled content holds `widget`, if any (that content may run
    past the screen: it scrolls)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return area
        parent = area
    return None


def _needed(widget: QWidget) -> tuple[int, int]:
    """The size below which this widget's text or frame is cut: what its layout promises it."""
    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    width = 0 if policy.horizontalPolicy() == QSizePolicy.Policy.Ignored else hint.width()
    height = 0 if policy.verticalPolicy() == QSizePolicy.Policy.Ignored else hint.height()
    if widget.minimumWidth() or widget.minimumHeight():  # the code chose a minimum: that one counts
        width, height = widget.minimumWidth() or width, widget.minimumHeight() or height
    if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
        height = max(height, widget.heightForWidth(widget.width()))
    return width, height


def _clipped(widget: QWidget) -> str:
    if not isinstance(widget, FITTED) or isinstance(widget, QTabBar):
        return ""  # a tab bar scrolls its own tabs
    width, height = _needed(widget)
    if widget.width() + 1 < width or widget.height() + 1 < height:
        return f"{widget.width()}x{widget.height()} but needs {width}x{height}"
    return ""


def _cut_by_parent(widget: QWidget, root: QWidget) -> str:
    """Part of the widget lies outside what its parents show (a body wider than the scroll
    area that has no horizontal scroll bar, a row pushed below a fixed-height frame)."""
    if not isinstance(widget, FITTED):
        return ""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            scrolls_x = area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            scrolls_y = area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            shown_rect = QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
            if not scrolls_x and (rect.left() < shown_rect.left() - 1 or rect.right() > shown_rect.right() + 1):
                return f"runs past the side of {type(area).__name__} (no horizontal scroll bar)"
            if not scrolls_y and (rect.top() < shown_rect.top() - 1 or rect.bottom() > shown_rect.bottom() + 1):
                return f"runs past the bottom of {type(area).__name__} (no vertical scroll bar)"
            return ""  # inside a scroll area, the rest is reached by scrolling
        if parent is root:
            break
        shown_rect = QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        if not shown_rect.adjusted(-1, -1, 1, 1).contains(rect):
            return f"sticks out of its {type(parent).__name__} ({rect} outside {shown_rect})"
        parent = parent.parentWidget()
    return ""


def _overlaps(parent: QWidget) -> Iterator[Problem]:
    if isinstance(parent, (*OPAQUE, QAbstractScrollArea, QStackedWidget, QTabWidget)):
        return
    children = [
        c
        for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if c.isVisible() and not c.isWindow() and not isinstance(c, PLUMBING)
    ]
    for i, first in enumerate(children):
        for second in children[i + 1 :]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > 1 and common.height() > 1:
                yield Problem(describe(first), "overlaps", f"{describe(second)} ({common.width()}x{common.height()})")


def fit_problems(root: QWidget, screen: QRect | None = None) -> list[Problem]:
    """What is clipped, overlapping or off `screen` (global coordinates; None: the
    window's screen's available area) in the visible tree of `root`."""
    if screen is None:
        screen = (root.screen() or QApplication.primaryScreen()).availableGeometry()
    found: list[Problem] = []
    frame = root.frameGeometry()
    if not screen.adjusted(-1, -1, 1, 1).contains(frame):
        found.append(Problem(describe(root), "off-screen", f"window {frame} outside the screen's {screen}"))
    for widget in shown(root):
        if widget is not root:
            for reason in (_clipped(widget), _cut_by_parent(widget, root)):
                if reason:
                    found.append(Problem(describe(widget), "clipped", reason))
            if isinstance(widget, FITTED) and _in_scrolled_content(widget, root) is None:
                rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
                if not screen.adjusted(-1, -1, 1, 1).contains(rect):
                    found.append(Problem(describe(widget), "off-screen", f"{rect} outside {screen}"))
        found.extend(_overlaps(widget))
    return found


# --- accessibility -------------------------------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "").replace("&", "").strip()


def interactive(root: QWidget) -> list[QWidget]:
    """The visible, enabled controls of `root` that take input."""
    return [
        w
        for w in shown(root)
        if isinstance(w, INTERACTIVE)
        and w.isEnabled()
        and not isinstance(w.parentWidget(), QTabWidget | QCalendarWidget)
        and not (isinstance(w, QToolButton) and isinstance(w.parentWidget(), QTabBar | QAbstractScrollArea))
    ]


def unnamed_controls(root: QWidget) -> list[Problem]:
    """Controls a screen reader would announce without a name; icon-only buttons also need
    a tooltip (a sighted mouse user has only the icon otherwise)."""
    found = []
    for widget in interactive(root):
        if not accessible_name(widget):
            found.append(Problem(describe(widget), "unnamed", "no accessible name (setAccessibleName or a buddy)"))
        elif isinstance(widget, QAbstractButton) and not widget.text().strip() and not widget.toolTip():
            found.append(Problem(describe(widget), "unnamed", "an icon-only button without a tooltip"))
    return found


def tab_chain(root: QWidget) -> list[QWidget]:
    """The controls Tab visits inside `root`, in order, from its first focusable child."""
    chain: list[QWidget] = []
    start = root
    widget = root.nextInFocusChain()
    seen = 0
    while widget is not start and seen < 2000:
        seen += 1
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and root.isAncestorOf(widget)
            and widget.window() is root.window()
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _focus_owner(widget: QWidget) -> QWidget:
    """The control a focusable widget belongs to (a combo's line edit is the combo)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return parent
        parent = parent.parentWidget()
    return widget


def tab_order_problems(root: QWidget) -> list[Problem]:
    """Every enabled input is reached by Tab, and Tab goes on in reading order: a step back
    up the window is allowed only to the start of a new column or section (a step to the
    right of the column it left), never back to an earlier row of the same column."""
    chain = [_focus_owner(w) for w in tab_chain(root)]
    reached = set(map(id, chain))
    found = [
        Problem(describe(w), "unreachable", "Tab never reaches it")
        for w in interactive(root)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and id(w) not in reached and not isinstance(w, QTabBar)
    ]
    points = [(w, QRect(w.mapTo(root, QPoint(0, 0)), w.size())) for w in chain]
    if points:  # the chain is a ring: read it from the control nearest the top left corner
        first = min(range(len(points)), key=lambda i: (points[i][1].top() // 8, points[i][1].left()))
        points = points[first:] + points[:first]
    for (before, a), (after, b) in zip(points, points[1:], strict=False):
        upwards = b.bottom() < a.top()
        same_column = b.left() < a.right() and b.right() > a.left()
        leftwards_same_row = b.right() < a.left() and not (b.bottom() < a.top() or b.top() > a.bottom())
        if (upwards and same_column) or leftwards_same_row:
            found.append(Problem(describe(after), "tab-order", f"Tab goes back to it from {describe(before)}"))
    return found


MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else ""


def mnemonic_clashes(root: QWidget) -> list[Problem]:
    """Two visible controls (or labels with buddies) of one window with the same Alt+letter."""
    owners: dict[str, list[QWidget]] = {}
    for widget in shown(root):
        if isinstance(widget, QAbstractButton | QLabel | QGroupBox):
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue
            letter = mnemonic_of(_text(widget))
            if letter:
                owners.setdefault(letter, []).append(widget)
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                letter = mnemonic_of(widget.tabText(index))
                if letter:
                    owners.setdefault(letter, []).append(widget)
    return [
        Problem(" and ".join(describe(w) for w in widgets), "mnemonic", f"Alt+{letter.upper()} is used twice")
        for letter, widgets in owners.items()
        if len(widgets) > 1
    ]


# --- colour ----------------------------------------------------------------------------------------------


def unreadable_text(root: QWidget, minimum: float = 4.5) -> list[Problem]:
    """Text below `minimum` contrast on its background: labels, buttons and group titles as
    their palette (stylesheet colours included) paints them, and item views' rows that set a
    colour of their own. Disabled controls are exempt (WCAG 1.4.3)."""
    from desktop.ui.style import contrast_ratio

    found = []
    for widget in shown(root):
        if not widget.isEnabled():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QGroupBox) and _text(widget).strip():
            palette = widget.palette()
            ratio = contrast_ratio(palette.color(widget.foregroundRole()), palette.color(widget.backgroundRole()))
            if ratio < minimum:
                found.append(Problem(describe(widget), "contrast", f"{ratio:.2f}:1"))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, base = widget.model(), widget.palette().color(widget.viewport().backgroundRole())
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps its column count private: it has one
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                for column in range(columns):
                    brush = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
                    if brush is None:
                        continue
                    colour = brush.color() if hasattr(brush, "color") else brush
                    ratio = contrast_ratio(colour, base)
                    if ratio < minimum:
                        found.append(
                            Problem(
                                describe(widget),
                                "contrast",
                                f"row {row} column {column}: {colour.name()} {ratio:.2f}:1",
                            )
                        )
    return found
