"""`prossimo update check` and `prossimo update download`: a real enrolled profile asks the real
service's TUF repository, through the commands' own code (desktop.cli.main in this process, so
the build's shipped root can be the test repository's first root)."""

import json
from pathlib import Path

import pytest

from central import cli as central_cli
from desktop import cli, updates
from tests.update_repo import Repo
from tests.updates.conftest import UpdateService

PASSPHRASE = "a long enough passphrase for the test"
PASSWORD = "the operator's password 42"


@pytest.fixture()
def enrolled(update_service: UpdateService, repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile enrolled with the update service, in a build that ships `repo`'s first root."""
    db = ["--db", f"sqlite:///{update_service.folder.parent / 'central.db'}"]
    org = f"Org {tmp_path.name}"
    assert central_cli.main([*db, "org", "add", org]) == 0
    assert central_cli.main([*db, "team", "add", org, "Street"]) == 0
    monkeypatch.setenv("PROSSIMO_NEW_PASSWORD", PASSWORD)
    user = f"anna-{tmp_path.name}"[:60]
    assert central_cli.main([*db, "operator", "add", "--user", user, "--team", f"{org}/Street"]) == 0
    home = tmp_path / "home"
    monkeypatch.setenv("PROSSIMO_HOME", str(home))
    monkeypatch.setenv("PROSSIMO_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PROSSIMO_PASSWORD", PASSWORD)
    assert cli.main(["init"]) == 0
    assert cli.main(["enroll", "--server", update_service.url, "--user", user]) == 0
    # The build's trust anchor (package data a real build gets from IT): this repository's first root.
    monkeypatch.setattr(updates, "shipped_root", lambda: repo.first_root)
    monkeypatch.setattr(updates, "app_version", lambda: "0.1.0")
    return home


def test_check_offers_the_signed_release_and_download_verifies_it(
    enrolled: Path, repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    artifact = repo.add("0.2.0", "Fixes the calendar export")
    assert repo.sign() == 0
    capsys.readouterr()
    assert cli.main(["update", "check"]) == 0
    out = capsys.readouterr().out
    assert "Update 0.2.0 available (verified): Fixes the calendar export" in out
    assert cli.main(["update", "check", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["available"]["version"] == "0.2.0" and answer["current"] == "0.1.0"

    downloads = tmp_path / "downloads"
    assert cli.main(["update", "download", "--to", str(downloads), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert Path(done["path"]).read_bytes() == artifact.read_bytes()
    assert [p.name for p in downloads.iterdir()] == [artifact.name]


def test_a_tampered_release_is_refused_by_hash_and_nothing_is_kept(
    enrolled: Path, repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    artifact = repo.add("0.2.0")
    repo.sign()
    assert cli.main(["update", "check"]) == 0
    served = repo.target_file(artifact)
    served.write_bytes(b"X" + served.read_bytes()[1:])
    capsys.readouterr()
    downloads = tmp_path / "downloads"
    assert cli.main(["update", "download", "--to", str(downloads)]) == cli.EXIT_OFFLINE
    err = capsys.readouterr().err
    assert "hash check failed" in err and "nothing was downloaded or installed" in err
    assert not list(downloads.iterdir())


def test_up_to_date_policy_off_and_nothing_on_offer(
    enrolled: Path, repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.sign()
    capsys.readouterr()
    assert cli.main(["update", "check"]) == 0
    assert "Prossimo 0.1.0 is up to date" in capsys.readouterr().out
    assert cli.main(["update", "download"]) == 2
    assert "no update is on offer" in capsys.readouterr().err
    monkeypatch.setattr(updates, "load_policy", lambda: updates.Policy(check=False, source="test"))
    assert cli.main(["update", "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"].startswith("update checks are switched off by IT's policy")
