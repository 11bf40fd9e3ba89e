"""Central service benchmark: simulated devices pushing and pulling at once, on PostgreSQL.

Starts a throwaway PostgreSQL (tests/pg_server.py) unless --db is given, runs
`prossimo-central serve --workers N` on loopback and enrols the devices. Each sync
pushes a batch of mutations (half new contacts, half edits of the device's own
earlier ones) and pulls the team's changes with the device's cursor. Two methods:

- Closed loop ("saturation throughput"): every device syncs again the moment its
  previous sync returns. This finds the most the service can apply, but its
  latency is not a device's experience: by Little's law latency = devices /
  throughput, whatever the service does.
- Open loop: every device syncs on a fixed schedule (once per --period, start
  times spread evenly), so the offered load is fixed (200 devices x 10 mutations
  per second = 2,000 mutations/s). Latency is measured from the scheduled send
  time, so time spent waiting behind a late sync counts (no coordinated omission).
  Applied mutations/s is counted over the steady window (completions after the
  first second).
- Open loop under an enrolment flood: the same open-loop run again, while an
  attacker posts --flood-rate enrolments per second of random unknown usernames
  from --flood-addresses addresses (X-Forwarded-For through `serve
  --forwarded-allow-ips 127.0.0.1`); the sync p99 is printed with and without it,
  and how many flood attempts were hashed (401) or throttled before hashing (429).
- Overload (--overload 1.5, the default): the open loop again, offered that multiple of the
  last closed loop's capacity (syncs/s; or --capacity). Prints the attempts shed (503
  `overloaded`) and the p50/p99 of the accepted syncs, each from the send time of its accepted
  attempt (target p99 <= 1 s): the shedding must keep what it admits fast.

Every simulated device honours a 503 `overloaded` as the app does: it waits the answer's
Retry-After and resends the same batch (same device_seq). Answers are read strictly: a body
that is not a JSON object (or holds NaN/Infinity) stops the bench with its status and start.

The load generator is one asyncio thread speaking HTTP/1.1 on one keep-alive
connection per device, because it shares the machine's cores with the service;
the CPU seconds of the load generator, the API processes and PostgreSQL are read
from /proc for every run and printed with it. Never asserts.

    .venv/bin/python bench/central_bench.py [--levels 50 200] [--open-devices 200] [--seconds 20] [--workers N]
        [--flood-rate 80] [--flood-addresses 4] [--overload 1.5] [--runs N]
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocol import new_id
from tests import pg_server
from tests.service_process import CENTRAL, running_service

PASSWORD = "benchmark password 123"
TARGETS = {
    "mutations_per_s": 2000,
    "p99_ms": 300,
    "api_ms": 3.0,
    "pg_ms": 2.0,
    "overload_p99_ms": 1000,
}  # per sync of 10 mutations plus a pull
# Open loop: the share of the offered load that counts as "kept up" (completions at
# the window's edges jitter by a sync or two).
KEPT_UP = 0.99
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def central(db: str, *args: str, **env: str) -> str:
    environment = {**os.environ, **env}
    result = subprocess.run([CENTRAL, "--db", db, *args], capture_output=True, text=True, env=environment, check=True)
    return result.stdout.strip()


# --- CPU accounting from /proc (Linux) ------------------------------------------------------


def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds of the process itself and of its reaped children)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        ticks = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        table[int(entry)] = (int(fields[1]), ticks / CLOCK_TICKS)
    return table


def tree_cpu(root: int | None) -> float | None:
    """CPU seconds used so far by a process and all its descendants (None: not measurable)."""
    if root is None or not os.path.isdir("/proc"):
        return None
    table = _processes()
    if root not in table:
        return None
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += table[pid][1]
        todo.extend(children.get(pid, []))
    return total


def own_cpu() -> float:
    times = os.times()
    return times.user + times.system


@dataclass
class CpuMeter:
    api_pid: int
    pg_pid: int | None

    def sample(self) -> tuple[float, float | None, float | None]:
        return own_cpu(), tree_cpu(self.api_pid), tree_cpu(self.pg_pid)


def postmaster_pid(server: "pg_server.PostgresServer | None") -> int | None:
    if server is None:
        return None
    try:
        return int((server.data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# --- a minimal HTTP/1.1 client (keep-alive, gzip) ---------------------------------------------


class Connection:
    """One keep-alive connection, as a device would hold; far cheaper than requests."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.headers: dict[str, str] = {}  # of the last answer (lower-case names)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def post(
        self, path: str, body: bytes, token: str | None = None, forwarded_for: str | None = None
    ) -> tuple[int, bytes]:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
            f"Accept-Encoding: gzip\r\nContent-Length: {len(body)}\r\n"
        )
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        if forwarded_for:
            head += f"X-Forwarded-For: {forwarded_for}\r\n"
        request = head.encode() + b"\r\n" + body
        for attempt in (1, 2):
            reused = self.writer is not None
            if not reused:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(request)
                return await self._answer()
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                # The server closes idle keep-alive connections: resend once on a fresh one
                # (a sync is safe to resend: each device_seq applies at most once).
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _answer(self) -> tuple[int, bytes]:
        assert self.reader is not None
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = bytearray()
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
            data = bytes(body)
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        self.headers = headers
        if headers.get("connection", "").lower() == "close":
            await self.close()
        if headers.get("content-encoding") == "gzip":
            data = unpack(data)
        return status, data


