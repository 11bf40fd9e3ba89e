"""The organisation's directory in HSDS files on the service: both formats, all or nothing, matched
by HSDS ids, change sequences only for what changed; and `prossimo-central directory` as IT runs it."""

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from central import directory
from central.db import session_factory
from central.models import AuditEntry, Organisation, StoredRecord
from protocol import Resource, hsds
from tests.protocol.hsds_samples import assert_lossless, live, sample
from tests.service_process import CENTRAL


def add_org(engine: Engine, name: str) -> uuid.UUID:
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=name)
        session.add(org)
    return org.id


def stored(engine: Engine, org_id: uuid.UUID) -> list[StoredRecord]:
    with session_factory(engine)() as session:
        rows = (
            session.execute(
                select(StoredRecord).where(StoredRecord.organisation_id == org_id).order_by(StoredRecord.version)
            )
            .scalars()
            .all()
        )
        session.expunge_all()
        return list(rows)


def resources(engine: Engine, org_id: uuid.UUID) -> list[Resource]:
    return [Resource.model_validate_json(row.body) for row in stored(engine, org_id)]


def import_file(engine: Engine, org_id: uuid.UUID, path: Path, format: str | None = None) -> int:
    with session_factory(engine).begin() as session:
        return directory.import_package(session, org_id, path, format)


def export_file(engine: Engine, org_id: uuid.UUID, path: Path, format: str | None = None) -> dict[str, int]:
    with session_factory(engine)() as session:
        return directory.export_package(session, org_id, path, format)


