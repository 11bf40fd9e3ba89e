"""Issue 23: past saturation a real service sheds syncs (503 + Retry-After), and a shed sync
applies nothing: the device retries the same device_seq and it applies once.

A real `prossimo-central serve` on loopback over a real PostgreSQL, with a deliberately tiny
queue limit ($PROSSIMO_SYNC_QUEUE_S), so any sync that waits behind another is shed.
Counts only, no timing.
"""

import subprocess
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text

from central import shedding
from central.db import make_engine
from tests import pg_server
from tests.central.http_devices import HttpDevice, add_operator, make_team
from tests.service_process import CENTRAL, clean_environment, running_service

DEVICES = 12


def test_concurrent_syncs_past_a_tiny_queue_limit_are_shed_and_apply_once_on_retry(
    postgres: pg_server.PostgresServer | None, tmp_path: Path
) -> None:
    if postgres is None:
        pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
    db = postgres.create_database(f"shed_{uuid.uuid4().hex[:12]}")
    key = str(tmp_path / "central.key")
    made = subprocess.run(
        [CENTRAL, "--db", db, "init", "--key-file", key], env=clean_environment(), capture_output=True, check=False
    )
    assert made.returncode == 0, made.stderr
    engine = make_engine(db)
    team = make_team(engine)
    add_operator(engine, team, "anna")
    env = {**clean_environment(), shedding.QUEUE_ENV: "0.000001"}
    try:
        with running_service(db, "--key-file", key, env=env) as service:
            devices = [HttpDevice.enrol(service.url, "anna", f"laptop {n}") for n in range(DEVICES)]
            devices[0].sync(service.url)  # one sync measured: the service now knows a sync's cost
            # Twelve syncs sent at once usually overlap in the server; when a round happens not
            # to (the scheduler may serialise the threads), the next round tries again.
            applied_before = 0
            for _round in range(5):
                batches = [[d.mutation("create", given_name=f"N{n}", team_id=str(team))] for n, d in enumerate(devices)]
                answers: list[Any] = [None] * DEVICES
                start = threading.Barrier(DEVICES)

                def send(
                    n: int, start: threading.Barrier = start, answers: list[Any] = answers, batches: Any = batches
                ) -> None:
                    start.wait()
                    answers[n] = requests.post(
                        f"{service.url}/v1/sync",
                        json={"cursor": None, "mutations": batches[n], "page_size": 100},
                        headers={"Authorization": f"Bearer {devices[n].token}"},
                        timeout=60,
                    )

                threads = [threading.Thread(target=send, args=(n,)) for n in range(DEVICES)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                shed = [n for n, a in enumerate(answers) if a.status_code == 503]
                assert {a.status_code for a in answers} <= {200, 503}
                with engine.connect() as connection:
                    stored = connection.execute(text("SELECT count(*) FROM record")).scalar_one()
                assert stored == applied_before + DEVICES - len(shed)  # nothing of a shed sync was applied
                if shed:
                    break
                applied_before = stored
            assert shed, [a.status_code for a in answers]
            for n in shed:
                assert int(answers[n].headers["Retry-After"]) >= 1
                assert answers[n].json()["error"] == "overloaded"
            for n in shed:  # the device retries the same batch, one at a time: each applies once
                body = devices[n].sync(service.url, *batches[n])
                assert [r["status"] for r in body["results"]] == ["applied"]
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT count(*) FROM record")).scalar_one()
            assert stored == applied_before + DEVICES
    finally:
        engine.dispose()
