"""desktop.store.slot_queries inside a real encrypted store (no network): offering slots, seeing
what holds them once the service's request arrives, confirming, declining, and losing the team."""

import datetime as dt
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from desktop.store import slot_queries as sq
from desktop.store.errors import RuleViolation
from desktop.store.worker import StoreWorker
from protocol import describe_validation_error, new_id
from protocol.clock import utc_now

TEAM = uuid.UUID("0190f000-0000-7000-8000-00000000000a")
START = dt.datetime(2031, 3, 4, 9, tzinfo=dt.UTC)
WEEK = (START - dt.timedelta(days=1), START + dt.timedelta(days=6))


def _offer(store: StoreWorker, starts: dt.datetime = START, **overrides: Any):  # BookableSlot
    fields = {
        "team_id": TEAM,
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(minutes=30),
        "time_zone": "Europe/Rome",
        "mode": "in_person",
        "place": "Via Roma 1",
        **overrides,
    }
    return store.call(lambda s: sq.offer_slot(s, **fields))


def _request_from_service(store: StoreWorker, slot_id: uuid.UUID, version: int, status: str = "new") -> str:
    now = utc_now().isoformat()
    request_id = str(new_id())
    record = {
        "id": request_id,
        "created_at": now,
        "updated_at": now,
        "author_device_id": "00000000-0000-4000-8000-000000000001",
        "server_version": version,
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "none",
        "language": "it",
        "consent_to_contact": False,
        "received_at": now,
        "team_id": str(TEAM),
        "status": status,
        "reference": "3FA9C1",
        "slot_id": str(slot_id),
    }
    change = {"entity": "intake_request", "version": version, "record": record}
    answer = {"results": [], "changes": [change], "purge_teams": [], "cursor": "next", "more": False}
    store.call(lambda s: s.replica.apply_answer(answer, []))
    return request_id


def test_a_slot_is_offered_and_pushed_with_its_fields(store: StoreWorker) -> None:
    slot = _offer(store)
    [view] = store.call(lambda s: sq.slots_between(s, *WEEK))
    assert view.slot.id == slot.id and view.taken is None and view.request is None
    [pending] = store.call(lambda s: s.outbox.pending())
    assert pending.entity == "bookable_slot" and pending.op == "create"
    assert pending.changed["mode"] == "in_person" and pending.changed["state"] == "open"
    assert store.call(lambda s: sq.slots_between(s, START + dt.timedelta(days=7), START + dt.timedelta(days=8))) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": START - dt.timedelta(minutes=5)}, "ends_at"),
        ({"mode": "fax"}, "mode"),
        ({"time_zone": "Rome"}, "time_zone"),
        ({"place": ""}, "place"),
        ({"place": "x" * 301}, "place"),
    ],
)
def test_a_bad_slot_is_refused_naming_the_field(store: StoreWorker, overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as bad:
        _offer(store, **overrides)
    assert any(line.startswith(field) for line in describe_validation_error(bad.value)), bad.value
    assert store.call(lambda s: s.outbox.pending()) == []


def test_held_then_declined_then_booked(store: StoreWorker) -> None:
    slot = _offer(store)
    first = _request_from_service(store, slot.id, version=5)
    [held] = store.call(lambda s: sq.slots_between(s, *WEEK))
    assert held.taken == "held" and held.request is not None and str(held.request.id) == first
    with pytest.raises(RuleViolation) as refused:
        store.call(lambda s: sq.remove_slot(s, slot.id))
    assert refused.value.problems[0].field == "slot_id"

    store.call(lambda s: sq.decline_booking(s, uuid.UUID(first), "Siamo chiusi quel giorno.", "ferie"))
    [free] = store.call(lambda s: sq.slots_between(s, *WEEK))
    assert free.taken is None
    declined = [m for m in store.call(lambda s: s.outbox.pending()) if m.entity == "intake_request"]
    assert declined[-1].changed == {
        "status": "declined",
        "reply": "Siamo chiusi quel giorno.",
        "decline_reason": "ferie",
    }
    with pytest.raises(RuleViolation) as twice:
        store.call(lambda s: sq.confirm_booking(s, uuid.UUID(first)))
    assert twice.value.problems[0].field == "status"

    second = _request_from_service(store, slot.id, version=6)
    store.call(lambda s: sq.confirm_booking(s, uuid.UUID(second), "A presto"))
    [booked] = store.call(lambda s: sq.slots_between(s, *WEEK))
    assert booked.taken == "booked" and booked.request is not None and booked.request.reply == "A presto"
    store.call(lambda s: sq.write_reply(s, uuid.UUID(second), None))
    assert store.call(lambda s: s.intake_requests.get(second)).reply is None


def test_a_first_contact_is_not_confirmed_as_a_booking_and_a_free_slot_can_be_removed(store: StoreWorker) -> None:
    slot = _offer(store)
    store.call(lambda s: sq.remove_slot(s, slot.id))
    assert store.call(lambda s: sq.slots_between(s, *WEEK)) == []
    other = _offer(store, START + dt.timedelta(hours=1))
    request_id = _request_from_service(store, other.id, version=7)
    store.call(lambda s: s.intake_requests.update(request_id, status="accepted"))
    with pytest.raises(RuleViolation) as handled:
        store.call(lambda s: sq.decline_booking(s, uuid.UUID(request_id), "no"))
    assert handled.value.problems[0].field == "status"


def test_losing_the_team_purges_its_slots(store: StoreWorker) -> None:
    slot = _offer(store)
    answer = {"results": [], "changes": [], "purge_teams": [str(TEAM)], "cursor": "next", "more": False}
    store.call(lambda s: s.replica.apply_answer(answer, []))
    assert store.call(lambda s: s.bookable_slots.exists(slot.id)) is False


def test_the_slots_requests_name_are_found_with_their_hold_even_once_removed(store: StoreWorker) -> None:
    """What the Intake screen reads: each request's slot and what holds it; a slot removed after
    its request was declined is still found (marked deleted), one never synced is absent."""
    held = _offer(store)
    request_id = uuid.UUID(_request_from_service(store, held.id, version=8))
    gone = _offer(store, START + dt.timedelta(hours=2))
    store.call(lambda s: sq.remove_slot(s, gone.id))
    unknown = new_id()
    found = store.call(lambda s: sq.slots_by_id(s, [held.id, gone.id, unknown, held.id]))
    assert set(found) == {held.id, gone.id}
    assert found[held.id].taken == "held" and found[held.id].request is not None
    assert found[held.id].request.id == request_id
    assert found[gone.id].slot.deleted and found[gone.id].taken is None
