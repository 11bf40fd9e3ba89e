"""The public help desk's door: first-contact and booking requests, no login.

Owns: turning an `IntakeSubmission` into an IntakeRequest record in the chosen
team's queue (devices receive it by sync), the per-address rate limit, and the
short reference the person can quote. Stores the minimum: what the person typed
and when; the client address only as a salted hash inside the rate table.
Must never tell a caller anything about the team or other requests, and never
store the client address in clear.
"""

import datetime as dt
import hashlib
import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit
from central.db import next_sequence
from central.models import IntakeRate, Organisation, StoredRecord, Team, utc_now
from protocol import IntakeRequest, new_id
from protocol.messages import IntakeReceipt, IntakeSubmission

RATE_WINDOW = dt.timedelta(hours=1)
RATE_LIMIT = 5  # submissions per address per window
SERVICE_DEVICE = uuid.UUID("00000000-0000-4000-8000-000000000001")  # author of help-desk records


class RateLimited(Exception):
    def __init__(self, retry_after: dt.timedelta) -> None:
        super().__init__("too many requests from this address")
        self.retry_after = retry_after


class UnknownTeam(Exception):
    pass


def _address_hash(address: str, salt: bytes) -> str:
    return hashlib.sha256(salt + address.encode()).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def check_rate(session: Session, address: str, salt: bytes) -> None:
    now = utc_now()
    key = _address_hash(address, salt)
    row = session.get(IntakeRate, key, with_for_update=True)
    if row is None:
        session.add(IntakeRate(address_hash=key, window_start=now, count=1))
        return
    if now - _aware(row.window_start) >= RATE_WINDOW:
        row.window_start, row.count = now, 1
        return
    if row.count >= RATE_LIMIT:
        raise RateLimited(_aware(row.window_start) + RATE_WINDOW - now)
    row.count += 1


def receive(session: Session, submission: IntakeSubmission, address: str, salt: bytes) -> IntakeReceipt:
    check_rate(session, address, salt)
    team = session.get(Team, submission.team_id)
    if team is None or session.get(Organisation, team.organisation_id) is None:
        raise UnknownTeam()
    now = utc_now()
    version = next_sequence(session, "change_seq")
    reference = secrets.token_hex(3).upper()
    request = IntakeRequest(
        id=new_id(), created_at=now, updated_at=now, author_device_id=SERVICE_DEVICE, server_version=version,
        received_at=now, status="new", reference=reference, **submission.model_dump(),
    )
    session.add(StoredRecord(
        id=request.id, entity="intake_request", organisation_id=team.organisation_id, team_id=team.id,
        contact_id=None, version=version, deleted=False, body=request.model_dump_json(),
        field_versions={f: [version, None] for f in IntakeRequest.content_fields()}, created_version=version,
    ))
    audit.append(session, "intake.receive", f"intake_request:{request.id}", details={"team": str(team.id)})
    return IntakeReceipt(reference=reference)


def known_team(session: Session, team_id: uuid.UUID) -> bool:
    return session.execute(select(Team.id).where(Team.id == team_id)).first() is not None
