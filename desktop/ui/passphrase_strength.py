"""A small meter under a new-passphrase field: weak, fair or strong, with a bar.

Owns: `strength_of()` (length and variety of a passphrase, scored) and the
`PassphraseStrength` widget (Settings, first-run wizard). The store's rule
(`desktop.store.keys.check_passphrase_strength`) decides what is refused; the meter
starts from it, so it never calls "fair" or "strong" something the store refuses.

Must never keep, log or show the passphrase itself: it reads the text, scores it and
forgets it.
"""

from typing import Literal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from desktop.store.keys import PASSPHRASE_MIN_LENGTH, WeakPassphrase, check_passphrase_strength

Strength = Literal["empty", "weak", "fair", "strong"]
LEVELS: dict[Strength, int] = {"empty": 0, "weak": 1, "fair": 2, "strong": 3}
_COLOURS = {"weak": "#b00020", "fair": "#a15c00", "strong": "#1b6e20"}


def strength_of(passphrase: str) -> Strength:
    """Length first (the store's rule), then variety: kinds of characters and words.

    Several unrelated words beat a short jumble of symbols, and are easier to
    remember, so a long phrase of plain words counts as strong.
    """
    if not passphrase:
        return "empty"
    try:
        check_passphrase_strength(passphrase)
    except WeakPassphrase:
        return "weak"
    kinds = sum((
        any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
        any(c.isdigit() for c in passphrase), any(not c.isalnum() for c in passphrase),
    ))
    words = len(passphrase.split())
    if len(set(passphrase.casefold())) < 6:  # "aaaaaaaaaa", "1212121212": long but guessable
        return "weak"
    if (len(passphrase) >= 20 and (words >= 4 or kinds >= 2)) or (len(passphrase) >= 14 and kinds >= 3):
        return "strong"
    return "fair"


class PassphraseStrength(QWidget):
    """`attach(line_edit)` and it follows what is typed; `strength` is the current verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strength: Strength = "empty"
        self.bar = QProgressBar()
        self.bar.setRange(0, LEVELS["strong"])
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.verdict = QLabel()
        self.verdict.setAccessibleName(self.tr("Passphrase strength"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.verdict, 2)
        self.set_passphrase("")

    def attach(self, line_edit: QLineEdit) -> None:
        line_edit.textChanged.connect(self.set_passphrase)

    def set_passphrase(self, passphrase: str) -> None:
        self.strength = strength_of(passphrase)
        words = {
            "empty": self.tr("At least {n} characters. A few unrelated words are easy to remember and hard "
                             "to guess.").format(n=PASSPHRASE_MIN_LENGTH),
            "weak": (self.tr("Too short: at least {n} characters").format(n=PASSPHRASE_MIN_LENGTH)
                     if len(passphrase) < PASSPHRASE_MIN_LENGTH
                     else self.tr("Weak: too few different characters")),
            "fair": self.tr("Fair: longer, or a few more words, would be stronger"),
            "strong": self.tr("Strong"),
        }
        self.bar.setValue(LEVELS[self.strength])
        colour = _COLOURS.get(self.strength)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}" if colour else "")
        self.verdict.setText(words[self.strength])
        self.verdict.setWordWrap(True)
        self.setAccessibleDescription(words[self.strength])
