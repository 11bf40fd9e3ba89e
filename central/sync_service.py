"""The sync endpoint's logic: apply pushed mutations, then answer with what changed.

Owns: per-mutation permission checks, at-most-once application per (device,
device_seq), field-level merge with Conflict records, the global change
sequence on every accepted write, and the scoped, paged pull behind an opaque
cursor.

Rules:
- Each mutation is checked whole before any of it is written: it applies whole
  or not at all, and a rejected one does not stop the rest of the batch.
- Writers take the `change_seq` counter's row lock first, so versions are
  handed out in commit order and a pull never skips a change.
- Same field changed on two devices: the value that reached the service first
  stays; the later one is kept in a Conflict record for a person to resolve.
- Every reference check follows protocol/relations.py and nothing written here.
- Must never return a record outside the caller's teams and organisation
  directory, and never apply a mutation twice.
"""

import base64
import binascii
import datetime as dt
import json
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from central import audit, restore_state
from central.sync_sql import APPLIED, AUDIT, RECORD, RECORD_INSERT, RECORD_REWRITE, Bind, SyncSQL, Write, json_bytes
from protocol import ENTITY_TYPES, Record, describe_validation_error, new_id
from protocol.clock import utc_now
from protocol.entities import APPEND_ONLY, META_FIELDS, Contact, Encounter, Shift
from protocol.messages import (
    DIRECTORY_WRITERS,
    MAX_INT64,
    Conflict,
    Mutation,
    MutationResult,
    RejectReason,
    RestoreInfo,
)
from protocol.relations import (
    DEVICE_WRITABLE,
    Reference,
    parent_reference,
    reference_ids,
    references_of,
    team_placed_entities,
)

MODELS: dict[str, type[Record]] = {**ENTITY_TYPES, "conflict": Conflict}
# Organisation-level records every team reads and only leads and administrators write.
DIRECTORY_ENTITIES = {"resource", "supply_item"}
TEAM_PLACED = frozenset(team_placed_entities())  # placed by their own team_id (bookable slots)
# Which field places a record and what every reference must name: protocol/relations.py
# (parent_reference, references_of, DEVICE_WRITABLE), read by _placement and _references.


@dataclass(frozen=True)
class Caller:
    """Who is syncing: found from the device token by auth.authenticate."""

    operator_id: uuid.UUID
    organisation_id: uuid.UUID
    role: str
    device_id: uuid.UUID
    team_ids: frozenset[uuid.UUID]


@dataclass
class Tally:
    """What one sync request did, for the service's metrics (central.metrics reads it once the
    answer is sent; central.observe puts one in `TALLY` for each sync request). Filled here,
    where the numbers are made; None in TALLY (tests, the embedded service) costs nothing."""

    received: int | None = None  # mutations in the request; None while the body is unread
    applied: int = 0
    rejected: int = 0  # by a rule here, or by the schema before (SyncBatch)
    replayed: int = 0  # a retry answered from its stored result
    conflicts: int = 0

    def add(self, plans: "list[Planned]") -> None:
        for planned in plans:
            if planned.replayed:
                self.replayed += 1
            elif planned.result is not None and planned.result.status == "applied":
                self.applied += 1
                self.conflicts += len(planned.conflicts)
            else:
                self.rejected += 1


TALLY: ContextVar[Tally | None] = ContextVar("prossimo_sync_tally", default=None)


def count_request(received: int, refused_by_schema: int) -> None:
    """The route's part of the Tally: how many mutations came, how many the schema refused."""
    tally = TALLY.get()
    if tally is not None:
        tally.received = received
        tally.rejected += refused_by_schema


class Rejected(Exception):
    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# --- pushing ------------------------------------------------------------------------------


READ = "read"  # apply_mutations reads the restore state itself


def apply_mutations(
    session: Bind, caller: Caller, mutations: list[Mutation], restore: RestoreInfo | None | str = READ
) -> list[MutationResult]:
    """Apply a batch in order inside the caller's transaction; one result per mutation.

    `restore`: the database's restore state when the caller has read it already (the sync route
    does), else it is read here when the batch has updates."""
    if not mutations:
        return []
    batch = Batch(session, caller)
    if not isinstance(restore, str):
        batch.restore_since = restore.since if restore is not None else None
        batch.restore_known = True
    batch.prefetch(mutations)
    for mutation in mutations:
        batch.plan(mutation)
    return batch.commit_plan()


