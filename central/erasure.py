"""Erasure of a person (GDPR article 17): an administrator's act that always wins.

Owns: `erase_contact()`. In one transaction it erases the contact, every record
hung from them (notes, consents, referrals, relationships from them), every
record that names them (relationships to them, intake requests converted into
them, appointments where they were the only person) and every Conflict about any
of those; it takes them out of appointments they shared with others. An erased
record keeps only its id and gets a new change number, so every device of the
team receives the erasure and deletes its copy; from then on the service refuses
any mutation of that id (reason `erased`), so no offline edit can bring it back.

Must never keep a value of an erased record (not in the record, not in the audit
log, which names counts and ids only) and never erase outside one organisation.
"""

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central import audit
from central.db import next_sequence
from central.models import StoredRecord, utc_now

RECORD = StoredRecord.__table__


@dataclass(frozen=True)
class ErasureReport:
    erased: int  # records reduced to their id
    appointments_updated: int  # shared appointments the person was taken out of


def erase_contact(session: Session, contact_id: uuid.UUID, by: uuid.UUID | None = None) -> ErasureReport:
    session.flush()
    connection = session.connection()
    contact = connection.execute(
        select(RECORD.c.id, RECORD.c.organisation_id, RECORD.c.erased)
        .where(RECORD.c.id == contact_id, RECORD.c.entity == "contact").with_for_update()
    ).first()
    if contact is None:
        raise LookupError(f"no contact with id {contact_id}")
    if contact.erased:
        return ErasureReport(0, 0)
    key = str(contact_id)
    in_org = RECORD.c.organisation_id == contact.organisation_id
    # Hung from them, or naming them anywhere in the record (their id is a UUID: a match is a reference).
    related = connection.execute(
        select(RECORD.c.id, RECORD.c.entity, RECORD.c.body, RECORD.c.field_versions)
        .where(in_org, RECORD.c.erased.is_(False), RECORD.c.id != contact_id,
               or_(RECORD.c.contact_id == contact_id, RECORD.c.body.contains(key)))
        .order_by(RECORD.c.id).with_for_update()
    ).all()
    doomed: set[uuid.UUID] = {contact_id}
    shared: list[tuple[uuid.UUID, dict, dict]] = []
    for row in related:
        body = json.loads(row.body)
        others = [c for c in body.get("contact_ids", []) if c != key] if row.entity == "appointment" else []
        if others:
            shared.append((row.id, {**body, "contact_ids": others, "updated_at": utc_now().isoformat()},
                           dict(row.field_versions)))
        else:
            doomed.add(row.id)
    # Conflicts quote values of the records they are about.
    doomed |= set(connection.execute(
        select(RECORD.c.id).where(in_org, RECORD.c.entity == "conflict", RECORD.c.erased.is_(False),
                                  or_(*[RECORD.c.body.contains(str(i)) for i in doomed]))
    ).scalars())

    # The writers' lock and the new change numbers, as every write takes them (see db.next_sequence).
    last = next_sequence(session, "change_seq", len(doomed) + len(shared))
    version = last - len(doomed) - len(shared)
    for record_id in sorted(doomed):
        version += 1
        connection.execute(update(RECORD).where(RECORD.c.id == record_id).values(
            body=json.dumps({"id": str(record_id)}), deleted=True, erased=True, field_versions={}, version=version))
    for record_id, body, field_versions in shared:
        version += 1
        body["server_version"] = version
        connection.execute(update(RECORD).where(RECORD.c.id == record_id).values(
            body=json.dumps(body, separators=(",", ":"), ensure_ascii=False), version=version,
            field_versions={**field_versions, "contact_ids": [version, None]},
            contact_id=uuid.UUID(body["contact_ids"][0])))
    audit.append(session, "contact.erase", f"contact:{contact_id}", actor=by,
                 details={"records": len(doomed), "appointments_updated": len(shared)})
    return ErasureReport(len(doomed), len(shared))
