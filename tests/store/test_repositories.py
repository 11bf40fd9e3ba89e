"""Round trips of every entity through the real encrypted store, and the outbox rule."""

import datetime as dt
import uuid

import pytest
from pydantic import ValidationError

from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker

T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
OPERATOR = uuid.UUID("0190f0c2-0000-7000-8000-000000000001")


def _make_graph(s: StoreSession) -> dict[str, object]:
    """One of each entity, linked the way a real caseload is."""
    anna = s.contacts.create(given_name="Anna", family_name="Mäkelä", municipality="Oulu")
    sister = s.contacts.create(kind="pseudonymous", alias="Kettu")
    relationship = s.relationships.create(from_contact_id=sister.id, to_contact_id=anna.id, kind="sibling")
    consent = s.consents.create(
        contact_id=anna.id,
        purpose="referral",
        method="verbal",
        given_at=T0,
        recipients=["Ensisuoja Oulu"],
    )
    appointment = s.appointments.create(
        contact_ids=[anna.id],
        operator_id=OPERATOR,
        starts_at=T0,
        ends_at=T0 + dt.timedelta(hours=1),
        time_zone="Europe/Helsinki",
        place_kind="home_visit",
        topic="asunto",
    )
    resource = s.resources.create(
        organization_name="Oulun kaupunki",
        service_name="Ensisuoja",
        location={"municipality": "Oulu", "latitude": 65.01, "longitude": 25.47},
        categories=["shelter"],
        opening_hours=[{"weekday": 1, "opens_at": dt.time(18), "closes_at": dt.time(23)}],
    )
    note = s.notes.create(contact_id=anna.id, body="Met at the station; wants a shelter bed.", occurred_at=T0)
    referral = s.referrals.create(contact_id=anna.id, resource_id=resource.id, consent_id=consent.id, status="sent")
    intake = s.intake_requests.create(
        kind="first_contact",
        alias="Tähti",
        contact_channel="email",
        contact_detail="tahti@example.org",
        language="fi",
        consent_to_contact=True,
        received_at=T0,
    )
    return {
        "contacts": anna,
        "relationships": relationship,
        "consents": consent,
        "appointments": appointment,
        "resources": resource,
        "notes": note,
        "referrals": referral,
        "intake_requests": intake,
        "sister": sister,
    }


REPOSITORIES = [
    "contacts",
    "relationships",
    "consents",
    "appointments",
    "resources",
    "notes",
    "referrals",
    "intake_requests",
]


@pytest.mark.parametrize("name", REPOSITORIES)
def test_every_entity_round_trips(store: StoreWorker, name: str) -> None:
    def work(s: StoreSession) -> tuple[object, object]:
        created = _make_graph(s)[name]
        return created, getattr(s, name).get(created.id)

    created, loaded = store.call(work)
    assert loaded == created
    assert loaded.author_device_id is not None
    assert loaded.server_version is None and loaded.deleted is False


@pytest.mark.parametrize("name", [n for n in REPOSITORIES if n != "notes"])
def test_every_entity_tombstones(store: StoreWorker, name: str) -> None:
    def work(s: StoreSession) -> tuple[object, int, int]:
        created = _make_graph(s)[name]
        repo = getattr(s, name)
        before = repo.count()
        repo.tombstone(created.id)
        with pytest.raises(RecordNotFound):
            repo.get(created.id)
        kept = repo.get(created.id, include_deleted=True)
        return kept, before, repo.count()

    kept, before, after = store.call(work)
    assert kept.deleted is True
    assert after == before - 1


