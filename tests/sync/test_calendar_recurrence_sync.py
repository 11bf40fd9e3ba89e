"""A repeating appointment with skipped meetings travels through a real central service and back."""

import datetime as dt
from zoneinfo import ZoneInfo

from desktop.store import calendar_queries as cq
from tests.sync_world import World

ROME = ZoneInfo("Europe/Rome")


def test_a_recurring_appointment_with_exceptions_round_trips_and_a_skip_merges(world: World) -> None:
    """Issue 14 item 7: recurrence and exceptions are part of the appointment record on the wire."""
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    me = laptop_a.profile.identity().operator_id

    def book(s):  # a StoreSession
        contact = s.contacts.create(given_name="Marta", team_id=world.team_a)
        start = dt.datetime(2026, 3, 16, 10, 0, tzinfo=ROME)
        return s.appointments.create(
            contact_ids=[contact.id],
            operator_id=me,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            time_zone="Europe/Rome",
            place_kind="office",
            recurrence={"frequency": "weekly", "interval": 2, "until": dt.date(2026, 6, 22)},
            exceptions=[dt.date(2026, 4, 13)],
        )

    series = laptop_a.store.call(book)
    pushed = laptop_a.sync()
    assert (pushed.pushed, pushed.rejected) == (2, 0)
    assert laptop_b.sync().pulled == 2
    copy = laptop_b.store.call(lambda s: s.appointments.get(series.id))
    assert copy.recurrence == series.recurrence and copy.exceptions == [dt.date(2026, 4, 13)]

    # Bruno skips the meeting of 11 May; Anna's laptop gets the same series back, both skips in it.
    laptop_b.store.call(
        lambda s: s.appointments.update(series.id, exceptions=[dt.date(2026, 4, 13), dt.date(2026, 5, 11)])
    )
    assert laptop_b.sync().rejected == 0
    laptop_a.sync()
    back = laptop_a.store.call(lambda s: s.appointments.get(series.id))
    assert back.exceptions == [dt.date(2026, 4, 13), dt.date(2026, 5, 11)]
    may = laptop_a.store.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 5, 1, tzinfo=ROME), dt.datetime(2026, 6, 1, tzinfo=ROME), operator_id=me
        )
    )
    assert [b.starts_at.date() for b in may] == [dt.date(2026, 5, 25)]  # every two weeks: 11 May skipped, 25 May left
