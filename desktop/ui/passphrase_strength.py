"""A meter under a new-passphrase field: too short, weak, fair or strong, as a bar with its word.

Owns: `passphrase_problem()` (why the store would refuse a passphrase, in the operator's
language), `strength_of()` (length and variety of a passphrase, scored) and the
`PassphraseStrength` widget (Settings, first-run wizard): a "Strength:" caption, a
progress bar that shows its verdict as text (so it never looks like an empty input),
and a line of advice. The store's rule (`desktop.store.keys.check_passphrase_strength`)
decides what is refused, and is the one source for both the meter and the error the
pages show: the meter never calls "fair" or "strong" something the store refuses, and a
"too short" error never stays beside a meter that has moved on (`attach` refreshes it).

Must never keep, log or show the passphrase itself: it reads the text, scores it and
forgets it.
"""

from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from desktop.store.keys import PASSPHRASE_MIN_LENGTH, WeakPassphrase, check_passphrase_strength

Strength = Literal["empty", "weak", "fair", "strong"]
LEVELS: dict[Strength, int] = {"empty": 0, "weak": 1, "fair": 2, "strong": 3}
# Light fills under dark text (the verdict is written across the bar), inside a border
# dark enough to see on the window's background.
_COLOURS = {"weak": "#f5b5bd", "fair": "#f6d28f", "strong": "#9fd49a"}
_STYLE = (
    "QProgressBar {{ border: 1px solid #6b6b6b; border-radius: 3px; background: #ffffff; color: #1a1a1a;"
    " text-align: center; }} QProgressBar::chunk {{ background: {colour}; }}"
)


def passphrase_problem(passphrase: str) -> str | None:
    """Why the store refuses `passphrase`, in words; None when it accepts it."""
    try:
        check_passphrase_strength(passphrase)
    except WeakPassphrase:
        return QCoreApplication.translate("PassphraseStrength", "Too short: at least {n} characters").format(
            n=PASSPHRASE_MIN_LENGTH
        )
    return None


def strength_of(passphrase: str) -> Strength:
    """The store's rule first (what it refuses is "weak"), then variety: kinds of characters and words.

    Several unrelated words beat a short jumble of symbols, and are easier to
    remember, so a long phrase of plain words counts as strong.
    """
    if not passphrase:
        return "empty"
    if passphrase_problem(passphrase) is not None:
        return "weak"
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    words = len(passphrase.split())
    if len(set(passphrase.casefold())) < 6:  # "aaaaaaaaaa", "1212121212": long but guessable
        return "weak"
    if (len(passphrase) >= 20 and (words >= 4 or kinds >= 2)) or (len(passphrase) >= 14 and kinds >= 3):
        return "strong"
    return "fair"


class PassphraseStrength(QWidget):
    """`attach(line_edit, error)` and it follows what is typed; `strength` is the current verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strength: Strength = "empty"
        caption = QLabel(self.tr("Strength:"))
        self.bar = QProgressBar()
        self.bar.setRange(0, LEVELS["strong"])
        self.bar.setTextVisible(True)  # the verdict is written in the bar: a meter, not an empty box
        self.bar.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 14))
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        self.set_passphrase("")

    def attach(self, line_edit: QLineEdit, error: QLabel | None = None) -> None:
        """Follow `line_edit`; `error` (the field's error label) is kept in step with the rule as
        the operator types: it goes once the passphrase is long enough."""
        line_edit.textChanged.connect(self.set_passphrase)
        if error is not None:
            line_edit.textChanged.connect(lambda text: self._refresh_error(line_edit, error, text))

    @staticmethod
    def _refresh_error(line_edit: QLineEdit, error: QLabel, passphrase: str) -> None:
        if error.isHidden():
            return
        problem = passphrase_problem(passphrase)
        if problem is None:
            error.clear()
            error.hide()
            line_edit.setAccessibleDescription("")
        else:
            error.setText(problem)
            line_edit.setAccessibleDescription(problem)

    def set_passphrase(self, passphrase: str) -> None:
        self.strength = strength_of(passphrase)
        problem = passphrase_problem(passphrase) if passphrase else None
        word = {
            "empty": self.tr("Nothing typed yet"),
            "weak": self.tr("Too short") if problem else self.tr("Weak"),
            "fair": self.tr("Fair"),
            "strong": self.tr("Strong"),
        }[self.strength]
        advice = {
            "empty": self.tr(
                "At least {n} characters. A few unrelated words are easy to remember and hard to guess."
            ).format(n=PASSPHRASE_MIN_LENGTH),
            "weak": problem or self.tr("Weak: too few different characters"),
            "fair": self.tr("Fair: longer, or a few more words, would be stronger"),
            "strong": self.tr("Strong"),
        }[self.strength]
        self.bar.setValue(LEVELS[self.strength])
        self.bar.setFormat(word)
        self.bar.setStyleSheet(_STYLE.format(colour=_COLOURS.get(self.strength, "transparent")))
        self.bar.setAccessibleDescription(advice)
        self.verdict.setText(advice)
        self.verdict.setVisible(self.strength != "strong")  # "Strong" is already written in the bar
        self.setAccessibleDescription(advice)
