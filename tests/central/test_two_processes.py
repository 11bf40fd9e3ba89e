"""Issue 16 item 9: two `prossimo-central serve` processes on two ports over one PostgreSQL
serve the same devices correctly.

Real processes (tests/service_process.py) on one real PostgreSQL (tests/pg_server.py), one
shared key file, devices speaking HTTP. Each step goes through one port and the next
through the other: a push on one is pulled on the other, a cursor made by one process is
used on the other, an edit raced through both at once makes exactly one conflict, parallel
writers through both lose and repeat nothing, the change numbers are unique across both
processes, the audit chain stays whole, and the throttles (kept in the database) count
across both.
"""

import subprocess
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, text

from central.db import make_engine
from central.intake import RATE_LIMIT
from tests import pg_server
from tests.central.http_devices import HttpDevice, add_operator, make_team
from tests.service_process import CENTRAL, clean_environment, running_service

WRITERS_BATCHES = 6
BATCH = 5


@dataclass
class TwoProcesses:
    db: str
    engine: Engine
    team: uuid.UUID
    ports: tuple[str, str]  # the two processes' URLs


@pytest.fixture()
def two(postgres: pg_server.PostgresServer | None, tmp_path: Path) -> Iterator[TwoProcesses]:
    if postgres is None:
        pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
    db = postgres.create_database(f"two_{uuid.uuid4().hex[:12]}")
    key = str(tmp_path / "central.key")  # every API process of a deployment reads the same key file
    made = subprocess.run(
        [CENTRAL, "--db", db, "init", "--key-file", key],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    engine = make_engine(db)
    team = make_team(engine)
    for name in ("anna", "bruno", "carla"):
        add_operator(engine, team, name)
    try:
        with (
            running_service(db, "--key-file", key, env=clean_environment()) as first,
            running_service(db, "--key-file", key, env=clean_environment()) as second,
        ):
            assert first.port != second.port and first.process.pid != second.process.pid
            yield TwoProcesses(db, engine, team, (first.url, second.url))
    finally:
        engine.dispose()


def _record(changes: list[dict[str, Any]], record_id: str) -> dict[str, Any]:
    return next(c for c in changes if c["record"]["id"] == record_id)


def test_devices_sync_through_both_processes_alternately(two: TwoProcesses) -> None:
    one, other = two.ports
    anna, bruno = HttpDevice.enrol(one, "anna"), HttpDevice.enrol(other, "bruno")

    # Anna pushes through process 1; Bruno pulls it through process 2.
    contact = anna.mutation("create", given_name="Giulia", municipality="Lodi")
    assert anna.sync(one, contact)["results"][0]["status"] == "applied"
    pulled = _record(bruno.pull_all(other), contact["record_id"])
    assert pulled["record"]["municipality"] == "Lodi"

    # Bruno edits through process 2; Anna pulls the edit through process 1.
    edit = bruno.mutation("update", contact["record_id"], pulled["version"], phone="+39 333 1111111")
    edited = bruno.sync(other, edit)["results"][0]
    assert edited["status"] == "applied" and edited["server_version"] > pulled["version"]
    seen = _record(anna.pull_all(one), contact["record_id"])
    assert (seen["version"], seen["record"]["phone"]) == (edited["server_version"], "+39 333 1111111")

    # Both change the same field from the same version at once, one through each process.
    base = seen["version"]
    start = threading.Barrier(2)
    raced: dict[str, Any] = {}

    def race(name: str, device: HttpDevice, url: str, value: str) -> None:
        mutation = device.mutation("update", contact["record_id"], base, municipality=value)
        start.wait()
        raced[name] = device.sync(url, mutation)["results"][0]

    threads = [
        threading.Thread(target=race, args=("anna", anna, one, "Cesena")),
        threading.Thread(target=race, args=("bruno", bruno, other, "Forlì")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert {r["status"] for r in raced.values()} == {"applied"}
    assert sorted(len(r["conflicts"]) for r in raced.values()) == [0, 1]  # detected once, by whichever came second
    winner = "bruno" if raced["anna"]["conflicts"] else "anna"
    kept = {"anna": "Cesena", "bruno": "Forlì"}[winner]

    # Each device pulls everything again through the other process: the same record, the one conflict.
    for device, url in ((anna, other), (bruno, one)):
        device.cursor = None
        changes = device.pull_all(url)
        assert len({c["record"]["id"] for c in changes}) == len(changes) == 2
        assert _record(changes, contact["record_id"])["record"]["municipality"] == kept
        conflicts = [c for c in changes if c["entity"] == "conflict"]
        assert len(conflicts) == 1 and conflicts[0]["record"]["kept_value"] == kept
    with two.engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM record WHERE entity = 'conflict'")).scalar_one()
    assert stored == 1


def test_parallel_writers_through_both_processes_lose_and_repeat_nothing(two: TwoProcesses) -> None:
    one, other = two.ports
    writers = [HttpDevice.enrol(one, "anna", "laptop"), HttpDevice.enrol(other, "bruno", "laptop")]
    reader = HttpDevice.enrol(one, "carla")
    written: list[str] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def write(index: int, device: HttpDevice) -> None:
        try:
            for batch in range(WRITERS_BATCHES):
                url = two.ports[(index + batch) % 2]  # each writer alternates processes too
                mutations = [device.mutation("create", given_name=f"W{index}") for _ in range(BATCH)]
                results = device.sync(url, *mutations)["results"]
                assert [r["status"] for r in results] == ["applied"] * BATCH
                with lock:
                    written.extend(m["record_id"] for m in mutations)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=pair) for pair in enumerate(writers)]
    for thread in threads:
        thread.start()
    seen: list[str] = []
    page = 0
    while any(thread.is_alive() for thread in threads):  # pull while they write, a page per process in turn
        seen.extend(c["record"]["id"] for c in _page(reader, two.ports[page % 2]))
        page += 1
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    for _ in range(50):
        changes = _page(reader, two.ports[page % 2])
        page += 1
        seen.extend(c["record"]["id"] for c in changes)
        if not changes:
            break
    assert len(written) == 2 * WRITERS_BATCHES * BATCH
    assert len(seen) == len(set(seen)), "a change was pulled twice"
    assert set(seen) == set(written), "a change was lost"

    with two.engine.connect() as connection:
        versions = connection.execute(text("SELECT version FROM record")).scalars().all()
        counter = connection.execute(text("SELECT value FROM counter WHERE name = 'change_seq'")).scalar_one()
        entries, low, high = connection.execute(text("SELECT count(*), min(seq), max(seq) FROM audit_entry")).one()
    assert len(versions) == len(set(versions)) == len(written)  # one number each, across both processes
    assert max(versions) <= counter
    assert high - low + 1 == entries  # the audit numbers too: no gap, none twice (seq is the key)
    verified = subprocess.run(
        [CENTRAL, "--db", two.db, "audit", "verify"],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr  # one hash chain, written by both


def _page(device: HttpDevice, url: str) -> list[dict[str, Any]]:
    answer = requests.post(
        f"{url}/v1/sync",
        json={"cursor": device.cursor, "mutations": [], "page_size": 7},  # small pages: many cursors
        headers={"Authorization": f"Bearer {device.token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    device.cursor = answer.json()["cursor"]
    return answer.json()["changes"]


def test_the_throttles_count_across_both_processes(two: TwoProcesses) -> None:
    """The intake rate limit lives in the database: submissions alternating between the two
    processes share one count, so the limit is the same as with one process."""
    submission = {
        "team_id": str(two.team),
        "kind": "first_contact",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 765 4321",
        "language": "it",
        "consent_to_contact": True,
    }
    statuses = [
        requests.post(f"{two.ports[n % 2]}/v1/intake", json=submission, timeout=30).status_code
        for n in range(RATE_LIMIT + 2)
    ]
    assert statuses == [202] * RATE_LIMIT + [429, 429]
