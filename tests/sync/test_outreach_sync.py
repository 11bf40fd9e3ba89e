"""Street outreach (issue 18) through real encrypted stores and the real service on loopback:
shift summaries on a known dataset, the stock ledger under concurrent offline movements from
three devices, a 200-encounter shift in one request, purge of a lost team, the service's rules
(members edit their shift, the ledger is append-only, one team per encounter and shift), bad
input per field, near misses over the team's codes, and the CLI's JSON."""

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from central.models import StoredRecord
from desktop import cli
from desktop.store import outreach_queries as oq
from desktop.store.errors import RuleViolation
from protocol.client_codes import DEFAULT_RECIPE, make_code, near_misses
from protocol.entities import Encounter, StockMovement, SupplyItem
from protocol.outreach import derive_stock
from tests.sync_world import PASSPHRASE, Device, World

T0 = dt.datetime(2026, 11, 3, 20, 0, tzinfo=dt.UTC)


def _items(world: World) -> tuple[Device, dict[str, uuid.UUID]]:
    """A team lead defines two items for the organisation and syncs them."""
    lead = world.device(world.add_operator("lead", [world.team_a], role="team_lead"))

    def define(session: Any) -> dict[str, uuid.UUID]:
        syringes = session.supply_items.create(
            name_it="Siringhe",
            name_en="Syringes",
            name_fi="Ruiskut",
            unit="piece",
            kind="harm_reduction",
            low_stock_at=20,
            grams_per_unit=2.5,
        )
        naloxone = session.supply_items.create(
            name_it="Naloxone", name_en="Naloxone", name_fi="Naloksoni", unit="kit", kind="harm_reduction"
        )
        return {"syringes": syringes.id, "naloxone": naloxone.id}

    items = lead.store.call(define)
    assert lead.sync().rejected == 0
    return lead, items


def _service_stock(world: World, team: uuid.UUID) -> dict[str, int]:
    with world.service.admin() as session:
        rows = session.execute(
            select(StoredRecord.entity, StoredRecord.body).where(StoredRecord.organisation_id == world.org_id)
        ).all()
    by = {"supply_item": SupplyItem, "stock_movement": StockMovement, "encounter": Encounter}
    parsed: dict[str, list[Any]] = {name: [] for name in by}
    for entity, body in rows:
        if entity in by:
            parsed[entity].append(by[entity].model_validate_json(body))
    lines = derive_stock(team, parsed["supply_item"], parsed["stock_movement"], parsed["encounter"])
    return {item: line.on_hand for item, line in lines.items()}


def _device_stock(device: Device, team: uuid.UUID) -> dict[str, int]:
    return {item: line.on_hand for item, line in device.store.call(lambda s: oq.stock(s, team)).items()}


