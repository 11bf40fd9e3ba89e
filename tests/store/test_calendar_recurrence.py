"""Repeating appointments on a real store: expansion, the double-booking rule, reminders, iCalendar.

Issue 14 item 7: recurring appointments (weekly, every two weeks, monthly, with an end),
with exceptions for a single occurrence, exported to iCalendar as RRULE/EXDATE.
"""

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pydantic import ValidationError

from desktop.interop.icalendar_files import CalendarFileError
from desktop.store import calendar_queries as cq
from desktop.store.calendar_files import ForeignEvents, export_appointments, import_appointments
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from protocol import Appointment, new_id
from protocol.recurrence import Recurrence, occurrences
from tests.store.conftest import PASSPHRASE

ROME = ZoneInfo("Europe/Rome")
HELSINKI = ZoneInfo("Europe/Helsinki")
ME = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
COLLEAGUE = uuid.UUID("00000000-0000-4000-8000-0000000000a2")
STAMP = dt.datetime(2026, 1, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture()
def enrolled(tmp_path: Path) -> Iterator[StoreWorker]:
    profile = Profile.create(tmp_path / "profile", PASSPHRASE)
    profile.record_enrolment(device_id=uuid.uuid4(), operator_id=ME)
    worker = profile.open(PASSPHRASE)
    yield worker
    worker.close()


@pytest.fixture()
def people(enrolled: StoreWorker) -> list:
    return enrolled.call(
        lambda s: s.contacts.create_many(
            [
                {"given_name": "Anna", "family_name": "Rossi"},
                {"given_name": "Bruno", "family_name": "Verdi"},
            ]
        )
    )


def record(start: dt.datetime, minutes: int = 60, **fields: object) -> Appointment:
    """An appointment checked by the shared schema, not stored."""
    return Appointment.model_validate(
        {
            "id": new_id(),
            "created_at": STAMP,
            "updated_at": STAMP,
            "author_device_id": uuid.uuid4(),
            "contact_ids": [uuid.uuid4()],
            "operator_id": ME,
            "starts_at": start,
            "ends_at": start + dt.timedelta(minutes=minutes),
            "time_zone": start.tzinfo.key,
            "place_kind": "office",
            **fields,
        }
    )


def book(
    store: StoreWorker,
    contacts: list,
    start: dt.datetime,
    minutes: int = 60,
    operator: uuid.UUID = ME,
    **fields: object,
) -> Appointment:
    return store.call(
        lambda s: s.appointments.create(
            contact_ids=[c.id for c in contacts],
            operator_id=operator,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=minutes),
            time_zone=start.tzinfo.key,
            place_kind="office",
            **fields,
        )
    )


def days(appointment: Appointment, **bounds: dt.datetime) -> list[dt.date]:
    return [o.day for o in occurrences(appointment, bounds.get("start"), bounds.get("end"))]


# --- expansion -----------------------------------------------------------------------------------------


def test_weekly_biweekly_and_monthly_series_end_on_their_until_date_or_count() -> None:
    """Issue 14 item 7: weekly, every two weeks and monthly, ending on a date (inclusive) or a count."""
    start = dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME)  # a Monday
    weekly = record(start, recurrence={"frequency": "weekly", "until": dt.date(2026, 1, 26)})
    fortnightly = record(start, recurrence={"frequency": "weekly", "interval": 2, "count": 3})
    monthly = record(start, recurrence={"frequency": "monthly", "until": dt.date(2026, 4, 4)})
    assert days(weekly) == [dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 1, 19), dt.date(2026, 1, 26)]
    assert days(fortnightly) == [dt.date(2026, 1, 5), dt.date(2026, 1, 19), dt.date(2026, 2, 2)]
    assert days(monthly) == [dt.date(2026, 1, 5), dt.date(2026, 2, 5), dt.date(2026, 3, 5)]
    assert all(o.starts_at.hour == 10 and o.ends_at - o.starts_at == dt.timedelta(hours=1) for o in occurrences(weekly))


