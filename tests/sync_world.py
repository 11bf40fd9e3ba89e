"""Sync fixtures: the real central service as a subprocess on loopback, and real devices.

The service is `prossimo-central serve` on a SQLite file and a random port, started
once per test session; each test gets its own organisation (teams A and B) made
directly in that database, so tests never see each other's data. A device is a
real encrypted profile with its own store thread and sync engine.
"""

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from central import auth, security
from central.db import make_engine, session_factory, upgrade
from central.models import Membership, Operator, Organisation, Team
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from desktop.sync.engine import SyncEngine, enrol
from desktop.sync.transport import Transport
from tests.service_process import running_service

PASSWORD = "a long test password"
PASSPHRASE = "correct horse battery staple"


@dataclass
class CentralService:
    url: str
    db_url: str
    engine: Engine
    process: subprocess.Popen

    def admin(self):  # a session in a transaction
        return session_factory(self.engine).begin()


@pytest.fixture(scope="session")
def central_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralService]:
    folder = tmp_path_factory.mktemp("central")
    db_url = f"sqlite:///{folder / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    try:
        with running_service(db_url, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stderr_pipe=True) as service:
            yield CentralService(service.url, db_url, engine, service.process)
    finally:
        engine.dispose()


@dataclass
class Device:
    """One field laptop: an encrypted profile, its store thread and its sync engine."""

    profile: Profile
    store: StoreWorker
    engine: SyncEngine
    server_url: str

    def sync(self, **kwargs: Any):  # SyncReport
        return self.engine.sync(**kwargs)

    def close(self) -> None:
        self.engine.close()
        if self.store.is_open:
            self.store.close()

    def reopen(self) -> None:
        self.close()
        self.store = self.profile.open(PASSPHRASE)
        self.engine = SyncEngine(self.store, self.engine.transport_factory)


@dataclass
class World:
    """An organisation with teams A and B on the running service."""

    service: CentralService
    tmp_path: Path
    org_id: uuid.UUID
    team_a: uuid.UUID
    team_b: uuid.UUID
    devices: list[Device] = field(default_factory=list)
    prefix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def add_operator(self, name: str, teams: list[uuid.UUID], role: str = "operator") -> str:
        username = f"{self.prefix}-{name}"
        with self.service.admin() as session:
            operator = Operator(
                id=uuid.uuid4(),
                organisation_id=self.org_id,
                username=username,
                password_hash=security.hash_password(PASSWORD),
                role=role,
            )
            session.add(operator)
            session.flush()
            session.add_all(Membership(operator_id=operator.id, team_id=t) for t in teams)
        return username

    def device(self, username: str, server_url: str | None = None, **transport: Any) -> Device:
        """A new profile enrolled as `username` (through `server_url`, default the service)."""
        url = server_url or self.service.url
        profile = Profile.create(self.tmp_path / f"device-{len(self.devices)}", PASSPHRASE)
        store = profile.open(PASSPHRASE)
        enrol(profile, store, url, username, PASSWORD, device_name=f"laptop {len(self.devices)}")
        options = {"backoff_s": 0.01, "max_backoff_s": 0.05, **transport}
        engine = SyncEngine(store, lambda e: Transport(e.server_url, **options))
        device = Device(profile, store, engine, url)
        self.devices.append(device)
        return device

    def revoke(self, device: Device) -> None:
        device_id = device.profile.identity().device_id  # the service's id, recorded at enrolment
        with self.service.admin() as session:
            auth.revoke_device(session, device_id)

    def remove_from_team(self, username: str, team: uuid.UUID) -> None:
        with self.service.admin() as session:
            operator = session.query(Operator).filter_by(username=username).one()
            session.execute(delete(Membership).where(Membership.operator_id == operator.id, Membership.team_id == team))


def new_world(central_service: CentralService, tmp_path: Path) -> World:
    """A fresh organisation with teams A and B on the running service."""
    with central_service.admin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Org {uuid.uuid4().hex[:8]}")
        session.add(org)
        session.flush()
        team_a = Team(id=uuid.uuid4(), organisation_id=org.id, name="A")
        team_b = Team(id=uuid.uuid4(), organisation_id=org.id, name="B")
        session.add_all([team_a, team_b])
    return World(central_service, tmp_path, org.id, team_a.id, team_b.id)


@pytest.fixture()
def world(central_service: CentralService, tmp_path: Path) -> Iterator[World]:
    built = new_world(central_service, tmp_path)
    yield built
    for device in built.devices:
        device.close()