@dataclass
class RowState:
    """A record as this batch sees it: what is stored, plus the batch's own planned writes.

    Versions the batch has not been given yet are placeholders (`Batch.placeholder`),
    swapped for real change sequence numbers in `commit_plan`.
    """

    id: uuid.UUID
    entity: str
    organisation_id: uuid.UUID
    team_id: uuid.UUID | None
    contact_id: uuid.UUID | None
    body: dict[str, Any]
    field_versions: dict[str, list[Any]]
    created_version: int
    version: int
    deleted: bool
    erased: bool = False
    stored: bool = False  # False until written: a record this batch creates
    touched: bool = False


@dataclass
class Planned:
    """What one mutation will do once it gets its change sequence numbers."""

    mutation: Mutation
    result: MutationResult | None = None  # known already: a recall or a rejection
    store_result: bool = True  # False when the result is already stored (a recall)
    replayed: bool = False  # a retry of a stored mutation: answered, nothing re-applied
    writes: list[tuple[int, uuid.UUID]] = field(default_factory=list)  # (placeholder, record id), in order
    conflicts: list[uuid.UUID] = field(default_factory=list)
    audit: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


class Batch:
    """One sync request's writes, in two phases.

    Phase 1 (`prefetch`, `plan`) reads, checks and merges every mutation without
    holding the writers' lock: rows it reads are locked one by one (FOR UPDATE, in
    id order so two batches cannot deadlock). A rejected mutation plans nothing.
    Phase 2 (`commit_plan`) takes the `change_seq` lock, numbers the planned
    writes, and inserts everything in a few statements. The lock is held only
    for that short phase, which is what lets several API processes write at once.
    If the database still fails at commit, the whole request rolls back and the
    device retries it: nothing is half-written.
    """

    PLACEHOLDER_BASE = 1 << 62

    def __init__(self, session: Bind, caller: Caller) -> None:
        self.session = session
        self.caller = caller
        self.me = str(caller.device_id)
        self.sql: SyncSQL | None = None
        self.states: dict[uuid.UUID, RowState | None] = {}
        self.done: dict[int, tuple[uuid.UUID, dict[str, Any]]] = {}  # device_seq -> (mutation_id, result)
        self.seen_seqs: set[int] = set()
        self.plans: list[Planned] = []
        self.operators: set[uuid.UUID] = set()  # operators of the caller's organisation the batch names
        self.author_name: str | None = None  # the caller's name, read when the batch creates a note
        self.next_placeholder = self.PLACEHOLDER_BASE
        self.placeholder_owner: dict[int, uuid.UUID] = {}  # placeholder -> record written
        # Changes numbered above it were made after the latest restore (None: never restored).
        self.restore_since: int | None = None
        self.restore_known = False

    # phase 1 ---------------------------------------------------------------------------------

    # The statements run on the driver (central.sync_sql): the rows are read into RowState
    # and written back whole, so the ORM's identity map and unit of work, and even Core's
    # statement handling, would only add CPU per row and per statement.

    def prefetch(self, mutations: list[Mutation]) -> None:
        # Pending ORM changes go out now (SyncSQL.of flushes), before any lock is taken.
        self.sql = SyncSQL.of(self.session)
        self.done = {
            seq: (mutation_id, result)
            for seq, mutation_id, result in self.sql.earlier_results(
                self.caller.device_id, [m.device_seq for m in mutations]
            )
        }
        wanted = {m.record_id for m in mutations} | {ref for m in mutations for ref in _references(m, "records")}
        self.states = dict.fromkeys(wanted)
        for row in self.sql.lock_records(wanted):
            self.states[row[0]] = _state_of(row)
        # Appointments name the caller themselves almost always: only others cost a statement.
        others = {ref for m in mutations for ref in _references(m, "operators")} - {self.caller.operator_id}
        if others:
            self.operators = set(self.sql.operators_of(self.caller.organisation_id, others))
        if any(m.entity == "note" and m.op == "create" for m in mutations):
            self.author_name = self.sql.username_of(self.caller.operator_id)
        if not self.restore_known and any(m.op == "update" for m in mutations):
            info = restore_state.current(self.session)
            self.restore_since = info.since if info is not None else None

    def record(self, record_id: uuid.UUID) -> RowState | None:
        if record_id not in self.states:
            assert self.sql is not None  # prefetch opened it: every mutation is planned after it
            row = self.sql.lock_record(record_id)
            self.states[record_id] = _state_of(row) if row is not None else None
        return self.states[record_id]

    def placeholder(self, record_id: uuid.UUID, planned: Planned) -> int:
        value = self.next_placeholder
        self.next_placeholder += 1
        self.placeholder_owner[value] = record_id
        planned.writes.append((value, record_id))
        return value

    def plan(self, mutation: Mutation) -> None:
        planned = Planned(mutation)
        self.plans.append(planned)
        done = self.done.get(mutation.device_seq)
        if done is not None:
            planned.store_result = False
            done_id, done_result = done
            if done_id != mutation.mutation_id:
                planned.result = _result(
                    mutation,
                    "rejected",
                    "invalid",
                    f"device_seq: {mutation.device_seq} was already used by another mutation",
                )
            else:  # a retry: the same answer, nothing re-applied
                planned.result = MutationResult.model_validate(done_result)
                planned.replayed = True
            return
        if mutation.device_seq in self.seen_seqs:
            planned.store_result = False
            planned.result = _result(
                mutation, "rejected", "invalid", f"device_seq: {mutation.device_seq} appears twice in one request"
            )
            return
        self.seen_seqs.add(mutation.device_seq)
        try:
            self.plan_apply(mutation, planned)
        except Rejected as rejection:
            planned.result = _result(mutation, "rejected", rejection.reason, rejection.message)
            current = self.states.get(mutation.record_id)
            if (
                mutation.op != "create"
                and current is not None
                and not current.touched
                and not current.erased
                and _may_see(self.caller, current)
            ):
                planned.result.record = current.body  # what the device should show again
            if rejection.reason in ("forbidden_team", "forbidden_role"):
                planned.audit.append(
                    (
                        "mutation.refused",
                        f"{mutation.entity}:{mutation.record_id}",
                        {"reason": rejection.reason, "op": mutation.op},
                    )
                )

    def plan_apply(self, mutation: Mutation, planned: Planned) -> None:
        model = MODELS[mutation.entity]
        bad = sorted(set(mutation.changed) & META_FIELDS)
        if bad:
            raise Rejected("invalid", f"{bad[0]}: set by the service, not by the device")
        unknown = sorted(set(mutation.changed) - set(model.content_fields()))
        if unknown:
            raise Rejected("invalid", f"{unknown[0]}: not a field of {mutation.entity}")
        current = self.record(mutation.record_id)
        if current is not None and current.erased:
            raise Rejected("erased", "id: this record was erased (right to erasure); it cannot be changed or recreated")
        if current is not None and current.entity != mutation.entity:
            raise Rejected("duplicate_id", f"id: already used by a {current.entity}")
        if mutation.entity in APPEND_ONLY and mutation.op != "create":
            raise Rejected("append_only", f"{mutation.entity}: {APPEND_ONLY[mutation.entity]}")
        writable = DEVICE_WRITABLE.get(mutation.entity)
        if writable is not None:
            _check_device_writable(mutation, writable)
        if mutation.op == "create":
            if current is not None:
                raise Rejected("duplicate_id", f"id: a {mutation.entity} with this id already exists")
            self.plan_create(mutation, model, planned)
            return
        if current is None:
            raise Rejected("not_found", f"id: no {mutation.entity} with this id")
        _check_scope(self.caller, current.team_id, current.organisation_id, mutation.entity)
        if mutation.entity == "shift":
            _check_shift_member(self.caller, current)
        if mutation.op == "delete":
            self.plan_delete(mutation, current, planned)
        else:
            self.plan_update(mutation, model, current, planned)

    def plan_create(self, mutation: Mutation, model: type[Record], planned: Planned) -> None:
        caller = self.caller
        now = utc_now()
        data = {
            **mutation.changed,
            "id": str(mutation.record_id),
            # The device's clock says when the work was done; never later than now.
            "created_at": min(mutation.at, now).isoformat(),
            "updated_at": now.isoformat(),
            "author_operator_id": str(caller.operator_id),
            "author_device_id": self.me,
            "deleted": False,
            "server_version": 1,  # replaced by the real version in phase 2
        }
        if mutation.entity == "note":  # a note names its author for good: it is what the history was judged on
            data["author_name"] = self.author_name
        if mutation.entity == "contact" and data.get("team_id") is None:
            if len(caller.team_ids) != 1:
                raise Rejected("team_required", "team_id: required for an operator who is in several teams")
            data["team_id"] = str(next(iter(caller.team_ids)))
        record = _validate(model, data)
        team_id, contact_id = _placement(self, caller, mutation, record, None)
        version = self.placeholder(record.id, planned)
        self.states[record.id] = RowState(
            id=record.id,
            entity=mutation.entity,
            organisation_id=caller.organisation_id,
            team_id=team_id,
            contact_id=contact_id,
            body=record.model_dump(mode="json"),
            # Only fields written after creation are listed: an absent field's last write is
            # the creation (created_version, see plan_update), so a new record carries none.
            field_versions={},
            created_version=version,
            version=version,
            deleted=False,
            touched=True,
        )
        planned.audit.append(
            (
                f"{mutation.entity}.create",
                f"{mutation.entity}:{mutation.record_id}",
                {"fields": sorted(mutation.changed), "device_seq": mutation.device_seq},
            )
        )

    def plan_update(self, mutation: Mutation, model: type[Record], current: RowState, planned: Planned) -> None:
        stored = current.body
        base = mutation.base_version or current.created_version
        merged = dict(stored)
        applied: list[str] = []
        raced: list[tuple[str, Any]] = []
        since = self.restore_since
        skipped = False
        for name, value in mutation.changed.items():
            entry = current.field_versions.get(name) or [current.created_version, None]
            last_version, last_device = entry[0], entry[1]
            if (
                mutation.recovery
                and since is not None
                and last_version > since
                and len(entry) > 2
                and _comparable(entry[2]) == _comparable(value)
            ):
                # Given back after a restore, but the device's copy only still had the value the
                # field had when the service was restored (someone changed it since): not a change.
                skipped = True
                continue
            # A device's own successive edits never conflict with each other.
            if last_version > base and last_device != self.me and _comparable(stored.get(name)) != _comparable(value):
                raced.append((name, value))
                continue
            merged[name] = value
            applied.append(name)
        if mutation.entity == "contact" and "team_id" in applied and merged.get("team_id") != stored.get("team_id"):
            raise Rejected("forbidden_team", "team_id: moving a contact to another team is an administrator's task")
        for name, value in raced:
            # The losing value goes into a Conflict every team device downloads: it must be a
            # value the field itself would take (bounded like the field), or nothing is planned.
            _validate_field(mutation.entity, name, value)
        resurrect = current.deleted and bool(applied)  # an edit against a delete brings the record back
        record = None
        placement = (current.team_id, current.contact_id)
        if applied or resurrect:
            merged.update({"updated_at": utc_now().isoformat(), "deleted": False})
            record = _validate(model, merged)
            if mutation.entity != "contact":
                placement = _placement(self, self.caller, mutation, record, current)
                if placement[0] != current.team_id:
                    raise Rejected("forbidden_team", "contact_id: a record cannot move to another team's contact")
        # Every check passed: from here on the mutation is planned whole.
        for name, value in raced:
            planned.conflicts.append(self.plan_conflict(mutation, current, name, stored.get(name), value, planned))
        if record is None:
            if mutation.recovery and (skipped or raced):
                # The device shows its own copy, which it had merged with the service's already
                # (restore_recovery): a new version makes it download the service's again.
                current.version, current.touched = self.placeholder(current.id, planned), True
            return
        version = self.placeholder(current.id, planned)
        for name in applied:
            before = current.field_versions.get(name) or [current.created_version, None]
            current.field_versions[name] = [version, self.me, *_restored_value(before, since, stored.get(name))]
        current.body = record.model_dump(mode="json")
        current.contact_id = placement[1]
        current.version, current.deleted, current.touched = version, False, True
        details: dict[str, Any] = {"fields": applied, "device_seq": mutation.device_seq}
        if raced:
            details["conflicts"] = len(raced)
        planned.audit.append((f"{mutation.entity}.update", f"{mutation.entity}:{mutation.record_id}", details))

    def plan_delete(self, mutation: Mutation, current: RowState, planned: Planned) -> None:
        if current.deleted:
            return
        version = self.placeholder(current.id, planned)
        # Written as the schema writes times ("…Z"), like every other body this service stores.
        current.body = {**current.body, "deleted": True, "updated_at": _WIRE_TIME.dump_python(utc_now(), mode="json")}
        current.version, current.deleted, current.touched = version, True, True
        planned.audit.append(
            (
                f"{mutation.entity}.delete",
                f"{mutation.entity}:{mutation.record_id}",
                {"fields": [], "device_seq": mutation.device_seq},
            )
        )

    def plan_conflict(
        self, mutation: Mutation, current: RowState, name: str, kept: Any, other: Any, planned: Planned
    ) -> uuid.UUID:
        caller = self.caller
        now = utc_now()
        conflict = Conflict(
            id=new_id(),
            created_at=now,
            updated_at=now,
            author_operator_id=caller.operator_id,
            author_device_id=caller.device_id,
            server_version=1,
            entity=mutation.entity,
            record_id=current.id,
            field=name,
            kept_value=kept,
            other_value=other,
            other_operator_id=caller.operator_id,
            other_device_id=caller.device_id,
            team_id=current.team_id,
        )
        version = self.placeholder(conflict.id, planned)
        self.states[conflict.id] = RowState(
            id=conflict.id,
            entity="conflict",
            organisation_id=current.organisation_id,
            team_id=current.team_id,
            contact_id=current.contact_id,
            body=conflict.model_dump(mode="json"),
            field_versions={},  # as for any new record: see plan_create
            created_version=version,
            version=version,
            deleted=False,
            touched=True,
        )
        planned.audit.append(
            ("conflict.create", f"{mutation.entity}:{current.id}", {"field": name, "conflict": str(conflict.id)})
        )
        return conflict.id

    # phase 2 ---------------------------------------------------------------------------------

    def commit_plan(self) -> list[MutationResult]:
        sql = self.sql
        assert sql is not None  # prefetch opened it: phase 2 follows phase 1
        chain = audit.Chain(self.session)
        for planned in self.plans:
            for action, subject, details in planned.audit:
                chain.add(action, subject, actor=self.caller.operator_id, device=self.caller.device_id, details=details)
        # The writers' lock (change_seq's row, held until commit) and the audit chain's,
        # with the whole block of numbers of each: the counts are known by now.
        first, first_entry, tip = sql.take_numbers(len(self.placeholder_owner), len(chain.pending))
        real = {placeholder: first + n for n, placeholder in enumerate(sorted(self.placeholder_owner))}

        def resolve(value: int) -> int:
            return real.get(value, value)

        created: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for state in self.states.values():
            if state is None or not state.touched:
                continue
            version = resolve(state.version)
            body = {**state.body, "server_version": version}
            row = {
                "id": state.id,
                "entity": state.entity,
                "organisation_id": state.organisation_id,
                "team_id": state.team_id,
                "contact_id": state.contact_id,
                "version": version,
                "deleted": state.deleted,
                "erased": False,
                "body": json_bytes(body).decode(),
                "field_versions": {k: [real.get(v[0], v[0]), *v[1:]] for k, v in state.field_versions.items()},
                "created_version": resolve(state.created_version),
            }
            (changed if state.stored else created).append(row)
        results = []
        applied_rows: list[dict[str, Any]] = []
        now = utc_now()
        for planned in self.plans:
            mutation = planned.mutation
            if planned.result is None:
                own = [placeholder for placeholder, rid in planned.writes if rid == mutation.record_id]
                state = self.states.get(mutation.record_id)
                server_version = real[own[-1]] if own else (resolve(state.version) if state else None)
                planned.result = MutationResult(
                    device_seq=mutation.device_seq,
                    mutation_id=mutation.mutation_id,
                    status="applied",
                    server_version=server_version,
                    conflicts=planned.conflicts,
                )
            if planned.store_result:
                applied_rows.append(
                    {
                        "device_id": self.caller.device_id,
                        "device_seq": mutation.device_seq,
                        "mutation_id": mutation.mutation_id,
                        # Never the record: this table must not become a copy of people's data.
                        "result": planned.result.model_dump(mode="json", exclude={"record"}),
                        "created_at": now,
                    }
                )
            results.append(planned.result)
        entries = chain.entries(first_entry, tip)
        # One statement on PostgreSQL (SyncSQL.write_batch). A new record is a plain INSERT: an id
        # another batch created meanwhile fails the request (the device retries and gets
        # duplicate_id), it never overwrites.
        sql.write_batch(
            [
                Write(RECORD, RECORD_INSERT, created),
                Write(RECORD, (*RECORD_REWRITE, "id"), changed, rewrite=True),
                Write(AUDIT, audit.COLUMNS, entries),
                Write(APPLIED, APPLIED_INSERT, applied_rows),
            ]
        )
        tally = TALLY.get()
        if tally is not None:
            tally.add(self.plans)
        return results


