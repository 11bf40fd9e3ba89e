"""`prossimo demo` and `prossimo --demo` leave nothing behind (issue 14 item 8): real processes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROSSIMO = str(Path(sys.executable).parent / "prossimo")


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    environment.update(TMPDIR=str(tmp_path), PROSSIMO_HOME=str(tmp_path / "never-used"), QT_QPA_PLATFORM="offscreen")
    return environment


def _wait_for(ready, what: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not ready():
        assert process.poll() is None, f"the demo ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"no {what} after {timeout_s} s"
        time.sleep(0.1)


def _demo_folders(tmp_path: Path) -> list[Path]:
    return sorted(tmp_path.glob("prossimo-demo-*"))


def _synced(tmp_path: Path) -> bool:
    """The app's first sync has written the caseload (so its event loop runs)."""
    wal = [folder / "profile" / "store.db-wal" for folder in _demo_folders(tmp_path)]
    return any(path.exists() and path.stat().st_size > 200_000 for path in wal)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("when", ["while the window is up", "while it starts"])
def test_a_demo_stopped_by_a_signal_deletes_its_folder(tmp_path: Path, stop: signal.Signals, when: str) -> None:
    """Issue 14 item 8 (9): SIGTERM or SIGINT, early (the service and profile are being made) or
    late (the app runs its event loop): the demo stops in order and its temp folder of invented
    people is gone, as after closing the window."""
    process = subprocess.Popen(
        [PROSSIMO, "--demo"],
        env=_environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: any((f / "profile").exists() for f in _demo_folders(tmp_path)), "demo profile", process)
        if when == "while the window is up":
            _wait_for(lambda: _synced(tmp_path), "first sync", process)
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + stop, err
    assert _demo_folders(tmp_path) == [], "the demo left its invented data behind"
    assert "Traceback" not in err, err


def test_the_command_line_demo_says_what_happens_and_tidies_up(tmp_path: Path) -> None:
    """Issue 14 item 8 (6): `prossimo demo` no longer promises a window "with the UI milestone":
    it says the app's demo is `prossimo --demo`, and deletes its own temp folder."""
    result = subprocess.run(
        [PROSSIMO, "demo"],
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "milestone" not in result.stdout
    assert "prossimo --demo" in result.stdout and "deleted" in result.stdout
    assert _demo_folders(tmp_path) == []
