"""Operator login, device enrolment, and recognising a device by its token.

Owns: `enrol()` (username + password -> a new device and its token),
`authenticate()` (token -> Caller, or an explicit wipe for a revoked device or a
disabled operator), token rotation, and revocation. Throttling failed logins is
central.throttle's, checked before `enrol` is ever called.
Must never store a token or password in clear, never say whether a username
exists (an unknown user costs the same Argon2 check), and never let a revoked
device or a disabled operator read or write.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central import audit, restore_state, security
from central.models import Device, Membership, Operator, Team
from central.sync_service import Caller
from central.sync_sql import Bind, SyncSQL
from protocol import PROTOCOL_VERSION
from protocol.clock import utc_now
from protocol.messages import EnrolRequest, EnrolResponse, RestoreInfo, TeamInfo

LAST_SEEN_PRECISION = dt.timedelta(minutes=1)


class LoginRefused(Exception):
    """Wrong username or password (never says which)."""


class UnknownToken(Exception):
    """No device has this token (401)."""


@dataclass
class WipeRequired(Exception):
    reason: str  # "device_revoked" | "operator_disabled"


def teams_of(session: Session, operator_id: uuid.UUID) -> list[Team]:
    return list(
        session.execute(
            select(Team)
            .join(Membership, Membership.team_id == Team.id)
            .where(Membership.operator_id == operator_id)
            .order_by(Team.name)
        ).scalars()
    )


def enrol(session: Session, request: EnrolRequest) -> EnrolResponse:
    operator = session.execute(
        select(Operator).where(Operator.username == request.username).with_for_update()
    ).scalar_one_or_none()
    now = utc_now()
    password_ok = security.verify_password(operator.password_hash if operator else None, request.password)
    if operator is None or not password_ok or operator.disabled:
        raise LoginRefused()  # the caller audits the failure in its own transaction
    token = security.new_token()
    device = Device(
        id=uuid.uuid4(),
        operator_id=operator.id,
        name=request.device_name,
        token_hash=security.token_hash(token),
        token_issued_at=now,
    )
    session.add(device)
    session.flush()
    audit.append(session, "login", f"operator:{operator.id}", actor=operator.id, device=device.id)
    audit.append(
        session,
        "device.enrol",
        f"device:{device.id}",
        actor=operator.id,
        device=device.id,
        details={"name": request.device_name},
    )
    return EnrolResponse(
        device_id=device.id,
        device_token=token,
        operator_id=operator.id,
        organisation_id=operator.organisation_id,
        role=operator.role,
        teams=[TeamInfo(id=t.id, name=t.name) for t in teams_of(session, operator.id)],
        protocol_version=PROTOCOL_VERSION,
    )


def record_failed_login(session: Session, username: str) -> None:
    """Audit a failed login of an existing operator (committed though the login was refused).

    The throttle already counted it, the same for unknown names; an unknown name leaves no trace.
    """
    operator = session.execute(select(Operator).where(Operator.username == username)).scalar_one_or_none()
    if operator is None:
        return
    audit.append(
        session, "login.failed", f"operator:{operator.id}", actor=operator.id, details={"disabled": operator.disabled}
    )


def bearer_token(authorization: str | None) -> str | None:
    """The device token of an `Authorization: Bearer ...` header (None: no such header, or empty)."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    return None


class Authenticated(NamedTuple):
    caller: Caller
    new_token: str | None  # a rotated token, when one is due
    restore: RestoreInfo | None  # restore_state.current(), read in the same statement


def authenticate(session: Bind, token: str, *, rotate: bool = True) -> Authenticated:
    """The caller behind a token, a rotated token when one is due, and the database's restore
    state (what restore_state.current answers: the sync route needs both, and one statement
    reading them saves a round trip per sync; never cached, see the route).

    Using the next token promotes it and retires the old one. A rotation is
    offered once the current token is older than `security.TOKEN_ROTATE_AFTER`;
    the caller then owes `record_rotation` before committing. `rotate=False`: never
    offered (a call whose answer cannot carry the new token, such as the review queue's:
    an offer not taken up would leave a next token the device never learns, and the
    sync would offer no other).

    Takes no counter lock: a sync applies its batch (the `change_seq` lock, then
    `audit_seq`) after this, and taking `audit_seq` first here would let two syncs
    wait on each other's lock (a deadlock PostgreSQL breaks by failing one of them).
    """
    digest = security.token_hash(token)
    rows = SyncSQL.of(session).caller_rows(digest, restore_state.SETTING)
    if not rows:
        raise UnknownToken()
    (
        device_id,
        _,
        next_token_hash,
        token_issued_at,
        last_seen_at,
        revoked_at,
        operator_id,
        organisation_id,
        role,
        disabled,
        _,
        restore_setting,
    ) = rows[0]
    # One row per team; the same digest cannot be two devices' tokens, but say so anyway.
    team_ids = frozenset(row[-2] for row in rows if row[0] == device_id and row[-2] is not None)
    if revoked_at is not None:
        raise WipeRequired("device_revoked")
    if disabled:
        raise WipeRequired("operator_disabled")
    now = utc_now()
    new_token = None
    changes: dict[str, object] = {}
    if next_token_hash is not None and security.same_hash(next_token_hash, digest):
        changes.update(token_hash=digest, next_token_hash=None, token_issued_at=now)
    elif rotate and next_token_hash is None and now - token_issued_at > security.TOKEN_ROTATE_AFTER:
        new_token = security.new_token()
        changes["next_token_hash"] = security.token_hash(new_token)
        # Not audited here: see record_rotation.
    # Written at most once a minute: a row update on every sync would cost more than it tells.
    if last_seen_at is None or now - last_seen_at > LAST_SEEN_PRECISION:
        changes["last_seen_at"] = now
    if changes:
        session.execute(update(Device).where(Device.id == device_id).values(**changes))
    caller = Caller(
        operator_id=operator_id, organisation_id=organisation_id, role=role, device_id=device_id, team_ids=team_ids
    )
    return Authenticated(caller, new_token, restore_state.parse(restore_setting))


def record_rotation(session: Bind, caller: Caller) -> None:
    """Audit the new token `authenticate` offered; call it after the batch's own writes."""
    audit.append(
        session, "device.token_rotate", f"device:{caller.device_id}", actor=caller.operator_id, device=caller.device_id
    )


def revoke_device(session: Session, device_id: uuid.UUID, by: uuid.UUID | None = None) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise LookupError(f"no device with id {device_id}")
    if device.revoked_at is None:
        device.revoked_at = utc_now()
        audit.append(session, "device.revoke", f"device:{device.id}", actor=by, device=device.id)
    return device


def disable_operator(session: Session, username: str) -> Operator:
    operator = session.execute(select(Operator).where(Operator.username == username)).scalar_one_or_none()
    if operator is None:
        raise LookupError(f"no operator called {username}")
    if not operator.disabled:
        operator.disabled = True
        audit.append(session, "operator.disable", f"operator:{operator.id}", actor=None)
    return operator
