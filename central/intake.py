"""The public help desk's door: first-contact and booking requests, no login.

Owns: turning an `IntakeSubmission` into an IntakeRequest record in the chosen
team's queue (devices receive it by sync), the per-address rate limit, and the
short reference the person can quote. Stores the minimum: what the person typed
and when; the client address only as an HMAC (under the service's key file, never
the database) inside the rate table, whose rows count fixed clock-aligned windows
and are purged once their window is over.
Must never tell a caller anything about the team or other requests, and never
store the client address in clear or under a key the database holds.
"""

import datetime as dt
import secrets
import uuid

from sqlalchemy import delete
from sqlalchemy.orm import Session

from central import audit, security
from central.db import next_sequence
from central.models import IntakeRate, Organisation, StoredRecord, Team
from central.throttle import PURGE_GRACE, locked_row
from protocol import IntakeRequest, new_id
from protocol.clock import utc_now
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


def window_of(now: dt.datetime) -> dt.datetime:
    """The start of the fixed window `now` falls in, aligned to the clock (e.g. 09:00-10:00)."""
    seconds = RATE_WINDOW.total_seconds()
    return dt.datetime.fromtimestamp(now.timestamp() // seconds * seconds, dt.UTC)


def check_rate(session: Session, address: str, key: bytes, now: dt.datetime) -> None:
    window = window_of(now)
    # Rows go once their window is over (and the grace for other processes' clocks): an indexed
    # range delete, usually of nothing.
    session.execute(
        delete(IntakeRate).where(IntakeRate.window_start < now - RATE_WINDOW - PURGE_GRACE),
        execution_options={"synchronize_session": False},
    )
    row = locked_row(
        session, IntakeRate, security.keyed_hash(key, "intake-address", address), window_start=window, count=0
    )
    if row.window_start != window:  # last window's row, not purged yet
        row.window_start, row.count = window, 0
    if row.count >= RATE_LIMIT:
        raise RateLimited(window + RATE_WINDOW - now)
    row.count += 1


def receive(
    session: Session, submission: IntakeSubmission, address: str, key: bytes, now: dt.datetime | None = None
) -> IntakeReceipt:
    check_rate(session, address, key, now or utc_now())
    request = store_request(session, submission, new_reference())
    return IntakeReceipt(reference=request.reference or "")


def new_reference() -> str:
    return secrets.token_hex(3).upper()


def store_request(
    session: Session, submission: IntakeSubmission, reference: str, slot_id: uuid.UUID | None = None
) -> IntakeRequest:
    """The request put in the chosen team's queue (devices receive it by sync), with its
    reference and, for a booking, the slot it holds (central.help_desk took the hold)."""
    team = session.get(Team, submission.team_id)
    if team is None or session.get(Organisation, team.organisation_id) is None:
        raise UnknownTeam()
    now = utc_now()
    version = next_sequence(session, "change_seq")
    request = IntakeRequest(
        id=new_id(),
        created_at=now,
        updated_at=now,
        author_device_id=SERVICE_DEVICE,
        server_version=version,
        received_at=now,
        status="new",
        reference=reference,
        slot_id=slot_id,
        **submission.model_dump(),
    )
    session.add(
        StoredRecord(
            id=request.id,
            entity="intake_request",
            organisation_id=team.organisation_id,
            team_id=team.id,
            contact_id=None,
            version=version,
            deleted=False,
            body=request.model_dump_json(),
            field_versions={f: [version, None] for f in IntakeRequest.content_fields()},
            created_version=version,
        )
    )
    audit.append(session, "intake.receive", f"intake_request:{request.id}", details={"team": str(team.id)})
    return request
