"""Reads and writes behind the help desk's bookings on a device: slots, holds, replies.

Owns: offering a slot at the help desk (`offer_slot`), withdrawing or removing one, the slots of
a period with what holds them (`slots_between`), confirming or declining a booking request
(`confirm_booking`, `decline_booking`) and the team's reply to any help-desk request
(`write_reply`). Each is one store write (an outbox mutation) that syncs like any other.

A slot's hold is the booking request's status (protocol.entities.slot_taken_by): confirming
is the request accepted, declining it declined, which gives the slot back at the help desk
with nothing else to write. Must never import Qt, never remove a slot a live request holds,
and never write the reply into `decline_reason` (that one is the team's, the reply the person's).
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.session import StoreSession
from protocol import BookableSlot, IntakeRequest
from protocol.entities import SlotTaken, slot_taken_by

OPEN_STATUSES = ("new", "accepted")


@dataclass(frozen=True)
class SlotView:
    """A slot as the calendar shows it: taken ("held", "booked") by `request`, or free (None)."""

    slot: BookableSlot
    taken: SlotTaken | None
    request: IntakeRequest | None


def offer_slot(
    session: StoreSession,
    *,
    team_id: uuid.UUID,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    time_zone: str,
    mode: str,
    place: str | None = None,
) -> BookableSlot:
    """A new open slot of `team_id` at the help desk (the service checks the operator is in it)."""
    return session.bookable_slots.create(
        team_id=team_id, starts_at=starts_at, ends_at=ends_at, time_zone=time_zone, mode=mode, place=place
    )


def withdraw_slot(session: StoreSession, slot_id: uuid.UUID) -> BookableSlot:
    """No longer offered; kept, because a request may name it (a booking already made stays)."""
    return session.bookable_slots.update(slot_id, state="withdrawn")


def remove_slot(session: StoreSession, slot_id: uuid.UUID) -> BookableSlot:
    """Delete a slot offered by mistake; refused while a request holds it (answer that first)."""
    holder = _holder(session, slot_id)
    if holder is not None:
        raise RuleViolation.of(
            "slot_id", "slot_held", "a help-desk request holds this slot: confirm or decline it first"
        )
    return session.bookable_slots.tombstone(slot_id)


def _requests_naming(session: StoreSession, slot_ids: list[str]) -> list[IntakeRequest]:
    if not slot_ids:
        return []
    marks = ", ".join("?" for _ in slot_ids)
    rows = session.conn.execute(
        f"SELECT body FROM intake_request WHERE deleted = 0 AND slot_id IN ({marks})",  # noqa: S608 - placeholders
        slot_ids,
    ).fetchall()
    return [IntakeRequest.model_validate_json(row[0]) for row in rows]


def _holder(session: StoreSession, slot_id: uuid.UUID) -> IntakeRequest | None:
    return next((r for r in _requests_naming(session, [str(slot_id)]) if slot_taken_by(r) is not None), None)


def slots_between(session: StoreSession, start: dt.datetime, end: dt.datetime) -> list[SlotView]:
    """Live slots starting in [start, end), in time order, each with the request holding it."""
    rows = session.conn.execute(
        "SELECT body FROM bookable_slot WHERE deleted = 0 AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",
        (start.astimezone(dt.UTC).isoformat(), end.astimezone(dt.UTC).isoformat()),
    ).fetchall()
    slots = [BookableSlot.model_validate_json(row[0]) for row in rows]
    holders: dict[uuid.UUID, IntakeRequest] = {}
    for request in _requests_naming(session, [str(s.id) for s in slots]):
        if request.slot_id is not None and slot_taken_by(request) is not None:
            holders[request.slot_id] = request
    return [
        SlotView(slot, slot_taken_by(holders[slot.id]) if slot.id in holders else None, holders.get(slot.id))
        for slot in slots
    ]


def slots_by_id(session: StoreSession, slot_ids: list[uuid.UUID]) -> dict[uuid.UUID, SlotView]:
    """The slots the given booking requests name, each with what holds it now; a slot removed
    since is still found (a request keeps naming it, and the Intake screen shows when it was)."""
    found: dict[uuid.UUID, BookableSlot] = {}
    for slot_id in set(slot_ids):
        if slot_id not in found:
            try:
                found[slot_id] = session.bookable_slots.get(slot_id, include_deleted=True)
            except RecordNotFound:
                continue  # not synced to this device yet
    holders: dict[uuid.UUID, IntakeRequest] = {}
    for request in _requests_naming(session, [str(i) for i in found]):
        if request.slot_id is not None and slot_taken_by(request) is not None:
            holders[request.slot_id] = request
    return {
        slot_id: SlotView(slot, slot_taken_by(holders[slot_id]) if slot_id in holders else None, holders.get(slot_id))
        for slot_id, slot in found.items()
    }


def _booking(session: StoreSession, request_id: uuid.UUID) -> IntakeRequest:
    request = session.intake_requests.get(request_id)
    if request.kind != "booking" or request.slot_id is None:
        raise RuleViolation.of("kind", "not_a_booking", "only a booking request with a slot is confirmed")
    if request.status != "new":
        raise RuleViolation.of("status", "already_handled", "this request has already been handled")
    return request


def confirm_booking(session: StoreSession, request_id: uuid.UUID, reply: str | None = None) -> IntakeRequest:
    """The team takes the booking: the slot is booked, and the person's status page says when,
    how and where (the slot's place), with `reply` if given."""
    _booking(session, request_id)
    changes: dict[str, Any] = {"status": "accepted"}
    if reply is not None:
        changes["reply"] = reply
    return session.intake_requests.update(request_id, **changes)


def decline_booking(
    session: StoreSession, request_id: uuid.UUID, reply: str, reason: str | None = None
) -> IntakeRequest:
    """The team cannot take it: the slot is free again at the help desk, and the person reads
    `reply` (required: they should know why and what else they can do). `reason` is for the team."""
    _booking(session, request_id)
    if not reply or not reply.strip():
        raise RuleViolation.of("reply", "reply_required", "write a message to the person")
    return session.intake_requests.update(request_id, status="declined", reply=reply, decline_reason=reason)


def write_reply(session: StoreSession, request_id: uuid.UUID, reply: str | None) -> IntakeRequest:
    """The team's message shown on the person's status page (None takes it back)."""
    return session.intake_requests.update(request_id, reply=reply)
