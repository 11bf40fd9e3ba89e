"""The statements of the sync hot path, run straight on the database driver.

Owns: the handful of SQL statements one sync runs (find the caller, read and
lock the batch's records and earlier results, check the operators a batch names
when they are not the caller, number the batch, write records, results and
audit entries, read a page of changes) and the conversion of
values to and from the column formats SQLAlchemy uses, so every other part of
the service (ORM, CLI, audit verify) reads these rows as its own.

Why not SQLAlchemy Core here: measured on the sync path, a cached Core
statement cost ~165 us of Python per execution against ~55 us for the same
statement on a driver cursor, and a multi-row Core INSERT more again. A sync
runs about ten statements; everywhere else the service keeps the ORM.

How it stays cheap:
- Every statement's text is fixed (never built from the batch's size), so
  psycopg prepares it once per pooled connection and PostgreSQL plans it once.
- A batch's rows go to a table in one statement whatever their number: they
  travel as one JSON document that the database unpacks (`json_to_recordset`
  on PostgreSQL, `json_each` on SQLite). That is one C-level `orjson.dumps` here;
  psycopg's own array parameters were dumped element by element in Python and
  cost more than the statements they saved.
- A list of ids is one JSON parameter too (`json_array_elements_text`,
  `json_each`), so its length never changes the statement.

Must never put a value into SQL text (parameters only), never commit or roll
back (the caller's transaction decides), and never write a column in a format
SQLAlchemy would not.
"""

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from psycopg.adapt import Buffer, Loader
from psycopg.pq import TransactionStatus
from sqlalchemy import Column, Connection, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from central.models import AppliedMutation, AuditEntry, Device, Membership, Operator, StoredRecord

RECORD = StoredRecord.__table__
APPLIED = AppliedMutation.__table__
AUDIT = AuditEntry.__table__
DEVICE = Device.__table__
OPERATOR = Operator.__table__
MEMBERSHIP = Membership.__table__

# The columns a sync reads of a record, in this order (see RowState in sync_service).
RECORD_READ = (
    "id",
    "entity",
    "organisation_id",
    "team_id",
    "contact_id",
    "body",
    "field_versions",
    "created_version",
    "version",
    "deleted",
    "erased",
)
RECORD_INSERT = (
    "id",
    "entity",
    "organisation_id",
    "team_id",
    "contact_id",
    "version",
    "deleted",
    "erased",
    "body",
    "field_versions",
    "created_version",
)
# What a write to an existing record changes; its team never changes here.
RECORD_REWRITE = ("body", "version", "deleted", "field_versions", "contact_id")
CALLER_READ = (
    (DEVICE, "id"),
    (DEVICE, "token_hash"),
    (DEVICE, "next_token_hash"),
    (DEVICE, "token_issued_at"),
    (DEVICE, "last_seen_at"),
    (DEVICE, "revoked_at"),
    (OPERATOR, "id"),
    (OPERATOR, "organisation_id"),
    (OPERATOR, "role"),
    (OPERATOR, "disabled"),
    (MEMBERSHIP, "team_id"),
)

Convert = Callable[[Any], Any] | None
# What the hot path runs on: a Session (its pending ORM changes are flushed first) or a
# bare Connection (the sync endpoint's: a Session's bookkeeping is CPU it does not need).
Bind = Session | Connection


