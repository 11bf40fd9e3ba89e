"""Street outreach on the device (issue 18): shifts, encounters, the stock ledger, their queries.

Owns: starting, editing and ending a shift (by its members), recording an encounter on it
(with the stock discrepancies it causes, never refusing one), writing ledger movements, a
shift's summary and a team's derived stock as the store holds them (the counting rules are
protocol.outreach's), the low-stock query, the `KnownCodes` hook over the codes seen in
the team's encounters (protocol.client_codes.near_misses asks it), the codes starting with
what is being typed (search as you type on the quick-encounter screen), a team's named spots
and its encounters per place over a period (the map's heat layer; `place_of` is the rule).
Must never keep a stock count (stock is derived from the records on every read), never
update or delete a ledger movement, and runs on the store thread only (like every query).
"""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from protocol.client_codes import KnownCodes, code_prefix
from protocol.clock import utc_now
from protocol.entities import Encounter, Shift, ShiftKind, Spot, StockMovement, SupplyItem
from protocol.gazetteer import find, in_area
from protocol.outreach import PlaceCounts, ShiftSummary, StockLine, derive_stock, encounters_per_place, summarise_shift


def _operator(session: StoreSession) -> uuid.UUID:
    # The enrolment's operator: the session's identity is fixed when the store opens, and a
    # device enrolled since (same run) is already that operator.
    enrolment = session.replica.enrolment()
    operator = enrolment.operator_id if enrolment is not None else session.identity.operator_id
    if operator is None:
        raise RuleViolation("member_ids: shifts need an enrolled operator; run `prossimo enroll` first")
    return operator


def area_fields(area: str) -> dict[str, Any]:
    """A municipality of the gazetteer by its name (however written), else a free route name."""
    place = find(area)
    return {"municipalities": [place.name]} if place is not None else {"route_name": area}


def start_shift(
    session: StoreSession,
    team_id: uuid.UUID,
    area: str,
    kind: ShiftKind = "street",
    colleagues: Collection[uuid.UUID] = (),
    at: dt.datetime | None = None,
) -> Shift:
    me = _operator(session)
    members = [me, *(c for c in dict.fromkeys(colleagues) if c != me)]
    return session.shifts.create(
        team_id=team_id, member_ids=members, kind=kind, started_at=at or utc_now(), **area_fields(area)
    )


def edit_shift(session: StoreSession, shift_id: uuid.UUID, **changes: Any) -> Shift:
    """Change a shift after the fact: only one of its members may (the service checks the same)."""
    shift = session.shifts.get(shift_id)
    if _operator(session) not in shift.member_ids:
        raise RuleViolation("member_ids: only the shift's members may change it")
    return session.shifts.update(shift_id, **changes)


def end_shift(session: StoreSession, shift_id: uuid.UUID, at: dt.datetime | None = None) -> Shift:
    shift = session.shifts.get(shift_id)
    if shift.ended_at is not None:
        raise RuleViolation("ended_at: this shift has already ended")
    return edit_shift(session, shift_id, ended_at=max(at or utc_now(), shift.started_at))


def open_shift(session: StoreSession) -> Shift | None:
    """The latest shift this operator is on that has not ended (what `shift encounter` adds to)."""
    me = _operator(session)
    rows = session.conn.execute(
        "SELECT body FROM shift WHERE deleted = 0 AND ended_at IS NULL ORDER BY started_at DESC, id DESC"
    ).fetchall()
    for (body,) in rows:
        shift = Shift.model_validate_json(body)
        if me in shift.member_ids:
            return shift
    return None


def recent_shifts(session: StoreSession, limit: int = 20) -> list[Shift]:
    """The latest shifts this operator was on, newest first (the shift screen lists them to edit)."""
    me = _operator(session)
    rows = session.conn.execute(
        "SELECT body FROM shift WHERE deleted = 0 ORDER BY started_at DESC, id DESC LIMIT ?", (limit * 5,)
    ).fetchall()
    mine = [shift for shift in (Shift.model_validate_json(body) for (body,) in rows) if me in shift.member_ids]
    return mine[:limit]


def encounters_of(session: StoreSession, shift_id: uuid.UUID) -> list[Encounter]:
    return session.encounters.where("shift_id", str(shift_id))


@dataclass(frozen=True)
class Recorded:
    encounter: Encounter
    # Items whose stock this encounter took below zero: recorded all the same, to be checked.
    discrepancies: list[str]


