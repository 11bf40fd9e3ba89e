"""Links between records stay inside one team, and the help desk's words stay the public's.

Issue 13 items 4 and 5, black-box against the real service (SQLite and PostgreSQL):
every reference a device writes is checked against protocol/relations.py, and the
records the service authors (help-desk requests, conflicts) accept from a device
only the fields `DEVICE_WRITABLE` lists.
"""

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from central.db import session_factory
from central.erasure import erase_contact
from central.models import StoredRecord
from tests.central.conftest import Device, World, _wire
from tests.central.test_sync import make_other_org_device

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture()
def pair(world: World) -> tuple[Device, Device]:
    """Anna (team A) and Bruno (team B), each with a device."""
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_b])
    return world.enrol("anna"), world.enrol("bruno")


def _help_desk_request(world: World, device: Device, team: uuid.UUID, alias: str = "Stella") -> uuid.UUID:
    answer = world.client.post(
        "/v1/intake",
        json={
            "team_id": str(team),
            "kind": "booking",
            "alias": alias,
            "contact_channel": "phone",
            "contact_detail": "+39 333 765 4321",
            "language": "it",
            "consent_to_contact": True,
        },
    )
    assert answer.status_code == 202, answer.text
    received = [c["record"] for c in device.sync_all() if c["entity"] == "intake_request"]
    return uuid.UUID(next(r["id"] for r in received if r["alias"] == alias))


def _update(device: Device, entity: str, target: uuid.UUID | str, /, **changed: Any) -> dict[str, Any]:
    mutation = device.mutation(entity, "update", uuid.UUID(str(target)))
    mutation["changed"] = _wire(changed)  # set here: `record_id` may be one of the fields
    return device.sync(mutation, keep_cursor=False)["results"][0]


def _stored(world: World, record_id: uuid.UUID | str) -> StoredRecord:
    with session_factory(world.engine)() as session:
        return session.get(StoredRecord, uuid.UUID(str(record_id)))


def _a_conflict(device: Device, other: Device, contact: str) -> uuid.UUID:
    """A same-field race on `contact` between two devices of team A: one Conflict."""
    other.sync_all()
    device.sync(device.mutation("contact", "update", uuid.UUID(contact), municipality="Lodi"))
    result = other.sync(other.mutation("contact", "update", uuid.UUID(contact), base=1, municipality="Oulu"))
    return uuid.UUID(result["results"][0]["conflicts"][0])


def test_a_help_desk_request_cannot_be_linked_to_another_teams_contact(world: World, pair) -> None:
    """Issue 13 item 4: intake_request.contact_id naming a team-B contact is refused, and
    erasing that team-B person leaves team A's request alone."""
    anna, bruno = pair
    request = _help_desk_request(world, anna, world.team_a)
    theirs = bruno.create("contact", given_name="Bianca", family_name="Altrove")
    refused = _update(anna, "intake_request", request, status="converted", contact_id=theirs)
    assert (refused["status"], refused["reason"]) == ("rejected", "forbidden_team")
    assert refused["message"].startswith("contact_id:")
    assert _stored(world, request).contact_id is None
    ours = anna.create("contact", given_name="Stella")
    assert _update(anna, "intake_request", request, status="converted", contact_id=ours)["status"] == "applied"
    assert _stored(world, request).contact_id == uuid.UUID(ours)

    with session_factory(world.engine).begin() as session:
        erase_contact(session, uuid.UUID(theirs))
    kept = _stored(world, request)
    assert not kept.erased and "Stella" in kept.body


def test_erasing_a_person_spares_records_that_only_mention_their_id(world: World, pair) -> None:
    """Issue 13 item 4: erasure follows declared references, not any text holding the id."""
    anna, bruno = pair
    theirs = bruno.create("contact", given_name="Bianca")
    ours = anna.create("contact", given_name="Aino")
    note = anna.create("note", contact_id=ours, body=f"Il fascicolo {theirs} è di un'altra équipe", occurred_at=T0)
    with session_factory(world.engine).begin() as session:
        report = erase_contact(session, uuid.UUID(theirs))
    assert report.erased == 1
    assert not _stored(world, note).erased and not _stored(world, ours).erased


