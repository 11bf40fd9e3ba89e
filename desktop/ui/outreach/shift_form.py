"""The shift form: start a shift, change one after the fact, or end one with its summary.

Owns: `ShiftForm` in three modes. "start": team, area (a municipality of the gazetteer, offered
as you type, or a free route name), kind and colleagues. "edit": the same fields and the notes,
with the shift's summary so far. "end": the summary and the notes, then the shift ends. The
work is desktop.store.outreach_queries' (`start_shift`, `edit_shift`, `end_shift`, the same
calls as `prossimo shift ...`); the summary's counts are protocol.outreach's; `summary_lines`
is shared with the screen.
Must never check a rule itself: the store refuses, and the refusal is shown under its field.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store import outreach_queries as oq
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.labels import labels
from desktop.ui.outreach.common import item_name, touch
from protocol.entities import Shift, SupplyItem
from protocol.gazetteer import municipalities
from protocol.outreach import ShiftSummary


def summary_lines(summary: ShiftSummary, items: Mapping[str, SupplyItem]) -> list[str]:
    """The summary as a person reads it, one fact a line (the screen and the form show it)."""
    given = ", ".join(
        f"{item_name(items.get(item_id), item_id)} {n}" for item_id, n in sorted(summary.supplies_out.items())
    )
    return [
        QCoreApplication.translate("ShiftForm", "Encounters: {n}").format(n=summary.encounters),
        QCoreApplication.translate("ShiftForm", "People: {n} ({new} new, {codes} with a code)").format(
            n=summary.people, new=summary.new_people, codes=summary.codes_seen
        ),
        QCoreApplication.translate("ShiftForm", "Supplies given: {given}").format(
            given=given or QCoreApplication.translate("ShiftForm", "none")
        ),
        QCoreApplication.translate("ShiftForm", "Used sharps taken back: {n}").format(n=summary.sharps_in),
        QCoreApplication.translate("ShiftForm", "Referrals: {n}").format(n=summary.referrals),
    ]


_PRIMARY = {
    "start": QT_TRANSLATE_NOOP("ShiftForm", "&Start the shift"),
    "edit": QT_TRANSLATE_NOOP("ShiftForm", "&Save"),
    "end": QT_TRANSLATE_NOOP("ShiftForm", "&End the shift"),
}


def primary_text(mode: str) -> str:
    """The form's primary button for `mode` (marked above: self.tr is not callable before the dialog exists)."""
    return QCoreApplication.translate("ShiftForm", _PRIMARY[mode])


def _colleague_ids(text: str) -> list[uuid.UUID]:
    found = []
    for part in text.replace(";", ",").split(","):
        if part.strip():
            try:
                found.append(uuid.UUID(part.strip()))
            except ValueError:
                rule = QCoreApplication.translate(
                    "ShiftForm", "write each colleague's operator code, separated by commas"
                )
                raise RuleViolation("member_ids: " + rule) from None
    return found


