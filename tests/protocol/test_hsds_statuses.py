"""Issue 15 item 7: directory imports lose nothing. Every HSDS status is kept; an import says,
per table, what it read and what became of every row, and why it skipped any; what a file holds
that we do not keep is named; export -> import -> export is identical in both formats."""

import csv
import json
from collections import Counter
from pathlib import Path

from protocol.hsds import TableCounts, export_json, export_package, read_json, read_package, report
from protocol.hsds.tabular import DESCRIPTOR
from tests.protocol.hsds_samples import every_status, every_status_package, every_status_page, resource


def test_a_package_with_all_four_statuses_keeps_12_of_12_and_reports_per_table(tmp_path: Path) -> None:
    """Issue 15 item 7: a valid package with temporarily closed, inactive and defunct services imports
    all twelve (not 3, not 11), each with its status, and reports every table."""
    reading = read_package(every_status_package(tmp_path / "package"))

    assert len(reading.entries) == 12
    assert Counter(entry["status"] for entry in reading.entries) == {
        "active": 3,
        "temporarily closed": 3,
        "inactive": 3,
        "defunct": 3,
    }
    assert reading.entries[0]["description"] == 'Riga uno del servizio 1.\nRiga due, "citata".'
    done = report(reading, ["created"] * 12)
    assert done.tables["service"] == TableCounts(read=12, imported=12, updated=0, unchanged=0, skipped=0)
    assert done.tables["phone"] == TableCounts(read=12, imported=12, updated=0, unchanged=0, skipped=0)
    assert done.tables["organization"] == done.tables["location"] == TableCounts(2, 2, 0, 0, 0)
    assert done.skipped == ()
    # Data we do not keep is named, never dropped in silence: columns with values, and tables.
    assert set(done.ignored) == {
        "service.csv: column fees_description (6 rows with a value)",
        "organization.csv: column description (2 rows with a value)",
        "location.csv: column transportation (1 rows with a value)",
        f"{DESCRIPTOR}: table contact (not read)",
    }


def test_json_with_all_four_statuses_keeps_12_of_12_and_names_what_it_does_not_keep(tmp_path: Path) -> None:
    """Issue 15 item 7: the same for HSDS JSON, with a BOM."""
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(every_status_page(), ensure_ascii=False), encoding="utf-8-sig")
    reading = read_json(path)

    assert Counter(entry["status"] for entry in reading.entries) == {
        "active": 3,
        "temporarily closed": 3,
        "inactive": 3,
        "defunct": 3,
    }
    done = report(reading, ["created"] * 6 + ["unchanged"] * 6)
    assert done.tables["service"] == TableCounts(read=12, imported=6, updated=0, unchanged=6, skipped=0)
    assert done.skipped == ()
    assert set(done.ignored) == {
        "service.fees_description (12 with a value)",
        "organization.website (12 with a value)",
        "location.transportation (12 with a value)",
    }


def test_every_skipped_row_has_its_reason(tmp_path: Path) -> None:
    """Issue 15 item 7: rows that go into no entry are counted as skipped, each with its rule."""
    package = every_status_package(tmp_path / "package")
    with (package / "schedule.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["id", "service_at_location_id", "byday", "opens_at", "closes_at", "description"],
                ["h1", "sl1", "MO", "09:00", "12:00", ""],
                ["h2", "sl2", "", "", "", "Su appuntamento"],
            ]
        )
    (package / "organization.csv").write_text(
        "id,name\no1,ASST Lodi\no2,Comune di Lodi\no3,Nessun servizio\n", encoding="utf-8"
    )
    descriptor = json.loads((package / DESCRIPTOR).read_text(encoding="utf-8-sig"))
    descriptor["resources"].append({"name": "schedule", "path": "schedule.csv"})
    (package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")

    done = report(read_package(package), ["created"] * 12)
    assert done.tables["schedule"] == TableCounts(read=2, imported=1, updated=0, unchanged=0, skipped=1)
    assert done.tables["organization"] == TableCounts(read=3, imported=2, updated=0, unchanged=0, skipped=1)
    assert [item.line() for item in done.skipped] == [
        "organization: 1 skipped (row 4): not linked to any service in the file",
        "schedule: 1 skipped (row 3): a schedule without days or times (a note only): only weekly opening hours "
        "are kept",
    ]
    for counts in done.tables.values():
        assert counts.read == counts.imported + counts.updated + counts.unchanged + counts.skipped


def _files(folder: Path) -> dict[str, str]:
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}
    descriptor = json.loads(texts.pop(DESCRIPTOR))
    descriptor.pop("created")  # when it was written: the one thing that must differ
    return {**texts, DESCRIPTOR: json.dumps(descriptor)}


def test_round_trip_with_every_status_bom_and_extra_columns_is_lossless(tmp_path: Path) -> None:
    """Issue 15 item 7: export -> (a spreadsheet adds a BOM and a column) -> import -> export gives
    the same files in both formats, every status included; the extra column is reported, not dropped."""
    resources = every_status()
    export_package(resources, tmp_path / "first")
    export_package(resources, tmp_path / "original")
    service_csv = tmp_path / "first" / "service.csv"
    with service_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with service_csv.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([rows[0] + ["fees_description"]] + [row + ["gratuito"] for row in rows[1:]])
    reading = read_package(tmp_path / "first")
    assert "service.csv: column fees_description (12 rows with a value)" in reading.ignored

    export_package([resource(**entry) for entry in reading.entries], tmp_path / "second")
    assert _files(tmp_path / "second") == _files(tmp_path / "original")
    assert {entry["status"] for entry in reading.entries} == {"active", "inactive", "defunct", "temporarily closed"}

    export_json(resources, tmp_path / "first.json")
    again = read_json(tmp_path / "first.json").entries
    export_json([resource(**entry) for entry in again], tmp_path / "second.json")
    assert (tmp_path / "second.json").read_text(encoding="utf-8") == (tmp_path / "first.json").read_text(
        encoding="utf-8"
    )
    assert "\r\n" in next(entry["eligibility"] for entry in again if entry["eligibility"])  # multi-line, as typed
