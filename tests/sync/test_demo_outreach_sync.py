"""The demo's month of street outreach end to end: `central.demo` loads it through the service's own
sync rules (apply_mutations), then the desktop demo's enrolled device (desktop.demo.prepare_demo:
the real service on loopback, a real SQLCipher profile) syncs it in through the device's rules.
Counted on both sides: what the service holds, what the device holds, its places, its stock, and a
regular's code made on the device from the invented inputs equals the one in the demo's data."""

import datetime as dt
import random
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from central.db import session_factory
from central.models import StoredRecord
from desktop.demo import prepare_demo
from desktop.store import outreach_queries as oq
from desktop.sync.engine import SyncEngine
from protocol import demo_outreach
from protocol.client_codes import make_code


def test_the_demo_month_reaches_the_service_and_the_device_through_their_rules(tmp_path: Path) -> None:
    demo = prepare_demo(tmp_path)
    try:
        shape = demo.service.summary["outreach"]
        with session_factory(demo.service.engine)() as session:
            stored = Counter(
                session.execute(select(StoredRecord.entity).where(StoredRecord.deleted.is_(False))).scalars()
            )
        assert (stored["shift"], stored["encounter"]) == (shape["shifts"], shape["encounters"])
        assert (stored["spot"], stored["supply_item"]) == (len(demo_outreach.SPOTS), len(demo_outreach.SUPPLY_ITEMS))
        assert stored["stock_movement"] > 10
        engine = SyncEngine(demo.worker)
        try:
            report = engine.sync()
        finally:
            engine.close()
        assert report.rejected == 0

        def look(session: Any) -> dict[str, Any]:
            team = next(t for t in session.replica.enrolment().teams if t["name"] == "Unità di strada")
            team_id = uuid.UUID(team["id"])
            now = dt.datetime.now(dt.UTC)
            places = oq.place_counts(session, team_id, now - dt.timedelta(days=32), now)
            codes = {
                row[0]
                for row in session.conn.execute("SELECT client_code FROM encounter WHERE client_code IS NOT NULL")
            }
            return {
                "encounters": session.encounters.count(),
                "shifts": session.shifts.count(),
                "spots": [s.name for s in oq.spots(session, team_id)],
                "places": places,
                "low": [session.supply_items.get(line.item_id).name_en for line in oq.low_stock(session, team_id)],
                "discrepancies": [i for i, line in oq.stock(session, team_id).items() if line.discrepancy],
                "codes": codes,
                "key": session.replica.code_key(),
            }

        held = demo.worker.call(look)
    finally:
        demo.worker.close()
        demo.service.stop()
    assert (held["encounters"], held["shifts"]) == (shape["encounters"], shape["shifts"])
    assert "Stazione FS Lodi" in held["spots"]
    places = held["places"]
    assert places.unplaced == 0 and sum(p.encounters for p in places.places) == shape["encounters"]
    assert places.places[0].place.name == "Stazione FS Lodi"
    assert held["low"] == ["Naloxone nasal spray"] and held["discrepancies"] == []
    assert len(held["codes"]) == shape["codes"]
    # The most frequent invented regular, typed on the device with the organisation's key and recipe
    # the device got at enrolment: the code the demo's data carries for them.
    year = dt.datetime.now(demo_outreach.ROME).year
    regular = demo_outreach.regulars(random.Random(50), demo_outreach.REGULARS, year)[0]
    key = held["key"]
    assert make_code(key.key, key.recipe, regular.answers) in held["codes"]
