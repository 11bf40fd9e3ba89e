"""POST /v1/sync: permissions per mutation and entity, idempotency, merge, paging, scope."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from central.db import session_factory
from central.models import AuditEntry, Membership, StoredRecord
from tests.central.conftest import World

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def _records(world: World) -> int:
    with session_factory(world.engine)() as session:
        return session.execute(select(func.count()).select_from(StoredRecord)).scalar_one()


def _audit_count(world: World) -> int:
    with session_factory(world.engine)() as session:
        return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


@pytest.fixture()
def pair(world: World):
    """Anna (team A) and Bruno (team B), each with a device."""
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_b])
    return world.enrol("anna"), world.enrol("bruno")


def _caseload(device, world: World, operator_id: uuid.UUID | None = None) -> dict[str, str]:
    """One record of every team-scoped entity, in the device's team."""
    lead_resource = _resource(world)
    operator_id = operator_id or world.add_operator(f"op-{uuid.uuid4().hex[:6]}", [world.team_a])
    contact = device.create("contact", given_name="Aino", family_name="Mäkelä")
    other = device.create("contact", kind="pseudonymous", alias="Kettu")
    consent = device.create("consent", contact_id=contact, purpose="referral", method="verbal", given_at=T0)
    return {
        "contact": contact,
        "relationship": device.create("relationship", from_contact_id=other, to_contact_id=contact, kind="sibling"),
        "consent": consent,
        "appointment": device.create(
            "appointment",
            contact_ids=[contact],
            operator_id=operator_id,
            starts_at=T0,
            ends_at=T0 + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
        ),
        "note": device.create("note", contact_id=contact, body="Prima visita", occurred_at=T0),
        "referral": device.create(
            "referral", contact_id=contact, resource_id=lead_resource, consent_id=consent, status="sent"
        ),
    }


def _resource(world: World) -> str:
    name = f"lead-{uuid.uuid4().hex[:6]}"
    world.add_operator(name, [world.team_a], role="team_lead")
    return world.enrol(name).create(
        "resource",
        organization_name="Comune",
        service_name="Dormitorio",
        location={"municipality": "Lodi"},
        categories=["housing"],
    )


def test_a_team_sees_its_records_and_never_another_teams(world: World, pair) -> None:
    anna, bruno = pair
    ids = _caseload(anna, world)
    seen_by_anna = {c["record"]["id"] for c in anna.sync_all()}
    assert set(ids.values()) <= seen_by_anna
    seen_by_bruno = {c["record"]["id"]: c["entity"] for c in bruno.sync_all()}
    assert set(ids.values()).isdisjoint(seen_by_bruno)
    assert set(seen_by_bruno.values()) <= {"resource"}  # only the shared directory


@pytest.mark.parametrize("entity", ["contact", "relationship", "consent", "appointment", "note", "referral"])
def test_another_team_cannot_write_any_entity(world: World, pair, entity: str) -> None:
    anna, bruno = pair
    ids = _caseload(anna, world)
    before = _records(world)
    op = "create" if entity == "note" else "update"
    changed = {"contact_id": ids["contact"], "body": "intrusion", "occurred_at": T0} if entity == "note" else {}
    if entity == "contact":
        changed = {"municipality": "Altrove"}
    elif entity == "relationship":
        changed = {"kind": "partner"}
    elif entity == "consent":
        changed = {"purpose": "research"}
    elif entity == "appointment":
        changed = {"topic": "x"}
    elif entity == "referral":
        changed = {"status": "declined"}
    record_id = None if op == "create" else uuid.UUID(ids[entity])
    results = bruno.sync(bruno.mutation(entity, op, record_id, **changed))["results"]
    assert results[0]["status"] == "rejected"
    assert results[0]["reason"] in ("forbidden_team", "missing_reference")
    deletes = bruno.sync(bruno.mutation(entity, "delete", uuid.UUID(ids[entity])))["results"]
    assert deletes[0]["status"] == "rejected"
    assert _records(world) == before


