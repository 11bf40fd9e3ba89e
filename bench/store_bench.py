"""Store benchmark: SQLCipher versus plain SQLite on the identical schema and code.

Deterministically generates contacts, appointments and resources (default 100k /
200k / 10k, the sizes of the targets), writes them through the real repositories
(validation, projections, FTS and outbox rows included) in batches, then measures
FTS search, the first page of contacts sorted by name and reads by id.

"Plain" is the same sqlcipher3 build opened without a key, which is plain SQLite:
the ratio isolates the cost of encryption. Prints Markdown tables; never asserts.

    .venv/bin/python bench/store_bench.py [--contacts N --appointments N --resources N]
"""

import argparse
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


def run(label: str, opener: Callable[[], database.Connection], sizes: dict[str, int]) -> dict[str, float]:
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
        samples = [timed(lambda t=t: worker.call(lambda s: s.contacts.search(t, limit=50))) for t in terms]
        results["search p50 ms"] = statistics.median(samples)
        results["search p95 ms"] = percentile(samples, 95)
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
    print(f"  {label}: done", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--appointments", type=int, default=200_000)
    parser.add_argument("--resources", type=int, default=10_000)
    args = parser.parse_args()
    sizes = {"contacts": args.contacts, "appointments": args.appointments, "resources": args.resources}
    with tempfile.TemporaryDirectory(prefix="prossimo-bench-") as tmp:
        key = bytes(range(32))  # throwaway benchmark key
        cipher = run("sqlcipher", open_encrypted(Path(tmp) / "cipher.db", key), sizes)
        plain = run("plain", open_plain(Path(tmp) / "plain.db"), sizes)
        cipher_mb = (Path(tmp) / "cipher.db").stat().st_size / 1e6
        plain_mb = (Path(tmp) / "plain.db").stat().st_size / 1e6

    print(
        f"\nStore benchmark: {args.contacts:,} contacts, {args.appointments:,} appointments, "
        f"{args.resources:,} resources; batches of {BATCH}; {QUERIES} searches\n"
    )
    print("| measure | SQLCipher | plain SQLite | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name in cipher:
        c, p = cipher[name], plain[name]
        # Throughput ratio is inverted so that >1 always means "SQLCipher is slower".
        ratio = p / c if name.endswith("/s") else (c / p if p else float("nan"))
        fmt = "{:,.0f}" if name.endswith("/s") or name == "outbox rows" else "{:.2f}"
        print(f"| {name} | {fmt.format(c)} | {fmt.format(p)} | {ratio:.2f}x |")
    print(f"| database size MB | {cipher_mb:.1f} | {plain_mb:.1f} | {cipher_mb / plain_mb:.2f}x |")
    read_ratio = max(cipher[k] / plain[k] for k in ("search p95 ms", "first page p95 ms", "get by id p50 ms"))
    write_ratio = max(plain[k] / cipher[k] for k in cipher if k.endswith("/s"))
    print("\n| target | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    rows = [
        ("FTS search p95 (ms)", TARGETS["search_p95_ms"], cipher["search p95 ms"]),
        ("first page sorted by name (p95 ms)", TARGETS["first_page_ms"], cipher["first page p95 ms"]),
        ("SQLCipher/plain, reads (worst)", TARGETS["read_ratio"], read_ratio),
        ("SQLCipher/plain, bulk writes (worst)", TARGETS["write_ratio"], write_ratio),
    ]
    for name, goal, value in rows:
        print(f"| {name} | <= {goal} | {value:.2f} | {'yes' if value <= goal else 'NO'} |")


if __name__ == "__main__":
    main()
