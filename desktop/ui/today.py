"""The Today screen: what the operator needs to see first thing.

Owns: `TodayPage`, five short sections, each item opening the page it belongs to
(through `context.navigator`):

- Today / Tomorrow: my appointments (booked under `context.me`) overlapping each
  local day; cancelled ones are listed, struck out. -> calendar
- New requests from the help desk: how many intake requests are "new", and the
  newest of them. -> intake (the button opens the intake list)
- Follow-ups (defined in `desktop.store.calendar_queries.FollowUp`):
  * my appointments that have ended (in the last 90 days) but are still
    "requested" or "confirmed": they need an outcome (done / did not come). -> calendar
  * consents, not withdrawn and not renewed by a later one for the same purpose,
    that expire within 30 days. -> the contact
  * referrals still "sent" with no change for 14 days: no answer yet. -> the contact
- Changes not yet synced (the outbox) and, on a syncing profile, "Sync now".
- Low stock of the operator's teams' supplies (desktop.ui.outreach.stock), when any item is at
  or below its threshold. -> street outreach

It refreshes when a write or a sync touches what it shows (`store.changed`),
when the sync state changes, and every few minutes (days roll over, appointments
end). Until the store has answered it says "Loading…"; on a syncing profile, until
the session's first sync has ended (either way), an empty section and the outbox
line say "Syncing…": the caseload may still be on its way.

Must never run SQL (see `desktop.store.calendar_queries.today_overview`),
never show a follow-up without a way to act on it, and never say "All changes are
synced" before a sync has finished.
"""

import datetime as dt
import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.store.calendar_queries import Booked, BookedKey, FollowUp, TodayOverview, overlaps_among, today_overview
from desktop.sync.scheduler import SyncState
from desktop.ui import style
from desktop.ui.calendar import date_text, local_now, local_zone, time_text
from desktop.ui.calendar.views import block_summary
from desktop.ui.context import UiContext
from desktop.ui.labels import label
from desktop.ui.outreach.stock import Low, low_stock_text, read_low_stock
from protocol import IntakeRequest, entities

SHOWN_ENTITIES = frozenset({"appointment", "intake_request", "consent", "referral", "contact", "resource"})
STOCK_ENTITIES = frozenset({"supply_item", "stock_movement", "encounter"})
REFRESH_MS = 5 * 60_000
TARGET = Qt.ItemDataRole.UserRole  # (page key, record id) an item opens


class TodayPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = local_zone(context)
        self.overview: TodayOverview | None = None
        self.overview_settled = False  # read after the first sync of the session ended
        self.pending = 0
        self._generation = 0
        self._empty_texts: dict[QLabel, str] = {}
        self._build()
        context.store.changed.connect(self._store_changed)
        if context.sync is not None:
            context.sync.stateChanged.connect(self._sync_state_changed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()
        self.reload()

    # --- building --------------------------------------------------------------------------------------

    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        self.greeting = QLabel()
        font = QFont(self.greeting.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.greeting.setFont(font)
        layout.addWidget(self.greeting)
        self._build_low_stock(layout)

        self.today_heading, self.today_list, self.today_empty = self._section(
            layout, self.tr("Appointments today"), self.tr("Nothing booked today.")
        )
        self.tomorrow_heading, self.tomorrow_list, self.tomorrow_empty = self._section(
            layout, self.tr("Appointments tomorrow"), self.tr("Nothing booked tomorrow.")
        )

        self.open_intake_button = QPushButton(self.tr("Open &requests"))
        self.open_intake_button.clicked.connect(lambda: self.context.navigator.open("intake"))
        self.intake_heading, self.intake_list, self.intake_empty = self._section(
            layout,
            self.tr("New requests from the help desk"),
            self.tr("No new requests."),
            button=self.open_intake_button,
        )
        self.follow_heading, self.follow_list, self.follow_empty = self._section(
            layout, self.tr("Follow-ups"), self.tr("Nothing to follow up.")
        )

        self.pending_label = QLabel(self.tr("Loading…"))
        self.pending_label.setAccessibleName(self.tr("Changes not yet synced"))
        self.sync_button = QPushButton(self.tr("S&ync now"))
        self.sync_button.setVisible(self.context.sync is not None)
        self.sync_button.clicked.connect(self.sync_now)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.pending_label, 1)
        sync_row.addWidget(self.sync_button)
        layout.addLayout(sync_row)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_low_stock(self, layout: QVBoxLayout) -> None:
        """The low-stock warning (hidden while nothing is low), with the way to the shift screen."""
        self.low_stock = QLabel()
        self.low_stock.setWordWrap(True)
        self.low_stock.setAccessibleName(self.tr("Low stock"))
        style.set_role(self.low_stock, "warning")
        self.low_stock_button = QPushButton(self.tr("Street &outreach"))
        self.low_stock_button.clicked.connect(lambda: self.context.navigator.open("outreach"))
        stock_row = QHBoxLayout()
        stock_row.addWidget(self.low_stock, 1)
        stock_row.addWidget(self.low_stock_button)
        layout.addLayout(stock_row)
        self.low_stock.hide()
        self.low_stock_button.hide()

    def _section(
        self, layout: QVBoxLayout, title: str, empty_text: str, button: QPushButton | None = None
    ) -> tuple[QLabel, QListWidget, QLabel]:
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        items = QListWidget()
        items.setAccessibleName(title)
        items.setWordWrap(True)
        items.setAlternatingRowColors(True)
        items.itemActivated.connect(self._open)
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            items.itemClicked.connect(self._open)  # one click opens, whatever the platform's habit
        heading.setBuddy(items)
        empty = QLabel(self.tr("Loading…"))  # until the store answers
        self._empty_texts[empty] = empty_text
        items.hide()
        row = QHBoxLayout()
        row.addWidget(heading, 1)
        if button is not None:
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(items)
        layout.addWidget(empty)
        layout.addSpacing(self.fontMetrics().height() // 2)
        return heading, items, empty

    # --- loading ------------------------------------------------------------------------------------------

    def _sync_settled(self) -> bool:
        """On a syncing profile, has a sync of this session ended (either way)? Until then
        an empty section may only mean the caseload has not arrived yet."""
        if self.context.sync is None:
            return True
        state: SyncState = self.context.sync.scheduler.state
        return state.last_success_at is not None or state.phase not in ("idle", "syncing")

    def _sync_state_changed(self, state: SyncState) -> None:
        if state.phase != "syncing" and self.overview is not None and self.overview_settled != self._sync_settled():
            self.reload()  # the first sync ended: the empty sections say what is really there
        else:
            self.reload_pending()

    def _store_changed(self, entities: frozenset[str]) -> None:
        if entities & SHOWN_ENTITIES:
            self.reload()
        else:
            self.reload_pending()  # any write adds to the outbox
            if entities & STOCK_ENTITIES:
                self.reload_stock()

    def reload_stock(self) -> None:
        teams = [team.id for team in self.context.teams]
        self.context.store.run(lambda s: read_low_stock(s, teams), self._show_stock, owner=self)

    def _show_stock(self, lows: list[Low]) -> None:
        text = low_stock_text(lows, {team.id: team.name for team in self.context.teams})
        self.low_stock.setText(text)
        self.low_stock.setVisible(bool(text))
        self.low_stock_button.setVisible(bool(text))

    def reload_pending(self) -> None:
        self.context.store.run(lambda s: s.replica.pending_count(), self._show_pending, owner=self)

    def reload(self) -> None:
        self._generation += 1
        generation, me, now = self._generation, self.context.me, local_now(self.context)
        self.context.store.run(
            lambda s: today_overview(s, operator_id=me, now=now),
            lambda overview: self._show(generation, now, overview),
            self._failed,
            owner=self,
        )
        self.reload_stock()

    def _failed(self, error: BaseException) -> None:
        self.greeting.setText(
            self.tr("Today's overview could not be read: {reason}").format(reason=type(error).__name__)
        )

    def _show(self, generation: int, now: dt.datetime, overview: TodayOverview) -> None:
        if generation != self._generation:
            return
        self.overview = overview
        self.overview_settled = self._sync_settled()
        today, tomorrow = now.date(), now.date() + dt.timedelta(days=1)
        self.greeting.setText(date_text(today))
        self.today_heading.setText(self.tr("Appointments &today ({n})").format(n=len(overview.today)))
        self.tomorrow_heading.setText(
            self.tr("Appointments to&morrow, {date} ({n})").format(date=date_text(tomorrow), n=len(overview.tomorrow))
        )
        overlaps = overlaps_among([*overview.today, *overview.tomorrow])  # the double-booking rule, marked
        self._fill(self.today_list, self.today_empty, [self._appointment_item(b, overlaps) for b in overview.today])
        self._fill(
            self.tomorrow_list, self.tomorrow_empty, [self._appointment_item(b, overlaps) for b in overview.tomorrow]
        )
        self.intake_heading.setText(
            self.tr("&New requests from the help desk ({n})").format(n=overview.new_intake_count)
        )
        self._fill(self.intake_list, self.intake_empty, [self._intake_item(r) for r in overview.new_intake])
        self.follow_heading.setText(self.tr("&Follow-ups ({n})").format(n=len(overview.follow_ups)))
        self._fill(self.follow_list, self.follow_empty, [self._follow_up_item(f) for f in overview.follow_ups])
        self._show_pending(overview.pending_changes)

    def _show_pending(self, pending: int) -> None:
        self.pending = pending
        state = self.context.sync.scheduler.state if self.context.sync is not None else None
        if pending:
            self.pending_label.setText(self.tr("%n change(s) not yet synced", "", pending))
        elif state is not None and (state.phase == "syncing" or not self._sync_settled()):
            self.pending_label.setText(self.tr("Syncing…"))
        elif state is None or state.last_success_at is None:
            self.pending_label.setText(self.tr("No changes waiting."))
        else:  # only once a sync has finished
            self.pending_label.setText(self.tr("All changes are synced."))

    def _fill(self, items: QListWidget, empty: QLabel, rows: list[QListWidgetItem]) -> None:
        current = items.currentItem().data(TARGET) if items.currentItem() else None
        items.clear()
        for row in rows:
            items.addItem(row)
            if row.data(TARGET) == current:
                items.setCurrentItem(row)
        items.setVisible(bool(rows))
        empty.setVisible(not rows)
        empty.setText(self._empty_texts[empty] if self._sync_settled() else self.tr("Syncing…"))
        if rows:  # as tall as its rows (up to ten), so the sections stay close together
            shown = sum(items.sizeHintForRow(i) for i in range(min(len(rows), 10)))
            items.setFixedHeight(shown + 2 * items.frameWidth())

    # --- items ------------------------------------------------------------------------------------------------

    def _item(self, text: str, page: str, record_id: uuid.UUID | None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(TARGET, (page, record_id))
        return item

    def _appointment_item(self, booked: Booked, overlaps: dict[BookedKey, list[Booked]]) -> QListWidgetItem:
        overlapped = overlaps.get(booked.key)
        item = self._item(
            ("⚠ " if overlapped else "") + block_summary(booked, self.zone, overlapped), "calendar", booked.id
        )
        if overlapped:
            item.setForeground(QBrush(style.colour("error")))  # readable on the palette, and the text says it too
        if booked.status == "cancelled":
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
            item.setForeground(QBrush(style.colour("muted")))  # grey that still reads 4.5:1
        return item

    def _intake_item(self, request: IntakeRequest) -> QListWidgetItem:
        received = request.received_at.astimezone(self.zone)
        parts = [
            request.alias,
            label("intake_kind", request.kind),
            self.tr("received {date} {time}").format(
                date=date_text(received.date(), long=False), time=time_text(received)
            ),
        ]
        if request.topic:
            parts.append(request.topic)
        return self._item(" · ".join(parts), "intake", request.id)

    def _follow_up_item(self, follow_up: FollowUp) -> QListWidgetItem:
        at = follow_up.at.astimezone(self.zone)
        name = follow_up.contact_name or self.tr("a contact")
        if follow_up.kind == "outcome":
            text = self.tr("Record the outcome: {date} {time} · {name} · {place}").format(
                date=date_text(at.date(), long=False),
                time=time_text(at),
                name=name,
                place=label("place_kind", follow_up.what),
            )
            return self._item(text, "calendar", follow_up.record_id)
        if follow_up.kind == "consent_expiring":
            last_day = entities.last_day_before(follow_up.at, self.zone)  # its last valid day, as written
            text = self.tr("Consent of {name} for {purpose} expires on {date}").format(
                name=name, purpose=label("consent_purpose", follow_up.what), date=date_text(last_day, long=False)
            )
        else:
            text = self.tr("Referral of {name} to {service}: no answer since {date}").format(
                name=name, service=follow_up.what or self.tr("a service"), date=date_text(at.date(), long=False)
            )
        return self._item(text, "contacts", follow_up.contact_id)

    # --- actions ---------------------------------------------------------------------------------------------------

    def _open(self, item: QListWidgetItem) -> None:
        page, record_id = item.data(TARGET)
        self.context.navigator.open(page, record_id)

    def sync_now(self) -> None:
        if self.context.sync is not None:
            self.context.sync.sync_now()