def test_a_rejected_mutation_does_not_stop_the_batch(world: World, pair) -> None:
    anna, bruno = pair
    foreign = anna.create("contact", given_name="Aino")
    batch = [
        bruno.mutation("contact", "create", given_name="Primo"),
        bruno.mutation("contact", "update", uuid.UUID(foreign), municipality="Roma"),
        bruno.mutation("contact", "create", given_name="Terzo", birth_year=1800),
        bruno.mutation("contact", "create", given_name="Quarto"),
    ]
    results = bruno.sync(*batch)["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "applied"]
    assert results[1]["reason"] == "forbidden_team"
    assert results[2]["reason"] == "invalid" and results[2]["message"].startswith("birth_year:")


def test_the_same_mutation_twice_is_applied_once(world: World, pair) -> None:
    anna, _ = pair
    mutation = anna.mutation("contact", "create", given_name="Lorenzo")
    first = anna.sync(mutation)["results"][0]
    records, audits = _records(world), _audit_count(world)
    again = anna.sync(mutation)["results"][0]  # a retry after a lost response
    assert again == first and first["status"] == "applied"
    assert (_records(world), _audit_count(world)) == (records, audits)
    update = anna.mutation("contact", "update", uuid.UUID(mutation["record_id"]), municipality="Forlì")
    v1 = anna.sync(update)["results"][0]["server_version"]
    assert anna.sync(update)["results"][0]["server_version"] == v1


def test_a_reused_device_seq_with_another_mutation_is_rejected(world: World, pair) -> None:
    anna, _ = pair
    first = anna.mutation("contact", "create", given_name="A")
    anna.sync(first)
    impostor = {**anna.mutation("contact", "create", given_name="B"), "device_seq": first["device_seq"]}
    result = anna.sync(impostor)["results"][0]
    assert result["status"] == "rejected" and "device_seq" in result["message"]


def test_different_fields_merge_and_same_field_makes_a_conflict(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    laptop, tablet = world.enrol("anna", "laptop"), world.enrol("anna", "tablet")
    contact = laptop.create("contact", given_name="Giulia", municipality="Lodi")
    tablet.sync_all()
    with session_factory(world.engine)() as session:
        base = session.get(StoredRecord, uuid.UUID(contact)).version
    r1 = laptop.sync(
        laptop.mutation("contact", "update", uuid.UUID(contact), base, phone="+39 333 1111111", municipality="Cesena")
    )["results"][0]
    r2 = tablet.sync(
        tablet.mutation("contact", "update", uuid.UUID(contact), base, family_name="Conti", municipality="Forlì")
    )["results"][0]
    assert r1["status"] == r2["status"] == "applied"
    assert r1["conflicts"] == [] and len(r2["conflicts"]) == 1
    changes = {c["record"]["id"]: c for c in laptop.sync_all()}
    stored = changes[contact]["record"]
    assert (stored["phone"], stored["family_name"], stored["municipality"]) == ("+39 333 1111111", "Conti", "Cesena")
    conflict = changes[r2["conflicts"][0]]
    assert conflict["entity"] == "conflict"
    assert conflict["record"]["field"] == "municipality"
    assert (conflict["record"]["kept_value"], conflict["record"]["other_value"]) == ("Cesena", "Forlì")


def test_a_devices_own_successive_edits_never_conflict(world: World, pair) -> None:
    anna, _ = pair
    contact = anna.create("contact", given_name="Sofia")
    with session_factory(world.engine)() as session:
        base = session.get(StoredRecord, uuid.UUID(contact)).version
    results = anna.sync(
        anna.mutation("contact", "update", uuid.UUID(contact), base, municipality="Bologna"),
        anna.mutation("contact", "update", uuid.UUID(contact), base, municipality="Trento"),
    )["results"]
    assert [r["conflicts"] for r in results] == [[], []]


def test_notes_are_append_only(world: World, pair) -> None:
    anna, _ = pair
    contact = anna.create("contact", given_name="Omar")
    note = anna.create("note", contact_id=contact, body="prima", occurred_at=T0)
    for op, changed in (("update", {"body": "riscritta"}), ("delete", {})):
        result = anna.sync(anna.mutation("note", op, uuid.UUID(note), **changed))["results"][0]
        assert (result["status"], result["reason"]) == ("rejected", "append_only")


def test_an_edit_against_a_delete_brings_the_record_back(world: World, pair) -> None:
    anna, _ = pair
    contact = anna.create("contact", given_name="Chiara")
    anna.sync(anna.mutation("contact", "delete", uuid.UUID(contact)), keep_cursor=False)
    tombstone = anna.sync_all()[-1]["record"]
    assert tombstone["deleted"] is True
    assert tombstone["updated_at"].endswith("Z")  # the schema's own time format, as in every other body
    anna.sync(anna.mutation("contact", "update", uuid.UUID(contact), municipality="Oulu"), keep_cursor=False)
    latest = [c for c in anna.sync_all() if c["record"]["id"] == contact][-1]["record"]
    assert latest["deleted"] is False and latest["municipality"] == "Oulu"


def test_directory_is_shared_but_only_leads_write_it(world: World, pair) -> None:
    anna, bruno = pair
    refused = anna.sync(
        anna.mutation(
            "resource",
            "create",
            organization_name="X",
            service_name="Y",
            location={"municipality": "Lodi"},
            categories=["food"],
        )
    )["results"][0]
    assert refused["reason"] == "forbidden_role"
    resource = _resource(world)
    assert resource in {c["record"]["id"] for c in anna.sync_all()}
    assert resource in {c["record"]["id"] for c in bruno.sync_all()}
    other_org = make_other_org_device(world)
    assert resource not in {c["record"]["id"] for c in other_org.sync_all()}


def make_other_org_device(world: World):
    from central.models import Organisation, Team

    with session_factory(world.engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Other {uuid.uuid4().hex[:6]}")
        session.add(org)
        session.flush()
        team = Team(id=uuid.uuid4(), organisation_id=org.id, name="Z")
        session.add(team)
    world.add_operator("outsider", [team.id], org_id=org.id)
    return world.enrol("outsider")


def test_pages_arrive_once_each_and_resume_from_the_cursor(world: World, pair) -> None:
    anna, _ = pair
    batch = [anna.mutation("contact", "create", given_name=f"P{i:04d}") for i in range(2500)]
    for start in range(0, len(batch), 1000):
        anna.sync(*batch[start : start + 1000], keep_cursor=False)
    reader = world.enrol("anna", "second laptop")
    pages, seen = [], []
    while True:
        body = reader.sync(page_size=1000)
        pages.append(len(body["changes"]))
        seen.extend(c["record"]["id"] for c in body["changes"])
        if not body["more"]:
            break
    assert pages == [1000, 1000, 500]
    assert len(seen) == len(set(seen)) == 2500
    assert reader.sync()["changes"] == []  # idle: nothing again


def test_scope_grants_bring_the_caseload_and_losses_purge_it(world: World, pair) -> None:
    anna, bruno = pair
    contact = anna.create("contact", given_name="Aino")
    bruno.sync_all()
    with session_factory(world.engine).begin() as session:
        bruno_id = session.execute(
            select(Membership.operator_id).where(Membership.team_id == world.team_b)
        ).scalar_one()
        session.add(Membership(operator_id=bruno_id, team_id=world.team_a))
    assert contact in {c["record"]["id"] for c in bruno.sync_all()}
    with session_factory(world.engine).begin() as session:
        session.delete(session.get(Membership, (bruno_id, world.team_a)))
    body = bruno.sync()
    assert body["purge_teams"] == [str(world.team_a)]
    assert bruno.sync()["purge_teams"] == []


def test_a_contact_gets_the_team_of_a_single_team_operator(world: World, pair) -> None:
    anna, _ = pair
    contact = anna.create("contact", given_name="Ilona")
    stored = [c for c in anna.sync_all() if c["record"]["id"] == contact][0]["record"]
    assert stored["team_id"] == str(world.team_a)
    world.add_operator("twoteams", [world.team_a, world.team_b])
    both = world.enrol("twoteams")
    result = both.sync(both.mutation("contact", "create", given_name="X"))["results"][0]
    assert result["reason"] == "team_required"


def test_unknown_fields_and_metadata_are_rejected(world: World, pair) -> None:
    anna, _ = pair
    results = anna.sync(
        anna.mutation("contact", "create", given_name="A", server_version=99),
        anna.mutation("contact", "create", given_name="A", shoe_size=44),
    )["results"]
    assert [r["reason"] for r in results] == ["invalid", "invalid"]
    assert results[0]["message"].startswith("server_version:") and results[1]["message"].startswith("shoe_size:")
