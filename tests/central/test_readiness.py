"""GET /v1/ready: 200 only when the service's database answers a query.

The failing case is real: an engine pointed at a loopback port where no PostgreSQL listens.
"""

import socket
from pathlib import Path

from fastapi.testclient import TestClient

from central.app import create_app
from central.db import make_engine, upgrade


def test_ready_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    upgrade(engine)
    try:
        answer = TestClient(create_app(engine)).get("/v1/ready")
    finally:
        engine.dispose()
    assert answer.status_code == 200
    assert answer.json() == {"status": "ready"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # freed on close: nothing listens there


def test_not_ready_when_the_database_is_missing() -> None:
    secret_user = "ready_probe_user"
    engine = make_engine(f"postgresql://{secret_user}:pw@127.0.0.1:{_closed_port()}/missing_db?connect_timeout=2")
    try:
        client = TestClient(create_app(engine))
        answer = client.get("/v1/ready")
        health = client.get("/v1/health")
    finally:
        engine.dispose()
    assert answer.status_code == 503
    body = answer.json()
    assert body["error"] == "not_ready"
    assert body["message"] == "the service cannot reach its database"
    # No exception text: neither the user, the port, nor the driver's words.
    assert secret_user not in answer.text and "127.0.0.1" not in answer.text and "refused" not in answer.text
    assert health.status_code == 200  # the process itself is alive: health and readiness differ
