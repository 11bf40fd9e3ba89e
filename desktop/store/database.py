"""Opening one SQLCipher database with a raw key, and transactions on it.

Owns: the connection settings every store connection must have (raw 32-byte
key, SQLCipher >= 4, WAL, synchronous=FULL, foreign keys, temp data in memory)
and the `transaction()` context manager. Must never create a database that
failed to open, never log the key, and never be used from more than one thread
per connection (see `desktop.store.worker`).
"""

import contextlib
import itertools
import logging
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from desktop.store.errors import StoreCorrupt, StoreLocked
from desktop.store.keys import sqlcipher_key_pragma_value

log = logging.getLogger(__name__)

MIN_CIPHER_MAJOR = 4

Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError


def cipher_version(conn: Connection) -> str:
    row = conn.execute("PRAGMA cipher_version").fetchone()
    return row[0] if row else ""


def _configure(conn: Connection, key: bytes) -> None:
    version = cipher_version(conn)
    major = int(version.split(".")[0]) if version[:1].isdigit() else 0
    if major < MIN_CIPHER_MAJOR:
        raise StoreCorrupt(
            f"SQLCipher {MIN_CIPHER_MAJOR} or newer is required, found {version or 'none'}; "
            "reinstall Prossimo"
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
    # mode=rw: SQLite must fail rather than silently create a new empty file.
    conn = sqlcipher3.connect(
        f"file:{path}?mode=rw", uri=True, isolation_level=None, check_same_thread=True
    )
    try:
        _configure(conn, key)
        _first_read(conn, path)
        apply_runtime_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def create_new(path: Path, key: bytes) -> Connection:
    """Create a brand-new encrypted database; refuses to touch an existing file."""
    if path.exists():
        raise StoreCorrupt(f"{path.name} already exists; refusing to overwrite it")
    conn = sqlcipher3.connect(
        f"file:{path}?mode=rwc", uri=True, isolation_level=None, check_same_thread=True
    )
    try:
        _configure(conn, key)
        apply_runtime_pragmas(conn)
    except BaseException:
        conn.close()
        raise
    return conn


_savepoints = itertools.count(1)


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
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
