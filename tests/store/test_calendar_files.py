"""iCalendar export and import of appointments on a real store: the file parses with the
`icalendar` library, our own round trip is lossless, names stay out unless opted in, and a
broken file imports nothing while naming the event, the property and the rule."""

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from desktop.interop.icalendar_files import (
    UID_DOMAIN,
    CalendarFileError,
    CalendarTexts,
    appointments_calendar,
    read_calendar,
)
from desktop.store.calendar_files import ForeignEvents, export_appointments, import_appointments
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from protocol import Appointment
from tests.store.conftest import PASSPHRASE

ROME = ZoneInfo("Europe/Rome")
HELSINKI = ZoneInfo("Europe/Helsinki")
ME = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
COLLEAGUE = uuid.UUID("00000000-0000-4000-8000-0000000000a2")
STAMP = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
WEEK = (dt.datetime(2026, 11, 23, tzinfo=ROME), dt.datetime(2026, 11, 30, tzinfo=ROME))
HOME = "Via Garibaldi 12, Lodi"


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
                {"given_name": "Anna", "family_name": "Rossi", "address": HOME},
                {"given_name": "Bruno", "family_name": "Verdi"},
                {"alias": "Lupo", "kind": "pseudonymous"},
            ]
        )
    )


@pytest.fixture()
def week(enrolled: StoreWorker, people: list) -> list[Appointment]:
    """One appointment of each status, in Rome and in Helsinki, with and without reminders."""
    anna, bruno, lupo = people

    def make(s):
        def book(start: dt.datetime, minutes: int, **fields: object) -> Appointment:
            return s.appointments.create(
                operator_id=ME,
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=minutes),
                time_zone=str(start.tzinfo),
                **fields,
            )

        return [
            book(
                dt.datetime(2026, 11, 23, 10, 0, tzinfo=ROME),
                60,
                contact_ids=[anna.id, bruno.id],
                place_kind="office",
                location="Sportello, Piazza Vittoria 1",
                status="confirmed",
                topic="Colloquio; casa, lavoro",
                reminder_minutes_before=30,
            ),
            book(
                dt.datetime(2026, 11, 24, 9, 30, tzinfo=HELSINKI),
                45,
                contact_ids=[lupo.id],
                place_kind="video",
                status="done",
                topic="Follow-up",
                outcome_note="Went well, sees the GP",
                reminder_minutes_before=60,
            ),
            book(
                dt.datetime(2026, 11, 25, 15, 0, tzinfo=ROME),
                30,
                contact_ids=[anna.id],
                place_kind="home_visit",
                location=HOME,
                status="requested",
                reminder_minutes_before=15,
            ),
            book(
                dt.datetime(2026, 11, 26, 11, 0, tzinfo=ROME),
                60,
                contact_ids=[bruno.id],
                place_kind="outreach",
                status="cancelled",
            ),
            book(
                dt.datetime(2026, 11, 27, 23, 30, tzinfo=ROME),
                90,
                contact_ids=[lupo.id],
                place_kind="phone",
                status="no_show",
                topic="Late call",
            ),
        ]

    return enrolled.call(make)


def export(store: StoreWorker, path: Path, **options: object) -> int:
    return store.call(lambda s: export_appointments(s, path, start=WEEK[0], end=WEEK[1], now=STAMP, **options))


def import_file(store: StoreWorker, path: Path, **options: object):
    return store.call(lambda s: import_appointments(s, path, **options))


def stored(store: StoreWorker, appointments: list[Appointment]) -> list[Appointment]:
    return store.call(lambda s: [s.appointments.get(a.id) for a in appointments])


def snapshot(store: StoreWorker) -> tuple:
    """Every appointment row and every outbox row: what "nothing was written" compares."""

    def read(s):
        rows = s.conn.execute("SELECT id, body FROM appointment ORDER BY id").fetchall()
        return rows, s.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

    return store.call(read)


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


# --- export -----------------------------------------------------------------------------------------------


