"""HSDS files on a computer, against real encrypted stores: export then import is lossless in both
formats, a second import updates instead of duplicating, a broken file changes nothing, an
enrolled profile never imports, and imported entries stay out of the outbox."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import directory_files
from desktop.store.errors import RuleViolation
from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import Resource, hsds
from tests.protocol.hsds_samples import assert_lossless, live, sample
from tests.store.conftest import PASSPHRASE


def counts_of(report: directory_files.ImportReport) -> tuple[int, int, int]:
    return report.created, report.updated, report.unchanged


def records(store: StoreWorker) -> list[Resource]:
    return store.call(
        lambda s: [
            Resource.model_validate_json(row[0])
            for row in s.conn.execute("SELECT body FROM resource ORDER BY rowid").fetchall()
        ]
    )


def snapshot(store: StoreWorker) -> tuple[list[tuple], int]:
    """Every resource row and the outbox size: what "unchanged" means for a store."""
    return store.call(lambda s: (s.conn.execute("SELECT * FROM resource ORDER BY rowid").fetchall(), s.outbox.count()))


@pytest.fixture()
def filled(store: StoreWorker) -> StoreWorker:
    """This computer's directory, typed in by hand: the varied sample."""
    store.call(lambda s: s.resources.create_many([item.content() for item in live(sample())]))
    doomed = store.call(
        lambda s: s.resources.create(
            service_name="Sportello chiuso",
            organization_name="Comune",
            location={"municipality": "Lodi"},
            categories=["other"],
        )
    )
    store.call(lambda s: s.resources.tombstone(doomed.id))
    return store


@pytest.fixture()
def other(tmp_path: Path) -> Iterator[StoreWorker]:
    """A second computer, offline only, with an empty directory."""
    worker = Profile.create(tmp_path / "other", PASSPHRASE).open(PASSPHRASE)
    yield worker
    worker.close()


def export(store: StoreWorker, path: Path, format: str | None = None) -> dict[str, int]:
    return store.call(lambda s: directory_files.export_directory(s, path, format))


def import_(store: StoreWorker, path: Path, format: str | None = None) -> directory_files.ImportReport:
    return store.call(lambda s: directory_files.import_directory(s, path, format))


@pytest.mark.parametrize("format", ["tabular", "json"])
def test_export_then_import_is_lossless_and_a_second_import_duplicates_nothing(
    filled: StoreWorker, other: StoreWorker, tmp_path: Path, format: str
) -> None:
    path = tmp_path / ("directory.json" if format == "json" else "package")
    counts = export(filled, path, format)
    assert counts["service"] == 5  # two entries share a service; the tombstone is not written

    report = import_(other, path)  # the format read from the path
    assert counts_of(report) == (6, 0, 0)
    originals = [record for record in records(filled) if not record.deleted]
    copied = records(other)
    assert_lossless(originals, [record.content() for record in copied])
    assert all(record.server_version is None for record in copied)
    assert other.call(lambda s: s.outbox.count()) == 0  # not this operator's work to share: see the module
    found = other.call(lambda s: s.resources.search("paihdeklinikka"))
    assert [record.service_name for record in found] == ["Päihdeklinikka"]  # searchable at once

    before = snapshot(other)
    assert counts_of(import_(other, path)) == (0, 0, 6)
    assert snapshot(other) == before
    # Into the computer it came from: its hand-made entries are found by the ids the export gave them,
    # and keep those ids from then on (two had none, one claimed a service id another entry held).
    assert counts_of(import_(filled, path)) == (0, 3, 3)
    assert counts_of(import_(filled, path)) == (0, 0, 6)
    assert filled.call(lambda s: s.resources.count()) == 6


def test_a_changed_entry_is_updated_in_place(filled: StoreWorker, other: StoreWorker, tmp_path: Path) -> None:
    export(filled, tmp_path / "directory.json")
    import_(other, tmp_path / "directory.json")
    document = json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))
    klinikka = next(service for service in document["contents"] if service["id"] == "svc-paihde")
    klinikka["email"] = "uusi@example.org"
    (tmp_path / "edited.json").write_text(json.dumps(document), encoding="utf-8")

    assert counts_of(import_(other, tmp_path / "edited.json")) == (0, 1, 5)
    assert len(records(other)) == 6
    emails = {record.service_name: record.email for record in records(other)}
    assert emails["Päihdeklinikka"] == "uusi@example.org"
    assert other.call(lambda s: s.outbox.count()) == 0

    # On the computer where the entries were typed (their creation still waits in the outbox),
    # the update goes through the repository, so what waits to be sent matches the screen.
    # (Three more updates: two entries had no HSDS ids, one claimed another's; they keep the export's.)
    waiting = filled.call(lambda s: s.outbox.count())
    assert import_(filled, tmp_path / "edited.json").updated == 4
    pending = filled.call(lambda s: s.outbox.pending(limit=1000))[waiting:]
    assert len(pending) == 4 and {mutation.op for mutation in pending} == {"update"}
    klinikka_id = next(str(r.id) for r in records(filled) if r.service_name == "Päihdeklinikka")
    assert [m.changed for m in pending if m.record_id == klinikka_id] == [{"email": "uusi@example.org"}]


