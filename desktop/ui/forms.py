"""Form dialogs and showing a validation error beside the field it is about.

Owns: `FormDialog`, the one base of every dialog that edits something: its primary
action (Save, Send, Accept…) is the dialog's default button, so Enter in a text field
does that action and never Cancel; and closing it with changes (Escape, the window's
close button, Cancel) asks before discarding them. Also `field_errors` (a pydantic
ValidationError or a store RuleViolation read as {field: our own sentence in the
operator's language}, see `desktop.ui.messages`) and `FormErrors`, which puts each
message in a small red label under its input and into the input's accessible
description, so screen readers announce it too, and takes it away as soon as that
input changes. The rules themselves live in the shared `protocol` schemas and the
store: forms never re-implement them.

Must never show the rejected input back in the message (it may be a name or a
phone number that ends up in a screenshot or a support ticket), and never throw
typed input away without the operator saying so.
"""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop.ui import messages, style


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def field_errors(error: BaseException) -> dict[str, str]:
    """{field: sentence}, translated; `loc` paths are reduced to their first part
    ("phones.0.number" -> "phones"). The sentence does not repeat the field's name: it is
    shown under the field's input (`FormErrors.show` names it when it goes to the general label)."""
    found: dict[str, str] = {}
    for problem in messages.problems(error):
        found.setdefault(problem.field.split(".")[0], _sentence(messages.problem_text(problem)))
    return found


class FormErrors:
    """Error labels for a form's inputs: `add(field, input)` returns the label to lay out."""

    def __init__(self, general: QLabel | None = None) -> None:
        self._inputs: dict[str, tuple[QWidget, QLabel]] = {}
        self.general = general or error_label()

    def add(self, field: str, widget: QWidget) -> QLabel:
        label = error_label()
        label.setBuddy(widget)
        self._inputs[field] = (widget, label)
        _on_change(widget, lambda *_args: self.clear_field(field))
        return label

    def clear_field(self, field: str) -> None:
        """Take one input's message away (it changed: the message may no longer be true)."""
        if field in self._inputs:
            widget, label = self._inputs[field]
            if label.text():
                label.clear()
                label.hide()
                widget.setAccessibleDescription("")

    def clear(self) -> None:
        for widget, label in self._inputs.values():
            label.clear()
            label.hide()
            widget.setAccessibleDescription("")
        self.general.clear()
        self.general.hide()

    def show(self, error: BaseException) -> dict[str, str]:
        """Show every problem; those naming no known field go to the general label."""
        self.clear()
        problems = field_errors(error)
        named = {problem.field.split(".")[0]: problem for problem in messages.problems(error)}
        leftovers = []
        for field, message in problems.items():
            if field in self._inputs:
                widget, label = self._inputs[field]
                label.setText(message)
                label.show()
                widget.setAccessibleDescription(message)
            else:
                leftovers.append(_sentence(messages.with_field(named[field])) if field else message)
        if leftovers:
            self.general.setText("\n".join(leftovers))
            self.general.show()
        first = next((self._inputs[f][0] for f in problems if f in self._inputs), None)
        if first is not None:
            first.setFocus()
        shown = first or (self.general if leftovers else None)
        if shown is not None and shown.window().isVisible():
            grow_to_fit(shown.window())
        return problems

    def message(self, field: str) -> str:
        return self._inputs[field][1].text() if field in self._inputs else self.general.text()


# What a window manager's title bar takes besides the title: icon, buttons, margins.
TITLE_BAR_EXTRA = 140


def fit_title(window: QWidget) -> None:
    """Widen a window whose title would be cut short in its title bar ("Accetta una richi…"),
    up to the screen's width; never narrower than it is."""
    font = QFont(window.font())
    font.setBold(True)  # title bars usually are
    wanted = QFontMetrics(font).horizontalAdvance(window.windowTitle()) + TITLE_BAR_EXTRA
    screen = window.screen()
    if screen is not None:
        wanted = min(wanted, screen.availableGeometry().width())
    if window.width() < wanted:
        window.resize(wanted, window.height())


