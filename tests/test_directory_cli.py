"""`prossimo directory import/export` as an operator or IT runs it: real process, real store, real files."""

import json
from pathlib import Path

import pytest

from protocol import hsds
from tests.protocol.hsds_samples import sample
from tests.test_cli import run


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    """An offline-only profile, as `prossimo init` makes it."""
    profile = tmp_path / "profile"
    assert run(profile, "init").returncode == 0
    return profile


def total_items(profile: Path, path: Path) -> int:
    result = run(profile, "directory", "export", str(path))
    assert result.returncode == 0, result.stderr
    return json.loads(path.read_text(encoding="utf-8"))["total_items"]


def test_import_then_export_in_both_formats(home: Path, tmp_path: Path) -> None:
    hsds.export_json(sample(), tmp_path / "directory.json")

    first = run(home, "directory", "import", str(tmp_path / "directory.json"))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "Imported 6 directory entries: 6 new, 0 updated, 0 unchanged."
    # Issue 15 item 7: what was read and what became of it, per table.
    assert "service_at_location: 6 read, 6 imported, 0 updated, 0 unchanged, 0 skipped" in lines
    again = run(home, "directory", "import", "--format", "json", str(tmp_path / "directory.json"))
    assert again.stdout.splitlines()[0] == "Imported 6 directory entries: 0 new, 0 updated, 6 unchanged."
    assert "phone: 7 read, 0 imported, 0 updated, 7 unchanged, 0 skipped" in again.stdout.splitlines()

    package = tmp_path / "package"
    exported = run(home, "directory", "export", str(package))  # not a .json name: a package folder
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("Wrote ") and (package / "datapackage.json").is_file()
    assert hsds.import_package(package)[0]["service_name"]  # a package any HSDS reader takes
    assert total_items(home, tmp_path / "out.json") == 5

    twice = run(home, "directory", "export", str(package))
    assert twice.returncode == 2 and "already holds a data package" in twice.stderr
    assert "nothing was written" in twice.stderr


def test_a_broken_file_exits_2_names_file_row_and_field_and_imports_nothing(home: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    hsds.export_package(sample(), package)
    phones = (package / "phone.csv").read_text(encoding="utf-8").replace("014 266 0001", "Mario 0001")
    (package / "phone.csv").write_text(phones, encoding="utf-8")

    refused = run(home, "directory", "import", str(package))
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("prossimo: phone.csv row 6: number: String should match pattern")
    assert "nothing was imported" in refused.stderr and "Mario" not in refused.stderr
    assert total_items(home, tmp_path / "after.json") == 0

    unknown = run(home, "directory", "import", str(tmp_path / "nowhere"))
    assert unknown.returncode == 2 and "not found" in unknown.stderr
    usage = run(home, "directory", "import", "--format", "xml", str(package))
    assert usage.returncode == 2 and "invalid choice" in usage.stderr
