"""Search benchmark: what the Contacts and Resources search boxes cost per keystroke on a large store.

Issue 14 item 6. Builds one encrypted store through the real repositories (validation,
projections, FTS rows): `--contacts` demo contacts (`protocol.demo_data.contacts`, 70 %
with an Italian or Finnish mobile number) and `--resources` demo services (the Lodi
directory's generator). Then, `--runs` times over the same store, it times the calls
the screens make on every keystroke:

- phone search: `contact_queries.search_ids` (the Contacts list) for numbers of stored
  contacts typed the ways people type them: digits only, spaced, +39 / +358, 0039 /
  00358, and the national form with its trunk 0 ("040 123 4567");
- name search: the same call with 3-6 letter prefixes of names and places, for comparison;
- resource search: `directory_queries.find_resources` (the Resources list, at most 500)
  for category words in it/en/fi ("casa", "asunto", ...), service words, towns, and
  two-word queries.

Prints one Markdown row per measure and run (p50, p95 in ms, and the CPU p95 beside the
wall p95, with the machine's load average after the run, so that a busy machine shows as
wall far above CPU), then min / median / max of the p95 across runs. Never asserts.

    .venv/bin/python bench/search_bench.py [--contacts 100000] [--resources 3000] [--runs 3]
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import phonenumbers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store import contact_queries, database, directory_queries, migrations
from desktop.store.repositories import Identity
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import demo_data

BATCH = 2_000
QUERIES = 300
RESOURCE_WORDS = [
    "casa",
    "asunto",
    "asuminen",
    "housing",
    "mensa",
    "lavoro",
    "salute",
    "dipendenze",
    "giovani",
    "donne",
    "sportello",
    "centro",
    "lodi",
    "codogno",
    "casalpusterlengo",
    "caritas",
    "cas",
    "men",
    "casa lodi",
    "mensa codogno",
    "sportello lavoro",
    "hätämajoitus",
    "ruoka",
    "työ",
]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def typed_forms(number: str, rng: random.Random) -> str:
    """One way a person might type a stored number (phonenumbers directly, not protocol.phones,
    so that the same queries run on a tree from before the change, for comparison)."""
    parsed = phonenumbers.parse(number, "IT")
    national = re.sub(r"\D", "", phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:]
    spaced = f"{national[:3]} {national[3:6]} {national[6:]}"
    return rng.choice([national, spaced, "+" + e164, "00" + e164, f"+{e164[:2]} {e164[2:5]} {e164[5:]}", national[:6]])


def name_prefixes(count: int, rng: random.Random) -> list[str]:
    words = demo_data.GIVEN_NAMES + demo_data.FAMILY_NAMES + demo_data.MUNICIPALITIES
    return [rng.choice(words).split()[0].replace("'", "")[: rng.randint(3, 6)].lower() for _ in range(count)]


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call. The CPU is the process's: the caller only waits on the
    store thread, so it is the store's work; wall far above it means the machine was busy."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def load() -> str:
    """The machine's 1-minute load average and its core count."""
    return f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def build(path: Path, key: bytes, contacts: int, resources: int) -> StoreWorker:
    def opener() -> database.Connection:
        conn = database.create_new(path, key) if not path.exists() else database.open_existing(path, key)
        migrations.migrate(conn)
        return conn

    worker = StoreWorker(opener, Identity(device_id=uuid.uuid4(), operator_id=uuid.uuid4()))
    rows = list(demo_data.contacts(contacts))
    for start in range(0, len(rows), BATCH):
        worker.call(lambda s, c=rows[start : start + BATCH]: s.contacts.create_many(c))
    services = list(demo_data.resources(resources))
    for start in range(0, len(services), BATCH):
        worker.call(lambda s, c=services[start : start + BATCH]: s.resources.create_many(c))
    return worker


def measure(worker: StoreWorker, numbers: list[str], names: list[str]) -> dict[str, tuple[float, float, float]]:
    def p(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
        """(wall p50, wall p95, CPU p95)."""
        walls = [wall for wall, _cpu in pairs]
        return statistics.median(walls), percentile(walls, 95), percentile([cpu for _wall, cpu in pairs], 95)

    def contacts(text: str) -> Callable[[StoreSession], object]:
        return lambda s: contact_queries.search_ids(s, text)

    def directory(text: str) -> Callable[[StoreSession], object]:
        return lambda s: directory_queries.find_resources(s, text=text)

    words = (RESOURCE_WORDS * (QUERIES // len(RESOURCE_WORDS) + 1))[: QUERIES // 2]
    return {
        "phone search (contacts)": p([timed(lambda t=t: worker.call(contacts(t))) for t in numbers]),
        "name search (contacts)": p([timed(lambda t=t: worker.call(contacts(t))) for t in names]),
        "resource search": p([timed(lambda t=t: worker.call(directory(t))) for t in words]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--resources", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    load_before = load()
    with tempfile.TemporaryDirectory(prefix="prossimo-search-bench-") as tmp:
        started = time.perf_counter()
        worker = build(Path(tmp) / "store.db", bytes(range(32)), args.contacts, args.resources)  # throwaway key
        print(f"  store built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        with worker:
            stored = worker.call(
                lambda s: [
                    row[0]
                    for row in s.conn.execute(
                        "SELECT json_extract(body, '$.phone') FROM contact"
                        " WHERE json_extract(body, '$.phone') IS NOT NULL"
                    )
                ]
            )
            numbers = [typed_forms(rng.choice(stored), rng) for _ in range(QUERIES)]
            names = name_prefixes(QUERIES, rng)
            runs, loads = [], []
            for _ in range(args.runs):
                runs.append(measure(worker, numbers, names))
                loads.append(os.getloadavg()[0])

    print(
        f"\nSearch benchmark: {args.contacts:,} contacts, {args.resources:,} resources, SQLCipher; "
        f"{QUERIES} phone and {QUERIES} name queries, {QUERIES // 2} resource queries per run; {args.runs} runs; "
        f"machine load (1 min) {load_before} before, {load()} after\n"
    )
    print("| measure | run | p50 ms | p95 ms | CPU p95 ms | load (1 min) after the run |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for index, (run, run_load) in enumerate(zip(runs, loads, strict=True), start=1):
        for name, (p50, p95, cpu95) in run.items():
            print(f"| {name} | {index} | {p50:.2f} | {p95:.2f} | {cpu95:.2f} | {run_load:.2f} |")
    print("\n| measure | p95 min ms | p95 median ms | p95 max ms | CPU p95 median ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in runs[0]:
        p95s = [run[name][1] for run in runs]
        cpu = statistics.median(run[name][2] for run in runs)
        print(f"| {name} | {min(p95s):.2f} | {statistics.median(p95s):.2f} | {max(p95s):.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