@pytest.mark.parametrize("format", ["tabular", "json"])
def test_one_broken_entry_changes_nothing(filled: StoreWorker, other: StoreWorker, tmp_path: Path, format: str) -> None:
    path = tmp_path / ("directory.json" if format == "json" else "package")
    export(filled, path, format)
    import_(other, path)
    if format == "json":
        document = json.loads(path.read_text(encoding="utf-8"))
        document["contents"][0]["name"] = "Nuovo nome"  # a good change...
        document["contents"][3]["service_at_locations"][0]["schedules"][0]["closes_at"] = "07:00"  # ...and a bad one
        path.write_text(json.dumps(document), encoding="utf-8")
        expected = "directory.json: contents[3].service_at_locations[0].schedules[0].closes_at: must be later"
    else:
        services = (path / "service.csv").read_text(encoding="utf-8").replace("Mensa solidale", "Nuovo nome")
        (path / "service.csv").write_text(services, encoding="utf-8")
        schedule = (path / "schedule.csv").read_text(encoding="utf-8").replace("20:00,23:59", "20:00,07:00")
        (path / "schedule.csv").write_text(schedule, encoding="utf-8")
        expected = "schedule.csv row 10: closes_at: must be later than opens_at"
    before = snapshot(other)

    with pytest.raises(hsds.HsdsError) as refused:
        import_(other, path)
    assert expected in str(refused.value)
    assert snapshot(other) == before  # not even the good change


def test_a_package_with_a_bom_and_extra_columns_imports(other: StoreWorker, tmp_path: Path) -> None:
    hsds.export_package(sample(), tmp_path / "package")
    location = tmp_path / "package" / "location.csv"
    lines = location.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",transportation,nostra"] + [line + ",Bus 3,?" for line in lines[1:]]
    location.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    assert import_(other, tmp_path / "package" / "datapackage.json").created == 6


def test_an_enrolled_profile_never_imports(other: StoreWorker, tmp_path: Path) -> None:
    hsds.export_json(sample(), tmp_path / "directory.json")
    enrolment = Enrolment(
        server_url="https://prossimo.example.org",
        ca_bundle=None,
        device_id=uuid.uuid4(),
        operator_id=uuid.uuid4(),
        organisation_id=uuid.uuid4(),
        role="team_lead",
        teams=[],
    )
    other.call(lambda s: s.replica.save_enrolment(enrolment, "token"))
    assert other.call(directory_files.can_import) is False
    before = snapshot(other)
    with pytest.raises(RuleViolation, match="connected to the organisation's service"):
        import_(other, tmp_path / "directory.json")
    assert snapshot(other) == before
    assert export(other, tmp_path / "out.json")["service"] == 0  # exporting only reads: fine everywhere


def test_imports_are_one_transaction(other: StoreWorker, tmp_path: Path) -> None:
    """A failure while writing (here: the disk of the store refusing the last row) leaves nothing."""
    hsds.export_json(sample(), tmp_path / "directory.json")

    def failing(session: StoreSession) -> None:
        session.conn.execute(
            "CREATE TEMP TRIGGER no_more BEFORE INSERT ON resource "
            "WHEN (SELECT count(*) FROM resource) >= 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        try:
            directory_files.import_directory(session, tmp_path / "directory.json")
        finally:
            session.conn.execute("DROP TRIGGER no_more")

    with pytest.raises(Exception, match="disk full"):
        other.call(failing)
    assert snapshot(other) == ([], 0)


def test_a_package_with_all_four_statuses_keeps_12_of_12_and_reports_per_table(
    other: StoreWorker, tmp_path: Path
) -> None:
    """Issue 15 item 7: a hand-written package with temporarily closed, inactive and defunct services
    stores all twelve in a real store, each with its status; a second import updates one changed
    row and says so per table; a package with one broken row among the twelve stores nothing."""
    from collections import Counter

    from protocol.hsds import TableCounts
    from tests.protocol.hsds_samples import every_status_package

    package = every_status_package(tmp_path / "package")
    first = import_(other, package)
    assert counts_of(first) == (12, 0, 0)
    assert first.tables["service"] == TableCounts(read=12, imported=12, updated=0, unchanged=0, skipped=0)
    assert Counter(record.status for record in records(other)) == {
        "active": 3,
        "temporarily closed": 3,
        "inactive": 3,
        "defunct": 3,
    }

    phones = (package / "phone.csv").read_text(encoding="utf-8-sig").replace("0371 4005", "0371 4999")
    (package / "phone.csv").write_text(phones, encoding="utf-8-sig")
    second = import_(other, package)
    assert counts_of(second) == (0, 1, 11)
    assert second.tables["phone"] == TableCounts(read=12, imported=0, updated=1, unchanged=11, skipped=0)
    assert second.tables["location"] == TableCounts(read=2, imported=0, updated=1, unchanged=1, skipped=0)

    before = snapshot(other)
    broken = (package / "phone.csv").read_text(encoding="utf-8-sig").replace("0371 4012", "Mario")
    (package / "phone.csv").write_text(broken, encoding="utf-8-sig")
    with pytest.raises(hsds.HsdsError, match=r"phone.csv row 13: number"):
        import_(other, package)
    assert snapshot(other) == before  # all or nothing