def test_a_conflict_keeps_the_record_and_team_the_service_gave_it(world: World, pair) -> None:
    """Issue 13 item 4: a device can resolve a Conflict, never repoint or refill it."""
    anna, bruno = pair
    laptop = world.enrol("anna", "tablet")
    ours = anna.create("contact", given_name="Aino")
    theirs = bruno.create("contact", given_name="Bianca")
    conflict = _a_conflict(anna, laptop, ours)
    before = _stored(world, conflict).body
    attempts = {
        "record_id": theirs,
        "team_id": str(world.team_b),
        "kept_value": "x" * (4 * 1024 * 1024),
        "other_value": "y",
        "field": "phone",
        "entity": "note",
    }
    for name, value in attempts.items():
        result = _update(anna, "conflict", conflict, **{name: value})
        assert (result["status"], result["reason"]) == ("rejected", "forbidden_role"), name
        assert result["message"].startswith(f"{name}:"), result["message"]
    assert _stored(world, conflict).body == before
    assert _update(anna, "conflict", conflict, status="resolved", resolution="kept")["status"] == "applied"


def test_a_losing_value_must_be_a_valid_value_of_its_field(world: World, pair) -> None:
    """Issue 13 item 4: the Conflict the service builds never holds what the field would refuse
    (here 1 MB for a 300-character municipality, which every team device would download)."""
    anna, _ = pair
    laptop = world.enrol("anna", "tablet")
    ours = anna.create("contact", given_name="Aino")
    laptop.sync_all()
    anna.sync(anna.mutation("contact", "update", uuid.UUID(ours), municipality="Lodi"))
    result = laptop.sync(
        laptop.mutation("contact", "update", uuid.UUID(ours), base=1, municipality="m" * (1024 * 1024))
    )["results"][0]
    assert (result["status"], result["reason"]) == ("rejected", "invalid")
    assert result["message"].startswith("municipality:")
    with session_factory(world.engine)() as session:
        assert session.execute(select(StoredRecord.id).where(StoredRecord.entity == "conflict")).first() is None


def test_an_appointment_names_an_operator_of_the_callers_organisation(world: World, pair) -> None:
    """Issue 13 item 4: appointment.operator_id must be an operator of the same organisation."""
    anna, _ = pair
    colleague = world.add_operator("carla", [world.team_b])
    make_other_org_device(world)
    with session_factory(world.engine)() as session:
        from central.models import Operator

        outsider = session.execute(select(Operator.id).where(Operator.username == "outsider")).scalar_one()
    ours = anna.create("contact", given_name="Aino")

    def appointment(operator_id: uuid.UUID) -> dict[str, Any]:
        return anna.mutation(
            "appointment",
            "create",
            contact_ids=[ours],
            operator_id=operator_id,
            starts_at=T0,
            ends_at=T0 + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
        )

    batch = [appointment(outsider), appointment(uuid.uuid4()), appointment(colleague)]
    results = anna.sync(*batch)["results"]
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "missing_reference"),
        ("rejected", "missing_reference"),
        ("applied", None),
    ]
    assert results[0]["message"].startswith("operator_id:")
    moved = _update(anna, "appointment", batch[2]["record_id"], operator_id=str(outsider))
    assert (moved["status"], moved["reason"]) == ("rejected", "missing_reference")


@pytest.mark.parametrize(
    "field,value",
    [
        ("consent_to_contact", False),
        ("contact_channel", "email"),
        ("contact_detail", "nobody@example.org"),
        ("received_at", T0.isoformat()),
        ("alias", "Altro"),
        ("topic", "altro"),
        ("reference", "ABCDEF"),
        ("team_id", "TEAM_B"),
    ],
)
def test_the_help_desks_words_cannot_be_rewritten(world: World, pair, field: str, value: Any) -> None:
    """Issue 13 item 5: a device may change only status, decline_reason and the contact link."""
    anna, _ = pair
    request = _help_desk_request(world, anna, world.team_a)
    before = _stored(world, request).body
    value = str(world.team_b) if value == "TEAM_B" else value
    result = _update(anna, "intake_request", request, **{field: value})
    assert (result["status"], result["reason"]) == ("rejected", "forbidden_role")
    assert result["message"].startswith(f"{field}:") and "status" in result["message"]
    assert _stored(world, request).body == before