@dataclass(frozen=True)
class Outcome:
    applied: int
    rejected: int
    more: bool
    retry_after_s: float | None = None  # set when the attempt was shed


def unpack(data: bytes) -> bytes:
    """A gzip body, unpacked as the app's transport does (zlib, in C; the `gzip` module's
    decompress adds a Python layer the load generator would spend the service's cores on)."""
    return zlib.decompress(data, 16 + zlib.MAX_WBITS)


def answer_json(status: int, raw: bytes) -> dict:
    """An answer's body as a JSON object, strictly: not JSON, NaN/Infinity (orjson refuses both)
    or not an object stops the bench with the status and the start of the body, instead of a
    KeyError later. orjson, as the app's transport parses answers: the load generator shares the
    service's two cores, so its CPU per sync is kept to what a device spends."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RuntimeError(f"answer {status} is not JSON ({exc}): {raw[:300]!r}") from None
    if not isinstance(data, dict):
        raise RuntimeError(f"answer {status} is not a JSON object: {raw[:300]!r}")
    return data


def retry_after(value: str | None) -> float:
    """Retry-After in seconds (central.shedding sends whole seconds); a missing or bad one is
    an error of the service, not something to guess around."""
    if value is None or not value.strip().isdigit():
        raise RuntimeError(f"503 overloaded without a usable Retry-After: {value!r}")
    return float(value)


class SimDevice:
    def __init__(self, connection: "Connection", token: str, team: str, batch: int) -> None:
        self.connection = connection  # Connection, or bench/api_cost_bench.py's in-process one
        self.token, self.team, self.batch = token, team, batch
        self.seq = 0
        self.shed = 0  # syncs answered 503 overloaded
        self.cursor: str | None = None
        self.mine: list[tuple[str, int]] = []  # (record id, version)
        self.rng = random.Random(token)
        self.last_pulled = 0  # changes in the last answer

    def _mutation(self, now: str) -> dict:
        self.seq += 1
        if self.mine and self.rng.random() < 0.5:
            record_id, version = self.rng.choice(self.mine)
            return {
                "device_seq": self.seq,
                "mutation_id": str(new_id()),
                "entity": "contact",
                "op": "update",
                "record_id": record_id,
                "base_version": version,
                "at": now,
                "changed": {"municipality": self.rng.choice(["Lodi", "Forlì", "Oulu", "Trento"])},
            }
        return {
            "device_seq": self.seq,
            "mutation_id": str(new_id()),
            "entity": "contact",
            "op": "create",
            "record_id": str(new_id()),
            "at": now,
            "changed": {
                "given_name": f"Bench{self.seq}",
                "family_name": "Rossi",
                "team_id": self.team,
                "municipality": "Bologna",
                "tags": ["outreach"],
            },
        }

    async def attempt(self, batch: int | None = None) -> "Outcome":
        """One request. Shed (503 `overloaded`): nothing was applied, so the same device_seq go
        again; the outcome carries the answer's Retry-After for the caller to honour."""
        now = dt.datetime.now(dt.UTC).isoformat()
        mutations = [self._mutation(now) for _ in range(self.batch if batch is None else batch)]
        body = orjson.dumps({"cursor": self.cursor, "mutations": mutations, "page_size": 500})
        status, raw = await self.connection.post("/v1/sync", body, self.token)
        if status == 503:
            problem = answer_json(status, raw)
            if problem.get("error") != "overloaded":
                raise RuntimeError(f"sync answered 503 {problem.get('error')!r}: {raw[:300]!r}")
            self.seq -= len(mutations)
            self.shed += 1
            return Outcome(0, 0, False, retry_after(self.connection.headers.get("retry-after")))
        if status != 200:
            raise RuntimeError(f"sync answered {status}: {raw[:300]!r}")
        data = answer_json(status, raw)
        results = data["results"]
        if len(results) != len(mutations):
            raise RuntimeError(f"sync answered {len(results)} results for {len(mutations)} mutations")
        self.cursor = data["cursor"]
        self.last_pulled = len(data["changes"])
        applied = 0
        for mutation, result in zip(mutations, results, strict=True):
            if result["status"] == "applied":
                applied += 1
                if mutation["op"] == "create":
                    self.mine.append((mutation["record_id"], result["server_version"]))
        return Outcome(applied, len(mutations) - applied, bool(data["more"]))

    async def sync(self, batch: int | None = None) -> tuple[int, int, bool]:
        """One sync as a device makes it: a shed attempt waits its Retry-After and goes again.
        Returns (applied, not applied, more changes waiting)."""
        while True:
            outcome = await self.attempt(batch)
            if outcome.retry_after_s is None:
                return outcome.applied, outcome.rejected, outcome.more
            await asyncio.sleep(outcome.retry_after_s)

    async def catch_up(self) -> None:
        """Pull until nothing is waiting, so a level starts from a device that is up to date."""
        while (await self.sync(0))[2]:
            pass


