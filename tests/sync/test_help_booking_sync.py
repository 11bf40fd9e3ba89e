"""A help-desk booking end to end through real devices and the real central service: a slot
offered on one laptop, booked at the help desk, seen held on a colleague's laptop, declined
(the slot is offered again), booked again, confirmed, with the team's reply on the status page."""

import datetime as dt

import pytest

from central import help_desk
from central.db import session_factory
from desktop.store import slot_queries as sq
from desktop.store.errors import RuleViolation
from protocol.clock import utc_now
from protocol.messages import IntakeSubmission
from tests.sync_world import World

KEY = b"s" * 32


def _booking(world: World, alias: str) -> IntakeSubmission:
    return IntakeSubmission.model_validate(
        {
            "team_id": str(world.team_a),
            "kind": "booking",
            "alias": alias,
            "contact_channel": "none",
            "language": "fi",
            "consent_to_contact": False,
        }
    )


def test_hold_decline_and_confirm_travel_through_sync(world: World) -> None:
    anna, bruno = world.add_operator("anna", [world.team_a]), world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    sessions = session_factory(world.service.engine)
    starts = dt.datetime.combine((utc_now() + dt.timedelta(days=2)).date(), dt.time(8), tzinfo=dt.UTC)
    week = (starts - dt.timedelta(days=1), starts + dt.timedelta(days=6))

    slot = laptop_a.store.call(
        lambda s: sq.offer_slot(
            s,
            team_id=world.team_a,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            time_zone="Europe/Helsinki",
            mode="video",
            place="Linkki tulee tekstiviestillä",
        )
    )
    assert laptop_a.sync().rejected == 0
    assert [s.id for d in help_desk.free_slots(sessions, world.team_a) for s in d.slots] == [slot.id]

    first = help_desk.book(sessions, _booking(world, "Aino"), slot.id, language="fi", address="192.0.2.10", key=KEY)
    with pytest.raises(help_desk.SlotTaken):
        help_desk.book(sessions, _booking(world, "Eino"), slot.id, language="fi", address="192.0.2.11", key=KEY)
    assert help_desk.free_slots(sessions, world.team_a) == []

    laptop_b.sync()
    [held] = laptop_b.store.call(lambda s: sq.slots_between(s, *week))
    assert held.taken == "held" and held.request is not None and held.request.alias == "Aino"
    with pytest.raises(RuleViolation) as refused:
        laptop_b.store.call(lambda s: sq.remove_slot(s, slot.id))
    assert refused.value.problems[0].field == "slot_id"
    with pytest.raises(RuleViolation) as no_reply:
        laptop_b.store.call(lambda s: sq.decline_booking(s, held.request.id, " "))  # type: ignore[union-attr]
    assert no_reply.value.problems[0].field == "reply"
    laptop_b.store.call(lambda s: sq.decline_booking(s, held.request.id, "Aika ei sovi, valitse toinen."))  # type: ignore[union-attr]
    assert laptop_b.sync().rejected == 0

    declined = help_desk.status(sessions, first.reference, first.code, address="192.0.2.10", key=KEY)
    assert declined.state == "declined" and declined.reply == "Aika ei sovi, valitse toinen."
    assert [s.id for d in help_desk.free_slots(sessions, world.team_a) for s in d.slots] == [slot.id]

    second = help_desk.book(sessions, _booking(world, "Eino"), slot.id, language="fi", address="192.0.2.11", key=KEY)
    laptop_a.sync()
    [again] = laptop_a.store.call(lambda s: sq.slots_between(s, *week))
    assert again.taken == "held" and again.request is not None and again.request.alias == "Eino"
    laptop_a.store.call(lambda s: sq.confirm_booking(s, again.request.id, "Tervetuloa!"))  # type: ignore[union-attr]
    assert laptop_a.sync().rejected == 0
    laptop_b.sync()
    [booked] = laptop_b.store.call(lambda s: sq.slots_between(s, *week))
    assert booked.taken == "booked"

    confirmed = help_desk.status(sessions, second.reference, " ".join(second.words), address="192.0.2.11", key=KEY)
    assert confirmed.state == "confirmed" and confirmed.reply == "Tervetuloa!"
    assert confirmed.meeting is not None and confirmed.meeting.mode == "video"
    assert confirmed.meeting.place == "Linkki tulee tekstiviestillä"
    assert confirmed.meeting.starts_at == starts and str(confirmed.meeting.starts_at.tzinfo) == "Europe/Helsinki"
    assert help_desk.free_slots(sessions, world.team_a) == []

    # A reply may follow later; withdrawing the slot leaves the booking as it is.
    laptop_b.store.call(lambda s: sq.write_reply(s, again.request.id, "Muista kuulokkeet."))  # type: ignore[union-attr]
    laptop_b.store.call(lambda s: sq.withdraw_slot(s, slot.id))
    assert laptop_b.sync().rejected == 0
    later = help_desk.status(sessions, second.reference, second.code, address="192.0.2.11", key=KEY)
    assert later.state == "confirmed" and later.reply == "Muista kuulokkeet."
