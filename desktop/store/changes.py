"""What one unit of store work changed, read from the rows it wrote (Anki's `OpChanges`).

Owns: `Changes` and `ChangeLog`. The UI never says what a write touches: after a unit of
work, the entities it changed are read back from what SQLite actually wrote. Temporary
triggers (on this connection only, in memory, never in the file) note the entity of
- every record row inserted, updated or deleted (`records`: what screens show);
- every outbox row added (`outgoing`: what waits to be pushed, so a sync is due);
- every refused change added or removed (`refusals`: what the sync's counts show).
A rolled-back write leaves no note, since the notes are rows in the same transaction.

Must never note a value (only entity names, which are the schema's), never be written to
the store file (TEMP, and the connection keeps temp data in memory), and never be read
across units: `start()` forgets what earlier work (a sync's apply step) wrote.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.store.database import Connection

_NOTES = "temp.unit_change"
_EVENTS = ("INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Changes:
    records: frozenset[str] = frozenset()  # entities whose record rows were written
    outgoing: frozenset[str] = frozenset()  # entities of the outbox rows added
    refusals: frozenset[str] = frozenset()  # entities of refused changes added or removed

    @property
    def entities(self) -> frozenset[str]:
        """What a screen may show differently now: the records written, and those whose
        pending change was queued (a retried refusal queues one without a new record row)."""
        return self.records | self.outgoing

    def __bool__(self) -> bool:
        return bool(self.records or self.outgoing or self.refusals)


class ChangeLog:
    """The triggers of one connection, and the notes they leave for the current unit."""

    def __init__(self, conn: Connection, record_tables: Iterable[tuple[str, str]]) -> None:
        """`record_tables` are (entity, table) pairs: the caseload's records."""
        self._conn = conn
        self._tables = tuple(record_tables)
        self._installed = False
        self._before = 0

    def _install(self) -> None:
        conn = self._conn
        conn.execute(f"CREATE TABLE IF NOT EXISTS {_NOTES}(entity TEXT, kind TEXT, PRIMARY KEY(entity, kind))")
        # (table, event, the entity as SQL, kind); entity and table names are the schema's own.
        watched = [(table, event, f"'{entity}'", "record") for entity, table in self._tables for event in _EVENTS]
        watched += [
            ("outbox", "INSERT", "NEW.entity", "outbox"),
            ("rejected_mutation", "INSERT", "NEW.entity", "refusal"),
            ("rejected_mutation", "DELETE", "OLD.entity", "refusal"),
        ]
        for table, event, entity, kind in watched:
            # A trigger's body may not name a schema; a bare name finds the temp table first.
            body = f"INSERT OR IGNORE INTO unit_change(entity, kind) VALUES ({entity}, '{kind}')"  # noqa: S608 - schema names
            trigger = f"unit_change_{table}_{event.lower()}"
            conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON main.{table} BEGIN {body}; END")
        self._installed = True

    def start(self) -> None:
        """Before a unit of work: forget earlier notes."""
        if not self._installed:
            self._install()
        self._conn.execute(f"DELETE FROM {_NOTES}")  # noqa: S608 - a fixed name
        self._before = self._conn.total_changes

    def finish(self) -> Changes:
        """After the unit: what it committed (SQLite counts the triggers' rows too, so work
        that wrote nothing is told apart without a query)."""
        if self._conn.total_changes == self._before:
            return Changes()
        rows = self._conn.execute(f"SELECT entity, kind FROM {_NOTES}").fetchall()  # noqa: S608 - a fixed name
        by_kind: dict[str, set[str]] = {"record": set(), "outbox": set(), "refusal": set()}
        for entity, kind in rows:
            by_kind[kind].add(entity)
        return Changes(
            records=frozenset(by_kind["record"]),
            outgoing=frozenset(by_kind["outbox"]),
            refusals=frozenset(by_kind["refusal"]),
        )
