"""What one sync costs the database, in counts (never timings), and the batched writes behind it.

The sync endpoint writes each table's rows in one statement whatever their number
(central.sync_sql), numbers each batch with one counter update, and does its
write and its pull on one pooled connection. Statements are counted where the
driver meets the database (libpq's protocol trace on PostgreSQL, sqlite3's
trace callback on SQLite), so a statement sent past SQLAlchemy counts too.
These tests pin those counts and check that the batched paths give the same
records, results and audit chain as one-by-one writes would.
"""

import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from psycopg import pq
from sqlalchemy import event, func, select

from central import audit
from central.auth import authenticate
from central.db import current_sequence, session_factory
from central.models import AppliedMutation, AuditEntry, StoredRecord
from central.sync_service import pull
from protocol import PROTOCOL_VERSION
from protocol.messages import PROTOCOL_HEADER
from tests.central.conftest import World

DATA = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@contextmanager
def counting(world: World) -> Iterator[dict[str, int]]:
    """Counts, while open: `statements` (data statements the database ran), `commands`
    (those plus BEGIN, COMMIT and pings) and pool `checkouts`."""
    counts = {"statements": 0, "commands": 0, "checkouts": 0}
    traces: list[str] = []

    def statement_seen(text: str) -> None:
        counts["commands"] += 1
        if DATA.match(text):
            counts["statements"] += 1

    def checkout(dbapi_conn, record, proxy) -> None:
        counts["checkouts"] += 1
        if world.engine.dialect.name == "postgresql":
            handle, path = tempfile.mkstemp(prefix="libpq-trace-")
            traces.append(path)
            dbapi_conn.pgconn.trace(handle)
            dbapi_conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
            record.info["trace_handle"] = handle
        else:
            dbapi_conn.set_trace_callback(statement_seen)

    def checkin(dbapi_conn, record) -> None:
        handle = record.info.pop("trace_handle", None)
        if handle is not None:
            dbapi_conn.pgconn.untrace()
            os.close(handle)
        elif world.engine.dialect.name == "sqlite":
            dbapi_conn.set_trace_callback(None)

    event.listen(world.engine, "checkout", checkout)
    event.listen(world.engine, "checkin", checkin)
    try:
        yield counts
    finally:
        event.remove(world.engine, "checkout", checkout)
        event.remove(world.engine, "checkin", checkin)
        for path in traces:
            with open(path, encoding="utf-8", errors="replace") as trace:
                for line in trace:
                    # Frontend messages: a simple Query, or the Execute of an extended-protocol one.
                    fields = line.split("\t")
                    if fields[0] == "F" and fields[2] in ("Query", "Execute"):
                        statement_seen(fields[3].strip().strip('"') if fields[2] == "Query" else "SELECT")
            os.remove(path)


def statements_per_sync(world: World) -> int:
    """Data statements of a sync that pushes new contacts and pulls (see the test below): 10 on
    SQLite, 6 on PostgreSQL (it numbers the batch in one statement where SQLite takes three,
    writes in one what SQLite writes in three, and makes the pull itself durable)."""
    return 6 if world.engine.dialect.name == "postgresql" else 10


