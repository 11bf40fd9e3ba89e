"""Help-desk pages: what each weighs on the wire, and how fast the service renders them under load.

Starts the real service (`prossimo-central serve`, tests/service_process.py) on a throwaway
SQLite file and, with --postgresql, on a throwaway PostgreSQL (tests/pg_server.py) too, holding
the demo (`prossimo-central demo`: two teams, their bookable times of the next three weeks, the
information pages and testimonies). Then:

- Weights: every page (home, first contact, booking: the team's choice and each team's free
  times, status, each published page; the public directory: the whole list, a keyword search
  with distances and its map, a category's second page, and a service's page) in it, en and fi: the HTML's
  bytes, its gzip bytes as served (Content-Encoding from the service), and that plus the
  gzipped style sheet and script: the page's whole weight on a first visit (budget 30 KB).
- Render time: 50 concurrent visitors (threads, one keep-alive connection each) load pages
  round-robin for --seconds; p50 and p95 of the time to the last byte, pages per second, and
  the service's CPU seconds. Only GETs: a first contact is limited to 5 per hour per address
  (central.intake), so posting under load would measure the rate limit.
- With --screenshots DIR: phone-width (360 px) full-page screenshots in Debian's Chromium.

Never asserts; prints tables.

    .venv/bin/python bench/help_pages_bench.py [--visitors 50] [--seconds 10] [--postgresql] [--screenshots DIR]
"""

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests
from sqlalchemy import select

from central import demo
from central.db import make_engine, session_factory, upgrade
from central.help import content
from central.help.i18n import LANGUAGES
from central.models import StoredRecord, Team
from tests import pg_server
from tests.service_process import running_service

BUDGET = 30 * 1024


def prepare(db_url: str) -> list[str]:
    """The schema and the demo (its teams' bookable times and pages); the paths of every page."""
    engine = make_engine(db_url)
    upgrade(engine)
    with session_factory(engine).begin() as session:
        demo.create(session, contacts_per_team=20)
    with session_factory(engine)() as session:
        pages = [f"/help/{p.language}/info/{p.slug}" for p in content.listing(session, published_only=True)]
        team_ids = session.scalars(select(Team.id).order_by(Team.name)).all()
        service_id = session.scalars(
            select(StoredRecord.id).where(StoredRecord.entity == "resource").order_by(StoredRecord.id)
        ).first()
    engine.dispose()
    paths = []
    for language in LANGUAGES:
        paths += [f"/help/{language}/", f"/help/{language}/contact", f"/help/{language}/status"]
        paths += [f"/help/{language}/book", *(f"/help/{language}/book?team={team}" for team in team_ids)]
        paths += [f"/help/{language}/services", f"/help/{language}/services?q=casa&near=Codogno"]
        paths += [f"/help/{language}/services?category=food&page=2", f"/help/{language}/services/{service_id}"]
    return paths + pages


def weights(url: str, paths: list[str]) -> None:
    session = requests.Session()
    statics = {}
    for name in ("help.css", "help.js"):
        answer = session.get(f"{url}/help/static/{name}", headers={"Accept-Encoding": "gzip"}, stream=True)
        statics[name] = len(answer.raw.read())  # as sent: gzip-packed by the service if it packs it
    extra = sum(statics.values())
    print(f"\nStyle sheet and script on the wire: {statics} bytes (asked with Accept-Encoding: gzip)")
    width = max(len(path) for path in paths)
    print(f"{'page':<{width}} {'HTML':>7} {'gzip':>6} {'+css+js':>8}  budget {BUDGET // 1024} KB")
    worst = 0
    for path in paths:
        answer = session.get(url + path, headers={"Accept-Encoding": "gzip"}, stream=True)
        wire = answer.raw.read()
        encoded = answer.headers.get("content-encoding") == "gzip"
        html = gzip.decompress(wire) if encoded else wire
        packed = len(wire) if encoded else len(gzip.compress(wire))
        total = packed + extra
        worst = max(worst, total)
        print(f"{path:<{width}} {len(html):>7} {packed:>6} {total:>8}  {'ok' if total <= BUDGET else 'OVER'}")
    print(f"heaviest page with its style sheet and script: {worst} bytes ({worst / 1024:.1f} KB)")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(url: str, paths: list[str], visitors: int, seconds: float, pid: int, label: str) -> None:
    timings: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def visitor(number: int) -> None:
        session = requests.Session()
        mine: list[float] = []
        index = number
        while time.monotonic() < stop:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            answer = session.get(url + path, headers={"Accept-Encoding": "gzip"})
            elapsed = time.perf_counter() - started
            if answer.status_code != 200:
                with lock:
                    failures[0] += 1
            mine.append(elapsed)
        with lock:
            timings.extend(mine)

    cpu_before = _cpu_seconds(pid)
    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(visitors)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    cpu = _cpu_seconds(pid) - cpu_before
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1] if timings else float("nan")
    print(
        f"{label:<11} {visitors:>8} {len(timings):>7} {len(timings) / wall:>8.0f} "
        f"{statistics.median(timings) * 1000:>8.1f} {p95 * 1000:>8.1f} {cpu:>8.1f} {failures[0]:>6}"
    )


def screenshots(url: str, folder: Path, paths: list[str]) -> None:
    from tests.help import browser

    if browser.find() is None:
        print(f"\nscreenshots skipped: {browser.missing_reason()}")
        return
    folder.mkdir(parents=True, exist_ok=True)
    chrome = browser.start()
    try:
        for name, path in (
            ("help-home-it", "/help/it/"),
            ("help-contact-fi", "/help/fi/contact"),
            ("help-info-en", "/help/en/info/families"),
            ("help-book-it", next(path for path in paths if path.startswith("/help/it/book?team="))),
            ("help-status-fi", "/help/fi/status"),
        ):
            chrome.get(url + path)
            browser.page_screenshot(chrome, folder / f"{name}.png")
            print(f"screenshot: {folder / name}.png ({browser.PHONE[0]} px wide)")
    finally:
        chrome.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--postgresql", action="store_true", help="also on a throwaway PostgreSQL")
    parser.add_argument("--screenshots", type=Path, metavar="DIR")
    args = parser.parse_args()
    print(
        f"Help-desk pages: {args.visitors} concurrent visitors, {args.seconds:.0f} s per database; machine: "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        databases = [("SQLite", f"sqlite:///{Path(scratch) / 'central.db'}")]
        server = None
        if args.postgresql:
            reason = pg_server.skip_reason()
            if reason:
                print(f"PostgreSQL skipped: {reason}")
            else:
                server = pg_server.PostgresServer(pg_server.find_pg_bin())
                server.start()
                databases.append(("PostgreSQL", server.create_database("help_bench")))
        try:
            rows = []
            for label, db_url in databases:
                paths = prepare(db_url)
                with running_service(db_url) as service:
                    if not rows:
                        weights(service.url, paths)
                        if args.screenshots:
                            screenshots(service.url, args.screenshots, paths)
                    rows.append((label, service.url, paths, service.process.pid))
                    if len(rows) == 1:
                        print(
                            f"\n{'database':<11} {'visitors':>8} {'pages':>7} {'pages/s':>8} "
                            f"{'p50 ms':>8} {'p95 ms':>8} {'CPU s':>8} {'errors':>6}"
                        )
                    load(service.url, paths, args.visitors, args.seconds, service.process.pid, label)
        finally:
            if server is not None:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
