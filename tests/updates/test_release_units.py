"""deploy/prossimo-release-sign.{service,timer}: systemd accepts them, and the command line the
timer runs is one the real `prossimo-central` parser reads as `release sign` with both online keys."""

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from central.cli import build_parser

DEPLOY = Path(__file__).parents[2] / "deploy"


def test_the_timer_runs_release_sign_with_both_online_keys() -> None:
    unit = (DEPLOY / "prossimo-release-sign.service").read_text(encoding="utf-8")
    [exec_start] = [line.split("=", 1)[1] for line in unit.splitlines() if line.startswith("ExecStart=")]
    argv = shlex.split(exec_start.replace("%d", "/run/credentials/prossimo-release-sign.service"))
    assert argv[0] == "/opt/prossimo/bin/prossimo-central"
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.sub) == ("release", "sign")
    assert args.snapshot_key and args.timestamp_key
    credentials = {
        line.split(":", 1)[0].split("=", 1)[1] for line in unit.splitlines() if line.startswith("LoadCredential=")
    }
    assert credentials == {"snapshot", "timestamp"}  # the offline keys are never on the server
    assert "OnCalendar=*-*-* 00/6:00:00" in (DEPLOY / "prossimo-release-sign.timer").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify(tmp_path: Path) -> None:
    unit = (DEPLOY / "prossimo-release-sign.service").read_text(encoding="utf-8")
    (tmp_path / "prossimo-release-sign.service").write_text(
        unit.replace("/opt/prossimo/bin/prossimo-central", "/bin/true")
    )
    shutil.copy(DEPLOY / "prossimo-release-sign.timer", tmp_path)
    result = subprocess.run(
        ["systemd-analyze", "verify", "prossimo-release-sign.service", "prossimo-release-sign.timer"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "prossimo-release-sign" not in result.stderr, result.stderr
