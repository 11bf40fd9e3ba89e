"""Issue 14 item 6: a phone number is found however it is typed: spaces, +39 / 0039, the
Finnish national form. On a real encrypted store, through the queries the Contacts screen
and the contact picker use; and a store written before the change finds its contacts too."""

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from desktop.store import contact_queries, database, migrations
from desktop.store.repositories import Identity
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import Contact, phones
from tests.protocol.test_phones import _forms_the_library_gives

DEVICE = uuid.UUID("01940000-0000-7000-8000-00000000d001")

# How each person's number is stored (as the operator typed it once), and how it is typed later.
STORED = {
    "Giulia": "333 123 4567",  # Italian mobile, national, spaced
    "Marco": "+39 0371 948100",  # Lodi landline, international
    "Sara": "0039 347 7654321",  # international with 00
    "Aino": "+358 40 1234567",  # Finnish mobile, international
    "Eero": "+358401112233",  # Finnish, no spaces
    "Ilkka": "040 765 4321",  # Finnish mobile written nationally, in a store whose default country is Italy
}
TYPED = {
    "Giulia": [
        "3331234567",
        "333 123 4567",
        "333 1234567",
        "+39 333 1234567",
        "+393331234567",
        "0039 333 123 4567",
        "0039-333-123-4567",
        "333.123.4567",
        "333123",
    ],
    "Marco": ["0371948100", "0371 948 100", "+390371948100", "0039 0371 948100", "0371/94.81-00"],
    "Sara": ["3477654321", "347 765 4321", "+39 347 765 4321", "+393477654321"],
    "Aino": ["0401234567", "040 123 4567", "+358401234567", "+358 40 123 4567", "00358 40 1234567"],
    "Eero": ["040 111 2233", "0401112233", "+358 40 111 2233"],
    "Ilkka": ["0407654321", "+358 40 765 4321", "+358407654321"],
}
NOT_STORED = ["3331234568", "+39 333 7654321", "+358 40 1234568", "0371 948 101", "040 999 9999"]


@pytest.fixture()
def phonebook(store: StoreWorker) -> StoreWorker:
    store.call(
        lambda s: s.contacts.create_many(
            [{"given_name": name, "phone": phone} for name, phone in STORED.items()] + [{"given_name": "Nobody"}]
        )
    )
    return store


def _found(store: StoreWorker, typed: str) -> list[str]:
    def run(s: StoreSession) -> list[str]:
        ids = contact_queries.search_ids(s, typed).ids
        listed = sorted(row.name for row in contact_queries.rows_for(s, ids).values())
        ranked = sorted(c.display_name for c in s.contacts.search(typed))  # the contact picker's search
        assert listed == ranked, typed
        return listed

    return store.call(run)


@pytest.mark.parametrize(("name", "typed"), [(n, t) for n, variants in TYPED.items() for t in variants])
def test_every_typed_form_of_a_number_finds_its_contact(phonebook: StoreWorker, name: str, typed: str) -> None:
    """Issue 14 item 6: digits without spaces, with spaces, +39 / 0039, Finnish 040 vs +358 40."""
    assert _found(phonebook, typed) == [name]


@pytest.mark.parametrize("typed", NOT_STORED)
def test_a_number_nobody_has_finds_nobody(phonebook: StoreWorker, typed: str) -> None:
    """Issue 14 item 6: normalising never widens a number into someone else's."""
    assert _found(phonebook, typed) == []


def test_words_and_short_numbers_search_as_before(phonebook: StoreWorker) -> None:
    """Issue 14 item 6: the box behaves as before for names and parts of numbers."""
    assert _found(phonebook, "giu") == ["Giulia"]
    assert _found(phonebook, "4567") == ["Giulia"]  # a group as written
    assert _found(phonebook, "giulia 333") == ["Giulia"]


def test_the_index_holds_the_forms_the_library_gives(phonebook: StoreWorker) -> None:
    """Issue 23: the national form's fast path (`protocol.phones._national_digits`) indexes the
    very text `format_number` gave before it, and every one of those forms finds its contact."""
    from desktop.store import search

    for name, phone in STORED.items():
        forms = _forms_the_library_gives(phone, phones.DEFAULT_REGION)
        assert search._contact_text({"given_name": name, "phone": phone}) == (name, f"{phone} {' '.join(forms)}")
        for form in forms:
            assert _found(phonebook, form) == [name], form