def test_shift_summary_on_a_known_dataset(world: World) -> None:
    _, items = _items(world)
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    syr, nal = str(items["syringes"]), str(items["naloxone"])

    def run(session: Any) -> Any:
        shift = oq.start_shift(session, world.team_a, "lodi", "street", at=T0)
        assert shift.municipalities == ["Lodi"] and shift.route_name is None  # from the gazetteer
        oq.add_movement(session, world.team_a, items["syringes"], "received", quantity=100, at=T0)
        data = [
            {"people": 1, "new_person": True, "given": [{"item_id": items["syringes"], "quantity": 10}]},
            {
                "people": 3,
                "new_person": True,
                "given": [{"item_id": items["syringes"], "quantity": 30}],
                "sharps_returned": 12,
            },
            {
                "people": 1,
                "new_person": False,
                "client_code": "7kq2 m9xd 4hpa",
                "given": [{"item_id": items["naloxone"], "quantity": 1}],
            },
            {"people": 2, "sharps_returned": 5, "note": "chiesto del dormitorio"},
        ]
        for n, fields in enumerate(data):
            oq.record_encounter(session, shift.id, at=T0 + dt.timedelta(minutes=n), **fields)
        return shift, oq.shift_summary(session, shift.id).as_json()

    shift, summary = anna.store.call(run)
    assert summary == {
        "shift_id": str(shift.id),
        "encounters": 4,
        "people": 7,
        "new_people": 4,
        "supplies_out": {syr: 40, nal: 1},
        "sharps_in": 17,
        "referrals": 0,
        "codes_seen": 1,
        "notes": None,
    }
    stock = anna.store.call(lambda s: oq.stock(s, world.team_a))
    assert (stock[syr].on_hand, stock[syr].discrepancy, stock[syr].low) == (60, False, False)
    # Naloxone was never received: the kit given is recorded and flagged, never refused.
    assert (stock[nal].on_hand, stock[nal].discrepancy) == (-1, True)
    assert anna.store.call(lambda s: oq.low_stock(s, world.team_a)) == []
    big = anna.store.call(
        lambda s: oq.record_encounter(s, shift.id, at=T0, given=[{"item_id": items["syringes"], "quantity": 40}])
    )
    assert [line.item_id for line in anna.store.call(lambda s: oq.low_stock(s, world.team_a))] == [syr]  # 20 left
    anna.store.call(lambda s: s.encounters.tombstone(big.encounter.id))  # undone: the stock is back
    assert anna.store.call(lambda s: oq.low_stock(s, world.team_a)) == []
    assert anna.sync().rejected == 0
    bruno = world.device(world.add_operator("bruno", [world.team_a]))
    bruno.sync()
    assert bruno.store.call(lambda s: oq.shift_summary(s, shift.id).as_json()) == summary


def test_stock_ledger_under_concurrent_offline_movements_from_three_devices(world: World) -> None:
    lead, items = _items(world)
    syr, nal = items["syringes"], items["naloxone"]
    devices = [world.device(world.add_operator(name, [world.team_a])) for name in ("anna", "bruno", "carla")]
    for device in devices:
        device.sync()
    # Every device writes offline: movements and encounters, none sees the others'.
    expected = {str(syr): 0, str(nal): 0}
    for n, device in enumerate(devices):
        received, given, expired = 50 + n, 7 + n, 2

        def offline(
            session: Any, received: int = received, given: int = given, expired: int = expired, n: int = n
        ) -> None:
            shift = oq.start_shift(session, world.team_a, f"Giro {n}", "mobile_unit", at=T0)
            oq.add_movement(session, world.team_a, syr, "received", quantity=received, at=T0)
            oq.add_movement(session, world.team_a, syr, "expired", quantity=expired, at=T0)
            oq.add_movement(session, world.team_a, nal, "received", quantity=3, at=T0)
            # Weighed sharps: 25 g at 2.5 g a syringe is 10, and never counts as stock.
            oq.add_movement(session, world.team_a, syr, "sharps_returned", weight_grams=25.0, at=T0)
            for k in range(given):
                oq.record_encounter(
                    session,
                    shift.id,
                    at=T0 + dt.timedelta(minutes=k),
                    given=[{"item_id": syr, "quantity": 1}, {"item_id": nal, "quantity": 0}],
                )

        device.store.call(offline)
        expected[str(syr)] += received - expired - given
        expected[str(nal)] += 3
    for device in devices:
        assert device.sync().rejected == 0
    for device in [*devices, lead]:
        device.sync()
        assert _device_stock(device, world.team_a) == expected
        # The indexed per-item sums (what recording an encounter asks) agree with the derivation.
        assert device.store.call(lambda s: oq.on_hand(s, world.team_a, [syr, nal])) == expected
    assert _service_stock(world, world.team_a) == expected
    line = devices[0].store.call(lambda s: oq.stock(s, world.team_a))[str(syr)]
    assert line.sharps_returned == 30 and line.movements == 9 and line.encounters == 24


