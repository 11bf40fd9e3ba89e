"""The audit log: append-only and hash-chained, so an edited or deleted row shows.

Owns: `append()` (called inside the transaction of the change it records) and
`verify()`. Each entry's hash covers its content and the previous entry's hash;
the `audit_seq` counter holds the number of entries, so removing the newest
rows is caught too. Details name fields and ids, never their values: the log
must not become a second copy of the people's data.
Must never update or delete an entry.
"""

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import current_sequence
from central.models import AuditEntry
from central.sync_sql import AUDIT, Bind, SyncSQL
from protocol.clock import utc_now

GENESIS = "0" * 64


def _digest(
    seq: int,
    at: dt.datetime,
    actor: uuid.UUID | None,
    device: uuid.UUID | None,
    action: str,
    subject: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        {
            "seq": seq,
            # Normalised to UTC microseconds: PostgreSQL and SQLite return the same instant.
            "at": at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            if at.tzinfo
            else at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor": str(actor) if actor else None,
            "device": str(device) if device else None,
            "action": action,
            "subject": subject,
            "details": details,
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Chain:
    """Audit entries of one transaction, chained in memory and written together.

    `add()` only records an entry (and its time). `finish()` takes the `audit_seq`
    row lock and the whole block of numbers in one statement, so chains of
    concurrent transactions never interleave, then hashes the entries in order and
    inserts them in one statement (central.sync_sql: no ORM objects). A sync's
    batch does the same in its own round trips: `entries()` then its own insert.
    """

    def __init__(self, session: Bind) -> None:
        self.session = session
        self.pending: list[tuple[dt.datetime, uuid.UUID | None, uuid.UUID | None, str, str, dict[str, Any]]] = []

    def add(
        self,
        action: str,
        subject: str,
        *,
        actor: uuid.UUID | None = None,
        device: uuid.UUID | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.pending.append((utc_now(), actor, device, action, subject, details or {}))

    def entries(self, first_seq: int, prev_hash: str | None) -> list[dict[str, Any]]:
        """The pending entries numbered from `first_seq` and chained after `prev_hash`
        (None: the log was empty), as rows of audit_entry; clears the pending list."""
        seq, prev_hash = first_seq, prev_hash or GENESIS
        rows = []
        for at, actor, device, action, subject, details in self.pending:
            digest = _digest(seq, at, actor, device, action, subject, details, prev_hash)
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "actor_operator_id": actor,
                    "device_id": device,
                    "action": action,
                    "subject": subject,
                    "details": details,
                    "prev_hash": prev_hash,
                    "hash": digest,
                }
            )
            seq, prev_hash = seq + 1, digest
        self.pending = []
        return rows

    def finish(self) -> list[dict[str, Any]]:
        """Number, hash and insert the entries; returns them as inserted."""
        if not self.pending:
            return []
        sql = SyncSQL.of(self.session)
        _, first_seq, prev_hash = sql.take_numbers(0, len(self.pending))
        rows = self.entries(first_seq, prev_hash)
        sql.insert(AUDIT, COLUMNS, rows)  # one statement for the whole chain
        return rows


COLUMNS = ("seq", "at", "actor_operator_id", "device_id", "action", "subject", "details", "prev_hash", "hash")


def append(
    session: Bind,
    action: str,
    subject: str,
    *,
    actor: uuid.UUID | None = None,
    device: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One entry on its own (logins, admin commands); returns it as inserted."""
    chain = Chain(session)  # SyncSQL.of flushes a session: the change it records goes out first
    chain.add(action, subject, actor=actor, device=device, details=details)
    return chain.finish()[0]


@dataclass(frozen=True)
class AuditReport:
    entries: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, batch: int = 5_000) -> AuditReport:
    problems: list[str] = []
    expected_prev, expected_seq, last_seq = GENESIS, 1, 0
    query = select(AuditEntry).order_by(AuditEntry.seq)
    for entry in session.execute(query.execution_options(yield_per=batch)).scalars():
        if entry.seq != expected_seq:
            problems.append(f"entries {expected_seq}..{entry.seq - 1} are missing")
        if entry.prev_hash != expected_prev:
            problems.append(f"entry {entry.seq}: does not follow the entry before it")
        digest = _digest(
            entry.seq,
            entry.at,
            entry.actor_operator_id,
            entry.device_id,
            entry.action,
            entry.subject,
            entry.details,
            entry.prev_hash,
        )
        if digest != entry.hash:
            problems.append(f"entry {entry.seq}: content was changed after it was written")
        expected_prev, expected_seq, last_seq = entry.hash, entry.seq + 1, entry.seq
    recorded = current_sequence(session, "audit_seq")
    if recorded != last_seq:
        problems.append(f"the log should hold {recorded} entries but ends at {last_seq}: newest entries removed")
    return AuditReport(entries=last_seq, problems=problems)