APPLIED_INSERT = ("device_id", "device_seq", "mutation_id", "result", "created_at")
_WIRE_TIME = TypeAdapter(dt.datetime)  # times in stored bodies, exactly as the schemas write them


def _state_of(row: list[Any]) -> RowState:
    """A record read in sync_sql.RECORD_READ order."""
    (
        record_id,
        entity,
        organisation_id,
        team_id,
        contact_id,
        body,
        field_versions,
        created_version,
        version,
        deleted,
        erased,
    ) = row
    return RowState(
        id=record_id,
        entity=entity,
        organisation_id=organisation_id,
        team_id=team_id,
        contact_id=contact_id,
        body=json.loads(body),
        field_versions=dict(field_versions),
        created_version=created_version,
        version=version,
        deleted=bool(deleted),
        erased=bool(erased),
        stored=True,
    )


def _references(mutation: Mutation, kind: str) -> set[uuid.UUID]:
    """Ids a mutation's changed fields point at (protocol/relations.py), to fetch them with the
    batch instead of one by one: stored `records`, or `operators` of the organisation."""
    refs = set()
    for ref in references_of(mutation.entity):
        if ref.target == "team" or (ref.target == "operator") != (kind == "operators"):
            continue
        value = mutation.changed.get(ref.field)
        if value is None:
            continue  # most references are absent: no exception raised for each
        for text in reference_ids(ref, value):
            try:
                refs.add(uuid.UUID(text))
            except ValueError:
                continue  # validation names the field later
    return refs


