"""central.help_desk against real SQLite and PostgreSQL: slots made by devices through sync,
bookings that hold them (raced from real concurrent connections), confirm and decline as
device edits, status with the check words, its throttle, and its retention."""

import dataclasses
import datetime as dt
import math
import threading
import uuid
import zoneinfo
from typing import Any

import pytest
from sqlalchemy import select

from central import help_desk
from central.db import session_factory
from central.models import HelpAccess, LoginThrottle, SlotHold
from protocol.clock import utc_now
from protocol.messages import IntakeSubmission
from tests.central.conftest import Device, World

KEY = b"k" * 32
ZONE = "Europe/Rome"


def _submission(world: World, kind: str = "booking", **overrides: Any) -> IntakeSubmission:
    return IntakeSubmission.model_validate(
        {
            "team_id": str(world.team_a),
            "kind": kind,
            "alias": "Stella",
            "contact_channel": "none",
            "language": "it",
            "consent_to_contact": True,
            **overrides,
        }
    )


def _slot_fields(world: World, starts: dt.datetime, **overrides: Any) -> dict[str, Any]:
    return {
        "team_id": world.team_a,
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(minutes=45),
        "time_zone": ZONE,
        "mode": "in_person",
        "place": "Via Roma 1, Lodi: ring 'Servizio'",
        **overrides,
    }


def _tomorrow_at(hour: int, days: int = 1) -> dt.datetime:
    day = (utc_now() + dt.timedelta(days=days)).date()
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _anna(world: World) -> Device:
    world.add_operator("anna", [world.team_a])
    return world.enrol("anna")


def _request_of(device: Device, reference: str) -> dict[str, Any]:
    records = [c["record"] for c in device.sync_all() if c["entity"] == "intake_request"]
    return next(r for r in records if r["reference"] == reference)


def _update(device: Device, entity: str, record: dict[str, Any], **changed: Any) -> dict[str, Any]:
    answer = device.sync(device.mutation(entity, "update", uuid.UUID(record["id"]), **changed), keep_cursor=False)
    return answer["results"][0]


def _free_ids(world: World, **kwargs: Any) -> list[uuid.UUID]:
    days = help_desk.free_slots(session_factory(world.engine), world.team_a, **kwargs)
    return [slot.id for day in days for slot in day.slots]


# --- slots are a synced, team-scoped entity ------------------------------------------------------


def test_a_slot_is_made_on_a_device_for_its_own_team_only(world: World) -> None:
    anna = _anna(world)
    world.add_operator("bruno", [world.team_b])
    slot_id = anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(9)))
    other_team = anna.sync(
        anna.mutation("bookable_slot", "create", **_slot_fields(world, _tomorrow_at(9), team_id=world.team_b)),
        keep_cursor=False,
    )
    assert other_team["results"][0]["reason"] == "forbidden_team"
    assert other_team["results"][0]["message"].startswith("team_id:")
    record = next(c["record"] for c in anna.sync_all() if c["entity"] == "bookable_slot")
    assert record["id"] == slot_id and record["state"] == "open"
    moved = _update(anna, "bookable_slot", record, team_id=str(world.team_b))
    assert moved["reason"] == "forbidden_team" and moved["message"].startswith("team_id:")
    assert not [c for c in world.enrol("bruno").sync_all() if c["entity"] == "bookable_slot"]


def test_bad_slots_are_refused_naming_the_field(world: World) -> None:
    anna = _anna(world)
    starts = _tomorrow_at(9)
    for fields, name in [
        (_slot_fields(world, starts, ends_at=starts - dt.timedelta(minutes=1)), "ends_at"),
        (_slot_fields(world, starts, ends_at=starts + dt.timedelta(hours=13)), "ends_at"),
        (_slot_fields(world, starts, mode="carrier_pigeon"), "mode"),
        (_slot_fields(world, starts, time_zone="Mars/Olympus"), "time_zone"),
        (_slot_fields(world, starts, state="held"), "state"),
    ]:
        result = anna.sync(anna.mutation("bookable_slot", "create", **fields), keep_cursor=False)["results"][0]
        assert result["status"] == "rejected" and result["message"].startswith(name), result


