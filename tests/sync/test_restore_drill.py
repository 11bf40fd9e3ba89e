"""The restore drill with devices: nothing synced after the backup is lost, nothing comes back twice.

Real `prossimo-central serve` processes (stopped for the restore, started again on the restored
database), real encrypted device stores, on SQLite and on a throwaway PostgreSQL
(tests/pg_server.py). Two devices sync, the service is backed up, both keep working and
syncing (new records, edits, an erasure), one edit stays offline, the backup is restored, and
the devices sync again. The service must end with every record and edit, no record twice, the
erasure kept, the change sequence never lower than before the restore, and both devices equal
to the service.
"""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from central import audit
from central.cli import main
from central.db import make_engine, session_factory, upgrade
from central.models import AuditEntry, Counter, StoredRecord
from protocol import ENTITY_TYPES
from tests import pg_server
from tests.service_process import running_service
from tests.sync_world import CentralService, Device, World, new_world


@pytest.fixture(scope="module")
def postgres() -> Iterator[pg_server.PostgresServer | None]:
    if pg_server.skip_reason():
        yield None
        return
    server = pg_server.PostgresServer(pg_server.find_pg_bin())
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    server = request.getfixturevalue("postgres")
    if server is None:
        pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
    return server.create_database(f"drill_{uuid.uuid4().hex[:10]}")


def _content(entity: str, body: str) -> dict:
    """What a person wrote: the content fields, not the service's bookkeeping."""
    record = ENTITY_TYPES[entity].model_validate_json(body)
    return record.model_dump(mode="json", include=set(record.content_fields()))


def server_records(engine: Engine, org_id: uuid.UUID) -> dict[str, tuple[str, dict]]:
    with session_factory(engine)() as session:
        rows = session.execute(
            select(StoredRecord.id, StoredRecord.entity, StoredRecord.body).where(
                StoredRecord.organisation_id == org_id,
                StoredRecord.erased.is_(False),
                StoredRecord.entity.in_(["contact", "note"]),
            )
        ).all()
    return {str(i): (e, _content(e, b)) for i, e, b in rows}


def device_records(device: Device) -> dict[str, tuple[str, dict]]:
    def read(s):
        out = {}
        for entity, table in (("contact", "contact"), ("note", "note")):
            for record_id, body in s.conn.execute(f"SELECT id, body FROM {table} WHERE deleted = 0"):
                out[record_id] = (entity, _content(entity, body))
        return out

    return device.store.call(read)


def change_seq(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.execute(select(Counter.value).where(Counter.name == "change_seq")).scalar_one())


def serve(db_url: str, tmp_path: Path):  # a context manager: the running service
    return running_service(db_url, "--key-file", str(tmp_path / "central.key"))


def point_at(device: Device, url: str) -> None:
    device.store.call(lambda s: s.replica.update_service_address(url, None))