def test_a_changed_number_leaves_the_index(phonebook: StoreWorker) -> None:
    """Issue 14 item 6: the extra forms leave with the number (the index holds only live text)."""

    def change(s: StoreSession) -> None:
        giulia = s.contacts.search("giulia")[0]
        s.contacts.update(giulia.id, phone="+39 320 5550000")

    phonebook.call(change)
    assert _found(phonebook, "3331234567") == []
    assert _found(phonebook, "+393331234567") == []
    assert _found(phonebook, "3205550000") == ["Giulia"]


# The contact index as migrations 1-5 wrote it: names, then municipality, phone, email, tags.
def _old_index_text(data: dict) -> tuple[str, str]:
    names = " ".join(p for p in (data.get("given_name"), data.get("family_name"), data.get("alias")) if p)
    details = " ".join(
        p for p in (data.get("municipality"), data.get("phone"), data.get("email"), " ".join(data.get("tags", []))) if p
    )
    return names, details


PHONE_FORMS = 6  # the migration that indexed every form of a number


def _old_store(path: Path, key: bytes) -> None:
    """A store at the version before the phone forms, its contacts indexed as that version did."""
    conn = database.create_new(path, key)
    migrations.migrate(conn, target=PHONE_FORMS - 1)
    with database.transaction(conn):
        for index, (name, phone) in enumerate(STORED.items(), start=1):
            contact = Contact.model_validate({"given_name": name, "phone": phone, **_meta(index)})
            body = contact.model_dump_json()
            conn.execute(
                "INSERT INTO contact(rowid, id, body, updated_at, sort_name) VALUES (?, ?, ?, ?, ?)",
                (index, str(contact.id), body, contact.updated_at.isoformat(), name.casefold()),
            )
            conn.execute(
                "INSERT INTO contact_fts(rowid, names, details) VALUES (?, ?, ?)",
                (index, *_old_index_text(json.loads(body))),
            )
    conn.close()


def test_an_upgraded_store_finds_its_contacts_by_phone(tmp_path: Path) -> None:
    """Issue 14 item 6: a store written before the phone forms existed is re-indexed by its
    migration, whole: every existing contact is found by every typed form afterwards, and
    changes after the upgrade keep the index exact."""
    path, key = tmp_path / "old.db", bytes(range(32))
    _old_store(path, key)

    def opener() -> database.Connection:
        upgraded = database.open_existing(path, key)
        migrations.migrate(upgraded)
        return upgraded

    upgraded = StoreWorker(opener, Identity(device_id=DEVICE))
    with upgraded:
        assert upgraded.call(lambda s: migrations.schema_version(s.conn)) == migrations.LATEST_VERSION
        for name, variants in TYPED.items():
            for typed in variants:
                assert _found(upgraded, typed) == [name], typed
        assert _found(upgraded, NOT_STORED[0]) == []
        test_a_changed_number_leaves_the_index(upgraded)
        assert upgraded.call(lambda s: s.check_integrity()).ok


def test_a_crash_while_reindexing_leaves_the_old_store_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 6: the rebuild is never half-applied: a failure while filling the new
    directory index (after the contacts were re-indexed) leaves the old version, tables and
    contents, and the next start upgrades it."""
    from desktop.store import search

    path, key = tmp_path / "old.db", bytes(range(32))
    _old_store(path, key)
    real_index_new = search.index_new

    def power_cut(conn: database.Connection, table: str, rows: list) -> None:
        if table == search.DIRECTORY_FTS:
            raise RuntimeError("power cut during migration")
        real_index_new(conn, table, rows)

    conn = database.open_existing(path, key)
    service = {"service_name": "Sportello casa", "location": {"municipality": "Lodi"}}
    conn.execute(
        "INSERT INTO resource(id, body, updated_at, sort_name, municipality) VALUES ('r', ?, 't', 's', 'Lodi')",
        (json.dumps(service),),
    )
    monkeypatch.setattr(search, "index_new", power_cut)
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    assert migrations.schema_version(conn) == PHONE_FORMS - 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "resource_fts" in tables and search.DIRECTORY_FTS not in tables
    old_words = conn.execute("SELECT rowid FROM contact_fts WHERE contact_fts MATCH '\"3331234567\"'").fetchall()
    assert old_words == []  # still the old index: no national form of Giulia's number
    monkeypatch.undo()
    assert migrations.migrate(conn) == list(range(PHONE_FORMS, migrations.LATEST_VERSION + 1))
    assert conn.execute("SELECT rowid FROM contact_fts WHERE contact_fts MATCH '\"3331234567\"'").fetchall() == [(1,)]
    conn.close()


def _meta(index: int) -> dict:
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return {
        "id": uuid.UUID(f"01940000-0000-7000-8000-{index:012d}"),
        "created_at": at,
        "updated_at": at,
        "author_device_id": DEVICE,
    }
