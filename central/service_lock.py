"""The service lock: `serve` holds it shared for its whole life; `restore` and `migrate` need it alone.

Owns: how a running `prossimo-central serve` is seen by the commands that must not run under
it. SQLite: an flock on a file beside the database (`central.db.lock`, 0600). PostgreSQL: a
session-level advisory lock (key `LOCK_KEY`) on a connection of its own, so every serve
process of a deployment, on any machine, holds it. `exclusive()` fails at once with
`ServiceBusy` naming the problem; `serving()` takes the lock exclusively when it can (to run
the schema upgrade alone), then keeps it shared, and refuses to upgrade a schema other serve
processes are using.

Limits (docs/ARCHITECTURE.md, "Restore safety"): a serve of a version before this lock
existed holds nothing; a PostgreSQL serve whose lock connection broke (the database
restarted) holds nothing until it is restarted; an in-memory SQLite database has no lock.
Must never wait for the lock (a refusal is immediate and says why), and never put the
database password on a command line or in a message.
"""

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from central import files

LOCK_KEY = 0x50524F5353494D4F  # "PROSSIMO" in ASCII: one advisory lock key for the whole deployment


class ServiceBusy(Exception):
    """The lock is held by someone else; the message says who and what to do."""


def _sqlite_lock_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database + ".lock")


def _open_lock_file(path: Path) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.chmod(path, 0o600)
    return fd


def _pg_connect(url: str) -> "psycopg.Connection[Any]":
    parsed = make_url(url).set(drivername="postgresql")
    return psycopg.connect(parsed.render_as_string(hide_password=False), autocommit=True)


def _pg_try(connection: "psycopg.Connection[Any]", function: str) -> bool:
    row = connection.execute(f"SELECT {function}(%s)", (LOCK_KEY,)).fetchone()
    return bool(row and row[0])


SERVING = (
    "a `prossimo-central serve` is running on this database (it holds the service lock); "
    "stop every serve process of this deployment first"
)


@contextmanager
def exclusive(url: str, what: str) -> Iterator[None]:
    """Hold the lock alone while `what` (restore, migrate) runs; ServiceBusy if a serve holds it."""
    path = _sqlite_lock_file(url)
    if path is not None:
        files.make_folder(path.parent)
        fd = _open_lock_file(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ServiceBusy(f"{what}: {SERVING} (lock file {path})") from None
            yield
        finally:
            os.close(fd)  # closing releases the flock
        return
    if make_url(url).get_backend_name() != "postgresql":
        yield
        return
    connection = _pg_connect(url)
    try:
        if not _pg_try(connection, "pg_try_advisory_lock"):
            raise ServiceBusy(f"{what}: {SERVING} (PostgreSQL advisory lock {LOCK_KEY})")
        yield
    finally:
        connection.close()  # ends the session: its advisory locks go with it


@contextmanager
def serving(url: str, upgrade: Callable[[], None], at_head: Callable[[], bool], what: str = "serve") -> Iterator[None]:
    """Hold the lock shared for the life of a serve. When no other serve holds it, take it alone
    first and run `upgrade`; else refuse if the schema is not at the newest migration (`at_head`),
    as upgrading it would change the tables under the serve processes already running."""
    path = _sqlite_lock_file(url)
    if path is not None:
        files.make_folder(path.parent)
        fd = _open_lock_file(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                upgrade()
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise ServiceBusy(
                        f"{what}: a restore or migrate is running on this database (lock file {path}); "
                        "start the service when it has finished"
                    ) from None
                _refuse_behind(at_head, what)
            yield
        finally:
            os.close(fd)
        return
    if make_url(url).get_backend_name() != "postgresql":
        upgrade()
        yield
        return
    connection = _pg_connect(url)
    try:
        if _pg_try(connection, "pg_try_advisory_lock"):
            upgrade()
            # Shared taken while the exclusive one is still held: no moment without the lock.
            _pg_try(connection, "pg_try_advisory_lock_shared")
            connection.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
        elif _pg_try(connection, "pg_try_advisory_lock_shared"):
            _refuse_behind(at_head, what)
        else:
            raise ServiceBusy(
                f"{what}: a restore or migrate is running on this database (PostgreSQL advisory lock "
                f"{LOCK_KEY}); start the service when it has finished"
            )
        yield
    finally:
        connection.close()


def _refuse_behind(at_head: Callable[[], bool], what: str) -> None:
    if not at_head():
        raise ServiceBusy(
            f"{what}: the schema needs an upgrade, but other serve processes are using it; stop them, "
            "run `prossimo-central migrate`, then start them all with this version"
        )
