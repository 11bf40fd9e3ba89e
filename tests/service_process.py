"""The real central service as a child process, for tests and benchmarks.

Owns: `running_service()`: start `prossimo-central --db URL serve` on a free loopback
port, wait until `/v1/health` answers, hand back its address, and stop it (SIGTERM,
then wait) however the caller's block ends. Its output goes where the caller says:
a log file (to grep for canaries), a pipe, or nowhere.

Must never listen beyond 127.0.0.1 and never leave the process running.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import requests

CENTRAL = str(Path(sys.executable).parent / "prossimo-central")  # this virtualenv's, never another on PATH


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without PROSSIMO_* settings, plus `extra`, unbuffered."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


@dataclass(frozen=True)
class RunningService:
    url: str
    port: int
    process: subprocess.Popen


@contextmanager
def running_service(
    db_url: str,
    *serve_args: str,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    stderr_pipe: bool = False,
    wait_s: float = 30.0,
) -> Iterator[RunningService]:
    """The service on `db_url` (its schema already made), until the block ends.

    `log`: the process's stdout and stderr are written there. Else, with `stderr_pipe`, its
    stderr is a text pipe the caller may read; else both go nowhere.
    """
    port = free_port()
    command = [CENTRAL, "--db", db_url, "serve", "--port", str(port), *serve_args]
    environment = dict(env) if env is not None else clean_environment()
    sink: IO[bytes] | int = subprocess.DEVNULL
    if log is not None:
        sink = log.open("wb")
    stderr: IO[bytes] | int = (
        subprocess.STDOUT if log is not None else (subprocess.PIPE if stderr_pipe else subprocess.DEVNULL)
    )
    process = subprocess.Popen(command, stdout=sink, stderr=stderr, env=environment, text=stderr_pipe and log is None)
    if log is not None:
        sink.close()  # the child has its own copy
    service = RunningService(f"http://127.0.0.1:{port}", port, process)
    try:
        _wait_until_healthy(service, log, wait_s)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _wait_until_healthy(service: RunningService, log: Path | None, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            requests.get(f"{service.url}/v1/health", timeout=1)
            return
        except requests.ConnectionError:
            if service.process.poll() is not None:
                raise RuntimeError(f"the central service did not start: {_output(service, log)}") from None
            time.sleep(0.05)
    raise RuntimeError("the central service did not answer /v1/health in time")


def _output(service: RunningService, log: Path | None) -> str:
    if log is not None:
        return log.read_text(errors="replace")
    if service.process.stderr is not None:
        text = service.process.stderr.read()
        return text if isinstance(text, str) else text.decode(errors="replace")
    return "(no output kept)"
