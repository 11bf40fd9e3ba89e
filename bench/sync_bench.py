"""Sync benchmark: a device's initial sync of 100k records, then the small syncs of every day.

The service is `prossimo-central serve` on loopback (SQLite by default, or --db URL),
seeded directly with N records of about 1 KB each (half contacts, each with a phone number
of its own, so no cache of parsed numbers flatters the apply; half case notes).
The device runs in a child process, so its peak memory is the device's alone: a new
encrypted profile is enrolled and syncs into an empty SQLCipher store. Then:
incremental sync of one record changed by a colleague, an idle sync, and 100 local
changes pushed. Prints requests, bytes on the wire and time. Never asserts.

The local limit: the same pages are pulled again and applied, page by page, into a fresh
encrypted store through the same `Replica.apply_answer`, with no network; the initial
sync's ratio to it is printed (wall and device CPU), with how compressible the pulled JSON
is (gzip level 6). Case notes are about 900 bytes of words drawn from a vocabulary of
about 4,000, with names, dates and numbers, so they do not compress like repeated lines.
--runs N repeats the device's part against the same service and prints min/median/max.

    .venv/bin/python bench/sync_bench.py [--records 100000] [--runs 3] [--db URL]
"""

import argparse
import datetime as dt
import gzip
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.service_process import running_service

PASSWORD = "benchmark password 123"
PASSPHRASE = "benchmark passphrase 123"
TARGETS = {"initial_s": 10.0, "initial_mb": 300.0, "one_change_bytes": 2048, "idle_bytes": 1024}
WORDS = (
    "incontro stazione unità strada parla casa lavoro salute chiede informazioni dormitorio mensa "
    "accetta tornare giovedì sorella figlio medico SerD appuntamento comune affitto bollette colloquio "
    "centro diurno volontari documenti residenza permesso farmaci dolore freddo coperta telefono "
    "scuola bambini assistente sociale tribunale debiti lavoretti cantiere furgone parrocchia"
).split()


NAMES = (
    "Giulia Marco Amina Luca Fatima Paolo Elena Karim Sara Davide Ioana Matteo Chiara Youssef Anna Bogdan "
    "Rossi Bianchi Ferrari Esposito Romano Colombo Ricci Marino Greco Bruno Gallo Conti Popescu El-Amrani"
).split()


def _vocabulary(rng: "random.Random", size: int = 4000) -> list[str]:
    """A sizeable vocabulary: the field words plus made-up words of Italian-like syllables,
    so the text compresses like real notes rather than like a few repeated sentences."""
    syllables = "ba be ci co da de fi fo ga gi la le lo ma me ni no pa pe ra re ri sa se so ta te to va ve zo".split()
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return WORDS + sorted(made)


def note_text(rng: "random.Random", vocabulary: list[str]) -> str:
    """About 900 bytes: varied words, names, dates and numbers."""
    parts = []
    for _ in range(120):
        roll = rng.random()
        if roll < 0.05:
            parts.append(f"{rng.choice(NAMES)} {rng.choice(NAMES)}")
        elif roll < 0.08:
            parts.append(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2026)}")
        elif roll < 0.12:
            parts.append(str(rng.randint(1, 9999)))
        else:
            parts.append(rng.choice(vocabulary))
    return " ".join(parts)


def seed(db_url: str, records: int) -> tuple[str, str]:
    """An organisation, a team, two operators and `records` records in the team's caseload."""
    from sqlalchemy import insert, text

    from central import security
    from central.db import make_engine, session_factory, upgrade
    from central.models import Membership, Operator, Organisation, StoredRecord, Team
    from protocol import Contact, Note, new_id

    engine = make_engine(db_url)
    upgrade(engine)
    org, team = uuid.uuid4(), uuid.uuid4()
    device = uuid.uuid4()
    with session_factory(engine).begin() as session:
        session.add(Organisation(id=org, name=f"Bench {org.hex[:6]}"))
        session.flush()
        session.add(Team(id=team, organisation_id=org, name="Unità di strada"))
        for name in ("field", "colleague"):
            operator = Operator(
                id=uuid.uuid4(),
                organisation_id=org,
                username=f"{name}-{org.hex[:6]}",
                password_hash=security.hash_password(PASSWORD),
            )
            session.add(operator)
            session.flush()
            session.add(Membership(operator_id=operator.id, team_id=team))
    now = dt.datetime.now(dt.UTC)
    rng = random.Random(2026)
    vocabulary = _vocabulary(rng)
    rows, version, contacts = [], 0, []
    for number in range(records):
        version += 1
        if number % 2 == 0:
            record = Contact(
                id=new_id(),
                created_at=now,
                updated_at=now,
                author_device_id=device,
                server_version=version,
                given_name=f"Persona{number}",
                family_name="Rossi",
                municipality="Lodi",
                phone=f"+39 3{number % 7 + 1}{number // 7 % 10} {number // 70:07d}",  # each contact its own number
                address=f"Via Roma {number}",
                email=f"persona{number}@example.org",
                tags=["outreach", "housing"],
                team_id=team,
            )
            contacts.append(record.id)
            contact_id = record.id
        else:
            record = Note(
                id=new_id(),
                created_at=now,
                updated_at=now,
                author_device_id=device,
                server_version=version,
                contact_id=contacts[-1],
                occurred_at=now,
                body=note_text(rng, vocabulary),
            )
            contact_id = contacts[-1]
        rows.append(stored_row(record, org, team, contact_id, version))
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(StoredRecord), rows[start : start + 5000])
        conn.execute(text("UPDATE counter SET value = value + :n WHERE name = 'change_seq'"), {"n": version})
    engine.dispose()
    average = sum(len(r["body"]) for r in rows) / max(1, len(rows))
    print(f"seeded {records:,} records, {average:,.0f} bytes of JSON each on average", file=sys.stderr)
    return f"field-{org.hex[:6]}", f"colleague-{org.hex[:6]}"


