"""Upgrading the frozen v1 store, and what migrations must never do."""

import shutil
from pathlib import Path

import pytest

from desktop.store import database, migrations
from desktop.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate, schema_version
from desktop.store.repositories import Identity
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from tests.fixtures.make_store_v1 import DEVICE, IDS, TEST_KEY_HEX

FIXTURE = Path(__file__).parents[1] / "fixtures" / "store_v1.db"
KEY = bytes.fromhex(TEST_KEY_HEX)


@pytest.fixture()
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "store.db"
    shutil.copyfile(FIXTURE, target)
    return target


def _schema(conn: database.Connection) -> list[tuple[str, str]]:
    return sorted(
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '%fts_%'"
        )
    )


def test_v1_store_upgrades_and_keeps_every_record(v1_copy: Path) -> None:
    conn = database.open_existing(v1_copy, KEY)
    assert schema_version(conn) == 1
    assert migrate(conn) == [m.version for m in MIGRATIONS if m.version > 1]
    assert schema_version(conn) == LATEST_VERSION
    conn.close()

    worker = StoreWorker(lambda: database.open_existing(v1_copy, KEY), Identity(device_id=DEVICE))
    with worker:

        def check(s: StoreSession) -> None:
            assert s.contacts.count() == 3
            assert [c.given_name for c in s.contacts.search("lodi")] == ["Lorenzo"]
            assert s.contacts.get(IDS[1]).phone == "+358 40 765 4321"
            # v2 added directory and note search: records from v1 must be findable.
            assert [r.service_name for r in s.resources.search("citta mensa")] == ["Mensa solidale"]
            assert len(s.notes.search("dormitorio")) == 1
            assert s.outbox.count() == 1
            assert s.export_contact(IDS[0])["appointments"][0]["id"] == str(IDS[5])
            # and the upgraded store takes new writes with outbox rows
            s.notes.create(contact_id=IDS[2], body="nuovo", occurred_at=s.contacts.get(IDS[2]).created_at)
            assert s.outbox.count() == 2
            report = s.check_integrity()
            assert report.ok, report

        worker.call(check)


def test_upgraded_schema_equals_a_fresh_schema(v1_copy: Path, tmp_path: Path) -> None:
    """Catches an edit to a released migration: both paths must give one schema."""
    upgraded = database.open_existing(v1_copy, KEY)
    migrate(upgraded)
    fresh = database.create_new(tmp_path / "fresh.db", KEY)
    migrate(fresh)
    assert _schema(upgraded) == _schema(fresh)
    upgraded.close()
    fresh.close()


def test_failing_migration_is_rolled_back_whole(v1_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_done_then_fail(conn: database.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut during migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS[:1], Migration(2, "broken", half_done_then_fail)))
    conn = database.open_existing(v1_copy, KEY)
    with pytest.raises(RuntimeError):
        migrations.migrate(conn, target=2)
    assert schema_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    conn.close()


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_upgraded_search_tables_forget_erased_values(v1_copy: Path) -> None:
    """Issue 13 item 9: migration 5 rebuilds the search tables as 'secure-delete' tables (the
    old contentless_delete ones kept deleted terms); after an erasure in an upgraded store the
    person's words are in no page of the file, the dropped tables' old pages included."""
    from tests.store.sqlcipher_pages import find_in_store

    needles = ["makela", "mäkelä", "yvaskyla"]
    worker = StoreWorker(lambda: _open_migrated(v1_copy), Identity(device_id=DEVICE))
    with worker:

        def erase(s: StoreSession) -> list[tuple[str, str]]:
            s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert find_in_store(KEY, v1_copy, needles), "the values are there before"
            s.replica.apply_answer(
                {
                    "results": [],
                    "purge_teams": [],
                    "cursor": "c",
                    "more": False,
                    "changes": [{"entity": "contact", "version": 2, "record": {"id": str(IDS[1])}, "erased": True}],
                },
                [],
            )
            return [
                (fts, s.conn.execute(f"SELECT v FROM {fts}_config WHERE k = 'secure-delete'").fetchone()[0])
                for fts in ("contact_fts", "note_fts", "directory_fts")
            ]

        assert worker.call(erase) == [("contact_fts", 1), ("note_fts", 1), ("directory_fts", 1)]
        assert find_in_store(KEY, v1_copy, needles) == []
        assert worker.call(lambda s: [c.given_name for c in s.contacts.search("lodi")]) == ["Lorenzo"]


def _open_migrated(path: Path) -> database.Connection:
    conn = database.open_existing(path, KEY)
    migrate(conn)
    return conn
