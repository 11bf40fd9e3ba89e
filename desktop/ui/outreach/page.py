"""The Street outreach screen: the running shift, its encounters, and the shifts before it.

Owns: `OutreachPage`. With no shift running: Start a shift, and this operator's latest shifts
(each opens the shift form to change it after the fact, with its summary). With one running:
its area and start, the live counters (its summary, read again after every write), the
quick-encounter panel, Change and End (the end shows the summary and takes the notes). The
low-stock warning of the operator's teams is on top either way.
Must never count or decide anything itself: everything it shows is read by
desktop.store.outreach_queries (the same functions as `prossimo shift ...`), summarised by
protocol.outreach, on the store thread.
"""

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.store import outreach_queries as oq
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from desktop.ui import style
from desktop.ui.calendar import date_text, local_zone, time_text
from desktop.ui.context import UiContext
from desktop.ui.labels import label
from desktop.ui.outreach.common import OUTREACH_ENTITIES, touch
from desktop.ui.outreach.quick import QuickEncounter
from desktop.ui.outreach.shift_form import ShiftForm
from desktop.ui.outreach.stock import Low, low_stock_text, read_low_stock
from protocol.entities import Encounter, Resource, Shift, SupplyItem
from protocol.outreach import ShiftSummary

RECENT = 20
SHOWN_ENCOUNTERS = 50
SHIFT = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class PageData:
    running: Shift | None
    summary: ShiftSummary | None
    encounters: list[Encounter]  # the running shift's, newest first
    recent: list[tuple[Shift, ShiftSummary]]
    items: list[SupplyItem]
    resources: list[Resource]
    low: list[Low]
    refusal: str | None  # why no shift can be recorded here (not enrolled)


def read_page(session: StoreSession, team_ids: list[uuid.UUID]) -> PageData:
    items = sorted(session.supply_items.page(limit=10_000).records, key=lambda i: i.name_en.casefold())
    resources = sorted(session.resources.page(limit=10_000).records, key=lambda r: r.service_name.casefold())
    low = read_low_stock(session, team_ids)
    try:
        running = oq.open_shift(session)
        recent = [(s, oq.shift_summary(session, s.id)) for s in oq.recent_shifts(session, RECENT)]
    except RuleViolation as refused:
        return PageData(None, None, [], [], items, resources, low, str(refused))
    summary = oq.shift_summary(session, running.id) if running is not None else None
    met = sorted(oq.encounters_of(session, running.id), key=lambda e: e.at, reverse=True) if running else []
    return PageData(running, summary, met[:SHOWN_ENCOUNTERS], recent, items, resources, low, None)


class OutreachPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = local_zone(context)
        self.data: PageData | None = None
        self._generation = 0
        self.form: ShiftForm | None = None
        self._build()
        context.store.changed.connect(self._store_changed)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self._build_header(layout)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_idle())
        self.quick = QuickEncounter(self.context)
        self.stack.addWidget(self.quick)
        layout.addWidget(self.stack, 1)

    def _build_header(self, layout: QVBoxLayout) -> None:
        """The title, what is running, the shift's buttons, and the low-stock warning."""
        header = QHBoxLayout()
        self.title = QLabel(self.tr("Street outreach"))
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        header.addWidget(self.status, 1)
        self.start_button = touch(QPushButton(self.tr("&Start a shift…")))
        self.edit_button = touch(QPushButton(self.tr("Change the sh&ift…")))
        self.end_button = touch(QPushButton(self.tr("&End the shift…")))
        for button, run in (
            (self.start_button, self.start_shift),
            (self.edit_button, self.edit_running),
            (self.end_button, self.end_shift),
        ):
            button.clicked.connect(run)
            button.hide()
            header.addWidget(button)
        layout.addLayout(header)
        self.low_label = QLabel()
        self.low_label.setWordWrap(True)
        self.low_label.setAccessibleName(self.tr("Low stock"))
        style.set_role(self.low_label, "warning")
        self.low_label.hide()
        layout.addWidget(self.low_label)

    def _build_idle(self) -> QWidget:
        """With no shift running: what to do, and the latest shifts to open."""
        idle = QWidget()
        idle_layout = QVBoxLayout(idle)
        idle_layout.setContentsMargins(0, 0, 0, 0)
        self.idle_text = QLabel()
        self.idle_text.setWordWrap(True)
        idle_layout.addWidget(self.idle_text)
        self.recent_heading = QLabel(self.tr("Your latest shifts (open one to change it)"))
        idle_layout.addWidget(self.recent_heading)
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Your latest shifts"))
        self.recent.setWordWrap(True)
        self.recent.itemActivated.connect(self._open_recent)
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.recent.itemClicked.connect(self._open_recent)
        self.recent_heading.setBuddy(self.recent)
        idle_layout.addWidget(self.recent, 1)
        return idle

    # --- reading ----------------------------------------------------------------------------

    def _store_changed(self, entities: frozenset[str]) -> None:
        if entities & OUTREACH_ENTITIES:
            self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, teams = self._generation, [team.id for team in self.context.teams]
        self.context.store.run(
            lambda s: read_page(s, teams), lambda data: self._show(generation, data), self._failed, owner=self
        )

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The shifts could not be read: {reason}").format(reason=type(error).__name__))

    def _place(self, shift: Shift) -> str:
        return ", ".join(shift.municipalities) or shift.route_name or ""

    def _when(self, shift: Shift) -> str:
        start = shift.started_at.astimezone(self.zone)
        text = f"{date_text(start.date(), long=False)} {time_text(start)}"
        if shift.ended_at is not None:
            text += f"\u2013{time_text(shift.ended_at.astimezone(self.zone))}"
        return text

    def counters_text(self, summary: ShiftSummary) -> str:
        given = sum(summary.supplies_out.values())
        return self.tr("Encounters {e} · People {p} ({new} new) · Given {g} · Sharps in {s} · Referrals {r}").format(
            e=summary.encounters,
            p=summary.people,
            new=summary.new_people,
            g=given,
            s=summary.sharps_in,
            r=summary.referrals,
        )

    def _show(self, generation: int, data: PageData) -> None:
        if generation != self._generation:
            return
        self.data = data
        running = data.running
        # During a shift, the warning is about what this team can still hand out.
        lows = [low for low in data.low if running is None or low.team_id == running.team_id]
        text = low_stock_text(lows, {team.id: team.name for team in self.context.teams})
        self.low_label.setText(text)
        self.low_label.setVisible(bool(text))
        self.start_button.setVisible(running is None)
        self.start_button.setEnabled(data.refusal is None)
        self.edit_button.setVisible(running is not None)
        self.end_button.setVisible(running is not None)
        if running is not None and data.summary is not None:
            self.status.setText(
                self.tr("Shift running since {when} · {place} · {kind} · {team}").format(
                    when=self._when(running),
                    place=self._place(running),
                    kind=label("shift_kind", running.kind),
                    team=self.context.team_name(running.team_id),
                )
            )
            self.quick.show_shift(running, self.counters_text(data.summary), data.items, data.resources)
            self.quick.show_encounters(data.encounters, data.summary)
            if self.stack.currentWidget() is not self.quick:
                self.stack.setCurrentWidget(self.quick)
                self.quick.plus_button.setFocus()
            return
        self.quick.shift = None
        self.stack.setCurrentIndex(0)
        self.status.setText(self.tr("No shift running."))
        if data.refusal is not None:
            self.idle_text.setText(
                self.tr("Shifts need this computer to be connected to the organisation's service first.")
            )
        else:
            self.idle_text.setText(
                self.tr("Start a shift when you go out: then each encounter takes three taps or keys.")
            )
        current = self.recent.currentItem().data(SHIFT) if self.recent.currentItem() else None
        self.recent.clear()
        for shift, summary in data.recent:
            item = QListWidgetItem(
                self.tr("{when} · {place} · {kind} · encounters: {n}, people: {p}").format(
                    when=self._when(shift),
                    place=self._place(shift),
                    kind=label("shift_kind", shift.kind),
                    n=summary.encounters,
                    p=summary.people,
                )
            )
            item.setData(SHIFT, shift.id)
            self.recent.addItem(item)
            if shift.id == current:
                self.recent.setCurrentItem(item)
        self.recent_heading.setVisible(bool(data.recent))
        self.recent.setVisible(bool(data.recent))

    # --- the shift's own actions -----------------------------------------------------------------

    def _items(self) -> dict[str, SupplyItem]:
        return {str(i.id): i for i in self.data.items} if self.data else {}

    def _open_form(self, form: ShiftForm) -> ShiftForm:
        self.form = form
        form.finished.connect(lambda _result: self._form_closed(form))
        form.open()
        return form

    def _form_closed(self, form: ShiftForm) -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()

    def start_shift(self) -> ShiftForm:
        return self._open_form(ShiftForm(self.context, "start", parent=self))

    def edit_running(self) -> ShiftForm | None:
        if self.data is None or self.data.running is None:
            return None
        return self._open_form(
            ShiftForm(self.context, "edit", self.data.running, self.data.summary, self._items(), parent=self)
        )

    def end_shift(self) -> ShiftForm | None:
        if self.data is None or self.data.running is None:
            return None
        return self._open_form(
            ShiftForm(self.context, "end", self.data.running, self.data.summary, self._items(), parent=self)
        )

    def _open_recent(self, item: QListWidgetItem) -> None:
        if self.data is None:
            return
        wanted = item.data(SHIFT)
        found = next(((s, summary) for s, summary in self.data.recent if s.id == wanted), None)
        if found is not None:
            self._open_form(ShiftForm(self.context, "edit", found[0], found[1], self._items(), parent=self))
