"""The sync endpoint's logic: apply pushed mutations, then answer with what changed.

Owns: per-mutation permission checks, at-most-once application per (device,
device_seq), field-level merge with Conflict records, the global change
sequence on every accepted write, and the scoped, paged pull behind an opaque
cursor.

Rules:
- Each mutation runs in its own SAVEPOINT: it applies whole or not at all, and
  a rejected one does not stop the rest of the batch.
- Writers take the `change_seq` counter's row lock first, so versions are
  handed out in commit order and a pull never skips a change.
- Same field changed on two devices: the value that reached the service first
  stays; the later one is kept in a Conflict record for a person to resolve.
- Must never return a record outside the caller's teams and organisation
  directory, and never apply a mutation twice.
"""

import base64
import binascii
import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from central import audit
from central.db import current_sequence, next_sequence
from central.models import AppliedMutation, Device, Operator, StoredRecord, utc_now
from protocol import ENTITY_TYPES, Record, describe_validation_error, new_id
from protocol.entities import META_FIELDS
from protocol.messages import Change, Conflict, Mutation, MutationResult, RejectReason

MODELS: dict[str, type[Record]] = {**ENTITY_TYPES, "conflict": Conflict}
DIRECTORY_ENTITIES = {"resource"}
DIRECTORY_WRITERS = {"team_lead", "admin"}
# Records that hang from one contact: their team is that contact's team.
PARENT_FIELD = {"relationship": "from_contact_id", "consent": "contact_id", "note": "contact_id",
                "referral": "contact_id"}


@dataclass(frozen=True)
class Caller:
    operator: Operator
    device: Device
    team_ids: frozenset[uuid.UUID]

    @property
    def organisation_id(self) -> uuid.UUID:
        return self.operator.organisation_id


class Rejected(Exception):
    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class Outcome:
    version: int | None = None
    conflicts: list[uuid.UUID] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)


# --- pushing ------------------------------------------------------------------------------

def apply_mutations(session: Session, caller: Caller, mutations: list[Mutation]) -> list[MutationResult]:
    """Apply a batch in order inside the caller's transaction; one result per mutation."""
    if not mutations:
        return []
    next_sequence(session, "change_seq", 0)  # take the writers' lock before reading anything
    return [_apply_or_recall(session, caller, mutation) for mutation in mutations]


def _apply_or_recall(session: Session, caller: Caller, mutation: Mutation) -> MutationResult:
    done = session.get(AppliedMutation, (caller.device.id, mutation.device_seq))
    if done is not None:
        if done.mutation_id != mutation.mutation_id:
            return _result(mutation, "rejected", "invalid",
                           f"device_seq: {mutation.device_seq} was already used by another mutation")
        return MutationResult.model_validate(done.result)  # the same answer; nothing re-applied
    try:
        with session.begin_nested():
            outcome = _apply(session, caller, mutation)
        result = MutationResult(
            device_seq=mutation.device_seq, mutation_id=mutation.mutation_id, status="applied",
            server_version=outcome.version, conflicts=outcome.conflicts,
        )
    except Rejected as rejection:
        result = _result(mutation, "rejected", rejection.reason, rejection.message)
        if rejection.reason in ("forbidden_team", "forbidden_role"):
            audit.append(session, "mutation.refused", f"{mutation.entity}:{mutation.record_id}",
                         actor=caller.operator.id, device=caller.device.id,
                         details={"reason": rejection.reason, "op": mutation.op})
    session.add(AppliedMutation(
        device_id=caller.device.id, device_seq=mutation.device_seq, mutation_id=mutation.mutation_id,
        result=result.model_dump(mode="json"),
    ))
    session.flush()
    return result


def _result(mutation: Mutation, status: str, reason: RejectReason, message: str) -> MutationResult:
    return MutationResult(device_seq=mutation.device_seq, mutation_id=mutation.mutation_id, status=status,
                          reason=reason, message=message)