# --- the two methods ----------------------------------------------------------------------------


@dataclass
class Run:
    method: str
    devices: int
    offered: float | None
    syncs: int
    applied_per_s: float
    not_applied: int
    latencies: list[float]
    cpu: tuple[float, float | None, float | None]  # load generator, API processes, PostgreSQL
    unfinished: int = 0
    notes: list[str] = field(default_factory=list)
    flood: dict[int, int] | None = None  # status -> count of the flood's enrolments, if flooded
    shed: int = 0  # attempts answered 503 overloaded during this run (each resent after Retry-After)
    wall: float = 0.0  # seconds the run's syncs took, for syncs per second

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def closed_loop(devices: list[SimDevice], seconds: float, meter: CpuMeter) -> Run:
    await asyncio.gather(*(d.catch_up() for d in devices))
    latencies: list[float] = []
    totals = [0, 0]
    stop = time.monotonic() + seconds

    async def loop(device: SimDevice) -> None:
        while time.monotonic() < stop:
            start = time.perf_counter()
            applied, rejected, _ = await device.sync()
            latencies.append(time.perf_counter() - start)
            totals[0] += applied
            totals[1] += rejected

    before, shed = meter.sample(), sum(d.shed for d in devices)
    start = time.monotonic()
    await asyncio.gather(*(loop(d) for d in devices))
    wall = time.monotonic() - start
    after = meter.sample()
    run = Run(
        "closed", len(devices), None, len(latencies), totals[0] / wall, totals[1], latencies, _cpu_delta(before, after)
    )
    run.shed, run.wall = sum(d.shed for d in devices) - shed, wall
    return run


async def open_loop(
    devices: list[SimDevice], seconds: float, period: float, meter: CpuMeter, grace: float = 30.0
) -> Run:
    """Each device syncs at start + offset + k * period for k while that is inside the window;
    a sync due while the device's previous one is still out waits for it (a device syncs
    one batch at a time) and its latency still counts from its scheduled time."""
    await asyncio.gather(*(d.catch_up() for d in devices))
    latencies: list[float] = []
    completions: list[tuple[float, int]] = []  # (completed, seconds after start; applied)
    totals = [0]
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5

    async def device_schedule(index: int, device: SimDevice) -> None:
        due = start + period * index / len(devices)
        while due < start + seconds:
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            applied, rejected, _ = await device.sync()
            done = loop.time()
            latencies.append(done - due)
            completions.append((done - start, applied))
            totals[0] += rejected
            due += period

    before, shed = meter.sample(), sum(d.shed for d in devices)
    tasks = [asyncio.create_task(device_schedule(i, d)) for i, d in enumerate(devices)]
    _, pending = await asyncio.wait(tasks, timeout=seconds + 0.5 + grace)
    after = meter.sample()
    for task in pending:
        task.cancel()
    shed = sum(d.shed for d in devices) - shed
    scheduled = len(devices) * round(seconds / period)
    unfinished = scheduled - len(latencies)
    # Steady window: completions from 1 s after the first due time to the window's end.
    steady = sum(applied for at, applied in completions if 1.0 <= at < seconds) / (seconds - 1.0)
    run = Run(
        "open",
        len(devices),
        len(devices) * devices[0].batch / period,
        len(latencies),
        steady,
        totals[0],
        latencies + [float("inf")] * unfinished,
        _cpu_delta(before, after),
        unfinished,
    )
    run.shed, run.wall = shed, seconds
    if unfinished:
        run.notes.append(f"{unfinished} scheduled syncs had not finished {grace:.0f} s after the window")
    return run