def test_update_records_only_changed_fields(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[object, list]:
        contact = s.contacts.create(given_name="Luca", family_name="Conti")
        s.contacts.update(contact.id, municipality="Cesena", family_name="Conti")
        return s.contacts.get(contact.id), s.outbox.pending()

    contact, pending = store.call(work)
    assert contact.municipality == "Cesena"
    assert [m.op for m in pending] == ["create", "update"]
    assert pending[1].changed == {"municipality": "Cesena"}
    assert pending[1].base_version is None


def test_exactly_one_outbox_row_per_write(store: StoreWorker) -> None:
    def work(s: StoreSession) -> list[int]:
        counts = []
        graph = _make_graph(s)
        counts.append(s.outbox.count())
        s.contacts.update(graph["contacts"].id, phone="+39 333 111 2222")
        counts.append(s.outbox.count())
        s.contacts.update(graph["contacts"].id, phone="+39 333 111 2222")  # no change, no row
        counts.append(s.outbox.count())
        s.consents.tombstone(graph["consents"].id)
        counts.append(s.outbox.count())
        return counts

    assert store.call(work) == [9, 10, 10, 11]


def test_rejected_writes_leave_no_row_and_no_outbox(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[int, int, list[str]]:
        errors = []
        with pytest.raises(ValidationError):
            s.contacts.create(kind="pseudonymous", alias="Lupo", given_name="Marco")
        with pytest.raises(RuleViolation) as missing:
            s.notes.create(contact_id=uuid.uuid4(), body="x", occurred_at=T0)
        errors.append(str(missing.value))
        with pytest.raises(RuleViolation) as batch:
            s.contacts.create_many([{"given_name": "Ok"}, {"given_name": "Bad", "birth_year": 1800}])
        errors.append(str(batch.value))
        return s.contacts.count(), s.outbox.count(), errors

    contacts, outbox, errors = store.call(work)
    assert (contacts, outbox) == (0, 0)
    assert errors[0].startswith("contact_id: no contact with id")
    assert errors[1].startswith("entry 2: birth_year:")


def test_rolled_back_write_leaves_no_outbox_row(store: StoreWorker) -> None:
    """A failure after the row and its mutation were written rolls both back."""

    def work(s: StoreSession) -> tuple[int, int]:
        original = s.contacts._insert

        def insert_then_fail(record: object) -> None:
            original(record)
            raise OSError("disk full")

        s.contacts._insert = insert_then_fail  # type: ignore[method-assign]
        with pytest.raises(OSError):
            s.contacts.create(given_name="Giulia")
        return s.contacts.count(), s.outbox.count()

    assert store.call(work) == (0, 0)


def test_notes_are_append_only(store: StoreWorker) -> None:
    def work(s: StoreSession) -> list[str]:
        contact = s.contacts.create(given_name="Omar")
        note = s.notes.create(contact_id=contact.id, body="first", occurred_at=T0)
        messages = []
        for attempt in (lambda: s.notes.update(note.id, body="rewritten"), lambda: s.notes.tombstone(note.id)):
            with pytest.raises(RuleViolation) as exc:
                attempt()
            messages.append(str(exc.value))
        amend = s.notes.create(contact_id=contact.id, body="correction", occurred_at=T0, amends_note_id=note.id)
        assert s.notes.get(note.id).body == "first"
        assert amend.amends_note_id == note.id
        return messages

    for message in store.call(work):
        assert "append-only" in message


def test_caller_cannot_set_metadata(store: StoreWorker) -> None:
    with pytest.raises(RuleViolation, match="server_version: set by the store"):
        store.call(lambda s: s.contacts.create(given_name="A", server_version=5))


def test_pages_are_sorted_and_complete(store: StoreWorker) -> None:
    names = ["Zoë", "anna", "Bruno", "Élodie", "carla", "Dario", "Eino"]

    def work(s: StoreSession) -> list[str]:
        s.contacts.create_many([{"given_name": n} for n in names])
        seen, after = [], None
        while True:
            page = s.contacts.page(after=after, limit=3)
            seen.extend(c.given_name for c in page.records)
            if page.next_after is None:
                return seen
            after = page.next_after

    seen = store.call(work)
    assert sorted(seen) == sorted(names) and len(seen) == len(names)
    assert seen == sorted(names, key=str.casefold)


def test_subject_access_export_gathers_everything(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[dict, dict]:
        graph = _make_graph(s)
        s.intake_requests.update(graph["intake_requests"].id, status="converted", contact_id=graph["contacts"].id)
        return graph, s.export_contact(graph["contacts"].id)

    graph, export = store.call(work)
    assert export["contact"]["id"] == str(graph["contacts"].id)
    for key in ("relationships", "consents", "appointments", "notes", "referrals", "intake_requests"):
        assert len(export[key]) == 1, key