def _apply(session: Session, caller: Caller, mutation: Mutation) -> Outcome:
    model = MODELS[mutation.entity]
    bad = sorted(set(mutation.changed) & META_FIELDS)
    if bad:
        raise Rejected("invalid", f"{bad[0]}: set by the service, not by the device")
    unknown = sorted(set(mutation.changed) - set(model.content_fields()))
    if unknown:
        raise Rejected("invalid", f"{unknown[0]}: not a field of {mutation.entity}")
    current = session.execute(
        select(StoredRecord).where(StoredRecord.id == mutation.record_id).with_for_update()
    ).scalar_one_or_none()
    if current is not None and current.entity != mutation.entity:
        raise Rejected("duplicate_id", f"id: already used by a {current.entity}")
    if mutation.entity == "note" and mutation.op != "create":
        raise Rejected("append_only", "note: case notes are append-only; add a note with amends_note_id")
    if mutation.entity in ("conflict", "intake_request") and mutation.op != "update":
        raise Rejected("forbidden_role", f"{mutation.entity}: devices may only update these")
    if mutation.op == "create":
        if current is not None:
            raise Rejected("duplicate_id", f"id: a {mutation.entity} with this id already exists")
        return _create(session, caller, mutation, model)
    if current is None:
        raise Rejected("not_found", f"id: no {mutation.entity} with this id")
    _check_scope(caller, current.team_id, current.organisation_id, mutation.entity)
    if mutation.op == "delete":
        return _delete(session, caller, mutation, current)
    return _update(session, caller, mutation, model, current)


def _validate(model: type[Record], data: dict[str, Any]) -> Record:
    try:
        return model.model_validate_json(json.dumps(data, default=str))
    except ValidationError as exc:
        raise Rejected("invalid", "; ".join(describe_validation_error(exc))) from None


def _create(session: Session, caller: Caller, mutation: Mutation, model: type[Record]) -> Outcome:
    now = utc_now()
    version = next_sequence(session, "change_seq")
    data = {
        **mutation.changed,
        "id": str(mutation.record_id),
        # The device's clock says when the work was done; never later than now.
        "created_at": min(mutation.at, now).isoformat(),
        "updated_at": now.isoformat(),
        "author_operator_id": str(caller.operator.id),
        "author_device_id": str(caller.device.id),
        "deleted": False,
        "server_version": version,
    }
    if mutation.entity == "contact" and data.get("team_id") is None:
        if len(caller.team_ids) != 1:
            raise Rejected("team_required", "team_id: required for an operator who is in several teams")
        data["team_id"] = str(next(iter(caller.team_ids)))
    record = _validate(model, data)
    team_id, contact_id = _placement(session, caller, mutation.entity, record)
    session.add(StoredRecord(
        id=record.id, entity=mutation.entity, organisation_id=caller.organisation_id, team_id=team_id,
        contact_id=contact_id, version=version, deleted=False, body=record.model_dump_json(),
        field_versions={name: [version, str(caller.device.id)] for name in model.content_fields()},
        created_version=version,
    ))
    session.flush()
    _audit_change(session, caller, mutation, sorted(mutation.changed))
    return Outcome(version=version, fields=sorted(mutation.changed))


def _update(session: Session, caller: Caller, mutation: Mutation, model: type[Record],
            current: StoredRecord) -> Outcome:
    stored = json.loads(current.body)
    base = mutation.base_version or current.created_version
    merged = dict(stored)
    field_versions = dict(current.field_versions)
    applied, conflicts = [], []
    version = next_sequence(session, "change_seq")
    me = str(caller.device.id)
    for name, value in mutation.changed.items():
        last_version, last_device = field_versions.get(name, [current.created_version, None])
        # A device's own successive edits never conflict with each other.
        raced = last_version > base and last_device != me
        if raced and _comparable(stored.get(name)) != _comparable(value):
            conflicts.append(_record_conflict(session, caller, mutation, current, name, stored.get(name), value))
            continue
        merged[name] = value
        field_versions[name] = [version, me]
        applied.append(name)
    if mutation.entity == "contact" and "team_id" in applied and merged.get("team_id") != stored.get("team_id"):
        raise Rejected("forbidden_team", "team_id: moving a contact to another team is an administrator's task")
    resurrect = current.deleted and bool(applied)  # an edit against a delete brings the record back
    if not applied and not resurrect:
        return Outcome(version=current.version, conflicts=conflicts)
    merged.update({"updated_at": utc_now().isoformat(), "server_version": version, "deleted": False})
    record = _validate(model, merged)
    if mutation.entity != "contact":
        team_id, contact_id = _placement(session, caller, mutation.entity, record)
        if team_id != current.team_id:
            raise Rejected("forbidden_team", "contact_id: a record cannot move to another team's contact")
        current.contact_id = contact_id
    current.body = record.model_dump_json()
    current.field_versions = field_versions
    current.version = version
    current.deleted = False
    session.flush()
    _audit_change(session, caller, mutation, applied, conflicts=len(conflicts))
    return Outcome(version=version, conflicts=conflicts, fields=applied)


