"""Street outreach benchmark (issue 18, "Performance"): recording an encounter with a year of shifts
in the store, and a shift of 200 encounters synced.

1. An encrypted SQLCipher store holds a year of the demo team's outreach (protocol.demo_outreach,
   365 days, its encounters per shift scaled to about --encounters in all), written through the
   store's repositories. Then, --runs times, a new shift is started and --record encounters are
   recorded on it through `outreach_queries.record_encounter` (the function the shift screen and
   `prossimo shift encounter` call, which flags stock discrepancies from the indexed sums), each
   followed by `shift_summary` (the counters the screen shows), both through the store's worker
   thread as the UI submits them. Timed from the call to the counters re-read; p50/p95/max per
   run and over all runs. Target: p95 <= 50 ms.
2. The real central service (`prossimo-central serve`, SQLite, loopback) and a freshly enrolled
   device: the device records a shift of 200 encounters offline, then syncs once. Prints the
   requests that sync made (target: one), what it pushed and the bytes on the wire.

Never asserts (tests/sync/test_outreach_bench.py runs both parts small and asserts the counts).

    .venv/bin/python bench/outreach_bench.py [--encounters 50000] [--record 200] [--runs 3]
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sync_bench import PASSPHRASE, PASSWORD, seed, stored_row
from tests.service_process import running_service

TARGET_P95_MS = 50.0
PER_YEAR_AT_SCALE_1 = 5_100  # about what protocol.demo_outreach makes in 365 days at scale 1
END = dt.date(2026, 12, 1)


def load(session: Any, records: list[Any], teams: list[uuid.UUID]) -> dict[str, int]:
    """Write demo records through the store's repositories (which give their own ids: the
    references are mapped to them), entity by entity in the order the generator made them."""
    repos = {
        "supply_item": session.supply_items,
        "spot": session.spots,
        "shift": session.shifts,
        "encounter": session.encounters,
        "stock_movement": session.stock_movements,
    }
    ids: dict[uuid.UUID, uuid.UUID] = {}

    def mapped(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return ids.get(value, value)
        if isinstance(value, list):
            return [mapped(v) for v in value]
        if isinstance(value, dict):
            return {k: mapped(v) for k, v in value.items()}
        return value

    counts: dict[str, int] = {}
    for entity, repo in repos.items():
        batch = [r for r in records if r.entity == entity]
        rows = []
        for record in batch:
            fields = mapped(record.fields)
            if entity != "supply_item":
                fields["team_id"] = teams[record.team]
            if record.other_team is not None:
                fields["other_team_id"] = teams[record.other_team]
            rows.append(fields)
        for start in range(0, len(rows), 5_000):
            made = repo.create_many(rows[start : start + 5_000])
            for record, stored in zip(batch[start : start + 5_000], made, strict=True):
                ids[record.id] = stored.id
        counts[entity] = len(rows)
    return counts


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def year_store(folder: Path, encounters: int) -> tuple[Any, uuid.UUID, dict[str, uuid.UUID], dict[str, int]]:
    """An open store worker with a year of one team's outreach (and a second team's side of a move)."""
    from desktop.store.keys import NoKeyring
    from desktop.store.profile import Profile
    from protocol import demo_outreach

    profile = Profile.create(folder / "year", PASSPHRASE, vault=NoKeyring())
    worker = profile.open(PASSPHRASE)
    teams = [uuid.uuid4(), uuid.uuid4()]
    records, _ = demo_outreach.month(
        END,
        [uuid.uuid4(), uuid.uuid4()],
        b"bench key of 32 bytes, invented"[:32].ljust(32, b"."),
        days=365,
        scale=encounters / PER_YEAR_AT_SCALE_1,
    )

    def fill(session: Any) -> tuple[dict[str, int], dict[str, uuid.UUID]]:
        counts = load(session, records, teams)
        items = {item.name_en: item.id for item in session.supply_items.page(limit=100).records}
        return counts, items

    counts, items = worker.call(fill)
    return worker, teams[0], items, counts


def record_runs(worker: Any, team: uuid.UUID, items: dict[str, uuid.UUID], record: int, runs: int) -> list[list[float]]:
    """Milliseconds from the call to the counters re-read, per encounter, per run."""
    from desktop.store import outreach_queries as oq

    syringes, water, swabs = items["Insulin syringes 1 ml"], items["Sterile water vials"], items["Alcohol swabs"]
    results = []
    for run in range(runs):
        shift = worker.call(
            lambda s: s.shifts.create(
                team_id=team, member_ids=[uuid.uuid4()], municipalities=["Lodi"], started_at=dt.datetime.now(dt.UTC)
            )
        )
        times = []
        for k in range(record):
            given = [{"item_id": i, "quantity": 4} for i in (syringes, water, swabs)] if k % 2 == 0 else []

            def one(
                session: Any, given: list[dict[str, Any]] = given, k: int = k, shift_id: uuid.UUID = shift.id
            ) -> int:
                oq.record_encounter(session, shift_id, given=given, age_band="25_34" if k % 3 == 0 else None)
                return oq.shift_summary(session, shift_id).encounters

            start = time.perf_counter()
            counted = worker.call(one)
            times.append((time.perf_counter() - start) * 1000)
            if counted != k + 1:
                raise RuntimeError(f"run {run}: the counters say {counted} encounters after {k + 1}")
        results.append(times)
    return results


def sync_shift(server: str, user: str, folder: Path, encounters: int = 200) -> dict[str, Any]:
    """A freshly enrolled device records one shift of `encounters` offline, then syncs once."""
    from desktop.store import outreach_queries as oq
    from desktop.store.keys import NoKeyring
    from desktop.store.profile import Profile
    from desktop.sync.engine import SyncEngine, enrol

    profile = Profile.create(folder / "field", PASSPHRASE, vault=NoKeyring())
    worker = profile.open(PASSPHRASE)
    enrol(profile, worker, server, user, PASSWORD, device_name="outreach bench")
    worker.close()
    worker = Profile(profile.directory, NoKeyring()).open(PASSPHRASE)  # stamped with the enrolled ids
    engine = SyncEngine(worker)
    try:
        engine.sync()  # the supply items and the team arrive; not measured
        at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=4)

        def shift(session: Any) -> uuid.UUID:
            team = uuid.UUID(session.replica.enrolment().teams[0]["id"])
            item = session.supply_items.page(limit=1).records[0].id
            started = oq.start_shift(session, team, "Lodi", at=at)
            for k in range(encounters):
                oq.record_encounter(
                    session, started.id, at=at + dt.timedelta(seconds=40 * k), given=[{"item_id": item, "quantity": 2}]
                )
            oq.end_shift(session, started.id, at=at + dt.timedelta(hours=3))
            return started.id

        worker.call(shift)
        start = time.perf_counter()
        report = engine.sync()
        seconds = time.perf_counter() - start
        return {**report.as_dict(), "seconds": seconds}
    finally:
        engine.close()
        worker.close()


def seed_items(db_url: str, user: str) -> None:
    """One supply item of the organisation, as a synced one is stored (the bench's operators may
    not define items: team leads do), so the shift's encounters give something out."""
    from sqlalchemy import insert, select, text

    from central.db import make_engine
    from central.models import Operator, StoredRecord
    from protocol import SupplyItem, new_id

    engine = make_engine(db_url)
    with engine.begin() as conn:
        org = conn.execute(select(Operator.organisation_id).where(Operator.username == user)).scalar_one()
        version = conn.execute(text("UPDATE counter SET value = value + 1 WHERE name = 'change_seq' RETURNING value"))
        number = version.scalar_one()
        now = dt.datetime.now(dt.UTC)
        item = SupplyItem(
            id=new_id(),
            created_at=now,
            updated_at=now,
            author_device_id=uuid.uuid4(),
            server_version=number,
            name_it="Siringhe",
            name_en="Syringes",
            name_fi="Ruiskut",
            unit="pezzo",
            kind="harm_reduction",
        )
        # The organisation's, like the directory: no team, no contact.
        conn.execute(insert(StoredRecord), [stored_row(item, org, None, None, number)])  # type: ignore[arg-type]
    engine.dispose()