def test_status_and_decline_reason_of_a_help_desk_request_can_be_changed(world: World, pair) -> None:
    """Issue 13 item 5: what the worker decides is the worker's to write."""
    anna, _ = pair
    request = _help_desk_request(world, anna, world.team_a)
    result = _update(anna, "intake_request", request, status="declined", decline_reason="fuori zona")
    assert result["status"] == "applied"
    deleted = anna.sync(anna.mutation("intake_request", "delete", request))["results"][0]
    assert (deleted["status"], deleted["reason"]) == ("rejected", "forbidden_role")


def test_a_record_links_only_contacts_of_its_own_team(world: World) -> None:
    """Issue 13 item 4: an operator in two teams still cannot tie a team-A record to a team-B contact."""
    world.add_operator("marco", [world.team_a, world.team_b])
    marco = world.enrol("marco")
    in_a = marco.create("contact", given_name="Aino", team_id=world.team_a)
    in_b = marco.create("contact", given_name="Bianca", team_id=world.team_b)
    mutations = [
        marco.mutation("relationship", "create", from_contact_id=in_a, to_contact_id=in_b, kind="friend"),
        marco.mutation(
            "appointment",
            "create",
            contact_ids=[in_a, in_b],
            operator_id=_me(world, "marco"),
            starts_at=T0,
            ends_at=T0 + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
        ),
    ]
    results = marco.sync(*mutations)["results"]
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "invalid")] * 2
    assert results[0]["message"].startswith("to_contact_id:")
    assert results[1]["message"].startswith("contact_ids:")


def test_an_amendment_amends_a_note_of_the_same_person(world: World, pair) -> None:
    """Issue 13 item 4: note.amends_note_id (same_contact) must hang from the note's own contact."""
    anna, bruno = pair
    first, second = anna.create("contact", given_name="Aino"), anna.create("contact", given_name="Ada")
    note = anna.create("note", contact_id=first, body="prima", occurred_at=T0)
    theirs = bruno.create("note", contact_id=bruno.create("contact", given_name="B"), body="x", occurred_at=T0)
    results = anna.sync(
        anna.mutation("note", "create", contact_id=second, body="correzione", occurred_at=T0, amends_note_id=note),
        anna.mutation("note", "create", contact_id=first, body="correzione", occurred_at=T0, amends_note_id=theirs),
        anna.mutation("note", "create", contact_id=first, body="correzione", occurred_at=T0, amends_note_id=note),
    )["results"]
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "missing_reference"),
        ("rejected", "missing_reference"),
        ("applied", None),
    ]
    assert results[0]["message"].startswith("amends_note_id:")


def _me(world: World, username: str) -> uuid.UUID:
    from central.models import Operator

    with session_factory(world.engine)() as session:
        return session.execute(select(Operator.id).where(Operator.username == username)).scalar_one()


def test_checking_an_appointments_operator_costs_a_statement_only_for_someone_else(world: World) -> None:
    """Issue 13 item 4: the operator check keeps the common sync at its usual statements (see
    test_sync_cost); a batch naming other operators pays one lookup for all of them."""
    from tests.central.test_sync_cost import counting, statements_per_sync

    anna_id = world.add_operator("anna", [world.team_a])
    colleagues = [world.add_operator(f"collega{n}", [world.team_a]) for n in range(3)]
    anna = world.enrol("anna")
    contact = anna.create("contact", given_name="Aino")
    anna.sync()

    def appointments(operators: list[uuid.UUID]) -> list[dict[str, Any]]:
        return [
            anna.mutation(
                "appointment",
                "create",
                contact_ids=[contact],
                operator_id=operator,
                starts_at=T0,
                ends_at=T0 + dt.timedelta(hours=1),
                time_zone="Europe/Rome",
                place_kind="office",
            )
            for operator in operators
        ]

    seen = []
    for operators in ([anna_id] * 3, colleagues):
        with counting(world) as counts:
            results = anna.sync(*appointments(operators))["results"]
        assert [r["status"] for r in results] == ["applied"] * 3
        seen.append(counts["statements"])
    # As many as in test_sync_cost (the contacts the appointments hang from are read with the
    # batch's records, in the same statement); naming others adds one lookup for all of them.
    base = statements_per_sync(world)
    assert seen == [base, base + 1], seen
