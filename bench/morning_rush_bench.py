"""The morning rush: many devices do their initial sync at the same moment.

Starts a throwaway PostgreSQL with production settings (tests/pg_server.py, `durable=True`)
unless --db is given, seeds the service's database directly (as bench/sync_bench.py does:
contacts and case notes of about 1 KB, the team's caseload numbered on the change sequence),
runs `prossimo-central serve --workers N` on loopback and enrols --devices devices spread over
--teams teams. Then every device starts its initial sync at once, as devices do: POST /v1/sync
with no mutations and its cursor, gzip, pages of --page-size, until `more` is false; each
device pulls its whole team's caseload (--records records).

Prints the time until the last device is done, the records served, the API processes' CPU
seconds (the serve process and all its children, from /proc), records served per API
CPU-second (the goal: >= 50,000 per API core, so the service is never what the devices wait
for), PostgreSQL's CPU and the load generator's. Checks that every device received exactly
its team's records, none twice. Never asserts.

    .venv/bin/python bench/morning_rush_bench.py [--devices 50] [--records 20000] [--teams 5] [--db URL]

The defaults are a quick check (10 devices x 2,000 records); the issue's size is
`--devices 50 --records 20000`.
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))

from central_bench import Connection, answer_json, postmaster_pid, tree_cpu
from sync_bench import _vocabulary, note_text, stored_row

from tests import pg_server
from tests.service_process import running_service

PASSWORD = "benchmark password 123"
TARGET_PER_CORE = 50_000  # records served per API CPU-second


def seed(db_url: str, teams: int, records: int) -> list[str]:
    """An organisation, `teams` teams with one operator each, and `records` records in each
    team's caseload (half contacts, half case notes); returns the operators' usernames."""
    from sqlalchemy import insert, text

    from central import security
    from central.db import make_engine, session_factory, upgrade
    from central.models import Membership, Operator, Organisation, StoredRecord, Team
    from protocol import Contact, Note, new_id

    engine = make_engine(db_url)
    upgrade(engine)
    org = uuid.uuid4()
    team_ids = [uuid.uuid4() for _ in range(teams)]
    usernames = [f"rush{n}-{org.hex[:6]}" for n in range(teams)]
    password_hash = security.hash_password(PASSWORD)
    with session_factory(engine).begin() as session:
        session.add(Organisation(id=org, name=f"Rush {org.hex[:6]}"))
        session.flush()
        for team, username in zip(team_ids, usernames, strict=True):
            session.add(Team(id=team, organisation_id=org, name=f"Team {username}"))
            operator = Operator(id=uuid.uuid4(), organisation_id=org, username=username, password_hash=password_hash)
            session.add(operator)
            session.flush()
            session.add(Membership(operator_id=operator.id, team_id=team))
    now = dt.datetime.now(dt.UTC)
    rng = random.Random(2026)
    vocabulary = _vocabulary(rng)
    device = uuid.uuid4()
    version = 0
    with engine.begin() as conn:
        for team in team_ids:
            rows, contact_id = [], None
            for number in range(records):
                version += 1
                if number % 2 == 0 or contact_id is None:
                    record = Contact(
                        id=new_id(),
                        created_at=now,
                        updated_at=now,
                        author_device_id=device,
                        server_version=version,
                        given_name=f"Persona{number}",
                        family_name="Rossi",
                        municipality="Lodi",
                        phone="+39 333 1234567",
                        address=f"Via Roma {number}",
                        tags=["outreach"],
                        team_id=team,
                    )
                    contact_id = record.id
                else:
                    record = Note(
                        id=new_id(),
                        created_at=now,
                        updated_at=now,
                        author_device_id=device,
                        server_version=version,
                        contact_id=contact_id,
                        occurred_at=now,
                        body=note_text(rng, vocabulary),
                    )
                rows.append(stored_row(record, org, team, contact_id, version))
                if len(rows) == 5000:
                    conn.execute(insert(StoredRecord), rows)
                    rows = []
            if rows:
                conn.execute(insert(StoredRecord), rows)
        conn.execute(text("UPDATE counter SET value = value + :n WHERE name = 'change_seq'"), {"n": version})
    engine.dispose()
    return usernames


async def enrol(host: str, port: int, username: str, number: int) -> str:
    connection = Connection(host, port)
    body = json.dumps({"username": username, "password": PASSWORD, "device_name": f"rush-{number}"}).encode()
    # Each laptop from an address of its own (believed from loopback, as from a TLS proxy).
    status, raw = await connection.post("/v1/enrol", body, forwarded_for=f"203.0.113.{number % 250 + 1}")
    await connection.close()
    if status != 200:
        raise RuntimeError(f"enrol answered {status}: {raw[:300]!r}")
    return str(answer_json(status, raw)["device_token"])


async def initial_sync(host: str, port: int, token: str, page_size: int) -> tuple[float, list[str], int, int]:
    """One device's initial sync: (seconds, ids received, requests, bytes on the wire after gzip).

    A shed attempt (503 overloaded) waits its Retry-After and is resent, as a device does."""
    connection = Connection(host, port)
    cursor: str | None = None
    ids: list[str] = []
    requests = wire = 0
    start = time.perf_counter()
    while True:
        body = json.dumps({"cursor": cursor, "mutations": [], "page_size": page_size}).encode()
        status, raw = await connection.post("/v1/sync", body, token)
        requests += 1
        wire += int(connection.headers.get("content-length", len(raw)))
        if status == 503 and answer_json(status, raw).get("error") == "overloaded":
            await asyncio.sleep(float(connection.headers.get("retry-after", "1")))
            continue
        if status != 200:
            raise RuntimeError(f"sync answered {status}: {raw[:300]!r}")
        data = answer_json(status, raw)
        ids.extend(change["record"]["id"] for change in data["changes"])
        cursor = data["cursor"]
        token = data.get("new_device_token") or token
        if not data["more"]:
            break
    await connection.close()
    return time.perf_counter() - start, ids, requests, wire


async def rush(args: argparse.Namespace, port: int, usernames: list[str], meters: tuple[int, int | None]) -> dict:
    host = "127.0.0.1"
    gate = asyncio.Semaphore(8)  # enrolment hashes a password: not part of the rush

    async def enrolled(number: int) -> str:
        async with gate:
            return await enrol(host, port, usernames[number % len(usernames)], number)

    tokens = await asyncio.gather(*(enrolled(n) for n in range(args.devices)))
    api_pid, pg_pid = meters
    before = (own_cpu(), tree_cpu(api_pid), tree_cpu(pg_pid))
    start = time.perf_counter()
    done = await asyncio.gather(*(initial_sync(host, port, t, args.page_size) for t in tokens))
    wall = time.perf_counter() - start
    after = (own_cpu(), tree_cpu(api_pid), tree_cpu(pg_pid))
    cpu = [None if a is None or b is None else b - a for a, b in zip(before, after, strict=True)]
    complete = all(len(ids) == args.records and len(set(ids)) == args.records for _, ids, _, _ in done)
    return {
        "wall": wall,
        "device_seconds": sorted(seconds for seconds, _, _, _ in done),
        "records": sum(len(ids) for _, ids, _, _ in done),
        "requests": sum(r for _, _, r, _ in done),
        "wire": sum(w for _, _, _, w in done),
        "complete": complete,
        "cpu": cpu,
    }


def own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--records", type=int, default=2000, help="records in each team's caseload")
    parser.add_argument("--teams", type=int, default=5, help="teams the devices are spread over")
    parser.add_argument("--page-size", type=int, default=2000, help="records per page a device asks for")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="API processes")
    parser.add_argument("--db", help="database URL (default: a throwaway PostgreSQL with production settings)")
    args = parser.parse_args()
    args.teams = max(1, min(args.teams, args.devices))

    server = None
    db = args.db
    if db is None:
        reason = pg_server.skip_reason()
        if reason:
            raise SystemExit(reason)
        server = pg_server.PostgresServer(pg_server.find_pg_bin(), durable=True)
        server.start()
        db = server.url
    key_folder = tempfile.TemporaryDirectory(prefix="prossimo-rush-")
    try:
        seeded = time.perf_counter()
        usernames = seed(db, args.teams, args.records)
        print(
            f"seeded {args.teams} teams x {args.records:,} records in {time.perf_counter() - seeded:.0f} s",
            file=sys.stderr,
        )
        key_file = str(Path(key_folder.name) / "central.key")
        serve_args = ("--workers", str(args.workers), "--key-file", key_file, "--forwarded-allow-ips", "127.0.0.1")
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        with running_service(db, *serve_args, env=dict(os.environ), wait_s=120) as service:
            result = asyncio.run(rush(args, service.port, usernames, (service.process.pid, postmaster_pid(server))))
    finally:
        if server is not None:
            server.stop()
        key_folder.cleanup()
    report(args, db, load, result)


def report(args: argparse.Namespace, db: str, load: str, result: dict) -> None:
    engine = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
    settings = "production settings (fsync, synchronous_commit, full_page_writes on)" if args.db is None else "--db"
    print(
        f"\nMorning rush: {args.devices} devices start their initial sync at once, each pulling its team's "
        f"{args.records:,} records ({args.teams} teams; pages of {args.page_size:,}, gzip); {engine} ({settings}), "
        f"{args.workers} API processes, loopback, load generator on the same {os.cpu_count()} cores; "
        f"load average before the rush {load}\n"
    )
    seconds = result["device_seconds"]
    api, pg, generator = result["cpu"][1], result["cpu"][2], result["cpu"][0]
    per_core = result["records"] / api if api else float("nan")
    print("| measure | value |")
    print("| --- | ---: |")
    print(f"| time until the last device is done (s) | {result['wall']:.2f} |")
    print(
        f"| a device's initial sync, fastest / median / slowest (s) | "
        f"{seconds[0]:.2f} / {seconds[len(seconds) // 2]:.2f} / {seconds[-1]:.2f} |"
    )
    print(f"| records served | {result['records']:,} |")
    print(f"| requests | {result['requests']:,} |")
    print(f"| bytes on the wire (gzip) | {result['wire']:,} |")
    print(f"| API CPU s (all API processes) | {_cpu(api)} |")
    print(f"| records served per API CPU-second | {per_core:,.0f} |")
    print(
        f"| API CPU per 1,000 records (ms) | {1e6 / per_core:.1f} |" if api else "| API CPU per 1,000 records | n/a |"
    )
    print(f"| PostgreSQL CPU s | {_cpu(pg)} |")
    print(f"| load generator CPU s | {_cpu(generator)} |")
    print(f"| every device got exactly its team's records, none twice | {'yes' if result['complete'] else 'NO'} |")
    print("\n| target | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    met = api is not None and per_core >= TARGET_PER_CORE
    print(
        f"| records served per API CPU-second | >= {TARGET_PER_CORE:,} | {per_core:,.0f} | {'yes' if met else 'NO'} |"
    )


def _cpu(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
