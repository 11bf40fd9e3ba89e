"""Deployment defaults of the central service (issue 13 items 3, 8 and 10, service side):
forwarded headers trusted only from listed proxies, rate-limit keys an HMAC under a key kept
outside the database, expiring rate rows, and 0600 files in 0700 folders whatever the umask.

Real processes and files: `prossimo-central serve` on loopback, SQLite files in tmp folders.
"""

import datetime as dt
import hashlib
import ipaddress
import os
import stat
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from central import keyfile
from central.db import default_url, make_engine, session_factory, upgrade
from central.intake import RATE_LIMIT
from central.models import IntakeRate, Organisation, ServiceSetting, Team
from tests.central.conftest import World
from tests.service_process import CENTRAL, clean_environment, running_service


def _run(*args: str, umask: int | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CENTRAL, *args],
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def _submission(team_id: uuid.UUID | str) -> dict:
    return {
        "team_id": str(team_id),
        "kind": "first_contact",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 765 4321",
        "language": "it",
        "consent_to_contact": True,
    }


@pytest.fixture()
def team_db(tmp_path: Path) -> tuple[str, uuid.UUID]:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name="Cooperativa")
        team = Team(id=uuid.uuid4(), organisation_id=org.id, name="Strada")
        session.add(org)
        session.flush()
        session.add(team)
    engine.dispose()
    return url, team.id


@contextmanager
def _serve(db: str, *extra: str) -> Iterator[str]:
    with running_service(db, *extra, env=clean_environment(), stderr_pipe=True) as service:
        yield service.url


# --- item 3: forwarded headers ------------------------------------------------------------------


def test_forwarded_for_from_loopback_cannot_bypass_the_rate_limit(team_db: tuple[str, uuid.UUID]) -> None:
    """Issue 13 item 3: by default `serve` trusts no forwarded headers, so rotating
    X-Forwarded-For values from 127.0.0.1 all land in 127.0.0.1's bucket."""
    db, team = team_db
    with _serve(db) as base:
        statuses = [
            requests.post(
                f"{base}/v1/intake", json=_submission(team), timeout=10, headers={"X-Forwarded-For": f"198.51.100.{n}"}
            ).status_code
            for n in range(RATE_LIMIT + 2)
        ]
    assert statuses == [202] * RATE_LIMIT + [429, 429]


def test_forwarded_for_is_honoured_from_a_listed_proxy(team_db: tuple[str, uuid.UUID]) -> None:
    """Issue 13 item 3: with `--forwarded-allow-ips 127.0.0.1` the proxy's X-Forwarded-For names
    the client: every forwarded address has its own bucket."""
    db, team = team_db
    with _serve(db, "--forwarded-allow-ips", "127.0.0.1") as base:
        rotating = [
            requests.post(
                f"{base}/v1/intake", json=_submission(team), timeout=10, headers={"X-Forwarded-For": f"198.51.100.{n}"}
            ).status_code
            for n in range(RATE_LIMIT + 2)
        ]
        same = [
            requests.post(
                f"{base}/v1/intake", json=_submission(team), timeout=10, headers={"X-Forwarded-For": "192.0.2.1"}
            ).status_code
            for _ in range(RATE_LIMIT + 1)
        ]
    assert rotating == [202] * (RATE_LIMIT + 2)
    assert same == [202] * RATE_LIMIT + [429]


def test_forwarded_allow_ips_must_be_addresses(team_db: tuple[str, uuid.UUID]) -> None:
    """Issue 13 item 3: a value that is not an address or network is a usage error naming the rule."""
    db, _ = team_db
    for value in ("*", "proxy.example", "10.0.0.0/33"):
        refused = _run("--db", db, "serve", "--forwarded-allow-ips", value)
        assert refused.returncode == 2 and "--forwarded-allow-ips" in refused.stderr, refused.stderr


# --- item 8: address hashes --------------------------------------------------------------------


def _brute_force(engine, network: str) -> set[str]:
    """The attack of issue 13 item 8: hash every address of a /16 with every value the database
    holds (the old design kept the salt in service_setting) and keep those that match a row."""
    with session_factory(engine)() as session:
        hashes = set(session.execute(select(IntakeRate.address_hash)).scalars())
        salts = [b""] + [
            bytes.fromhex(v) if all(c in "0123456789abcdef" for c in v) else v.encode()
            for v in session.execute(select(ServiceSetting.value)).scalars()
        ]
    found = set()
    for address in ipaddress.ip_network(network).hosts():
        text = str(address).encode()
        for salt in salts:
            if hashlib.sha256(salt + text).hexdigest() in hashes:
                found.add(str(address))
    return found


def test_the_database_alone_does_not_reveal_intake_addresses(world: World) -> None:
    """Issue 13 item 8: with the database and without the service's key file, hashing every
    IPv4 of the client's /16 with the database's values recovers nothing."""
    assert world.client.post("/v1/intake", json=_submission(world.team_a)).status_code == 202
    assert _brute_force(world.engine, "203.0.0.0/16") == set()
    with session_factory(world.engine)() as session:
        assert session.get(ServiceSetting, "address_salt") is None


