"""Messages on the wire between a device, the central service and the public help desk.

Owns: the request and response bodies of `POST /v1/enrol`, `POST /v1/sync`,
`POST /v1/intake` and the review queue's `POST /v1/review/...`, the roles that may
write the organisation's directory (`DIRECTORY_WRITERS`), the machine-readable
rejection reasons, and the Conflict record. docs/PROTOCOL.md describes them for people; this module is the truth.
Must never import anything but pydantic, the standard library and `protocol`.
"""

import uuid
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from protocol.client_codes import CodeError, recipe_from_json
from protocol.entities import IntakeFields, Record

PROTOCOL_HEADER = "X-Prossimo-Protocol"
# The restore epoch a device last saw (or "none"): a header, not a body field, so that a device and
# a service of different releases ignore what they do not know (both sides' bodies forbid unknown
# fields). The service answers `SyncResponse.restore` only to a request that carries it.
RESTORE_EPOCH_HEADER = "X-Prossimo-Restore-Epoch"
NO_RESTORE_EPOCH = "none"
# Sent (value CLIENT_CODES_WANTED) by a device that has no organisation code key yet, on enrolment
# and on sync: the service then answers `client_codes`, and only then, for the same reason as the
# restore epoch (docs/PROTOCOL.md, "The organisation's code key").
CLIENT_CODES_HEADER = "X-Prossimo-Client-Codes"
CLIENT_CODES_WANTED = "wanted"
# Deepest nesting of objects and arrays a body may have (the service answers 422 past it).
# The deepest message here is about 6 levels; conflict values and `changed` may nest a little more.
MAX_JSON_DEPTH = 32
# The integers the service stores are 64-bit (PostgreSQL BIGINT, SQLite INTEGER).
MAX_INT64 = 2**63 - 1
MAX_BATCH = 5_000  # mutations in one sync request
# device_seq and versions count from 1. (OpenAPI prints the bound as a float, 9.223372036854776e+18;
# the description says it exactly.)
SeqNumber = Annotated[int, Field(ge=1, le=MAX_INT64, description="1 to 2^63-1 (9223372036854775807)")]

Role = Literal["operator", "team_lead", "admin"]
# The roles that write the organisation's directory (resources, supplies) and decide the partners'
# changes held for review: the service enforces it, a device uses it to offer only what will pass.
DIRECTORY_WRITERS: frozenset[str] = frozenset({"team_lead", "admin"})

EntityName = Literal[
    "contact",
    "relationship",
    "consent",
    "appointment",
    "resource",
    "note",
    "referral",
    "intake_request",
    "bookable_slot",
    "shift",
    "spot",
    "encounter",
    "supply_item",
    "stock_movement",
    "conflict",
]
Operation = Literal["create", "update", "delete"]

# Why a mutation was not applied. Clients switch on these; never rename one.
RejectReason = Literal[
    "forbidden_team",  # the record belongs to a team the operator is not in
    "forbidden_role",  # the operator's role may not write this (e.g. the directory)
    "not_found",  # update/delete of a record the service does not have
    "duplicate_id",  # create with an id that already exists
    "invalid",  # the resulting record breaks a schema rule (message names field and rule)
    "append_only",  # update or delete of a case note
    "missing_reference",  # a referenced contact/resource/consent does not exist or is not visible
    "team_required",  # a contact without team_id from an operator in several teams
    "erased",  # the record was erased (GDPR): nothing may bring it back
]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- enrolment ------------------------------------------------------------------------


class EnrolRequest(_Message):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    device_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class TeamInfo(_Message):
    id: uuid.UUID
    name: str


