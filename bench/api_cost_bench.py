"""The API's CPU per small sync, in process: where it goes, and what a change gains.

`bench/central_bench.py` measures the whole service under load, where the API's CPU per sync
moves with the machine's load and the load generator's; this one asks the app alone. It starts
a throwaway PostgreSQL with production settings (tests/pg_server.py, durable), builds the
central app (`central.app.create_app`) in this process and drives it over ASGI with no HTTP
server and no sockets: the same simulated devices as central_bench (`SimDevice`: 10 mutations
per sync, half creates and half edits, and a pull of the team's changes, gzip), one sync at a
time, as one API process runs them. It prints the process CPU per sync over each run, and with
`--profile` the share of that CPU by package (cProfile with a CPU clock; the profiler itself
about doubles the cost, so read the shares, not the milliseconds).

It also reads PostgreSQL's CPU per sync from /proc (every server process: backends, WAL writer,
checkpointer, autovacuum), which with one sync at a time no load generator disturbs.

What it leaves out: uvicorn and its HTTP parser (a few tenths of a millisecond per request in
the service). What it counts
beyond the app: the in-process driver (building each request, reading each answer), shown as
its own row with `--profile`. Never asserts.

    .venv/bin/python bench/api_cost_bench.py [--teams 4] [--devices-per-team 10] [--rounds 30] [--runs 3]
        [--profile [--profile-out FILE]]
"""

import argparse
import asyncio
import collections
import cProfile
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.central_bench import PASSWORD, enrol_all, postmaster_pid, tree_cpu, unpack
from central import security
from central.app import create_app
from central.db import make_engine, session_factory, upgrade
from central.models import Membership, Operator, Organisation, Team
from tests import pg_server

WARM_ROUNDS = 5  # every device syncs this often before the count starts (prepared statements, caches)


class AsgiConnection:
    """central_bench's `Connection` interface (post, headers, close) over the app in this process."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers: dict[str, str] = {}

    async def close(self) -> None:
        return None

    async def post(
        self, path: str, body: bytes, token: str | None = None, forwarded_for: str | None = None
    ) -> tuple[int, bytes]:
        headers = [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"accept-encoding", b"gzip"),
            (b"content-length", str(len(body)).encode()),
        ]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        client = (forwarded_for or "127.0.0.1", 50000)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": client,
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop()
            await asyncio.Event().wait()  # the app never reads past the body; a disconnect never comes
            raise AssertionError("unreachable")

        status, answer, answer_headers = 0, bytearray(), {}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                answer_headers.update((k.decode().lower(), v.decode()) for k, v in message.get("headers", []))
            elif message["type"] == "http.response.body":
                answer.extend(message.get("body", b""))

        await self.app(scope, receive, send)
        self.headers = answer_headers
        data = bytes(answer)
        if answer_headers.get("content-encoding") == "gzip":
            data = unpack(data)
        return status, data


def seed(engine: Any, teams: int) -> list[str]:
    """An organisation with `teams` teams and one operator op{n} in each; the team ids."""
    ids = []
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name="Bench")
        session.add(org)
        session.flush()
        hashed = security.hash_password(PASSWORD)
        for number in range(teams):
            team = Team(id=uuid.uuid4(), organisation_id=org.id, name=f"T{number}")
            operator = Operator(
                id=uuid.uuid4(), organisation_id=org.id, username=f"op{number}", password_hash=hashed, role="operator"
            )
            session.add_all([team, operator])
            session.flush()
            session.add(Membership(operator_id=operator.id, team_id=team.id))
            ids.append(str(team.id))
    return ids


async def one_run(
    url: str, args: argparse.Namespace, postmaster: int | None
) -> tuple[float, float | None, int, float, pstats.Stats | None]:
    """(API CPU ms per sync, PostgreSQL CPU ms per sync or None, syncs counted, changes pulled per
    sync, the profile or None). PostgreSQL's CPU is every server process's (backends, WAL writer,
    checkpointer, autovacuum) over the counted rounds, read from /proc: one sync at a time, so
    nothing else runs on it."""
    engine = make_engine(url)
    upgrade(engine)
    app = create_app(engine, sync_queue_s=3600.0)  # one sync at a time: nothing is ever queued
    teams = seed(engine, args.teams)
    devices = await enrol_all(lambda: AsgiConnection(app), args.teams * args.devices_per_team, teams, 10)
    for _ in range(WARM_ROUNDS):
        for device in devices:
            await device.sync()
    profile = cProfile.Profile(time.process_time) if args.profile else None
    pulled = 0
    pg_started = tree_cpu(postmaster)
    started = time.process_time()
    if profile:
        profile.enable()
    for _ in range(args.rounds):
        for device in devices:
            await device.sync()
            pulled += device.last_pulled
    if profile:
        profile.disable()
    spent = time.process_time() - started
    pg_ended = tree_cpu(postmaster)
    engine.dispose()
    syncs = args.rounds * len(devices)
    pg_ms = 1000 * (pg_ended - pg_started) / syncs if pg_started is not None and pg_ended is not None else None
    return 1000 * spent / syncs, pg_ms, syncs, pulled / syncs, pstats.Stats(profile) if profile else None


def shares(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Self CPU by package (the app's own modules one by one), largest first, as fractions."""
    by: collections.Counter[str] = collections.Counter()
    for (filename, _, name), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        path = filename.replace("\\", "/")
        if "/bench/" in path:
            key = "driver (bench: building requests, reading answers)"
        elif "/site-packages/" in path:
            key = path.split("/site-packages/")[1].split("/")[0]
        elif "/central/" in path or "/protocol/" in path:
            key = path[path.rindex("/central/") + 1 :] if "/central/" in path else "protocol"
        elif filename == "~":
            key = "C built-ins (" + name.split(" of ")[0].strip("<>").replace("method ", "")[:40] + ")"
        else:
            key = "standard library: " + path.rsplit("/", 1)[-1]
        by[key] += own
    total = sum(by.values()) or 1.0
    return [(key, value / total) for key, value in by.most_common()]


