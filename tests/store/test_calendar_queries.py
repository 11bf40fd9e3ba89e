"""Calendar queries on a real store: ranges, double bookings, reminders and the Today lists."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest

from desktop.store import calendar_queries as cq
from desktop.store.worker import StoreWorker
from protocol import demo_data

ROME = ZoneInfo("Europe/Rome")
ME = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
COLLEAGUE = uuid.UUID("00000000-0000-4000-8000-0000000000a2")
TEAM = uuid.UUID("00000000-0000-4000-8000-00000000000a")
OTHER_TEAM = uuid.UUID("00000000-0000-4000-8000-00000000000b")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time in Rome in the week of Monday 23 November 2026."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ROME)


@pytest.fixture()
def people(store: StoreWorker) -> list:
    return store.call(
        lambda s: s.contacts.create_many(
            [
                {"given_name": "Anna", "family_name": "Rossi", "team_id": TEAM},
                {"given_name": "Bruno", "family_name": "Verdi", "team_id": TEAM},
                {"alias": "Lupo", "kind": "pseudonymous", "team_id": OTHER_TEAM},
            ]
        )
    )


def book(
    store: StoreWorker, contacts: list, start: dt.datetime, minutes: int = 60, operator: uuid.UUID = ME, **extra: object
):
    return store.call(
        lambda s: s.appointments.create(
            contact_ids=[c.id for c in contacts],
            operator_id=operator,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=minutes),
            time_zone="Europe/Rome",
            place_kind="office",
            **extra,
        )
    )


def ids(items) -> list:
    return [getattr(item, "booked", item).id for item in items]


def test_a_day_holds_what_overlaps_it_including_across_midnight(store: StoreWorker, people: list) -> None:
    anna, bruno, lupo = people
    late = book(store, [anna], at(23, 23, 0), minutes=120)  # Monday 23:00 - Tuesday 01:00
    ends_at_midnight = book(store, [bruno], at(23, 22, 0), minutes=120)  # ends Tuesday 00:00 exactly
    starts_at_midnight = book(store, [lupo], at(24, 0, 0))
    tuesday_noon = book(store, [anna], at(24, 12, 0))

    monday = store.call(lambda s: cq.appointments_between(s, at(23, 0), at(24, 0), operator_id=ME))
    tuesday = store.call(lambda s: cq.appointments_between(s, at(24, 0), at(25, 0), operator_id=ME))

    assert ids(monday) == [ends_at_midnight.id, late.id]  # [start, end): 00:00 Tuesday is not Monday's
    assert ids(tuesday) == [late.id, starts_at_midnight.id, tuesday_noon.id]
    assert monday[1].names() == ["Anna Rossi"]
    assert tuesday[1].names() == ["Lupo"]


def test_ranges_filter_by_operator_or_team_and_skip_tombstones(store: StoreWorker, people: list) -> None:
    anna, bruno, lupo = people
    mine = book(store, [anna], at(23, 9))
    colleagues_with_team_contact = book(store, [bruno], at(23, 10), operator=COLLEAGUE)
    colleagues_other_team = book(store, [lupo], at(23, 11), operator=COLLEAGUE)
    gone = book(store, [anna], at(23, 12))
    store.call(lambda s: s.appointments.tombstone(gone.id))
    cancelled = book(store, [anna], at(23, 13), status="cancelled")

    def between(**who: object) -> list:
        return ids(store.call(lambda s: cq.appointments_between(s, at(23, 0), at(24, 0), **who)))

    assert between(operator_id=ME) == [mine.id, cancelled.id]  # cancelled shown (struck out), tombstone never
    assert between(operator_id=COLLEAGUE) == [colleagues_with_team_contact.id, colleagues_other_team.id]
    assert between(team_id=TEAM) == [mine.id, colleagues_with_team_contact.id, cancelled.id]
    assert between(team_id=OTHER_TEAM) == [colleagues_other_team.id]
    with pytest.raises(ValueError):
        store.call(lambda s: cq.appointments_between(s, at(23, 0), at(24, 0)))


def test_overlaps_name_the_shared_contacts_and_skip_cancelled_tombstoned_and_adjacent(
    store: StoreWorker, people: list
) -> None:
    anna, bruno, lupo = people
    annas_with_colleague = book(store, [anna, lupo], at(23, 10), operator=COLLEAGUE)  # 10:00-11:00
    my_other = book(store, [bruno], at(23, 10, 30))  # 10:30-11:30, mine
    book(store, [anna], at(23, 10), status="cancelled")
    dead = book(store, [anna], at(23, 10))
    store.call(lambda s: s.appointments.tombstone(dead.id))
    book(store, [anna], at(23, 9))  # 09:00-10:00: ends as the new one starts
    book(store, [anna], at(23, 11, 30), operator=COLLEAGUE)  # starts as the new one ends
    book(store, [bruno], at(23, 10), operator=COLLEAGUE)  # another operator, another contact

    clashes = store.call(
        lambda s: cq.overlapping(s, starts_at=at(23, 10), ends_at=at(23, 11, 30), operator_id=ME, contact_ids=[anna.id])
    )
    by_id = {c.booked.id: c for c in clashes}

    assert set(by_id) == {annas_with_colleague.id, my_other.id}
    assert [c.name for c in by_id[annas_with_colleague.id].shared_contacts] == ["Anna Rossi"]
    assert not by_id[annas_with_colleague.id].same_operator
    assert by_id[my_other.id].same_operator and by_id[my_other.id].shared_contacts == ()


def test_overlaps_exclude_the_appointment_being_edited_and_reach_back_across_midnight(
    store: StoreWorker, people: list
) -> None:
    anna = people[0]
    night = book(store, [anna], at(23, 23), minutes=180)  # Monday 23:00 - Tuesday 02:00
    morning = at(24, 1)

    def clashes(exclude: uuid.UUID | None) -> list:
        return ids(
            store.call(
                lambda s: cq.overlapping(
                    s,
                    starts_at=morning,
                    ends_at=morning + dt.timedelta(hours=1),
                    operator_id=COLLEAGUE,
                    contact_ids=[anna.id],
                    exclude_id=exclude,
                )
            )
        )

    assert clashes(None) == [night.id]
    assert clashes(night.id) == []


def test_reminders_are_due_from_start_minus_lead_until_just_after_the_start(store: StoreWorker, people: list) -> None:
    anna = people[0]
    eleven = book(store, [anna], at(23, 11), reminder_minutes_before=15, status="confirmed")
    book(store, [anna], at(23, 11), reminder_minutes_before=15, operator=COLLEAGUE)  # not mine
    book(store, [anna], at(23, 11), reminder_minutes_before=15, status="cancelled")
    book(store, [anna], at(23, 11))  # no reminder asked
    tomorrow = book(store, [anna], at(24, 11), reminder_minutes_before=24 * 60)

    def due(now: dt.datetime) -> list:
        return [r.appointment_id for r in store.call(lambda s: cq.due_reminders(s, operator_id=ME, now=now))]

    assert due(at(23, 10, 44)) == []
    assert due(at(23, 10, 45)) == [eleven.id]
    assert due(at(23, 11, 5)) == [eleven.id, tomorrow.id]
    assert due(at(23, 11, 6)) == [tomorrow.id]  # past the grace: not shown any more
    reminder = store.call(lambda s: cq.due_reminders(s, operator_id=ME, now=at(23, 10, 50)))[0]
    assert (reminder.place_kind, reminder.minutes_before) == ("office", 15)
    assert not hasattr(reminder, "contact_ids")  # a reminder never carries who


def test_follow_ups_outcomes_consents_and_referrals(store: StoreWorker, people: list) -> None:
    anna, bruno, lupo = people
    now = dt.datetime.now(ROME)
    ended = book(store, [anna], now - dt.timedelta(days=2))
    book(store, [anna], now - dt.timedelta(days=3), status="done", outcome_note="Went well")
    book(store, [anna], now - dt.timedelta(minutes=30))  # still running
    book(store, [anna], now - dt.timedelta(days=200))  # too old to ask about

    def consent(contact, purpose: str, expires_in: int | None, **extra: object):
        expires = now + dt.timedelta(days=expires_in) if expires_in is not None else None
        return store.call(
            lambda s: s.consents.create(
                contact_id=contact.id,
                purpose=purpose,
                method="verbal",
                given_at=now - dt.timedelta(days=300),
                expires_at=expires,
                **extra,
            )
        )

    expiring = consent(anna, "referral", 10)
    consent(anna, "case_management", 10)
    consent(anna, "case_management", 400)  # renewed: a later one covers the same purpose
    consent(bruno, "referral", 40)  # not yet
    consent(bruno, "contact", 5, withdrawn_at=now - dt.timedelta(days=1))  # withdrawn already
    consent(lupo, "research", None)  # never expires
    resource = store.call(lambda s: s.resources.create(**next(demo_data.resources(1))))
    sent = store.call(
        lambda s: s.referrals.create(
            contact_id=bruno.id, resource_id=resource.id, consent_id=expiring.id, status="sent"
        )
    )
    store.call(lambda s: s.referrals.create(contact_id=bruno.id, resource_id=resource.id, status="draft"))

    found = store.call(lambda s: cq.follow_ups(s, operator_id=ME, now=now))
    assert [(f.kind, f.record_id) for f in found] == [("outcome", ended.id), ("consent_expiring", expiring.id)]
    assert found[1].contact_name == "Anna Rossi" and found[1].what == "referral"

    later = store.call(lambda s: cq.follow_ups(s, operator_id=ME, now=now + dt.timedelta(days=15)))
    referral = [f for f in later if f.kind == "referral_unanswered"]
    assert [(f.record_id, f.contact_id, f.contact_name) for f in referral] == [(sent.id, bruno.id, "Bruno Verdi")]
    assert referral[0].what == resource.service_name


def test_today_overview_splits_the_local_days_and_counts_new_requests(store: StoreWorker, people: list) -> None:
    anna = people[0]
    now = at(23, 10)
    today = book(store, [anna], at(23, 15))
    across = book(store, [anna], at(23, 23, 30))  # into tomorrow: listed under today only
    tomorrow = book(store, [anna], at(24, 8))
    book(store, [anna], at(25, 0))  # the day after tomorrow
    for number, status in enumerate(("new", "new", "declined")):
        store.call(
            lambda s, n=number, st=status: s.intake_requests.create(
                kind="first_contact",
                alias=f"Richiesta {n}",
                contact_channel="none",
                language="it",
                consent_to_contact=False,
                received_at=now - dt.timedelta(hours=n),
                status=st,
            )
        )

    overview = store.call(lambda s: cq.today_overview(s, operator_id=ME, now=now))

    assert ids(overview.today) == [today.id, across.id]
    assert ids(overview.tomorrow) == [tomorrow.id]
    assert overview.new_intake_count == 2
    assert [r.alias for r in overview.new_intake] == ["Richiesta 0", "Richiesta 1"]
    assert overview.pending_changes == store.call(lambda s: s.replica.pending_count()) > 0


def test_day_bounds_follow_daylight_saving() -> None:
    start, end = cq.day_bounds(dt.datetime(2026, 3, 29, 12, tzinfo=ROME))  # clocks go forward at 02:00
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=23)
    assert (start.hour, end.hour, end.day) == (0, 0, 30)
