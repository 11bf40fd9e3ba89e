"""Everything held about a person, derived from protocol.relations: exported whole (subject
access), and gone whole after an erasure or the loss of their team (issue 13 items 6 and the
relations deliverable, device side). Real SQLCipher store, answers applied as the service
would send them."""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from desktop.store.repositories import SPECS, hung_from_contacts
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import new_id
from protocol.messages import Conflict
from protocol.relations import contact_owned_entities, record_hung_references, team_fields

T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
TEAM, KEPT_TEAM = uuid.UUID(int=7), uuid.UUID(int=8)
OPERATOR = uuid.UUID("0190f0c2-0000-7000-8000-000000000001")
CANARY = "Kanarino"  # in every record made about the person


def _relationship(s: StoreSession, person: Any, other: Any) -> Any:
    return s.relationships.create(
        from_contact_id=other.id, to_contact_id=person.id, kind="sibling", note=f"{CANARY} sister"
    )


def _consent(s: StoreSession, person: Any, other: Any) -> Any:
    return s.consents.create(
        contact_id=person.id, purpose="referral", method="verbal", given_at=T0, scope=f"{CANARY} scope"
    )


def _appointment(s: StoreSession, person: Any, other: Any) -> Any:
    return s.appointments.create(
        contact_ids=[person.id],
        operator_id=OPERATOR,
        starts_at=T0,
        ends_at=T0 + dt.timedelta(hours=1),
        time_zone="Europe/Rome",
        place_kind="home_visit",
        topic=f"{CANARY} visit",
    )


def _note(s: StoreSession, person: Any, other: Any) -> Any:
    return s.notes.create(contact_id=person.id, body=f"{CANARY} said something", occurred_at=T0)


def _referral(s: StoreSession, person: Any, other: Any) -> Any:
    resource = s.resources.create(
        organization_name="Comune", service_name="Dormitorio", location={"municipality": "Lodi"}, categories=["shelter"]
    )
    return s.referrals.create(contact_id=person.id, resource_id=resource.id, reason=f"{CANARY} needs a bed")


def _intake_request(s: StoreSession, person: Any, other: Any) -> Any:
    return s.intake_requests.create(
        kind="first_contact",
        alias=CANARY,
        contact_channel="email",
        contact_detail="kanarino@example.org",
        language="it",
        consent_to_contact=True,
        received_at=T0,
        status="converted",
        contact_id=person.id,
    )


# One maker per entity that hangs from a contact; a new such entity fails the test below
# until it has one, so it is purged, erased and exported like the others.
MAKERS: dict[str, Callable[[StoreSession, Any, Any], Any]] = {
    "relationship": _relationship,
    "consent": _consent,
    "appointment": _appointment,
    "note": _note,
    "referral": _referral,
    "intake_request": _intake_request,
}
OWNED = list(contact_owned_entities())


def answer(
    changes: list[dict] | None = None, results: list[dict] | None = None, purge_teams: list[str] | None = None
) -> dict:
    return {
        "results": results or [],
        "changes": changes or [],
        "purge_teams": purge_teams or [],
        "cursor": "c",
        "more": False,
    }


def _people(s: StoreSession) -> tuple[Any, Any]:
    person = s.contacts.create(given_name="Elisa", family_name=CANARY, team_id=TEAM)
    other = s.contacts.create(given_name="Resta", team_id=KEPT_TEAM)
    return person, other


def _refuse_create(s: StoreSession, record_id: str) -> None:
    """The service refuses this record's create: its content is then only in rejected_mutation."""
    seq, mutation_id, entity, op, changed, base, at = s.conn.execute(
        "SELECT seq, mutation_id, entity, op, changed, base_version, created_at FROM outbox"
        " WHERE record_id = ? AND op = 'create'",
        (record_id,),
    ).fetchone()
    mutation = {
        "device_seq": seq,
        "mutation_id": mutation_id,
        "entity": entity,
        "record_id": record_id,
        "op": op,
        "changed": json.loads(changed),
        "base_version": base,
        "at": at,
    }
    result = {
        "device_seq": seq,
        "mutation_id": mutation_id,
        "status": "rejected",
        "reason": "forbidden_team",
        "message": "team_id: not yours",
    }
    s.replica.apply_answer(answer(results=[result]), [mutation])