async def overload_loop(
    devices: list[SimDevice], seconds: float, rate: float, meter: CpuMeter, grace: float = 30.0
) -> Run:
    """The open loop offered `rate` syncs/s (a multiple of the closed loop's capacity), to show
    the shedding: a shed attempt (503 + Retry-After) waits as a device does and is resent, and
    the latency of a sync counts from the send time of its accepted attempt, so it is what an
    admitted sync costs, not the Retry-After the device chose to honour. Schedules as
    open_loop does; a device that fell behind sends its late syncs one after another."""
    await asyncio.gather(*(d.catch_up() for d in devices))
    period = len(devices) / rate
    latencies: list[float] = []
    completions: list[tuple[float, int]] = []
    totals = [0]
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5

    async def device_schedule(index: int, device: SimDevice) -> None:
        due = start + period * index / len(devices)
        while due < start + seconds:
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            while True:
                sent = loop.time()
                outcome = await device.attempt()
                if outcome.retry_after_s is None:
                    break
                await asyncio.sleep(outcome.retry_after_s)
            done = loop.time()
            latencies.append(done - sent)
            completions.append((done - start, outcome.applied))
            totals[0] += outcome.rejected
            due += period

    before, shed = meter.sample(), sum(d.shed for d in devices)
    tasks = [asyncio.create_task(device_schedule(i, d)) for i, d in enumerate(devices)]
    _, pending = await asyncio.wait(tasks, timeout=seconds + 0.5 + grace)
    after = meter.sample()
    for task in pending:
        task.cancel()
    scheduled = sum(1 for i in range(len(devices)) for _ in _dues(period * i / len(devices), period, seconds))
    unfinished = scheduled - len(latencies)
    steady = sum(applied for at, applied in completions if 1.0 <= at < seconds) / (seconds - 1.0)
    run = Run(
        "overload",
        len(devices),
        rate * devices[0].batch,
        len(latencies),
        steady,
        totals[0],
        latencies,  # accepted syncs only: an unfinished one is counted apart, not as a latency
        _cpu_delta(before, after),
        unfinished,
    )
    run.shed, run.wall = sum(d.shed for d in devices) - shed, seconds
    if unfinished:
        run.notes.append(f"{unfinished} scheduled syncs had not finished {grace:.0f} s after the window")
    return run


def _dues(offset: float, period: float, seconds: float) -> Iterator[float]:
    due = offset
    while due < seconds:
        yield due
        due += period


async def enrolment_flood(host: str, port: int, rate: float, addresses: int, stop: asyncio.Event) -> dict[int, int]:
    """Random unknown usernames at `rate` per second, open loop (a slow answer does not slow
    the attacker), from `addresses` forwarded client addresses; returns status -> count."""
    statuses: dict[int, int] = {}
    loop = asyncio.get_running_loop()

    async def attempt(number: int) -> None:
        connection = Connection(host, port)
        body = json.dumps(
            {"username": f"x-{uuid.uuid4().hex}", "password": "guessing password 1", "device_name": "flood"}
        ).encode()
        try:
            status, _ = await connection.post("/v1/enrol", body, forwarded_for=f"198.51.100.{number % addresses + 1}")
        except (OSError, asyncio.IncompleteReadError):
            status = 0
        finally:
            await connection.close()
        statuses[status] = statuses.get(status, 0) + 1

    tasks, number, start = [], 0, loop.time()
    while not stop.is_set():
        tasks.append(asyncio.create_task(attempt(number)))
        number += 1
        await asyncio.sleep(max(0.0, start + number / rate - loop.time()))
    await asyncio.gather(*tasks)
    return statuses


async def flooded_open_loop(
    devices: list[SimDevice], args: argparse.Namespace, meter: CpuMeter, host: str, port: int
) -> Run:
    stop = asyncio.Event()
    flood = asyncio.create_task(enrolment_flood(host, port, args.flood_rate, args.flood_addresses, stop))
    try:
        run = await open_loop(devices, args.seconds, args.period, meter)
    finally:
        stop.set()
        run_flood = await flood
    run.method, run.flood = "flooded", run_flood
    return run