def record_encounter(session: StoreSession, shift_id: uuid.UUID, **fields: Any) -> Recorded:
    """One encounter on a shift (its team is the shift's). `given` is [{item_id, quantity}]."""
    shift = session.shifts.get(shift_id)
    if shift.ended_at is not None and "at" not in fields:
        raise RuleViolation("shift_id: this shift has ended; give the encounter's time to add it after the fact")
    for line in fields.get("given", []):
        if not session.supply_items.exists(line["item_id"]):
            raise RuleViolation.of("given", "no_such_record", f"no supply item with id {line['item_id']}")
    encounter = session.encounters.create(team_id=shift.team_id, shift_id=shift.id, **{"at": utc_now(), **fields})
    held = on_hand(session, shift.team_id, [line.item_id for line in encounter.given]) if encounter.given else {}
    flagged = [str(line.item_id) for line in encounter.given if held[str(line.item_id)] < 0]
    return Recorded(encounter, flagged)


def on_hand(session: StoreSession, team_id: uuid.UUID, item_ids: list[uuid.UUID]) -> dict[str, int]:
    """The stock of a few items, by indexed sums: what `stock` derives, without reading every
    encounter of the team (recording an encounter asks it). The team's movements of these items
    are read and counted by protocol.outreach's rule; the encounters' given units come from
    `encounter_given`, the repository's per-item copy of each live encounter's `given`."""
    ids = [str(i) for i in dict.fromkeys(item_ids)]
    marks = ", ".join("?" for _ in ids)
    items = [
        SupplyItem.model_validate_json(body)
        for (body,) in session.conn.execute(
            f"SELECT body FROM supply_item WHERE id IN ({marks})",  # noqa: S608 - placeholders only
            ids,
        )
    ]
    movements = [
        StockMovement.model_validate_json(body)
        for (body,) in session.conn.execute(
            f"SELECT body FROM stock_movement WHERE deleted = 0 AND team_id = ? AND item_id IN ({marks})",  # noqa: S608 - placeholders only
            (str(team_id), *ids),
        )
    ]
    lines = derive_stock(team_id, items, movements, [])
    given = dict(
        session.conn.execute(
            f"SELECT item_id, SUM(quantity) FROM encounter_given WHERE team_id = ? AND item_id IN ({marks})"  # noqa: S608 - placeholders only
            " GROUP BY item_id",
            (str(team_id), *ids),
        ).fetchall()
    )
    return {i: (lines[i].on_hand if i in lines else 0) - int(given.get(i, 0)) for i in ids}


def shift_summary(session: StoreSession, shift_id: uuid.UUID) -> ShiftSummary:
    """The one summary the CLI, the shift screen and the reports show."""
    return summarise_shift(session.shifts.get(shift_id), encounters_of(session, shift_id))


def _all(session: StoreSession, table: str, team_id: uuid.UUID | None, model: Any) -> list[Any]:
    where = "deleted = 0" + (" AND team_id = ?" if team_id is not None else "")
    rows = session.conn.execute(
        f"SELECT body FROM {table} WHERE {where}",  # noqa: S608 - fixed table names
        (str(team_id),) if team_id is not None else (),
    ).fetchall()
    return [model.model_validate_json(body) for (body,) in rows]


def stock(session: StoreSession, team_id: uuid.UUID) -> dict[str, StockLine]:
    """The team's stock of each item, derived from every movement and encounter held here."""
    return derive_stock(
        team_id,
        _all(session, "supply_item", None, SupplyItem),
        _all(session, "stock_movement", team_id, StockMovement),
        _all(session, "encounter", team_id, Encounter),
    )


def low_stock(session: StoreSession, team_id: uuid.UUID) -> list[StockLine]:
    """Items at or below their threshold (what Today and the shift screen warn about)."""
    return [line for line in stock(session, team_id).values() if line.low]


def add_movement(
    session: StoreSession, team_id: uuid.UUID, item_id: uuid.UUID, kind: str, **fields: Any
) -> StockMovement:
    if not session.supply_items.exists(item_id):
        raise RuleViolation.of("item", "no_such_record", f"no supply item with id {item_id}")
    return session.stock_movements.create(team_id=team_id, item_id=item_id, kind=kind, **{"at": utc_now(), **fields})


def find_item(session: StoreSession, text: str) -> SupplyItem:
    """A supply item by its id or by one of its names (any language, any case)."""
    try:
        return session.supply_items.get(uuid.UUID(text))
    except ValueError:
        pass
    wanted = text.strip().casefold()
    found: list[SupplyItem] = [
        item
        for item in _all(session, "supply_item", None, SupplyItem)
        if wanted in {item.name_it.casefold(), item.name_en.casefold(), item.name_fi.casefold()}
    ]
    if len(found) != 1:
        rule = "no supply item has this name" if not found else "several supply items have this name; give its id"
        raise RuleViolation.of("item", "no_such_record", rule)
    return found[0]


