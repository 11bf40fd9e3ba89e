"""The review queue's routes on SQLite and PostgreSQL: only a team lead's or an administrator's
device lists and decides; another organisation's change is a 404 like an unknown one; bad ids
are 422 naming `change_id`; every decision is audited with who decided, and an approved change
reaches devices at their next sync; these calls never offer a token rotation."""

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from central import security
from central.db import session_factory
from central.models import AuditEntry, Device, Organisation, Team
from central.partners import accounts, review
from protocol.clock import utc_now
from protocol.entities import OpeningHours
from tests.central.conftest import World
from tests.central.test_partners import FOOD_BANK, seed_directory


def held_change(world: World, tmp_path: Path, org_id: uuid.UUID | None = None) -> tuple[str, str]:
    """A partner of the food bank whose changes are held, and one held change of its hours:
    (the change's id, the service's id)."""
    org = org_id or world.org_id
    seed_directory(world, tmp_path, org)
    with session_factory(world.engine).begin() as session:
        provider = accounts.find_provider(session, org, FOOD_BANK)
        accounts.set_setting(session, org, provider, hold_for_review=True)
        token, _ = accounts.invite(session, org, provider, f"anna-{uuid.uuid4().hex[:6]}@banco.example.org", utc_now())
        account = accounts.accept(session, token, "pane e latte ogni giorno", utc_now())
        entry = accounts.own_entries(session, account)[0]
        slot = OpeningHours(weekday=2, opens_at=dt.time(9), closes_at=dt.time(12))
        assert review.hold(session, account, entry, "hours", {"opening_hours": [slot]}, utc_now())
        (waiting,) = [w for w in review.waiting(session, org) if w.change.resource_id == entry.row.id]
        return str(waiting.change.id), str(entry.row.id)