def _result(mutation: Mutation, status: str, reason: RejectReason, message: str) -> MutationResult:
    return MutationResult(
        device_seq=mutation.device_seq, mutation_id=mutation.mutation_id, status=status, reason=reason, message=message
    )


def _validate(model: type[Record], data: dict[str, Any]) -> Record:
    try:
        return model.model_validate_json(json_bytes(data))
    except ValidationError as exc:
        raise Rejected("invalid", "; ".join(describe_validation_error(exc))) from None


_FIELD_ADAPTERS: dict[tuple[str, str], TypeAdapter[Any]] = {}


def _validate_field(entity: str, name: str, value: Any) -> None:
    """Check one value against its field's type and bounds alone (a losing value of a race)."""
    key = (entity, name)
    if key not in _FIELD_ADAPTERS:
        info = MODELS[entity].model_fields[name]
        annotation = info.annotation
        assert annotation is not None  # every field of the protocol's models is declared with a type
        # The field's constraints (lengths, bounds) travel as metadata beside its type. The form
        # is built at run time from that metadata: there is no static type for mypy to check.
        form: Any = Annotated[(annotation, *info.metadata)] if info.metadata else annotation
        _FIELD_ADAPTERS[key] = TypeAdapter(form)
    try:
        _FIELD_ADAPTERS[key].validate_python(value)
    except ValidationError as exc:
        raise Rejected("invalid", "; ".join(f"{name}: {line}" for line in describe_validation_error(exc))) from None