def _conflict_about(record_id: str, entity: str, field: str) -> dict:
    now = dt.datetime.now(dt.UTC)
    conflict = Conflict(
        id=new_id(),
        created_at=now,
        updated_at=now,
        author_device_id=uuid.uuid4(),
        server_version=5,
        entity=entity,
        record_id=uuid.UUID(record_id),
        field=field,
        kept_value=f"{CANARY} kept",
        other_value=f"{CANARY} other",
        other_device_id=uuid.uuid4(),
        team_id=TEAM,
    )
    return {"entity": "conflict", "version": 5, "record": conflict.model_dump(mode="json")}


def _erase(s: StoreSession, person: str) -> None:
    s.replica.apply_answer(answer([{"entity": "contact", "version": 9, "record": {"id": person}, "erased": True}]), [])


def _purge(s: StoreSession, person: str) -> None:
    s.replica.apply_answer(answer(purge_teams=[str(TEAM)]), [])


def _traces(s: StoreSession, *needles: str) -> list[str]:
    """Rows of any table whose text holds one of `needles`."""
    found = []
    tables = [*[spec.table for spec in SPECS.values()], "outbox", "rejected_mutation", "appointment_contact"]
    for table in tables:
        columns = [row[1] for row in s.conn.execute(f"PRAGMA table_info({table})")]
        for needle in needles:
            where = " OR ".join(f"CAST({c} AS TEXT) LIKE ?" for c in columns)
            count = s.conn.execute(
                f"SELECT count(*) FROM {table} WHERE {where}",  # test
                [f"%{needle}%"] * len(columns),
            ).fetchone()[0]
            if count:
                found.append(f"{table}: {needle}")
    return found


def test_every_entity_hung_from_a_contact_has_a_maker() -> None:
    assert sorted(MAKERS) == sorted(OWNED), "add a maker for the new entity in MAKERS"


def test_export_holds_conflicts_and_refused_changes_with_the_persons_values(store: StoreWorker) -> None:
    """Issue 13 item 6: conflicts about the person's records and refused changes holding their
    values (a refused edit, a refused create of a note hung from them) are in the export."""

    def work(s: StoreSession) -> tuple[dict, dict[str, str]]:
        person, _ = _people(s)
        note = _note(s, person, None)
        refused_note = s.notes.create(contact_id=person.id, body=f"{CANARY} refused note", occurred_at=T0)
        _refuse_create(s, str(refused_note.id))
        s.contacts.update(person.id, phone="+39 333 1234567")  # pending
        s.replica.apply_answer(
            answer(
                [_conflict_about(str(person.id), "contact", "phone"), _conflict_about(str(note.id), "note", "body")]
            ),
            [],
        )
        ids = {"person": str(person.id), "note": str(note.id), "refused_note": str(refused_note.id)}
        return s.export_contact(person.id), ids

    export, ids = store.call(work)
    assert sorted(c["record_id"] for c in export["conflicts"]) == sorted([ids["person"], ids["note"]])
    assert [(r["record_id"], r["changed"]["body"]) for r in export["refused_changes"]] == [
        (ids["refused_note"], f"{CANARY} refused note")
    ]
    assert export["refused_changes"][0]["reason"] == "forbidden_team"
    pending = [(p["record_id"], p["op"]) for p in export["pending_changes"]]
    assert (ids["person"], "update") in pending and (ids["note"], "create") in pending


@pytest.mark.parametrize("entity", OWNED)
def test_every_hung_record_is_exported(store: StoreWorker, entity: str) -> None:
    """Relations: a record of every contact-hung entity, and its refused create, are in the export."""

    def work(s: StoreSession) -> tuple[dict, str, str]:
        person, other = _people(s)
        record = MAKERS[entity](s, person, other)
        refused = MAKERS[entity](s, person, other)
        _refuse_create(s, str(refused.id))
        return s.export_contact(person.id), str(record.id), str(refused.id)

    export, record_id, refused_id = store.call(work)
    assert [r["id"] for r in export[f"{entity}s"]] == [record_id]
    assert [r["record_id"] for r in export["refused_changes"]] == [refused_id]
    assert record_id in [p["record_id"] for p in export["pending_changes"]]


