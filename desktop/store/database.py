"""Opening one SQLCipher database with a raw key, and transactions on it.

Owns: the connection settings every store connection must have (raw 32-byte
key, SQLCipher >= 4, WAL, synchronous=FULL, foreign keys, temp data in memory),
the store files' modes (0600, so SQLite's -wal and -shm are 0600 too), which
database errors are the disk's rather than damage (`is_storage_failure`), the
`transaction()` context manager, and how an instant kept as text is read back
(`stored_instant`). Must never create a database that
failed to open, never log the key, never hand out a naive datetime, and never be used
from more than one thread per connection (see `desktop.store.worker`).
"""

import contextlib
import datetime as dt
import itertools
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from desktop.store.errors import StorageFailure, StoreCorrupt, StoreLocked
from desktop.store.keys import sqlcipher_key_pragma_value
from desktop.store.private_files import create_private, is_disk_failure, tighten

log = logging.getLogger(__name__)

MIN_CIPHER_MAJOR = 4

Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError
OperationalError = sqlcipher3.OperationalError

# Primary result codes that mean the disk, not the file: full, failed I/O, a file that
# cannot be opened or written (read-only mount, permissions). Real damage is
# SQLITE_CORRUPT or SQLITE_NOTADB, and a wrong key reads as SQLITE_NOTADB.
_DISK_CODES = frozenset(
    {sqlcipher3.SQLITE_FULL, sqlcipher3.SQLITE_IOERR, sqlcipher3.SQLITE_CANTOPEN, sqlcipher3.SQLITE_READONLY}
)
_FILES = ("", "-wal", "-shm", "-journal")


def is_storage_failure(exc: BaseException) -> bool:
    """Whether an error is the disk's (full, I/O error) rather than the store's (damage, bug)."""
    if isinstance(exc, DatabaseError):
        code = getattr(exc, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in _DISK_CODES  # extended codes carry the primary in the low byte
    return is_disk_failure(exc)


def storage_failure(exc: BaseException) -> StorageFailure:
    """The operator's words for a disk error; the cause's type is kept, never its text."""
    if isinstance(exc, OSError):
        name = exc.strerror or type(exc).__name__
    else:
        name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return StorageFailure(f"the disk is full or could not be written ({name})")


def stored_instant(text: str) -> dt.datetime:
    """An instant the store keeps as ISO text (outbox and refused changes, the last sync, a
    time in a record body read without its model), read back aware.

    SQLite has no datetime type, so the text is all there is. The store writes it with its
    offset (`isoformat()` of an aware datetime: `protocol.clock.utc_now` or a record's
    validated time); text without one was not written so, and is read as UTC, the rule the
    central service's `UtcTimestamp` applies to its SQLite. The one place this is decided:
    no caller patches `tzinfo`.
    """
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _tighten_files(path: Path) -> None:
    """store.db and its companions become 0600 before SQLite opens them: SQLite gives a new
    -wal or -shm the mode of the database file, so a loose store.db means loose journals."""
    for suffix in _FILES:
        tighten(path.with_name(path.name + suffix))


def cipher_version(conn: Connection) -> str:
    row = conn.execute("PRAGMA cipher_version").fetchone()
    return row[0] if row else ""


def _configure(conn: Connection, key: bytes) -> None:
    version = cipher_version(conn)
    major = int(version.split(".")[0]) if version[:1].isdigit() else 0
    if major < MIN_CIPHER_MAJOR:
        raise StoreCorrupt(
            f"SQLCipher {MIN_CIPHER_MAJOR} or newer is required, found {version or 'none'}; reinstall Prossimo"
        )
    # SQLCipher otherwise prints its own "ERROR CORE ..." lines on stderr for every
    # bad page; damage is reported once, by us, in words an operator can act on.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {sqlcipher_key_pragma_value(key)}")
    # Temporary tables and sort spills would otherwise go to plaintext temp files.
    conn.execute("PRAGMA temp_store = MEMORY")


def _first_read(conn: Connection, path: Path) -> None:
    """Touch the first page: this is where a wrong key or a damaged header shows."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        if is_storage_failure(exc):
            raise storage_failure(exc) from exc  # e.g. no room for the -shm file: not a wrong key
        raise StoreLocked(f"{path.name} does not open with this key") from exc


def apply_runtime_pragmas(conn: Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise StoreCorrupt(f"could not switch the store to WAL mode (got {mode})")
    # FULL: a commit that acknowledged an operator's work survives a power cut.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted content is overwritten with zeros, not left in free space and free pages:
    # an erased person's values must not survive in the file (SQLCipher has it off).
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    # 64 MiB of decrypted pages: with SQLCipher every cache miss costs a page
    # decryption and an HMAC check, so a warm cache is what keeps reads near
    # plain-SQLite speed on a 100k-contact caseload.
    conn.execute("PRAGMA cache_size = -65536")


def open_existing(path: Path, key: bytes) -> Connection:
    """Open a database file that must already exist.

    Raises StoreCorrupt when the file is missing or empty (it is never recreated
    here) and StoreLocked when the key does not decrypt its first page.
    """
    if not path.exists():
        raise StoreCorrupt(f"{path.name} is missing from the profile; it will not be recreated")
    if path.stat().st_size == 0:
        raise StoreCorrupt(f"{path.name} is empty (truncated); it will not be recreated")
    _tighten_files(path)
    # mode=rw: SQLite must fail rather than silently create a new empty file.
    conn = sqlcipher3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, check_same_thread=True)
    try:
        _configure(conn, key)
        _first_read(conn, path)
        apply_runtime_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def create_new(path: Path, key: bytes) -> Connection:
    """Create a brand-new encrypted database; refuses to touch an existing file.

    The empty file is made 0600 first (an empty file is a valid empty database), so the
    -wal and -shm SQLite creates beside it are 0600 too."""
    try:
        os.close(create_private(path))
    except FileExistsError:
        raise StoreCorrupt(f"{path.name} already exists; refusing to overwrite it") from None
    conn = sqlcipher3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, check_same_thread=True)
    try:
        _configure(conn, key)
        apply_runtime_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


_savepoints = itertools.count(1)


def _still_open(conn: Connection) -> bool:
    """Whether a transaction is open now: asked afresh after a statement, since SQLite may have
    ended it (a bare `conn.in_transaction` there reads to mypy as the value checked before)."""
    return conn.in_transaction


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all or nothing.

    Inside a transaction that is already open it becomes a savepoint, so several
    repository writes can be grouped into one all-or-nothing unit (accepting an
    intake request writes a contact, an appointment and the request together).
    """
    if conn.in_transaction:
        name = f"nested_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # see below: SQLite may have rolled back everything itself
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR): a second
        # ROLLBACK would then fail and hide the real error behind "no transaction is active".
        if _still_open(conn):
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if _still_open(conn):  # a COMMIT that failed (disk full) leaves the transaction open
            conn.execute("ROLLBACK")
        raise