def known_codes(session: StoreSession, team_id: uuid.UUID) -> KnownCodes:
    """The near-miss hook: which candidate codes were seen in the team's encounters, one
    indexed `client_code IN (...)` query (never a scan of every code)."""

    def known(candidates: Collection[str]) -> Collection[str]:
        codes = list(candidates)
        found: set[str] = set()
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(
                row[0]
                for row in session.conn.execute(
                    f"SELECT DISTINCT client_code FROM encounter WHERE deleted = 0 AND team_id = ?"  # noqa: S608 - placeholders only
                    f" AND client_code IN ({marks})",
                    (str(team_id), *chunk),
                )
            )
        return found

    return known


def codes_starting(session: StoreSession, team_id: uuid.UUID, typed: str, limit: int = 8) -> list[tuple[str, int]]:
    """The team's known codes starting with `typed` (read as protocol.client_codes reads a code),
    each with how many encounters carry it, most met first: an index range on `client_code`."""
    prefix = code_prefix(typed)
    if prefix is None:
        return []
    rows = session.conn.execute(
        "SELECT client_code, COUNT(*) FROM encounter WHERE deleted = 0 AND team_id = ?"
        " AND client_code >= ? AND client_code < ? GROUP BY client_code ORDER BY COUNT(*) DESC, client_code LIMIT ?",
        (str(team_id), prefix, prefix + "\uffff", limit),
    ).fetchall()
    return [(code, int(n)) for code, n in rows]


def add_spot(
    session: StoreSession,
    team_id: uuid.UUID,
    name: str,
    latitude: float,
    longitude: float,
    municipality: str | None = None,
) -> Spot:
    """A named spot of the team. Its coordinates must lie in the area the directory covers
    (gazetteer.in_area, the partner form's rule); a municipality is written as the gazetteer does."""
    if not in_area(latitude, longitude):
        raise RuleViolation.of("latitude", "outside_area", "outside the area the directory covers")
    place = find(municipality)
    return session.spots.create(
        team_id=team_id,
        name=name,
        latitude=latitude,
        longitude=longitude,
        municipality=place.name if place is not None else municipality,
    )


def spots(session: StoreSession, team_id: uuid.UUID) -> list[Spot]:
    """The team's live spots, by name."""
    rows = session.conn.execute(
        "SELECT body FROM spot WHERE team_id = ? AND deleted = 0 ORDER BY sort_name, id", (str(team_id),)
    ).fetchall()
    return [Spot.model_validate_json(body) for (body,) in rows]


def find_spot(session: StoreSession, team_id: uuid.UUID, text: str) -> Spot:
    """One of the team's spots by its id or its name (any case)."""
    wanted = text.strip().casefold()
    found = [spot for spot in spots(session, team_id) if wanted in (str(spot.id), spot.name.casefold())]
    if len(found) != 1:
        rule = "the team has no spot of this name" if not found else "several spots have this name; give its id"
        raise RuleViolation.of("spot_id", "no_such_record", rule)
    return found[0]


def place_counts(session: StoreSession, team_id: uuid.UUID, since: dt.datetime, until: dt.datetime) -> PlaceCounts:
    """The team's live encounters with `since <= at < until`, counted per place (protocol.outreach.
    place_of): what the map's heat layer draws. One indexed range read (team, at), the period's
    shifts and the team's spots (removed ones too: an old encounter keeps its count until the
    spot is gone, then it is unplaced)."""
    rows = session.conn.execute(
        "SELECT body FROM encounter WHERE team_id = ? AND at >= ? AND at < ? AND deleted = 0",
        (str(team_id), since.astimezone(dt.UTC).isoformat(), until.astimezone(dt.UTC).isoformat()),
    ).fetchall()
    encounters = [Encounter.model_validate_json(body) for (body,) in rows]
    shift_ids = list({str(e.shift_id) for e in encounters})
    shifts: dict[uuid.UUID, Shift] = {}
    for start in range(0, len(shift_ids), 500):
        chunk = shift_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for (body,) in session.conn.execute(
            f"SELECT body FROM shift WHERE id IN ({marks})",  # noqa: S608 - placeholders only
            chunk,
        ):
            shift = Shift.model_validate_json(body)
            shifts[shift.id] = shift
    by_id = {
        spot.id: spot
        for spot in (
            Spot.model_validate_json(body)
            for (body,) in session.conn.execute("SELECT body FROM spot WHERE team_id = ?", (str(team_id),))
        )
    }
    return encounters_per_place(encounters, shifts, by_id)
