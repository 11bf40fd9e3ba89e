"""A first sync into an empty store builds the contacts' and notes' search index once, at its
last page; a store left with the marker (a killed first sync) builds it when it is opened.

Answers are applied through `Replica.apply_answer` as the sync engine hands them (no network).
"""

import datetime as dt
import uuid
from typing import Any

import orjson

from desktop.store import contact_queries, migrations, search
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from protocol import Contact, Note, new_id
from tests.store.conftest import PASSPHRASE

AT = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
DEVICE = uuid.uuid4()


def contact(number: int, version: int, **fields: Any) -> dict[str, Any]:
    meta = {"created_at": AT, "updated_at": AT, "author_device_id": DEVICE, "server_version": version}
    record = Contact(
        id=uuid.UUID(fields.pop("id", None) or str(new_id())), given_name=f"Persona{number}", **meta, **fields
    )
    return {"entity": "contact", "version": version, "record": record.model_dump(mode="json")}


def note(contact_id: str, word: str, version: int) -> dict[str, Any]:
    meta = {"created_at": AT, "updated_at": AT, "author_device_id": DEVICE, "server_version": version}
    record = Note(
        id=new_id(), contact_id=uuid.UUID(contact_id), occurred_at=AT, body=f"colloquio {word} in stazione", **meta
    )
    return {"entity": "note", "version": version, "record": record.model_dump(mode="json")}


def page(changes: list[dict[str, Any]], cursor: str, more: bool) -> dict[str, Any]:
    return {"results": [], "changes": changes, "purge_teams": [], "cursor": cursor, "more": more}


def first_pages() -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """Three pages: 30 contacts with a note each; page 3 changes a page-1 contact's name and
    number and tombstones another. Returns the pages, contact id -> name, note id -> word."""
    contacts, notes, pages = {}, {}, []
    version = 0
    for number in range(3):
        changes = []
        for n in range(number * 10, number * 10 + 10):
            version += 1
            made = contact(n, version, phone=f"+39 333 12345{n:02d}")
            contacts[made["record"]["id"]] = f"Persona{n}"
            version += 1
            written = note(made["record"]["id"], f"parola{n}", version)
            notes[written["record"]["id"]] = f"parola{n}"
            changes += [made, written]
        pages.append(page(changes, f"c{number}", more=number < 2))
    first = list(contacts)
    renamed = contact(100, version + 1, id=first[0], phone="+358 40 1234567")
    gone = contact(1, version + 2, id=first[1], deleted=True)
    pages[2]["changes"] += [renamed, gone]
    contacts[first[0]] = "Persona100"
    del contacts[first[1]]
    return pages, contacts, notes


def fts_rows(s: Any, table: str) -> int:
    count: int = s.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


def assert_all_found(store: StoreWorker, contacts: dict[str, str], notes: dict[str, str]) -> None:
    def check(s: Any) -> None:
        assert s.replica.search_index_complete()
        for record_id, name in contacts.items():
            assert record_id in {str(c.id) for c in s.contacts.search(name)}, name
        for record_id, word in notes.items():
            assert record_id in {str(n.id) for n in s.notes.search(word)}, word
        # Every live record indexed once, nothing else (a record indexed twice would count twice).
        assert fts_rows(s, "contact_fts") == s.contacts.count() == len(contacts)
        assert fts_rows(s, "note_fts") == s.notes.count() == len(notes)
        assert s.check_integrity().ok

    store.call(check)


def test_a_first_sync_builds_the_index_at_its_last_page(store: StoreWorker) -> None:
    pages, contacts, notes = first_pages()
    store.call(lambda s: s.replica.apply_answer(pages[0], []))

    def during(s: Any) -> tuple[bool, int, int, list[Any]]:
        return (
            s.replica.search_index_complete(),
            fts_rows(s, "contact_fts"),
            fts_rows(s, "note_fts"),
            s.contacts.search("Persona3"),
        )

    assert store.call(during) == (False, 0, 0, [])  # deferred: nothing indexed yet
    store.call(lambda s: s.replica.apply_answer(pages[1], []))
    assert store.call(during)[:3] == (False, 0, 0)
    store.call(lambda s: s.replica.apply_answer(pages[2], []))
    assert_all_found(store, contacts, notes)

    def by_phone(s: Any) -> tuple[list[str], list[str], list[str]]:
        return tuple(  # type: ignore[return-value]
            [c.given_name for c in s.contacts.search(typed)] for typed in ("0401234567", "3331234500", "Persona1 ")
        )

    renamed, old, tombstoned = store.call(by_phone)
    assert renamed == ["Persona100"] and old == [] and "Persona1" not in tombstoned


