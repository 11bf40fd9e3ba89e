"""A first sync builds the search index once at its end: every record is found afterwards,
also after a SIGKILL in the middle of it (the store builds what the sync left at its next open).

Real service on loopback, real encrypted profiles; the killed sync runs in a child process
(`tests/sync/sync_child.py`, small pages) as in tests/sync/test_kill.py.
"""

import datetime as dt
import signal
from typing import Any

import pytest

from desktop.store.replica import Replica
from desktop.store.worker import StoreWorker
from tests.sync.test_kill import child
from tests.sync_world import PASSPHRASE, World

CONTACTS = 40


def caseload(world: World) -> tuple[dict[str, str], dict[str, str]]:
    """A colleague's contacts, each with a case note, on the service: id -> searched word."""
    colleague = world.device(world.add_operator("bruno", [world.team_a]))

    def write(s: Any) -> tuple[dict[str, str], dict[str, str]]:
        people = s.contacts.create_many(
            [
                {"given_name": f"Persona{n}", "phone": f"+39 333 12345{n:02d}", "team_id": world.team_a}
                for n in range(CONTACTS)
            ]
        )
        at = dt.datetime.now(dt.UTC)
        notes = s.notes.create_many(
            [{"contact_id": p.id, "body": f"colloquio parola{n}", "occurred_at": at} for n, p in enumerate(people)]
        )
        return {str(p.id): p.given_name for p in people}, {str(n.id): n.body.split()[1] for n in notes}

    written = colleague.store.call(write)
    colleague.sync()
    return written


def searchable(store: StoreWorker) -> tuple[bool, dict[str, bool], dict[str, bool], tuple[int, int, int, int]]:
    """Whether the index is complete, which stored contacts and notes are found by their own
    word, and (index rows, live rows) of contacts and notes."""

    def check(s: Any) -> tuple[bool, dict[str, bool], dict[str, bool], tuple[int, int, int, int]]:
        found_contacts = {
            str(c.id): str(c.id) in {str(f.id) for f in s.contacts.search(c.given_name)}
            for c in s.contacts.page(limit=10_000).records
        }
        found_notes = {
            str(n.id): str(n.id) in {str(f.id) for f in s.notes.search(n.body.split()[1])}
            for n in s.notes.page(limit=10_000).records
        }
        counts = tuple(
            s.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("contact_fts", "contact WHERE deleted = 0", "note_fts", "note WHERE deleted = 0")
        )
        return s.replica.search_index_complete(), found_contacts, found_notes, counts  # type: ignore[return-value]

    return store.call(check)


def test_a_first_sync_leaves_every_record_searchable(world: World) -> None:
    contacts, notes = caseload(world)
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    laptop.engine.page_size = 7  # several pages: the index waits for the last one
    report = laptop.sync()
    assert report.pulled == 2 * CONTACTS and report.wire.requests > 3
    complete, found_contacts, found_notes, counts = searchable(laptop.store)
    assert complete
    assert set(found_contacts) == set(contacts) and all(found_contacts.values())
    assert set(found_notes) == set(notes) and all(found_notes.values())
    assert counts == (CONTACTS, CONTACTS, CONTACTS, CONTACTS)
    phone = laptop.store.call(lambda s: [c.given_name for c in s.contacts.search("3331234507")])
    assert phone == ["Persona7"]


def test_a_first_sync_killed_midway_is_searchable_after_reopening(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts, _ = caseload(world)
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    laptop.close()  # only the child syncs this profile
    process = child(str(laptop.profile.directory))  # pages of 5: 16 pages
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "READY", process.stderr.read() if process.stderr else ""
    for _ in range(3):
        assert process.stdout.readline().startswith("ROUND")
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=30)
    assert "DONE" not in out, "the sync finished before the kill"

    # The kill left the marker: a store opened without building says search is incomplete.
    with monkeypatch.context() as patched:
        patched.setattr(Replica, "complete_search_index", lambda self: None)
        held = laptop.profile.open(PASSPHRASE)
        assert held.call(lambda s: s.replica.search_index_complete()) is False
        held.close()

    laptop.store = laptop.profile.open(PASSPHRASE)
    complete, found_contacts, found_notes, counts = searchable(laptop.store)
    assert complete
    assert 0 < len(found_contacts) < CONTACTS  # killed in the middle: some pages applied, not all
    assert all(found_contacts.values()) and all(found_notes.values())
    assert counts[0] == counts[1] == len(found_contacts) and counts[2] == counts[3] == len(found_notes)

    laptop.engine = type(laptop.engine)(laptop.store, laptop.engine.transport_factory)
    laptop.sync()  # resumes from the last applied page, indexing as it goes
    complete, found_contacts, found_notes, counts = searchable(laptop.store)
    assert complete and set(found_contacts) == set(contacts)
    assert all(found_contacts.values()) and all(found_notes.values())
    assert counts == (CONTACTS, CONTACTS, CONTACTS, CONTACTS)
