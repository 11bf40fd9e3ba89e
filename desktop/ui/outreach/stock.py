"""The low-stock warning, on the Street outreach screen and on Today (issue 18, part 5).

Owns: `read_low_stock` (store thread: each of the operator's teams' items at or below their
threshold, by desktop.store.outreach_queries.low_stock, the CLI's `stock show --low`) and
`low_stock_text` (the warning in the operator's language).
Must never derive stock itself: the numbers are protocol.outreach's.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.store import outreach_queries as oq
from desktop.store.session import StoreSession
from desktop.ui.outreach.common import item_name
from protocol.entities import SupplyItem

SHOWN = 4  # items named in the warning; the rest are counted


@dataclass(frozen=True)
class Low:
    team_id: uuid.UUID
    item: SupplyItem | None
    item_id: str
    on_hand: int
    threshold: int


def read_low_stock(session: StoreSession, team_ids: Iterable[uuid.UUID]) -> list[Low]:
    found: list[Low] = []
    for team_id in team_ids:
        for line in oq.low_stock(session, team_id):
            item = session.supply_items.get(line.item_id) if session.supply_items.exists(line.item_id) else None
            found.append(Low(team_id, item, line.item_id, line.on_hand, line.low_stock_at or 0))
    return found


def low_stock_text(lows: list[Low], team_names: Mapping[uuid.UUID, str]) -> str:
    """ "Low stock: Naloxone 2 (warn at 5), Syringes 0 (warn at 50)"; "" when nothing is low.
    With more than one team low, each item names its team."""
    if not lows:
        return ""
    several = len({low.team_id for low in lows}) > 1
    shown, more = lows[:SHOWN], len(lows) - SHOWN
    parts = [
        QCoreApplication.translate("OutreachStock", "{item} {n} (warn at {at})").format(
            item=item_name(low.item, low.item_id), n=low.on_hand, at=low.threshold
        )
        + (f" \u00b7 {team_names.get(low.team_id, '')}" if several else "")
        for low in shown
    ]
    if more > 0:
        parts.append(f"+{more}")  # a count needs no words (and no plural forms)
    return QCoreApplication.translate("OutreachStock", "Low stock: {items}").format(items=", ".join(parts))