def _count(world: World, model: type) -> int:
    with session_factory(world.engine)() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_sync_takes_one_connection_and_the_same_few_statements_whatever_the_batch(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    anna.sync()  # the first sync also records last_seen_at: not counted below
    seen = []
    for size in (1, 30):
        batch = [anna.mutation("contact", "create", given_name=f"C{n}", team_id=world.team_a) for n in range(size)]
        with counting(world) as counts:
            results = anna.sync(*batch)["results"]
        assert [r["status"] for r in results] == ["applied"] * size
        assert counts["checkouts"] == 1
        seen.append(counts)
    # Token lookup with the restore state (central.restore_state, never cached) in the same
    # statement; earlier results and the batch's records; the numbering (change_seq, audit_seq
    # and the chain's previous hash: three statements on SQLite, one function call on PostgreSQL,
    # which also turns the write transaction's commit asynchronous, see SyncSQL.take_numbers);
    # the writes; the pull's page. The writes are the records, the audit entries and the
    # results: three statements on SQLite, one on PostgreSQL (SyncSQL.write_batch), which also
    # reads the page with the durability barrier folded in.
    postgres = world.engine.dialect.name == "postgresql"
    statements = statements_per_sync(world)
    assert seen[0]["statements"] == seen[1]["statements"] == statements, seen
    # Plus transaction control: PostgreSQL's write is BEGIN ... COMMIT, and its pull and its
    # barrier, one statement each, need none; SQLite brackets both (BEGIN IMMEDIATE, see central.db).
    # (The pool's pre-ping happens before the checkout event, so it is not counted.)
    control = 2 if postgres else 4
    assert seen[0]["commands"] == seen[1]["commands"] == statements + control, seen


def test_edits_are_written_back_in_place_in_one_batch(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    world.add_operator("aldo", [world.team_a])
    anna, aldo = world.enrol("anna"), world.enrol("aldo", "tablet")
    creates = [anna.mutation("contact", "create", given_name=f"C{n}", team_id=world.team_a) for n in range(12)]
    versions = {
        m["record_id"]: r["server_version"] for m, r in zip(creates, anna.sync(*creates)["results"], strict=True)
    }
    records, entries = _count(world, StoredRecord), _count(world, AuditEntry)
    head = current_sequence(session_factory(world.engine)(), "change_seq")
    edits = [
        anna.mutation("contact", "update", record_id=rid, base=v, municipality="Lodi") for rid, v in versions.items()
    ]
    results = anna.sync(*edits)["results"]
    assert [r["status"] for r in results] == ["applied"] * 12
    # One contiguous block of new versions, in mutation order; no row added.
    assert [r["server_version"] for r in results] == list(range(head + 1, head + 13))
    assert _count(world, StoredRecord) == records
    assert _count(world, AuditEntry) == entries + 12
    seen = {c["record"]["id"]: c for c in aldo.sync_all()}
    for edit, result in zip(edits, results, strict=True):
        change = seen[edit["record_id"]]
        assert change["version"] == result["server_version"] == change["record"]["server_version"]
        assert change["record"]["municipality"] == "Lodi"
        assert change["record"]["given_name"].startswith("C")
    with session_factory(world.engine)() as session:
        assert audit.verify(session).ok


def test_a_batch_larger_than_a_statement_page_chains_its_audit_entries(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    batch = [anna.mutation("contact", "create", given_name=f"C{n}", team_id=world.team_a) for n in range(23)]
    batch.append(anna.mutation("contact", "update", record_id=batch[0]["record_id"], municipality="Oulu"))
    results = anna.sync(*batch)["results"]
    assert [r["status"] for r in results] == ["applied"] * 24
    assert _count(world, AppliedMutation) == 24
    with session_factory(world.engine)() as session:
        report = audit.verify(session)
        assert report.ok, report.problems
        actions = session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
        assert actions[-24:] == ["contact.create"] * 23 + ["contact.update"]
        assert current_sequence(session, "audit_seq") == report.entries
    # A retry of the whole batch is answered from the stored results, nothing re-applied.
    again = anna.sync(*batch)["results"]
    assert again == results
    assert _count(world, AppliedMutation) == 24


def test_every_answer_names_the_protocol_once(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    answers = [
        world.client.get("/v1/health"),
        world.client.post("/v1/sync", json={"mutations": []}, headers={"Authorization": f"Bearer {anna.token}"}),
        world.client.post("/v1/sync", json={"mutations": []}, headers={"Authorization": "Bearer nope"}),
        world.client.post(
            "/v1/sync", json={"mutations": [{"device_seq": 0}]}, headers={"Authorization": f"Bearer {anna.token}"}
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 401, 422]
    for answer in answers:
        assert answer.headers.get_list(PROTOCOL_HEADER) == [str(PROTOCOL_VERSION)]


def test_a_pull_inside_a_transaction_already_started_reads_in_it(world: World) -> None:
    """The pull leaves the transaction alone (no autocommit switch) when one is open."""
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    created = anna.mutation("contact", "create", given_name="Ada", team_id=world.team_a)
    anna.sync(created)
    with session_factory(world.engine)() as session, session.begin():
        session.execute(select(func.count()).select_from(StoredRecord))  # the transaction is under way
        caller, *_ = authenticate(session, anna.token)
        pulled = pull(session, caller, None, 100)
        assert created["record_id"] in {json.loads(change)["record"]["id"] for _, change in pulled.rows}