def test_a_shift_of_200_encounters_syncs_in_one_request(world: World) -> None:
    _, items = _items(world)
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()

    def shift_of_200(session: Any) -> uuid.UUID:
        shift = oq.start_shift(session, world.team_a, "Stazione FS Lodi", at=T0)
        for k in range(200):
            oq.record_encounter(
                session,
                shift.id,
                at=T0 + dt.timedelta(seconds=k),
                given=[{"item_id": items["syringes"], "quantity": 2}],
            )
        oq.end_shift(session, shift.id, at=T0 + dt.timedelta(hours=3))
        return shift.id

    shift_id = anna.store.call(shift_of_200)
    report = anna.sync()
    assert report.wire.requests == 1 and report.rejected == 0 and report.pushed == 202
    with world.service.admin() as session:
        count = session.query(StoredRecord).filter_by(entity="encounter", team_id=world.team_a).count()
    assert count == 200
    assert anna.store.call(lambda s: oq.shift_summary(s, shift_id).encounters) == 200


def test_losing_a_team_purges_its_shifts_encounters_and_ledger(world: World) -> None:
    _, items = _items(world)
    anna = world.add_operator("anna", [world.team_a, world.team_b])
    laptop = world.device(anna)
    laptop.sync()

    def both_teams(session: Any) -> None:
        for team in (world.team_a, world.team_b):
            shift = oq.start_shift(session, team, "Casale", at=T0)
            oq.record_encounter(
                session,
                shift.id,
                at=T0,
                client_code="7KQ2M9XD4HPA",
                given=[{"item_id": items["syringes"], "quantity": 1}],
            )
            oq.add_movement(session, team, items["syringes"], "received", quantity=5, at=T0)

    laptop.store.call(both_teams)
    assert laptop.sync().rejected == 0
    world.remove_from_team(anna, world.team_b)
    assert laptop.sync().purged == 3

    def left(session: Any) -> dict[str, set[str]]:
        return {
            table: {row[0] for row in session.conn.execute(f"SELECT team_id FROM {table}")}
            for table in ("shift", "encounter", "stock_movement", "encounter_given")
        }

    tables = ("shift", "encounter", "stock_movement", "encounter_given")
    assert laptop.store.call(left) == {t: {str(world.team_a)} for t in tables}
    assert laptop.store.call(lambda s: s.supply_items.count()) == 2  # the organisation's, kept