def stored_row(record: Any, org: uuid.UUID, team: uuid.UUID, contact_id: str, version: int) -> dict[str, Any]:
    """The service's `record` row for a record seeded straight into its database, as a sync
    that created it at `version` would have left it (one source for the benches that seed)."""
    return {
        "id": record.id,
        "entity": record.ENTITY,
        "organisation_id": org,
        "team_id": team,
        "contact_id": contact_id,
        "version": version,
        "deleted": False,
        "body": record.model_dump_json(),
        "field_versions": {name: [version, None] for name in type(record).content_fields()},
        "created_version": version,
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that across
    execve, so a child would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: an upper bound


def device_run(server: str, field_user: str, colleague_user: str) -> None:
    """The device's side, in its own process: prints one JSON line of measurements."""
    from desktop.store.keys import NoKeyring
    from desktop.store.profile import Profile
    from desktop.sync.engine import SyncEngine, enrol

    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    results: dict[str, dict] = {}

    def device(name: str, user: str):
        profile = Profile.create(folder / name, PASSPHRASE, vault=NoKeyring())
        store = profile.open(PASSPHRASE)
        enrol(profile, store, server, user, PASSWORD, device_name=name)
        return store, SyncEngine(store)

    store, engine = device("field", field_user)
    baseline = peak_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    report = engine.sync()
    results["initial"] = {
        **report.as_dict(),
        "seconds": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu,
        "peak_mb": peak_rss_mb(),
        "baseline_mb": baseline,
    }
    colleague_store, colleague = device("colleague", colleague_user)
    # The colleague's own new record, changed below: with --runs N each run changes a record of
    # its own (changing the first of the list again to the same value was no change at all).
    contact = colleague_store.call(lambda s: s.contacts.create(given_name="Nuova", municipality="Lodi"))
    colleague.sync()  # pushes the new record (and, once, pulls the caseload; not measured)
    engine.sync()  # the new record arrives here
    colleague_store.call(lambda s: s.contacts.update(contact.id, municipality="Cremona"))
    colleague.sync()
    start = time.perf_counter()
    results["one_change"] = {**engine.sync().as_dict(), "seconds": time.perf_counter() - start}
    start = time.perf_counter()
    results["idle"] = {**engine.sync().as_dict(), "seconds": time.perf_counter() - start}
    store.call(lambda s: s.contacts.create_many([{"given_name": f"Locale{n}"} for n in range(100)]))
    start = time.perf_counter()
    results["hundred_local"] = {**engine.sync().as_dict(), "seconds": time.perf_counter() - start}
    results["store_mb"] = {"size": (folder / "field" / "store.db").stat().st_size / 2**20}
    results["local"] = local_limit(folder, store, engine)
    for worker, eng in ((store, engine), (colleague_store, colleague)):
        eng.close()
        worker.close()
    print(json.dumps(results))


def local_limit(folder: Path, store: Any, engine: Any) -> dict[str, float]:
    """The same records inserted straight into a fresh encrypted store, no network: the
    pages are pulled again from the start (after every measurement above) and kept in
    memory, then fed, one page per call, to the same `Replica.apply_answer` a sync uses."""
    from desktop.store.keys import NoKeyring
    from desktop.store.profile import Profile

    outgoing = store.call(lambda s: s.replica.outgoing(1))
    transport = engine._transport  # the engine's own session: same service, same token
    pages: list[dict[str, Any]] = []
    cursor, token = None, outgoing.token
    while True:
        answer = transport.sync(token, {"cursor": cursor, "mutations": [], "page_size": engine.page_size})
        token = answer.pop("new_device_token", None) or token
        pages.append(answer)
        cursor = answer["cursor"]
        if not answer.get("more"):
            break
    pages[-1]["more"] = False
    raw = b"".join(json.dumps(page, separators=(",", ":")).encode() for page in pages)
    packed = sum(len(gzip.compress(json.dumps(page, separators=(",", ":")).encode(), 6)) for page in pages)
    profile = Profile.create(folder / "local", PASSPHRASE, vault=NoKeyring())
    local = profile.open(PASSPHRASE)
    start, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        local.call(lambda s, p=page: s.replica.apply_answer(p, []))
    result = {
        "seconds": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu,
        "records": sum(len(page.get("changes", [])) for page in pages),
        "json_bytes": len(raw),
        "gzip_ratio": len(raw) / max(1, packed),
    }
    local.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="device runs against the same service (min/median/max)")
    parser.add_argument("--db", help="service database URL (default: a SQLite file in a temp folder)")
    parser.add_argument("--device", nargs=3, metavar=("SERVER", "USER", "COLLEAGUE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.device:
        device_run(*args.device)
        return

    db_url = args.db or f"sqlite:///{tempfile.mkdtemp(prefix='sync-bench-central-')}/central.db"
    field_user, colleague_user = seed(db_url, args.records)
    with running_service(db_url) as service:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
        runs = []
        for _ in range(max(1, args.runs)):
            out = subprocess.run(
                [sys.executable, __file__, "--device", service.url, field_user, colleague_user],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
    results = runs[-1]
    engine_name = "PostgreSQL" if db_url.startswith("postgresql") else "SQLite"
    print(
        f"\nSync benchmark: {args.records:,} records (half contacts, half case notes, ~1 KB each) on the "
        f"central service ({engine_name}, one process), loopback, device in its own process, pages of 2,000\n"
    )
    print("| sync | requests | sent | received | pushed | pulled | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    names = {
        "initial": "initial, empty encrypted store",
        "one_change": "one record changed by a colleague",
        "idle": "idle (nothing new)",
        "hundred_local": "100 local changes",
    }
    for key, label in names.items():
        row = results[key]
        print(
            f"| {label} | {row['requests']} | {row['bytes_sent']:,} B | {row['bytes_received']:,} B | "
            f"{row['pushed']:,} | {row['pulled']:,} | {row['seconds']:.2f} |"
        )
    initial = results["initial"]
    one, idle, hundred = results["one_change"], results["idle"], results["hundred_local"]
    print(
        f"\nDevice process peak memory: {initial['peak_mb']:.0f} MB (before the sync: "
        f"{initial['baseline_mb']:.0f} MB); store after the initial sync: {results['store_mb']['size']:.0f} MB\n"
    )
    local = results["local"]
    print(f"Pulled pages: {local['json_bytes']:,} bytes of JSON, gzip (level 6) ratio {local['gzip_ratio']:.2f}:1\n")
    summary = {
        "initial sync wall (s)": [r["initial"]["seconds"] for r in runs],
        "initial sync device CPU (s)": [r["initial"]["cpu_s"] for r in runs],
        "local insert wall (s)": [r["local"]["seconds"] for r in runs],
        "local insert CPU (s)": [r["local"]["cpu_s"] for r in runs],
        "ratio sync / local, wall": [r["initial"]["seconds"] / r["local"]["seconds"] for r in runs],
        "ratio sync / local, CPU": [r["initial"]["cpu_s"] / r["local"]["cpu_s"] for r in runs],
        "device peak memory (MB)": [r["initial"]["peak_mb"] for r in runs],
    }
    print(f"| over {len(runs)} run(s) | min | median | max |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in summary.items():
        print(f"| {name} | {min(values):.2f} | {statistics.median(values):.2f} | {max(values):.2f} |")
    print()
    worst_ratio = max(summary["ratio sync / local, wall"])
    rows = [
        ("initial sync / local insert (wall, worst run)", "<= 1.2", f"{worst_ratio:.2f}", worst_ratio <= 1.2),
        (
            "initial sync time (s)",
            f"<= {TARGETS['initial_s']:.0f}",
            f"{max(summary['initial sync wall (s)']):.2f}",
            max(summary["initial sync wall (s)"]) <= TARGETS["initial_s"],
        ),
        (
            "initial sync peak memory (MB)",
            f"<= {TARGETS['initial_mb']:.0f}",
            f"{max(summary['device peak memory (MB)']):.0f}",
            max(summary["device peak memory (MB)"]) <= TARGETS["initial_mb"],
        ),
        ("one change: requests", "1", str(one["requests"]), one["requests"] == 1),
        (
            "one change: bytes both ways",
            f"<= {TARGETS['one_change_bytes']:,}",
            f"{one['bytes_sent'] + one['bytes_received']:,}",
            one["bytes_sent"] + one["bytes_received"] <= TARGETS["one_change_bytes"],
        ),
        ("idle: requests", "1", str(idle["requests"]), idle["requests"] == 1),
        (
            "idle: bytes both ways",
            f"<= {TARGETS['idle_bytes']:,}",
            f"{idle['bytes_sent'] + idle['bytes_received']:,}",
            idle["bytes_sent"] + idle["bytes_received"] <= TARGETS["idle_bytes"],
        ),
        ("100 local changes: requests", "1", str(hundred["requests"]), hundred["requests"] == 1),
    ]
    print("| target | goal | measured | met |")
    print("| --- | ---: | ---: | :---: |")
    for name, goal, measured, met in rows:
        print(f"| {name} | {goal} | {measured} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()
