"""The organisation's directory of local services in the database, and its HSDS files.

Owns: importing an HSDS file into the directory, as a tabular data package or as HSDS JSON
(all or nothing; a service already present, matched by its HSDS service and location ids, is
updated instead of duplicated; nothing is deleted: an entry missing from the file stays), and
exporting the live directory in either format. The file formats themselves are
`protocol.hsds` (the desktop reads and writes the same files). Every imported change gets a
change sequence, so devices receive it by sync, and an audit entry. Every HSDS status is
imported and synced (devices hide inactive and defunct entries, they do not lose them). The
report (`import_report`) says, per table, what was read, imported, updated, unchanged and
skipped, and why each skipped row was. Also the one path of a single entry's change made on the
service itself (`change_resource`: a partner's "still correct"), with its change sequence and
audit entry; which provider (HSDS organization) an entry belongs to (`provider_id`, the id the
HSDS export gives it); and the entries due a check (`due_for_check`, protocol.directory's
reminder rule). Must never touch team caseloads.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit
from central.db import next_sequence
from central.intake import SERVICE_DEVICE
from central.models import StoredRecord
from protocol import Resource, hsds, new_id
from protocol.clock import utc_now
from protocol.directory import HIDDEN_BY_DEFAULT, needs_reminder
from protocol.hsds.common import stable_id

NOT_IN_FILES = ("hours_exceptions",)


def _live_resources(session: Session, organisation_id: uuid.UUID) -> list[StoredRecord]:
    return list(
        session.execute(
            select(StoredRecord)
            .where(
                StoredRecord.entity == "resource",
                StoredRecord.team_id.is_(None),
                StoredRecord.organisation_id == organisation_id,
                StoredRecord.deleted.is_(False),
            )
            .order_by(StoredRecord.version, StoredRecord.id)
        ).scalars()
    )


def import_package(session: Session, organisation_id: uuid.UUID, path: Path, format: hsds.Format | None = None) -> int:
    """Store every entry of the file at `path` (format from the path when not given); entries changed.

    Runs in the caller's transaction: a refused file (HsdsError) has written nothing.
    """
    report = import_report(session, organisation_id, path, format)
    return report.created + report.updated


def import_report(
    session: Session, organisation_id: uuid.UUID, path: Path, format: hsds.Format | None = None
) -> hsds.ImportReport:  # the CLI's word
    """As `import_package`, and what became of every row of the file, per table."""
    reading = hsds.read_directory(Path(path), format)  # validates everything first; raises HsdsError
    entries = reading.entries
    rows = _live_resources(session, organisation_id)
    records = [Resource.model_validate_json(row.body) for row in rows]
    row_of = {record.id: row for record, row in zip(records, rows, strict=True)}
    existing = hsds.index_by_keys(records)  # in export order, see hsds.index_by_keys
    now = utc_now()
    outcomes: list[str] = []
    matched: set[uuid.UUID] = set()
    for fields in entries:
        found = existing.get((fields["hsds_service_id"], fields["hsds_location_id"]))
        if found is not None and found.id in matched:
            found = None  # another entry of the file is this record: this one is new
        if found is None:
            version = next_sequence(session, "change_seq")
            record = Resource(
                id=new_id(),
                created_at=now,
                updated_at=now,
                author_device_id=SERVICE_DEVICE,
                server_version=version,
                **fields,
            )
            session.add(
                StoredRecord(
                    id=record.id,
                    entity="resource",
                    organisation_id=organisation_id,
                    team_id=None,
                    contact_id=None,
                    version=version,
                    deleted=False,
                    body=record.model_dump_json(),
                    field_versions={f: [version, None] for f in Resource.content_fields()},
                    created_version=version,
                )
            )
            outcomes.append("created")
        else:
            matched.add(found.id)
            # The files carry no exceptions to the weekly hours (protocol.entities.OpeningException):
            # an entry's stay as its partner set them.
            fields = {name: value for name, value in fields.items() if name not in NOT_IN_FILES}
            if Resource.model_validate({**found.model_dump(), **fields}).content() == found.content():
                outcomes.append("unchanged")
                continue  # no new version for devices to pull
            version = next_sequence(session, "change_seq")
            record = Resource.model_validate(
                {**found.model_dump(), **fields, "updated_at": max(now, found.updated_at), "server_version": version}
            )
            row = row_of[found.id]
            changed_fields = [f for f in Resource.content_fields() if getattr(record, f) != getattr(found, f)]
            row.body, row.version = record.model_dump_json(), version
            row.field_versions = {**(row.field_versions or {}), **{f: [version, None] for f in changed_fields}}
            outcomes.append("updated")
    report = hsds.report(reading, outcomes)
    audit.append(
        session,
        "directory.import",
        f"organisation:{organisation_id}",
        details={
            "entries": len(entries),
            "changed": report.created + report.updated,
            "at": utc_now().date().isoformat(),
        },
    )
    return report


def export_package(
    session: Session, organisation_id: uuid.UUID, path: Path, format: hsds.Format | None = None
) -> dict[str, int]:
    """Write the live directory at `path` (format from the path when not given); counts written."""
    resources = [Resource.model_validate_json(row.body) for row in _live_resources(session, organisation_id)]
    return hsds.export_directory(resources, Path(path), format)


def provider_id(resource: Resource) -> str:
    """The HSDS organization id of the entry's provider: its own, else the one an export derives
    from the provider's name (protocol.hsds.common), so an invitation can name either."""
    return resource.hsds_organization_id or stable_id("organization", resource.organization_name)


