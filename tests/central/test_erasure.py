"""Erasure (GDPR): a person and everything about them, gone from the service, its files and every device."""

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from central import audit, cli
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
    alone = anna.create(
        "appointment",
        contact_ids=[person],
        starts_at=T0,
        ends_at=T0 + dt.timedelta(hours=1),
        time_zone="Europe/Rome",
        operator_id=anna_id,
        place_kind="office",
    )
    together = anna.create(
        "appointment",
        contact_ids=[person, friend],
        starts_at=T0,
        ends_at=T0 + dt.timedelta(hours=1),
        time_zone="Europe/Rome",
        operator_id=anna_id,
        place_kind="outreach",
    )
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
    late = bruno.sync(
        bruno.mutation("contact", "update", person, base=None, municipality="Lodi"),
        bruno.mutation("contact", "create", person, given_name="Erika"),
    )
    assert [(r["status"], r["reason"]) for r in late["results"]] == [("rejected", "erased"), ("rejected", "erased")]
    orphan = bruno.sync(bruno.mutation("note", "create", contact_id=person, body="ancora", occurred_at=T0))
    assert orphan["results"][0]["reason"] == "missing_reference"
    with session_factory(world.engine).begin() as session:
        assert erase_contact(session, uuid.UUID(person)).erased == 0  # twice is harmless


CANARY = "Zorrokanarino"


def _canary_caseload(world: World) -> str:
    """A person whose family name is the canary, quoted by a note and a Conflict."""
    world.add_operator("anna", [world.team_a])
    anna, tablet = world.enrol("anna"), world.enrol("anna", "tablet")
    person = anna.create("contact", given_name="Erika", family_name=CANARY)
    anna.create("note", contact_id=person, body=f"{CANARY} racconta " + "molto " * 400, occurred_at=T0)
    tablet.sync_all()
    anna.sync(anna.mutation("contact", "update", uuid.UUID(person), family_name=f"{CANARY}-Rossi"))
    tablet.sync(tablet.mutation("contact", "update", uuid.UUID(person), base=1, family_name=f"{CANARY}-Bianchi"))
    return person


def test_sqlite_connections_zero_what_they_free(world: World) -> None:
    """Issue 13 item 9: secure_delete is set by the service, not left to how SQLite was built."""
    if world.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with world.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1


def test_after_erasure_the_sqlite_files_hold_no_value(world: World) -> None:
    """Issue 13 item 9: `erase contact` leaves the erased values in neither the database file
    nor its write-ahead log (freed space zeroed, the log checkpointed and truncated)."""
    if world.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    person = _canary_caseload(world)
    path = Path(world.engine.url.database)
    assert CANARY.encode() in _bytes_of(path)
    assert cli.main(["erase", "contact", person, "--db", str(world.engine.url)]) == 0
    world.engine.dispose()  # as at the end of any service process: nothing cached in memory
    assert CANARY.encode() not in _bytes_of(path)


def _bytes_of(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_after_erasure_and_rewrite_the_postgresql_heap_holds_no_value(world: World, request) -> None:
    """Issue 13 item 9: on PostgreSQL an UPDATE leaves the old row version in the heap, and a
    plain VACUUM only marks its space free. `erase contact --rewrite` rewrites the record table
    (VACUUM FULL), after which the values are in none of its files. (WAL and backups: see the
    retention note in docs/ARCHITECTURE.md.)"""
    if world.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    server = request.getfixturevalue("postgres")
    person = _canary_caseload(world)
    assert CANARY.encode() in _heap_bytes(world, server.data_dir)
    assert cli.main(["erase", "contact", person, "--rewrite", "--db", str(world.engine.url)]) == 0
    assert CANARY.encode() not in _heap_bytes(world, server.data_dir)


def _heap_bytes(world: World, data_dir: Path) -> bytes:
    """The record table's heap and TOAST files, after a checkpoint wrote every page out."""
    with world.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("CHECKPOINT")
        paths = (
            connection.exec_driver_sql(
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = 'record'::regclass "
                "OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'record'::regclass)"
            )
            .scalars()
            .all()
        )
    return b"".join(f.read_bytes() for p in paths for f in data_dir.glob(p + "*"))