# --- free slots and holds ------------------------------------------------------------------------


def test_free_slots_by_day_without_names_or_places(world: World) -> None:
    anna = _anna(world)
    nine, ten, next_day = _tomorrow_at(9), _tomorrow_at(10), _tomorrow_at(9, days=2)
    first = uuid.UUID(anna.create("bookable_slot", **_slot_fields(world, ten, mode="phone")))
    second = uuid.UUID(anna.create("bookable_slot", **_slot_fields(world, nine)))
    third = uuid.UUID(anna.create("bookable_slot", **_slot_fields(world, next_day, mode="video")))
    anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(11), state="withdrawn"))
    anna.create("bookable_slot", **_slot_fields(world, utc_now() + dt.timedelta(minutes=30)))  # too soon
    anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(9, days=40)))  # past the weeks asked
    days = help_desk.free_slots(session_factory(world.engine), world.team_a, weeks=4)
    assert [[s.id for s in d.slots] for d in days] == [[second, first], [third]]
    rome = zoneinfo.ZoneInfo(ZONE)
    assert [d.day for d in days] == [nine.astimezone(rome).date(), next_day.astimezone(rome).date()]
    assert days[0].slots[0].starts_at == nine and days[0].slots[0].starts_at.tzinfo == rome  # told in Rome's time
    assert [s.mode for d in days for s in d.slots] == ["in_person", "phone", "video"]
    assert {f.name for f in dataclasses.fields(help_desk.FreeSlot)} == {"id", "starts_at", "ends_at", "mode"}
    assert help_desk.free_slots(session_factory(world.engine), world.team_b) == []


def test_a_held_slot_is_not_offered_again_and_a_declined_request_frees_it(world: World) -> None:
    anna = _anna(world)
    sessions = session_factory(world.engine)
    slot_id = uuid.UUID(anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(9))))
    receipt = help_desk.book(sessions, _submission(world), slot_id, language="it", address="198.51.100.1", key=KEY)
    assert _free_ids(world) == []
    with pytest.raises(help_desk.SlotTaken):
        help_desk.book(sessions, _submission(world), slot_id, language="it", address="198.51.100.2", key=KEY)
    request = _request_of(anna, receipt.reference)
    assert request["slot_id"] == str(slot_id) and request["status"] == "new"
    refused = _update(anna, "intake_request", request, slot_id=None)
    assert refused["reason"] == "forbidden_role" and refused["message"].startswith("slot_id:")
    declined = _update(anna, "intake_request", request, status="declined", reply="Quel giorno siamo chiusi.")
    assert declined["status"] == "applied"
    assert _free_ids(world) == [slot_id]
    again = help_desk.book(sessions, _submission(world), slot_id, language="it", address="198.51.100.2", key=KEY)
    with sessions() as session:
        hold = session.get(SlotHold, slot_id)
    assert hold is not None and hold.request_id == uuid.UUID(_request_of(anna, again.reference)["id"])
    assert _free_ids(world) == []


def test_withdrawn_or_other_teams_slots_cannot_be_booked(world: World) -> None:
    anna = _anna(world)
    sessions = session_factory(world.engine)
    slot_id = anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(9)))
    record = next(c["record"] for c in anna.sync_all() if c["entity"] == "bookable_slot")
    assert _update(anna, "bookable_slot", record, state="withdrawn")["status"] == "applied"
    with pytest.raises(help_desk.SlotTaken):
        help_desk.book(sessions, _submission(world), slot_id, language="it", address="198.51.100.1", key=KEY)
    with pytest.raises(help_desk.BadInput) as other_team:
        help_desk.book(
            sessions, _submission(world, team_id=str(world.team_b)), slot_id, language="it", address="a", key=KEY
        )
    assert other_team.value.field == "slot_id"


