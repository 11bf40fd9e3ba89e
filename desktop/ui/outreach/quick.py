"""The quick-encounter panel: an encounter recorded standing in the street (issue 18, part 2).

Owns: `QuickEncounter`. An anonymous encounter is three actions: "+" (or the + key), a supply
button (or its number key; each tap gives one more, its count on the button), then Done (or
Enter). Every other field is optional and one tap or key each: how many people (a group),
gender ("not asked" by default), age band, new or met before, topics, used sharps handed back,
a referral to a directory service, the person's anonymous code (search as you type among the
team's known codes, or made with the code maker) and a short note. After Done, Undo takes the
last encounter back for 10 seconds. Every target is at least 44 px (`common.TOUCH`).
The live counters are the page's (it reads the shift's summary on every change).
Must never count, check or store anything itself: recording is
desktop.store.outreach_queries.record_encounter (the CLI's call), undo a tombstone through the
repository, the rules the schema's; its refusals are shown under their field.
"""

import functools
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.store import outreach_queries as oq
from desktop.store.outreach_queries import Recorded
from desktop.ui import style
from desktop.ui.calendar import local_zone, time_text
from desktop.ui.context import UiContext
from desktop.ui.forms import FormErrors
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.labels import labels
from desktop.ui.outreach.code_maker import CodeMakerDialog
from desktop.ui.outreach.common import TOUCH, item_name, touch
from protocol.entities import Encounter, Resource, Shift, SupplyItem
from protocol.outreach import ShiftSummary

UNDO_SECONDS = 10
NUMBER_KEYS = 9  # items 1 to 9 have their number key
COLUMNS = 4  # buttons in a row of choices before the next row
# Topics offered as one tap each (stored as these tags; shown in the operator's language).
TOPICS = {
    "health": QT_TRANSLATE_NOOP("QuickEncounter", "Health"),
    "drugs": QT_TRANSLATE_NOOP("QuickEncounter", "Drugs and alcohol"),
    "housing": QT_TRANSLATE_NOOP("QuickEncounter", "Housing"),
    "food": QT_TRANSLATE_NOOP("QuickEncounter", "Food"),
    "legal": QT_TRANSLATE_NOOP("QuickEncounter", "Legal matters"),
    "work": QT_TRANSLATE_NOOP("QuickEncounter", "Work and money"),
    "safety": QT_TRANSLATE_NOOP("QuickEncounter", "Safety"),
    "family": QT_TRANSLATE_NOOP("QuickEncounter", "Family"),
}


def topic_label(tag: str) -> str:
    """A topic's words in the operator's language (the table holds the marked English)."""
    return QCoreApplication.translate("QuickEncounter", TOPICS[tag])


def show_checked(button: QPushButton) -> None:
    """A toggle whose state reads at a glance in daylight: a tick and bold when chosen (the
    style's pressed shade alone is too faint to see on a laptop in the street)."""
    text = button.text()
    button.setCheckable(True)

    def shown(checked: bool) -> None:
        button.setText(f"\u2713 {text}" if checked else text)
        font = button.font()
        font.setBold(checked)
        button.setFont(font)

    button.toggled.connect(shown)


