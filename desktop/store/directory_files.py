"""The directory of local services in HSDS files, on this computer.

Owns: `export_directory` (the live local directory, as an HSDS tabular package or HSDS JSON,
the same files the central service writes: `protocol.hsds`) and `import_directory` for
offline-only profiles: every entry of the file validated first, then all written in one
transaction, an entry already here (matched by its HSDS service and location ids) updated
instead of duplicated. Nothing is deleted: an entry missing from the file stays.

An enrolled profile never imports: its directory is the organisation's, it comes from the
service by sync, and IT imports files there (`prossimo-central directory import`). Exporting
is fine everywhere: it only reads.

Imported entries and the outbox. On an offline-only profile every record an operator types
waits in the outbox, so that it reaches a service if the profile is ever enrolled. Imported
entries do not: they are written like records received from a service (no outbox row), and
the status bar's count of work "not shared with any service" does not grow by a whole
directory. The reason is what would happen at a later enrolment. The service refuses
directory edits from ordinary operators, so each imported entry would come back as a refused
change to discard by hand; and from a team lead it would be accepted, publishing a file nobody
reviewed as the organisation's directory, next to the copy the service already holds. A file
of someone else's directory is reference material on this computer, not this operator's work
to share. So imported entries stay on this computer only, and a later enrolment brings the
organisation's directory beside them (removing them then is the enrolment's decision, not
this module's). One exception keeps the outbox truthful: an entry this operator made here,
whose changes still wait in the outbox, is updated through the repository, so what waits to
be sent is what the screen shows.

The report (`ImportReport`, from `protocol.hsds.report`) says what the file held and what became
of it, per table (services, organisations, locations, phones, schedules...: read, imported,
updated, unchanged, skipped), every skipped row with its reason, and every column or property
holding data we do not keep. Every HSDS status is imported (inactive and defunct services are
hidden from lists, not dropped).

Must never import Qt, import on an enrolled profile, or write anything when any entry of the
file is invalid (HsdsError is raised before the transaction starts).
"""

import json
from pathlib import Path
from typing import Any

from desktop.store.database import transaction
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from protocol import Resource, hsds, new_id
from protocol.clock import utc_now

ENROLLED_REFUSAL = (
    "directory: this profile is connected to the organisation's service, which keeps the "
    "directory; it reaches this computer by sync, and IT imports files on the service"
)


# What an import did: entries new here, updated, already as in the file; and per table.
ImportReport = hsds.ImportReport


def _live_resources(session: StoreSession) -> list[Resource]:
    # The order export writes them in: index_by_keys needs it (see protocol.hsds.index_by_keys).
    rows = session.conn.execute("SELECT body FROM resource WHERE deleted = 0 ORDER BY sort_name, id").fetchall()
    return [Resource.model_validate_json(row[0]) for row in rows]


def can_import(session: StoreSession) -> bool:
    """Whether this profile may import a directory file: only when it is not enrolled."""
    return session.replica.enrolment() is None


def export_directory(session: StoreSession, path: Path, format: hsds.Format | None = None) -> dict[str, int]:
    """Write the live local directory at `path` (a new .json file or package folder); counts written."""
    return hsds.export_directory(_live_resources(session), Path(path), format)


def import_directory(session: StoreSession, path: Path, format: hsds.Format | None = None) -> ImportReport:
    """Store every entry of the file at `path`, all or nothing; RuleViolation on an enrolled profile,
    HsdsError (naming file, row or path, and field) for a file that cannot be imported."""
    if not can_import(session):
        raise RuleViolation(ENROLLED_REFUSAL)
    reading = hsds.read_directory(Path(path), format)  # every entry validated before anything is written
    entries = reading.entries
    existing = hsds.index_by_keys(_live_resources(session))
    typed_here = {
        row[0]
        for row in session.conn.execute("SELECT DISTINCT record_id FROM outbox WHERE entity = 'resource'").fetchall()
    }
    now = utc_now()
    identity = session.identity
    received: list[Resource] = []  # written like records from a service: no outbox row
    through_repository: list[tuple[Resource, dict[str, Any]]] = []
    matched: set[str] = set()
    outcomes: list[str] = []  # what storing each entry does, for the report
    for fields in entries:
        found = existing.get((fields["hsds_service_id"], fields["hsds_location_id"]))
        if found is not None and str(found.id) in matched:
            found = None  # another entry of the file is this record: this one is new
        if found is None:
            received.append(
                Resource.model_validate(
                    {
                        **fields,
                        "id": new_id(),
                        "created_at": now,
                        "updated_at": now,
                        "author_operator_id": identity.operator_id,
                        "author_device_id": identity.device_id,
                    }
                )
            )
            outcomes.append("created")
            continue
        matched.add(str(found.id))
        merged = Resource.model_validate({**found.model_dump(), **fields, "updated_at": max(now, found.updated_at)})
        if merged.content() == found.content():
            outcomes.append("unchanged")
            continue
        outcomes.append("updated")
        if str(found.id) in typed_here:
            through_repository.append((found, fields))
        else:
            received.append(merged)
    with transaction(session.conn):
        if received:
            bodies = [record.model_dump_json() for record in received]
            session.resources.store_from_service(received, [(body, json.loads(body)) for body in bodies])
        for found, fields in through_repository:
            session.resources.update(found.id, **fields)
    return hsds.report(reading, outcomes)
