"""Showing a validation error beside the field it is about.

Owns: `field_errors` (a pydantic ValidationError or a store RuleViolation read as
{field: message}) and `FormErrors`, which puts each message in a small red label
under its input and into the input's accessible description, so screen readers
announce it too. The rules themselves live in the shared `protocol` schemas and
the store: forms never re-implement them.

Must never show the rejected input back in the message (it may be a name or a
phone number that ends up in a screenshot or a support ticket).
"""

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from protocol import describe_validation_error

GENERAL = ""  # the key for problems that name no field


def field_errors(error: BaseException) -> dict[str, str]:
    """{field: message}; `loc` paths are reduced to their first part ("phones.0.number" -> "phones")."""
    lines = describe_validation_error(error) if isinstance(error, ValidationError) else str(error).splitlines()
    found: dict[str, str] = {}
    for line in lines:
        name, sep, message = line.partition(": ")
        if not sep or " " in name.strip():
            name, message = GENERAL, line
        field = name.split(".")[0]
        found.setdefault(field, message)
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
        return label

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
        leftovers = []
        for field, message in problems.items():
            if field in self._inputs:
                widget, label = self._inputs[field]
                label.setText(message)
                label.show()
                widget.setAccessibleDescription(message)
            else:
                leftovers.append(f"{field}: {message}" if field else message)
        if leftovers:
            self.general.setText("\n".join(leftovers))
            self.general.show()
        first = next((self._inputs[f][0] for f in problems if f in self._inputs), None)
        if first is not None:
            first.setFocus()
        return problems

    def message(self, field: str) -> str:
        return self._inputs[field][1].text() if field in self._inputs else self.general.text()


def error_label() -> QLabel:
    """A hidden red label for one input's problem (shown by `FormErrors` or by hand)."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def read_only_value(name: str) -> QLabel:
    """A value shown on a detail page: plain text (never rich text from a record), wrapped,
    selectable by mouse and keyboard, and named for screen readers."""
    value = QLabel()
    value.setTextFormat(Qt.TextFormat.PlainText)
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    value.setAccessibleName(name)
    return value