def test_expired_rate_rows_are_purged(world: World) -> None:
    """Issue 13 item 8: a rate row whose window has passed is deleted by the next write."""
    assert world.client.post("/v1/intake", json=_submission(world.team_a)).status_code == 202
    with session_factory(world.engine).begin() as session:
        (old_key,) = session.execute(select(IntakeRate.address_hash)).scalars()
        session.execute(update(IntakeRate).values(window_start=IntakeRate.window_start - dt.timedelta(hours=2)))
    other = TestClient(world.client.app, client=("192.0.2.44", 50000))
    assert other.post("/v1/intake", json=_submission(world.team_a)).status_code == 202
    with session_factory(world.engine)() as session:
        keys = set(session.execute(select(IntakeRate.address_hash)).scalars())
    assert len(keys) == 1 and old_key not in keys


def test_key_file_is_made_once_private_and_must_match_the_database(
    team_db: tuple[str, uuid.UUID], tmp_path: Path
) -> None:
    """Issue 13 item 8: `init` makes the key file (0600) beside the SQLite file; a process given
    another key file refuses to start rather than split the counters; a key readable by others
    is refused; `init --new-key` replaces a lost key."""
    db, _ = team_db
    assert _run("--db", db, "init").returncode == 0
    key = tmp_path / "central.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_bytes()
    assert _run("--db", db, "init").returncode == 0 and key.read_bytes() == first  # made once
    missing = _run("--db", db, "init", "--key-file", str(tmp_path / "missing.key"))
    assert missing.returncode == 2 and "does not exist, and this database already has a key" in missing.stderr
    other = tmp_path / "other.key"
    other.write_text("ab" * 32)
    other.chmod(0o600)
    wrong = _run("--db", db, "serve", "--port", "9", "--key-file", str(other))
    assert wrong.returncode == 2 and "not this deployment's key" in wrong.stderr, wrong.stderr
    key.chmod(0o640)
    loose = _run("--db", db, "serve", "--port", "9")
    assert loose.returncode == 2 and "readable by others" in loose.stderr and "chmod 600" in loose.stderr
    key.chmod(0o600)
    assert _run("--db", db, "init", "--key-file", str(other), "--new-key").returncode == 0
    assert other.read_text().strip() != "ab" * 32 and _mode(other) == 0o600
    assert _run("--db", db, "init", "--key-file", str(other)).returncode == 0
    assert _run("--db", db, "init").returncode == 2  # the old key is no longer this deployment's
    assert first.hex() not in Path(db.removeprefix("sqlite:///")).read_bytes().hex()


# --- item 10: file modes -----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_default_database_key_and_folder_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    """Issue 13 item 10: `init` with no --db makes the data folder 0700 and the database and
    key file 0600 under umask 022 and 000."""
    data = tmp_path / "xdg"
    made = _run("init", umask=umask, XDG_DATA_HOME=str(data))
    assert made.returncode == 0, made.stderr
    folder = data / "Prossimo Central"
    assert _mode(folder) == 0o700
    # central.db.lock: the service lock's file (central.service_lock), private like the rest
    assert {p.name: _mode(p) for p in folder.iterdir()} == {
        "central.db": 0o600,
        "central.db.lock": 0o600,
        "central.key": 0o600,
    }


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_wal_and_shm_are_private_while_the_service_runs(tmp_path: Path, umask: int) -> None:
    """Issue 13 item 10: the -wal and -shm files SQLite makes next to the database are 0600 too,
    and a --db folder that did not exist is made 0700."""
    previous = os.umask(umask)
    try:
        engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'central.db'}")
        upgrade(engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM counter").all()
            names = {p.name: _mode(p) for p in (tmp_path / "new").iterdir()}
        engine.dispose()
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "new") == 0o700
    assert names == {"central.db": 0o600, "central.db-wal": 0o600, "central.db-shm": 0o600}


def test_an_existing_prossimo_folder_is_tightened_but_not_someone_elses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13 item 10: the default data folder (ours by name) made 0755 by an older version is
    tightened to 0700 with its database to 0600; the existing parent folder of a --db path is
    left as it is (it may hold other things), though the new database in it is still 0600."""
    data = tmp_path / "xdg"
    folder = data / "Prossimo Central"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "central.db").touch()
    (folder / "central.db").chmod(0o644)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("PROSSIMO_CENTRAL_DB", raising=False)
    make_engine(default_url()).dispose()
    assert _mode(folder) == 0o700 and _mode(folder / "central.db") == 0o600

    shared = tmp_path / "srv"
    shared.mkdir()
    shared.chmod(0o755)
    (shared / "other-app.conf").write_text("not ours")
    (shared / "other-app.conf").chmod(0o644)
    engine = make_engine(f"sqlite:///{shared / 'central.db'}")
    upgrade(engine)
    engine.dispose()
    assert _mode(shared) == 0o755 and _mode(shared / "central.db") == 0o600
    assert _mode(shared / "other-app.conf") == 0o644  # untouched


def test_keyfile_module_reads_what_it_wrote(tmp_path: Path) -> None:
    """Issue 13 item 8: the key file holds 32 random bytes, made 0600 whatever the umask."""
    previous = os.umask(0)
    try:
        key = keyfile.load_or_create(tmp_path / "k" / "central.key")
    finally:
        os.umask(previous)
    assert len(key) == 32 and keyfile.load_or_create(tmp_path / "k" / "central.key") == key
    assert _mode(tmp_path / "k" / "central.key") == 0o600 and _mode(tmp_path / "k") == 0o700
