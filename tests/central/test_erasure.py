"""Erasure (GDPR): a person and everything about them, gone from the service and every device."""

import datetime as dt
import json
import uuid

from sqlalchemy import select

from central import audit
from central.db import session_factory
from central.erasure import erase_contact
from central.models import StoredRecord
from tests.central.conftest import World

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def test_an_erasure_wins_everywhere(world: World) -> None:
    anna_id = world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_a])
    anna, bruno = world.enrol("anna"), world.enrol("bruno", "second laptop")
    person = anna.create("contact", given_name="Erika", family_name="Dacancellare", phone="+39 333 9999999")
    friend = anna.create("contact", given_name="Amica")
    note = anna.create("note", contact_id=person, body="racconta della dipendenza", occurred_at=T0)
    tie = anna.create("relationship", from_contact_id=friend, to_contact_id=person, kind="friend")
    alone = anna.create("appointment", contact_ids=[person], starts_at=T0, ends_at=T0 + dt.timedelta(hours=1),
                        time_zone="Europe/Rome", operator_id=anna_id, place_kind="office")
    together = anna.create("appointment", contact_ids=[person, friend], starts_at=T0,
                           ends_at=T0 + dt.timedelta(hours=1), time_zone="Europe/Rome",
                           operator_id=anna_id, place_kind="outreach")
    bruno.sync_all()
    # A same-field race leaves a Conflict quoting the person's phone numbers.
    anna.sync(anna.mutation("contact", "update", person, base=None, phone="+39 333 1111111"))
    bruno.sync(bruno.mutation("contact", "update", person, base=None, phone="+39 333 2222222"))

    with session_factory(world.engine).begin() as session:
        report = erase_contact(session, uuid.UUID(person))
    assert (report.erased, report.appointments_updated) == (5, 1)  # contact, note, tie, lone appointment, conflict

    with session_factory(world.engine)() as session:
        rows = session.execute(select(StoredRecord).where(StoredRecord.organisation_id == world.org_id)).scalars()
        for row in rows:
            # Whole phone numbers: a bare "333" also turns up in timestamps (".033333Z").
            assert "Dacancellare" not in row.body and "dipendenza" not in row.body
            assert not any(number in row.body for number in ("9999999", "1111111", "2222222"))
            if row.erased:
                assert json.loads(row.body) == {"id": str(row.id)} and row.deleted
        assert audit.verify(session).ok

    changes = bruno.sync_all()
    erased = {c["record"]["id"] for c in changes if c.get("erased")}
    assert {person, note, tie, alone} <= erased and len(erased) == 5
    shared = [c["record"] for c in changes if c["record"]["id"] == together]
    assert shared and shared[-1]["contact_ids"] == [friend]

    # Nothing brings the person back: not an offline edit, not a re-creation with the same id.
    late = bruno.sync(bruno.mutation("contact", "update", person, base=None, municipality="Lodi"),
                      bruno.mutation("contact", "create", person, given_name="Erika"))
    assert [(r["status"], r["reason"]) for r in late["results"]] == [("rejected", "erased"), ("rejected", "erased")]
    orphan = bruno.sync(bruno.mutation("note", "create", contact_id=person, body="ancora", occurred_at=T0))
    assert orphan["results"][0]["reason"] == "missing_reference"
    with session_factory(world.engine).begin() as session:
        assert erase_contact(session, uuid.UUID(person)).erased == 0  # twice is harmless
