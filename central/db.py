"""Database engines and schema upgrades for the central service.

Owns: turning a database URL into a configured SQLAlchemy engine (SQLite as the
zero-set-up default, PostgreSQL through psycopg 3 in production), running the
Alembic migrations, and the counter that orders every change.
Must never create tables outside Alembic, and never let two SQLite writers
interleave (every SQLite transaction starts with BEGIN IMMEDIATE). A SQLite file
is made 0600 before SQLite opens it (central.files says which folders are tightened).
"""

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy import exc as exc_module
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from central import files

DB_ENV = "PROSSIMO_CENTRAL_DB"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_url() -> str:
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return f"sqlite:///{files.data_folder() / 'central.db'}"


def _sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


# How long a SQLite transaction waits for another writer's lock before it gives up; the
# request is then answered 503 `busy` (central.errors). Tests pass a shorter wait.
SQLITE_BUSY_TIMEOUT_S = 30.0


def make_engine(url: str, *, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> Engine:
    if url.startswith("sqlite"):
        database = _sqlite_file(url)
        if database is not None:
            files.prepare_sqlite_file(database)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_timeout_s})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
            # Let SQLAlchemy issue BEGIN itself (below), so it can be IMMEDIATE.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")  # freed space zeroed: erased values leave the file
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn: Connection) -> None:
            # A deferred transaction that later writes can deadlock with another
            # writer; taking the write lock up front serialises them cleanly.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # UTF-8 whatever the database's own encoding: the pull reads change text as the bytes the
    # server sends and puts them in the answer as they are (sync_sql._Utf8Bytes).
    engine = create_engine(url, pool_size=20, max_overflow=20, connect_args={"client_encoding": "utf8"})
    _ping_after_idle(engine)
    return engine


IDLE_BEFORE_PING = 10.0  # seconds a pooled connection may rest before it is checked again


def _ping_after_idle(engine: Engine) -> None:
    """Check a pooled connection before use only if it has rested in the pool a while.

    A connection can go stale while it rests (the database restarted, a firewall
    dropped it); one just handed back is alive. `pool_pre_ping` would ping on every
    checkout, a round trip per sync under load. A failed ping makes the pool throw
    the connection away and take another (DisconnectionError), as pre_ping does.
    """

    @event.listens_for(engine, "checkin")
    def _rested_from(_dbapi_conn: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_rested(
        dbapi_conn: psycopg.Connection[Any], record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:  # only PostgreSQL's pool pings (see make_engine)
        rested = record.info.get("checked_in_at")
        if rested is None or time.monotonic() - rested < IDLE_BEFORE_PING:
            return  # new (just connected) or back from work moments ago
        try:
            with dbapi_conn.cursor() as cursor:
                cursor.execute("SELECT 1")
            dbapi_conn.rollback()
        except Exception as exc:  # any driver error: the connection is not usable
            raise exc_module.DisconnectionError("pooled connection failed its ping") from exc


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


def next_sequence(session: Session, name: str, count: int = 1) -> int:
    """Advance counter `name` by `count` and return its new value.

    The UPDATE takes the counter's row lock until commit, so sequence numbers are
    handed out in commit order: a reader that sees value V knows every change up
    to V is committed (the pull cursor relies on this). A writer that needs `count`
    numbers takes them all in this one statement: value - count + 1 .. value.
    """
    session.flush()  # what the session holds goes out first, as autoflush would
    value = session.connection().execute(_ADVANCE, {"n": count, "name": name}).scalar_one()
    return int(value)


def current_sequence(session: Session, name: str) -> int:
    session.flush()
    return int(session.connection().execute(_CURRENT, {"name": name}).scalar_one())


# Built once and run on the connection, past the ORM's execute path: several per sync.
_ADVANCE = text("UPDATE counter SET value = value + :n WHERE name = :name RETURNING value")
_CURRENT = text("SELECT value FROM counter WHERE name = :name")
