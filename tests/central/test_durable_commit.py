"""A sync is answered only once what it wrote is durable, although its transaction
commits asynchronously on PostgreSQL (central.sync_sql: take_numbers, durable_barrier).

The writers' locks are released at commit without waiting for the WAL flush; the
barrier before the answer makes the commit durable. Checked by crashing PostgreSQL
(immediate shutdown: its WAL buffers are lost) right after each answer and looking
for the record after recovery. The test cluster runs with synchronous_commit off
(tests/pg_server.py), so this database turns it back on: the barrier's own commit
must wait for the WAL like a production server's.
"""

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from central.db import make_engine, session_factory, upgrade
from central.models import StoredRecord
from tests import pg_server
from tests.central.conftest import make_world

pytestmark = pytest.mark.skipif(pg_server.skip_reason() is not None, reason=pg_server.skip_reason() or "")


@pytest.fixture()
def crashable() -> Iterator[pg_server.PostgresServer]:
    server = pg_server.PostgresServer(pg_server.find_pg_bin())  # type: ignore[arg-type]  # skipif above
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_every_answered_sync_survives_a_crash_of_the_database(crashable: pg_server.PostgresServer) -> None:
    url = crashable.create_database("durable")
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("ALTER DATABASE durable SET synchronous_commit = on")
        connection.commit()
    engine.dispose()
    engine = make_engine(url)
    upgrade(engine)
    world = make_world(engine)
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    answered: list[uuid.UUID] = []
    for n in range(8):
        mutation = anna.mutation("contact", "create", given_name=f"C{n}", team_id=world.team_a)
        assert anna.sync(mutation)["results"][0]["status"] == "applied"
        answered.append(uuid.UUID(mutation["record_id"]))
        crashable.crash_and_restart()
        engine.dispose()  # its pooled connections died with the server
    with session_factory(engine)() as session:
        kept = set(session.execute(select(StoredRecord.id)).scalars())
    engine.dispose()
    assert [record for record in answered if record not in kept] == []