@pytest.mark.parametrize("remove", [_erase, _purge], ids=["erasure", "team_purge"])
@pytest.mark.parametrize("entity", OWNED)
def test_every_hung_record_goes_with_the_person(
    store: StoreWorker, entity: str, remove: Callable[[StoreSession, str], None]
) -> None:
    """Relations: erasure and team purge remove every contact-hung record, its conflicts, its
    pending and refused mutations (a refused create included); the other person stays."""

    def work(s: StoreSession) -> tuple[list[str], list[str], dict]:
        person, other = _people(s)
        record = MAKERS[entity](s, person, other)
        refused = MAKERS[entity](s, person, other)
        _refuse_create(s, str(refused.id))
        s.replica.apply_answer(answer([_conflict_about(str(record.id), entity, "id")]), [])
        assert _traces(s, CANARY, str(record.id), str(refused.id))  # there before
        remove(s, str(person.id))
        return (
            _traces(s, CANARY, str(person.id), str(record.id), str(refused.id)),
            _traces(s, str(other.id)),
            s.export_contact(other.id),
        )

    left, others, other_export = store.call(work)
    assert left == []
    assert others, "the other person was kept"
    assert all(not other_export[f"{name}s"] or name == "resource" for name in OWNED)


@pytest.mark.parametrize("remove", [_erase, _purge], ids=["erasure", "team_purge"])
def test_a_shared_appointment_only_loses_the_person(
    store: StoreWorker, remove: Callable[[StoreSession, str], None]
) -> None:
    """Relations (list fields): as on the service, a shared appointment keeps its other people."""

    def work(s: StoreSession) -> tuple[list[str], list[str], list[str]]:
        person, other = _people(s)
        shared = s.appointments.create(
            contact_ids=[person.id, other.id],
            operator_id=OPERATOR,
            starts_at=T0,
            ends_at=T0 + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
            topic="together",
        )
        remove(s, str(person.id))
        kept = s.appointments.get(shared.id)
        links = [
            row[0]
            for row in s.conn.execute(
                "SELECT contact_id FROM appointment_contact WHERE appointment_id = ?", (str(shared.id),)
            )
        ]
        return [str(c) for c in kept.contact_ids], links, [a["id"] for a in s.export_contact(other.id)["appointments"]]

    contact_ids, links, exported = store.call(work)
    assert len(contact_ids) == 1 and links == contact_ids
    assert len(exported) == 1


@pytest.mark.parametrize("entity", OWNED)
def test_what_hangs_from_a_contact_is_found_by_index(store: StoreWorker, entity: str) -> None:
    """Relations at 100k contacts: purge, erasure and export find hung records through an index
    (a link table or a projection column), never by scanning the entity's table."""
    table = SPECS[entity].table

    def plan(s: StoreSession) -> list[str]:
        s.replica  # noqa: B018 - its TEMP tables exist
        where = hung_from_contacts(s.conn, entity, "purge_contact")
        return [row[3] for row in s.conn.execute(f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {where}")]

    steps = store.call(plan)
    assert not [step for step in steps if step.startswith(f"SCAN {table}")], steps


def test_conflicts_hang_from_records_by_index(store: StoreWorker) -> None:
    def plan(s: StoreSession) -> list[str]:
        (ref,) = record_hung_references()
        return [
            row[3]
            for row in s.conn.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM {ref.entity} WHERE {ref.field} IN purge_record"
            )
        ]

    assert not [step for step in store.call(plan) if step.startswith("SCAN conflict")]


@pytest.mark.parametrize("ref", [ref for ref in team_fields() if ref.entity != "contact"], ids=lambda r: r.entity)
def test_records_of_a_purged_team_are_found_by_index(store: StoreWorker, ref: object) -> None:
    table = SPECS[ref.entity].table  # type: ignore[attr-defined]
    sql = f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {ref.field} IN (?, ?)"  # type: ignore[attr-defined]
    steps = [row[3] for row in store.call(lambda s: s.conn.execute(sql, ("a", "b")).fetchall())]
    assert not [step for step in steps if step.startswith(f"SCAN {table}")], steps
