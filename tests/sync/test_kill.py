"""SIGKILL a syncing client at random points; after a clean sync nothing is lost or doubled.

Each run: the device writes new contacts and edits an old one, a colleague's device
writes and syncs, then a child process syncs the device's profile and is killed at a
random moment of its sync (`tests/sync/sync_child.py`: small pages, many commits).
At the end one unkilled sync, then device, colleague and service must hold exactly
the same records, each once, with the device's last edits, every mutation applied once.
50 runs in the normal suite; `pytest --stress` runs 1,000.
"""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from central.models import StoredRecord
from tests.sync.test_faults import applied_count
from tests.sync_world import PASSPHRASE, World

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def child(profile_dir: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    env.update(PROSSIMO_PASSPHRASE=PASSPHRASE, PYTHONPATH=ROOT, PAGE_SIZE="5", PUSH_BATCH="4")
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.sync_child", profile_dir],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@dataclass
class Aim:
    """Where to kill: during round `round` (0-based), `delay_s` after the previous one ended."""

    round: int
    delay_s: float


def sync_in_child(profile_dir: str, aim: Aim | None) -> tuple[str, int, float]:
    """Run one child sync, killed as aimed (None: let it finish).

    Aiming by the child's ROUND lines instead of by wall-clock keeps the kills inside
    the sync even when a busy machine delays the child's start. Returns the outcome,
    and for a finished sync its rounds and the seconds from READY to DONE."""
    process = child(profile_dir)
    assert process.stdout.readline().strip() == "READY", process.stderr.read()
    ready = time.monotonic()
    if aim is None:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        return "done", out.count("ROUND"), time.monotonic() - ready
    for _ in range(aim.round):
        if not process.stdout.readline().startswith("ROUND"):
            break
    time.sleep(aim.delay_s)
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=30)
    return ("finished" if "DONE" in out else "killed"), 0, 0.0


def server_state(world: World) -> dict[str, dict]:
    import json

    with world.service.admin() as session:
        rows = session.execute(
            select(StoredRecord.id, StoredRecord.body).where(
                StoredRecord.team_id == world.team_a, StoredRecord.entity == "contact"
            )
        ).all()
    return {str(record_id): json.loads(body) for record_id, body in rows}


def kill_runs(world: World, kills: int, seed: int, most_runs: int) -> Counter:
    """Runs until `kills` syncs were killed inside (at most `most_runs` runs; the caller checks the
    count). Counting kills, not runs: how many aims land inside a sync depends on how busy the
    machine is (the aim is timed on a warm-up sync), and a test must not depend on that."""
    rng = random.Random(seed)
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    colleague = world.device(world.add_operator("bruno", [world.team_a]))
    profile_dir = str(laptop.profile.directory)
    laptop.engine.close()  # the store stays open here; only child processes sync this profile
    store = laptop.store
    last_edit: dict[str, str] = {}
    mutations = 0
    outcomes: Counter = Counter()

    # How long one sync of a run's worth of work takes, to aim the kills inside it.
    store.call(lambda s: s.contacts.create_many([{"given_name": f"warm-{n}"} for n in range(12)]))
    mutations += 12
    _, rounds, took = sync_in_child(profile_dir, None)
    round_s = took / max(1, rounds)

    run = -1
    while outcomes["killed"] < kills and run + 1 < most_runs:
        run += 1
        created = store.call(
            lambda s, r=run: [
                c.id for c in s.contacts.create_many([{"given_name": f"A{r}-{n}"} for n in range(rng.randint(1, 12))])
            ]
        )
        mutations += len(created)
        known = store.call(lambda s: [c.id for c in s.contacts.page(limit=10_000).records])
        target = rng.choice(known)
        before = store.call(lambda s, t=target: s.replica.pending_count())
        store.call(lambda s, t=target, r=run: s.contacts.update(t, municipality=f"Run {r}"))
        if store.call(lambda s: s.replica.pending_count()) > before:
            mutations += 1
        last_edit[str(target)] = f"Run {run}"
        colleague.store.call(
            lambda s, r=run: s.contacts.create_many([{"given_name": f"B{r}-{n}"} for n in range(rng.randint(5, 15))])
        )
        colleague.sync()
        # A run pushes 2-13 mutations (batches of 4) and pulls 7-28 records (pages of 5): 2 to 6 rounds.
        aim = Aim(round=rng.randint(0, 3), delay_s=rng.uniform(0, round_s))
        outcomes[sync_in_child(profile_dir, aim)[0]] += 1

    sync_in_child(profile_dir, None)
    colleague.sync()

    on_server = server_state(world)
    local = store.call(lambda s: {str(c.id): c.model_dump(mode="json") for c in s.contacts.page(limit=100_000).records})
    theirs = colleague.store.call(lambda s: {str(c.id) for c in s.contacts.page(limit=100_000).records})
    names = Counter(record["given_name"] for record in on_server.values())
    assert max(names.values()) == 1, "a record was duplicated on the service"
    assert set(local) == set(on_server) == theirs, "device, colleague and service differ"
    assert local == on_server, "a device's copy differs from the service's"
    for record_id, municipality in last_edit.items():
        assert on_server[record_id]["municipality"] == municipality, "a device's last edit was lost"
    assert store.call(lambda s: (s.outbox.count(), len(s.replica.rejected_mutations()))) == (0, 0)
    assert applied_count(world, laptop) == mutations, "a mutation was lost or applied twice"
    return outcomes


def test_kill_9_during_sync_loses_and_duplicates_nothing(world: World) -> None:
    outcomes = kill_runs(world, kills=25, seed=2026, most_runs=150)
    print(f"kill outcomes: {dict(outcomes)}")
    assert outcomes["killed"] >= 25, outcomes  # the kills really landed inside syncs


@pytest.mark.stress
def test_kill_9_stress(world: World) -> None:
    outcomes = kill_runs(world, kills=500, seed=1, most_runs=3_000)
    assert outcomes["killed"] >= 500, outcomes