class Choices(QGroupBox):
    """One optional field as a row of big buttons, one of them chosen (the first by default)."""

    def __init__(self, title: str, options: list[tuple[object, str]], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.group = QButtonGroup(self)
        self.values: dict[int, object] = {}
        grid = QGridLayout(self)
        for n, (value, text) in enumerate(options):
            button = touch(QPushButton(text))
            show_checked(button)
            self.group.addButton(button, n)
            self.values[n] = value
            grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        self.reset()

    def reset(self) -> None:
        first = self.group.button(0)
        if first is not None:
            first.setChecked(True)

    def value(self) -> object:
        return self.values.get(self.group.checkedId())

    def choose(self, value: object) -> None:
        for n, known in self.values.items():
            if known == value:
                button = self.group.button(n)
                if button is not None:
                    button.setChecked(True)


class Stepper(QWidget):
    """A number with big - and + beside it (a spin box's own arrows are too small to tap)."""

    def __init__(self, name: str, minimum: int, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setAccessibleName(name)
        touch(self.spin)
        less = touch(QPushButton("\u2212"))
        more = touch(QPushButton("+"))
        for button in (less, more):
            button.setFixedWidth(TOUCH + 8)
        less.setAccessibleName(QCoreApplication.translate("QuickEncounter", "{name}: one fewer").format(name=name))
        more.setAccessibleName(QCoreApplication.translate("QuickEncounter", "{name}: one more").format(name=name))
        for button in (less, more):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the spin box takes the arrow keys
        less.clicked.connect(self.spin.stepDown)
        more.clicked.connect(self.spin.stepUp)
        row.addWidget(less)
        row.addWidget(self.spin, 1)
        row.addWidget(more)


class QuickEncounter(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.shift: Shift | None = None
        self.items: list[SupplyItem] = []
        self.counts: dict[uuid.UUID, int] = {}
        self.supply_buttons: dict[uuid.UUID, QPushButton] = {}
        self.last: Recorded | None = None
        self._left = 0
        self._code_generation = 0
        self.errors = FormErrors()
        self._build()
        self._build_actions()
        self._undo_timer = QTimer(self)
        self._undo_timer.setInterval(1000)
        self._undo_timer.timeout.connect(self._undo_tick)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.plus_button = QPushButton(self.tr("+  &New encounter"))
        self.plus_button.setToolTip(self.tr("Record an encounter (+)"))
        big = QFont(self.plus_button.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.plus_button.setFont(big)
        self.plus_button.setMinimumHeight(TOUCH + 16)
        self.plus_button.setAutoDefault(False)
        self.plus_button.clicked.connect(self.start)
        top.addWidget(self.plus_button)
        self.counters = QLabel()
        self.counters.setFont(big)
        self.counters.setWordWrap(True)
        self.counters.setAccessibleName(self.tr("This shift's totals"))
        top.addWidget(self.counters, 1)
        layout.addLayout(top)
        self._build_undo(layout)
        self._build_draft(layout)
        self._build_shift_so_far(layout)

    def _build_undo(self, layout: QVBoxLayout) -> None:
        undo_row = QHBoxLayout()
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        self.undo_button = touch(QPushButton(self.tr("&Undo")))
        self.undo_button.clicked.connect(self.undo)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        layout.addLayout(undo_row)
        self.undo_button.hide()
        self.undo_label.hide()

    def _build_draft(self, layout: QVBoxLayout) -> None:
        """The encounter being entered: its fields in two columns that scroll, Done below."""
        self.draft = QFrame()
        self.draft.setFrameShape(QFrame.Shape.StyledPanel)
        draft_layout = QVBoxLayout(self.draft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, not to the frame
        fields = QWidget()
        columns = QHBoxLayout(fields)
        columns.addLayout(self._given_column(), 1)
        columns.addLayout(self._about_column(), 1)
        scroll.setWidget(fields)
        draft_layout.addWidget(scroll, 1)
        draft_layout.addWidget(self.errors.general)
        buttons = QHBoxLayout()
        self.done_button = touch(QPushButton(self.tr("&Done")))
        self.cancel_button = touch(QPushButton(self.tr("Cancel")))
        self.done_button.setToolTip(self.tr("Record this encounter (Enter)"))
        self.cancel_button.setToolTip(self.tr("Forget this encounter (Esc)"))
        self.done_button.clicked.connect(self.done)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.done_button)
        draft_layout.addLayout(buttons)
        layout.addWidget(self.draft, 1)
        self.draft.hide()

    def _build_shift_so_far(self, layout: QVBoxLayout) -> None:
        """While no encounter is open: the hint, what the shift gave, its latest encounters."""
        self.idle_hint = QLabel(
            self.tr("Press + for each encounter, tap what you gave, then Done. Everything else is optional.")
        )
        self.idle_hint.setWordWrap(True)
        layout.addWidget(self.idle_hint)
        self.given_total = QLabel()
        self.given_total.setWordWrap(True)
        layout.addWidget(self.given_total)
        self.met_heading = QLabel(self.tr("This shift's encounters, latest first"))
        layout.addWidget(self.met_heading)
        self.met = QListWidget()
        self.met.setAccessibleName(self.tr("This shift's encounters"))
        self.met.setWordWrap(True)
        self.met.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # to read; Tab stays on the actions
        self.met_heading.setBuddy(self.met)
        layout.addWidget(self.met, 1)

    def _given_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.given_box = QGroupBox(self.tr("What was given (tap once for each)"))
        self.given_grid = QGridLayout(self.given_box)
        self.given_grid.setColumnStretch(0, 1)
        self.given_grid.setColumnStretch(2, 1)
        column.addWidget(self.given_box)
        column.addWidget(self.errors.add("given", self.given_box))
        self.people = Stepper(self.tr("People"), 1, 1000)
        self.sharps = Stepper(self.tr("Used sharps handed back"), 0, 1_000_000)
        numbers = QGridLayout()  # side by side: the note stays in sight without scrolling
        for n, (title, stepper, field) in enumerate(
            (
                (self.tr("Peo&ple in this encounter"), self.people, "people"),
                (self.tr("Used s&harps handed back"), self.sharps, "sharps_returned"),
            )
        ):
            label = QLabel(title)
            label.setWordWrap(True)
            label.setBuddy(stepper.spin)
            numbers.addWidget(label, 0, n)
            numbers.addWidget(stepper, 1, n)
            numbers.addWidget(self.errors.add(field, stepper.spin), 2, n)
        column.addLayout(numbers)
        self.referral = QComboBox()
        touch(self.referral)
        label = QLabel(self.tr("&Referred to"))
        label.setBuddy(self.referral)
        column.addWidget(label)
        column.addWidget(self.referral)
        column.addWidget(self.errors.add("referral_resource_id", self.referral))

        note_label = QLabel(self.tr("Short n&ote"))
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        touch(self.note)
        note_label.setBuddy(self.note)
        column.addWidget(note_label)
        column.addWidget(self.note)
        column.addWidget(self.errors.add("note", self.note))
        column.addStretch(1)
        return column

    def _about_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.gender = Choices(self.tr("Gender, only if safe to ask"), list(labels("gender").items()))
        column.addWidget(self.gender)
        not_asked = self.tr("Not asked")
        self.age = Choices(self.tr("Age"), [(None, not_asked), *labels("age_band").items()])
        column.addWidget(self.age)
        self.new = Choices(
            self.tr("Met before?"), [(None, not_asked), (True, self.tr("First time")), (False, self.tr("Met before"))]
        )
        column.addWidget(self.new)
        code_label = QLabel(self.tr("Anonymous &code (type to search)"))
        self.code = QLineEdit()
        touch(self.code)
        code_label.setBuddy(self.code)
        self.code_model = QStringListModel(self)
        completer = QCompleter(self.code_model, self.code)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.code.setCompleter(completer)
        self.code.textEdited.connect(self._search_codes)
        self.make_code_button = touch(QPushButton(self.tr("&Make a code…")))
        self.make_code_button.clicked.connect(self.make_code)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.make_code_button)
        column.addWidget(code_label)
        column.addLayout(code_row)
        self.code_hint = QLabel()
        self.code_hint.setWordWrap(True)
        style.set_role(self.code_hint, "muted")
        column.addWidget(self.code_hint)
        column.addWidget(self.errors.add("client_code", self.code))
        self.topics_box = QGroupBox(self.tr("Talked about"))
        grid = QGridLayout(self.topics_box)
        self.topic_buttons: dict[str, QPushButton] = {}
        for n, tag in enumerate(TOPICS):
            button = touch(QPushButton(topic_label(tag)))
            show_checked(button)
            self.topic_buttons[tag] = button
            grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        column.addWidget(self.topics_box)

        column.addStretch(1)
        return column

    def _build_actions(self) -> None:
        """The keys of the street: + starts, 1-9 give, Enter records, Escape forgets."""

        def action(text: str, keys: list[QKeySequence], run: Callable[[], None]) -> QAction:
            made = QAction(text, self)
            made.setShortcuts(keys)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(run)
            self.addAction(made)
            return made

        plus = QKeySequence(Qt.Key.Key_Plus)
        keypad_plus = QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Plus)
        action(self.tr("New encounter"), [plus, keypad_plus], self.start)
        for n in range(1, NUMBER_KEYS + 1):
            keys = [QKeySequence(str(n)), QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + n))]
            action(self.tr("Give one more of the item with this number"), keys, functools.partial(self.give_number, n))
        enter = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Enter)]
        action(self.tr("Record the encounter"), enter, self._enter)
        action(self.tr("Forget the encounter"), [QKeySequence(Qt.Key.Key_Escape)], self._escape)

    # --- what the page gives --------------------------------------------------------------------

    def show_shift(self, shift: Shift, counters: str, items: list[SupplyItem], resources: list[Resource]) -> None:
        """The running shift, its totals in words, the supply catalogue and the directory."""
        self.shift = shift
        self.counters.setText(counters)
        if [i.id for i in items] != [i.id for i in self.items] or any(
            self.supply_buttons[i.id].property("name") != item_name(i) for i in items if i.id in self.supply_buttons
        ):
            self._rebuild_items(items)
        self._show_counts()
        if self.referral.count() != len(resources) + 1:
            current = self.referral.currentData()
            self.referral.clear()
            self.referral.addItem(self.tr("No referral"), None)
            for resource in resources:
                self.referral.addItem(f"{resource.service_name} \u00b7 {resource.organization_name}", resource.id)
            self.referral.setCurrentIndex(max(0, self.referral.findData(current)))

    def show_encounters(self, encounters: list[Encounter], summary: ShiftSummary) -> None:
        """The shift's latest encounters, one line each, and what the shift gave, item by item."""
        names = {str(i.id): item_name(i) for i in self.items}
        out = " · ".join(
            f"{names.get(i, '?')} {n}"
            for i, n in sorted(summary.supplies_out.items(), key=lambda p: names.get(p[0], ""))
        )
        self.given_total.setText(self.tr("Given on this shift: {given}").format(given=out) if out else "")
        self.given_total.setVisible(bool(out))
        zone = local_zone(self.context)
        self.met.clear()
        for encounter in encounters:
            parts = [time_text(encounter.at.astimezone(zone))]
            if encounter.people > 1:
                parts.append(self.tr("group of {n}").format(n=encounter.people))
            parts += [f"{names.get(str(g.item_id), '?')} {g.quantity}" for g in encounter.given] or [
                self.tr("nothing given")
            ]
            if encounter.client_code:
                parts.append(encounter.client_code)
            if encounter.new_person:
                parts.append(self.tr("first time"))
            if encounter.referral_resource_id is not None:
                parts.append(self.tr("referred"))
            self.met.addItem(" · ".join(parts))
        self.met_heading.setVisible(bool(encounters) and not self.is_open())
        self.met.setVisible(bool(encounters) and not self.is_open())

    def _rebuild_items(self, items: list[SupplyItem]) -> None:
        self.items = items
        while self.given_grid.count():
            taken = self.given_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.supply_buttons = {}
        for n, item in enumerate(items):
            button = touch(QPushButton())
            button.setProperty("name", item_name(item))
            button.setMinimumHeight(TOUCH + 12)
            button.clicked.connect(lambda _checked=False, i=item.id: self.give(i))
            less = touch(QPushButton("\u2212"))
            less.setAccessibleName(self.tr("{item}: one fewer").format(item=item_name(item)))
            less.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            less.clicked.connect(lambda _checked=False, i=item.id: self.give(i, -1))
            less.setFixedWidth(TOUCH + 8)
            self.supply_buttons[item.id] = button
            self.given_grid.addWidget(button, n // 2, (n % 2) * 2)
            self.given_grid.addWidget(less, n // 2, (n % 2) * 2 + 1)
        if not items:
            self.given_grid.addWidget(QLabel(self.tr("No supply items yet: your team lead defines them.")), 0, 0)
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab in reading order, column by column (the supply buttons are made after the rest)."""
        chain: list[QWidget] = [self.plus_button, self.undo_button, *self.supply_buttons.values()]
        chain += [self.people.spin, self.sharps.spin, self.referral, self.note]
        for choices in (self.gender, self.age, self.new):
            chain += choices.group.buttons()
        chain += [self.code, self.make_code_button, *self.topic_buttons.values(), self.cancel_button, self.done_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _show_counts(self) -> None:
        for n, item in enumerate(self.items, start=1):
            button = self.supply_buttons[item.id]
            key = f"{n} \u00b7 " if n <= NUMBER_KEYS else ""
            count = self.counts.get(item.id, 0)
            button.setText(f"{key}{item_name(item)}\n\u00d7 {count}" if count else f"{key}{item_name(item)}")
            button.setAccessibleName(self.tr("{item}, given now: {n}").format(item=item_name(item), n=count))
            font = button.font()
            font.setBold(bool(count))
            button.setFont(font)

    # --- the three actions -----------------------------------------------------------------------

    def is_open(self) -> bool:
        return not self.draft.isHidden()

    def start(self) -> None:
        """+ : a fresh encounter (what was being entered and not recorded is forgotten)."""
        if self.shift is None:
            return
        self._reset()
        self.draft.show()
        for widget in (self.idle_hint, self.given_total, self.met_heading, self.met):
            widget.hide()
        first = next(iter(self.supply_buttons.values()), None)
        (first or self.done_button).setFocus()

    def give_number(self, n: int, _checked: bool = False) -> None:
        if 0 < n <= len(self.items):
            self.give(self.items[n - 1].id)

    def give(self, item_id: uuid.UUID, step: int = 1) -> None:
        if self.shift is None:
            return
        if not self.is_open():
            self.start()
        self.counts[item_id] = max(0, self.counts.get(item_id, 0) + step)
        self.errors.clear_field("given")
        self._show_counts()

    def _enter(self) -> None:
        if self.is_open():
            self.done()

    def _escape(self) -> None:
        if self.is_open():
            self.cancel()

    def fields(self) -> dict[str, Any]:
        """The encounter as `record_encounter` takes it (optional fields only when given)."""
        fields: dict[str, Any] = {
            "given": [{"item_id": i, "quantity": n} for i, n in self.counts.items() if n],
            "people": self.people.spin.value(),
            "gender": self.gender.value(),
        }
        if self.sharps.spin.value():
            fields["sharps_returned"] = self.sharps.spin.value()
        optional = {
            "age_band": self.age.value(),
            "new_person": self.new.value(),
            "referral_resource_id": self.referral.currentData(),
            "client_code": self.code.text().strip() or None,
            "note": self.note.text().strip() or None,
        }
        fields.update({name: value for name, value in optional.items() if value is not None})
        topics = [tag for tag, button in self.topic_buttons.items() if button.isChecked()]
        if topics:
            fields["topics"] = topics
        return fields

    def done(self) -> None:
        """Done: the encounter is recorded (more given than the stock holds is recorded too)."""
        if self.shift is None or not self.is_open():
            return
        shift_id, fields = self.shift.id, self.fields()
        self.done_button.setEnabled(False)
        self.context.store.run(
            lambda s: oq.record_encounter(s, shift_id, **fields), self._recorded, self._refused, owner=self
        )

    def _refused(self, error: BaseException) -> None:
        self.done_button.setEnabled(True)
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        self.errors.show(error)

    def _recorded(self, recorded: Recorded) -> None:
        self.done_button.setEnabled(True)
        self.last = recorded
        self._close_draft()
        self._reset()
        names = {str(i.id): item_name(i) for i in self.items}
        given = ", ".join(f"{names.get(str(g.item_id), '?')} {g.quantity}" for g in recorded.encounter.given)
        text = self.tr("Encounter recorded: {given}.").format(given=given or self.tr("nothing given"))
        if recorded.discrepancies:
            short = ", ".join(names.get(i, i) for i in recorded.discrepancies)
            text += " " + self.tr("More given than the stock held of {items}: check the stock.").format(items=short)
        self.undo_label.setText(text)
        style.set_role(self.undo_label, "warning" if recorded.discrepancies else None)
        self._left = UNDO_SECONDS
        self._undo_tick(count=False)
        self.undo_label.show()
        self.undo_button.show()
        self._undo_timer.start()
        self.plus_button.setFocus()

    def cancel(self) -> None:
        self._reset()
        self._close_draft()
        self.plus_button.setFocus()

    def _close_draft(self) -> None:
        self.draft.hide()
        self.idle_hint.show()
        self.given_total.setVisible(bool(self.given_total.text()))
        self.met_heading.setVisible(self.met.count() > 0)
        self.met.setVisible(self.met.count() > 0)

    def _reset(self) -> None:
        self.counts = {}
        self.errors.clear()
        self.people.spin.setValue(1)
        self.sharps.spin.setValue(0)
        for choices in (self.gender, self.age, self.new):
            choices.reset()
        for button in self.topic_buttons.values():
            button.setChecked(False)
        self.referral.setCurrentIndex(0)
        self.code.clear()
        self.code_hint.clear()
        self.note.clear()
        self._show_counts()

    # --- undo -----------------------------------------------------------------------------------

    def _undo_tick(self, count: bool = True) -> None:
        if count:
            self._left -= 1
        if self._left <= 0:
            self._undo_timer.stop()
            self.undo_button.hide()
            self.undo_label.hide()
            self.last = None
            return
        self.undo_button.setText(self.tr("&Undo ({n} s)").format(n=self._left))

    def undo(self) -> None:
        """The last encounter taken back (a tombstone: it syncs, and gives its supplies back)."""
        if self.last is None:
            return
        encounter_id = self.last.encounter.id
        self.last = None
        self._undo_timer.stop()
        self.undo_button.hide()

        def removed(_result: object) -> None:
            self.undo_label.setText(self.tr("The last encounter was taken back."))
            style.set_role(self.undo_label, None)
            QTimer.singleShot(UNDO_SECONDS * 1000, self.undo_label.hide)

        self.context.store.run(lambda s: s.encounters.tombstone(encounter_id), removed, self._show_error, owner=self)

    # --- codes ----------------------------------------------------------------------------------

    def _search_codes(self, text: str) -> None:
        if self.shift is None:
            return
        self._code_generation += 1
        generation, team = self._code_generation, self.shift.team_id

        def show(found: list[tuple[str, int]]) -> None:
            if generation != self._code_generation:
                return  # an answer to what was typed before
            self.code_model.setStringList([code for code, _n in found])
            exact = next((n for code, n in found if code.replace("-", "") == text.upper().replace("-", "")), None)
            if exact is not None:
                self.code_hint.setText(self.tr("Known code: met %n time(s) by your team", "", exact))
            elif found:
                self.code_hint.setText(self.tr("%n known code(s) start like this", "", len(found)))
            else:
                self.code_hint.setText(self.tr("No known code starts like this") if text.strip() else "")

        self.context.store.run(lambda s: oq.codes_starting(s, team, text), show, owner=self)

    def make_code(self) -> None:
        if self.shift is None:
            return
        dialog = CodeMakerDialog(self.context, self.shift.team_id, self)
        dialog.accepted.connect(lambda: self._code_made(dialog.chosen))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _code_made(self, code: str | None) -> None:
        if code:
            self.code.setText(code)
            self._search_codes(code)
        self.done_button.setFocus()