def grow_to_fit(window: QWidget) -> None:
    """Make a window tall enough for what it shows now (messages just appeared under inputs,
    each wrapped to the input's width; or, when first shown, wrapped text at the width it
    was given: Qt caps a new window's width at 2/3 of the screen without then growing its
    height, and with large system text the last lines were cut), up to the screen's
    height; never smaller."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height(), layout.totalMinimumSize().height())
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if window.height() < needed:
        window.resize(window.width(), needed)


def _on_change(widget: QWidget, slot: Callable[..., None]) -> None:
    """Call `slot` whenever the operator changes what `widget` holds."""
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        widget.editTextChanged.connect(slot)
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(slot)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(slot)
        if hasattr(widget, "textChanged"):
            widget.textChanged.connect(slot)
    elif isinstance(widget, QListWidget):
        widget.model().rowsInserted.connect(slot)
        widget.model().rowsRemoved.connect(slot)
        widget.itemChanged.connect(slot)
    elif isinstance(widget, QGroupBox):
        widget.toggled.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
        widget.clicked.connect(slot)


class _WrappedMessage(QLabel):
    """A wrapped label that asks its layout for every line it needs at the width it got.

    A form layout under a real window manager gave a three-line message the height of
    two (offscreen it was right), so the first and last lines were cut. A minimum height
    kept at `heightForWidth(width)` holds on every platform, and `grow_to_fit` reads it."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_lines()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._keep_lines()

    def _keep_lines(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed != self.minimumHeight() and needed >= 0:
            self.setMinimumHeight(needed)


def error_label() -> QLabel:
    """A hidden red label for one input's problem (shown by `FormErrors` or by hand)."""
    label = _WrappedMessage()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    style.set_role(label, "error")  # a colour readable on the palette, high contrast included
    label.hide()
    return label


def read_only_value(name: str) -> QLabel:
    """A value shown on a detail page: plain text (never rich text from a record), wrapped,
    selectable by mouse and keyboard, and named for screen readers."""
    value = QLabel()
    value.setTextFormat(Qt.TextFormat.PlainText)
    value.setWordWrap(True)
    value.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    value.setAccessibleName(name)
    return value


# --- the dialogs that edit something ---------------------------------------------------------


def _value(widget: QWidget) -> object:
    """What an input holds, comparable with ==; None for a widget that holds no input."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toMSecsSinceEpoch() if widget.dateTime() != QDateTime() else None
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QListWidget):
        return tuple(widget.item(i).text() for i in range(widget.count()))
    if isinstance(widget, QGroupBox) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


class FormDialog(QDialog):
    """A dialog that edits something. Subclasses lay out `self.buttons` (made here, with
    the primary action and Cancel) and connect `self.primary_button.clicked` to their
    save; they call `accept()` once it is saved. Anything else that closes the dialog
    goes through `reject()`, which asks first when an input differs from how it opened.

    Inputs filled after the dialog opened (an answer from the store) are made part of
    the starting point with `settled(widget)`, so they do not count as the operator's
    changes."""

    def __init__(self, primary_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Parented now: a default button set before its box belongs to the dialog is not
        # the dialog's default, and Qt then makes the first button in the focus chain
        # (Cancel) the default when the dialog is shown.
        self.buttons = QDialogButtonBox(self)
        self.primary_button: QPushButton = self.buttons.addButton(primary_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button: QPushButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.primary_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.discard_question: QMessageBox | None = None
        self._start: dict[int, object] | None = None

    # --- what the operator changed ---------------------------------------------------------

    def _inputs(self) -> list[QWidget]:
        """This dialog's own inputs (not those of a picker opened from it)."""
        return [w for w in self.findChildren(QWidget) if w.window() is self and _value(w) is not None]

    def _snapshot(self) -> dict[int, object]:
        return {id(w): _value(w) for w in self._inputs()}

    def settled(self, *widgets: QWidget) -> None:
        """Take these inputs' present values as the starting point (filled by the program)."""
        if self._start is None:
            return
        for widget in widgets:
            self._start[id(widget)] = _value(widget)

    def has_changes(self) -> bool:
        return self._start is not None and self._snapshot() != self._start

    def showEvent(self, event: QShowEvent) -> None:
        if self._start is None:
            self._start = self._snapshot()
            self._focus_first_input()
        self.primary_button.setDefault(True)
        fit_title(self)
        super().showEvent(event)
        grow_to_fit(self)

    def _focus_first_input(self) -> None:
        """Start where the operator types. Qt would start at the first widget made, which is
        the button box (made here, before any input, so that its default button holds): a
        newcomer who opened "Add a note" and typed wrote into nothing. A subclass that chose
        a widget (`setFocus` before showing) keeps its choice."""
        chosen = self.focusWidget()
        if chosen is not None and not self.buttons.isAncestorOf(chosen):
            return
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:  # the chain is a ring through the dialog
            if (
                _value(widget) is not None
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not self.buttons.isAncestorOf(widget)
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    # --- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, Cancel and the close button all come here: discard only what the operator
        agrees to discard."""
        if not self.has_changes():
            super().reject()
            return
        if self.discard_question is not None and self.discard_question.isVisible():
            return
        # The context named, not self.tr(): that would look the words up under the subclass's name.
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("FormDialog", "Discard changes?"),
            QCoreApplication.translate("FormDialog", "What you typed in this window has not been saved. Discard it?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(
            QCoreApplication.translate("FormDialog", "&Discard"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            QCoreApplication.translate("FormDialog", "&Keep editing"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)  # a stray Enter never throws input away
        box.setEscapeButton(keep)
        box.finished.connect(lambda _result: self._discard_answered(box.clickedButton() is discard))
        # For tests and keyboard users alike; our own attributes on Qt's box, unknown to its stubs.
        box.discard_button = discard  # type: ignore[attr-defined]  # our attribute on a QMessageBox
        box.keep_button = keep  # type: ignore[attr-defined]  # our attribute on a QMessageBox
        self.discard_question = box
        box.open()

    def _discard_answered(self, discard: bool) -> None:
        question, self.discard_question = self.discard_question, None
        if question is not None:
            question.deleteLater()
        if discard:
            self._start = None  # nothing left to protect
            super().reject()
