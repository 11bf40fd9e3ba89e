"""Encounters per place over a period (the map's heat layer), in a real SQLCipher store: a team's
named spots, an encounter's municipality, the shift's one municipality, nothing to draw for a free
route; the period's bounds, tombstones and other teams left out; a spot outside the area refused;
the migration's index serves the period's range read."""

import datetime as dt
import uuid
from typing import Any

import pytest

from desktop.store import outreach_queries as oq
from desktop.store.errors import RuleViolation
from desktop.store.worker import StoreWorker

T0 = dt.datetime(2026, 11, 3, 20, 0, tzinfo=dt.UTC)
TEAM, OTHER = uuid.uuid4(), uuid.uuid4()


def _shift(session: Any, team: uuid.UUID, **area: Any) -> uuid.UUID:
    shift = session.shifts.create(team_id=team, member_ids=[uuid.uuid4()], started_at=T0, **area)
    return shift.id


def test_encounters_are_counted_per_place_over_the_period(store: StoreWorker) -> None:
    def run(session: Any) -> Any:
        station = oq.add_spot(session, TEAM, "Stazione FS Lodi", 45.3089, 9.5009, municipality="lodi")
        assert station.municipality == "Lodi"  # as the gazetteer writes it
        street = _shift(session, TEAM, municipalities=["Lodi"], route_name="Giro stazione")
        mobile = _shift(session, TEAM, municipalities=["Codogno"])
        route = _shift(session, TEAM, route_name="Lungo Adda")
        elsewhere = _shift(session, OTHER, municipalities=["Lodi"])

        def meet(shift: uuid.UUID, minutes: int, **fields: Any) -> uuid.UUID:
            return oq.record_encounter(session, shift, at=T0 + dt.timedelta(minutes=minutes), **fields).encounter.id

        for minute in (1, 2):
            meet(street, minute, spot_id=station.id)
        meet(street, 3, spot_id=station.id, people=4)  # a group: one encounter, four people
        meet(street, 4, municipality="Lodi")
        meet(street, 5, municipality="LODI")
        meet(mobile, 6)  # no place of its own: the shift's one municipality
        meet(route, 7)  # a free route: nowhere to draw
        meet(street, 60 * 24 * 9, spot_id=station.id)  # after the period
        gone = meet(street, 8, spot_id=station.id)
        session.encounters.tombstone(gone)
        meet(elsewhere, 9, municipality="Lodi")  # another team's
        return oq.place_counts(session, TEAM, T0, T0 + dt.timedelta(days=7))

    counts = store.call(run)
    assert [(c.place.name, c.encounters, c.people) for c in counts.places] == [
        ("Stazione FS Lodi", 3, 6),
        ("Lodi", 2, 2),
        ("Codogno", 1, 1),
    ]
    assert counts.unplaced == 1
    station = counts.places[0].place
    assert (station.latitude, station.longitude) == (45.3089, 9.5009) and station.spot_id is not None


def test_the_period_is_half_open_and_read_by_the_team_and_time_index(store: StoreWorker) -> None:
    def run(session: Any) -> tuple[list[int], str]:
        shift = _shift(session, TEAM, municipalities=["Lodi"])
        for minute in (0, 30, 60):
            oq.record_encounter(session, shift, at=T0 + dt.timedelta(minutes=minute))
        totals = [
            sum(c.encounters for c in oq.place_counts(session, TEAM, T0 + dt.timedelta(minutes=a), T0 + b).places)
            for a, b in ((0, dt.timedelta(minutes=60)), (30, dt.timedelta(hours=2)), (61, dt.timedelta(hours=2)))
        ]
        plan = session.conn.execute(
            "EXPLAIN QUERY PLAN SELECT body FROM encounter WHERE team_id = ? AND at >= ? AND at < ? AND deleted = 0",
            (str(TEAM), "a", "b"),
        ).fetchall()
        return totals, " ".join(str(row[-1]) for row in plan)

    totals, plan = store.call(run)
    assert totals == [2, 2, 0]  # since <= at < until
    assert "encounter_by_team_at" in plan


def test_a_spot_outside_the_area_is_refused_naming_the_field(store: StoreWorker) -> None:
    with pytest.raises(RuleViolation) as caught:
        store.call(lambda s: oq.add_spot(s, TEAM, "Duomo di Milano", 45.4642, 9.1900))
    assert caught.value.problems[0].field == "latitude"
    assert "outside the area" in str(caught.value)

    def listed(session: Any) -> list[str]:
        oq.add_spot(session, TEAM, "Stazione di Codogno", 45.1589, 9.7019)
        oq.add_spot(session, TEAM, "Autostazione Lodi", 45.3079, 9.4985)
        oq.add_spot(session, OTHER, "Piazzale stazione Casalpusterlengo", 45.1747, 9.6528)
        return [spot.name for spot in oq.spots(session, TEAM)]

    assert store.call(listed) == ["Autostazione Lodi", "Stazione di Codogno"]