def _restored_value(entry: list[Any], since: int | None, value: Any) -> list[Any]:
    """What a field's new [version, device] entry carries third: the value the field had when the
    service was last restored, kept from its first write after the restore (see plan_update)."""
    if since is None:
        return []
    if len(entry) > 2:
        return [entry[2]]
    return [value] if entry[0] <= since else []


def _comparable(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


# --- where a record lives, and who may touch it --------------------------------------------


def _check_scope(caller: Caller, team_id: uuid.UUID | None, organisation_id: uuid.UUID, entity: str) -> None:
    if organisation_id != caller.organisation_id:
        raise Rejected("forbidden_team", "id: this record belongs to another organisation")
    if team_id is None:
        if entity in DIRECTORY_ENTITIES and caller.role not in DIRECTORY_WRITERS:
            raise Rejected("forbidden_role", "resource: only team leads and administrators edit the directory")
        return
    if team_id not in caller.team_ids:
        raise Rejected("forbidden_team", "team_id: the record belongs to a team you are not in")


def _check_shift_member(caller: Caller, current: RowState) -> None:
    """A shift is edited after the fact by its members only (issue 18): the members as the
    service holds them, so a device cannot add itself by the same edit it makes."""
    shift = Shift.model_validate_json(json_bytes(current.body))
    if caller.operator_id not in shift.member_ids:
        raise Rejected("forbidden_role", "member_ids: only the shift's members may change it")


def _may_see(caller: Caller, state: RowState) -> bool:
    if state.organisation_id != caller.organisation_id:
        return False
    return state.team_id is None or state.team_id in caller.team_ids


def _check_device_writable(mutation: Mutation, writable: frozenset[str]) -> None:
    """Records the service authors (help-desk requests, conflicts): a device only updates
    the fields protocol/relations.py DEVICE_WRITABLE lists; the rest is the public's words
    or the service's decision."""
    if mutation.op != "update":
        raise Rejected("forbidden_role", f"{mutation.entity}: made by the service; devices may only update it")
    refused = sorted(set(mutation.changed) - writable)
    if refused:
        raise Rejected(
            "forbidden_role",
            f"{refused[0]}: set by the service; on a {mutation.entity} a device "
            f"may change only {', '.join(sorted(writable))}",
        )


def _visible_contact(batch: Batch, caller: Caller, contact_id: Any, field_name: str) -> RowState:
    row = batch.record(uuid.UUID(str(contact_id)))
    if row is None or row.entity != "contact" or row.deleted:
        raise Rejected("missing_reference", f"{field_name}: no contact with this id")
    if row.organisation_id != caller.organisation_id:
        raise Rejected("missing_reference", f"{field_name}: no contact with this id")
    if row.team_id not in caller.team_ids:
        raise Rejected("forbidden_team", f"{field_name}: the contact belongs to a team you are not in")
    return row


def _placement(
    batch: Batch, caller: Caller, mutation: Mutation, record: Record, current: RowState | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(team_id, contact_id) of a record, after checking the references it makes.

    Everything comes from protocol/relations.py: the parent reference places the record
    (checked on every write: it decides the team), and every other reference is checked
    when the mutation sets it (a create sets all): a contact must be a live contact of the
    record's own team, a same-contact link must hang from the record's contact, a directory
    entry must be the caller's organisation's, an operator must be of the caller's
    organisation. What a device may not set (DEVICE_WRITABLE) was refused before this.
    """
    entity = mutation.entity
    if entity in DIRECTORY_ENTITIES:
        _check_scope(caller, None, caller.organisation_id, entity)
        return None, None
    if entity == "contact":
        assert isinstance(record, Contact)  # MODELS["contact"] validated it
        team_id = record.team_id
        if team_id not in caller.team_ids:
            raise Rejected("forbidden_team", "team_id: you are not in this team")
        return team_id, record.id
    if entity in TEAM_PLACED:
        team_field = next(ref.field for ref in references_of(entity) if ref.target == "team")
        team_id = getattr(record, team_field)
        if current is not None and team_id != current.team_id:
            raise Rejected("forbidden_team", f"team_id: a {entity} cannot move to another team")
        if team_id not in caller.team_ids:
            raise Rejected("forbidden_team", "team_id: you are not in this team")
        # What it names (an encounter's shift, a movement's item, a shift's members) is checked
        # like any record's: visible, of the organisation, and of the same team.
        for ref in references_of(entity):
            if current is None or ref.field in mutation.changed:
                _check_reference(batch, caller, ref, getattr(record, ref.field), team_id, None)
        if isinstance(record, Encounter) and (current is None or "given" in mutation.changed):
            _check_given(batch, caller, record)
        return team_id, None
    parent = parent_reference(entity)
    assert parent is not None  # relations.py: only contacts and the directory hang from nothing
    if current is not None and entity in DEVICE_WRITABLE:
        # Placed by the service when it made the record; a device only links it to a contact.
        team_id = current.team_id
        contact_id = _single(record, parent) if parent.target == "contact" else current.contact_id
    else:
        first = _visible_contact(batch, caller, reference_ids(parent, getattr(record, parent.field))[0], parent.field)
        team_id, contact_id = first.team_id, first.id
    for ref in references_of(entity):
        if ref is parent and team_id is not None and entity not in DEVICE_WRITABLE and not ref.many:
            continue  # the contact just read placed the record
        if current is None or ref.field in mutation.changed:
            _check_reference(batch, caller, ref, getattr(record, ref.field), team_id, contact_id)
    return team_id, contact_id


def _check_given(batch: Batch, caller: Caller, encounter: Encounter) -> None:
    """The items an encounter gave out are supply items of the organisation. (They sit in a
    nested list that protocol.relations does not describe; an item since removed from the
    catalogue still counts, as it does in the stock.)"""
    for line in encounter.given:
        target = batch.record(line.item_id)
        if (
            target is None
            or target.entity != "supply_item"
            or target.erased
            or target.organisation_id != caller.organisation_id
        ):
            raise Rejected("missing_reference", "given: no supply item of your organisation with this id")


def _single(record: Record, ref: Reference) -> uuid.UUID | None:
    ids = reference_ids(ref, getattr(record, ref.field))
    return uuid.UUID(ids[0]) if ids else None


def _check_reference(
    batch: Batch, caller: Caller, ref: Reference, value: Any, team_id: uuid.UUID | None, contact_id: uuid.UUID | None
) -> None:
    """One reference of a record placed in `team_id`, hung from `contact_id`."""
    if ref.target in ("team", "record"):
        return  # the service's own (contact.team_id is checked above; the rest a device cannot set)
    for text in reference_ids(ref, value):
        target_id = uuid.UUID(text)
        if ref.target == "operator":
            if target_id != caller.operator_id and target_id not in batch.operators:
                raise Rejected("missing_reference", f"{ref.field}: no operator of your organisation with this id")
            continue
        if ref.target == "contact":
            contact = _visible_contact(batch, caller, target_id, ref.field)
            if contact.team_id != team_id:
                raise Rejected(
                    "invalid",
                    f"{ref.field}: this contact is in another team; a record and every "
                    "contact it names belong to one team",
                )
            continue
        target = batch.record(target_id)
        if (
            target is None
            or target.entity != ref.target
            or target.erased
            or target.organisation_id != caller.organisation_id
        ):
            raise Rejected("missing_reference", f"{ref.field}: no {ref.target} with this id")
        if ref.same_contact and target.contact_id != contact_id:
            raise Rejected("missing_reference", f"{ref.field}: no {ref.target} of this contact with this id")
        if not ref.same_contact and (target.deleted or not _may_see(caller, target)):
            raise Rejected("missing_reference", f"{ref.field}: no {ref.target} with this id")
        if target.team_id is not None and team_id is not None and target.team_id != team_id:
            # An encounter of team A on team B's shift would count for neither correctly.
            raise Rejected("invalid", f"{ref.field}: this {ref.target} belongs to another team")


# --- pulling ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    directory: int
    teams: dict[uuid.UUID, int]

    def encode(self) -> str:
        raw = json.dumps(
            {"d": self.directory, "t": {str(k): v for k, v in sorted(self.teams.items())}}, separators=(",", ":")
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @staticmethod
    def _position(value: Any) -> int:
        """A change sequence number as a cursor holds it: an int within the database's BIGINT."""
        if type(value) is not int or not 0 <= value <= MAX_INT64:
            raise ValueError("cursor: a position out of range")
        return value

    @classmethod
    def decode(cls, text: str | None) -> "Cursor":
        if not text:
            return cls(0, {})
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            position = cls._position
            return cls(position(data["d"]), {uuid.UUID(k): position(v) for k, v in data["t"].items()})
        except (ValueError, KeyError, TypeError, binascii.Error, AttributeError, RecursionError):
            raise InvalidCursor("cursor: not a cursor this service issued") from None


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Pulled:
    # (version, the Change as UTF-8 JSON): the database writes each change's text around the
    # stored record JSON (sync_sql.SyncSQL.page), and the bytes are spliced into the answer as
    # they are, so a page of 2,000 records is never decoded, parsed, re-serialised or encoded here.
    rows: list[tuple[int, bytes]]
    purge_teams: list[uuid.UUID]
    cursor: str
    more: bool

    def answer_json(self, head: str, marker: bytes = b'"changes":[]') -> bytes:
        """`head` (the answer's JSON with an empty `changes`) with the changes spliced in, as
        UTF-8, in one copy of the page."""
        before, found, after = head.encode().partition(marker)
        if not found:
            raise ValueError("the answer's head has no empty changes list")
        return b"".join((before, b'"changes":[', b",".join(change for _, change in self.rows), b"]", after))


def pull(session: Bind, caller: Caller, cursor_text: str | None, page_size: int, *, durable: bool = False) -> Pulled:
    """Changes visible to the caller since the cursor, oldest first, `page_size` at most.

    A team the operator has just joined starts from 0 (its whole caseload arrives);
    a team they left is listed in `purge_teams` and dropped from the cursor.
    `durable`: the read also makes every commit before it durable (SyncSQL.page), as
    `SyncSQL.durable_barrier` would after it; only with no transaction open.
    """
    cursor = Cursor.decode(cursor_text)
    positions = {team: cursor.teams.get(team, 0) for team in caller.team_ids}
    purge = sorted(set(cursor.teams) - caller.team_ids)
    head, rows = SyncSQL.of(session).page(
        sorted(positions.items()), caller.organisation_id, cursor.directory, page_size + 1, durable=durable
    )
    more = len(rows) > page_size
    rows = rows[:page_size]
    reached = rows[-1][0] if more else head
    new_cursor = Cursor(
        directory=max(cursor.directory, reached),
        teams={team: max(pos, reached) for team, pos in positions.items()},
    )
    return Pulled(rows=rows, purge_teams=purge, cursor=new_cursor.encode(), more=more)
