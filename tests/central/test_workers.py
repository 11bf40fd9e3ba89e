"""`serve --workers N` on Linux (central.workers): a listening socket per process, so connections
spread over the processes; a port in use is refused; a worker that dies is replaced.

Counted, not timed: which process holds each established connection, read from /proc.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from central.db import make_engine, upgrade
from central.workers import available
from tests.service_process import CENTRAL, clean_environment, running_service

pytestmark = pytest.mark.skipif(not available(), reason="SO_REUSEPORT workers are Linux only")


@pytest.fixture()
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def _workers(parent: int) -> list[int]:
    """The parent's worker processes (multiprocessing also starts a resource tracker: not one)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def _established_on(port: int) -> set[int]:
    """Socket inodes of the established connections whose local port is `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(int(fields[9]))
    return inodes


def _held_by(pid: int, inodes: set[int]) -> int:
    held = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and int(target[8:-1]) in inodes:
            held += 1
    return held


def _wait_for_workers(parent: int, count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = _workers(parent)
        if len(found) == count and all(_listening(pid) for pid in found):
            return found
        time.sleep(0.2)
    raise AssertionError(f"{count} workers did not start: {_workers(parent)}")


def _listening(pid: int) -> bool:
    """Whether the process holds a listening TCP socket (its own SO_REUSEPORT one)."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":
                listening.add(int(fields[9]))
    return _held_by(pid, listening) > 0


def test_connections_are_spread_over_the_workers(database: str) -> None:
    with running_service(database, "--workers", "4") as service:
        workers = _wait_for_workers(service.process.pid, 4)
        clients = [socket.create_connection(("127.0.0.1", service.port)) for _ in range(200)]
        try:
            time.sleep(0.5)  # every connection accepted by some worker
            inodes = _established_on(service.port)
            held = {pid: _held_by(pid, inodes) for pid in workers}
        finally:
            for client in clients:
                client.close()
    assert sum(held.values()) == 200, held
    # A hash of each connection's addresses chooses the socket: about 50 each. uvicorn's shared
    # socket gave 160/36/3/1 and 85/84/31/0 to 200 connections made at once.
    assert all(25 <= count <= 80 for count in held.values()), held


def test_a_port_in_use_is_refused_by_name(database: str) -> None:
    with running_service(database, "--workers", "2") as service:
        second = subprocess.run(
            [CENTRAL, "--db", database, "serve", "--port", str(service.port), "--workers", "2"],
            capture_output=True,
            text=True,
            env=clean_environment(),
            timeout=60,
        )
    assert second.returncode == 2, second.stderr
    assert "--host/--port" in second.stderr and "already in use" in second.stderr
    assert "Traceback" not in second.stderr


def test_a_worker_that_dies_is_replaced(database: str) -> None:
    with running_service(database, "--workers", "2") as service:
        parent = service.process.pid
        first = _wait_for_workers(parent, 2)
        os.kill(first[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = _workers(parent)
            if len(now) == 2 and first[0] not in now and all(_listening(pid) for pid in now):
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"no worker replaced {first[0]}: {_workers(parent)}")
        assert requests.get(f"{service.url}/v1/health", timeout=10).status_code == 200
    # The service stopped (SIGTERM to the supervisor): no worker is left behind.
    assert not any(Path(f"/proc/{pid}").exists() for pid in now)
