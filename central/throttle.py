"""The login throttle: per client address and per username (known or not), in the database.

Owns: deciding, before any password hashing, whether a login attempt may go ahead
(`admit`); counting the attempt as a failure up front (so the account's cap holds for
parallel attempts too); taking that back when the login succeeds (`succeeded`) or
starting the address's wait when it fails (`failed`); and purging rows once they expire. Also the
row-lock helper the intake rate limit shares (`locked_row`).

The rules (numbers in central.security): an address waits 1 s, 2 s, 4 s ... (at most
15 minutes) after each recent failure; failing addresses together get at most
ACCOUNT_FAILURES_PER_WINDOW wrong guesses per minute at one username; an address with no
recent failure is never refused for an account's sake, so an attacker can slow a real
user's account but never lock them out of it.

Must never hold an address or a username in clear (keys are HMACs under the service's key
file), never behave differently for known and unknown usernames, and never hash a password.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from central import security
from central.models import Base, LoginThrottle

# Rows are purged only this long after they expire: API processes' clocks differ slightly,
# and a row one process still counts must not be deleted under it by another.
PURGE_GRACE = dt.timedelta(minutes=1)

Row = TypeVar("Row", bound=Base)
# Each retry follows a concurrent delete of the same row; more than a few means something is wrong.
LOCKED_ROW_TRIES = 5


@dataclass
class Throttled(Exception):
    retry_after: dt.timedelta


@dataclass(frozen=True)
class Attempt:
    """One login attempt's throttle keys: HMACs of the client address and of the username."""

    address_key: str
    user_key: str

    @classmethod
    def of(cls, key: bytes, address: str, username: str) -> "Attempt":
        return cls(
            security.keyed_hash(key, "login-address", address),
            security.keyed_hash(key, "login-user", security.normalised_username(username)),
        )


def locked_row(session: Session, model: type[Row], key: str, **empty: Any) -> Row:
    """The row of `model` with primary key `key`, created with `empty` values if missing, locked
    for this transaction. INSERT ... ON CONFLICT DO NOTHING first: two first attempts at once
    (PostgreSQL) must not both insert and one fail on the unique key."""
    primary = model.__mapper__.primary_key[0].name
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for _ in range(LOCKED_ROW_TRIES):
        session.execute(
            dialect.insert(model).values({primary: key, **empty}).on_conflict_do_nothing(index_elements=[primary])
        )
        row = session.get(model, key, with_for_update=True, populate_existing=True)
        if row is not None:
            return row
        # The row was there when the INSERT looked, and another transaction deleted it before
        # the lock was granted (a successful login clears its address's row): insert it again.
    raise RuntimeError(f"{model.__tablename__}: the row kept being deleted under this transaction")


def _row(session: Session, key: str, now: dt.datetime) -> LoginThrottle:
    row = locked_row(session, LoginThrottle, key, failures=0, window_start=now, blocked_until=None, expires_at=now)
    if row.expires_at <= now:  # expired (not yet purged): as good as new
        row.failures, row.window_start, row.blocked_until = 0, now, None
    return row


def _wait(address: LoginThrottle | None, account: LoginThrottle | None, now: dt.datetime) -> dt.timedelta | None:
    """How long this attempt must wait, or None. Expired rows count as absent."""
    address = address if address is not None and address.expires_at > now else None
    account = account if account is not None and account.expires_at > now else None
    waits = []
    if address is not None and address.blocked_until is not None and address.blocked_until > now:
        waits.append(address.blocked_until - now)
    if (
        address is not None
        and address.failures > 0
        and account is not None
        and account.failures >= security.ACCOUNT_FAILURES_PER_WINDOW
    ):
        waits.append(account.window_start + security.ACCOUNT_WINDOW - now)
    return max(waits) if waits else None


def admit(session: Session, attempt: Attempt, now: dt.datetime) -> None:
    """Let the attempt go ahead (counted as a failure until `succeeded`) or raise Throttled.

    Refuses while the address's own wait lasts, or while the account has had its share of
    failures this window and this address is one that has failed recently. Known and unknown
    usernames take the same path: nothing here knows whether the name exists.
    """
    # A flood is mostly refused: decide that from a plain read first, taking no row lock and
    # writing nothing, so refused attempts cannot queue on one address's row (and hold pooled
    # connections a sync then waits for).
    rows = {
        row.key: row
        for row in session.execute(
            select(LoginThrottle).where(LoginThrottle.key.in_([attempt.address_key, attempt.user_key]))
        ).scalars()
    }
    wait = _wait(rows.get(attempt.address_key), rows.get(attempt.user_key), now)
    if wait is not None:
        raise Throttled(wait)
    # No session synchronisation: the ORM would compare SQLite's zone-less times in Python.
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.expires_at < now - PURGE_GRACE),
        execution_options={"synchronize_session": False},
    )
    address = _row(session, attempt.address_key, now)  # always address then user: one lock order
    account = _row(session, attempt.user_key, now)
    wait = _wait(address, account, now)  # again under the locks: another attempt may have counted
    if wait is not None:
        raise Throttled(wait)
    # Every attempt that arrives while earlier ones are still hashing would otherwise be let
    # through too: measured with a flood of 80/s from 4 fresh addresses beside 50 syncing
    # devices, ~60 hashes in 20 s, in parallel bursts, and a sync p99 of 6-7 s instead of ~20 ms.
    # - A clean address (no failure yet; a success clears it) may have a few attempts in flight
    #   at once (people behind one office NAT logging in together); its `failures` counts exactly
    #   those, since a failure marks the address and a success deletes its row.
    # - A failing address gets one attempt at a time: its wait starts here, before the hashing,
    #   and `failed` starts it again once the password is refused.
    # An attempt whose process died before `failed` or `succeeded` must not keep counting:
    # a clean address's count is only as good as its last admission (its `window_start`).
    if address.blocked_until is None:
        if now - address.window_start > security.ADDRESS_LOGIN_CHECK_MAX:
            address.failures = 0
        if address.failures >= security.ADDRESS_LOGINS_AT_ONCE:
            raise Throttled(security.ADDRESS_BUSY_WAIT)
        address.window_start = now
    address.failures += 1
    if address.blocked_until is not None:
        address.blocked_until = now + security.address_wait(address.failures)
    address.expires_at = now + security.ADDRESS_MEMORY
    account.failures += 1
    account.expires_at = account.window_start + security.ACCOUNT_WINDOW


def failed(session: Session, attempt: Attempt, now: dt.datetime) -> None:
    """The login was refused: the address waits, from now (not from before the hashing)."""
    address = session.get(LoginThrottle, attempt.address_key, with_for_update=True)
    if address is not None and address.failures > 0:
        address.blocked_until = now + security.address_wait(address.failures)


def succeeded(session: Session, attempt: Attempt, now: dt.datetime) -> None:
    """The login went through: the address is clean again, and the attempt was no failure."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == attempt.address_key))
    account = session.get(LoginThrottle, attempt.user_key, with_for_update=True)
    if account is not None and account.expires_at > now:
        account.failures = max(0, account.failures - 1)