def test_the_service_keeps_the_outreach_rules(world: World) -> None:
    _, items = _items(world)
    anna = world.device(world.add_operator("anna", [world.team_a]))
    bruno = world.device(world.add_operator("bruno", [world.team_a]))
    carla = world.device(world.add_operator("carla", [world.team_b]))
    for device in (anna, bruno, carla):
        device.sync()
    shift = anna.store.call(lambda s: oq.start_shift(s, world.team_a, "Lodi", at=T0))
    movement = anna.store.call(
        lambda s: oq.add_movement(s, world.team_a, items["syringes"], "received", quantity=5, at=T0)
    )
    anna.sync()
    bruno.sync()
    # Not a member: refused on the device, and by the service when a device tries anyway.
    with pytest.raises(RuleViolation, match="member_ids: only the shift's members"):
        bruno.store.call(lambda s: oq.edit_shift(s, shift.id, notes="io non c'ero"))
    bruno.store.call(lambda s: s.shifts.update(shift.id, notes="io non c'ero"))
    report = bruno.sync()
    assert [r[1] for r in report.rejections] == ["forbidden_role"]
    anna.store.call(lambda s: oq.edit_shift(s, shift.id, notes="freddo, poca gente"))
    assert anna.sync().rejected == 0
    # The ledger is append-only on the device.
    with pytest.raises(RuleViolation, match="append-only"):
        anna.store.call(lambda s: s.stock_movements.update(movement.id, quantity=50))
    # Another team's encounter on this team's shift is refused (it would count for neither):
    # the service checks what a team-placed record names.
    # (Carla's device cannot see that shift: a copy is slipped into its store, as a faulty
    # device might hold, so that only the service stands in the way.)
    carla.store.call(
        lambda s: s.conn.execute(
            "INSERT INTO shift(id, body, updated_at, started_at, team_id) VALUES (?, ?, ?, ?, ?)",
            (str(shift.id), shift.model_dump_json(), T0.isoformat(), T0.isoformat(), str(world.team_a)),
        )
    )
    carla.store.call(lambda s: s.encounters.create(team_id=world.team_b, shift_id=shift.id, at=T0))
    refused = carla.sync()
    assert [r[1] for r in refused.rejections] == ["missing_reference"] and "shift_id" in refused.rejections[0][2]
    # An operator in both teams: a team-B encounter on a team-A shift is refused all the same.
    dora = world.device(world.add_operator("dora", [world.team_a, world.team_b]))
    dora.sync()
    dora.store.call(lambda s: s.encounters.create(team_id=world.team_b, shift_id=shift.id, at=T0))
    mixed = dora.sync()
    assert [r[1] for r in mixed.rejections] == ["invalid"]
    assert mixed.rejections[0][2] == "shift_id: this shift belongs to another team"
    # Only leads and administrators define supply items.
    anna.store.call(
        lambda s: s.supply_items.create(
            name_it="Coperte", name_en="Blankets", name_fi="Peitot", unit="piece", kind="hygiene"
        )
    )
    assert [r[1] for r in anna.sync().rejections] == ["forbidden_role"]
    # An encounter giving an item the organisation does not have is refused by the service too.
    anna.store.call(
        lambda s: s.encounters.create(
            team_id=world.team_a, shift_id=shift.id, at=T0, given=[{"item_id": uuid.uuid4(), "quantity": 1}]
        )
    )
    unknown = anna.sync()
    assert [(r[1], r[2]) for r in unknown.rejections] == [
        ("missing_reference", "given: no supply item of your organisation with this id")
    ]