def _cpu_delta(before: tuple, after: tuple) -> tuple[float, float | None, float | None]:
    return tuple(None if a is None or b is None else b - a for a, b in zip(before, after, strict=True))


# --- set-up and report ------------------------------------------------------------------------


async def enrol_all(connect: "Callable[[], Connection]", count: int, teams: list[str], batch: int) -> list[SimDevice]:
    """`count` devices enrolled round-robin on the teams' operators, each with its own
    connection made by `connect`."""
    operators = len(teams)
    gate = asyncio.Semaphore(8)

    async def enrol(number: int) -> SimDevice:
        op = number % operators
        async with gate:
            connection = connect()
            body = json.dumps({"username": f"op{op}", "password": PASSWORD, "device_name": f"sim-{number}"})
            # Each laptop from an address of its own (believed from loopback, as from a TLS proxy):
            # a whole team enrolling from one address at once would be throttled like a flood.
            status, raw = await connection.post(
                "/v1/enrol", body.encode(), forwarded_for=f"203.0.113.{number % 250 + 1}"
            )
            await connection.close()
        if status != 200:
            raise RuntimeError(f"enrol answered {status}: {raw[:300]!r}")
        return SimDevice(connect(), answer_json(status, raw)["device_token"], teams[op], batch)

    return list(await asyncio.gather(*(enrol(n) for n in range(count))))


async def measure(args: argparse.Namespace, port: int, teams: list[str], meter: CpuMeter) -> list[Run]:
    host = "127.0.0.1"  # running_service has waited for /v1/health to answer there
    count = max([*args.levels, args.open_devices])
    devices = await enrol_all(lambda: Connection(host, port), count, teams, args.batch)
    SHED_FROM.extend(devices)
    runs = []
    for level in args.levels:
        runs.append(await closed_loop(devices[:level], args.seconds, meter))
        await asyncio.gather(*(d.connection.close() for d in devices))
    if args.open_devices:
        runs.append(await open_loop(devices[: args.open_devices], args.seconds, args.period, meter))
        await asyncio.gather(*(d.connection.close() for d in devices))
        if args.flood_rate:
            runs.append(await flooded_open_loop(devices[: args.open_devices], args, meter, host, port))
            await asyncio.gather(*(d.connection.close() for d in devices))
    if args.overload and args.open_devices:
        # Capacity: the most syncs/s the service was seen to complete, over the closed-loop levels
        # and an open loop that fell behind. A closed loop of many devices alone reads low: its
        # shed devices wait their Retry-After while the service drains its queue.
        seen = [(r.syncs / r.wall, f"closed loop, {r.devices} devices") for r in runs if r.method == "closed"]
        seen += [
            (r.applied_per_s / max(1, args.batch), f"open loop, {r.devices} devices (behind)")
            for r in runs
            if r.method == "open" and r.applied_per_s < KEPT_UP * (r.offered or 0)
        ]
        capacity, source = max(seen, default=(0.0, ""))
        if args.capacity:
            capacity, source = args.capacity, "given"
        if not capacity:
            raise SystemExit("--overload needs a closed-loop level (--levels) or --capacity SYNCS_PER_S")
        overloaded = await overload_loop(devices[: args.open_devices], args.seconds, args.overload * capacity, meter)
        overloaded.notes.insert(
            0,
            f"capacity {capacity:,.1f} syncs/s ({source}); offered {args.overload:g}x = "
            f"{args.overload * capacity:,.1f} syncs/s",
        )
        runs.append(overloaded)
        await asyncio.gather(*(d.connection.close() for d in devices))
    return runs