@pytest.mark.parametrize("people", [2, 4])
def test_two_people_booking_one_slot_at_once_get_one_hold(world: World, people: int) -> None:
    """Real concurrent connections (threads, each its own pooled connection), released together."""
    anna = _anna(world)
    sessions = session_factory(world.engine)
    rounds = 3
    slot_ids = [anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(8 + n))) for n in range(rounds)]
    lock = threading.Lock()
    for slot_id in slot_ids:
        start = threading.Barrier(people)
        outcomes: list[str] = []

        def person(
            n: int, slot_id: str = slot_id, start: threading.Barrier = start, outcomes: list[str] = outcomes
        ) -> None:
            start.wait()
            try:
                help_desk.book(sessions, _submission(world), slot_id, language="en", address=f"203.0.113.{n}", key=KEY)
                outcome = "held"
            except help_desk.SlotTaken:
                outcome = "taken"
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=person, args=(n,)) for n in range(people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["held"] + ["taken"] * (people - 1)
    with sessions() as session:
        assert session.scalars(select(SlotHold)).all().__len__() == rounds
    assert len([r for r in (c["record"] for c in anna.sync_all()) if r.get("slot_id")]) == rounds
    assert _free_ids(world) == []


# --- status, words and throttle ------------------------------------------------------------------


def test_status_with_the_words_shows_each_state_and_the_reply(world: World) -> None:
    anna = _anna(world)
    sessions = session_factory(world.engine)
    slot_id = uuid.UUID(anna.create("bookable_slot", **_slot_fields(world, _tomorrow_at(9), mode="phone")))
    booked = help_desk.book(sessions, _submission(world), slot_id, language="fi", address="198.51.100.9", key=KEY)
    assert len(booked.words) == 4 and all(w in help_desk.word_list("fi") for w in booked.words)

    def check(receipt: help_desk.Receipt, words: str | None = None) -> help_desk.Status:
        return help_desk.status(sessions, receipt.reference, words or receipt.code, address="198.51.100.9", key=KEY)

    held = check(booked)
    assert held.state == "received" and held.kind == "booking" and held.reply is None
    assert held.meeting is not None and held.meeting.mode == "phone" and held.meeting.place is None
    request = _request_of(anna, booked.reference)
    _update(anna, "intake_request", request, status="accepted", reply="A presto! Vi chiamiamo noi.")
    confirmed = check(booked)
    assert confirmed.state == "confirmed" and confirmed.reply == "A presto! Vi chiamiamo noi."
    assert confirmed.meeting is not None and confirmed.meeting.place == "Via Roma 1, Lodi: ring 'Servizio'"
    assert confirmed.meeting.starts_at == _tomorrow_at(9)

    first = help_desk.submit(
        sessions, _submission(world, kind="first_contact"), language="en", address="198.51.100.9", key=KEY
    )
    # Typed as people type: another case, commas, each word cut after its fourth letter.
    loose = ", ".join(w[:4].upper() for w in first.words)
    assert check(first, loose).state == "received"
    contact = _request_of(anna, first.reference)
    _update(anna, "intake_request", contact, status="accepted")
    assert check(first).state == "being_handled"
    _update(anna, "intake_request", _request_of(anna, first.reference), status="declined", reply="Try the day centre.")
    declined = check(first)
    assert declined.state == "declined" and declined.reply == "Try the day centre." and declined.meeting is None


def test_the_words_are_kept_only_as_an_argon2_hash_and_addresses_only_as_hmacs(world: World) -> None:
    sessions = session_factory(world.engine)
    receipt = help_desk.submit(
        sessions, _submission(world, kind="first_contact"), language="it", address="198.51.100.77", key=KEY
    )
    with pytest.raises(help_desk.NotFound):
        help_desk.status(sessions, receipt.reference, "uno due tre quattro", address="198.51.100.77", key=KEY)
    with sessions() as session:
        access = session.scalars(select(HelpAccess)).one()
        keys = session.scalars(select(LoginThrottle.key)).all()
    assert access.check_hash.startswith("$argon2id$")
    assert not any(word in access.check_hash for word in receipt.words)
    assert keys and all("198.51.100.77" not in k and receipt.reference not in k for k in keys)


def test_wrong_words_are_throttled_per_address_and_per_reference(world: World) -> None:
    sessions = session_factory(world.engine)
    receipt = help_desk.submit(sessions, _submission(world, kind="first_contact"), language="en", address="x", key=KEY)
    wrong = "zoo zoo zoo zoo" if receipt.words != ("zoo",) * 4 else "able able able able"
    start = utc_now()

    def ask(address: str, words: str, at: dt.timedelta) -> str:
        try:
            help_desk.status(sessions, receipt.reference, words, address=address, key=KEY, now=start + at)
        except help_desk.NotFound:
            return "not found"
        except help_desk.Throttled:
            return "throttled"
        return "shown"

    # One address: after a wrong guess it waits 1 s, then 2 s...
    assert ask("192.0.2.1", wrong, dt.timedelta(0)) == "not found"
    assert ask("192.0.2.1", receipt.code, dt.timedelta(milliseconds=500)) == "throttled"
    assert ask("192.0.2.1", wrong, dt.timedelta(seconds=2)) == "not found"
    assert ask("192.0.2.1", wrong, dt.timedelta(seconds=3)) == "throttled"
    # Many addresses at one reference: a clean address always gets its try, failing ones are
    # held back once the reference has had its share of wrong guesses this minute.
    for n in range(2, 6):
        assert ask(f"192.0.2.{n}", wrong, dt.timedelta(seconds=5)) == "not found"
    assert ask("192.0.2.2", wrong, dt.timedelta(seconds=10)) == "throttled"
    assert ask("192.0.2.200", receipt.code, dt.timedelta(seconds=10)) == "shown"  # never locked out
    # A bad form is told by name and not counted as a guess.
    for reference, words, name in [
        ("12345", receipt.code, "reference"),
        (receipt.reference, "three words only", "words"),
    ]:
        with pytest.raises(help_desk.BadInput) as bad:
            help_desk.status(sessions, reference, words, address="192.0.2.99", key=KEY, now=start)
        assert bad.value.field == name and str(bad.value).startswith(name)
    assert ask("192.0.2.99", receipt.code, dt.timedelta(seconds=11)) == "shown"


def test_bad_input_names_the_field(world: World) -> None:
    sessions = session_factory(world.engine)
    cases = [
        (
            lambda: help_desk.submit(
                sessions, _submission(world, kind="first_contact"), language="de", address="a", key=KEY
            ),
            "language",
        ),
        (lambda: help_desk.submit(sessions, _submission(world), language="it", address="a", key=KEY), "kind"),
        (
            lambda: help_desk.book(
                sessions, _submission(world, kind="first_contact"), uuid.uuid4(), language="it", address="a", key=KEY
            ),
            "kind",
        ),
        (
            lambda: help_desk.book(sessions, _submission(world), "not-an-id", language="it", address="a", key=KEY),
            "slot_id",
        ),
        (
            lambda: help_desk.book(sessions, _submission(world), uuid.uuid4(), language="it", address="a", key=KEY),
            "slot_id",
        ),
        (lambda: help_desk.free_slots(sessions, world.team_a, weeks=0), "weeks"),
        (lambda: help_desk.free_slots(sessions, world.team_a, weeks=13), "weeks"),
    ]
    for call, name in cases:
        with pytest.raises(help_desk.BadInput) as bad:
            call()
        assert bad.value.field == name and str(bad.value).startswith(f"{name}:"), (name, bad.value)


# --- retention -----------------------------------------------------------------------------------


def test_status_expires_after_the_retention_it_sets(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    anna = _anna(world)
    sessions = session_factory(world.engine)

    def declined_request() -> tuple[help_desk.Receipt, dt.datetime]:
        receipt = help_desk.submit(
            sessions, _submission(world, kind="first_contact"), language="it", address="r", key=KEY
        )
        request = _request_of(anna, receipt.reference)
        assert shown(receipt, utc_now() + dt.timedelta(days=400))  # an open request never expires
        _update(anna, "intake_request", request, status="declined", reply="Ci dispiace.")
        return receipt, utc_now()

    def shown(receipt: help_desk.Receipt, at: dt.datetime) -> bool:
        try:
            help_desk.status(sessions, receipt.reference, receipt.code, address="r", key=KEY, now=at)
        except help_desk.NotFound:
            return False
        return True

    # The default: 90 days after it was closed; checked past it, its way in goes at once.
    first, closed = declined_request()
    assert help_desk.retention_from_env() == dt.timedelta(days=90)
    assert shown(first, closed + dt.timedelta(days=89))
    assert not shown(first, closed + dt.timedelta(days=91))
    assert not shown(first, closed + dt.timedelta(days=1))
    # IT sets 10 days; `purge_expired` forgets what nobody checked.
    monkeypatch.setenv(help_desk.RETENTION_ENV, "10")
    assert help_desk.retention_from_env() == dt.timedelta(days=10)
    second, closed = declined_request()
    assert shown(second, closed + dt.timedelta(days=9))
    assert help_desk.purge_expired(sessions, now=closed + dt.timedelta(days=9)) == 0
    assert help_desk.purge_expired(sessions, now=closed + dt.timedelta(days=11)) == 1
    monkeypatch.delenv(help_desk.RETENTION_ENV)
    assert not shown(second, closed + dt.timedelta(days=1))  # gone for good
    with session_factory(world.engine)() as session:
        assert session.scalars(select(HelpAccess)).all() == []
    for bad in ("ninety", "-1", "nan", "99999"):
        monkeypatch.setenv(help_desk.RETENTION_ENV, bad)
        with pytest.raises(ValueError, match=help_desk.RETENTION_ENV):
            help_desk.retention_from_env()


def test_a_confirmed_booking_is_closed_once_its_meeting_is_over(world: World) -> None:
    anna = _anna(world)
    sessions = session_factory(world.engine)
    starts = _tomorrow_at(9, days=3)
    slot_id = anna.create("bookable_slot", **_slot_fields(world, starts))
    receipt = help_desk.book(sessions, _submission(world), slot_id, language="en", address="b", key=KEY)
    _update(anna, "intake_request", _request_of(anna, receipt.reference), status="accepted")
    retention = dt.timedelta(days=90)
    ends = starts + dt.timedelta(minutes=45)
    at = {"before": ends + retention - dt.timedelta(hours=1), "after": ends + retention + dt.timedelta(hours=1)}
    assert (
        help_desk.status(
            sessions, receipt.reference, receipt.code, address="b", key=KEY, now=at["before"], retention=retention
        ).state
        == "confirmed"
    )
    with pytest.raises(help_desk.NotFound):
        help_desk.status(
            sessions, receipt.reference, receipt.code, address="b", key=KEY, now=at["after"], retention=retention
        )


def test_each_word_list_gives_44_bits_and_says_where_it_came_from() -> None:
    readme = (help_desk.WORD_LISTS / "README.md").read_text(encoding="utf-8")
    for language in help_desk.LANGUAGES:
        words = help_desk.word_list(language)
        assert len(set(words)) == len(words) >= 2048
        assert help_desk.WORDS * math.log2(len(words)) >= 44
        assert f"`{language}.txt`" in readme
        # Told apart by four letters without accents, so a word typed short or without ä/ö is found.
        assert help_desk.canonical_words(help_desk.typed_words(" ".join(w[:4] for w in words[:4])), language) == (
            " ".join(words[:4])
        )
    assert "MIT" in readme and "CC BY 4.0" in readme
    draws = {help_desk.new_words("it") for _ in range(50)}
    assert len(draws) == 50  # drawn afresh each time (a repeat in 50 draws of 2^44 would be a broken draw)
