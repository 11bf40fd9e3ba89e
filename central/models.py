"""SQLAlchemy 2 models of the central service: the system of record.

Owns: every table of the service. Records of all entities share one `record`
table (protocol JSON in `body`, plus the columns the service filters on);
`counter` hands out the global change sequence; `applied_mutation` makes each
(device, device_seq) apply at most once; `audit_entry` is the hash-chained log.
Must never hold a password or token in clear (hashes only) and never be
changed without an Alembic migration (a test compares the two).
"""

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import false
from sqlalchemy.types import TypeDecorator

from protocol.clock import utc_now


class Base(DeclarativeBase):
    # Every model here is a declarative mapping of one Table; SQLAlchemy types __table__ as
    # the wider FromClause (a mapping may be of a join or a select), which has no Table API.
    __table__: ClassVar[Table]


class UtcTimestamp(TypeDecorator[dt.datetime]):
    """An aware UTC instant in and out, on PostgreSQL and SQLite alike.

    SQLite keeps no zone: it stores the text of the instant and hands back a naive
    datetime. Written as UTC and read back as UTC here, once, so no caller patches
    `tzinfo` (there were two `_aware` helpers doing it). The column is the same
    `DateTime(timezone=True)` as before: no migration."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def coerce_compared_value(self, op: Any, value: Any) -> Any:
        # `window_start - interval` binds a timedelta: that is the plain DateTime's business.
        return self if isinstance(value, dt.datetime) else self.impl_instance.coerce_compared_value(op, value)

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime has no place in the service's tables: use protocol.clock.utc_now")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


Timestamp = UtcTimestamp()


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)
    # The anonymous client codes' key (central.client_codes): made the first time a device asks,
    # AES-GCM sealed under the key file (central.security.seal), never in clear; and the recipe
    # (protocol.client_codes JSON; None: the default), fixed once the key is made.
    code_key_sealed: Mapped[str | None] = mapped_column(String(200), nullable=True)
    code_recipe: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Team(Base):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)


class Operator(Base):
    __tablename__ = "operator"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="operator")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)


class Membership(Base):
    __tablename__ = "membership"

    operator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operator.id"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), primary_key=True)


class Device(Base):
    __tablename__ = "device"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    operator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operator.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Rotation: the next token is valid as soon as it is issued; the current one
    # until the device first uses the next (a lost response must not lock it out).
    next_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    token_issued_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(Timestamp, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(Timestamp, nullable=True)


class Counter(Base):
    """Named monotonic counters; `change_seq` orders every change the service accepts."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class StoredRecord(Base):
    __tablename__ = "record"
    __table_args__ = (
        Index("record_by_team_version", "team_id", "version"),
        Index("record_by_directory_version", "organisation_id", "team_id", "version"),
        Index("record_by_contact", "contact_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(30))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    # NULL for the organisation's directory (resources); a team's caseload otherwise.
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), nullable=True)
    # The contact a child record hangs from, so moving a contact moves its records.
    contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    version: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Erased (GDPR): the body is reduced to the id, and nothing may change or recreate it.
    erased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    body: Mapped[str] = mapped_column(Text)
    # field -> [change sequence, device id] of its last accepted write: the basis of
    # field-level merge (a race is a newer write by another device).
    field_versions: Mapped[dict[str, list[Any]]] = mapped_column(JSON, default=dict)
    created_version: Mapped[int] = mapped_column(BigInteger)


class AppliedMutation(Base):
    """The outcome of each (device, device_seq): a retry gets the same answer, nothing re-applied."""

    __tablename__ = "applied_mutation"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)


class AuditEntry(Base):
    """Append-only, hash-chained. Details name fields, never their values."""

    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(Timestamp)
    actor_operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class IntakeRate(Base):
    """Help-desk submissions per client address per fixed window (aligned to the clock, so a
    row's time says only which window). The address is stored as an HMAC under the service's
    key file; rows are purged once their window is over."""

    __tablename__ = "intake_rate"
    __table_args__ = (Index("intake_rate_by_window", "window_start"),)

    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(Timestamp)
    count: Mapped[int] = mapped_column(Integer, default=0)