def sync_part(folder: Path, encounters: int = 200) -> dict[str, Any]:
    db_url = f"sqlite:///{folder / 'central.db'}"
    user, _ = seed(db_url, 0)
    seed_items(db_url, user)
    with running_service(db_url) as service:
        return sync_shift(service.url, user, folder, encounters)


def _row(label: str, times: list[float]) -> str:
    p50, p95 = statistics.median(times), _percentile(times, 0.95)
    return f"| {label} | {len(times)} | {p50:.1f} | {p95:.1f} | {max(times):.1f} |"


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encounters", type=int, default=50_000, help="about how many encounters the year holds")
    parser.add_argument("--record", type=int, default=200, help="encounters recorded per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sync-shift", type=int, default=200, help="encounters of the synced shift")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    folder = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    start = time.perf_counter()
    worker, team, items, counts = year_store(folder, args.encounters)
    loaded = time.perf_counter() - start
    try:
        runs = record_runs(worker, team, items, args.record, args.runs)
    finally:
        worker.close()
    out(
        f"\nRecording an encounter with a year in the store: {counts['encounter']:,} encounters on "
        f"{counts['shift']:,} shifts, {counts['stock_movement']:,} ledger movements, {counts['spot']} spots "
        f"(loaded in {loaded:.0f} s); record_encounter + shift_summary through the store worker\n"
    )
    out("| run | encounters | p50 ms | p95 ms | max ms |")
    out("| --- | ---: | ---: | ---: | ---: |")
    for number, times in enumerate(runs, start=1):
        out(_row(str(number), times))
    every = [t for times in runs for t in times]
    out(_row("all", every))
    p95 = _percentile(every, 0.95)
    out(f"\np95 {p95:.1f} ms: {'met' if p95 <= TARGET_P95_MS else 'NOT met'} (target <= {TARGET_P95_MS:.0f} ms)")
    synced = sync_part(folder, args.sync_shift)
    out(
        f"\nA shift of {args.sync_shift} encounters synced: {synced['requests']} request(s), "
        f"{synced['pushed']} mutations pushed, {synced['rejected']} rejected, {synced['bytes_sent']:,} B sent, "
        f"{synced['bytes_received']:,} B received, {synced['seconds']:.2f} s "
        f"({'one request: met' if synced['requests'] == 1 else 'NOT one request'})"
    )


if __name__ == "__main__":
    main()
