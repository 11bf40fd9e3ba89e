"""Central service benchmark: simulated devices pushing and pulling at once, on PostgreSQL.

Starts a throwaway PostgreSQL (tests/pg_server.py) unless --db is given, runs
`prossimo-central serve --workers N` on loopback, enrols the devices, then for
each concurrency level every device loops: push a batch of mutations (half new
contacts, half edits of its own earlier ones), pull with its cursor. Prints
sustained applied mutations/s and sync latency p50/p99. Never asserts.

    .venv/bin/python bench/central_bench.py [--levels 50 200] [--seconds 20] [--workers 2]
"""

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocol import new_id  # noqa: E402
from tests import pg_server  # noqa: E402

CENTRAL = str(Path(sys.executable).parent / "prossimo-central")
PASSWORD = "benchmark password 123"
TARGETS = {"mutations_per_s": 2000, "p99_ms": 300}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def central(db: str, *args: str, **env: str) -> str:
    environment = {**os.environ, **env}
    result = subprocess.run([CENTRAL, "--db", db, *args], capture_output=True, text=True, env=environment, check=True)
    return result.stdout.strip()


class SimDevice:
    def __init__(self, base: str, token: str, team: str, batch: int) -> None:
        self.base, self.team, self.batch = base, team, batch
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        self.seq = 0
        self.cursor: str | None = None
        self.mine: list[tuple[str, int]] = []  # (record id, version)
        self.rng = random.Random(token)

    def _mutation(self) -> dict:
        self.seq += 1
        now = dt.datetime.now(dt.UTC).isoformat()
        if self.mine and self.rng.random() < 0.5:
            record_id, version = self.rng.choice(self.mine)
            return {"device_seq": self.seq, "mutation_id": str(new_id()), "entity": "contact", "op": "update",
                    "record_id": record_id, "base_version": version, "at": now,
                    "changed": {"municipality": self.rng.choice(["Lodi", "Forlì", "Oulu", "Trento"])}}
        return {"device_seq": self.seq, "mutation_id": str(new_id()), "entity": "contact", "op": "create",
                "record_id": str(new_id()), "at": now,
                "changed": {"given_name": f"Bench{self.seq}", "family_name": "Rossi", "team_id": self.team,
                            "municipality": "Bologna", "tags": ["outreach"]}}

    def sync_once(self) -> tuple[int, float]:
        mutations = [self._mutation() for _ in range(self.batch)]
        body = json.dumps({"cursor": self.cursor, "mutations": mutations, "page_size": 500})
        start = time.perf_counter()
        answer = self.session.post(f"{self.base}/v1/sync", data=body, timeout=60)
        elapsed = time.perf_counter() - start
        answer.raise_for_status()
        data = answer.json()
        self.cursor = data["cursor"]
        applied = 0
        for mutation, result in zip(mutations, data["results"], strict=True):
            if result["status"] == "applied":
                applied += 1
                if mutation["op"] == "create":
                    self.mine.append((mutation["record_id"], result["server_version"]))
        return applied, elapsed


def run_level(devices: list[SimDevice], seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    applied = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(device: SimDevice) -> None:
        while time.monotonic() < stop:
            count, elapsed = device.sync_once()
            with lock:
                applied[0] += count
                latencies.append(elapsed)

    threads = [threading.Thread(target=loop, args=(d,), daemon=True) for d in devices]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    latencies.sort()
    return {
        "devices": len(devices),
        "syncs": len(latencies),
        "mutations/s": applied[0] / wall,
        "p50 ms": statistics.median(latencies) * 1000,
        "p99 ms": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL URL (default: a throwaway server)")
    parser.add_argument("--levels", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=10, help="mutations per sync")
    parser.add_argument("--teams", type=int, default=20,
                        help="teams; every device pulls all of its team's changes, so fewer teams = more fan-out")
    args = parser.parse_args()

    server = None
    db = args.db
    if db is None:
        reason = pg_server.skip_reason()
        if reason:
            raise SystemExit(reason)
        server = pg_server.PostgresServer(pg_server.find_pg_bin())
        server.start()
        db = server.url
    port = free_port()
    service = None
    try:
        central(db, "init")
        central(db, "org", "add", "Bench")
        teams = [central(db, "team", "add", "Bench", f"T{n}") for n in range(args.teams)]
        operators = args.teams  # one operator per team, several devices each
        for number in range(operators):
            central(db, "operator", "add", "--user", f"op{number}", "--team", teams[number],
                    PROSSIMO_NEW_PASSWORD=PASSWORD)
        service = subprocess.Popen([CENTRAL, "--db", db, "serve", "--port", str(port), "--workers",
                                    str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(f"{base}/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        devices = []
        for number in range(max(args.levels)):
            op = number % operators
            answer = requests.post(f"{base}/v1/enrol", json={"username": f"op{op}", "password": PASSWORD,
                                                              "device_name": f"sim-{number}"}, timeout=60)
            answer.raise_for_status()
            devices.append(SimDevice(base, answer.json()["device_token"], teams[op], args.batch))
        rows = [run_level(devices[:level], args.seconds) for level in args.levels]
    finally:
        if service is not None:
            service.terminate()
            service.wait(30)
        if server is not None:
            server.stop()

    print(f"\nCentral service benchmark: PostgreSQL, {args.workers} API processes, {args.teams} teams, "
          f"{args.batch} mutations per sync (half creates, half edits), each device also pulls its team's "
          f"changes; {args.seconds:.0f} s per level, loopback, load generator on the same 2 cores\n")
    print("| devices | syncs | applied mutations/s | sync p50 ms | sync p99 ms |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['devices']} | {row['syncs']:,} | {row['mutations/s']:,.0f} | {row['p50 ms']:.1f} | "
              f"{row['p99 ms']:.1f} |")
    worst = rows[-1]
    print("\n| target (at the largest level) | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    print(f"| applied mutations/s | >= {TARGETS['mutations_per_s']:,} | {worst['mutations/s']:,.0f} | "
          f"{'yes' if worst['mutations/s'] >= TARGETS['mutations_per_s'] else 'NO'} |")
    print(f"| sync p99 (ms) | <= {TARGETS['p99_ms']} | {worst['p99 ms']:.1f} | "
          f"{'yes' if worst['p99 ms'] <= TARGETS['p99_ms'] else 'NO'} |")


if __name__ == "__main__":
    main()
