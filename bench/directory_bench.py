"""Directory benchmark: HSDS files, distance search, the offline map, handouts and calendars.

Measures, on the Lodi demo directory (`protocol.demo_data.resources`, the generator
behind the shipped dataset; beyond 300 services it repeats its patterns as numbered
"sede" variants) at two sizes:

- HSDS tabular package and HSDS JSON: export and import (parse + validate every
  entry; storing is not included), and the bytes written;
- the Resources screen's distance search on a real encrypted store
  (`directory_queries.find_resources_near` from Lodi, 10 km radius, with and without a
  keyword): it runs again on each keystroke in the search box;
- the offline map: `ResourceMap.set_resources` (markers, labels placed) and painting
  the whole view into an image, offscreen, with the results the screen shows (at most
  `directory_queries.DEFAULT_LIMIT`, 500);
- a handout PDF of 10 and 50 services, normal and large print;
- iCalendar: writing and reading back 1,000 appointments.

Medians of several runs. Prints Markdown tables; never asserts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/directory_bench.py [--sizes 300 3000] [--runs 5]
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from desktop.interop.icalendar_files import appointments_calendar, read_calendar
from desktop.store import directory_queries
from desktop.store.keys import NoKeyring
from desktop.store.profile import Profile
from desktop.ui.resources.handout import write_handout_pdf
from desktop.ui.resources.map_view import ResourceMap
from protocol import Appointment, Resource, demo_data, gazetteer, hsds, new_id

PASSPHRASE = "throwaway benchmark passphrase"  # a temporary profile, deleted at the end
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SEARCH_BUDGET_MS = 100  # the UI's keystroke budget (DESIGN.md), which this search runs within
MAP_BUDGET_MS = 300  # the UI's "open a list" budget, for redrawing the map after a search


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def records(count: int) -> list[Resource]:
    stamp = {"created_at": NOW, "updated_at": NOW, "author_device_id": uuid.uuid4()}
    return [Resource(id=new_id(), **stamp, **fields) for fields in demo_data.resources(count)]


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size


def bench_hsds(resources: list[Resource], tmp: Path, runs: int) -> list[tuple[str, str, str]]:
    rows = []
    for name, export, load, target in (
        ("tabular package", hsds.export_package, hsds.import_package, "package"),
        ("JSON", hsds.export_json, hsds.import_json, "directory.json"),
    ):
        paths = iter(tmp / f"{target}-{n}" if target == "package" else tmp / f"{n}-{target}" for n in range(runs + 1))
        exported = median_ms(lambda e=export, p=paths: e(resources, next(p)), runs)
        written = tmp / (f"{target}-0" if target == "package" else f"0-{target}")
        imported = median_ms(lambda f=load, w=written: f(w), runs)
        size = f"{folder_bytes(written) / 1024:,.0f} KiB"
        rows.append((f"HSDS {name}: export", f"{exported:,.1f}", size))
        rows.append((f"HSDS {name}: import (validated)", f"{imported:,.1f}", ""))
    return rows


def bench_search(resources: list[Resource], tmp: Path, runs: int) -> list[tuple[str, str, str]]:
    profile = Profile.create(tmp / "profile", PASSPHRASE, NoKeyring())
    worker = profile.open(PASSPHRASE)
    try:
        fields = list(demo_data.resources(len(resources)))  # the same services, as field dictionaries
        for start in range(0, len(fields), 2_000):
            worker.call(lambda s, b=fields[start : start + 2_000]: s.resources.create_many(b))
        lodi = gazetteer.find("Lodi")
        rows = []
        for label, text in (("no keyword", ""), ("keyword 'casa'", "casa")):
            found: list[int] = []

            def search(t: str = text, out: list[int] = found) -> None:
                near = worker.call(
                    lambda s: directory_queries.find_resources_near(s, lodi.latitude, lodi.longitude, 10.0, text=t)
                )
                out.append(len(near.found))

            ms = median_ms(search, runs * 4)
            met = "met" if ms <= SEARCH_BUDGET_MS else "NOT met"
            rows.append(
                (
                    f"distance search from Lodi, 10 km, {label}",
                    f"{ms:,.1f}",
                    f"{found[-1]} found; budget {SEARCH_BUDGET_MS} ms: {met}",
                )
            )
        return rows
    finally:
        worker.close()


def bench_map(resources: list[Resource], runs: int) -> list[tuple[str, str, str]]:
    resources = resources[: directory_queries.DEFAULT_LIMIT]  # the screen never shows more
    view = ResourceMap()
    view.resize(1200, 800)
    view.show()
    QApplication.processEvents()
    built = median_ms(lambda: (view.set_resources(resources, TODAY), QApplication.processEvents()), runs)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)

    def paint() -> None:
        painter = QPainter(image)
        view.render(painter)
        painter.end()

    painted = median_ms(paint, runs)
    view.close()
    met = "met" if built + painted <= MAP_BUDGET_MS else "NOT met"
    return [
        (f"map: set {len(resources):,} services (markers, labels)", f"{built:,.1f}", ""),
        ("map: paint the whole view", f"{painted:,.1f}", f"together, budget {MAP_BUDGET_MS} ms: {met}"),
    ]


def bench_handout(resources: list[Resource], tmp: Path, runs: int) -> list[tuple[str, str, str]]:
    rows = []
    for count in (10, 50):
        for large in (False, True):
            chosen = resources[:count]
            pages: list[int] = []
            target = tmp / f"handout-{count}-{large}.pdf"
            ms = median_ms(
                lambda c=chosen, t=target, lp=large, p=pages: p.append(
                    write_handout_pdf(c, t, language="it", large_print=lp, today=TODAY)
                ),
                runs,
            )
            rows.append(
                (
                    f"handout PDF, {count} services{', large print' if large else ''}",
                    f"{ms:,.1f}",
                    f"{pages[-1]} pages, {target.stat().st_size / 1024:,.0f} KiB",
                )
            )
    return rows


def bench_calendar(runs: int) -> list[tuple[str, str, str]]:
    contact, operator = uuid.uuid4(), uuid.uuid4()
    appointments = [
        Appointment(id=new_id(), created_at=NOW, updated_at=NOW, author_device_id=operator, **fields)
        for fields in demo_data.appointments(1_000, [contact], operator)
    ]
    data = appointments_calendar(appointments, now=NOW)
    written = median_ms(lambda: appointments_calendar(appointments, now=NOW), runs)
    read = median_ms(lambda: read_calendar(data), runs)
    return [
        ("iCalendar: write 1,000 appointments", f"{written:,.1f}", f"{len(data) / 1024:,.0f} KiB"),
        ("iCalendar: read 1,000 appointments back", f"{read:,.1f}", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 3_000], help="services in the directory")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    print(
        f"Directory benchmark: medians of {args.runs} runs (distance search: {args.runs * 4}), offscreen Qt, "
        "encrypted store, one process\n"
    )
    for size in args.sizes:
        resources = records(size)
        with tempfile.TemporaryDirectory() as tmp:
            rows = bench_hsds(resources, Path(tmp), args.runs)
            rows += bench_search(resources, Path(tmp), args.runs)
            rows += bench_map(resources, args.runs)
        print(f"{size:,} services\n")
        print("| operation | median ms | notes |")
        print("| --- | ---: | --- |")
        for operation, ms, notes in rows:
            print(f"| {operation} | {ms} | {notes} |")
        print()
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench_handout(records(50), Path(tmp), args.runs) + bench_calendar(args.runs)
    print("Handouts and calendars\n")
    print("| operation | median ms | notes |")
    print("| --- | ---: | --- |")
    for operation, ms, notes in rows:
        print(f"| {operation} | {ms} | {notes} |")


if __name__ == "__main__":
    main()
