"""Store benchmark: SQLCipher versus plain SQLite on the identical schema and code.

Deterministically generates contacts, appointments and resources (default 100k /
200k / 10k, the sizes of the targets), writes them through the real repositories
(validation, projections, FTS and outbox rows included) in batches, then measures
FTS search, the first page of contacts sorted by name and reads by id.

"Plain" is the same sqlcipher3 build opened without a key, which is plain SQLite:
the ratio isolates the cost of encryption. Prints Markdown tables; never asserts.

`--runs` (default 2) builds fresh stores for both engines each run and alternates which
engine goes first (SQLCipher first in odd runs, plain SQLite first in even runs), so a
warm-up or page-cache effect cannot favour one engine; it prints which went first in
each run and min / median / max per engine. Search prints its CPU p95 beside the wall
p95, and the machine's load average is printed per run and around the whole bench, so a
reader sees when the machine was busy (wall far above CPU). `--scale` shrinks every size at once
(0.1 = 10k contacts) for a quick run.

    .venv/bin/python bench/store_bench.py [--runs N] [--scale F] [--contacts N --appointments N --resources N]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store import database, migrations
from desktop.store.repositories import Identity
from desktop.store.worker import StoreWorker
from protocol import demo_data

BATCH = 2_000
QUERIES = 300
TARGETS = {"search_p95_ms": 20.0, "first_page_ms": 10.0, "read_ratio": 1.3, "write_ratio": 2.0}


def open_encrypted(path: Path, key: bytes) -> Callable[[], database.Connection]:
    def opener() -> database.Connection:
        conn = database.create_new(path, key)
        migrations.migrate(conn)
        return conn

    return opener


def open_plain(path: Path) -> Callable[[], database.Connection]:
    def opener() -> database.Connection:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA temp_store = MEMORY")
        database.apply_runtime_pragmas(conn)
        migrations.migrate(conn)
        return conn

    return opener


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def search_terms(count: int) -> list[str]:
    """Prefixes an operator would type: 3-6 letters of names and places, accents dropped."""
    rng = random.Random(7)
    words = demo_data.GIVEN_NAMES + demo_data.FAMILY_NAMES + demo_data.MUNICIPALITIES
    terms = []
    for _ in range(count):
        word = rng.choice(words).split()[0].replace("'", "")
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
        terms.append(plain[: rng.randint(3, 6)].lower())
    return terms


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def timed_both(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call. The CPU is the process's (every thread): the caller
    only waits on the store thread, so it is the store's work, and a wall figure far above
    it says the machine was busy with something else."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def load() -> str:
    """The machine's 1-minute load average and its core count, e.g. "1.62 on 2 cores"."""
    return f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def run(label: str, opener: Callable[[], database.Connection], sizes: dict[str, int]) -> dict[str, float]:
    """One engine's build and measures on a fresh store."""
    operator = uuid.UUID("0190f0c2-0000-7000-8000-000000000001")
    worker = StoreWorker(opener, Identity(device_id=uuid.uuid4(), operator_id=operator))
    results: dict[str, float] = {}
    with worker:

        def insert(entity: str, rows: list[dict]) -> float:
            start = time.perf_counter()
            for i in range(0, len(rows), BATCH):
                chunk = rows[i : i + BATCH]
                worker.call(lambda s, c=chunk: getattr(s, entity).create_many(c))
            return len(rows) / (time.perf_counter() - start)

        contacts = list(demo_data.contacts(sizes["contacts"]))
        results["insert contacts/s"] = insert("contacts", contacts)
        ids = worker.call(lambda s: [uuid.UUID(r[0]) for r in s.conn.execute("SELECT id FROM contact")])
        results["insert resources/s"] = insert("resources", list(demo_data.resources(sizes["resources"])))
        appts = list(demo_data.appointments(sizes["appointments"], ids, operator))
        results["insert appointments/s"] = insert("appointments", appts)

        terms = search_terms(QUERIES)
        pairs = [timed_both(lambda t=t: worker.call(lambda s: s.contacts.search(t, limit=50))) for t in terms]
        samples = [wall for wall, _cpu in pairs]
        results["search p50 ms"] = statistics.median(samples)
        results["search p95 ms"] = percentile(samples, 95)
        results["search CPU p95 ms"] = percentile([cpu for _wall, cpu in pairs], 95)
        results["load (1 min) at the searches"] = os.getloadavg()[0]
        samples = [timed(lambda t=t: worker.call(lambda s: s.resources.search(t, limit=50))) for t in terms[:100]]
        results["resource search p95 ms"] = percentile(samples, 95)
        samples = [timed(lambda: worker.call(lambda s: s.contacts.page(limit=50))) for _ in range(200)]
        results["first page p50 ms"] = statistics.median(samples)
        results["first page p95 ms"] = percentile(samples, 95)
        rng = random.Random(11)
        picks = [rng.choice(ids) for _ in range(1000)]
        samples = [timed(lambda i=i: worker.call(lambda s: s.contacts.get(i))) for i in picks]
        results["get by id p50 ms"] = statistics.median(samples)
        results["outbox rows"] = worker.call(lambda s: s.outbox.count())
    print(f"  {label}: done, load {load()}", file=sys.stderr)
    return results


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--appointments", type=int, default=200_000)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (0.1 for a quick run)")
    parser.add_argument("--runs", type=int, default=2, help="runs, alternating which engine goes first")
    args = parser.parse_args()
    if args.runs < 1 or args.scale <= 0:
        parser.error("--runs must be at least 1 and --scale above 0")
    sizes = {
        name: max(1, round(value * args.scale))
        for name, value in (
            ("contacts", args.contacts),
            ("appointments", args.appointments),
            ("resources", args.resources),
        )
    }
    engines = ("SQLCipher", "plain SQLite")
    results: dict[str, list[dict[str, float]]] = {engine: [] for engine in engines}
    firsts: list[str] = []
    key = bytes(range(32))  # throwaway benchmark key
    load_before = load()
    for index in range(args.runs):
        order = engines if index % 2 == 0 else engines[::-1]
        firsts.append(order[0])
        with tempfile.TemporaryDirectory(prefix="prossimo-bench-") as tmp:
            for engine in order:
                path = Path(tmp) / ("cipher.db" if engine == "SQLCipher" else "plain.db")
                opener = open_encrypted(path, key) if engine == "SQLCipher" else open_plain(path)
                measured = run(f"run {index + 1} {engine}", opener, sizes)
                measured["database size MB"] = path.stat().st_size / 1e6
                results[engine].append(measured)

    print(
        f"\nStore benchmark: {sizes['contacts']:,} contacts, {sizes['appointments']:,} appointments, "
        f"{sizes['resources']:,} resources; batches of {BATCH}; {QUERIES} searches; {args.runs} runs; "
        f"machine load (1 min) {load_before} before, {load()} after\n"
    )
    print("| run | went first |")
    print("| ---: | --- |")
    for index, first in enumerate(firsts, start=1):
        print(f"| {index} | {first} |")
    print("\n| measure | SQLCipher min / median / max | plain SQLite min / median / max | ratio of medians |")
    print("| --- | ---: | ---: | ---: |")
    cipher_runs, plain_runs = results["SQLCipher"], results["plain SQLite"]
    medians: dict[str, dict[str, float]] = {engine: {} for engine in engines}
    for name in cipher_runs[0]:
        fmt = "{:,.0f}" if name.endswith("/s") or name == "outbox rows" else "{:.2f}"
        cells = []
        for engine in engines:
            low, mid, high = spread([r[name] for r in results[engine]])
            medians[engine][name] = mid
            cells.append(" / ".join(fmt.format(v) for v in (low, mid, high)))
        c, p = medians["SQLCipher"][name], medians["plain SQLite"][name]
        # Throughput ratio is inverted so that >1 always means "SQLCipher is slower".
        ratio = p / c if name.endswith("/s") else (c / p if p else float("nan"))
        shown = "" if name.startswith("load") else f"{ratio:.2f}x"  # the machine's, not the engine's
        print(f"| {name} | {cells[0]} | {cells[1]} | {shown} |")

    def worst(key_name: str, reads: bool) -> float:
        # Per run, so that no run's miss hides behind a median.
        pairs = zip(cipher_runs, plain_runs, strict=True)
        return max((c[key_name] / p[key_name]) if reads else (p[key_name] / c[key_name]) for c, p in pairs)

    read_ratio = max(worst(k, True) for k in ("search p95 ms", "first page p95 ms", "get by id p50 ms"))
    write_ratio = max(worst(k, False) for k in cipher_runs[0] if k.endswith("/s"))
    print("\n| target | goal | SQLCipher, worst run | met in every run |")
    print("| --- | ---: | ---: | :---: |")
    rows = [
        ("FTS search p95 (ms)", TARGETS["search_p95_ms"], max(r["search p95 ms"] for r in cipher_runs)),
        (
            "first page sorted by name (p95 ms)",
            TARGETS["first_page_ms"],
            max(r["first page p95 ms"] for r in cipher_runs),
        ),
        ("SQLCipher/plain, reads (worst)", TARGETS["read_ratio"], read_ratio),
        ("SQLCipher/plain, bulk writes (worst)", TARGETS["write_ratio"], write_ratio),
    ]
    for name, goal, value in rows:
        print(f"| {name} | <= {goal} | {value:.2f} | {'yes' if value <= goal else 'NO'} |")
    cpu_worst = max(r["search CPU p95 ms"] for r in cipher_runs)
    print(
        f"\nFTS search CPU p95, worst run: {cpu_worst:.2f} ms (wall above CPU by much means the machine "
        "was busy: see the load per run in the table)."
    )


if __name__ == "__main__":
    main()