def _delete(session: Session, caller: Caller, mutation: Mutation, current: StoredRecord) -> Outcome:
    if current.deleted:
        return Outcome(version=current.version)
    version = next_sequence(session, "change_seq")
    body = json.loads(current.body)
    body.update({"deleted": True, "updated_at": utc_now().isoformat(), "server_version": version})
    current.body = json.dumps(body, separators=(",", ":"))
    current.deleted = True
    current.version = version
    session.flush()
    _audit_change(session, caller, mutation, [])
    return Outcome(version=version)


def _comparable(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _record_conflict(session: Session, caller: Caller, mutation: Mutation, current: StoredRecord, name: str,
                     kept: Any, other: Any) -> uuid.UUID:
    version = next_sequence(session, "change_seq")
    now = utc_now()
    conflict = Conflict(
        id=new_id(), created_at=now, updated_at=now, author_operator_id=caller.operator.id,
        author_device_id=caller.device.id, server_version=version, entity=mutation.entity,
        record_id=current.id, field=name, kept_value=kept, other_value=other,
        other_operator_id=caller.operator.id, other_device_id=caller.device.id, team_id=current.team_id,
    )
    session.add(StoredRecord(
        id=conflict.id, entity="conflict", organisation_id=current.organisation_id, team_id=current.team_id,
        contact_id=current.contact_id, version=version, deleted=False, body=conflict.model_dump_json(),
        field_versions={f: [version, None] for f in Conflict.content_fields()}, created_version=version,
    ))
    audit.append(session, "conflict.create", f"{mutation.entity}:{current.id}", actor=caller.operator.id,
                 device=caller.device.id, details={"field": name, "conflict": str(conflict.id)})
    return conflict.id


def _audit_change(session: Session, caller: Caller, mutation: Mutation, fields: list[str], conflicts: int = 0) -> None:
    details: dict[str, Any] = {"fields": fields, "device_seq": mutation.device_seq}
    if conflicts:
        details["conflicts"] = conflicts
    audit.append(session, f"{mutation.entity}.{mutation.op}", f"{mutation.entity}:{mutation.record_id}",
                 actor=caller.operator.id, device=caller.device.id, details=details)


# --- where a record lives, and who may touch it --------------------------------------------

def _check_scope(caller: Caller, team_id: uuid.UUID | None, organisation_id: uuid.UUID, entity: str) -> None:
    if organisation_id != caller.organisation_id:
        raise Rejected("forbidden_team", "id: this record belongs to another organisation")
    if team_id is None:
        if entity in DIRECTORY_ENTITIES and caller.operator.role not in DIRECTORY_WRITERS:
            raise Rejected("forbidden_role", "resource: only team leads and administrators edit the directory")
        return
    if team_id not in caller.team_ids:
        raise Rejected("forbidden_team", "team_id: the record belongs to a team you are not in")


def _visible_contact(session: Session, caller: Caller, contact_id: Any, field_name: str) -> StoredRecord:
    row = session.get(StoredRecord, uuid.UUID(str(contact_id)))
    if row is None or row.entity != "contact" or row.deleted:
        raise Rejected("missing_reference", f"{field_name}: no contact with this id")
    _check_scope(caller, row.team_id, row.organisation_id, "contact")
    return row


def _placement(session: Session, caller: Caller, entity: str,
               record: Record) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(team_id, contact_id) of a record, after checking every reference it makes."""
    if entity in DIRECTORY_ENTITIES:
        _check_scope(caller, None, caller.organisation_id, entity)
        return None, None
    if entity == "contact":
        team_id = record.team_id
        if team_id not in caller.team_ids:
            raise Rejected("forbidden_team", "team_id: you are not in this team")
        return team_id, record.id
    if entity == "appointment":
        contacts = [_visible_contact(session, caller, cid, "contact_ids") for cid in record.contact_ids]
        if len({c.team_id for c in contacts}) > 1:
            raise Rejected("invalid", "contact_ids: all contacts of an appointment belong to one team")
        return contacts[0].team_id, contacts[0].id
    if entity == "relationship":
        first = _visible_contact(session, caller, record.from_contact_id, "from_contact_id")
        _visible_contact(session, caller, record.to_contact_id, "to_contact_id")
        return first.team_id, first.id
    if entity in PARENT_FIELD:
        parent = _visible_contact(session, caller, getattr(record, PARENT_FIELD[entity]), PARENT_FIELD[entity])
        if entity == "referral":
            _check_referral_links(session, caller, record)
        return parent.team_id, parent.id
    # conflict, intake_request: placed by the service, devices only update them
    team_id = getattr(record, "team_id", None)
    if team_id not in caller.team_ids:
        raise Rejected("forbidden_team", "team_id: the record belongs to a team you are not in")
    return team_id, getattr(record, "contact_id", None)


def _check_referral_links(session: Session, caller: Caller, record: Record) -> None:
    resource = session.get(StoredRecord, record.resource_id)
    if resource is None or resource.entity != "resource" or resource.deleted \
            or resource.organisation_id != caller.organisation_id:
        raise Rejected("missing_reference", "resource_id: no directory entry with this id")
    if record.consent_id is not None:
        consent = session.get(StoredRecord, record.consent_id)
        if consent is None or consent.entity != "consent" or consent.contact_id != record.contact_id:
            raise Rejected("missing_reference", "consent_id: no consent of this contact with this id")


# --- pulling ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cursor:
    directory: int
    teams: dict[uuid.UUID, int]

    def encode(self) -> str:
        raw = json.dumps({"d": self.directory, "t": {str(k): v for k, v in sorted(self.teams.items())}},
                         separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> "Cursor":
        if not text:
            return cls(0, {})
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            return cls(int(data["d"]), {uuid.UUID(k): int(v) for k, v in data["t"].items()})
        except (ValueError, KeyError, TypeError, binascii.Error, AttributeError):
            raise InvalidCursor("cursor: not a cursor this service issued") from None


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Pulled:
    changes: list[Change]
    purge_teams: list[uuid.UUID]
    cursor: str
    more: bool


def pull(session: Session, caller: Caller, cursor_text: str | None, page_size: int) -> Pulled:
    """Changes visible to the caller since the cursor, oldest first, `page_size` at most.

    A team the operator has just joined starts from 0 (its whole caseload arrives);
    a team they left is listed in `purge_teams` and dropped from the cursor.
    """
    cursor = Cursor.decode(cursor_text)
    head = current_sequence(session, "change_seq")  # read before the records: see db.next_sequence
    positions = {team: cursor.teams.get(team, 0) for team in caller.team_ids}
    purge = sorted(set(cursor.teams) - caller.team_ids)
    scopes = [and_(StoredRecord.team_id == team, StoredRecord.version > pos) for team, pos in positions.items()]
    scopes.append(and_(StoredRecord.team_id.is_(None), StoredRecord.organisation_id == caller.organisation_id,
                       StoredRecord.version > cursor.directory))
    rows = session.execute(
        select(StoredRecord.entity, StoredRecord.version, StoredRecord.body)
        .where(or_(*scopes), StoredRecord.version <= head)
        .order_by(StoredRecord.version)
        .limit(page_size + 1)
    ).all()
    more = len(rows) > page_size
    rows = rows[:page_size]
    reached = rows[-1].version if more else head
    new_cursor = Cursor(
        directory=max(cursor.directory, reached),
        teams={team: max(pos, reached) for team, pos in positions.items()},
    )
    changes = [Change(entity=row.entity, version=row.version, record=json.loads(row.body)) for row in rows]
    return Pulled(changes=changes, purge_teams=purge, cursor=new_cursor.encode(), more=more)


def clock_skew(mutations: list[Mutation], now: dt.datetime) -> dt.timedelta | None:
    """How far ahead the device clock seems to be (from its newest mutation), for reporting only."""
    if not mutations:
        return None
    return max(m.at for m in mutations) - now
