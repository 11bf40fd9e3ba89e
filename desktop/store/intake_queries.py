"""Reads and writes behind the Intake screen: requests from the public help desk.

Owns: the intake queue (newest first, optionally one status), its counts per
status, accepting a request (a new or matched contact, optionally a proposed
appointment, the request marked converted: one transaction) and declining one
with a reason.

Must never import Qt, and never leave a request half accepted (a contact made
but the request still new, or the other way round).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from desktop.store.directory_queries import in_one_transaction
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from protocol import IntakeRequest

OPEN_STATUSES = ("new", "accepted")  # still waiting for a worker to act on them
DEFAULT_LIMIT = 500


def intake_queue(
    session: StoreSession, status: str | None = "new", *, limit: int = DEFAULT_LIMIT
) -> list[IntakeRequest]:
    """Live requests, newest first; only those with `status` unless it is None."""
    params: tuple[str, ...]
    if status is None:
        sql, params = "SELECT body FROM intake_request WHERE deleted = 0", ()
    else:
        sql, params = "SELECT body FROM intake_request WHERE deleted = 0 AND status = ?", (status,)
    rows = session.conn.execute(f"{sql} ORDER BY received_at DESC, id DESC LIMIT ?", (*params, limit)).fetchall()
    return [IntakeRequest.model_validate_json(row[0]) for row in rows]


def intake_counts(session: StoreSession) -> dict[str, int]:
    """{status: number of live requests}; statuses with none are absent."""
    rows = session.conn.execute(
        "SELECT status, count(*) FROM intake_request WHERE deleted = 0 GROUP BY status"
    ).fetchall()
    return {status: count for status, count in rows}


@dataclass(frozen=True)
class Accepted:
    request_id: uuid.UUID
    contact_id: uuid.UUID
    contact_created: bool
    appointment_id: uuid.UUID | None


def accept_intake(
    session: StoreSession,
    request_id: uuid.UUID,
    *,
    new_contact: dict[str, Any] | None = None,
    existing_contact_id: uuid.UUID | None = None,
    appointment: dict[str, Any] | None = None,
) -> Accepted:
    """Turn a request into a contact (new, or one already known), optionally with a
    proposed appointment, and mark it converted; all of it or nothing.

    `appointment` holds the appointment's fields but its contacts and status: it is
    booked with the contact, as "requested" (the person has not confirmed yet).
    """
    if (new_contact is None) == (existing_contact_id is None):
        raise RuleViolation("contact_id: either create a new contact or choose an existing one")
    with in_one_transaction(session) as writes:
        request = writes.intake_requests.get(request_id)
        if request.status not in OPEN_STATUSES:
            raise RuleViolation("status: this request has already been handled")
        if new_contact is not None:
            contact = writes.contacts.create(**new_contact)
        else:
            contact = writes.contacts.get(existing_contact_id)  # type: ignore[arg-type]
        booked = None
        if appointment is not None:
            booked = writes.appointments.create(**appointment, contact_ids=[contact.id], status="requested")
        writes.intake_requests.update(request_id, status="converted", contact_id=contact.id)
    return Accepted(request.id, contact.id, new_contact is not None, booked.id if booked else None)


def decline_intake(session: StoreSession, request_id: uuid.UUID, reason: str) -> IntakeRequest:
    """Mark a request declined, with the reason (required: the next person to look asks why)."""
    if not reason or not reason.strip():
        raise RuleViolation("decline_reason: say why the request is declined")
    request = session.intake_requests.get(request_id)
    if request.status not in OPEN_STATUSES:
        raise RuleViolation("status: this request has already been handled")
    return session.intake_requests.update(request_id, status="declined", decline_reason=reason)
