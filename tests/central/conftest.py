"""Central service fixtures: every test runs against SQLite and against a real PostgreSQL.

PostgreSQL comes from tests/pg_server.py (a throwaway cluster in a temp folder);
where its binaries are missing those runs are skipped with the reason shown.
"""

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from central import security
from central.app import Limits, create_app
from central.db import make_engine, session_factory, upgrade
from central.models import Membership, Operator, Organisation, Team
from protocol import new_id
from tests import pg_server

PASSWORD = "a long test password"


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.PostgresServer | None]:
    reason = pg_server.skip_reason()
    if reason:
        print(f"\nPostgreSQL tests skipped: {reason}")
        yield None
        return
    server = pg_server.PostgresServer(pg_server.find_pg_bin())
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        server = request.getfixturevalue("postgres")
        if server is None:
            pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
        url = server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


@dataclass
class World:
    """An organisation with teams A and B, and helpers to act as one of its operators."""

    engine: Engine
    client: TestClient
    org_id: uuid.UUID
    team_a: uuid.UUID
    team_b: uuid.UUID

    def add_operator(
        self, username: str, teams: list[uuid.UUID], role: str = "operator", org_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        with session_factory(self.engine).begin() as session:
            operator = Operator(
                id=uuid.uuid4(),
                organisation_id=org_id or self.org_id,
                username=username,
                password_hash=security.hash_password(PASSWORD),
                role=role,
            )
            session.add(operator)
            session.flush()
            session.add_all(Membership(operator_id=operator.id, team_id=t) for t in teams)
        return operator.id

    def enrol(self, username: str, device_name: str = "laptop") -> "Device":
        answer = self.client.post(
            "/v1/enrol", json={"username": username, "password": PASSWORD, "device_name": device_name}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return Device(self, body["device_token"], uuid.UUID(body["device_id"]))


@dataclass
class Device:
    world: World
    token: str
    id: uuid.UUID
    seq: int = 0
    cursor: str | None = None

    def mutation(
        self, entity: str, op: str, record_id: uuid.UUID | None = None, base: int | None = None, **changed: Any
    ) -> dict[str, Any]:
        self.seq += 1
        return {
            "device_seq": self.seq,
            "mutation_id": str(new_id()),
            "entity": entity,
            "record_id": str(record_id or new_id()),
            "op": op,
            "changed": _wire(changed),
            "base_version": base,
            "at": dt.datetime.now(dt.UTC).isoformat(),
        }

    def sync(
        self, *mutations: dict[str, Any], page_size: int = 1000, keep_cursor: bool = True, expect: int = 200
    ) -> dict[str, Any]:
        for _ in range(SHED_RESENDS):
            answer = self.world.client.post(
                "/v1/sync",
                json={"cursor": self.cursor, "mutations": list(mutations), "page_size": page_size},
                headers={"Authorization": f"Bearer {self.token}"},
            )
            # Shed before its body was read (central.shedding): resent as the app resends it, same
            # device_seq, after Retry-After (shortened: the tests' queue clears in milliseconds).
            if expect == 503 or answer.status_code != 503 or answer.json().get("error") != "overloaded":
                break
            time.sleep(0.05)
        assert answer.status_code == expect, answer.text
        body = answer.json()
        if expect == 200 and keep_cursor:
            self.cursor = body["cursor"]
        return body

    def sync_all(self) -> list[dict[str, Any]]:
        """Pull until `more` is false; every change seen."""
        changes = []
        while True:
            body = self.sync()
            changes.extend(body["changes"])
            if not body["more"]:
                return changes

    def create(self, entity: str, **fields: Any) -> str:
        mutation = self.mutation(entity, "create", **fields)
        result = self.sync(mutation, keep_cursor=False)["results"][0]
        assert result["status"] == "applied", result
        return mutation["record_id"]


SHED_RESENDS = 20  # a test device's attempts at one sync while the service sheds


def _wire(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def make_world(engine: Engine, limits: Limits | None = None) -> World:
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Org {uuid.uuid4().hex[:6]}")
        session.add(org)
        session.flush()
        team_a = Team(id=uuid.uuid4(), organisation_id=org.id, name="A")
        team_b = Team(id=uuid.uuid4(), organisation_id=org.id, name="B")
        session.add_all([team_a, team_b])
    client = TestClient(create_app(engine, limits), client=("203.0.113.7", 50000))
    return World(engine, client, org.id, team_a.id, team_b.id)


@pytest.fixture()
def world(engine: Engine) -> World:
    return make_world(engine)