def test_export_parses_with_icalendar_with_zones_statuses_and_alarms(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    assert export(enrolled, path) == 5
    data = path.read_bytes()
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))

    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and "Prossimo" in str(calendar["PRODID"])
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == ["Europe/Helsinki", "Europe/Rome"]
    found = events(data)
    assert [str(e["UID"]) for e in found] == [f"{a.id}@{UID_DOMAIN}" for a in week]
    office, video, home, cancelled, no_show = found

    assert office["DTSTART"].params["TZID"] == "Europe/Rome"
    assert office.decoded("DTSTART") == dt.datetime(2026, 11, 23, 10, 0, tzinfo=ROME)
    assert video["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert video.decoded("DTSTART").hour == 9 and video.decoded("DTEND") == week[1].ends_at
    assert no_show.decoded("DTEND") == dt.datetime(2026, 11, 28, 1, 0, tzinfo=ROME)  # crosses midnight
    assert office.decoded("DTSTAMP") == STAMP

    assert [str(e["STATUS"]) for e in found] == ["CONFIRMED", "CONFIRMED", "TENTATIVE", "CANCELLED", "CONFIRMED"]
    assert [str(e["X-PROSSIMO-STATUS"]) for e in found] == ["confirmed", "done", "requested", "cancelled", "no_show"]

    alarm = office.walk("VALARM")
    assert len(alarm) == 1 and str(alarm[0]["ACTION"]) == "DISPLAY"
    assert alarm[0].decoded("TRIGGER") == -dt.timedelta(minutes=30) and b"TRIGGER:-PT30M" in data
    assert home.walk("VALARM")[0].decoded("TRIGGER") == -dt.timedelta(minutes=15)
    # A meeting that is over or cancelled must not ring in another calendar; its reminder still travels.
    assert video.walk("VALARM") == [] and str(video["X-PROSSIMO-REMINDER-MINUTES"]) == "60"
    assert cancelled.walk("VALARM") == []

    assert str(office["SUMMARY"]) == "Colloquio; casa, lavoro (Office)"
    assert str(cancelled["SUMMARY"]) == "Appointment (Street outreach)"
    assert [str(c) for c in home["CATEGORIES"].cats] == ["Home visit"]
    assert str(office["LOCATION"]) == "Sportello, Piazza Vittoria 1" and "LOCATION" not in home
    assert str(office["CLASS"]) == "PRIVATE"


def test_no_names_notes_or_home_address_unless_the_operator_opts_in(enrolled, week, people, tmp_path) -> None:
    plain, named = tmp_path / "plain.ics", tmp_path / "named.ics"
    export(enrolled, plain)
    export(enrolled, named, include_names=True)

    unfolded = plain.read_bytes().replace(b"\r\n ", b"").decode()
    for secret in ("Anna", "Rossi", "Bruno", "Verdi", "Lupo", "Garibaldi", "GP"):
        assert secret not in unfolded
    assert all(
        "Appointment" in str(e["SUMMARY"]) or str(e["SUMMARY"]).startswith(("Colloquio", "Follow", "Late"))
        for e in events(plain.read_bytes())
    )

    office, video, home, _cancelled, _no_show = events(named.read_bytes())
    assert str(office["SUMMARY"]) == "Colloquio; casa, lavoro (Office) – Anna Rossi, Bruno Verdi"
    assert str(office["DESCRIPTION"]).startswith("With: Anna Rossi, Bruno Verdi")
    assert str(video["SUMMARY"]) == "Follow-up (Video call) – Lupo"
    assert str(home["LOCATION"]) == HOME
    assert "GP" not in named.read_bytes().replace(b"\r\n ", b"").decode()  # outcome notes never leave


def test_export_chooses_whose_appointments(enrolled, week, people, tmp_path) -> None:
    theirs = enrolled.call(
        lambda s: s.appointments.create(
            contact_ids=[people[0].id],
            operator_id=COLLEAGUE,
            starts_at=dt.datetime(2026, 11, 24, 8, tzinfo=ROME),
            ends_at=dt.datetime(2026, 11, 24, 9, tzinfo=ROME),
            time_zone="Europe/Rome",
            place_kind="office",
        )
    )
    enrolled.call(lambda s: s.appointments.tombstone(week[0].id))
    assert export(enrolled, tmp_path / "mine.ics", operator_id=ME) == 4
    assert export(enrolled, tmp_path / "all.ics") == 5
    uids = [str(e["UID"]) for e in events((tmp_path / "all.ics").read_bytes())]
    assert f"{theirs.id}@{UID_DOMAIN}" in uids and f"{week[0].id}@{UID_DOMAIN}" not in uids
    assert export(enrolled, tmp_path / "nobody.ics", operator_id=uuid.uuid4()) == 0
    assert not (tmp_path / "nobody.ics").exists()  # no empty calendar, no leftover part file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.ics", "mine.ics", "profile"]


def test_translated_words_reach_the_file() -> None:
    texts = CalendarTexts(
        appointment="Appuntamento", place_kinds={"office": "Ufficio"}, summary="{what} – {place}", reminder="Promemoria"
    )
    now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    appointment = Appointment.model_validate(
        {
            "id": uuid.UUID("019a0000-0000-7000-8000-000000000001"),
            "created_at": now,
            "updated_at": now,
            "author_device_id": uuid.uuid4(),
            "contact_ids": [uuid.uuid4()],
            "operator_id": ME,
            "starts_at": now + dt.timedelta(days=3),
            "ends_at": now + dt.timedelta(days=3, hours=1),
            "time_zone": "Europe/Rome",
            "place_kind": "office",
            "reminder_minutes_before": 10,
        }
    )
    event = events(appointments_calendar([appointment], now=now, texts=texts))[0]
    assert str(event["SUMMARY"]) == "Appuntamento – Ufficio"
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == "Promemoria"


# --- our own round trip ---------------------------------------------------------------------------------------


def test_reading_our_export_gives_back_every_field(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path, include_names=True)
    read = read_calendar(path.read_bytes())
    assert [e.appointment_id for e in read] == [a.id for a in week]
    for event, appointment in zip(read, week, strict=True):
        expected = appointment.content()
        del expected["outcome_note"]  # a case note: never in a calendar file
        assert event.resolved("UTC", appointment) == expected
        assert event.fields["starts_at"].tzinfo.key == appointment.time_zone


def test_importing_our_export_restores_every_field_and_counts_the_unchanged(enrolled, week, people, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path)
    before = snapshot(enrolled)
    result = import_file(enrolled, path)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (0, 0, 5, ())
    assert snapshot(enrolled) == before  # nothing rewritten, nothing queued for sync

    anna, bruno, lupo = people

    def scramble(s):
        later = dt.timedelta(hours=2)
        for a in week:
            s.appointments.update(
                a.id,
                starts_at=a.starts_at + later,
                ends_at=a.ends_at + later,
                time_zone="Europe/Helsinki",
                status="cancelled" if a.status != "cancelled" else "done",
                topic="changed",
                location="elsewhere",
                reminder_minutes_before=5,
                contact_ids=[lupo.id],
                operator_id=COLLEAGUE,
                place_kind="office" if a.place_kind != "office" else "phone",
                outcome_note="kept as it is",
            )

    enrolled.call(scramble)

    result = import_file(enrolled, path)
    assert (result.created, result.updated, result.unchanged) == (0, 5, 0)
    for now, then in zip(stored(enrolled, week), week, strict=True):
        restored = now.content()
        assert restored.pop("outcome_note") == "kept as it is"  # not in the file: left alone
        expected = then.content()
        del expected["outcome_note"]
        if then.place_kind == "home_visit":
            assert restored.pop("location") == "elsewhere"  # withheld from the file: left alone
            del expected["location"]
        assert restored == expected


def test_changes_made_in_another_calendar_program_come_back(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path)
    calendar = Calendar.from_ical(path.read_bytes())
    office, video, *_ = calendar.walk("VEVENT")
    # Moved by an hour and cancelled there; the other program kept our X- properties as they were.
    for prop, hours in (("DTSTART", 1), ("DTEND", 1)):
        moved = office.decoded(prop) + dt.timedelta(hours=hours)
        del office[prop]
        office.add(prop, moved)
    office["STATUS"] = "CANCELLED"
    # A program that drops unknown properties: only the standard ones are left.
    for prop in [name for name in video if name.startswith("X-")]:
        del video[prop]
    video["SUMMARY"] = "Renamed there"
    path.write_bytes(calendar.to_ical())

    result = import_file(enrolled, path)
    assert (result.updated, result.unchanged) == (1, 4)
    office_now, video_now = stored(enrolled, week[:2])
    assert office_now.status == "cancelled" and office_now.starts_at == week[0].starts_at + dt.timedelta(hours=1)
    assert office_now.reminder_minutes_before == 30
    # CONFIRMED is what "done" was written as: it stays done; what the event no longer says stays too.
    assert video_now.content() == week[1].content()


# --- broken files ------------------------------------------------------------------------------------------------


def test_a_broken_file_imports_nothing_and_names_event_property_and_rule(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path)
    enrolled.call(lambda s: s.appointments.update(week[0].id, topic="changed here"))
    calendar = Calendar.from_ical(path.read_bytes())
    _office, video, home, cancelled, _no_show = calendar.walk("VEVENT")
    end = video.decoded("DTSTART") - dt.timedelta(minutes=5)
    del video["DTEND"]
    video.add("DTEND", end)
    home["X-PROSSIMO-PLACE-KIND"] = "castle"
    cancelled["X-PROSSIMO-CONTACT-IDS"] = str(uuid.uuid4())
    path.write_bytes(calendar.to_ical())
    before = snapshot(enrolled)

    with pytest.raises(CalendarFileError) as caught:
        import_file(enrolled, path)

    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith(f"event 2 (UID {week[1].id}@{UID_DOMAIN}): DTEND: ends_at: must be later")
    assert problems[1].startswith(f"event 3 (UID {week[2].id}@{UID_DOMAIN}): X-PROSSIMO-PLACE-KIND: place_kind:")
    assert problems[2].startswith(f"event 4 (UID {week[3].id}@{UID_DOMAIN}): X-PROSSIMO-CONTACT-IDS: ")
    assert "no contact with id" in problems[2]
    assert snapshot(enrolled) == before  # the good first event was not applied either


def test_unreadable_values_are_named_without_echoing_them(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path)
    text = path.read_bytes().replace(b"DTSTART;TZID=Europe/Rome:20261125T150000", b"DTSTART:Anna at three", 1)
    text = text.replace(b"TRIGGER:-PT30M", b"TRIGGER:soon")
    path.write_bytes(text)
    with pytest.raises(CalendarFileError) as caught:
        import_file(enrolled, path)
    message = str(caught.value)
    assert f"event 1 (UID {week[0].id}@{UID_DOMAIN}): TRIGGER: must be a duration" in message
    assert f"event 3 (UID {week[2].id}@{UID_DOMAIN}): DTSTART: must be a date-time" in message
    assert "Anna" not in message and "soon" not in message


def test_a_line_that_is_not_name_and_value_is_named_not_a_crash() -> None:
    """Issue 15 item 1: icalendar records a line inside an event that it cannot split into a
    name and a value as an error with no property name (None, which its stubs hide). Reading
    it used to fail with AttributeError ('NoneType' has no attribute 'upper'), a traceback
    instead of the event's problem; the line is named by what it is, never echoed."""
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//elsewhere//EN\r\nBEGIN:VEVENT\r\nUID:elsewhere-1\r\n"
        b"DTSTART:20261123T100000Z\r\nDTEND:20261123T110000Z\r\nSUMMARY:visit\r\n"
        b"Anna Rossi called about the flat\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(data)
    assert caught.value.problems == ["event 1 (UID elsewhere-1): line: cannot be read (not NAME:value)"]
    assert "Anna" not in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"hello\r\n", b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nEND:VCARD\r\n"])
def test_a_file_that_is_not_a_calendar_is_refused(enrolled, tmp_path, content: bytes) -> None:
    path = tmp_path / "not.ics"
    path.write_bytes(content)
    with pytest.raises(CalendarFileError) as caught:
        import_file(enrolled, path)
    assert caught.value.problems[0].startswith("file: not an iCalendar file")


def test_our_events_whose_appointment_is_gone_or_elsewhere_are_skipped(enrolled, week, tmp_path) -> None:
    path = tmp_path / "week.ics"
    export(enrolled, path)
    enrolled.call(lambda s: s.appointments.tombstone(week[0].id))
    stranger = uuid.UUID("019a0000-0000-7000-8000-0000000000ff")
    path.write_bytes(path.read_bytes().replace(str(week[1].id).encode(), str(stranger).encode()))
    before = snapshot(enrolled)
    result = import_file(enrolled, path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert [(s.event, s.reason) for s in result.skipped] == [
        (f"event 1 (UID {week[0].id}@{UID_DOMAIN})", "deleted"),
        (f"event 2 (UID {stranger}@{UID_DOMAIN})", "not_on_device"),
    ]
    assert snapshot(enrolled) == before


# --- events from other calendar programs ---------------------------------------------------------------------------

FOREIGN = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r
BEGIN:VEVENT\r
UID:4f1c2a9e-hospital-invite\r
DTSTAMP:20261101T090000Z\r
DTSTART;TZID=Europe/Helsinki:20261124T130000\r
DTEND;TZID=Europe/Helsinki:20261124T133000\r
SUMMARY:Visita SerD\r
LOCATION:Ospedale Maggiore\\, ingresso B\r
DESCRIPTION:Private text that has no field in an appointment\r
STATUS:TENTATIVE\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER;RELATED=END:-PT1H\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:google-1234@google.com\r
DTSTART:20261125T080000Z\r
DURATION:PT45M\r
SUMMARY:Call back\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER;VALUE=DATE-TIME:20261124T080000Z\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:floating-1\r
DTSTART:20261126T100000\r
DTEND:20261126T110000\r
STATUS:CANCELLED\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_foreign_events_are_skipped_until_the_operator_names_the_contact(enrolled, people, tmp_path) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(FOREIGN)
    result = import_file(enrolled, path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert [s.reason for s in result.skipped] == ["foreign"] * 3
    assert result.skipped[1].event == "event 2 (UID google-1234@google.com)"
    assert enrolled.call(lambda s: s.appointments.count()) == 0


def test_foreign_events_become_the_named_contacts_appointments_once(enrolled, people, tmp_path) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(FOREIGN)
    anna = people[0]
    target = ForeignEvents(contact_id=anna.id, place_kind="outreach")
    result = import_file(enrolled, path, foreign=target, local_time_zone="Europe/Rome")
    assert (result.created, result.updated, result.unchanged, result.skipped) == (3, 0, 0, ())

    made = enrolled.call(lambda s: sorted(s.appointments.where("operator_id", str(ME)), key=lambda a: a.starts_at))
    serd, call, floating = made
    assert {a.contact_ids[0] for a in made} == {anna.id} and {a.place_kind for a in made} == {"outreach"}
    assert serd.time_zone == "Europe/Helsinki" and serd.starts_at == dt.datetime(2026, 11, 24, 13, tzinfo=HELSINKI)
    assert (serd.topic, serd.location, serd.status) == ("Visita SerD", "Ospedale Maggiore, ingresso B", "requested")
    assert serd.reminder_minutes_before == 30  # an hour before the end of a half-hour meeting
    assert serd.outcome_note is None  # DESCRIPTION is not read into a case note
    assert call.time_zone == "Europe/Rome" and call.starts_at == dt.datetime(2026, 11, 25, 9, tzinfo=ROME)
    assert call.ends_at - call.starts_at == dt.timedelta(minutes=45)
    assert (call.status, call.reminder_minutes_before) == ("confirmed", 24 * 60)
    assert floating.starts_at == dt.datetime(2026, 11, 26, 10, tzinfo=ROME) and floating.status == "cancelled"
    assert floating.topic is None

    again = import_file(enrolled, path, foreign=target, local_time_zone="Europe/Rome")
    assert (again.created, again.unchanged) == (0, 3)
    assert enrolled.call(lambda s: s.appointments.count()) == 3


@pytest.mark.parametrize(
    ("line", "prop", "rule"),
    [
        (b"DTSTART;VALUE=DATE:20261124", "DTSTART", "all-day events are not imported"),
        (b"DTSTART;TZID=Mars/Olympus:20261124T130000", "DTSTART", "unknown time zone 'Mars/Olympus'"),
        (b"RRULE:FREQ=WEEKLY\r\nDTSTART;TZID=Europe/Helsinki:20261124T130000", "RRULE", "a repeating appointment ends"),
        (
            b"RRULE:FREQ=DAILY;COUNT=3\r\nDTSTART;TZID=Europe/Helsinki:20261124T130000",
            "RRULE",
            "only weekly or monthly repeats",
        ),
        (
            b"RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3\r\nDTSTART;TZID=Europe/Helsinki:20261124T130000",
            "RRULE",
            "only weekly or monthly repeats",
        ),
        (
            b"RECURRENCE-ID;TZID=Europe/Helsinki:20261124T130000\r\nDTSTART;TZID=Europe/Helsinki:20261124T130000",
            "RECURRENCE-ID",
            "repeating events are not",
        ),
    ],
)
def test_foreign_events_we_cannot_represent_are_refused(enrolled, people, tmp_path, line, prop, rule) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(FOREIGN.replace(b"DTSTART;TZID=Europe/Helsinki:20261124T130000", line))
    with pytest.raises(CalendarFileError) as caught:
        import_file(enrolled, path, foreign=ForeignEvents(people[0].id), local_time_zone="Europe/Rome")
    assert caught.value.problems[0].startswith(f"event 1 (UID 4f1c2a9e-hospital-invite): {prop}: {rule}")
    assert enrolled.call(lambda s: s.appointments.count()) == 0