class SyncSQL:
    """The hot path's statements on one connection, inside the caller's transaction."""

    def __init__(self, connection: Connection) -> None:
        self.postgres = connection.dialect.name == "postgresql"
        self.dialect = connection.dialect
        self.driver = _driver(connection)
        self.cursor = self.driver.cursor()
        cached = _STATEMENTS.get(self.dialect.name)
        if cached is None:
            cached = _STATEMENTS[self.dialect.name] = _Statements(self.postgres, self.dialect)
        self.sql = cached

    @classmethod
    def of(cls, bind: Bind) -> "SyncSQL":
        """On a connection, or a session's: what the session holds goes out first (as autoflush would)."""
        if isinstance(bind, Session):
            bind.flush()
            return cls(bind.connection())
        return cls(bind)

    # --- values ---------------------------------------------------------------------------

    def value(self, column: Column[Any], value: Any) -> Any:
        convert = self.sql.to_db(column)
        return value if convert is None or value is None else convert(value)

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(sql, params)
        return self.cursor.fetchall() if self.cursor.description else []

    def read(self, sql: str, params: Sequence[Any], converters: Sequence[Convert]) -> list[list[Any]]:
        rows = self.run(sql, params)
        if not any(converters):
            return [list(row) for row in rows]
        return [
            [
                value if convert is None or value is None else convert(value)
                for value, convert in zip(row, converters, strict=True)
            ]
            for row in rows
        ]

    def id_list(self, values: Iterable[Any], column: Column[Any]) -> str:
        """A list of values as the one (JSON) parameter of `_Statements.in_list`."""
        if self.postgres:
            return json.dumps([v if isinstance(v, int) else str(v) for v in values])
        return json.dumps([self.value(column, v) for v in values])

    # --- the statements -------------------------------------------------------------------

    def caller_rows(self, token_digest: str, setting: str) -> list[list[Any]]:
        """Device, operator and one team per row, for a current or next token; last in each row,
        the service setting named `setting` (or None), read in the same statement (see
        auth.authenticate)."""
        return self.read(self.sql.caller, (setting, token_digest, token_digest), self.sql.caller_out)

    def earlier_results(self, device_id: uuid.UUID, seqs: list[int]) -> list[list[Any]]:
        """(device_seq, mutation_id, result) already stored for these sequence numbers."""
        return self.read(
            self.sql.applied,
            (self.value(APPLIED.c.device_id, device_id), self.id_list(seqs, APPLIED.c.device_seq)),
            self.sql.applied_out,
        )

    def lock_records(self, ids: Iterable[uuid.UUID]) -> list[list[Any]]:
        """The records with these ids (RECORD_READ columns), locked FOR UPDATE in id order,
        so two batches that share records cannot deadlock."""
        return self.read(self.sql.records, (self.id_list(sorted(ids), RECORD.c.id),), self.sql.record_out)

    def lock_record(self, record_id: uuid.UUID) -> list[Any] | None:
        rows = self.read(self.sql.record, (self.value(RECORD.c.id, record_id),), self.sql.record_out)
        return rows[0] if rows else None

    def operators_of(self, organisation_id: uuid.UUID, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """Which of these ids are operators of the organisation (what an appointment may name)."""
        rows = self.read(
            self.sql.operators,
            (self.value(OPERATOR.c.organisation_id, organisation_id), self.id_list(sorted(ids), OPERATOR.c.id)),
            self.sql.operators_out,
        )
        return [row[0] for row in rows]

    def username_of(self, operator_id: uuid.UUID) -> str | None:
        rows = self.run(self.sql.username, (self.value(OPERATOR.c.id, operator_id),))
        return rows[0][0] if rows else None

    def take_numbers(self, changes: int, entries: int) -> tuple[int, int, str | None]:
        """The first of `changes` new change sequence numbers and of `entries` audit
        sequence numbers, and the hash of the audit entry before them (None: the log is
        empty). One statement on PostgreSQL (a function, migration 0010).

        Takes the counters' row locks, held until commit, in the order every writer
        takes them (change_seq, then audit_seq). The tip is read by a statement of its
        own after the audit_seq lock is granted: a new statement sees the entries of the
        transaction that held the lock before (one statement that waited would not).

        On PostgreSQL this transaction then commits asynchronously (`synchronous_commit`
        off for it alone): its commit releases the locks as soon as the commit record is
        in the WAL buffers, without waiting for the disk. Held across the fsync, the locks
        let only one writer commit per disk flush (about 3.5 ms on the development disk, so
        fewer than 300 syncs/s whatever the cores). The caller must make the commit durable
        with `durable_barrier` before it answers (see there); nothing is acknowledged before.
        """
        if not (changes or entries):
            return 0, 0, None
        if self.postgres:
            # One statement: the function (migration 0010) runs the same steps with a
            # snapshot per step, which is what the tip needs.
            last_change, last_entry, tip = self.run(_TAKE_NUMBERS, (changes, entries))[0]
        else:
            last_change = self.run(self.sql.advance, (changes, "change_seq"))[0][0] if changes else None
            last_entry = self.run(self.sql.advance, (entries, "audit_seq"))[0][0] if entries else None
            tips = self.run(self.sql.audit_tip, (entries,)) if entries else []
            tip = tips[0][0] if tips else None
        first_change = int(last_change) - changes + 1 if changes else 0
        first_entry = int(last_entry) - entries + 1 if entries else 0
        return first_change, first_entry, tip

    def durable_barrier(self) -> None:
        """Return only once every transaction committed before this call is on disk.

        PostgreSQL: one WAL record in a transaction of its own, committed synchronously;
        flushing the WAL up to that commit flushes every commit before it, so the batch this
        sync committed asynchronously (take_numbers) and every change the pull just read
        (possibly another writer's asynchronous commit) are durable. Concurrent barriers
        share one flush (PostgreSQL's group commit), so no lock is held while the disk
        works. Runs outside the caller's transaction: call it with none open. SQLite
        commits synchronously and has one writer: nothing to do.

        Why a logical message: a transaction that only takes an id writes no WAL and
        PostgreSQL commits it without a flush; `pg_logical_emit_message` writes one
        record and needs no privilege or table.
        """
        if not self.postgres:
            return
        if self.driver.info.transaction_status != TransactionStatus.IDLE:
            raise RuntimeError("durable_barrier: a transaction is open; it must run in one of its own")
        self.driver.autocommit = True
        try:
            self.cursor.execute(_BARRIER)
        finally:
            self.driver.autocommit = False

    def insert(self, table: Table, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
        """Insert rows (dicts by column name) in one statement."""
        if rows:
            self._many(self.sql.insert(table, columns), table, columns, rows)

    def page(
        self,
        scopes: list[tuple[uuid.UUID, int]],
        organisation_id: uuid.UUID,
        directory_from: int,
        limit: int,
        *,
        durable: bool = False,
    ) -> tuple[int, list[tuple[int, bytes]]]:
        """The change sequence's head and the oldest `limit` records after each scope's position
        (team caseloads, then the organisation's directory), read in one statement, so in one
        snapshot: every record at or below the head it returns is committed (see db.next_sequence).
        Each change comes as (version, its `Change` JSON as UTF-8 bytes): the database writes
        the text around the stored record JSON (see _Statements.page), and it stays bytes from
        the driver to the answer, so no record is decoded, parsed or encoded here.

        On PostgreSQL, when no transaction has started yet, it runs outside one: a single
        statement needs none, and that saves the BEGIN and COMMIT round trips.

        `durable` (PostgreSQL, no transaction open): the statement also writes the barrier's WAL
        record, so its own commit is flushed and makes every commit before it durable, the batch
        this sync committed asynchronously and every change it reads included: `durable_barrier`
        folded into the read, one statement and round trip fewer. SQLite: nothing to do.
        """
        params: list[Any] = []
        for team, position in scopes:
            params += [self.value(RECORD.c.team_id, team), position, limit]
        params += [self.value(RECORD.c.organisation_id, organisation_id), directory_from, limit, limit]
        durable = durable and self.postgres
        if durable and self.driver.info.transaction_status != TransactionStatus.IDLE:
            raise RuntimeError("a durable page: a transaction is open; it must run in one of its own")
        sql = self.sql.page(len(scopes), durable)
        cursor = self.driver.cursor()
        if self.postgres:
            cursor.adapters.register_loader("text", _Utf8Bytes)  # this cursor's text columns only
        if self.postgres and self.driver.info.transaction_status == TransactionStatus.IDLE:
            self.driver.autocommit = True
            try:
                cursor.execute(sql, params)
            finally:
                self.driver.autocommit = False
        else:
            cursor.execute(sql, params)
        rows = cursor.fetchall()
        head = next(version for version, change in rows if change is None)
        changes = [row for row in rows if row[1] is not None]
        changes.sort(key=_version)  # already in order from the statement; a check that costs ~nothing
        return int(head), changes

    def write_batch(self, writes: Sequence["Write"]) -> None:
        """Run a batch's writes (each a table, its columns, its rows), in this order.

        PostgreSQL: one statement whatever the batch, its writes as data-modifying WITH queries,
        so one parse, plan and executor start instead of one per table (psycopg prepares the
        text, which depends only on the writes' tables and columns). The writes of one batch never
        touch one row twice (a record is either created or rewritten), which a single statement
        requires; they see none of each other's rows, which none of them reads. Constraints are
        checked at the end of the statement as they were at the end of each. SQLite has no
        writing WITH queries: one statement per write (in-process, no round trip to save).
        """
        present = [write for write in writes if write.rows]
        if not present:
            return
        if not self.postgres:
            for write in present:
                self._many(self.sql.write_sql(write), write.table, write.columns, write.rows)
            return
        sql = self.sql.combined([(write.table, tuple(write.columns), write.rewrite) for write in present])
        self.cursor.execute(sql, [self._document(w.table, w.columns, w.rows) for w in present])

    def _many(self, sql: str, table: Table, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
        """Run a statement over rows sent as one JSON array of objects."""
        self.cursor.execute(sql, (self._document(table, columns, rows),))

    def _document(self, table: Table, columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
        """Rows as the one JSON parameter a statement unpacks (see the module docstring)."""
        if self.postgres:
            # UUIDs and times become their text forms (str), which PostgreSQL reads back exactly.
            picked = [{name: row[name] for name in columns} for row in rows]
        else:
            # Each value in the exact form SQLAlchemy stores (hex UUIDs, its time format, 0/1,
            # JSON as text); the document only carries them.
            converters = [(name, self.sql.to_db(table.c[name])) for name in columns]
            picked = [
                {
                    name: row[name] if convert is None or row[name] is None else convert(row[name])
                    for name, convert in converters
                }
                for row in rows
            ]
        return json_bytes(picked).decode()


@dataclass(frozen=True)
class Write:
    """One table's part of a batch: rows to insert, or (`rewrite`) records to write back in place
    (RECORD_REWRITE, by id; only the record table)."""

    table: Table
    columns: Sequence[str]
    rows: list[dict[str, Any]]
    rewrite: bool = False


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON, by orjson: it writes UUIDs and times in C, where the standard library
    called `default=str` for each (about a tenth of a small sync's API CPU), and its ISO times
    read back exactly. What orjson refuses (an integer past 64 bits, which a mutation may carry
    until its field's rule turns it down) goes through the standard library instead."""
    try:
        return orjson.dumps(value, default=str)
    except orjson.JSONEncodeError:
        return json.dumps(value, default=str, separators=(",", ":"), ensure_ascii=False).encode()


class _Statements:
    """Statement texts for one dialect, built once (psycopg prepares each on first reuse)."""

    def __init__(self, postgres: bool, dialect: Any) -> None:
        self.postgres = postgres
        self.dialect = dialect
        self._to_db: dict[tuple[str, str], Convert] = {}  # (table, column): Columns compare as SQL
        self._inserts: dict[tuple[str, tuple[str, ...]], str] = {}
        self._pages: dict[tuple[int, bool], str] = {}
        self._combined: dict[tuple[tuple[str, tuple[str, ...], bool], ...], str] = {}
        self.caller = self.text(
            "SELECT device.id, device.token_hash, device.next_token_hash, device.token_issued_at, "
            "device.last_seen_at, device.revoked_at, operator.id, operator.organisation_id, operator.role, "
            "operator.disabled, membership.team_id, "
            "(SELECT value FROM service_setting WHERE name = %s) "
            "FROM device JOIN operator ON operator.id = device.operator_id "
            "LEFT JOIN membership ON membership.operator_id = operator.id "
            "WHERE device.token_hash = %s OR device.next_token_hash = %s"
        )
        self.caller_out = [*(self.from_db(table.c[name]) for table, name in CALLER_READ), None]
        self.applied = self.text(
            "SELECT device_seq, mutation_id, result FROM applied_mutation WHERE device_id = %s AND "
            + self.in_list("device_seq", "bigint")
        )
        self.applied_out = [self.from_db(APPLIED.c[name]) for name in ("device_seq", "mutation_id", "result")]
        lock = " FOR UPDATE" if self.postgres else ""  # SQLite: BEGIN IMMEDIATE already excludes writers
        read = f"SELECT {', '.join(RECORD_READ)} FROM record WHERE "
        self.records = self.text(read + self.in_list("id", "uuid") + " ORDER BY id" + lock)
        self.record = self.text(read + "id = %s" + lock)
        self.record_out = [self.from_db(RECORD.c[name]) for name in RECORD_READ]
        # Only when a batch names operators other than the caller (see Batch.prefetch).
        self.operators = self.text(
            "SELECT id FROM operator WHERE organisation_id = %s AND " + self.in_list("id", "uuid")
        )
        self.operators_out = [self.from_db(OPERATOR.c.id)]
        # Only when a batch creates a case note: its author's name goes into it (see Batch.prefetch).
        self.username = self.text("SELECT username FROM operator WHERE id = %s")
        self.advance = self.text("UPDATE counter SET value = value + %s WHERE name = %s RETURNING value")
        # The entry just before the block this transaction took (its own counter update is visible).
        self.audit_tip = self.text(
            "SELECT hash FROM audit_entry WHERE seq = (SELECT value FROM counter WHERE name = 'audit_seq') - %s"
        )
        if self.postgres:
            assignments = ", ".join(f"{name} = u.{name}" for name in RECORD_REWRITE)
            self.rewrite = (
                f"UPDATE record SET {assignments} "
                f"FROM {self.recordset(RECORD, (*RECORD_REWRITE, 'id'))} WHERE record.id = u.id"
            )
        else:
            assignments = ", ".join(f"{name} = {_field('u.value', name)}" for name in RECORD_REWRITE)
            self.rewrite = (
                f"UPDATE record SET {assignments} FROM json_each(?) AS u WHERE record.id = {_field('u.value', 'id')}"
            )

    def to_db(self, column: Column[Any]) -> Convert:
        """How a Python value is sent for this column (None: as it is)."""
        key = (column.table.name, column.name)
        if key not in self._to_db:
            if self.postgres:
                # psycopg sends UUIDs, times and booleans natively (rows go as JSON: see _many).
                self._to_db[key] = None
            else:
                self._to_db[key] = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return self._to_db[key]

    def from_db(self, column: Column[Any]) -> Convert:
        """How a value read from this column becomes the Python value the ORM would give."""
        return column.type.dialect_impl(self.dialect).result_processor(self.dialect, None)

    def text(self, sql: str) -> str:
        return sql if self.postgres else sql.replace("%s", "?")

    def in_list(self, column: str, pg_type: str) -> str:
        if self.postgres:
            # ANY(ARRAY(...)), not IN (SELECT ...): the array is built first and the
            # primary key index probed per value, whatever the planner guesses of the list.
            return f"{column} = ANY(ARRAY(SELECT json_array_elements_text(%s::json)::{pg_type}))"
        return f"{column} IN (SELECT value FROM json_each(%s))"

    @staticmethod
    def recordset(table: Table, columns: Sequence[str]) -> str:
        """PostgreSQL: the rows of a JSON array parameter as a table `u` with typed columns."""
        dialect = postgresql.dialect()  # type: ignore[no-untyped-call]  # SQLAlchemy leaves its psycopg dialect's __init__ unannotated
        typed = ", ".join(f"{name} {table.c[name].type.compile(dialect=dialect)}" for name in columns)
        return f"json_to_recordset(%s::json) AS u({typed})"

    def write_sql(self, write: "Write") -> str:
        return self.rewrite if write.rewrite else self.insert(write.table, write.columns)

    def combined(self, writes: list[tuple[Table, tuple[str, ...], bool]]) -> str:
        """PostgreSQL: the writes as one statement, each reading its own JSON parameter in order."""
        key = tuple((table.name, columns, rewrite) for table, columns, rewrite in writes)
        if key not in self._combined:
            parts = [self.rewrite if rewrite else self.insert(table, columns) for table, columns, rewrite in writes]
            *first, last = parts
            prefix = ", ".join(f"w{n} AS ({part})" for n, part in enumerate(first))
            self._combined[key] = f"WITH {prefix} {last}" if first else last
        return self._combined[key]

    def insert(self, table: Table, columns: Sequence[str]) -> str:
        key = (table.name, tuple(columns))
        if key not in self._inserts:
            names = ", ".join(columns)
            into = f"INSERT INTO {table.name} ({names}) "
            if self.postgres:
                self._inserts[key] = into + f"SELECT {names} FROM {self.recordset(table, columns)}"
            else:
                picked = ", ".join(_field("value", name) for name in columns)
                self._inserts[key] = into + f"SELECT {picked} FROM json_each(?)"
        return self._inserts[key]

    def page(self, teams: int, durable: bool = False) -> str:
        """Head row first (change text NULL), then the page; one text per number of teams (and
        per `durable`: the head row then also writes the barrier's WAL record, once, through a
        materialised WITH query; see SyncSQL.page).

        One ordered branch per scope, each bounded by the limit, merged by version: on
        PostgreSQL a Merge Append of index scans on (team_id, version) and (organisation_id,
        team_id, version), which reads about `limit` rows, where one scan of all scopes OR-ed
        together sorted every matching row first. SQLite merges the ordered branches too.

        Each change is written as JSON text here, around the stored record (already protocol
        JSON): `{"entity":…,"version":…,"record":…}` (and `"erased":true` when erased), so the
        API neither parses nor re-serialises a record. The entity is one of the service's own
        names and the version an integer: nothing in the text needs escaping.
        """
        if (teams, durable) not in self._pages:
            head = "(SELECT value FROM counter WHERE name = 'change_seq')"
            change = (
                'CAST(\'{"entity":"\' || entity || \'","version":\' || version || \',"record":\' || body || '
                "CASE WHEN erased THEN ',\"erased\":true}' ELSE '}' END AS CHANGE_TYPE)"
            ).replace("CHANGE_TYPE", "text" if self.postgres else "BLOB")  # SQLite: a BLOB comes as bytes
            # SQLite: a compound member may not have ORDER BY/LIMIT of its own unless wrapped.
            branch = (
                f"SELECT * FROM (SELECT version, {change} AS change FROM record WHERE %s "
                f"AND version > %s AND version <= {head} ORDER BY version LIMIT %s) AS scope_NUMBER"
            )
            branches = [
                branch.replace("WHERE %s", "WHERE team_id = %s", 1).replace("NUMBER", str(n)) for n in range(teams)
            ]
            directory = "WHERE team_id IS NULL AND organisation_id = %s"
            branches.append(branch.replace("WHERE %s", directory, 1).replace("NUMBER", "directory"))
            head_row = "SELECT value, NULL FROM counter WHERE name = 'change_seq'"
            if durable:
                head_row = f"WITH barrier AS MATERIALIZED ({_BARRIER}) {head_row.replace(' WHERE', ', barrier WHERE')}"
                head_row = f"SELECT * FROM ({head_row}) AS head"
            self._pages[teams, durable] = self.text(
                f"{head_row} UNION ALL SELECT * FROM ({' UNION ALL '.join(branches)} ORDER BY version LIMIT %s) AS page"
            )
        return self._pages[teams, durable]


def _driver(connection: Connection) -> Any:
    """The DB-API connection under SQLAlchemy's (a psycopg or a sqlite3 Connection: the
    statements here are written for both, so it is typed as neither)."""
    driver = connection.connection.driver_connection
    if driver is None:  # only a pooled connection that was invalidated has none
        raise RuntimeError("the database connection was invalidated")
    return driver


def _field(document: str, name: str) -> str:
    """SQLite: one field of a row object in a JSON document (json_extract, in every SQLite
    with JSON1; a JSON column's value arrives as text, so it comes out as that text)."""
    return f"json_extract({document}, '$.{name}')"


def _version(change: tuple[int, bytes]) -> int:
    return change[0]


class _Utf8Bytes(Loader):
    """PostgreSQL text as the UTF-8 bytes the server sent (the connection's client encoding is
    UTF-8, as psycopg sets it): what goes into an answer unchanged needs no str."""

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


_STATEMENTS: dict[str, _Statements] = {}
# For the current transaction only; see take_numbers and durable_barrier.
# PostgreSQL's take_numbers (migration 0010): synchronous commit off for this transaction, the two
# counters advanced in lock order, the audit tip read after the second lock.
_TAKE_NUMBERS = "SELECT last_change, last_entry, tip FROM prossimo_take_numbers(%s, %s)"
# Transactional (true): the record takes a transaction id, so its commit is flushed.
_BARRIER = "SELECT pg_logical_emit_message(true, 'prossimo.durable', '') AS barrier_lsn"
