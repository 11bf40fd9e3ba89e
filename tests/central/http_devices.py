"""Devices speaking real HTTP to a real `prossimo-central serve` process, for the tests of
logs, metrics and several API processes (tests/central/test_observability.py, test_two_processes.py).

Owns: an organisation with one team made straight in the database, operators with a test
password, and `HttpDevice` (enrol, push mutations, pull with its cursor) over `requests`,
whichever service URL it is pointed at for each call.
Must never reach beyond the URLs the test gives it.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import requests
from sqlalchemy import Engine

from central import security
from central.db import session_factory
from central.models import Membership, Operator, Organisation, Team
from protocol import new_id

PASSWORD = "a long test password"


def make_team(engine: Engine) -> uuid.UUID:
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Org {uuid.uuid4().hex[:6]}")
        session.add(org)
        session.flush()
        team = Team(id=uuid.uuid4(), organisation_id=org.id, name="A")
        session.add(team)
    return team.id


def add_operator(engine: Engine, team_id: uuid.UUID, username: str) -> None:
    with session_factory(engine).begin() as session:
        operator = Operator(
            id=uuid.uuid4(),
            organisation_id=session.get(Team, team_id).organisation_id,
            username=username,
            password_hash=security.hash_password(PASSWORD),
            role="operator",
        )
        session.add(operator)
        session.flush()
        session.add(Membership(operator_id=operator.id, team_id=team_id))


@dataclass
class HttpDevice:
    token: str
    seq: int = 0
    cursor: str | None = None

    @classmethod
    def enrol(cls, url: str, username: str, name: str = "laptop") -> "HttpDevice":
        answer = requests.post(
            f"{url}/v1/enrol", json={"username": username, "password": PASSWORD, "device_name": name}, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return cls(answer.json()["device_token"])

    def mutation(
        self, op: str, record_id: str | None = None, base: int | None = None, **changed: Any
    ) -> dict[str, Any]:
        self.seq += 1
        return {
            "device_seq": self.seq,
            "mutation_id": str(uuid.uuid4()),
            "entity": "contact",
            "record_id": record_id or str(new_id()),
            "op": op,
            "changed": changed,
            "base_version": base,
            "at": dt.datetime.now(dt.UTC).isoformat(),
        }

    def sync(self, url: str, *mutations: dict[str, Any], expect: int = 200, token: str | None = None) -> Any:
        answer = requests.post(
            f"{url}/v1/sync",
            json={"cursor": self.cursor, "mutations": list(mutations), "page_size": 1000},
            headers={"Authorization": f"Bearer {token or self.token}"},
            timeout=30,
        )
        assert answer.status_code == expect, answer.text
        body = answer.json()
        if expect == 200:
            self.cursor = body["cursor"]
            if body.get("new_device_token"):
                self.token = body["new_device_token"]
        return body

    def pull_all(self, url: str) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        while True:
            body = self.sync(url)
            changes.extend(body["changes"])
            if not body["more"]:
                return changes
