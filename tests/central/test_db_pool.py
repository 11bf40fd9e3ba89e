"""The connection pool on PostgreSQL: a connection that went stale while it rested in the
pool is replaced before use, and one handed back moments ago is used without a ping."""

import psycopg
import pytest
from sqlalchemy import Engine, text

from central import db


def _terminate(engine: Engine, pid: int) -> None:
    """Drop a server connection from outside the pool, as a restart would."""
    dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as outside:
        assert outside.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_a_rested_connection_that_died_is_replaced_before_use(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server connection to lose")
    first = _backend_pid(engine)
    assert _backend_pid(engine) == first  # handed back and taken again: the same connection
    _terminate(engine, first)
    monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)  # as if it had rested long enough
    replacement = _backend_pid(engine)  # would raise "server closed the connection" unchecked
    assert replacement != first


def test_a_connection_back_from_work_moments_ago_is_not_pinged(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server connection to lose")
    first = _backend_pid(engine)
    _terminate(engine, first)
    # Not rested: used as it is, so the loss shows (the pool then replaces it for the next use).
    with pytest.raises(Exception, match="terminat|closed|connection"):
        _backend_pid(engine)
    assert _backend_pid(engine) != first
