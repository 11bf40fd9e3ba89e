"""`--json` means JSON, whatever happens (issue 14 item 8): real `prossimo` processes, real store."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_cli import PASSPHRASE, run


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    profile = tmp_path / "profile"
    assert run(profile, "init").returncode == 0
    return profile


def _error(result: subprocess.CompletedProcess[str]) -> dict:
    lines = result.stdout.splitlines()
    assert len(lines) == 1, (result.stdout, result.stderr)
    answer = json.loads(lines[0])
    assert answer["ok"] is False and answer["exit_code"] == result.returncode
    assert answer["message"] and "Traceback" not in result.stderr
    return answer


def test_sync_json_when_not_enrolled_is_json(home: Path) -> None:
    """Issue 14 item 8 (8): `prossimo sync --json` on an offline-only profile prints a JSON error
    with a code and a message; the exit code is the same as without --json (2)."""
    plain = run(home, "sync")
    answer = _error(run(home, "sync", "--json"))
    assert answer["error"] == "not_enrolled" and "not enrolled" in answer["message"]
    assert answer["exit_code"] == plain.returncode == 2


@pytest.mark.parametrize(
    ("command", "error", "code", "passphrase"),
    [
        (["conflicts", "list", "--json"], "wrong_passphrase", 3, "not the passphrase"),
        (["contacts", "search", "anna", "--json"], "wrong_passphrase", 3, "not the passphrase"),
        (["contacts", "show", "not-an-id", "--json"], "usage", 2, PASSPHRASE),
        (["contacts", "show", "0190f0c2-0000-7000-8000-000000000000", "--json"], "record_not_found", 2, PASSPHRASE),
        (["sync", "--json", "--no-such-option"], "usage", 2, PASSPHRASE),
    ],
    ids=["conflicts wrong passphrase", "search wrong passphrase", "show bad id", "show unknown", "usage"],
)
def test_every_json_command_fails_in_json(
    home: Path, command: list[str], error: str, code: int, passphrase: str
) -> None:
    """Issue 14 item 8 (8): the other --json commands too: each failure is one JSON object."""
    result = run(home, *command, passphrase=passphrase)
    answer = _error(result)
    assert (answer["error"], result.returncode) == (error, code)
    assert passphrase not in result.stdout + result.stderr


def test_no_profile_is_json_too(tmp_path: Path) -> None:
    """Issue 14 item 8 (8): no profile at all: still JSON, still exit code 2."""
    answer = _error(run(tmp_path / "nothing-here", "sync", "--json"))
    assert answer["error"] == "usage" and "no profile" in answer["message"]