def test_an_exception_skips_one_meeting_and_counts_toward_count() -> None:
    """Issue 14 item 7: exceptions skip a single occurrence; COUNT counts it, as RFC 5545 does."""
    start = dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME)
    series = record(start, recurrence={"frequency": "weekly", "count": 4}, exceptions=[dt.date(2026, 1, 12)])
    assert days(series) == [dt.date(2026, 1, 5), dt.date(2026, 1, 19), dt.date(2026, 1, 26)]
    assert len(list(occurrences(series, include_skipped=True))) == 4


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [
        (ROME, dt.date(2026, 3, 29), dt.date(2026, 10, 25)),
        (HELSINKI, dt.date(2026, 3, 29), dt.date(2026, 10, 25)),
    ],
)
def test_a_weekly_10_00_stays_10_00_local_across_both_daylight_saving_changes(zone, spring, autumn) -> None:
    """Issue 14 item 7: the wall time is kept in the appointment's own zone (the UTC instant moves)."""
    start = dt.datetime(2026, 3, 22, 10, 0, tzinfo=zone)  # the Sunday before the spring change
    series = record(start, recurrence={"frequency": "weekly", "until": dt.date(2026, 11, 1)})
    meetings = list(occurrences(series))
    assert all(o.starts_at.astimezone(zone).time() == dt.time(10, 0) for o in meetings)
    by_day = {o.day: o for o in meetings}
    before, after = by_day[spring - dt.timedelta(days=7)], by_day[spring]
    assert after.starts_at.astimezone(dt.UTC).hour == before.starts_at.astimezone(dt.UTC).hour - 1
    assert by_day[autumn].starts_at.astimezone(dt.UTC).hour == before.starts_at.astimezone(dt.UTC).hour
    assert all(o.ends_at - o.starts_at == dt.timedelta(hours=1) for o in meetings)


def test_monthly_on_the_31st_meets_on_the_last_day_of_shorter_months() -> None:
    """Issue 14 item 7: the month-end rule (see protocol.recurrence): 31 Jan, 28 Feb, 31 Mar, 30 Apr."""
    series = record(dt.datetime(2026, 1, 31, 18, 0, tzinfo=ROME), recurrence={"frequency": "monthly", "count": 5})
    assert days(series) == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 31),
    ]
    leap = record(dt.datetime(2028, 1, 30, 9, 0, tzinfo=ROME), recurrence={"frequency": "monthly", "count": 2})
    assert days(leap) == [dt.date(2028, 1, 30), dt.date(2028, 2, 29)]


def test_a_range_finds_the_meetings_of_a_series_that_began_long_before() -> None:
    series = record(dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME), recurrence={"frequency": "weekly", "count": 200})
    found = days(series, start=dt.datetime(2027, 3, 1, tzinfo=ROME), end=dt.datetime(2027, 3, 15, tzinfo=ROME))
    assert found == [dt.date(2027, 3, 1), dt.date(2027, 3, 8)]


@pytest.mark.parametrize(
    ("recurrence", "message"),
    [
        ({"frequency": "weekly"}, "ends on a date (until) or after a number of times"),
        ({"frequency": "weekly", "count": 3, "until": dt.date(2026, 3, 1)}, "give one of the two"),
        ({"frequency": "daily", "count": 3}, "Input should be 'weekly' or 'monthly'"),
        ({"frequency": "weekly", "count": 3, "interval": 0}, "greater than or equal to 1"),
        ({"frequency": "weekly", "until": dt.date(2025, 12, 1)}, "must not be earlier than the first meeting"),
    ],
)
def test_a_series_is_checked_by_the_shared_schema(recurrence: dict, message: str) -> None:
    """Issue 14 item 7: bad repeats get an error naming the field and the rule."""
    with pytest.raises(ValidationError) as caught:
        record(dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME), recurrence=recurrence)
    assert message in str(caught.value)
    assert "recurrence" in str(caught.value)


# --- the store: ranges, overlaps, reminders ---------------------------------------------------------------


def test_the_week_shows_each_meeting_once_with_its_own_times_and_key(enrolled: StoreWorker, people: list) -> None:
    """Issue 14 item 7: week/month views and Today read a series' meetings through appointments_between."""
    anna, _ = people
    series = book(
        enrolled,
        [anna],
        dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME),
        recurrence={"frequency": "weekly", "count": 10},
        exceptions=[dt.date(2026, 2, 9)],
    )
    feb = enrolled.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 2, 1, tzinfo=ROME), dt.datetime(2026, 3, 1, tzinfo=ROME), operator_id=ME
        )
    )
    assert [b.starts_at.date() for b in feb] == [dt.date(2026, 2, 2), dt.date(2026, 2, 16), dt.date(2026, 2, 23)]
    assert {b.id for b in feb} == {series.id} and len({b.key for b in feb}) == 3
    assert feb[0].names() == ["Anna Rossi"] and feb[0].repeats
    after = enrolled.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 3, 16, tzinfo=ROME), dt.datetime(2026, 4, 1, tzinfo=ROME), operator_id=ME
        )
    )
    assert after == []  # the tenth and last was on 9 March


