"""Street outreach's counts (issue 18): a shift's summary and a team's derived stock.

Owns: the one definition of what a shift summary counts (encounters, people, new people,
supplies out and in, referrals) and of a team's current stock of each supply item: the sum
of its ledger's movements minus what its encounters gave out. The device (CLI, later the
shift screen and the reports) and the service compute them with these functions from the
records each holds, so every copy that holds the same records shows the same numbers.

Also owns where an encounter happened for the map (`place_of`, `encounters_per_place`): its
spot, else its municipality, else its shift's area when that is one municipality; places come
from the team's spots and the gazetteer, never from a device's position.

Must never store a count (stock is derived, never kept: a counter updated in place would
lose one of two offline edits), never refuse an encounter that gives out more than the stock
holds (the street does not wait: it is a discrepancy to show), and never import anything but
the standard library and `protocol`.
"""

import math
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from protocol import gazetteer
from protocol.entities import MOVEMENT_SIGN, Encounter, Shift, Spot, StockMovement, SupplyItem


@dataclass(frozen=True)
class ShiftSummary:
    """What a shift did. `supplies_out` / `sharps_in`: per supply item id (as text)."""

    shift_id: uuid.UUID
    encounters: int
    people: int
    new_people: int
    supplies_out: dict[str, int]
    sharps_in: int
    referrals: int
    codes_seen: int  # distinct anonymous codes: people counted once however often met
    notes: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "shift_id": str(self.shift_id),
            "encounters": self.encounters,
            "people": self.people,
            "new_people": self.new_people,
            "supplies_out": dict(sorted(self.supplies_out.items())),
            "sharps_in": self.sharps_in,
            "referrals": self.referrals,
            "codes_seen": self.codes_seen,
            "notes": self.notes,
        }


def summarise_shift(shift: Shift, encounters: Iterable[Encounter]) -> ShiftSummary:
    """The summary of `shift` from its live encounters (tombstones are skipped here too).

    A group encounter counts its `people`; "new people" counts the people of encounters
    marked new; sharps in are the used sharps handed back during the shift's encounters.
    """
    live = [e for e in encounters if not e.deleted and e.shift_id == shift.id]
    out: Counter[str] = Counter()
    for encounter in live:
        for line in encounter.given:
            out[str(line.item_id)] += line.quantity
    return ShiftSummary(
        shift_id=shift.id,
        encounters=len(live),
        people=sum(e.people for e in live),
        new_people=sum(e.people for e in live if e.new_person),
        supplies_out={item: n for item, n in out.items() if n},
        sharps_in=sum(e.sharps_returned for e in live),
        referrals=sum(1 for e in live if e.referral_resource_id is not None),
        codes_seen=len({e.client_code for e in live if e.client_code}),
        notes=shift.notes,
    )


def movement_units(movement: StockMovement, item: SupplyItem | None) -> int:
    """How many units a movement counts: its quantity, or its weight turned into units by the
    item's `grams_per_unit` (rounded to the nearest unit; without a conversion, 0 and the
    weight stays on the record for people to read)."""
    if movement.quantity is not None:
        return movement.quantity
    if item is None or item.grams_per_unit is None or movement.weight_grams is None:
        return 0
    return math.floor(movement.weight_grams / item.grams_per_unit + 0.5)


@dataclass
class StockLine:
    """One item's derived stock in one team's ledger."""

    item_id: str
    received: int = 0  # everything in: received, moved in, corrected up
    removed: int = 0  # moved out, expired, discarded, corrected down
    given_out: int = 0  # from encounters
    sharps_returned: int = 0  # not stock: waste taken back
    low_stock_at: int | None = None
    movements: int = 0
    encounters: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def on_hand(self) -> int:
        return self.received - self.removed - self.given_out

    @property
    def discrepancy(self) -> bool:
        """More went out than came in: recorded all the same, shown to be checked."""
        return self.on_hand < 0

    @property
    def low(self) -> bool:
        return self.low_stock_at is not None and self.on_hand <= self.low_stock_at

    def as_json(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "on_hand": self.on_hand,
            "received": self.received,
            "removed": self.removed,
            "given_out": self.given_out,
            "sharps_returned": self.sharps_returned,
            "low_stock_at": self.low_stock_at,
            "low": self.low,
            "discrepancy": self.discrepancy,
        }