def call(world: World, path: str, token: str | None, body: dict[str, Any] | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return world.client.post(f"/v1/review/{path}", json=body or {}, headers=headers)


def audit(world: World, action: str) -> list[AuditEntry]:
    with session_factory(world.engine)() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def other_org(world: World) -> uuid.UUID:
    with session_factory(world.engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Org {uuid.uuid4().hex[:6]}")
        session.add(org)
        session.flush()
        session.add(Team(id=uuid.uuid4(), organisation_id=org.id, name="C"))
    return org.id


def test_only_leads_and_administrators_see_the_queue(world: World, tmp_path: Path) -> None:
    change_id, service_id = held_change(world, tmp_path)
    world.add_operator("lina", [world.team_a])
    operator = world.enrol("lina")
    world.add_operator("marco", [world.team_a], role="team_lead")
    lead = world.enrol("marco")
    world.add_operator("ada", [], role="admin")
    admin = world.enrol("ada")
    assert call(world, "waiting", None).json()["error"] == "no_token"
    assert call(world, "waiting", "not-a-token").status_code == 401
    refused = call(world, "waiting", operator.token)
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden_role"
    answer = call(world, "waiting", lead.token)
    assert answer.status_code == 200, answer.text
    (change,) = answer.json()["changes"]
    assert change["id"] == change_id and change["service_id"] == service_id
    assert (change["provider"], change["service_name"], change["section"]) == (FOOD_BANK, "Pacchi alimentari", "hours")
    assert change["submitted_by"].startswith("anna-") and change["submitted_at"]
    assert change["fields"] == [
        {
            "field": "opening_hours",
            "before": [],
            "after": [{"weekday": 2, "opens_at": "09:00:00", "closes_at": "12:00:00"}],
        }
    ]
    assert call(world, "waiting", admin.token).json() == answer.json()
    assert call(world, "decision", operator.token, {"change_id": change_id, "approve": True}).status_code == 403
    assert not audit(world, "partner.approve")


def test_another_organisations_change_is_unknown_and_bad_ids_name_the_field(world: World, tmp_path: Path) -> None:
    foreign = other_org(world)
    change_id, _ = held_change(world, tmp_path, foreign)
    world.add_operator("marco", [world.team_a], role="team_lead")
    lead = world.enrol("marco")
    assert call(world, "waiting", lead.token).json() == {"changes": []}
    cross = call(world, "decision", lead.token, {"change_id": change_id, "approve": True})
    unknown = call(world, "decision", lead.token, {"change_id": str(uuid.uuid4()), "approve": True})
    assert cross.status_code == unknown.status_code == 404
    assert cross.json() == unknown.json()  # the same words: nothing says the change exists
    assert cross.json()["error"] == "no_such_change" and change_id not in cross.text
    bad = call(world, "decision", lead.token, {"change_id": "nonsense", "approve": True})
    assert bad.status_code == 422 and [f["field"] for f in bad.json()["fields"]] == ["change_id"]
    assert "nonsense" not in bad.text
    missing = call(world, "decision", lead.token, {"change_id": change_id})
    assert missing.status_code == 422 and [f["field"] for f in missing.json()["fields"]] == ["approve"]
    extra = call(world, "waiting", lead.token, {"everything": True})
    assert extra.status_code == 200  # the list reads no body
    with session_factory(world.engine)() as session:
        (still,) = review.waiting(session, foreign)
    assert str(still.change.id) == change_id and not audit(world, "partner.approve")


def test_a_decision_is_audited_and_an_approved_change_reaches_devices(world: World, tmp_path: Path) -> None:
    change_id, service_id = held_change(world, tmp_path)
    world.add_operator("lina", [world.team_a])
    other = world.enrol("lina", "other laptop")
    other.sync_all()
    lead_id = world.add_operator("marco", [world.team_a], role="team_lead")
    lead = world.enrol("marco")
    approved = call(world, "decision", lead.token, {"change_id": change_id, "approve": True})
    assert approved.status_code == 200, approved.text
    assert approved.json() == {"change_id": change_id, "status": "approved"}
    (entry,) = audit(world, "partner.approve")
    assert entry.subject == f"resource:{service_id}" and entry.details["fields"] == ["opening_hours"]
    assert entry.details["reviewed_by"] == f"operator:{lead_id}" and entry.details["change"] == change_id
    (pulled,) = [c for c in other.sync_all() if c["record"]["id"] == service_id]
    assert pulled["record"]["opening_hours"] == [{"weekday": 2, "opens_at": "09:00:00", "closes_at": "12:00:00"}]
    again = call(world, "decision", lead.token, {"change_id": change_id, "approve": False})
    assert again.status_code == 404 and not audit(world, "partner.reject")
    assert call(world, "waiting", lead.token).json() == {"changes": []}

    second, second_service = held_change(world, tmp_path)  # a new seed: three more entries
    other.sync_all()
    rejected = call(world, "decision", lead.token, {"change_id": second, "approve": False})
    assert rejected.json() == {"change_id": second, "status": "rejected"}
    (refusal,) = audit(world, "partner.reject")
    assert refusal.details["reviewed_by"] == f"operator:{lead_id}" and refusal.details["change"] == second
    assert other.sync_all() == []  # a rejected change publishes nothing
    with session_factory(world.engine)() as session:
        assert review.pending_for(session, uuid.UUID(second_service)) == []


def test_the_queue_never_offers_a_token_rotation(world: World, tmp_path: Path) -> None:
    held_change(world, tmp_path)
    world.add_operator("marco", [world.team_a], role="team_lead")
    lead = world.enrol("marco")
    with session_factory(world.engine).begin() as session:
        old = utc_now() - security.TOKEN_ROTATE_AFTER - dt.timedelta(days=1)
        session.execute(update(Device).where(Device.id == lead.id).values(token_issued_at=old))
    assert len(call(world, "waiting", lead.token).json()["changes"]) == 1
    with session_factory(world.engine)() as session:
        assert session.get(Device, lead.id).next_token_hash is None  # type: ignore[union-attr]
    assert lead.sync()["new_device_token"]  # the sync still offers it, and is the one that can
