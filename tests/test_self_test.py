"""`prossimo --self-test` run as the operator would run it: a real subprocess, real store, service and Qt."""

import os
import subprocess
import sys
from pathlib import Path

CHECKS = ("encrypted store", "sync both ways", "main window", "handout PDF", "update metadata", "help desk")


def _self_test(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_every_check_passes_on_a_working_installation() -> None:
    done = _self_test({})
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert [line.split(" (")[0] for line in lines if line.startswith("PASS")] == [f"PASS {c}" for c in CHECKS]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_failing_check_is_named_and_the_others_still_run(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")  # the store cannot be created under a regular file, even as root
    done = _self_test({"PROSSIMO_SELF_TEST_STORE_DIR": str(not_a_folder)})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("FAIL")][0].startswith("FAIL encrypted store: ")
    assert len([line for line in lines if line.startswith("PASS")]) == len(CHECKS) - 1
    assert "Traceback" not in done.stdout + done.stderr


def test_a_failing_update_check_is_named(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")  # the throwaway update repository cannot be made there
    done = _self_test({"PROSSIMO_SELF_TEST_UPDATES_DIR": str(not_a_folder / "updates")})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("FAIL")] == [
        next(line for line in lines if line.startswith("FAIL update metadata: "))
    ]
    assert "Traceback" not in done.stdout + done.stderr