def derive_stock(
    team_id: uuid.UUID,
    items: Iterable[SupplyItem],
    movements: Iterable[StockMovement],
    encounters: Iterable[Encounter],
) -> dict[str, StockLine]:
    """Each item's stock in `team_id`'s ledger, by item id (text): every live item, plus any
    item a movement or an encounter names (an item removed from the catalogue still counts)."""
    catalogue = {str(item.id): item for item in items}
    lines = {
        item_id: StockLine(item_id, low_stock_at=item.low_stock_at)
        for item_id, item in catalogue.items()
        if not item.deleted
    }

    def line(item_id: str) -> StockLine:
        if item_id not in lines:
            item = catalogue.get(item_id)
            lines[item_id] = StockLine(item_id, low_stock_at=item.low_stock_at if item else None)
        return lines[item_id]

    for movement in movements:
        if movement.deleted or movement.team_id != team_id:
            continue
        entry = line(str(movement.item_id))
        units = movement_units(movement, catalogue.get(str(movement.item_id)))
        sign = MOVEMENT_SIGN[movement.kind]
        if sign > 0:
            entry.received += units
        elif sign < 0:
            entry.removed += units
        else:
            entry.sharps_returned += units
        entry.movements += 1
        entry.kinds[movement.kind] += units
    for encounter in encounters:
        if encounter.deleted or encounter.team_id != team_id:
            continue
        for given in encounter.given:
            entry = line(str(given.item_id))
            entry.given_out += given.quantity
            entry.encounters += 1
    return dict(sorted(lines.items()))


@dataclass(frozen=True)
class Place:
    """Where encounters are counted on the map: a team's spot or a gazetteer municipality.
    `key` is stable across reads ("spot:<id>" or "municipality:<ISTAT code>")."""

    key: str
    name: str
    latitude: float
    longitude: float
    spot_id: uuid.UUID | None = None


def spot_place(spot: Spot) -> Place:
    return Place(f"spot:{spot.id}", spot.name, spot.latitude, spot.longitude, spot.id)


def municipality_place(name: str | None) -> Place | None:
    """The gazetteer's seat of a municipality, or None when it does not know the name."""
    found = gazetteer.find(name)
    if found is None:
        return None
    return Place(f"municipality:{found.istat_code}", found.name, found.latitude, found.longitude)


def place_of(encounter: Encounter, shift: Shift | None, spots: dict[uuid.UUID, Spot]) -> Place | None:
    """Where `encounter` is counted: its spot; else its municipality; else, when its shift's area
    is exactly one municipality, that one (the shift said where it went). None: nowhere we can
    draw (a free route name, several municipalities, a removed spot, a name the gazetteer lacks)."""
    if encounter.spot_id is not None:
        spot = spots.get(encounter.spot_id)
        return spot_place(spot) if spot is not None and not spot.deleted else None
    if encounter.municipality is not None:
        return municipality_place(encounter.municipality)
    if shift is not None and len(shift.municipalities) == 1:
        return municipality_place(shift.municipalities[0])
    return None


@dataclass(frozen=True)
class PlaceCount:
    """One place's encounters over a period (the map's heat layer): `people` counts a group's."""

    place: Place
    encounters: int
    people: int


@dataclass(frozen=True)
class PlaceCounts:
    places: list[PlaceCount]  # most encounters first, then by name
    unplaced: int  # encounters of the period that no place could be drawn for


def encounters_per_place(
    encounters: Iterable[Encounter], shifts: dict[uuid.UUID, Shift], spots: dict[uuid.UUID, Spot]
) -> PlaceCounts:
    """Count live encounters by `place_of` (the period and the team are the caller's choice)."""
    places: dict[str, Place] = {}
    counts: Counter[str] = Counter()
    people: Counter[str] = Counter()
    unplaced = 0
    for encounter in encounters:
        if encounter.deleted:
            continue
        place = place_of(encounter, shifts.get(encounter.shift_id), spots)
        if place is None:
            unplaced += 1
            continue
        places[place.key] = place
        counts[place.key] += 1
        people[place.key] += encounter.people
    ordered = sorted(counts, key=lambda key: (-counts[key], places[key].name, key))
    return PlaceCounts([PlaceCount(places[key], counts[key], people[key]) for key in ordered], unplaced)