def test_booking_over_a_meeting_of_a_series_warns_and_a_skipped_meeting_does_not(enrolled, people) -> None:
    """Issue 14 item 7: the overlap rule (booking dialog, intake accept) sees every meeting of a series."""
    anna, bruno = people
    series = book(
        enrolled,
        [anna],
        dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME),
        recurrence={"frequency": "weekly", "count": 10},
        exceptions=[dt.date(2026, 2, 9)],
    )

    def clashes(start: dt.datetime, contact: object, operator: uuid.UUID = COLLEAGUE, **extra: object) -> list:
        return enrolled.call(
            lambda s: cq.overlapping(
                s,
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=30),
                operator_id=operator,
                contact_ids=[contact.id],
                **extra,
            )
        )

    found = clashes(dt.datetime(2026, 2, 16, 10, 30, tzinfo=ROME), anna)
    assert [c.booked.id for c in found] == [series.id]
    assert found[0].booked.starts_at == dt.datetime(2026, 2, 16, 10, 0, tzinfo=ROME)
    assert [c.name for c in found[0].shared_contacts] == ["Anna Rossi"]
    assert clashes(dt.datetime(2026, 2, 9, 10, 30, tzinfo=ROME), anna) == []  # skipped that week
    assert clashes(dt.datetime(2026, 2, 16, 10, 30, tzinfo=ROME), bruno) == []  # nothing in common
    assert len(clashes(dt.datetime(2026, 2, 16, 10, 30, tzinfo=ROME), bruno, operator=ME)) == 1  # same operator
    # A new fortnightly series on Mondays 10:30 meets the weekly one on every other Monday but the skipped one.
    series_clashes = clashes(
        dt.datetime(2026, 1, 26, 10, 30, tzinfo=ROME),
        anna,
        recurrence=Recurrence(frequency="weekly", interval=2, count=4),
        time_zone="Europe/Rome",
    )
    assert [c.booked.starts_at.date() for c in series_clashes] == [
        dt.date(2026, 1, 26),
        dt.date(2026, 2, 23),
        dt.date(2026, 3, 9),
    ]
    # Editing the series itself does not clash with itself.
    assert clashes(dt.datetime(2026, 2, 16, 10, 30, tzinfo=ROME), anna, exclude_id=series.id) == []


def test_overlaps_among_the_shown_meetings_follow_the_same_rule(enrolled: StoreWorker, people: list) -> None:
    """Issue 14 item 7: the marks on Today and the Calendar come from calendar_queries.clashing."""
    anna, bruno = people
    book(enrolled, [anna], dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME), recurrence={"frequency": "weekly", "count": 3})
    one_off = book(enrolled, [bruno], dt.datetime(2026, 1, 12, 10, 30, tzinfo=ROME))  # same operator: overlaps
    back_to_back = book(enrolled, [bruno], dt.datetime(2026, 1, 12, 11, 0, tzinfo=ROME), minutes=30)
    book(enrolled, [bruno], dt.datetime(2026, 1, 19, 10, 0, tzinfo=ROME), status="cancelled")
    shown = enrolled.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 1, 5, tzinfo=ROME), dt.datetime(2026, 1, 26, tzinfo=ROME), operator_id=ME
        )
    )
    marks = cq.overlaps_among(shown)
    monday_12 = next(b for b in shown if b.repeats and b.starts_at.date() == dt.date(2026, 1, 12))
    assert [b.id for b in marks[monday_12.key]] == [one_off.id]  # 10:00-11:00 and 11:00-11:30 are back to back
    assert [b.id for b in marks[(one_off.id, None)]] == [monday_12.id, back_to_back.id]
    assert [b.id for b in marks[(back_to_back.id, None)]] == [one_off.id]
    assert len(marks) == 3  # the cancelled one and the other meetings overlap nothing


def test_every_meeting_of_a_series_rings_its_reminder(enrolled: StoreWorker, people: list) -> None:
    """Issue 14 item 7: reminders come for each meeting of a series, not only the first."""
    anna, _ = people
    series = book(
        enrolled,
        [anna],
        dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME),
        recurrence={"frequency": "weekly", "count": 10},
        reminder_minutes_before=15,
        status="confirmed",
    )
    due = enrolled.call(lambda s: cq.due_reminders(s, operator_id=ME, now=dt.datetime(2026, 2, 16, 9, 50, tzinfo=ROME)))
    assert [(d.appointment_id, d.starts_at) for d in due] == [(series.id, dt.datetime(2026, 2, 16, 10, 0, tzinfo=ROME))]
    assert (
        enrolled.call(lambda s: cq.due_reminders(s, operator_id=ME, now=dt.datetime(2026, 2, 16, 9, 30, tzinfo=ROME)))
        == []
    )


# --- iCalendar --------------------------------------------------------------------------------------------