def test_restore_drill_loses_nothing_and_keeps_the_erasure(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    backup_file = tmp_path / "central.backup"
    with serve(db_url, tmp_path) as first:
        world: World = new_world(CentralService(first.url, db_url, engine, first.process), tmp_path)
        laptop_a = world.device(world.add_operator("anna", [world.team_a]))
        laptop_b = world.device(world.add_operator("bruno", [world.team_a]))

        # Before the backup: both devices hold c1, c2 (with a note) and c5.
        c1, c2, c5 = laptop_a.store.call(
            lambda s: [s.contacts.create(given_name=name, municipality="Lodi").id for name in ("Ada", "Bea", "Eva")]
        )
        laptop_a.store.call(
            lambda s: s.notes.create(contact_id=c1, body="Primo incontro", occurred_at=s.contacts.get(c1).created_at)
        )
        laptop_a.sync()
        laptop_b.sync()
        laptop_b.store.call(lambda s: s.contacts.update(c1, phone="+39 333 0000001"))
        laptop_b.sync()
        laptop_a.sync()

        assert main(["--db", db_url, "backup", str(backup_file)]) == 0  # while the service runs

        # After the backup, synced by both: new records, edits on both sides, an erasure.
        c3 = laptop_a.store.call(lambda s: s.contacts.create(given_name="Cloe", municipality="Crema").id)
        n2 = laptop_a.store.call(
            lambda s: s.notes.create(contact_id=c3, body="Dopo il backup", occurred_at=s.contacts.get(c3).created_at)
        ).id
        laptop_a.store.call(lambda s: s.contacts.update(c2, municipality="Pavia"))
        laptop_a.sync()
        c4 = laptop_b.store.call(lambda s: s.contacts.create(given_name="Dora", municipality="Lodi").id)
        laptop_b.store.call(lambda s: s.contacts.update(c1, given_name="Ada Maria"))
        laptop_b.sync()
        laptop_a.sync()
        assert main(["--db", db_url, "erase", "contact", str(c5)]) == 0
        laptop_a.sync()  # A deletes c5; B has not heard of the erasure when the service is restored
        # Offline on A when the service is restored: pushed after it.
        laptop_a.store.call(lambda s: s.contacts.update(c1, municipality="Codogno"))

        before_restore = server_records(engine, world.org_id)
        seq_before = change_seq(engine)
        assert {str(c1), str(c2), str(c3), str(c4), str(n2)} <= set(before_restore)
        assert str(c5) not in before_restore

    engine.dispose()
    capsys.readouterr()
    assert main(["--db", db_url, "restore", str(backup_file)]) == 0
    said = capsys.readouterr().out
    assert "never goes back" in said and "Erased again: " in said
    seq_restored = change_seq(engine)
    assert seq_restored >= seq_before  # the sequence did not go back
    lost_in_backup = server_records(engine, world.org_id)
    assert str(c3) not in lost_in_backup and str(c4) not in lost_in_backup  # the backup is older
    with session_factory(engine)() as session:
        erased = session.get(StoredRecord, c5)
        assert erased is not None and erased.erased  # the erasure after the backup is not undone

    with serve(db_url, tmp_path) as second:
        for laptop in (laptop_a, laptop_b):
            point_at(laptop, second.url)
        reports = [laptop_a.sync(), laptop_b.sync(), laptop_a.sync(), laptop_b.sync()]
        assert reports[0].recovered >= 3 and reports[1].recovered >= 1  # each gave back what it held
        after = server_records(engine, world.org_id)
        assert change_seq(engine) > seq_restored

    expected = dict(before_restore)
    entity, content = expected[str(c1)]
    expected[str(c1)] = (entity, {**content, "municipality": "Codogno"})  # the offline edit, pushed after
    assert after == expected  # every record and every edit, nothing twice, nothing more
    assert after[str(c1)][1]["given_name"] == "Ada Maria" and after[str(c2)][1]["municipality"] == "Pavia"
    for laptop in (laptop_a, laptop_b):
        assert device_records(laptop) == after  # the devices converge (c5 is gone from B too)
        state = laptop.store.call(
            lambda s: (s.outbox.count(), len(s.replica.rejected_mutations()), len(s.replica.open_conflicts()))
        )
        assert state == (0, 0, 0)
    with session_factory(engine)() as session:
        conflicts = session.execute(
            select(StoredRecord.id).where(
                StoredRecord.organisation_id == world.org_id, StoredRecord.entity == "conflict"
            )
        ).all()
        assert conflicts == []  # nobody edited the same field on both sides: no conflict
        assert audit.verify(session).ok  # the chain is whole across the restore
        restores = session.execute(select(AuditEntry.seq).where(AuditEntry.action == "service.restore")).all()
        assert len(restores) == 1
    for laptop in (laptop_a, laptop_b):
        laptop.close()
    engine.dispose()


def test_after_a_restore_a_real_edit_on_both_sides_is_a_conflict_and_an_erasure_stays(
    db_url: str, tmp_path: Path
) -> None:
    """B's edit was lost by the restore; A, who never saw it, edits the same field after the
    restore: a Conflict shows both. A field B did not change in the lost time, but A changed after
    the restore, is no conflict. A contact B holds, made and erased after the backup, stays erased."""
    engine = make_engine(db_url)
    upgrade(engine)
    backup_file = tmp_path / "central.backup"
    with serve(db_url, tmp_path) as first:
        world: World = new_world(CentralService(first.url, db_url, engine, first.process), tmp_path)
        laptop_a = world.device(world.add_operator("anna", [world.team_a]))
        laptop_b = world.device(world.add_operator("bruno", [world.team_a]))
        c1 = laptop_a.store.call(lambda s: s.contacts.create(given_name="Ada", municipality="Lodi").id)
        laptop_a.sync()
        laptop_b.sync()
        assert main(["--db", db_url, "backup", str(backup_file)]) == 0
        laptop_b.store.call(lambda s: s.contacts.update(c1, phone="+39 333 1111111"))  # lost by the restore
        c6 = laptop_b.store.call(lambda s: s.contacts.create(given_name="Sara", municipality="Lodi").id)
        laptop_b.sync()
        assert main(["--db", db_url, "erase", "contact", str(c6)]) == 0  # B does not sync again before
    engine.dispose()
    assert main(["--db", db_url, "restore", str(backup_file)]) == 0

    with serve(db_url, tmp_path) as second:
        for laptop in (laptop_a, laptop_b):
            point_at(laptop, second.url)
        laptop_a.sync()  # A never saw B's edit: it has nothing to give back
        laptop_a.store.call(lambda s: s.contacts.update(c1, phone="+39 333 2222222", municipality="Pavia"))
        laptop_a.sync()
        laptop_b.sync()  # B gives back its lost phone: A changed the same field since
        laptop_a.sync()
        laptop_b.sync()
        after = server_records(engine, world.org_id)
        with session_factory(engine)() as session:
            conflicts = (
                session.execute(
                    select(StoredRecord.body).where(
                        StoredRecord.organisation_id == world.org_id, StoredRecord.entity == "conflict"
                    )
                )
                .scalars()
                .all()
            )
            erased = session.get(StoredRecord, c6)
            assert erased is not None and erased.erased and erased.body == f'{{"id": "{c6}"}}'

    assert after[str(c1)][1]["phone"] == "+39 333 2222222"  # the value that reached the service first
    assert after[str(c1)][1]["municipality"] == "Pavia"  # B only still had the restored "Lodi": no conflict
    assert str(c6) not in after
    assert len(conflicts) == 1
    conflict = json.loads(conflicts[0])
    assert (conflict["field"], conflict["kept_value"], conflict["other_value"]) == (
        "phone",
        "+39 333 2222222",
        "+39 333 1111111",
    )
    for laptop in (laptop_a, laptop_b):
        assert device_records(laptop) == after  # converged; c6 is gone from B
        assert laptop.store.call(lambda s: (s.outbox.count(), len(s.replica.rejected_mutations()))) == (0, 0)
        assert len(laptop.store.call(lambda s: s.replica.open_conflicts())) == 1
    for laptop in (laptop_a, laptop_b):
        laptop.close()
    engine.dispose()


class Interrupted(Exception):
    pass


def test_a_recovery_cut_short_resumes_where_it_stopped(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    backup_file = tmp_path / "central.backup"
    with serve(db_url, tmp_path) as first:
        world: World = new_world(CentralService(first.url, db_url, engine, first.process), tmp_path)
        laptop = world.device(world.add_operator("anna", [world.team_a]))
        laptop.store.call(lambda s: [s.contacts.create(given_name=f"Prima {n}") for n in range(4)])
        laptop.sync()
        assert main(["--db", db_url, "backup", str(backup_file)]) == 0
        laptop.store.call(lambda s: [s.contacts.create(given_name=f"Dopo {n}") for n in range(6)])
        laptop.sync()
        before_restore = server_records(engine, world.org_id)
    engine.dispose()
    assert main(["--db", db_url, "restore", str(backup_file)]) == 0

    with serve(db_url, tmp_path) as second:
        point_at(laptop, second.url)
        laptop.engine.page_size = 3  # the re-read takes several pages

        def stop_in_the_re_read(progress) -> None:
            if progress.round == 2:  # 1: the new epoch seen; 2: the first page of the re-read
                raise Interrupted()  # as a crash would: the pages applied so far stay applied

        with pytest.raises(Interrupted):
            laptop.sync(progress=stop_in_the_re_read)
        assert laptop.store.call(lambda s: s.replica._get("restore_recovery")) is not None  # still re-reading
        laptop.reopen()  # a new store connection, as after a restart
        laptop.engine.page_size = 3
        laptop.sync()
        laptop.sync()
        after = server_records(engine, world.org_id)
    assert after == before_restore and len(after) == 10  # the six lost contacts are back, once each
    assert device_records(laptop) == after
    assert laptop.store.call(lambda s: (s.outbox.count(), len(s.replica.rejected_mutations()))) == (0, 0)
    laptop.close()
    engine.dispose()
