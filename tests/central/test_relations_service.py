"""Every contact-hung field of protocol/relations.py, walked on the real service.

For each entity that hangs from a contact (`contact_owned_entities()`) and each of its
owner fields, a record naming the person through that field is made in team A. Then:
a team-B device neither sees it nor writes it nor hangs a record from team A's
contact through that field, and erasing the person erases it (a list field: takes the
person out, and erases the record when nobody is left). The walk comes from the
declaration, so a new entity or field is covered the day it is declared; an entity
without a sample below fails the first test.
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from central.db import session_factory
from central.erasure import erase_contact
from central.models import StoredRecord
from protocol.relations import DEVICE_WRITABLE, Reference, contact_owned_entities, owner_fields, references_of
from tests.central.conftest import Device, World, _wire

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


@dataclass
class Team:
    """Team A's people and what a sample needs besides them."""

    device: Device
    operator_id: uuid.UUID
    resource: str
    other: str  # a second contact of team A: every contact field not under test names them


# The content of one record of each entity, with every contact reference naming `other`.
SAMPLES: dict[str, Callable[[Team], dict[str, Any]]] = {
    "relationship": lambda t: {"from_contact_id": t.other, "to_contact_id": t.other, "kind": "sibling"},
    "consent": lambda t: {"contact_id": t.other, "purpose": "referral", "method": "verbal", "given_at": T0},
    "appointment": lambda t: {
        "contact_ids": [t.other],
        "operator_id": t.operator_id,
        "starts_at": T0,
        "ends_at": T0 + dt.timedelta(hours=1),
        "time_zone": "Europe/Rome",
        "place_kind": "office",
    },
    "note": lambda t: {"contact_id": t.other, "body": "Prima visita", "occurred_at": T0},
    "referral": lambda t: {"contact_id": t.other, "resource_id": t.resource, "status": "draft"},
    "intake_request": lambda t: {},  # made by the help desk; a device only links it
}


def _cases() -> list[tuple[str, str, bool]]:
    """(entity, owner field, shared): shared lists name `other` too, so the record outlives the person."""
    cases = []
    for entity in contact_owned_entities():
        for ref in owner_fields(entity):
            if ref.target == "contact":
                cases.append((entity, ref.field, False))
                if ref.many:
                    cases.append((entity, ref.field, True))
    return cases


def test_every_contact_hung_entity_has_a_sample() -> None:
    assert set(SAMPLES) == set(contact_owned_entities())


@pytest.fixture()
def team_a(world: World) -> Team:
    operator = world.add_operator("anna", [world.team_a])
    lead = world.add_operator("lead", [world.team_a], role="team_lead")
    assert lead
    resource = world.enrol("lead").create(
        "resource",
        organization_name="Comune",
        service_name="Mensa",
        location={"municipality": "Lodi"},
        categories=["food"],
    )
    device = world.enrol("anna")
    return Team(device, operator, resource, device.create("contact", given_name="Altra"))


def _fields(entity: str, field: str, shared: bool, team: Team, person: str) -> dict[str, Any]:
    """A sample hung from `person` through `field` only; optional same-contact links left out."""
    fields = SAMPLES[entity](team)
    ref = next(r for r in references_of(entity) if r.field == field)
    fields[field] = ([team.other, person] if shared else [person]) if ref.many else person
    for other in references_of(entity):
        if other.same_contact and not other.required:
            fields[other.field] = None
    return fields


def _make(world: World, team: Team, entity: str, fields: dict[str, Any]) -> str:
    if entity not in DEVICE_WRITABLE:
        return team.device.create(entity, **fields)
    # A record the service authors: the help desk makes it, the device links it.
    answer = world.client.post(
        "/v1/intake",
        json={
            "team_id": str(world.team_a),
            "kind": "first_contact",
            "alias": f"A{uuid.uuid4().hex[:6]}",
            "contact_channel": "none",
            "language": "it",
            "consent_to_contact": False,
        },
    )
    assert answer.status_code == 202
    with session_factory(world.engine)() as session:
        made = max(session.query(StoredRecord).filter_by(entity=entity), key=lambda row: row.version)
    mutation = team.device.mutation(entity, "update", made.id)
    mutation["changed"] = _wire({"status": "converted", **fields})
    assert team.device.sync(mutation, keep_cursor=False)["results"][0]["status"] == "applied"
    return str(made.id)


