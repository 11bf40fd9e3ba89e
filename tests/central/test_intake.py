"""POST /v1/intake: the public help desk's door, size- and rate-limited."""

from sqlalchemy import select

from central.db import session_factory
from central.intake import RATE_LIMIT
from central.models import IntakeRate
from tests.central.conftest import World


def _submission(world: World, **overrides) -> dict:
    return {
        "team_id": str(world.team_a),
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 765 4321",
        "preferred_times": "mattina",
        "topic": "casa",
        "language": "it",
        "consent_to_contact": True,
        **overrides,
    }


def test_a_request_lands_in_the_chosen_teams_queue_only(world: World) -> None:
    answer = world.client.post("/v1/intake", json=_submission(world))
    assert answer.status_code == 202
    reference = answer.json()["reference"]
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_b])
    received = [c for c in world.enrol("anna").sync_all() if c["entity"] == "intake_request"]
    assert len(received) == 1
    assert received[0]["record"]["alias"] == "Stella" and received[0]["record"]["reference"] == reference
    assert received[0]["record"]["status"] == "new"
    assert not [c for c in world.enrol("bruno").sync_all() if c["entity"] == "intake_request"]


def test_the_worker_can_accept_it(world: World) -> None:
    world.client.post("/v1/intake", json=_submission(world))
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    request_id = next(c for c in anna.sync_all() if c["entity"] == "intake_request")["record"]["id"]
    import uuid

    result = anna.sync(anna.mutation("intake_request", "update", uuid.UUID(request_id), status="accepted"))
    assert result["results"][0]["status"] == "applied"


def test_rules_and_unknown_teams_are_422(world: World) -> None:
    no_consent = world.client.post("/v1/intake", json=_submission(world, consent_to_contact=False))
    assert no_consent.status_code == 422
    assert no_consent.json()["message"].startswith("consent_to_contact:")
    unknown = world.client.post("/v1/intake", json=_submission(world, team_id="00000000-0000-4000-8000-000000000000"))
    assert unknown.status_code == 422
    extra = world.client.post("/v1/intake", json=_submission(world, diagnosis="anything"))
    assert extra.status_code == 422


def test_rate_limit_per_address_and_address_never_stored(world: World) -> None:
    statuses = [world.client.post("/v1/intake", json=_submission(world)).status_code for _ in range(RATE_LIMIT + 2)]
    assert statuses == [202] * RATE_LIMIT + [429, 429]
    with session_factory(world.engine)() as session:
        rows = session.execute(select(IntakeRate)).scalars().all()
    assert len(rows) == 1 and "203.0.113.7" not in rows[0].address_hash


def test_size_limit(world: World) -> None:
    answer = world.client.post(
        "/v1/intake", content=b'{"alias": "' + b"x" * 20_000 + b'"}', headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413