def audit_count(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


@pytest.fixture()
def loaded(engine: Engine, tmp_path: Path) -> uuid.UUID:
    """An organisation whose directory is the varied sample, imported from an HSDS JSON file."""
    org_id = add_org(engine, "Cooperativa Lodi")
    hsds.export_json(sample(), tmp_path / "seed.json")
    assert import_file(engine, org_id, tmp_path / "seed.json") == len(live(sample()))
    return org_id


@pytest.mark.parametrize("format", ["tabular", "json"])
def test_export_then_import_elsewhere_is_lossless_and_a_second_import_changes_nothing(
    engine: Engine, loaded: uuid.UUID, tmp_path: Path, format: str
) -> None:
    original = resources(engine, loaded)
    assert [record.content() for record in original] == [
        record.content() for record in resources(engine, loaded)
    ]  # read twice, same
    path = tmp_path / ("out.json" if format == "json" else "package")
    counts = export_file(engine, loaded, path, format)
    assert counts["service"] == 5

    other = add_org(engine, "Altra cooperativa")
    assert import_file(engine, other, path) == 6  # the format read from the path
    copied = resources(engine, other)
    assert_lossless(original, [record.content() for record in copied])
    assert all(record.server_version and record.author_device_id for record in copied)

    versions = {row.id: row.version for row in stored(engine, other)}
    assert import_file(engine, other, path) == 0  # matched by HSDS ids: nothing new, nothing changed
    assert {row.id: row.version for row in stored(engine, other)} == versions
    assert import_file(engine, loaded, path) == 0  # and into the directory it came from, too
    assert len(resources(engine, loaded)) == len(original)


def test_a_changed_entry_gets_a_new_version_for_the_fields_that_changed(
    engine: Engine, loaded: uuid.UUID, tmp_path: Path
) -> None:
    export_file(engine, loaded, tmp_path / "out.json")
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    klinikka = next(service for service in document["contents"] if service["id"] == "svc-paihde")
    klinikka["email"] = "uusi@example.org"
    (tmp_path / "edited.json").write_text(json.dumps(document), encoding="utf-8")
    before = {row.id: row for row in stored(engine, loaded)}

    assert import_file(engine, loaded, tmp_path / "edited.json") == 1
    after = {row.id: row for row in stored(engine, loaded)}
    assert set(after) == set(before)  # updated in place, not duplicated
    (changed,) = [key for key in after if after[key].version != before[key].version]
    assert json.loads(after[changed].body)["email"] == "uusi@example.org"
    assert after[changed].field_versions["email"][0] == after[changed].version
    assert after[changed].field_versions["service_name"] == before[changed].field_versions["service_name"]


@pytest.mark.parametrize("format", ["tabular", "json"])
def test_one_broken_entry_imports_nothing(engine: Engine, loaded: uuid.UUID, tmp_path: Path, format: str) -> None:
    other = add_org(engine, "Altra cooperativa")
    path = tmp_path / ("out.json" if format == "json" else "package")
    export_file(engine, loaded, path, format)
    if format == "json":
        document = json.loads(path.read_text(encoding="utf-8"))
        document["contents"][2]["service_at_locations"][0]["phones"][1]["number"] = "chiamami"
        path.write_text(json.dumps(document), encoding="utf-8")
        expected = "out.json: contents[2].service_at_locations[0].phones[1].number: String should match pattern"
    else:
        phones = (path / "phone.csv").read_text(encoding="utf-8").splitlines()
        phones[5] = phones[5].replace("014 266 0001", "chiamami")
        (path / "phone.csv").write_text("\n".join(phones) + "\n", encoding="utf-8")
        expected = "phone.csv row 6: number: String should match pattern"
    audit_before = audit_count(engine)

    with pytest.raises(hsds.HsdsError) as refused:
        import_file(engine, other, path)
    assert expected in str(refused.value)
    assert stored(engine, other) == [] and audit_count(engine) == audit_before  # the database is unchanged


# --- the command line ------------------------------------------------------------------------------


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    return subprocess.run(
        [CENTRAL, "--db", db, *args],
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


def test_cli_formats_auto_detection_and_refusals(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert run(db, "init").returncode == 0
    assert run(db, "org", "add", "Cooperativa Lodi").returncode == 0
    seed = tmp_path / "seed"
    hsds.export_package(sample(), seed)
    # A spreadsheet's way: a BOM, and columns HSDS has that we do not read.
    service_csv = seed / "service.csv"
    lines = service_csv.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",fees_description"] + [line + ",gratuito" for line in lines[1:]]
    service_csv.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")

    imported = run(db, "directory", "import", str(seed / "datapackage.json"))  # the descriptor means its folder
    assert imported.returncode == 0, imported.stderr
    assert "Imported 6 directory entries into Cooperativa Lodi: 6 new, 0 updated, 0 unchanged." in imported.stdout
    # Issue 15 item 7: the column we do not read is named, not dropped in silence.
    assert "not kept: service.csv: column fees_description (5 rows with a value)" in imported.stdout

    exported = run(db, "directory", "export", str(tmp_path / "directory.json"))  # JSON by its name
    assert exported.returncode == 0, exported.stderr
    assert json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))["total_items"] == 5
    forced = run(db, "directory", "export", "--format", "tabular", str(tmp_path / "pkg.json"))
    assert forced.returncode == 0 and (tmp_path / "pkg.json" / "datapackage.json").is_file()
    again = run(db, "directory", "import", "--format", "json", str(tmp_path / "directory.json"))
    assert (
        again.returncode == 0
        and "6 directory entries into Cooperativa Lodi: 0 new, 0 updated, 6 unchanged" in again.stdout
    )

    twice = run(db, "directory", "export", str(tmp_path / "directory.json"))
    assert twice.returncode == 2 and "already exists" in twice.stderr and "nothing was written" in twice.stderr
    (tmp_path / "broken.json").write_text(
        '{"contents": [{"id": "s1", "name": "X", "service_at_locations": []}]}', encoding="utf-8"
    )
    broken = run(db, "directory", "import", str(tmp_path / "broken.json"))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "broken.json: contents[0].organization: required" in broken.stderr
    assert "broken.json: contents[0].service_at_locations: this service is offered at no location" in broken.stderr
    assert "nothing was imported" in broken.stderr
    unknown = run(db, "directory", "import", str(tmp_path / "notes.txt"))
    assert unknown.returncode == 2 and "not found" in unknown.stderr
    assert run(db, "directory", "import", "--format", "xml", str(seed)).returncode == 2
    assert json.loads(run(db, "stats").stdout) == {"resource": 6}


def test_every_status_is_imported_on_the_service_and_reaches_devices_by_sync(world, tmp_path: Path) -> None:
    """Issue 15 item 7: a package with all four statuses imports 12 of 12 on the service, with a
    per-table report; a device receives every status by sync, and a lead's status change syncs."""
    from collections import Counter

    from tests.protocol.hsds_samples import every_status_package

    with session_factory(world.engine).begin() as session:
        report = directory.import_report(session, world.org_id, every_status_package(tmp_path / "package"))
    assert (report.created, report.tables["service"].imported, report.tables["service"].skipped) == (12, 12, 0)

    world.add_operator("lead", [world.team_a], role="team_lead")
    lead = world.enrol("lead")
    received = {c["record"]["id"]: c["record"] for c in lead.sync_all() if c["entity"] == "resource"}
    assert Counter(record["status"] for record in received.values()) == {
        "active": 3,
        "temporarily closed": 3,
        "inactive": 3,
        "defunct": 3,
    }

    record_id, record = next((rid, r) for rid, r in received.items() if r["status"] == "active")
    result = lead.sync(
        lead.mutation(
            "resource", "update", uuid.UUID(record_id), base=record["server_version"], status="temporarily closed"
        )
    )["results"][0]
    assert result["status"] == "applied", result
    world.add_operator("reader", [world.team_b])
    seen = [c["record"] for c in world.enrol("reader").sync_all() if c["record"]["id"] == record_id]
    assert seen[-1]["status"] == "temporarily closed"