def _row(world: World, record_id: str) -> StoredRecord:
    with session_factory(world.engine)() as session:
        return session.get(StoredRecord, uuid.UUID(record_id))


@pytest.mark.parametrize("entity,field,shared", _cases())
def test_a_contact_hung_record_is_scoped_and_erased_with_the_person(
    world: World, team_a: Team, entity: str, field: str, shared: bool
) -> None:
    """Issue 13 item 4: scope check and erasure follow every owner field of the declaration."""
    person = team_a.device.create("contact", given_name="Persona", family_name="Canarino")
    fields = _fields(entity, field, shared, team_a, person)
    if entity == "relationship":  # a relationship ties two different people
        other_field = "to_contact_id" if field == "from_contact_id" else "from_contact_id"
        fields[other_field] = team_a.other
    record_id = _make(world, team_a, entity, fields)

    world.add_operator("bruno", [world.team_b])
    bruno = world.enrol("bruno")
    assert record_id not in {c["record"]["id"] for c in bruno.sync_all()}
    update = bruno.mutation(entity, "update", uuid.UUID(record_id))
    update["changed"] = {"status": "accepted"} if entity in DEVICE_WRITABLE else {}
    refused = bruno.sync(update, bruno.mutation(entity, "delete", uuid.UUID(record_id)))["results"]
    assert [r["status"] for r in refused] == ["rejected", "rejected"], refused
    assert refused[0]["reason"] in ("forbidden_team", "forbidden_role", "append_only")
    if entity not in DEVICE_WRITABLE:
        # Team B cannot hang a record of its own from team A's person through this field.
        bruno_contact = bruno.create("contact", given_name="B")
        theirs = _fields(entity, field, False, team_a, person)
        for ref in references_of(entity):
            if ref.target == "contact" and ref.field != field:
                theirs[ref.field] = [bruno_contact] if ref.many else bruno_contact
        if entity == "referral":
            theirs["resource_id"] = team_a.resource
        created = bruno.sync(bruno.mutation(entity, "create", **theirs))["results"][0]
        assert (created["status"], created["reason"]) in (("rejected", "forbidden_team"), ("rejected", "invalid"))

    with session_factory(world.engine).begin() as session:
        erase_contact(session, uuid.UUID(person))
    row = _row(world, record_id)
    body = json.loads(row.body)
    if shared:
        assert not row.erased and body[field] == [team_a.other]
    else:
        assert row.erased and body == {"id": record_id}
    assert "Canarino" not in row.body


def test_a_conflict_about_a_hung_record_is_erased_with_the_person(world: World, team_a: Team) -> None:
    """Issue 13 item 4: records hung from records (a Conflict quotes the record it is about)."""
    person = team_a.device.create("contact", given_name="Persona")
    meeting = team_a.device.create("appointment", **_fields("appointment", "contact_ids", False, team_a, person))
    tablet = world.enrol("anna", "tablet")
    tablet.sync_all()
    team_a.device.sync(team_a.device.mutation("appointment", "update", uuid.UUID(meeting), topic="casa"))
    raced = tablet.sync(tablet.mutation("appointment", "update", uuid.UUID(meeting), base=1, topic="lavoro"))
    conflict = raced["results"][0]["conflicts"][0]
    with session_factory(world.engine).begin() as session:
        erase_contact(session, uuid.UUID(person))
    assert _row(world, conflict).erased


def test_the_walk_covers_the_declared_owner_fields() -> None:
    declared = {(r.entity, r.field) for r in _owner_contact_refs()}
    assert {(entity, field) for entity, field, _ in _cases()} == declared


def _owner_contact_refs() -> list[Reference]:
    return [r for e in contact_owned_entities() for r in owner_fields(e) if r.target == "contact"]
