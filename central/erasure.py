"""Erasure of a person (GDPR article 17): an administrator's act that always wins.

Owns: `erase_contact()` and `scrub_freed_space()`. In one transaction
`erase_contact` erases the contact and every record hung from them through an
owner field of protocol/relations.py (notes, consents, referrals, relationships
either way, help-desk requests linked to them, appointments where they were the
only person), then every record hung from those (a Conflict about any of them),
following the declaration and nothing else: a record that merely mentions the
id in its text is not theirs. From a list field (an appointment's people) the
person is taken out, and the record is erased only when nobody is left. An
erased record keeps only its id and gets a new change number, so every device
of the team receives the erasure and deletes its copy; from then on the service
refuses any mutation of that id (reason `erased`), so no offline edit can bring
it back.

`scrub_freed_space`, run after the erasure has committed (the CLI does), makes
the database drop the old versions of those rows from its files: SQLite zeroes
freed space as it goes (`secure_delete`, set on every connection in central.db)
and here its write-ahead log is checkpointed and truncated; PostgreSQL keeps an
updated row's old version in the table until VACUUM, and even then only marks
its space free, so `rewrite=True` rewrites the table (VACUUM FULL). WAL
archives, backups and replicas are outside the service's reach
(docs/ARCHITECTURE.md, "Erasure (GDPR)").

Must never keep a value of an erased record (not in the record, not in the audit
log, which names counts and ids only), never find records by matching text, and
never erase outside one organisation.
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, and_, cast, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from central import audit
from central.db import next_sequence
from central.models import StoredRecord
from protocol.clock import utc_now
from protocol.relations import (
    Reference,
    contact_owned_entities,
    owner_fields,
    parent_reference,
    record_hung_references,
)

RECORD = StoredRecord.__table__


@dataclass(frozen=True)
class ErasureReport:
    erased: int  # records reduced to their id
    appointments_updated: int  # shared records (appointments) the person was taken out of


@dataclass
class _Shared:
    """A record that outlives the person: they are taken out of its list fields."""

    entity: str
    body: dict[str, Any]
    field_versions: dict[str, list[Any]]
    fields: list[str]


def erase_contact(session: Session, contact_id: uuid.UUID, by: uuid.UUID | None = None) -> ErasureReport:
    session.flush()
    connection = session.connection()
    contact = connection.execute(
        select(RECORD.c.id, RECORD.c.organisation_id, RECORD.c.erased)
        .where(RECORD.c.id == contact_id, RECORD.c.entity == "contact")
        .with_for_update()
    ).first()
    if contact is None:
        raise LookupError(f"no contact with id {contact_id}")
    if contact.erased:
        return ErasureReport(0, 0)
    postgres = connection.dialect.name == "postgresql"
    live_in_org = and_(RECORD.c.organisation_id == contact.organisation_id, RECORD.c.erased.is_(False))
    doomed: set[uuid.UUID] = {contact_id}
    shared: dict[uuid.UUID, _Shared] = {}
    for row in _hung_from_person(connection, postgres, live_in_org, contact_id):
        _sort_out(row, str(contact_id), doomed, shared)
    doomed |= _hung_from_records(connection, postgres, live_in_org, doomed, shared)

    # The writers' lock and the new change numbers, as every write takes them (see db.next_sequence).
    last = next_sequence(session, "change_seq", len(doomed) + len(shared))
    version = last - len(doomed) - len(shared)
    for record_id in sorted(doomed):
        version += 1
        connection.execute(
            update(RECORD)
            .where(RECORD.c.id == record_id)
            .values(
                body=json.dumps({"id": str(record_id)}), deleted=True, erased=True, field_versions={}, version=version
            )
        )
    for record_id, kept in sorted(shared.items()):
        version += 1
        parent = parent_reference(kept.entity)
        assert parent is not None  # a shared record (an appointment) hangs from its contacts
        kept.body.update({"server_version": version, "updated_at": utc_now().isoformat()})
        connection.execute(
            update(RECORD)
            .where(RECORD.c.id == record_id)
            .values(
                body=json.dumps(kept.body, separators=(",", ":"), ensure_ascii=False),
                version=version,
                field_versions={**kept.field_versions, **{name: [version, None] for name in kept.fields}},
                # The stored contact column follows the first person of the placing field still listed
                # (see sync_service._placement).
                contact_id=uuid.UUID(kept.body[parent.field][0]),
            )
        )
    audit.append(
        session,
        "contact.erase",
        f"contact:{contact_id}",
        actor=by,
        details={"records": len(doomed), "appointments_updated": len(shared)},
    )
    return ErasureReport(len(doomed), len(shared))


def _hung_from_person(
    connection: Connection, postgres: bool, live_in_org: ColumnElement[bool], contact_id: uuid.UUID
) -> Sequence[Row[uuid.UUID, str, str, dict[str, list[Any]]]]:
    """Live records of the organisation naming the person in an owner field, locked in id order."""
    key = str(contact_id)
    matches = [
        and_(RECORD.c.entity == ref.entity, _names(postgres, ref, key))
        for entity in contact_owned_entities()
        for ref in owner_fields(entity)
        if ref.target == "contact"
    ]
    return connection.execute(
        select(RECORD.c.id, RECORD.c.entity, RECORD.c.body, RECORD.c.field_versions)
        .where(live_in_org, RECORD.c.id != contact_id, or_(*matches))
        .order_by(RECORD.c.id)
        .with_for_update()
    ).all()


def _sort_out(row: Any, key: str, doomed: set[uuid.UUID], shared: dict[uuid.UUID, _Shared]) -> None:
    """Erase the record, or take the person out of its list fields when others remain there."""
    body = json.loads(row.body)
    refs = [ref for ref in owner_fields(row.entity) if ref.target == "contact"]
    if any(not ref.many and body.get(ref.field) == key for ref in refs):
        doomed.add(row.id)  # it hangs from them through a single field: it is theirs
        return
    taken_out = [ref.field for ref in refs if ref.many and key in (body.get(ref.field) or [])]
    for name in taken_out:
        body[name] = [item for item in body[name] if item != key]
    if any(not body[name] for name in taken_out):
        doomed.add(row.id)  # nobody left
        return
    shared[row.id] = _Shared(row.entity, body, dict(row.field_versions), taken_out)


def _hung_from_records(
    connection: Connection,
    postgres: bool,
    live_in_org: ColumnElement[bool],
    doomed: set[uuid.UUID],
    shared: dict[uuid.UUID, _Shared],
) -> set[uuid.UUID]:
    """Records hung from erased records (a Conflict quotes the record it is about), until none is
    new; and a Conflict about a list field the person was taken out of (it quotes them)."""
    found: set[uuid.UUID] = set()
    frontier = set(doomed) | set(shared)
    refs = record_hung_references()
    while frontier and refs:
        ids = sorted(str(i) for i in frontier)
        rows = connection.execute(
            select(RECORD.c.id, RECORD.c.entity, RECORD.c.body)
            .where(
                live_in_org,
                or_(*[and_(RECORD.c.entity == ref.entity, _field_text(postgres, ref.field).in_(ids)) for ref in refs]),
            )
            .order_by(RECORD.c.id)
            .with_for_update()
        ).all()
        frontier = set()
        for row in rows:
            if row.id in doomed or row.id in found:
                continue
            body = json.loads(row.body)
            about = [uuid.UUID(body[ref.field]) for ref in refs if ref.entity == row.entity]
            if any(a in doomed or a in found for a in about) or any(
                a in shared and body.get("field") in shared[a].fields for a in about
            ):
                found.add(row.id)
                frontier.add(row.id)
    return found


def _field_text(postgres: bool, name: str) -> ColumnElement[Any]:
    """A top-level field of the stored body, as text."""
    if postgres:
        # astext comes through JSONB's comparator, which SQLAlchemy types as Any.
        text: ColumnElement[Any] = cast(RECORD.c.body, JSONB)[name].astext
        return text
    return func.json_extract(RECORD.c.body, f"$.{name}")


def _names(postgres: bool, ref: Reference, key: str) -> ColumnElement[bool]:
    """The body's field `ref` names the id `key` (a list field: among its items)."""
    if not ref.many:
        return _field_text(postgres, ref.field) == key
    if postgres:
        return cast(RECORD.c.body, JSONB)[ref.field].contains(literal([key], JSONB))
    items = func.json_each(RECORD.c.body, f"$.{ref.field}").table_valued("value")
    return select(literal(1)).select_from(items).where(items.c.value == key).exists()


def scrub_freed_space(engine: Engine, rewrite: bool = False) -> str:
    """After an erasure has committed: drop the rows' old versions from the database's files.

    Returns a line for the administrator saying what was done.
    """
    if engine.dialect.name == "sqlite":
        # On the driver's connection, outside any transaction (SQLAlchemy would BEGIN IMMEDIATE first).
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None  # a connection just taken from the pool has its driver's
            busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            raw.close()
        if busy:
            return (
                "The write-ahead log is still in use by another process: it keeps the old values until "
                "the service's next checkpoint."
            )
        return "Freed space is zeroed and the write-ahead log truncated."
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # VACUUM cannot run inside a transaction block: hence after the erasure's commit.
        connection.exec_driver_sql("VACUUM (FULL) record" if rewrite else "VACUUM record")
    if rewrite:
        return "The record table was rewritten: the old row versions are gone from its files."
    return (
        "Old row versions are pruned, but their bytes stay in the table's free space until reused: "
        "run `erase contact --rewrite` (or a night-time VACUUM FULL of the record table) to remove them."
    )
