"""The real central service as a child process, for tests and benchmarks.

Owns: `running_service()`: start `prossimo-central --db URL serve` on a free loopback
port (plain HTTP, or TLS with a certificate the caller made), wait until `/v1/health`
answers, hand back its address, and stop it (SIGTERM, then wait; a service that does not
stop on SIGTERM is killed and reported) however the caller's block ends. Its output goes
where the caller says: a log file (to grep for canaries), a pipe, or nowhere. The tests
and the benchmarks (bench/) all start the service through it.

Must never listen beyond 127.0.0.1, never turn TLS verification off, and never leave the
process running.
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
    tls: tuple[Path, Path] | None = None,
) -> Iterator[RunningService]:
    """The service on `db_url` (its schema already made), until the block ends.

    `log`: the process's stdout and stderr are written there. Else, with `stderr_pipe`, its
    stderr is a text pipe the caller may read; else both go nowhere.
    `tls`: (certificate, key) files: the service speaks HTTPS, and `/v1/health` is polled
    trusting that certificate only.
    """
    port = free_port()
    command = [CENTRAL, "--db", db_url, "serve", "--port", str(port), *serve_args]
    if tls is not None:
        command += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
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
    service = RunningService(f"{'https' if tls else 'http'}://127.0.0.1:{port}", port, process)
    try:
        _wait_until_healthy(service, log, wait_s, verify=str(tls[0]) if tls else True)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.wait(10)
            # `from exc`: an error of the caller's block stays in the chain shown.
            raise RuntimeError(f"the central service did not stop on SIGTERM: {_output(service, log)[-2000:]}") from exc


def _wait_until_healthy(service: RunningService, log: Path | None, wait_s: float, verify: str | bool) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            requests.get(f"{service.url}/v1/health", timeout=1, verify=verify)
            return
        except requests.exceptions.SSLError:
            raise  # a certificate problem does not go away by waiting
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
