"""Every form dialog through Enter and Escape (issue 14 item 3): the primary action is the
default button, Enter in a text field does it, and closing with changes asks first.

Offscreen, on the real store; the real-window flows (tests/ui_real) do the same through
the X server for New contact.
"""

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.contacts.dialogs import ConsentDialog, NoteDialog, RelationshipDialog
from desktop.ui.contacts.form import ContactForm
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog
from desktop.ui.intake import IntakeAcceptDialog, IntakeDeclineDialog
from desktop.ui.resources.refer import ReferralDialog
from tests.ui.conftest import NOW, Caseload, wait_for_store


def _request(context: UiContext):  # an IntakeRequest
    return context.store.worker.call(
        lambda s: s.intake_requests.create(
            kind="first_contact",
            alias="Stella",
            contact_channel="none",
            consent_to_contact=False,
            received_at=NOW - dt.timedelta(minutes=5),
            reference="A9B8C7",
            language="it",
        )
    )


DIALOGS: dict[str, Callable[[UiContext, Caseload], FormDialog]] = {
    "new contact": lambda c, load: ContactForm(c),
    "note": lambda c, load: NoteDialog(c, load.contacts[0].id),
    "consent": lambda c, load: ConsentDialog(c, load.contacts[0].id),
    "relationship": lambda c, load: RelationshipDialog(c, load.contacts[0].id),
    "appointment": lambda c, load: AppointmentForm(c),
    "accept request": lambda c, load: IntakeAcceptDialog(c, _request(c)),
    "decline request": lambda c, load: IntakeDeclineDialog(c, _request(c)),
    "referral": lambda c, load: ReferralDialog(c, load.resources[0], load.contacts[0]),
}


def _open(qtbot, make: Callable[[], FormDialog]) -> FormDialog:
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    wait_for_store(qtbot, dialog.context)
    return dialog


def _text_inputs(dialog: FormDialog, kinds: tuple[type, ...]) -> list[QWidget]:
    """The dialog's own text inputs of these kinds (not the line inside a spin box or a combo)."""
    return [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and w.isEnabled()
        and w.window() is dialog
        and not w.isReadOnly()
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
    ]


def _first_text_field(dialog: FormDialog) -> QLineEdit:
    return _text_inputs(dialog, (QLineEdit,))[0]


# A note and a referral have no one-line field: their text is a paragraph, where Enter is a new line.
ONE_LINE = [name for name in DIALOGS if name not in ("note", "referral")]


@pytest.mark.parametrize("name", ONE_LINE)
def test_enter_in_a_text_field_does_the_primary_action(
    qtbot,
    ui_context,
    caseload: Caseload,
    name: str,
) -> None:
    """Issue 14 item 3: Enter in a text field presses the primary action, never Cancel (the
    default button was Cancel in New contact and Add consent: Enter threw the form away)."""
    dialog = _open(qtbot, lambda: DIALOGS[name](ui_context, caseload))
    assert dialog.primary_button.isDefault() and not dialog.cancel_button.isDefault()
    pressed: list[bool] = []
    dialog.primary_button.clicked.connect(lambda *_: pressed.append(True))
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    field = _first_text_field(dialog)
    field.setFocus()
    qtbot.keyClicks(field, "Quercia")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pressed == [True] and rejected == []
    wait_for_store(qtbot, ui_context)
    dialog._start = None  # whatever the save did, let the test close it
    dialog.close()


@pytest.mark.parametrize("name", DIALOGS)
def test_escape_with_changes_asks_and_keeps_the_input(
    qtbot,
    ui_context,
    caseload: Caseload,
    name: str,
) -> None:
    """Issue 14 item 3: Escape, Cancel or the close button on a changed form asks first;
    "Keep editing" (the default answer) keeps every letter; "Discard" closes."""
    dialog = _open(qtbot, lambda: DIALOGS[name](ui_context, caseload))
    field = _text_inputs(dialog, (QLineEdit, QPlainTextEdit))[0]
    field.setFocus()
    qtbot.keyClicks(field, "!")
    typed = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    for close in (lambda: qtbot.keyClick(field, Qt.Key.Key_Escape), dialog.cancel_button.click, dialog.close):
        close()
        question = dialog.discard_question
        assert question is not None and question.isVisible() and dialog.isVisible()
        assert question.defaultButton() is question.keep_button
        question.keep_button.click()
        qtbot.waitUntil(lambda: dialog.discard_question is None)
        assert dialog.isVisible()
        assert (field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()) == typed
    dialog.reject()
    dialog.discard_question.discard_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("name", DIALOGS)
def test_escape_on_an_untouched_form_just_closes(
    qtbot,
    ui_context,
    caseload: Caseload,
    name: str,
) -> None:
    """Nothing typed, nothing to lose: no question (filled-in answers from the store count as
    the starting point, not as the operator's changes)."""
    dialog = _open(qtbot, lambda: DIALOGS[name](ui_context, caseload))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.discard_question is None
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("name", DIALOGS)
def test_typing_starts_in_an_input_not_on_a_button(qtbot, ui_context, caseload: Caseload, name: str) -> None:
    """Opened and typed into straight away, a dialog takes the keys in one of its inputs.
    Qt started the focus at the button box, the first widget FormDialog makes: in a real
    window "Add a note" then Tab and typing wrote nothing at all (seen under openbox)."""
    dialog = _open(qtbot, lambda: DIALOGS[name](ui_context, caseload))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    focused = dialog.focusWidget()
    assert not dialog.buttons.isAncestorOf(focused), f"{name}: focus starts on {focused.objectName() or focused}"
    if name == "note":
        assert focused is dialog.body  # what is typed is the note itself
    dialog.close()
