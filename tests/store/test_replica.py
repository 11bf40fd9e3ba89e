"""Applying answers from the service inside the store: erasure, refusals, rebase (no network)."""

import datetime as dt
import gc
import uuid

import pytest

from desktop.store.replica import ServiceDataInvalid
from desktop.store.worker import StoreWorker
from protocol import Contact, new_id


def answer(*changes: dict, results: list | None = None) -> dict:
    return {"results": results or [], "changes": list(changes), "purge_teams": [], "cursor": "next", "more": False}


def test_an_erasure_leaves_no_trace_of_the_person(store: StoreWorker) -> None:
    def setup(s):
        person = s.contacts.create(given_name="Elisa", family_name="Cancellata", municipality="Lodi")
        other = s.contacts.create(given_name="Resta")
        s.notes.create(contact_id=person.id, body="colloquio riservato", occurred_at=dt.datetime.now(dt.UTC))
        s.consents.create(
            contact_id=person.id, purpose="case_management", method="verbal", given_at=dt.datetime.now(dt.UTC)
        )
        s.contacts.update(person.id, phone="+39 333 0000000")  # a pending edit, still in the outbox
        return str(person.id), str(other.id)

    person, other = store.call(setup)
    report = store.call(
        lambda s: s.replica.apply_answer(
            answer({"entity": "contact", "version": 9, "record": {"id": person}, "erased": True}), []
        )
    )
    assert report.erased == 3  # the contact, its note, its consent

    def left(s):
        tables = ("contact", "note", "consent")
        rows = {
            t: s.conn.execute(f"SELECT count(*) FROM {t} WHERE body LIKE ?", (f"%{person}%",)).fetchone()[0]
            for t in tables
        }
        return (
            rows,
            s.contacts.search("cancellata"),
            s.notes.search("riservato"),
            [m.record_id for m in s.outbox.pending()],
        )

    rows, contacts, notes, outbox = store.call(left)
    assert rows == {"contact": 0, "note": 0, "consent": 0}
    assert contacts == [] and notes == []
    assert outbox == [other]  # only the other person's creation is still waiting


def test_a_refused_create_is_kept_whole_and_the_local_copy_goes(store: StoreWorker) -> None:
    contact = store.call(lambda s: s.contacts.create(given_name="Rifiutata"))
    ((seq, mutation_id),) = store.call(
        lambda s: s.replica._conn.execute("SELECT seq, mutation_id FROM outbox").fetchall()
    )
    mutation = {
        "device_seq": seq,
        "mutation_id": mutation_id,
        "entity": "contact",
        "record_id": str(contact.id),
        "op": "create",
        "changed": {"given_name": "Rifiutata"},
        "base_version": None,
        "at": "2026-11-23",
    }
    result = {
        "device_seq": seq,
        "mutation_id": mutation_id,
        "status": "rejected",
        "reason": "forbidden_team",
        "message": "team_id: you are not in this team",
    }
    report = store.call(lambda s: s.replica.apply_answer(answer(results=[result]), [mutation]))
    assert report.rejected == [(seq, "forbidden_team", "team_id: you are not in this team")]
    kept = store.call(lambda s: s.replica.rejected_mutations())
    assert [(k.changed, k.message) for k in kept] == [
        ({"given_name": "Rifiutata"}, "team_id: you are not in this team")
    ]
    assert store.call(lambda s: (s.contacts.count(), s.outbox.count())) == (0, 0)


def test_a_result_for_a_mutation_not_sent_settles_nothing(store: StoreWorker) -> None:
    store.call(lambda s: s.contacts.create(given_name="Intatta"))
    ((seq, mutation_id),) = store.call(
        lambda s: s.replica._conn.execute("SELECT seq, mutation_id FROM outbox").fetchall()
    )
    stray = {"device_seq": seq, "mutation_id": mutation_id, "status": "applied", "server_version": 3}
    report = store.call(lambda s: s.replica.apply_answer(answer(results=[stray]), []))
    assert report.confirmed == 0 and store.call(lambda s: s.outbox.count()) == 1


def _from_service(name: str, phone: str) -> dict:
    """A contact as the service sends it (every field, ids and instants as JSON text)."""
    at = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    contact = Contact(
        id=new_id(), created_at=at, updated_at=at, author_device_id=uuid.uuid4(), server_version=1, given_name=name
    )
    return {**contact.model_dump(mode="json"), "phone": phone}


def test_a_bad_record_refuses_its_page_whole_and_the_collector_runs_again(store: StoreWorker) -> None:
    """Issue 23: the apply holds off Python's cyclic collector for a page; a page with a record
    that breaks a rule (a 3-digit phone) is still refused whole, naming the field, and the
    collector is on again after it, as after a page that is applied."""
    good, bad = _from_service("Buona", "+39 333 1234567"), _from_service("Cattiva", "123")
    page = answer(*({"entity": "contact", "version": 1, "record": record} for record in (good, bad)))
    with pytest.raises(ServiceDataInvalid, match="phone: .*between 5 and 20 digits.*the page was not applied"):
        store.call(lambda s: s.replica.apply_answer(page, []))
    assert gc.isenabled()
    assert store.call(lambda s: (s.contacts.count(), s.replica._get("cursor"))) == (0, None)
    report = store.call(lambda s: s.replica.apply_answer(answer({"entity": "contact", "record": good}), []))
    assert report.pulled == 1 and gc.isenabled()
    assert [c.given_name for c in store.call(lambda s: s.contacts.search("+39 333 123 4567"))] == ["Buona"]