def test_a_series_exports_as_rrule_and_exdate_and_reads_back_unchanged(enrolled, people, tmp_path) -> None:
    """Issue 14 item 7: exported to iCalendar as RRULE/EXDATE; our own import round-trips it."""
    anna, bruno = people
    weekly = book(
        enrolled,
        [anna],
        dt.datetime(2026, 1, 5, 10, 0, tzinfo=ROME),
        recurrence={"frequency": "weekly", "interval": 2, "until": dt.date(2026, 6, 29)},
        exceptions=[dt.date(2026, 4, 13)],
    )
    monthly = book(
        enrolled,
        [bruno],
        dt.datetime(2026, 1, 31, 9, 0, tzinfo=HELSINKI),
        recurrence={"frequency": "monthly", "count": 6},
    )
    path = tmp_path / "series.ics"
    written = enrolled.call(
        lambda s: export_appointments(
            s, path, start=dt.datetime(2026, 3, 1, tzinfo=ROME), end=dt.datetime(2026, 4, 1, tzinfo=ROME), now=STAMP
        )
    )
    assert written == 2  # each series once, whole, though March holds several of their meetings
    vevents = {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    rule = vevents[str(weekly.id)]["RRULE"]
    assert (rule["FREQ"], rule["INTERVAL"]) == (["WEEKLY"], [2])
    assert rule["UNTIL"][0].astimezone(ROME).date() == dt.date(2026, 6, 29)  # the end of that day, in UTC
    assert [d.dt for d in vevents[str(weekly.id)]["EXDATE"].dts] == [dt.datetime(2026, 4, 13, 10, 0, tzinfo=ROME)]
    monthly_rule = vevents[str(monthly.id)]["RRULE"]
    assert (monthly_rule["BYMONTHDAY"], monthly_rule["BYSETPOS"], monthly_rule["COUNT"]) == ([31, -1], [1], [6])

    result = enrolled.call(lambda s: import_appointments(s, path))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)

    enrolled.call(lambda s: s.appointments.update(weekly.id, recurrence=None, exceptions=[]))
    result = enrolled.call(lambda s: import_appointments(s, path))
    assert (result.updated, result.unchanged) == (1, 1)
    back = enrolled.call(lambda s: s.appointments.get(weekly.id))
    assert back.recurrence == weekly.recurrence and back.exceptions == [dt.date(2026, 4, 13)]


FOREIGN = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hospital//EN\r\nBEGIN:VEVENT\r\nUID:group-therapy-1\r\n"
    b"DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Rome:20260107T150000\r\n"
    b"DTEND;TZID=Europe/Rome:20260107T160000\r\nSUMMARY:Gruppo\r\nRULE_LINE\r\n"
    b"EXDATE;TZID=Europe/Rome:20260114T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_another_programs_weekly_rrule_in_our_subset_is_imported_and_others_are_refused(
    enrolled, people, tmp_path
) -> None:
    """Issue 14 item 7: a foreign RRULE in our subset imports; one outside it is refused with the rule."""
    path = tmp_path / "invite.ics"
    path.write_bytes(FOREIGN.replace(b"RULE_LINE", b"RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=4"))
    result = enrolled.call(
        lambda s: import_appointments(s, path, foreign=ForeignEvents(people[0].id), local_time_zone="Europe/Rome")
    )
    assert result.created == 1
    created = enrolled.call(lambda s: s.appointments.page(limit=10).records)[0]
    assert created.recurrence is not None and created.recurrence.count == 4
    assert created.exceptions == [dt.date(2026, 1, 14)]

    path.write_bytes(FOREIGN.replace(b"RULE_LINE", b"RRULE:FREQ=MONTHLY;BYDAY=1WE;COUNT=4"))
    with pytest.raises(CalendarFileError) as caught:
        enrolled.call(
            lambda s: import_appointments(s, path, foreign=ForeignEvents(people[0].id), local_time_zone="Europe/Rome")
        )
    assert caught.value.problems == [
        "event 1 (UID group-therapy-1): RRULE: only weekly or monthly repeats with INTERVAL, an end (UNTIL or "
        "COUNT) and, monthly, the start's day of the month are imported"
    ]


def test_the_stored_series_is_read_at_10_00_local_in_the_weeks_after_the_change_to_summer_time(
    enrolled, people
) -> None:
    """Issue 14 item 7: stored as a UTC instant plus its zone, a weekly 10:00 in Helsinki is 10:00 after DST too."""
    anna, _ = people
    series = book(
        enrolled,
        [anna],
        dt.datetime(2026, 3, 16, 10, 0, tzinfo=HELSINKI),
        recurrence={"frequency": "weekly", "count": 4},
    )
    stored = enrolled.call(
        lambda s: s.conn.execute("SELECT starts_at FROM appointment WHERE id = ?", (str(series.id),)).fetchone()[0]
    )
    assert stored == "2026-03-16T08:00:00+00:00"  # the projected start is UTC text, as for every appointment
    after = enrolled.call(
        lambda s: cq.appointments_between(
            s, dt.datetime(2026, 3, 30, tzinfo=HELSINKI), dt.datetime(2026, 4, 13, tzinfo=HELSINKI), operator_id=ME
        )
    )
    assert [(b.starts_at.astimezone(HELSINKI).hour, b.starts_at.astimezone(dt.UTC).hour) for b in after] == [
        (10, 7),
        (10, 7),
    ]
