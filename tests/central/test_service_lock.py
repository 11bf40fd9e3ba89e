"""`restore` and `migrate` refuse to run under a running `serve`, and `serve` refuses to start under
them: real serve processes on SQLite and on a throwaway PostgreSQL (central.service_lock)."""

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from central import service_lock
from central.cli import main
from tests.central.test_backup_restore import _orgs, _url
from tests.service_process import CENTRAL, clean_environment, free_port, running_service


def test_restore_and_migrate_are_refused_while_serve_runs_and_work_once_it_stopped(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    engine.dispose()
    key = str(tmp_path / "central.key")
    assert main(["--db", url, "org", "add", "Before"]) == 0
    target = tmp_path / "central.backup"
    assert main(["--db", url, "backup", str(target)]) == 0
    assert main(["--db", url, "org", "add", "After"]) == 0

    with running_service(url, "--key-file", key), running_service(url, "--key-file", key):  # two serves share it
        for command in (["restore", str(target)], ["migrate"]):
            capsys.readouterr()
            assert main(["--db", url, *command]) == 2
            said = capsys.readouterr().err
            assert "a `prossimo-central serve` is running on this database" in said, said
            assert "nothing was changed" in said and "Traceback" not in said
        assert _orgs(url) == {"Before", "After"}  # the refused restore changed nothing
        assert main(["--db", url, "init", "--key-file", key]) == 0  # the schema is at head: nothing to upgrade

    assert main(["--db", url, "restore", str(target)]) == 0  # every serve stopped: it runs
    assert _orgs(url) == {"Before"}
    assert main(["--db", url, "migrate"]) == 0


def test_serve_refuses_to_start_while_a_restore_holds_the_lock(engine: Engine, tmp_path: Path) -> None:
    url = _url(engine)
    engine.dispose()
    command = [CENTRAL, "--db", url, "serve", "--port", str(free_port()), "--key-file", str(tmp_path / "k")]
    with service_lock.exclusive(url, "restore"):
        done = subprocess.run(command, capture_output=True, text=True, env=clean_environment(), timeout=120)
        assert main(["--db", url, "init", "--key-file", str(tmp_path / "k")]) == 2  # init upgrades too: refused
    assert done.returncode == 2
    assert "a restore or migrate is running on this database" in done.stderr
    assert "Traceback" not in done.stderr