class ShiftForm(FormDialog):
    saved = Signal(object)  # the Shift as stored

    def __init__(
        self,
        context: UiContext,
        mode: str = "start",
        shift: Shift | None = None,
        summary: ShiftSummary | None = None,
        items: Mapping[str, SupplyItem] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(primary_text(mode), parent)
        self.context, self.mode, self.shift = context, mode, shift
        self.setWindowTitle(
            {"start": self.tr("Start a shift"), "edit": self.tr("Change the shift"), "end": self.tr("End the shift")}[
                mode
            ]
        )
        self.errors = FormErrors()
        layout = QVBoxLayout(self)
        if summary is not None:
            self._build_summary(layout, summary, items or {})
        form = QFormLayout()
        layout.addLayout(form)
        self.team = QComboBox()
        self.area = QLineEdit()
        self.kind = QComboBox()
        self.colleagues = QLineEdit()
        self.notes = QPlainTextEdit()
        if mode != "end":
            self._build_shift_fields(form)
        if mode != "start":
            self.notes.setTabChangesFocus(True)
            self.notes.setFixedHeight(self.fontMetrics().height() * 4)
            form.addRow(self.tr("&Notes:"), self.notes)
            form.addRow(self.errors.add("notes", self.notes))
        if not context.teams and mode == "start":
            self.errors.general.setText(
                self.tr("This computer is not in any team yet: connect it to the organisation's service first.")
            )
            self.errors.general.show()
            self.primary_button.setEnabled(False)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)
        if shift is not None:
            self._fill(shift)
        self.primary_button.clicked.connect(self.save)
        touch(self.primary_button)
        touch(self.cancel_button)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _build_summary(self, layout: QVBoxLayout, summary: ShiftSummary, items: Mapping[str, SupplyItem]) -> None:
        heading = QLabel(self.tr("So far on this shift:") if self.mode != "edit" else self.tr("This shift:"))
        layout.addWidget(heading)
        self.summary_label = QLabel("\n".join(summary_lines(summary, items)))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)

    def _build_shift_fields(self, form: QFormLayout) -> None:
        """Team, area (the gazetteer offered as you type), kind and colleagues."""
        for team in self.context.teams:
            self.team.addItem(team.name, team.id)
        self.team.setEnabled(self.mode == "start" and len(self.context.teams) > 1)
        touch(self.team)
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow(self.errors.add("team_id", self.team))
        completer = QCompleter([m.name for m in municipalities()], self.area)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.area.setCompleter(completer)
        self.area.setPlaceholderText(self.tr("A municipality, or the name of your route"))
        touch(self.area)
        form.addRow(self.tr("&Area:"), self.area)
        form.addRow(self.errors.add("municipalities", self.area))
        for value, text in labels("shift_kind").items():
            self.kind.addItem(text, value)
        touch(self.kind)
        form.addRow(self.tr("&Kind:"), self.kind)
        self.colleagues.setPlaceholderText(self.tr("Their operator codes, separated by commas"))
        touch(self.colleagues)
        form.addRow(self.tr("C&olleagues:"), self.colleagues)
        form.addRow(self.errors.add("member_ids", self.colleagues))

    def _fill(self, shift: Shift) -> None:
        index = self.team.findData(shift.team_id)
        if index < 0:
            self.team.addItem(self.context.team_name(shift.team_id) or str(shift.team_id), shift.team_id)
            index = self.team.count() - 1
        self.team.setCurrentIndex(index)
        self.area.setText(", ".join(shift.municipalities) or shift.route_name or "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(shift.kind)))
        me = self.context.operator_id
        self.colleagues.setText(", ".join(str(m) for m in shift.member_ids if m != me))
        self.notes.setPlainText(shift.notes or "")

    def _changes(self) -> dict[str, Any]:
        """The area as the store reads it (`area_fields`: a gazetteer name, else a route); an
        emptied area is sent empty, for the schema to refuse under its field."""
        area = self.area.text().strip()
        return {
            "kind": self.kind.currentData(),
            "municipalities": [],
            "route_name": None,
            **(oq.area_fields(area) if area else {}),
        }

    def save(self) -> None:
        self.errors.clear()
        notes = self.notes.toPlainText().strip() or None
        if self.mode == "start":
            team, area, kind = self.team.currentData(), self.area.text().strip(), self.kind.currentData()
            text = self.colleagues.text()

            def start(session: StoreSession) -> Shift:
                return oq.start_shift(session, team, area, kind, _colleague_ids(text))

            if not area:
                self.errors.show(RuleViolation("municipalities: " + self.tr("write a municipality or a route name")))
                return
            self.context.store.run(start, self._saved, self._show_error, owner=self)
            return
        assert self.shift is not None
        shift_id = self.shift.id
        if self.mode == "end":

            def end(session: StoreSession) -> Shift:
                if notes != (session.shifts.get(shift_id).notes or None):
                    oq.edit_shift(session, shift_id, notes=notes)
                return oq.end_shift(session, shift_id)

            self.context.store.run(end, self._saved, self._show_error, owner=self)
            return
        changes = {**self._changes(), "notes": notes}
        text = self.colleagues.text()
        me = self.context.operator_id or self.shift.member_ids[0]

        def edit(session: StoreSession) -> Shift:
            members = list(dict.fromkeys([me, *_colleague_ids(text)]))
            return oq.edit_shift(session, shift_id, **changes, member_ids=members)

        self.context.store.run(edit, self._saved, self._show_error, owner=self)

    def _show_error(self, error: BaseException) -> None:
        self.errors.show(error)

    def _saved(self, shift: Shift) -> None:
        self.saved.emit(shift)
        self.accept()
