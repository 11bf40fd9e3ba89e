"""Login throttling, device tokens (wipe, rotation), body limits, gzip and protocol versions."""

import datetime as dt
import gzip
import json
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from central import security
from central.app import Limits
from central.auth import authenticate, disable_operator, record_rotation, revoke_device
from central.db import session_factory
from central.models import AuditEntry, Device
from protocol import OLDEST_PROTOCOL, PROTOCOL_VERSION
from tests.central.conftest import PASSWORD, World, make_world


def _login(world: World, username: str, password: str = PASSWORD):
    return world.client.post("/v1/enrol", json={"username": username, "password": password, "device_name": "laptop"})


def test_enrol_returns_a_token_stored_only_as_a_hash(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    answer = _login(world, "anna")
    assert answer.status_code == 200
    body = answer.json()
    assert body["teams"] == [{"id": str(world.team_a), "name": "A"}]
    with session_factory(world.engine)() as session:
        device = session.get(Device, uuid.UUID(body["device_id"]))
        assert device.token_hash == security.token_hash(body["device_token"])
        assert body["device_token"] not in device.token_hash


def test_wrong_password_and_unknown_user_look_the_same(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    wrong = _login(world, "anna", "not the password")
    # From another address: this one now waits a second (see test_login_throttle.py).
    other = TestClient(world.client.app, client=("192.0.2.8", 50000))
    unknown = other.post("/v1/enrol", json={"username": "nobody-here", "password": PASSWORD, "device_name": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_tokens_missing_unknown_revoked_or_disabled(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_b])
    anna, bruno = world.enrol("anna"), world.enrol("bruno")
    assert world.client.post("/v1/sync", json={}).status_code == 401
    assert world.client.post("/v1/sync", json={}, headers={"Authorization": "Bearer nope"}).status_code == 401
    with session_factory(world.engine).begin() as session:
        revoke_device(session, anna.id)
        disable_operator(session, "bruno")
    assert anna.sync(expect=410) == {"wipe": True, "reason": "device_revoked"}
    assert bruno.sync(expect=410) == {"wipe": True, "reason": "operator_disabled"}
    assert _login(world, "bruno").status_code == 401


def test_tokens_rotate_without_locking_the_device_out(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    with session_factory(world.engine).begin() as session:
        session.get(Device, anna.id).token_issued_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    offered = anna.sync()["new_device_token"]
    assert offered
    with session_factory(world.engine).begin() as session:
        actions = session.execute(select(AuditEntry.action).where(AuditEntry.device_id == anna.id)).scalars().all()
    assert actions.count("device.token_rotate") == 1
    assert anna.sync()["new_device_token"] is None  # the old token still works (lost response)
    old = anna.token
    anna.token = offered
    anna.sync()  # first use of the new token retires the old one
    anna.token = old
    anna.sync(expect=401)


def test_authenticating_takes_no_counter_lock(world: World) -> None:
    """A sync takes change_seq then audit_seq; authenticate (before the batch) must take
    neither, even when it offers a new token, or two syncs could deadlock on PostgreSQL."""
    if world.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: no row locks to take in the wrong order")
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    with session_factory(world.engine).begin() as session:
        session.get(Device, anna.id).token_issued_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    with session_factory(world.engine)() as first, first.begin():
        caller, new_token, _ = authenticate(first, anna.token)
        first.flush()
        assert new_token is not None
        with world.engine.connect() as other:
            locked = other.execute(
                text("SELECT name FROM counter WHERE name IN ('change_seq', 'audit_seq') FOR UPDATE NOWAIT")
            ).all()
            assert len(locked) == 2  # NOWAIT would have raised had either row been locked
            other.rollback()
        record_rotation(first, caller)


def test_gzip_both_ways(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    mutations = [anna.mutation("contact", "create", given_name=f"G{i}") for i in range(50)]
    packed = gzip.compress(json.dumps({"mutations": mutations}).encode())
    answer = world.client.post(
        "/v1/sync",
        content=packed,
        headers={
            "Authorization": f"Bearer {anna.token}",
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
            "Accept-Encoding": "gzip",
        },
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-encoding"] == "gzip"
    assert [r["status"] for r in answer.json()["results"]] == ["applied"] * 50


def test_body_limits_hold_before_and_after_unpacking(engine) -> None:
    world = make_world(engine, Limits(sync_body_bytes=20_000))
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    big = {"mutations": [anna.mutation("contact", "create", given_name="x" * 90) for _ in range(200)]}
    headers = {"Authorization": f"Bearer {anna.token}", "Content-Type": "application/json"}
    assert world.client.post("/v1/sync", content=json.dumps(big), headers=headers).status_code == 413
    bomb = gzip.compress(b'{"mutations": [' + b" " * 5_000_000 + b"]}")
    assert len(bomb) < 20_000
    answer = world.client.post("/v1/sync", content=bomb, headers={**headers, "Content-Encoding": "gzip"})
    assert answer.status_code == 413
    assert (
        world.client.post("/v1/sync", content=b"not gzip", headers={**headers, "Content-Encoding": "gzip"}).status_code
        == 422
    )


def test_malformed_bodies_get_422_with_field_paths(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    answer = world.client.post(
        "/v1/sync", json={"mutations": [{"device_seq": 0}]}, headers={"Authorization": f"Bearer {anna.token}"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid"  # the one error shape (protocol.messages.ProblemAnswer)
    assert "mutations.0.device_seq" in [item["field"] for item in answer.json()["fields"]]
    assert (
        world.client.post(
            "/v1/sync", json={"cursor": "garbage"}, headers={"Authorization": f"Bearer {anna.token}"}
        ).status_code
        == 422
    )


def test_protocol_version_outside_the_range_is_told_to_update(world: World) -> None:
    answer = world.client.get("/v1/health", headers={"X-Prossimo-Protocol": "99"})
    assert answer.status_code == 426
    assert "update Prossimo" in answer.json()["message"]
    current = str(PROTOCOL_VERSION)
    ok = world.client.get("/v1/health", headers={"X-Prossimo-Protocol": current})
    assert ok.status_code == 200 and ok.headers["X-Prossimo-Protocol"] == current
    # An older device would stop at the first record with a newer field or entity (version 4:
    # street outreach's shifts, encounters, supply items and stock movements): it is told to update.
    for older in range(1, OLDEST_PROTOCOL):
        old = world.client.get("/v1/health", headers={"X-Prossimo-Protocol": str(older)})
        assert old.status_code == 426 and "update Prossimo" in old.json()["message"]
    assert OLDEST_PROTOCOL == PROTOCOL_VERSION == 4
