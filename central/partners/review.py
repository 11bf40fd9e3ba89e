"""Partner edits held for review, for a provider whose setting says so (`hold_for_review`).

Owns: storing an edit as pending instead of applying it (`hold`: validated now by the protocol's
`Resource` rules, so what waits can be applied), what waits for an entry or an organisation
(`pending_for`, `waiting`; `queue`: the same as the protocol's ReviewChange, each field's value
now beside the partner's, for the desktop's review queue), and the decision (`decide`): an
approved edit is applied through central.directory.change_resource, the one change path (change
sequence, field versions, audit entry), a rejected one only recorded. An edit of a section that
already has one waiting replaces it (status "replaced"): the partner's latest word is what is
reviewed.
Must never write a directory entry except through change_resource, and never log a value (audit
entries name fields and ids only).
"""

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit, directory
from central.models import PartnerAccount, PartnerChange, StoredRecord
from protocol import Resource
from protocol.messages import ReviewChange, ReviewField


class ReviewProblem(LookupError):
    """No change waiting for review has this id (in this organisation)."""


def hold(
    session: Session,
    account: PartnerAccount,
    entry: directory.Entry,
    section: str,
    changes: dict[str, Any],
    now: dt.datetime,
) -> bool:
    """Keep the edit, pending; False (nothing kept) when it changes nothing. ValidationError from
    the Resource rules: nothing kept."""
    found = entry.resource
    candidate = Resource.model_validate({**found.model_dump(), **changes})
    changed = [name for name in changes if getattr(candidate, name) != getattr(found, name)]
    for earlier in pending_for(session, entry.row.id):
        if earlier.section == section:
            earlier.status = "replaced"
    if not changed:
        return False
    session.add(
        PartnerChange(
            id=uuid.uuid4(),
            organisation_id=entry.row.organisation_id,
            resource_id=entry.row.id,
            account_id=account.id,
            section=section,
            changes=candidate.model_dump(mode="json", include=set(changes)),
            created_at=now,
            status="pending",
        )
    )
    audit.append(
        session,
        "partner.hold",
        f"resource:{entry.row.id}",
        details={"by": f"partner:{account.id}", "fields": changed, "section": section},
    )
    return True


def pending_for(session: Session, resource_id: uuid.UUID) -> list[PartnerChange]:
    query = select(PartnerChange).where(PartnerChange.resource_id == resource_id, PartnerChange.status == "pending")
    return list(session.execute(query.order_by(PartnerChange.created_at)).scalars())


@dataclass(frozen=True)
class Waiting:
    change: PartnerChange
    provider: str
    service: str
    now: dict[str, Any]  # the entry as the directory has it, as the protocol's JSON ({} once gone)


def waiting(session: Session, organisation_id: uuid.UUID) -> list[Waiting]:
    """Every change waiting for review in the organisation, oldest first, with its entry's names."""
    found = {e.row.id: e.resource for e in directory.entries(session, organisation_id)}
    query = select(PartnerChange).where(
        PartnerChange.organisation_id == organisation_id, PartnerChange.status == "pending"
    )
    listed = []
    for change in session.execute(query.order_by(PartnerChange.created_at)).scalars():
        entry = found.get(change.resource_id)
        if entry is None:
            listed.append(Waiting(change, "?", "(no longer in the directory)", {}))
        else:
            listed.append(Waiting(change, entry.organization_name, entry.service_name, entry.model_dump(mode="json")))
    return listed


def queue(session: Session, organisation_id: uuid.UUID) -> list[ReviewChange]:
    """`waiting` as the desktop reads it: each changed field's value now and the partner's."""
    accounts = select(PartnerAccount.id, PartnerAccount.email).where(PartnerAccount.organisation_id == organisation_id)
    logins: dict[uuid.UUID, str] = {row.id: row.email for row in session.execute(accounts)}
    return [
        ReviewChange(
            id=item.change.id,
            service_id=item.change.resource_id,
            service_name=item.service,
            provider=item.provider,
            section=item.change.section,
            submitted_at=item.change.created_at.replace(tzinfo=item.change.created_at.tzinfo or dt.UTC),
            submitted_by=logins.get(item.change.account_id, "?"),
            fields=[
                ReviewField(field=name, before=item.now.get(name), after=value)
                for name, value in item.change.changes.items()
                if item.now.get(name) != value  # a section's form sends all its fields: only the changed ones
            ],
        )
        for item in waiting(session, organisation_id)
    ]


def decide(session: Session, organisation_id: uuid.UUID, change_id: str, *, approve: bool, by: str) -> PartnerChange:
    """Approve (apply through change_resource) or reject one waiting change; ReviewProblem if
    no change of the organisation waits under that id, or its entry has gone."""
    try:
        wanted = uuid.UUID(change_id.strip())
    except ValueError:
        raise ReviewProblem(f"ID: {change_id.strip()!r} is not a change id (see partner review --list)") from None
    change = session.get(PartnerChange, wanted, with_for_update=True)
    if change is None or change.organisation_id != organisation_id or change.status != "pending":
        raise ReviewProblem(f"ID: no change waits for review under {wanted}")
    details = {"section": change.section, "change": str(change.id), "reviewed_by": by}
    if approve:
        row = session.get(StoredRecord, change.resource_id)
        if row is None or row.deleted or row.entity != "resource" or row.organisation_id != organisation_id:
            raise ReviewProblem(f"ID: the service of change {wanted} is no longer in the directory")
        # The change was kept as the protocol's JSON: read back with the record, as JSON, so the
        # fields get their types (times, dates) by the same rules a device's copy does.
        merged = {**json.loads(row.body), **change.changes}
        candidate = Resource.model_validate_json(json.dumps(merged))
        directory.change_resource(
            session,
            row,
            {name: getattr(candidate, name) for name in change.changes},
            action="partner.approve",
            by=f"partner:{change.account_id}",
            details=details,
        )
    else:
        audit.append(session, "partner.reject", f"resource:{change.resource_id}", details=details)
    change.status = "approved" if approve else "rejected"
    return change