class ClientCodeKey(_Message):
    """The organisation's code key and recipe (protocol.client_codes): secret, kept only in the
    device's encrypted store. Issued once per organisation and never changed: a new key or recipe
    would give every person a new code."""

    key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]  # 32 random bytes, hex
    recipe: dict[str, Any]  # Recipe.as_json(); checked by protocol.client_codes.recipe_from_json

    @field_validator("recipe")
    @classmethod
    def _recipe_valid(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            recipe_from_json(value)
        except CodeError as exc:
            raise ValueError(str(exc)) from None
        return value


class EnrolResponse(_Message):
    device_id: uuid.UUID
    device_token: str
    operator_id: uuid.UUID
    organisation_id: uuid.UUID
    role: Role
    teams: list[TeamInfo]
    protocol_version: int
    # Only to a request with the client-codes header (an older device's schema forbids the field).
    client_codes: ClientCodeKey | None = None


# --- sync -------------------------------------------------------------------------------


class Mutation(_Message):
    """One local write, as the outbox recorded it."""

    device_seq: SeqNumber
    mutation_id: uuid.UUID
    entity: EntityName
    record_id: uuid.UUID
    op: Operation
    changed: dict[str, Any] = Field(default_factory=dict)  # create: all content; update: changed fields
    base_version: SeqNumber | None = None
    at: AwareDatetime  # device clock when the write was made (reported, never trusted for order)
    # Sent back after a restore of the service: the device's copy of a state the restore lost, not
    # an edit (docs/PROTOCOL.md, "After a restore"). Only devices that saw a restore epoch send it.
    recovery: bool = False


class MutationKey(BaseModel):
    """The part of a mutation the service needs to answer for it: checked with the request.

    A request whose mutations lack a valid key is refused whole (422). Every other rule of
    a `Mutation` is checked one mutation at a time: a mutation breaking one is answered
    `rejected` (reason `invalid`) and the rest of the batch is still applied.
    """

    model_config = ConfigDict(extra="ignore")

    device_seq: SeqNumber
    mutation_id: uuid.UUID


class SyncRequest(_Message):
    cursor: str | None = Field(default=None, max_length=20_000)  # opaque; None for a first sync
    mutations: list[Mutation] = Field(default_factory=list, max_length=MAX_BATCH)
    page_size: int = Field(default=1_000, ge=1, le=5_000)


class SyncEnvelope(SyncRequest):
    """A SyncRequest with only each mutation's key checked (see MutationKey): how the service reads one."""

    # A narrower reading of the same wire field, not a subtype: pydantic parses each class by its own
    # annotations, while mypy holds an override to the base's list[Mutation].
    mutations: list[MutationKey] = Field(default_factory=list, max_length=MAX_BATCH)  # type: ignore[assignment]


class MutationResult(_Message):
    device_seq: int
    mutation_id: uuid.UUID
    status: Literal["applied", "duplicate", "rejected"]
    reason: RejectReason | None = None
    message: str | None = None  # for people: names the field and the rule
    server_version: int | None = None
    conflicts: list[uuid.UUID] = Field(default_factory=list)  # Conflict records this mutation created
    # With a rejected update or delete: the service's current record, when the device may
    # see it, so the device can show the service's copy again (the refused change is kept
    # on the device for the operator). None when the record changed in the same request:
    # the pull that follows carries it.
    record: dict[str, Any] | None = None


class Change(_Message):
    """The current state of one record the device may see. `record` is the protocol JSON.

    `erased`: the record was erased (GDPR right to erasure). `record` then holds only
    its `id`, and the device must delete the record, everything hung from it, the
    conflicts about it and any mutation of it it still holds. An erasure always wins:
    the service refuses every later mutation of that id (reason `erased`).
    """

    entity: EntityName
    version: int
    record: dict[str, Any]
    erased: bool = False


class RestoreInfo(_Message):
    """Which database a device talks to, after `prossimo-central restore` replaced it.

    `epoch` changes with every restore. `lost` lists the change sequence ranges (first, last),
    inclusive, that were handed out but are not in the restored database: a device that holds a
    record at a version in one of them holds a state the service lost, and sends it back
    (docs/PROTOCOL.md, "After a restore").
    """

    epoch: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    lost: list[tuple[SeqNumber, SeqNumber]] = Field(default_factory=list, max_length=10_000)
    # Every change numbered above this one was made after the latest restore.
    since: int = Field(default=0, ge=0, le=MAX_INT64)


class SyncResponse(_Message):
    results: list[MutationResult]
    changes: list[Change]
    purge_teams: list[uuid.UUID] = Field(default_factory=list)  # access lost: delete their records
    cursor: str
    more: bool
    server_time: AwareDatetime
    new_device_token: str | None = None  # rotation: use it from the next call on
    # Only to a request with the restore-epoch header, and only once the database was ever restored.
    restore: RestoreInfo | None = None
    # Only to a request with the client-codes header, from a device that has no key yet.
    client_codes: ClientCodeKey | None = None


class WipeAnswer(_Message):
    """Sent with HTTP 410 to a revoked device or a disabled operator's device."""

    wipe: Literal[True] = True
    reason: Literal["device_revoked", "operator_disabled"]


class FieldProblem(_Message):
    """One rule a request broke: where, and which rule. Never the value sent."""

    field: str  # path in the body, e.g. "mutations.0.device_seq"; "" for the body as a whole
    message: str  # the rule, e.g. "Input should be less than or equal to 9223372036854775807"


class ProblemAnswer(_Message):
    """The body of every error answer, 4xx and 5xx: one shape, documented in docs/PROTOCOL.md.

    `error` is for programs (never renamed), `message` for people: it names the field(s)
    and rule(s), never a value of the request. `fields` is there for validation errors.
    """

    error: str
    message: str
    fields: list[FieldProblem] | None = None


# --- conflicts --------------------------------------------------------------------------


class Conflict(Record):
    """The value that lost a same-field race, kept for a person to decide.

    The stored record keeps the value that reached the service first (other
    devices may already show it); the later one is kept here, never dropped.
    """

    ENTITY: ClassVar[str] = "conflict"

    entity: EntityName
    record_id: uuid.UUID
    field: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    kept_value: Any = None
    other_value: Any = None
    other_operator_id: uuid.UUID | None = None
    other_device_id: uuid.UUID
    team_id: uuid.UUID | None = None
    status: Literal["open", "resolved"] = "open"
    resolution: Literal["kept", "other", "edited"] | None = None


# --- the public help desk --------------------------------------------------------------


class _ToTeam(_Message):
    # A base of its own so that `team_id` stays the first field on the wire, as it always was.
    team_id: uuid.UUID


class IntakeSubmission(IntakeFields, _ToTeam):
    """What the public help desk sends: the minimum to reply, nothing more."""


class IntakeReceipt(_Message):
    received: Literal[True] = True
    reference: str  # short code the person can quote; not the record id


# --- the review queue (issue 22): partners' changes held for a team lead ---------------------


class ReviewField(_Message):
    """One field of a held change: its value in the directory now, and the partner's.
    Values are the protocol's JSON for that field of `Resource` (a list of hours, a phone list...)."""

    field: str
    before: Any = None
    after: Any = None


class ReviewChange(_Message):
    id: uuid.UUID
    service_id: uuid.UUID
    service_name: str
    provider: str  # the partner organisation (the entry's organization_name)
    section: str  # the partner form it came from: hours, place, phones, about...
    submitted_at: AwareDatetime
    submitted_by: str  # the partner account's login (an e-mail address)
    fields: list[ReviewField]


class ReviewQueue(_Message):
    """`POST /v1/review/waiting`: every change of the caller's organisation waiting, oldest first."""

    changes: list[ReviewChange]


class ReviewDecision(_Message):
    """`POST /v1/review/decision`: approve (publish) or reject one waiting change."""

    change_id: uuid.UUID
    approve: bool


class ReviewOutcome(_Message):
    change_id: uuid.UUID
    status: Literal["approved", "rejected"]
