"""Issue 13 item 9 (devices): after an erasure or a team purge, the person's values are gone
from the store FILE - pages of the database, free pages and WAL frames, decrypted with the
raw key - not only from what SQL can read (FTS5 index blocks used to keep them)."""

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store.profile import Profile
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from tests.store.conftest import PASSPHRASE
from tests.store.sqlcipher_pages import find_in_store

TEAM = uuid.UUID(int=7)
KEPT_TEAM = uuid.UUID(int=8)
# Distinctive words: the FTS5 index stores them lowercased and prefix-compressed against the
# previous term of the same leaf, so the needles leave out each word's first letters.
GIVEN, FAMILY = "Xylocanaryna", "Qorvexbraunetti"
EMAIL, PHONE = "wuvcanary@zzqmail.example", "+39 3471239876"
NOTE = "Ha detto che dorme sotto il ponte Jumblewockinghurst"
NEEDLES = ["locanaryna", "rvexbraunetti", "vcanary@zzqmail", "3471239876", "mblewockinghurst"]
# Some other person, so the index keeps segments and pages that are still in use.
OTHERS = [
    {"given_name": f"Persona{n}", "family_name": "Rimane", "phone": f"+39 02 {n:07d}", "team_id": TEAM}
    for n in range(200)
]


def answer(changes: list[dict], purge_teams: list[str] | None = None) -> dict:
    return {"results": [], "changes": changes, "purge_teams": purge_teams or [], "cursor": "c", "more": False}


def _make_person(s: StoreSession) -> str:
    s.contacts.create_many(OTHERS)
    person = s.contacts.create(given_name=GIVEN, family_name=FAMILY, email=EMAIL, team_id=TEAM)
    s.notes.create(contact_id=person.id, body=NOTE, occurred_at=dt.datetime.now(dt.UTC))
    s.contacts.update(person.id, phone=PHONE)  # a pending edit too
    s.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # part of it in the main file, part in the WAL
    s.contacts.update(person.id, municipality="Lodi")
    return str(person.id)


def _traces(profile: Profile) -> list[str]:
    key = profile.keys.unlock(PASSPHRASE)
    return find_in_store(bytes(key), profile.store_path, NEEDLES)


def _check_gone(profile: Profile, store: StoreWorker, remove: Callable[[StoreSession, str], object]) -> None:
    person = store.call(_make_person)
    before = _traces(profile)
    # The helper really reads the file: every value is there before.
    assert {t.split(": ")[1] for t in before} == set(NEEDLES)
    store.call(lambda s: remove(s, person))
    assert store.call(lambda s: s.contacts.search("Persona1 Rimane")), "the others are still findable"
    assert _traces(profile) == []


def _erase(s: StoreSession, person: str) -> object:
    return s.replica.apply_answer(
        answer([{"entity": "contact", "version": 9, "record": {"id": person}, "erased": True}]), []
    )


def _purge(s: StoreSession, person: str) -> object:
    # The others move to a team this operator keeps, so only the person's team goes.
    s.conn.execute("UPDATE contact SET team_id = ? WHERE id != ?", (str(KEPT_TEAM), person))
    return s.replica.apply_answer(answer([], purge_teams=[str(TEAM)]), [])


@pytest.mark.parametrize("remove", [_erase, _purge], ids=["erasure", "team_purge"])
def test_removed_person_leaves_no_value_in_the_store_file(
    profile: Profile, store: StoreWorker, remove: Callable[[StoreSession, str], object]
) -> None:
    """Issue 13 item 9: name, email, phone and note text gone from every page and WAL frame."""
    _check_gone(profile, store, remove)


def test_the_page_reader_sees_free_pages(profile: Profile, store: StoreWorker, tmp_path: Path) -> None:
    """The helper itself: what a plain DELETE leaves in a page is found (so an empty result means gone)."""

    def leave_trace(s: StoreSession) -> None:
        s.conn.execute("PRAGMA secure_delete = OFF")
        s.conn.execute("CREATE TABLE scratch(v TEXT)")
        s.conn.execute("INSERT INTO scratch VALUES (?)", ("Jumblewockinghurst " * 300,))
        s.conn.execute("DELETE FROM scratch")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    store.call(leave_trace)
    assert any("mblewockinghurst" in t for t in _traces(profile))
