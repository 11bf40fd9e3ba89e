"""The outbox: mutations written locally and waiting to be pushed to the service.

Owns: the `outbox` table. A row is written in the same transaction as the
change it describes (so a rolled-back write leaves none), its `seq` is the
device sequence number the service uses to apply it at most once. Must never
be written outside a repository transaction, and never drop a row that the
service has not acknowledged.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from desktop.store.database import Connection
from protocol import new_id

Operation = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Mutation:
    seq: int
    mutation_id: str
    entity: str
    record_id: str
    op: Operation
    changed: dict[str, Any]
    base_version: int | None
    created_at: str


def record_mutation(
    conn: Connection,
    *,
    entity: str,
    record_id: str,
    op: Operation,
    changed: dict[str, Any],
    base_version: int | None,
    at: dt.datetime,
) -> int:
    """Append one mutation; returns its device sequence number."""
    cursor = conn.execute(
        "INSERT INTO outbox(mutation_id, entity, record_id, op, changed, base_version, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            str(new_id()),
            entity,
            record_id,
            op,
            json.dumps(changed, ensure_ascii=False, separators=(",", ":")),
            base_version,
            at.isoformat(),
        ),
    )
    assert cursor.lastrowid is not None  # set by the INSERT just run
    return cursor.lastrowid


class Outbox:
    """Read access to pending mutations (the sync engine removes acknowledged ones)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def count(self) -> int:
        count: int = self._conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return count

    def pending(self, limit: int = 500) -> list[Mutation]:
        rows = self._conn.execute(
            "SELECT seq, mutation_id, entity, record_id, op, changed, base_version, created_at"
            " FROM outbox ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            Mutation(seq, mid, entity, rid, op, json.loads(changed), base, created)
            for seq, mid, entity, rid, op, changed, base, created in rows
        ]
