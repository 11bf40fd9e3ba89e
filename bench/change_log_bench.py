"""What the change announcement costs a large write: records stored as a sync stores them.

`desktop.store.changes.ChangeLog` notes, through temporary triggers, the entity of every
row a unit of work writes. Once the app has run one unit its triggers stay installed on
the connection, so they fire for the sync's apply steps too; the initial sync of 100k
records is the write where that would show. This stores N contacts the way the initial sync
does (`store_from_service`, pages of 500, one transaction per page, search index included)
into a new encrypted store, with and without the triggers installed, and prints the CPU
time it took (min / median / max of --runs). Never asserts.

    .venv/bin/python bench/change_log_bench.py [--records 20000] [--runs 3]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store import database, migrations
from desktop.store.database import transaction
from desktop.store.repositories import Identity
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import Contact, demo_data

PAGE = 500
KEY = bytes(range(32))  # a throwaway key for a store deleted at the end


def worker_at(path: Path) -> StoreWorker:
    def opener() -> database.Connection:
        conn = database.create_new(path, KEY) if not path.exists() else database.open_existing(path, KEY)
        migrations.migrate(conn)
        return conn

    return StoreWorker(opener, Identity(device_id=uuid.uuid4(), operator_id=uuid.uuid4()))


def service_pages(folder: Path, records: int) -> list[list[tuple[Contact, str]]]:
    """Contacts as the service sends them: made once in a scratch store, kept as JSON text."""
    scratch = worker_at(folder / "scratch.db")
    made: list[Contact] = []
    rows = list(demo_data.contacts(records))
    for start in range(0, len(rows), PAGE):
        made += scratch.call(lambda s, batch=rows[start : start + PAGE]: s.contacts.create_many(batch))
    scratch.close()
    texts = [(contact, contact.model_dump_json()) for contact in made]
    return [texts[start : start + PAGE] for start in range(0, len(texts), PAGE)]


def store_all(folder: Path, pages: list[list[tuple[Contact, str]]], *, announcing: bool) -> float:
    path = folder / f"store-{uuid.uuid4().hex}.db"
    worker = worker_at(path)
    if announcing:
        worker.call(lambda s: s.run_unit(lambda _s: None))  # what the app's first screen does
    triggers = worker.call(
        lambda s: s.conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0]
    )
    if (triggers > 0) != announcing:  # the comparison would be meaningless
        raise SystemExit(f"expected the triggers {'installed' if announcing else 'absent'}, found {triggers}")

    def store(session: StoreSession, page: list[tuple[Contact, str]]) -> None:
        with transaction(session.conn):  # a page of the sync's answer, as Replica applies it
            session.contacts.store_from_service([c for c, _ in page], [(t, json.loads(t)) for _, t in page])

    # CPU time of this process (the store thread does the work; the caller only waits): on a
    # machine shared with other jobs it moves far less than the wall clock does.
    start = time.process_time()
    for page in pages:
        worker.call(lambda s, p=page: store(s, p))
    elapsed = time.process_time() - start
    worker.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prossimo-changelog-bench-") as tmp:
        folder = Path(tmp)
        pages = service_pages(folder, args.records)
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.runs):  # interleaved, so a noisy moment hits both
            for announcing in (False, True):
                times[announcing].append(store_all(folder, pages, announcing=announcing))
    print(f"{args.records} contacts stored as a sync stores them (pages of {PAGE}), {args.runs} runs\n")
    print("| triggers | CPU min (s) | CPU median (s) | CPU max (s) |")
    print("| --- | ---: | ---: | ---: |")
    for announcing, label in ((False, "not installed"), (True, "installed (the app)")):
        t = times[announcing]
        print(f"| {label} | {min(t):.2f} | {statistics.median(t):.2f} | {max(t):.2f} |")
    ratio = statistics.median(times[True]) / statistics.median(times[False])
    print(f"\nmedian with / without: {ratio:.3f}")


if __name__ == "__main__":
    main()
