"""The demo team's month of outreach (protocol.demo_outreach) and where encounters are counted
(protocol.outreach.place_of): deterministic, valid by the protocol's own models, plausibly shaped
(mostly anonymous, a few regulars' codes met repeatedly, groups), every encounter drawable on the
map, the ledger never negative, naloxone low at the end; and the place rules."""

import datetime as dt
import random
import uuid
from collections import Counter, defaultdict
from typing import Any

import pytest
from pydantic import ValidationError

from protocol import ENTITY_TYPES, demo_outreach, gazetteer, new_id
from protocol.clock import utc_now
from protocol.entities import Encounter, Shift, Spot
from protocol.outreach import derive_stock, encounters_per_place, place_of

KEY = bytes(range(32))
END = dt.date(2026, 12, 4)
MEMBERS = [uuid.UUID(int=1), uuid.UUID(int=2)]
TEAMS = [uuid.UUID(int=10), uuid.UUID(int=11)]


def _seeded_ids(seed: int = 0) -> Any:
    rng = random.Random(seed)

    def new_id() -> uuid.UUID:  # a UUIDv7 shape from a seeded generator
        value = (1_764_000_000_000 << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
        return uuid.UUID(int=value | rng.getrandbits(62))

    return new_id


def _models(records: list[demo_outreach.DemoRecord]) -> dict[str, list[Any]]:
    """Every record through its protocol model, as the service and a device read it."""
    now, device = utc_now(), uuid.uuid4()
    out: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        fields = dict(record.fields)
        if record.entity != "supply_item":
            fields["team_id"] = TEAMS[record.team]
        if record.other_team is not None:
            fields["other_team_id"] = TEAMS[record.other_team]
        meta = {"id": record.id, "created_at": now, "updated_at": now, "author_device_id": device}
        out[record.entity].append(ENTITY_TYPES[record.entity].model_validate({**fields, **meta}, strict=False))
    return out


@pytest.fixture(scope="module")
def month() -> tuple[list[demo_outreach.DemoRecord], demo_outreach.MonthShape]:
    return demo_outreach.month(END, MEMBERS, KEY, new_id=_seeded_ids())


def test_the_same_seed_gives_the_same_month_and_another_seed_another(month: Any) -> None:
    records, _ = month
    again, _ = demo_outreach.month(END, MEMBERS, KEY, new_id=_seeded_ids())
    assert again == records
    other, _ = demo_outreach.month(END, MEMBERS, KEY, seed=51, new_id=_seeded_ids())
    assert [r.fields for r in other] != [r.fields for r in records]


def test_every_record_is_valid_and_references_come_first(month: Any) -> None:
    records, shape = month
    models = _models(records)
    assert len(models["shift"]) == shape.shifts and len(models["encounter"]) == shape.encounters
    made: set[uuid.UUID] = set()
    for record in records:  # the order a service must receive them in
        for value in record.fields.values():
            if isinstance(value, uuid.UUID) and value not in MEMBERS:
                assert value in made, f"{record.entity} names a record not made before it"
        made.add(record.id)
    shifts = models["shift"]
    starts = [s.started_at for s in shifts]
    first = dt.datetime.combine(END - dt.timedelta(days=30), dt.time(0), tzinfo=demo_outreach.ROME)
    assert all(first <= at < dt.datetime.combine(END, dt.time(0), tzinfo=demo_outreach.ROME) for at in starts)
    assert {s.kind for s in shifts} == {"street", "mobile_unit", "drop_in", "event"}
    by_id = {s.id: s for s in shifts}
    for encounter in models["encounter"]:
        shift = by_id[encounter.shift_id]
        assert shift.started_at <= encounter.at <= shift.ended_at  # type: ignore[operator]


def test_the_month_looks_like_street_work(month: Any) -> None:
    records, shape = month
    encounters: list[Encounter] = _models(records)["encounter"]
    anonymous = [e for e in encounters if e.client_code is None]
    assert len(anonymous) / len(encounters) > 0.6  # most people give no code
    seen = Counter(e.client_code for e in encounters if e.client_code)
    assert len(seen) == len(shape.codes) >= 10
    assert sum(1 for n in seen.values() if n >= 5) >= 3  # a few regulars, met again and again
    assert sum(1 for e in encounters if e.people > 1) == shape.group_encounters > 0
    assert sum(e.people for e in encounters) == shape.people > len(encounters)
    # A regular is new the first time only.
    first_time: dict[str, bool] = {}
    for encounter in sorted(encounters, key=lambda e: e.at):
        if encounter.client_code:
            assert encounter.new_person is (encounter.client_code not in first_time)
            first_time[encounter.client_code] = True
    assert sum(1 for e in encounters if e.given) / len(encounters) > 0.5
    # The codes are made with the organisation's key: another key, other codes for the same people.
    _, other = demo_outreach.month(END, MEMBERS, bytes(32), new_id=_seeded_ids())
    assert other.codes and not (other.codes & shape.codes)


def test_the_ledger_never_goes_below_zero_and_naloxone_ends_low(month: Any) -> None:
    records, _ = month
    models = _models(records)
    stock = derive_stock(TEAMS[0], models["supply_item"], models["stock_movement"], models["encounter"])
    names = {str(item.id): item.name_en for item in models["supply_item"]}
    assert all(not line.discrepancy for line in stock.values())
    assert [names[i] for i, line in stock.items() if line.low] == ["Naloxone nasal spray"]
    kinds = Counter(m.kind for m in models["stock_movement"])
    assert {"received", "moved_out", "moved_in", "expired", "discarded", "corrected_down", "sharps_returned"} <= set(
        kinds
    )
    moves = [m for m in models["stock_movement"] if m.kind in ("moved_in", "moved_out")]
    assert {(m.team_id, m.other_team_id) for m in moves} == {(TEAMS[0], TEAMS[1]), (TEAMS[1], TEAMS[0])}
    syringes = next(i for i, name in names.items() if name.startswith("Insulin"))
    assert stock[syringes].sharps_returned > 0  # the drop-in's weighed bins, turned into units


def test_every_encounter_is_drawn_at_a_spot_or_a_municipality(month: Any) -> None:
    records, _ = month
    models = _models(records)
    spots = {s.id: s for s in models["spot"]}
    station = next(s for s in spots.values() if s.name == "Stazione FS Lodi")
    assert gazetteer.in_area(station.latitude, station.longitude) and station.municipality == "Lodi"
    counts = encounters_per_place(models["encounter"], {s.id: s for s in models["shift"]}, spots)
    assert counts.unplaced == 0
    assert sum(p.encounters for p in counts.places) == len(models["encounter"])
    assert counts.places[0].place.name == "Stazione FS Lodi"  # where the street team works most
    assert {"Lodi", "Sant'Angelo Lodigiano"} <= {p.place.name for p in counts.places}


def _meta() -> dict[str, Any]:
    now = utc_now()
    return {"id": new_id(), "created_at": now, "updated_at": now, "author_device_id": uuid.uuid4()}


def test_place_of_a_spot_a_municipality_the_shifts_one_or_none() -> None:
    team, now = uuid.uuid4(), utc_now()
    spot = Spot(**_meta(), team_id=team, name="Stazione FS Lodi", latitude=45.3089, longitude=9.5009)
    one = Shift(**_meta(), team_id=team, member_ids=[uuid.uuid4()], municipalities=["Codogno"], started_at=now)
    route = Shift(**_meta(), team_id=team, member_ids=[uuid.uuid4()], route_name="Giro", started_at=now)

    def encounter(shift: Shift, **fields: Any) -> Encounter:
        return Encounter(**_meta(), team_id=team, shift_id=shift.id, at=now, **fields)

    spots = {spot.id: spot}
    at_spot = place_of(encounter(route, spot_id=spot.id), route, spots)
    assert at_spot is not None and at_spot.key == f"spot:{spot.id}" and at_spot.latitude == 45.3089
    lodi = place_of(encounter(one, municipality="lodi"), one, spots)  # the gazetteer's, however written
    assert lodi is not None and (lodi.name, lodi.key) == ("Lodi", "municipality:098031")
    codogno = place_of(encounter(one), one, spots)
    assert codogno is not None and codogno.name == "Codogno"
    assert place_of(encounter(route), route, spots) is None  # a free route: nowhere to draw
    assert place_of(encounter(one, municipality="Atlantide"), one, spots) is None
    assert place_of(encounter(route, spot_id=uuid.uuid4()), route, spots) is None  # a spot not held here


def test_an_encounter_names_a_spot_or_a_municipality_not_both() -> None:
    now = utc_now()
    with pytest.raises(ValidationError, match="spot_id") as caught:
        Encounter(
            **_meta(),
            team_id=uuid.uuid4(),
            shift_id=uuid.uuid4(),
            at=now,
            municipality="Lodi",
            spot_id=uuid.uuid4(),
        )
    assert "give a spot or a municipality, not both" in str(caught.value)
    with pytest.raises(ValidationError, match="latitude"):
        Spot(**_meta(), team_id=uuid.uuid4(), name="Nowhere", latitude=91.0, longitude=9.5)
