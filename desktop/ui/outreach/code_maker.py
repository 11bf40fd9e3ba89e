"""The code maker: a person's anonymous client code from their answers (issue 18, part 3).

Owns: `CodeMakerDialog`, which asks the organisation recipe's inputs (one field each, labelled
in the operator's language), derives the code on the store thread (the key never leaves it),
clears every answer as soon as the code is made, and offers the near misses ("did you mean")
among the team's known codes, each naming only which answer differs. `chosen` is the code the
operator took. The rules are protocol.client_codes' and the known codes
desktop.store.outreach_queries'.
Must never keep, log or show back an answer (the fields are emptied when the code is made and
when the dialog closes), and never show a near miss's answers.
"""

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.store import outreach_queries as oq
from desktop.store.session import StoreSession
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.outreach.common import touch
from protocol.client_codes import CodeError, NearMiss, Recipe, RecipeInput, make_code, near_misses

# How the default recipe's inputs are asked, in the operator's language.
_ASKED = {
    "mother_first_name": QT_TRANSLATE_NOOP("CodeMaker", "Mother's first name"),
    "father_first_name": QT_TRANSLATE_NOOP("CodeMaker", "Father's first name"),
    "birth_day": QT_TRANSLATE_NOOP("CodeMaker", "Day of birth (1-31)"),
    "birth_month": QT_TRANSLATE_NOOP("CodeMaker", "Month of birth (1-12)"),
    "birth_year": QT_TRANSLATE_NOOP("CodeMaker", "Year of birth"),
    "gender": QT_TRANSLATE_NOOP("CodeMaker", "Gender (F, M or X)"),
}


def asked(item: RecipeInput) -> str:
    """The question for one input; an input the organisation named itself, by its name."""
    if item.name in _ASKED:
        return QCoreApplication.translate("CodeMaker", _ASKED[item.name])
    return item.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Made:
    code: str
    seen_before: bool
    misses: list[NearMiss]


def _recipe(session: StoreSession) -> Recipe:
    return session.replica.code_key().recipe


def _make(session: StoreSession, team_id: uuid.UUID, answers: dict[str, object]) -> Made:
    codes = session.replica.code_key()
    known = oq.known_codes(session, team_id)
    code = make_code(codes.key, codes.recipe, answers)
    misses = near_misses(codes.key, codes.recipe, answers, known)
    return Made(code, bool(known([code])), misses)


class CodeMakerDialog(FormDialog):
    def __init__(self, context: UiContext, team_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Make the code"), parent)
        self.setWindowTitle(self.tr("Anonymous code"))
        self.context = context
        self.team_id = team_id
        self.chosen: str | None = None
        self.recipe: Recipe | None = None
        self.fields: dict[str, QLineEdit] = {}
        self.errors = FormErrors()
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Ask the person these questions. Their answers are never kept: only the code is."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        self.code_text = QLabel()
        self.code_text.setWordWrap(True)
        self.code_text.hide()
        layout.addWidget(self.code_text)
        self.suggestions = QVBoxLayout()
        layout.addLayout(self.suggestions)
        layout.addWidget(self.buttons)
        self.primary_button.clicked.connect(self.make)
        self.primary_button.setEnabled(False)
        touch(self.primary_button)
        touch(self.cancel_button)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        context.store.run(_recipe, self._show_recipe, self._no_key, owner=self)

    def has_changes(self) -> bool:
        return False  # nothing here is kept: closing loses nothing the operator would miss

    def _no_key(self, error: BaseException) -> None:
        self.errors.general.setText(
            self.tr("This computer has not received the organisation's code key yet: sync it with the service first.")
        )
        self.errors.general.show()

    def _show_recipe(self, recipe: Recipe) -> None:
        self.recipe = recipe
        for item in recipe.inputs:
            edit = QLineEdit()
            touch(edit)
            edit.setAccessibleName(asked(item))
            self.fields[item.name] = edit
            self.form.addRow(asked(item), edit)
            self.form.addRow(self.errors.add(item.name, edit))
        self.primary_button.setEnabled(True)
        if recipe.inputs:
            self.fields[recipe.inputs[0].name].setFocus()

    def _clear_answers(self) -> None:
        for edit in self.fields.values():
            edit.clear()

    def make(self) -> None:
        if self.chosen is not None:  # the code is shown: the primary button now takes it
            self.accept()
            return
        answers: dict[str, object] = {name: edit.text() for name, edit in self.fields.items()}
        team = self.team_id
        self.errors.clear()
        self.context.store.run(lambda s: _make(s, team, answers), self._made, self._refused, owner=self)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, CodeError):
            self.errors.show(ValueError(str(error)))  # "input: rule", never the value
        else:
            self._no_key(error)

    def _made(self, made: Made) -> None:
        self._clear_answers()
        for edit in self.fields.values():
            edit.setEnabled(False)
        self.chosen = made.code
        seen = self.tr("met before by your team") if made.seen_before else self.tr("new to your team")
        self.code_text.setText(self.tr("Code: {code} ({seen})").format(code=made.code, seen=seen))
        self.code_text.setAccessibleName(self.code_text.text())
        self.code_text.show()
        self.primary_button.setText(self.tr("&Use this code"))
        if made.misses and self.recipe is not None:
            names = {item.name: item for item in self.recipe.inputs}
            heading = QLabel(self.tr("Did you mean one of these? One answer differs:"))
            heading.setWordWrap(True)
            self.suggestions.addWidget(heading)
            for miss in made.misses[:5]:
                button = QPushButton(
                    self.tr("{code} (differs in: {input})").format(code=miss.code, input=asked(names[miss.differs_in]))
                )
                touch(button)
                button.clicked.connect(lambda _checked=False, code=miss.code: self._take(code))
                self.suggestions.addWidget(button)
        self.primary_button.setFocus()

    def _take(self, code: str) -> None:
        self.chosen = code
        self.accept()

    def done(self, result: int) -> None:
        self._clear_answers()
        super().done(result)