class LoginThrottle(Base):
    """Failed logins per client address and per (normalised) username, known or not.

    `key` is an HMAC under the service's key file of the kind and the value, so neither an
    address nor a username (which for an unknown name may be a mistyped password) is held in
    clear. Rows are purged once `expires_at` has passed (see central.throttle).
    """

    __tablename__ = "login_throttle"
    __table_args__ = (Index("login_throttle_by_expiry", "expires_at"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[dt.datetime] = mapped_column(Timestamp)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(Timestamp, nullable=True)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class ServiceSetting(Base):
    """Values the service makes once and every API process must share (e.g. `key_check`, which
    tells whether a process holds this deployment's key file; never the key itself)."""

    __tablename__ = "service_setting"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HelpPage(Base):
    """An information page or testimony of the public help desk, in one language, as Markdown
    (central.help.content renders it, sanitised; raw HTML never reaches a page). One per (slug,
    language): the same slug in each language is the same page translated. Written by operators
    through `prossimo-central content`; only published pages are shown."""

    __tablename__ = "help_page"
    __table_args__ = (UniqueConstraint("slug", "language"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))  # info | testimony
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)


class HelpCount(Base):
    """How often something happened at the public help desk on a day, in a language
    (central.help.counts): a number per (day, language, event), never who, from where or when
    in the day, so it cannot tell one visitor from another."""

    __tablename__ = "help_count"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    event: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class SlotHold(Base):
    """Which booking request holds each bookable slot: one row per slot, so two people booking
    the same slot at once cannot both get it (central.help_desk takes the slot record's row lock
    and this row's key). A row whose request was declined or deleted is a free slot, taken over
    by the next booking; the hold's state is that request's status (protocol.entities.slot_taken_by)."""

    __tablename__ = "slot_hold"
    __table_args__ = (Index("slot_hold_by_request", "request_id"),)

    slot_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    request_id: Mapped[uuid.UUID] = mapped_column(Uuid)


class HelpAccess(Base):
    """How a person reads their request's status without an account: the short reference and
    an Argon2 hash of the four check words (central.help_desk). Never synced: devices have the
    request, not the means to read it from the public side. Rows go when the request's status
    retention is over."""

    __tablename__ = "help_access"

    request_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    reference: Mapped[str] = mapped_column(String(6), unique=True)
    check_hash: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2))  # the word list the words came from
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class PartnerAccount(Base):
    """A person of a partner organisation (issue 22): a provider named in the service
    organisation's directory (`hsds_organization_id`, the id its HSDS export gives the provider:
    central.partners.scope), who keeps that provider's services current from /partner/ pages.
    Made when an invitation is accepted. The password is an Argon2id hash (central.security, the
    operators' rules); the TOTP secret is AES-GCM sealed under the service's key file
    (central.partners.accounts), never in clear. Partners are not operators: they have no device,
    no team and no caseload."""

    __tablename__ = "partner_account"
    __table_args__ = (Index("partner_account_by_provider", "organisation_id", "hsds_organization_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    hsds_organization_id: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)  # the login name, normalised
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_sealed: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The 30 s step of the last code accepted: a code is good once (RFC 6238, section 5.2).
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utc_now)


class PartnerInvitation(Base):
    """A one-time link to a partner's account: only the SHA-256 of its token is kept; it works
    once (`used_at`) and until `expires_at` (7 days)."""

    __tablename__ = "partner_invitation"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    hsds_organization_id: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    used_at: Mapped[dt.datetime | None] = mapped_column(Timestamp, nullable=True)


class PartnerSession(Base):
    """A partner's signed-in browser: the SHA-256 of its cookie's token. `second_factor_done` is
    false until the TOTP code is given (or enrolled, where the provider's setting requires one)."""

    __tablename__ = "partner_session"
    __table_args__ = (Index("partner_session_by_expiry", "expires_at"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partner_account.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    second_factor_done: Mapped[bool] = mapped_column(Boolean, default=False)


class PartnerSetting(Base):
    """Per provider: whether its people must use a second factor, and whether their changes are
    published at once or held for review (`PartnerChange`; reviewed with `partner review`)."""

    __tablename__ = "partner_setting"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    hsds_organization_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    totp_required: Mapped[bool] = mapped_column(Boolean, default=False)
    hold_for_review: Mapped[bool] = mapped_column(Boolean, default=False)


class PartnerChange(Base):
    """A partner's edit of one section of a directory entry held for review (its provider's
    `hold_for_review`): the section's fields as the protocol's JSON (`changes`), not applied until
    approved, then through central.directory.change_resource. `status`: pending, approved,
    rejected, or replaced (a newer edit of the same section came in while it waited); when it was
    decided is its audit entry's time."""

    __tablename__ = "partner_change"
    __table_args__ = (Index("partner_change_by_status", "organisation_id", "status"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    resource_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partner_account.id"))
    section: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    status: Mapped[str] = mapped_column(String(10), default="pending")
