"""The organisation's directory of local services in the database, and its HSDS files.

Owns: importing an HSDS tabular data package into the directory (all or
nothing; a service already present, matched by its HSDS service and location
ids, is updated instead of duplicated) and exporting the live directory.
Every imported change gets a change sequence, so devices receive it by sync,
and an audit entry. Must never touch team caseloads.
"""

import datetime as dt
import json
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit, hsds
from central.db import next_sequence
from central.intake import SERVICE_DEVICE
from central.models import StoredRecord, utc_now
from protocol import Resource, new_id


def _live_resources(session: Session, organisation_id: uuid.UUID) -> list[StoredRecord]:
    return list(session.execute(
        select(StoredRecord).where(StoredRecord.entity == "resource", StoredRecord.team_id.is_(None),
                                   StoredRecord.organisation_id == organisation_id,
                                   StoredRecord.deleted.is_(False))
        .order_by(StoredRecord.version)
    ).scalars())


def import_package(session: Session, organisation_id: uuid.UUID, directory: Path) -> int:
    entries = hsds.import_package(directory)  # validates every row first; raises HsdsError
    existing = {}
    for row in _live_resources(session, organisation_id):
        body = json.loads(row.body)
        key = (body.get("hsds_service_id"), body.get("hsds_location_id"))
        if key != (None, None):
            existing[key] = row
    now = utc_now()
    changed = 0
    for fields in entries:
        version = next_sequence(session, "change_seq")
        key = (fields.get("hsds_service_id"), fields.get("hsds_location_id"))
        row = existing.get(key) if key != (None, None) else None
        if row is None:
            record = Resource(id=new_id(), created_at=now, updated_at=now, author_device_id=SERVICE_DEVICE,
                              server_version=version, **fields)
            session.add(StoredRecord(
                id=record.id, entity="resource", organisation_id=organisation_id, team_id=None, contact_id=None,
                version=version, deleted=False, body=record.model_dump_json(),
                field_versions={f: [version, None] for f in Resource.content_fields()}, created_version=version,
            ))
        else:
            old = Resource.model_validate_json(row.body)
            record = Resource.model_validate({**old.model_dump(), **fields, "updated_at": now,
                                              "server_version": version})
            if record.content() == old.content():
                continue
            row.body, row.version = record.model_dump_json(), version
            row.field_versions = {f: [version, None] for f in Resource.content_fields()}
        changed += 1
    audit.append(session, "directory.import", f"organisation:{organisation_id}",
                 details={"entries": len(entries), "changed": changed, "at": dt.date.today().isoformat()})
    return changed


def export_package(session: Session, organisation_id: uuid.UUID, directory: Path) -> dict[str, int]:
    resources = [Resource.model_validate_json(row.body) for row in _live_resources(session, organisation_id)]
    return hsds.export_package(resources, directory)