@dataclass(frozen=True)
class Entry:
    row: StoredRecord
    resource: Resource


def entries(session: Session, organisation_id: uuid.UUID) -> list[Entry]:
    """The live directory, read once, with each entry's record."""
    return [Entry(row, Resource.model_validate_json(row.body)) for row in _live_resources(session, organisation_id)]


def is_due(resource: Resource, today: dt.date) -> bool:
    """Whether the entry's provider should be asked to check it: not verified for eleven months
    (protocol.directory.needs_reminder) and still running (an inactive or defunct service, which
    lists hide, is nobody's to confirm)."""
    return resource.status not in HIDDEN_BY_DEFAULT and needs_reminder(resource.last_verified_on, today)


def due_for_check(session: Session, organisation_id: uuid.UUID, today: dt.date) -> list[Entry]:
    """Entries due a check (`is_due`), oldest first (never verified before all), then by
    provider and name."""
    due = [entry for entry in entries(session, organisation_id) if is_due(entry.resource, today)]
    return sorted(
        due,
        key=lambda e: (
            e.resource.last_verified_on or dt.date.min,
            e.resource.organization_name,
            e.resource.service_name,
        ),
    )


def change_resource(
    session: Session,
    row: StoredRecord,
    changes: dict[str, Any],
    *,
    action: str,
    by: str,
    details: dict[str, Any] | None = None,
) -> Resource:
    """Apply `changes` (content fields) to one directory entry, in the caller's transaction: a
    new change sequence (devices pull it at their next sync), the changed fields' versions, and
    an audit entry `action` naming `by` (e.g. "partner:<id>") and the fields, never their values.
    Validated by the protocol's Resource rules (pydantic ValidationError: nothing written).
    No change, no new version and no entry."""
    found = Resource.model_validate_json(row.body)
    candidate = Resource.model_validate({**found.model_dump(), **changes})
    changed_fields = [f for f in Resource.content_fields() if getattr(candidate, f) != getattr(found, f)]
    if not changed_fields:
        return found
    version = next_sequence(session, "change_seq")
    record = Resource.model_validate(
        {**candidate.model_dump(), "updated_at": max(utc_now(), found.updated_at), "server_version": version}
    )
    row.body, row.version = record.model_dump_json(), version
    row.field_versions = {**(row.field_versions or {}), **{f: [version, None] for f in changed_fields}}
    audit.append(session, action, f"resource:{row.id}", details={"by": by, "fields": changed_fields, **(details or {})})
    return record