def _cpu(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _ms(value: float) -> str:
    return "not finished" if value == float("inf") else f"{value:.1f}"


def report(args: argparse.Namespace, runs: list[Run]) -> None:
    print(
        f"\nCentral service benchmark: PostgreSQL, {args.workers} API processes, {args.teams} teams, "
        f"{args.batch} mutations per sync (half creates, half edits), each device also pulls its team's "
        f"changes (gzip); {args.seconds:.0f} s per run, loopback, load generator on the same "
        f"{os.cpu_count()} cores\n"
    )
    print("Closed loop (saturation throughput: each device syncs again as soon as its last sync returns)\n")
    print(
        "| devices | syncs | applied mutations/s | sync p50 ms | sync p99 ms | API CPU ms/sync | "
        "CPU s: load generator | CPU s: API | CPU s: PostgreSQL |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for run in (r for r in runs if r.method == "closed"):
        print(
            f"| {run.devices} | {run.syncs:,} | {run.applied_per_s:,.0f} | {run.percentile(0.5):.1f} | "
            f"{run.percentile(0.99):.1f} | {_per_sync(run)} | {_cpu(run.cpu[0])} | {_cpu(run.cpu[1])} | "
            f"{_cpu(run.cpu[2])} |"
        )
    opened = [r for r in runs if r.method == "open"]
    for run in opened:
        print(
            f"\nOpen loop (each device syncs once every {args.period:g} s on a fixed schedule, start times "
            f"spread; latency from the scheduled send time)\n"
        )
        print(
            "| devices | offered mutations/s | syncs | applied mutations/s | sync p50 ms | sync p99 ms | "
            "API CPU ms/sync | CPU s: load generator | CPU s: API | CPU s: PostgreSQL |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {run.devices} | {run.offered:,.0f} | {run.syncs:,} | {run.applied_per_s:,.0f} | "
            f"{_ms(run.percentile(0.5))} | {_ms(run.percentile(0.99))} | {_per_sync(run)} | {_cpu(run.cpu[0])} | "
            f"{_cpu(run.cpu[1])} | {_cpu(run.cpu[2])} |"
        )
        for note in run.notes:
            print(f"\n{note}")
    for run in (r for r in runs if r.method == "overload"):
        print(
            "\nOverload (open loop past capacity: a shed attempt waits its Retry-After and is resent; "
            "latency of the accepted attempt, from its send time)\n"
        )
        print(
            "| devices | offered mutations/s | accepted syncs | shed attempts (503) | applied mutations/s | "
            "accepted p50 ms | accepted p99 ms | API CPU ms/sync | CPU s: API | CPU s: PostgreSQL |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {run.devices} | {run.offered:,.0f} | {run.syncs:,} | {run.shed:,} | {run.applied_per_s:,.0f} | "
            f"{_ms(run.percentile(0.5))} | {_ms(run.percentile(0.99))} | {_per_sync(run)} | {_cpu(run.cpu[1])} | "
            f"{_cpu(run.cpu[2])} |"
        )
        for note in run.notes:
            print(f"\n{note}")
    print("\nCPU cost (ms; from /proc; per sync and per mutation sent)\n")
    print("| run | devices | API ms/sync | API ms/mutation | PostgreSQL ms/sync | PostgreSQL ms/mutation |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for run in runs:
        print(
            f"| {run.method} | {run.devices} | {_per_sync(run)} | {_per_sync(run, 1, True)} | "
            f"{_per_sync(run, 2)} | {_per_sync(run, 2, True)} |"
        )
    flooded = [r for r in runs if r.method == "flooded"]
    for run in flooded:
        quiet = opened[0] if opened else None
        print(
            f"\nOpen loop beside an enrolment flood ({args.flood_rate:g}/s of random unknown usernames from "
            f"{args.flood_addresses} addresses)\n"
        )
        print(
            "| run | devices | syncs | sync p50 ms | sync p99 ms | flood enrolments | hashed (401) | "
            "throttled before hashing (429) | other |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        if quiet is not None:
            print(
                f"| without flood | {quiet.devices} | {quiet.syncs:,} | {_ms(quiet.percentile(0.5))} | "
                f"{_ms(quiet.percentile(0.99))} | 0 | 0 | 0 | 0 |"
            )
        counts = run.flood or {}
        other = sum(n for status, n in counts.items() if status not in (401, 429))
        print(
            f"| with flood | {run.devices} | {run.syncs:,} | {_ms(run.percentile(0.5))} | "
            f"{_ms(run.percentile(0.99))} | {sum(counts.values()):,} | {counts.get(401, 0):,} | "
            f"{counts.get(429, 0):,} | {other:,} |"
        )
        for note in run.notes:
            print(f"\n{note}")
    shed = sum(d.shed for d in SHED_FROM)
    print(f"\nSyncs shed (503 overloaded, retried with the same device_seq): {shed:,} over all runs")
    not_applied = sum(r.not_applied for r in runs)
    if not_applied:
        print(f"\n{not_applied} mutations were not applied (rejected or conflicting).")

    print("\n| target (200 devices) | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    closed = [r for r in runs if r.method == "closed"]
    if closed:
        top = closed[-1]
        print(
            f"| saturation throughput, closed loop, {top.devices} devices (applied mutations/s) | "
            f">= {TARGETS['mutations_per_s']:,} | {top.applied_per_s:,.0f} | "
            f"{'yes' if top.applied_per_s >= TARGETS['mutations_per_s'] else 'NO'} |"
        )
    for run in opened:
        floor = KEPT_UP * run.offered
        print(
            f"| open loop, {run.devices} devices: applied mutations/s at {run.offered:,.0f} offered | "
            f">= {floor:,.0f} ({KEPT_UP:.0%} of offered) | {run.applied_per_s:,.0f} | "
            f"{'yes' if run.applied_per_s >= floor and not run.unfinished else 'NO'} |"
        )
        p99 = run.percentile(0.99)
        print(
            f"| open loop, {run.devices} devices: sync p99 from scheduled time (ms) | <= {TARGETS['p99_ms']} | "
            f"{_ms(p99)} | {'yes' if p99 <= TARGETS['p99_ms'] else 'NO'} |"
        )
    for run in (r for r in runs if r.method == "overload"):
        p99 = run.percentile(0.99)
        met = p99 <= TARGETS["overload_p99_ms"] and not run.unfinished
        print(
            f"| overload, {run.devices} devices, {run.offered:,.0f} mutations/s offered: p99 of accepted syncs (ms) | "
            f"<= {TARGETS['overload_p99_ms']:,} | {_ms(p99)} ({run.shed:,} shed) | {'yes' if met else 'NO'} |"
        )


def _per_sync(run: Run, which: int = 1, per_mutation: bool = False) -> str:
    """CPU ms per sync (or per mutation sent) of the API processes (1) or PostgreSQL (2)."""
    cpu = run.cpu[which]
    count = run.syncs
    if per_mutation:
        count = run.syncs * BATCH_SENT[0]
    return "n/a" if cpu is None or not count else f"{1000 * cpu / count:.2f}"


SHED_FROM: list[SimDevice] = []  # every device of this invocation, for the shed count
BATCH_SENT = [10]  # mutations per sync of this invocation (set from --batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL URL (default: a throwaway server)")
    parser.add_argument("--levels", type=int, nargs="*", default=[50, 200], help="closed-loop device counts")
    parser.add_argument("--open-devices", type=int, default=200, help="open-loop devices (0: no open-loop run)")
    parser.add_argument("--period", type=float, default=1.0, help="open loop: seconds between a device's syncs")
    parser.add_argument("--seconds", type=float, default=20)
    # Each API process runs one sync at a time (see central.app), so two per core keep the
    # cores busy while a sync waits on PostgreSQL.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="API processes")
    parser.add_argument("--batch", type=int, default=10, help="mutations per sync")
    parser.add_argument(
        "--flood-rate",
        type=float,
        default=80,
        help="enrolments/s of unknown usernames beside the open loop (0: no flooded run)",
    )
    parser.add_argument("--flood-addresses", type=int, default=4, help="client addresses the flood comes from")
    parser.add_argument(
        "--teams",
        type=int,
        default=20,
        help="teams; every device pulls all of its team's changes, so fewer teams = more fan-out",
    )
    parser.add_argument("--runs", type=int, default=1, help="consecutive runs, each from a fresh database")
    parser.add_argument(
        "--overload",
        type=float,
        default=1.5,
        help="an open-loop level offered this multiple of the closed loop's capacity, to show the shedding (0: none)",
    )
    parser.add_argument(
        "--capacity",
        type=float,
        default=0.0,
        help="syncs/s the overload level multiplies (default: the most the closed and open loops completed)",
    )
    args = parser.parse_args()
    BATCH_SENT[0] = max(1, args.batch)

    every: list[list[Run]] = []
    for number in range(args.runs):
        if args.runs > 1:
            print(f"\n## Run {number + 1} of {args.runs}")
        settings, runs = one_run(args)
        print(settings)
        report(args, runs)
        every.append(runs)
    if args.runs > 1:
        summary(every)


def one_run(args: argparse.Namespace) -> tuple[str, list[Run]]:
    """One measurement from a fresh database and service: (settings read back, runs)."""
    SHED_FROM.clear()
    server = None
    db = args.db
    if db is None:
        reason = pg_server.skip_reason()
        if reason:
            raise SystemExit(reason)
        # Production settings: fsync, synchronous_commit and full_page_writes ON (tests run them off).
        server = pg_server.PostgresServer(pg_server.find_pg_bin(), durable=True)
        server.start()
        db = server.url
    key_folder = tempfile.TemporaryDirectory(prefix="prossimo-bench-")
    key_file = str(Path(key_folder.name) / "central.key")
    try:
        settings = _settings(db, args.workers)
        central(db, "init", "--key-file", key_file)
        central(db, "org", "add", "Bench")
        teams = [central(db, "team", "add", "Bench", f"T{n}") for n in range(args.teams)]
        for number in range(args.teams):  # one operator per team, several devices each
            central(
                db, "operator", "add", "--user", f"op{number}", "--team", teams[number], PROSSIMO_NEW_PASSWORD=PASSWORD
            )
        # The flood's forwarded addresses are believed from loopback only (as from a TLS proxy).
        serve_args = ("--workers", str(args.workers), "--key-file", key_file, "--forwarded-allow-ips", "127.0.0.1")
        # A loaded machine takes a while to start several API processes: wait up to 2 minutes.
        with running_service(db, *serve_args, env=dict(os.environ), wait_s=120) as service:
            meter = CpuMeter(service.process.pid, postmaster_pid(server))
            runs = asyncio.run(measure(args, service.port, teams, meter))
    finally:
        if server is not None:
            server.stop()
        key_folder.cleanup()
    return settings, runs


def summary(every: list[list[Run]]) -> None:
    """The open loop's targets over all runs, each run's margin, and met only if every run met it."""
    rows: list[tuple[str, str, float, bool, list[float]]] = []
    opened = [next(r for r in runs if r.method == "open") for runs in every if any(r.method == "open" for r in runs)]
    if not opened:
        return

    def cpu(run: Run, which: int) -> float:
        value = run.cpu[which]
        return float("inf") if value is None or not run.syncs else 1000 * value / run.syncs

    rows.append(
        (
            "applied mutations/s",
            f">= {KEPT_UP * opened[0].offered:,.0f}",
            KEPT_UP * opened[0].offered,
            True,
            [r.applied_per_s if not r.unfinished else 0.0 for r in opened],
        )
    )
    rows.append(
        ("sync p99 ms", f"<= {TARGETS['p99_ms']}", TARGETS["p99_ms"], False, [r.percentile(0.99) for r in opened])
    )
    rows.append(("API CPU ms/sync", f"<= {TARGETS['api_ms']}", TARGETS["api_ms"], False, [cpu(r, 1) for r in opened]))
    rows.append(
        ("PostgreSQL CPU ms/sync", f"<= {TARGETS['pg_ms']}", TARGETS["pg_ms"], False, [cpu(r, 2) for r in opened])
    )
    overloaded = [
        next(r for r in runs if r.method == "overload") for runs in every if any(r.method == "overload" for r in runs)
    ]
    if len(overloaded) == len(opened):
        rows.append(
            (
                "overload: accepted p99 ms",
                f"<= {TARGETS['overload_p99_ms']:,}",
                TARGETS["overload_p99_ms"],
                False,
                [r.percentile(0.99) if not r.unfinished else float("inf") for r in overloaded],
            )
        )
    first = opened[0]
    print(f"\n## Open loop over {len(opened)} runs ({first.devices} devices, {first.offered:,.0f} offered/s)\n")
    print(
        "| target | goal | "
        + " | ".join(f"run {n + 1} (margin)" for n in range(len(opened)))
        + " | min / median / max | met in every run |"
    )
    print("| --- | ---: | " + " | ".join("---:" for _ in opened) + " | ---: | :---: |")
    for name, goal, bound, at_least, values in rows:
        cells = []
        for value in values:
            margin = (value - bound) / bound if at_least else (bound - value) / bound
            cells.append(f"{value:,.1f} ({margin:+.0%})")
        ordered = sorted(values)
        met = all(v >= bound for v in values) if at_least else all(v <= bound for v in values)
        spread = f"{ordered[0]:,.1f} / {statistics.median(ordered):,.1f} / {ordered[-1]:,.1f}"
        print(f"| {name} | {goal} | " + " | ".join(cells) + f" | {spread} | {'yes' if met else 'NO'} |")


def _settings(db: str, workers: int) -> str:
    """The settings the run had, read back from the server, and the machine before the run."""
    import psycopg

    dsn = db.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        shown = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
            for name in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")
        }
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"\nPostgreSQL: {', '.join(f'{k}={v}' for k, v in shown.items())}; API processes: {workers}; "
        f"machine: {os.cpu_count()} cores, load average before the run {load}"
    )


if __name__ == "__main__":
    main()