def in_app(stats: pstats.Stats) -> float:
    """The share of the profiled CPU spent in the app: the cumulative time of FastAPI's __call__."""
    table = stats.stats  # type: ignore[attr-defined]
    total = sum(own for (_, _, own, _, _) in table.values()) or 1.0
    inside = sum(
        cumulative
        for (filename, _, name), (_, _, _, cumulative, _) in table.items()
        if name == "__call__" and filename.replace("\\", "/").endswith("fastapi/applications.py")
    )
    return inside / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=4)
    parser.add_argument("--devices-per-team", type=int, default=10, help="each pulls its teammates' changes")
    parser.add_argument("--rounds", type=int, default=30, help="syncs per device counted, after the warm-up")
    parser.add_argument("--runs", type=int, default=3, help="runs, each from a fresh database")
    parser.add_argument("--profile", action="store_true", help="also print the CPU by package (slower)")
    parser.add_argument("--profile-out", type=Path, help="with --profile, also write the merged profile here (pstats)")
    args = parser.parse_args()
    reason = pg_server.skip_reason()
    if reason:
        raise SystemExit(reason)
    server = pg_server.PostgresServer(pg_server.find_pg_bin(), durable=True)
    server.start()
    try:
        postmaster = postmaster_pid(server)
        results = [asyncio.run(one_run(server.create_database(f"cost{n}"), args, postmaster)) for n in range(args.runs)]
    finally:
        server.stop()
    print(
        f"\nAPI CPU per sync, in process (no HTTP server): {args.teams} teams x {args.devices_per_team} devices, "
        f"10 mutations per sync + a pull, gzip; PostgreSQL with fsync, synchronous_commit, full_page_writes on; "
        f"{args.rounds} rounds after {WARM_ROUNDS} of warm-up, {args.runs} runs\n"
    )
    print("| run | syncs | changes pulled per sync | API CPU ms per sync | PostgreSQL CPU ms per sync |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for number, (ms, pg_ms, syncs, pulled, _) in enumerate(results, 1):
        pg = "n/a" if pg_ms is None else f"{pg_ms:.2f}"
        print(f"| {number} | {syncs:,} | {pulled:.1f} | {ms:.2f} | {pg} |")
    costs = sorted(ms for ms, *_ in results)
    print(f"\nAPI min / median / max: {costs[0]:.2f} / {statistics.median(costs):.2f} / {costs[-1]:.2f} ms per sync")
    pg_costs = sorted(pg for _, pg, *_ in results if pg is not None)
    if pg_costs:
        print(
            f"PostgreSQL min / median / max: {pg_costs[0]:.2f} / {statistics.median(pg_costs):.2f} / "
            f"{pg_costs[-1]:.2f} ms per sync (profiling slows the API, not PostgreSQL)"
        )
    profiles = [stats for *_, stats in results if stats is not None]
    if profiles:
        merged = profiles[0]
        for stats in profiles[1:]:
            merged.add(stats)
        if args.profile_out:
            merged.dump_stats(args.profile_out)
        app_share = in_app(merged)
        print(
            f"\nThe app (FastAPI.__call__ and all below it) took {100 * app_share:.1f} % of the profiled CPU; the "
            "rest is the driver (building requests, parsing answers, whose standard-library JSON shows below)."
        )
        print("\n| where the CPU goes (self time, all runs, profiled) | share |")
        print("| --- | ---: |")
        for key, share in shares(merged)[:25]:
            print(f"| {key} | {100 * share:.1f} % |")


if __name__ == "__main__":
    main()