def test_later_changes_and_erasure_keep_the_built_index_exact(store: StoreWorker) -> None:
    pages, contacts, notes = first_pages()
    for answer in pages:
        store.call(lambda s, a=answer: s.replica.apply_answer(a, []))
    erased = next(iter(contacts))
    later = page([{"entity": "contact", "version": 99, "record": {"id": erased}, "erased": True}], "c9", more=False)
    store.call(lambda s: s.replica.apply_answer(later, []))
    del contacts[erased]
    notes = {k: v for k, v in notes.items() if v != "parola0"}  # the erased person's note went with them
    assert_all_found(store, contacts, notes)


def test_a_sync_into_a_store_holding_records_does_not_defer(store: StoreWorker) -> None:
    store.call(lambda s: s.contacts.create(given_name="Locale"))
    pages, _, _ = first_pages()
    store.call(lambda s: s.replica.apply_answer(pages[0], []))
    assert store.call(lambda s: (s.replica.search_index_complete(), fts_rows(s, "contact_fts"))) == (True, 11)
    assert store.call(lambda s: [c.given_name for c in s.contacts.search("Persona3")]) == ["Persona3"]


def test_a_later_sync_does_not_defer(store: StoreWorker) -> None:
    store.call(lambda s: s.replica.apply_answer(page([], "c0", more=False), []))  # a first sync of nothing
    pages, _, _ = first_pages()
    store.call(lambda s: s.replica.apply_answer({**pages[0], "cursor": "c1"}, []))
    assert store.call(lambda s: (s.replica.search_index_complete(), fts_rows(s, "note_fts"))) == (True, 10)


def test_a_first_sync_cut_short_is_indexed_when_the_store_opens(profile: Profile) -> None:
    pages, contacts, notes = first_pages()
    store = profile.open(PASSPHRASE)
    store.call(lambda s: s.replica.apply_answer(pages[0], []))
    local = store.call(lambda s: s.contacts.create(given_name="Scritta", family_name="Durante"))
    assert not store.call(lambda s: s.replica.search_index_complete())
    store.close()  # as a kill would leave it: the marker and page 1 committed

    reopened = profile.open(PASSPHRASE)
    try:
        # Page 1 as it was (the rename and the tombstone of page 3 never came) and the local write.
        applied = {
            c["record"]["id"]: c["record"]["given_name"] for c in pages[0]["changes"] if c["entity"] == "contact"
        }
        applied[str(local.id)] = "Durante"
        assert_all_found(reopened, applied, {k: v for k, v in list(notes.items())[:10]})
        # The sync resumes from its cursor and indexes as it goes.
        reopened.call(lambda s: s.replica.apply_answer(pages[1], []))
        assert reopened.call(lambda s: s.notes.search("parola15")) != []
    finally:
        reopened.close()


def test_the_migration_adds_an_empty_marker_table(store: StoreWorker) -> None:
    def check(s: Any) -> tuple[bool, set[str]]:
        tables = {row[0] for row in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return "search_deferred" in tables, search.deferred(s.conn)

    assert migrations.MIGRATIONS[6].version == 7 and migrations.LATEST_VERSION >= 7
    assert store.call(check) == (True, set())


def test_the_sql_note_text_is_the_python_text(store: StoreWorker) -> None:
    """The one-statement build must index what the row-by-row writes index (and 'delete')."""
    records = [{"body": b} for b in ("colloquio in stazione", 'Lòdi "citazione" \\ barra', "emoji 😀\nriga", "")]
    records.append({})

    def check(s: Any) -> list[tuple[str, ...]]:
        expression = search._SQL_TEXT["note_fts"]
        return [
            (s.conn.execute(f"SELECT {expression} FROM (SELECT ? AS body)", (text,)).fetchone()[0],)
            for text in (orjson.dumps(record).decode() for record in records)
        ]

    assert store.call(check) == [search._note_text(record) for record in records]


def test_the_contacts_search_says_while_the_index_is_incomplete(store: StoreWorker) -> None:
    """What the Contacts screen shows beside its results ("the search index is being built")."""
    pages, _, _ = first_pages()
    searched = lambda s: contact_queries.search_ids(s, "Persona").incomplete  # noqa: E731
    assert store.call(searched) is False
    store.call(lambda s: s.replica.apply_answer(pages[0], []))
    assert store.call(searched) is True
    for answer in pages[1:]:
        store.call(lambda s, a=answer: s.replica.apply_answer(a, []))
    assert store.call(searched) is False