def test_bad_input_names_the_field(world: World) -> None:
    _, items = _items(world)
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    shift = anna.store.call(lambda s: oq.start_shift(s, world.team_a, "Lodi", at=T0))
    cases = [
        ({"given": [{"item_id": items["syringes"], "quantity": -1}]}, "given.0.quantity"),
        ({"given": [{"item_id": items["syringes"], "quantity": 1.5}]}, "given.0.quantity"),
        ({"sharps_returned": -3}, "sharps_returned"),
        ({"people": 0}, "people"),
        ({"client_code": "not a code"}, "client_code"),
        ({"age_band": "teen"}, "age_band"),
        ({"given": [{"item_id": items["syringes"], "quantity": 1}] * 2}, "given"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as caught:
            anna.store.call(lambda s, f=fields: oq.record_encounter(s, shift.id, at=T0, **f))
        assert {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()} == {field}, fields
    with pytest.raises(ValidationError, match="quantity"):
        anna.store.call(lambda s: oq.add_movement(s, world.team_a, items["syringes"], "received", quantity=-5))
    with pytest.raises(ValidationError, match="weight_grams"):
        anna.store.call(lambda s: oq.add_movement(s, world.team_a, items["syringes"], "received", weight_grams=4.0))
    with pytest.raises(RuleViolation, match="given: no supply item"):
        anna.store.call(lambda s: oq.record_encounter(s, shift.id, given=[{"item_id": uuid.uuid4(), "quantity": 1}]))
    with pytest.raises(ValidationError, match="municipalities: a shift needs an area"):
        anna.store.call(lambda s: s.shifts.create(team_id=world.team_a, member_ids=[uuid.uuid4()], started_at=T0))
    assert anna.store.call(lambda s: oq.shift_summary(s, shift.id).encounters) == 0  # nothing half-written


def test_near_misses_over_the_codes_seen_in_the_teams_encounters(world: World) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    key = anna.store.call(lambda s: s.replica.code_key())
    answers = {"mother_first_name": "Maria", "birth_day": "12", "birth_year": "1990", "gender": "F"}
    typo = {**answers, "mother_first_name": "Mria"}  # "MR" instead of "MA"
    seen = make_code(key.key, key.recipe, answers)
    shift = anna.store.call(lambda s: oq.start_shift(s, world.team_a, "Lodi", at=T0))
    anna.store.call(lambda s: oq.record_encounter(s, shift.id, at=T0, client_code=seen))
    hook = anna.store.call(lambda s: oq.known_codes(s, world.team_a))
    misses = anna.store.call(lambda s: near_misses(key.key, key.recipe, typo, oq.known_codes(s, world.team_a)))
    assert [(m.code, m.differs_in) for m in misses] == [(seen, "mother_first_name")]
    assert key.recipe == DEFAULT_RECIPE and hook is not None


def _cli(
    device: Device, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, Any]:
    monkeypatch.setenv("PROSSIMO_PASSPHRASE", PASSPHRASE)
    code = cli.main(["--profile", str(device.profile.directory), *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if "--json" in argv else out.strip()


def test_the_command_line_json(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _items(world)
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    anna.close()  # the CLI opens the profile itself
    code, started = _cli(anna, monkeypatch, capsys, "shift", "start", "--area", "Codogno", "--kind", "street", "--json")
    assert code == 0 and started["shift"]["municipalities"] == ["Codogno"]
    assert _cli(anna, monkeypatch, capsys, "stock", "receive", "Siringhe", "40", "--json")[0] == 0
    code, met = _cli(
        anna,
        monkeypatch,
        capsys,
        "shift",
        "encounter",
        "--given",
        "syringes=10",
        "--given",
        "Naloksoni=1",
        "--code",
        "7KQ2-M9XD-4HPA",
        "--age-band",
        "25_34",
        "--new",
        "--json",
    )
    assert code == 0 and met["encounter"]["client_code"] == "7KQ2-M9XD-4HPA"
    assert len(met["discrepancies"]) == 1  # the naloxone kit nobody received: flagged, recorded
    assert met["code_seen_before"] is False
    code, again = _cli(anna, monkeypatch, capsys, "shift", "encounter", "--code", "7kq2m9xd4hpa", "--known", "--json")
    assert code == 0 and again["code_seen_before"] is True and again["encounter"]["new_person"] is False
    code, bad = _cli(anna, monkeypatch, capsys, "shift", "encounter", "--code", "7KQ2", "--json")
    assert code == 2 and bad["message"].startswith("client_code: must be 12 characters")
    code, bad = _cli(anna, monkeypatch, capsys, "shift", "encounter", "--given", "syringes=-2", "--json")
    assert (code, bad["ok"], bad["error"]) == (2, False, "usage") and bad["message"].startswith("given.syringes:")
    code, bad = _cli(anna, monkeypatch, capsys, "stock", "receive", "Syringes", "2.5", "--json")
    assert code == 2 and bad["message"] == "quantity: must be a whole number of 0 or more"
    code, ended = _cli(anna, monkeypatch, capsys, "shift", "end", "--json")
    assert code == 0 and ended["summary"]["encounters"] == 2 and ended["summary"]["new_people"] == 1
    assert ended["summary"]["codes_seen"] == 1  # one person met twice
    code, shown = _cli(anna, monkeypatch, capsys, "shift", "show", started["shift"]["id"], "--json")
    assert code == 0 and shown["summary"] == ended["summary"] and shown["shift"]["ended_at"] is not None
    code, stock = _cli(anna, monkeypatch, capsys, "stock", "show", "--json")
    by_name = {line["name"]: line for line in stock["stock"]}
    assert by_name["Syringes"]["on_hand"] == 30 and by_name["Syringes"]["low"] is False
    assert by_name["Naloxone"]["on_hand"] == -1 and by_name["Naloxone"]["discrepancy"] is True
    code, low = _cli(anna, monkeypatch, capsys, "stock", "show", "--low", "--json")
    assert code == 0 and low["stock"] == []  # 30 syringes, threshold 20
    code, none = _cli(anna, monkeypatch, capsys, "shift", "encounter", "--json")
    assert code == 2 and none["message"].startswith("shift: you have no shift running")


def test_spots_sync_and_an_encounter_may_name_only_its_own_teams_spot(world: World) -> None:
    dora = world.device(world.add_operator("dora", [world.team_a, world.team_b]))
    dora.sync()

    def run(session: Any) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
        station = oq.add_spot(session, world.team_a, "Stazione FS Lodi", 45.3089, 9.5009, "Lodi")
        shift_a = oq.start_shift(session, world.team_a, "Giro stazione", at=T0)
        shift_b = oq.start_shift(session, world.team_b, "Giro stazione", at=T0)
        oq.record_encounter(session, shift_a.id, at=T0, spot_id=station.id)
        return station.id, shift_a.id, shift_b.id

    station, shift_a, shift_b = dora.store.call(run)
    assert dora.sync().rejected == 0
    # A colleague of team A receives the spot and counts the encounter there.
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    counts = anna.store.call(lambda s: oq.place_counts(s, world.team_a, T0, T0 + dt.timedelta(hours=1)))
    assert [(c.place.name, c.encounters) for c in counts.places] == [("Stazione FS Lodi", 1)]
    # Team B's encounter naming team A's spot would be counted at a place team B never defined.
    dora.store.call(lambda s: oq.record_encounter(s, shift_b, at=T0, spot_id=station))
    mixed = dora.sync()
    assert [(r[1], r[2]) for r in mixed.rejections] == [("invalid", "spot_id: this spot belongs to another team")]


def test_the_command_line_spots_and_places(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    anna = world.device(world.add_operator("anna", [world.team_a]))
    anna.sync()
    anna.close()  # the CLI opens the profile itself

    def cli_(*argv: str) -> tuple[int, Any]:
        return _cli(anna, monkeypatch, capsys, *argv)

    code, made = cli_(
        "spot", "add", "Stazione FS Lodi", "--lat", "45,3089", "--lon", "9.5009", "--municipality", "lodi", "--json"
    )
    assert code == 0 and made["spot"]["latitude"] == 45.3089 and made["spot"]["municipality"] == "Lodi"
    code, bad = cli_("spot", "add", "Duomo di Milano", "--lat", "45.4642", "--lon", "9.19", "--json")
    assert code == 2 and bad["message"] == "latitude: outside the area the directory covers"
    code, bad = cli_("spot", "add", "Piazza", "--lat", "north", "--lon", "9.5", "--json")
    assert code == 2 and bad["message"].startswith("latitude: must be a number of degrees")
    code, listed = cli_("spot", "list", "--json")
    assert [s["name"] for s in listed["spots"]] == ["Stazione FS Lodi"]
    assert cli_("shift", "start", "--area", "Lodi", "--json")[0] == 0
    assert cli_("shift", "encounter", "--spot", "stazione fs lodi", "--json")[0] == 0
    assert cli_("shift", "encounter", "--spot", "Stazione FS Lodi", "--people", "3", "--json")[0] == 0
    assert cli_("shift", "encounter", "--municipality", "Lodi", "--json")[0] == 0
    assert cli_("shift", "encounter", "--json")[0] == 0  # the shift's area: Lodi
    code, bad = cli_("shift", "encounter", "--spot", "Autostazione", "--json")
    assert code == 2 and bad["message"] == "spot_id: the team has no spot of this name"
    code, places = cli_("shift", "places", "--days", "7", "--json")
    assert code == 0 and places["unplaced"] == 0
    assert [(p["place"], p["encounters"], p["people"]) for p in places["places"]] == [
        ("Lodi", 2, 2),
        ("Stazione FS Lodi", 2, 4),
    ]
