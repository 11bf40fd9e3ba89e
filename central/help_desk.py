"""The public help desk's back end: free slots, bookings that hold one, status without an account.

Owns, for the pages under /help/ (which call these functions and nothing below them):
- `free_slots`: a team's open, unheld slots of the next weeks, by local day, with no operator
  name and no place (the place is told once the team confirms);
- `submit` and `book`: a first-contact or booking request put in the team's queue (as
  central.intake does, same rate limit), with its short reference and four secret check words
  in the person's language; `book` holds the chosen slot for the request, safely under
  concurrency: of two people booking one slot at once, one gets it and the other `SlotTaken`;
- `status`: what a person sees with their reference and words: received, being handled,
  appointment confirmed (time, how, place) or declined, and the team's reply; wrong words are
  throttled per reference and per client address (central.throttle, under HMAC keys);
- the status retention IT sets (`PROSSIMO_HELP_RETENTION_DAYS`, default 90 days after a
  request is closed) and `purge_expired`, which forgets the means to read expired requests.

The hold's state is the request's status (protocol.entities.slot_taken_by): a device confirms
or declines by updating the request, and a declined request gives its slot back with nothing
else to change. The `slot_hold` row (one per slot, locked with the slot's record) is what makes
the hold race-free.

Must never tell a caller whether a reference exists without its words, store the words or a
client address in clear, name an operator, show a slot's place before the team confirmed it,
hold a slot that a live request holds, or hash (Argon2) inside a database transaction.
"""

import datetime as dt
import math
import os
import re
import secrets
import unicodedata
import uuid
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from central import audit, intake, security, throttle
from central.models import HelpAccess, SlotHold, StoredRecord
from protocol.clock import utc_now
from protocol.entities import BookableSlot, IntakeRequest, SlotMode, slot_taken_by
from protocol.messages import IntakeSubmission

LANGUAGES = ("it", "en", "fi")
WORDS = 4
WORD_LIST_SIZE = 2048  # 4 words of 11 bits: 44 bits
WORD_LISTS = Path(__file__).with_name("wordlists")
PREFIX = 4  # a word is known by its first four letters read without accents (the lists are built so)

RETENTION_ENV = "PROSSIMO_HELP_RETENTION_DAYS"
DEFAULT_RETENTION = dt.timedelta(days=90)
DEFAULT_WEEKS = 4
MAX_WEEKS = 12
# A slot starting sooner than this is no longer offered: the team would not see the request in time.
MIN_NOTICE = dt.timedelta(hours=2)
REFERENCE_TRIES = 20  # 16.7 million references: a clash is rare, twenty in a row is a broken generator

Field = Literal["language", "kind", "slot_id", "weeks", "reference", "words", "team_id"]


class BadInput(ValueError):
    """Input a page must send back to the person with the field named. `rule` is a stable
    key for the page's translated message; the text is the English one."""

    def __init__(self, field: Field, rule: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule


class SlotTaken(Exception):
    """The slot was just taken (or withdrawn, or is too close now): choose another."""

    def __init__(self) -> None:
        super().__init__("slot_id: this time was just taken; choose another")
        self.field = "slot_id"


class NotFound(Exception):
    """No request with this reference and these words (or no longer shown): one answer for all,
    so a caller without the words learns nothing about the reference."""


# The page shows these as they are: central.intake's, re-exported so pages import one module.
RateLimited = intake.RateLimited
UnknownTeam = intake.UnknownTeam
Throttled = throttle.Throttled


@dataclass(frozen=True)
class FreeSlot:
    """What the public sees of a free slot: when and how, never who or where."""

    id: uuid.UUID
    starts_at: dt.datetime  # in the slot's own zone
    ends_at: dt.datetime
    mode: SlotMode


@dataclass(frozen=True)
class FreeDay:
    day: dt.date  # local date in the slots' zone
    slots: tuple[FreeSlot, ...]


@dataclass(frozen=True)
class Receipt:
    """What the person must keep: the reference and the words (shown once, stored only hashed)."""

    reference: str
    words: tuple[str, ...]
    language: str

    @property
    def code(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Meeting:
    """The booked slot as the status page tells it; `place` only once confirmed."""

    starts_at: dt.datetime  # in the slot's own zone
    ends_at: dt.datetime
    mode: SlotMode
    place: str | None


State = Literal["received", "being_handled", "confirmed", "declined"]


@dataclass(frozen=True)
class Status:
    state: State
    kind: Literal["first_contact", "booking"]
    meeting: Meeting | None  # a booking's slot (with its place only when confirmed)
    reply: str | None  # the team's message to the person (also their message when declining)
    received_at: dt.datetime


# --- settings ----------------------------------------------------------------------------------


def retention_from_env() -> dt.timedelta:
    """How long after a request is closed its status is still shown; a bad value is refused by name."""
    raw = os.environ.get(RETENTION_ENV)
    if raw is None or raw == "":
        return DEFAULT_RETENTION
    try:
        days = float(raw)
    except ValueError:
        raise ValueError(f"{RETENTION_ENV}: a number of days, e.g. 90 (got {raw!r})") from None
    if not (days >= 0 and math.isfinite(days)) or days > 3650:
        raise ValueError(f"{RETENTION_ENV}: between 0 and 3650 days (got {raw!r})")
    return dt.timedelta(days=days)


# --- check words -------------------------------------------------------------------------------


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@cache
def word_list(language: str) -> tuple[str, ...]:
    """The language's 2048 check words (central/wordlists, README.md there says their sources)."""
    words = tuple((WORD_LISTS / f"{language}.txt").read_text(encoding="utf-8").split())
    if len(words) != WORD_LIST_SIZE or len({_folded(w)[:PREFIX] for w in words}) != WORD_LIST_SIZE:
        raise RuntimeError(f"wordlists/{language}.txt: not {WORD_LIST_SIZE} words told apart by {PREFIX} letters")
    return words


@cache
def _by_prefix(language: str) -> dict[str, str]:
    return {_folded(w)[:PREFIX]: w for w in word_list(language)}


def new_words(language: str) -> tuple[str, ...]:
    words = word_list(_language(language))
    return tuple(secrets.choice(words) for _ in range(WORDS))


def typed_words(text: str) -> list[str]:
    """The words as typed, folded (any case, accents or not, any separators); BadInput unless four."""
    typed = re.findall(r"[^\W\d_]+", _folded(text))
    if len(typed) != WORDS:
        raise BadInput("words", "four_words", f"the {WORDS} words you were given, in their order")
    return typed


def canonical_words(typed: list[str], language: str) -> str:
    """Typed words in the form they were hashed in: each one known by its first four letters,
    so a word may be typed shortened, without accents, or with a slip after the fourth letter."""
    known = _by_prefix(_language(language))
    return " ".join(known.get(word[:PREFIX], word) for word in typed)


def canonical_reference(text: str) -> str:
    reference = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"[0-9A-F]{6}", reference):
        raise BadInput("reference", "reference_format", "the six letters and digits you were given, e.g. 3F9A0C")
    return reference


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise BadInput("language", "unknown_language", f"one of {', '.join(LANGUAGES)}")
    return language


# --- free slots --------------------------------------------------------------------------------


def free_slots(
    sessions: sessionmaker[Session], team_id: uuid.UUID, *, weeks: int = DEFAULT_WEEKS, now: dt.datetime | None = None
) -> list[FreeDay]:
    """The team's slots a person may book, from MIN_NOTICE from now to `weeks` ahead, by local day."""
    if type(weeks) is not int or not 1 <= weeks <= MAX_WEEKS:
        raise BadInput("weeks", "weeks_range", f"a whole number of weeks from 1 to {MAX_WEEKS}")
    now = now or utc_now()
    with sessions() as session:
        slots = [slot for slot in _team_slots(session, team_id) if _offered(slot, now, weeks)]
        taken = _taken(session, [slot.id for slot in slots])
    by_day: dict[dt.date, list[FreeSlot]] = {}
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.id)):
        if slot.id in taken:
            continue
        zone = zoneinfo.ZoneInfo(slot.time_zone)
        free = FreeSlot(slot.id, slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone), slot.mode)
        by_day.setdefault(free.starts_at.date(), []).append(free)
    return [FreeDay(day, tuple(found)) for day, found in sorted(by_day.items())]


def _team_slots(session: Session, team_id: uuid.UUID) -> list[BookableSlot]:
    rows = session.execute(
        select(StoredRecord.body).where(
            StoredRecord.entity == "bookable_slot",
            StoredRecord.team_id == team_id,
            StoredRecord.deleted.is_(False),
            StoredRecord.erased.is_(False),
        )
    ).scalars()
    return [BookableSlot.model_validate_json(body) for body in rows]


def _offered(slot: BookableSlot, now: dt.datetime, weeks: int = MAX_WEEKS) -> bool:
    return slot.state == "open" and now + MIN_NOTICE <= slot.starts_at < now + dt.timedelta(weeks=weeks)


def _live_request(session: Session, request_id: uuid.UUID) -> IntakeRequest | None:
    row = session.get(StoredRecord, request_id, populate_existing=True)
    if row is None or row.erased or row.entity != "intake_request":
        return None
    return IntakeRequest.model_validate_json(row.body)


def _taken(session: Session, slot_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these slots a live request holds (the request's status decides, not the row)."""
    if not slot_ids:
        return set()
    rows = session.execute(
        select(SlotHold.slot_id, StoredRecord.body, StoredRecord.erased)
        .join(StoredRecord, StoredRecord.id == SlotHold.request_id)
        .where(SlotHold.slot_id.in_(slot_ids))
    ).all()
    return {
        slot_id
        for slot_id, body, erased in rows
        if not erased and slot_taken_by(IntakeRequest.model_validate_json(body)) is not None
    }


# --- first contacts and bookings ---------------------------------------------------------------


def submit(
    sessions: sessionmaker[Session],
    submission: IntakeSubmission,
    *,
    language: str,
    address: str,
    key: bytes,
    now: dt.datetime | None = None,
) -> Receipt:
    """A first contact put in the team's queue; the person gets a reference and check words.

    Raises BadInput (kind is booking: use `book`; an unknown language), RateLimited, UnknownTeam."""
    if submission.kind != "first_contact":
        raise BadInput("kind", "booking_needs_slot", "a booking request is sent with the slot chosen")
    return _receive(sessions, submission, None, language, address, key, now)


def book(
    sessions: sessionmaker[Session],
    submission: IntakeSubmission,
    slot_id: uuid.UUID | str,
    *,
    language: str,
    address: str,
    key: bytes,
    now: dt.datetime | None = None,
) -> Receipt:
    """A booking request holding `slot_id` until the team confirms or declines it.

    Raises SlotTaken (someone else holds it, or it was withdrawn or is too close now: the page
    offers the free slots again), BadInput (not a booking, no such slot of this team, an unknown
    language), RateLimited, UnknownTeam."""
    if submission.kind != "booking":
        raise BadInput("kind", "not_booking", "only a booking request holds a slot")
    try:
        slot = uuid.UUID(str(slot_id))
    except ValueError:
        raise BadInput("slot_id", "no_such_slot", "choose one of the times offered") from None
    return _receive(sessions, submission, slot, language, address, key, now)


def _receive(
    sessions: sessionmaker[Session],
    submission: IntakeSubmission,
    slot_id: uuid.UUID | None,
    language: str,
    address: str,
    key: bytes,
    now: dt.datetime | None,
) -> Receipt:
    words = new_words(language)
    check_hash = security.hash_secret(" ".join(words))  # before the transaction: no lock held while hashing
    now = now or utc_now()
    hold = None
    with sessions.begin() as session:
        intake.check_rate(session, address, key, now)
        if slot_id is not None:
            hold = _hold(session, slot_id, submission.team_id, now)
        reference = _free_reference(session)
        request = intake.store_request(session, submission, reference, slot_id)
        if slot_id is not None:
            if hold is None:
                session.add(SlotHold(slot_id=slot_id, request_id=request.id))
            else:  # the request that held it was declined or deleted: the slot is free again
                hold.request_id = request.id
            audit.append(session, "slot.hold", f"bookable_slot:{slot_id}", details={"request": str(request.id)})
        session.add(
            HelpAccess(
                request_id=request.id, reference=reference, check_hash=check_hash, language=language, created_at=now
            )
        )
    return Receipt(reference, words, language)


def _hold(session: Session, slot_id: uuid.UUID, team_id: uuid.UUID, now: dt.datetime) -> SlotHold | None:
    """Lock the slot and its hold row; raise unless the slot may be held now. Returns the row
    of a dead hold to take over, or None when the slot was never held.

    The slot record's row lock (FOR UPDATE on PostgreSQL; SQLite's transactions are serialised
    by BEGIN IMMEDIATE) makes a second booking of the slot wait until the first commits, and then
    see its hold: READ COMMITTED reads anew at each statement."""
    row = session.execute(
        select(StoredRecord)
        .where(StoredRecord.id == slot_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None or row.entity != "bookable_slot" or row.team_id != team_id or row.erased:
        raise BadInput("slot_id", "no_such_slot", "choose one of the times offered")
    if row.deleted or not _offered(BookableSlot.model_validate_json(row.body), now):
        raise SlotTaken()
    hold = session.get(SlotHold, slot_id, with_for_update=True, populate_existing=True)
    if hold is not None:
        holder = _live_request(session, hold.request_id)
        if holder is not None and slot_taken_by(holder) is not None:
            raise SlotTaken()
    return hold


def _free_reference(session: Session) -> str:
    """A reference no status access uses (the status page finds a request by it)."""
    for _ in range(REFERENCE_TRIES):
        reference = intake.new_reference()
        if session.scalar(select(HelpAccess.request_id).where(HelpAccess.reference == reference)) is None:
            return reference
    raise RuntimeError("help_access: no free reference found")


# --- status ------------------------------------------------------------------------------------


def status(
    sessions: sessionmaker[Session],
    reference: str,
    words: str,
    *,
    address: str,
    key: bytes,
    now: dt.datetime | None = None,
    retention: dt.timedelta | None = None,
) -> Status:
    """The request's state and the team's reply, for whoever has its reference and words.

    Raises BadInput (not a reference, not four words: not counted as a guess), Throttled (too
    many wrong words lately from this address, or at this reference: `retry_after`), NotFound
    (wrong words, unknown reference, or its retention is over: one answer). `retention` None
    reads $PROSSIMO_HELP_RETENTION_DAYS."""
    reference = canonical_reference(reference)
    typed = typed_words(words)  # bad forms are told before anything is counted as a guess
    now = now or utc_now()
    retention = retention if retention is not None else retention_from_env()
    attempt = throttle.Attempt(
        security.keyed_hash(key, "status-address", address), security.keyed_hash(key, "status-reference", reference)
    )
    with sessions.begin() as session:  # counted as a wrong guess up front, taken back if right
        throttle.admit(session, attempt, now)
        access = session.scalar(select(HelpAccess).where(HelpAccess.reference == reference))
        stored_hash, language = (access.check_hash, access.language) if access else (None, "en")
    # Outside any transaction: the hash costs the same whether or not the reference exists.
    right = security.verify_password(stored_hash, canonical_words(typed, language))
    with sessions.begin() as session:
        if not right:
            throttle.failed(session, attempt, now)
        else:
            throttle.succeeded(session, attempt, now)
    if not right or access is None:
        raise NotFound()
    with sessions.begin() as session:
        found = _read_status(session, access.request_id, now, retention)
        if found is None:  # expired (or gone): its way in goes now, not only at the next purge
            session.execute(delete(HelpAccess).where(HelpAccess.request_id == access.request_id))
    if found is None:
        raise NotFound()
    return found


def _read_status(session: Session, request_id: uuid.UUID, now: dt.datetime, retention: dt.timedelta) -> Status | None:
    request = _live_request(session, request_id)
    if request is None or request.deleted:
        return None
    slot = _slot(session, request.slot_id)
    closed = closed_at(request, slot)
    if closed is not None and closed + retention <= now:
        return None
    if request.status == "new":
        state: State = "received"
    elif request.status == "declined":
        state = "declined"
    elif request.slot_id is not None:
        state = "confirmed"
    else:
        state = "being_handled"
    meeting = None
    if slot is not None and state != "declined":
        zone = zoneinfo.ZoneInfo(slot.time_zone)
        meeting = Meeting(
            slot.starts_at.astimezone(zone),
            slot.ends_at.astimezone(zone),
            slot.mode,
            slot.place if state == "confirmed" else None,
        )
    return Status(state, request.kind, meeting, request.reply, request.received_at)


def _slot(session: Session, slot_id: uuid.UUID | None) -> BookableSlot | None:
    if slot_id is None:
        return None
    row = session.get(StoredRecord, slot_id)
    if row is None or row.erased or row.entity != "bookable_slot":
        return None
    try:
        return BookableSlot.model_validate_json(row.body)
    except ValidationError:  # a tombstone kept its body; anything else is not a slot to show
        return None


def closed_at(request: IntakeRequest, slot: BookableSlot | None) -> dt.datetime | None:
    """When the help desk's part of a request was over, or None while it is open: declined or
    turned into a contact (its last change), or a confirmed booking once its meeting has ended.
    The status retention counts from here."""
    if request.status == "declined" or (request.status == "converted" and request.slot_id is None):
        return request.updated_at
    if request.status in ("accepted", "converted") and request.slot_id is not None:
        return max(request.updated_at, slot.ends_at) if slot is not None else request.updated_at
    return None


def purge_expired(
    sessions: sessionmaker[Session], *, now: dt.datetime | None = None, retention: dt.timedelta | None = None
) -> int:
    """Forget the means to read requests whose status retention is over (and of requests gone
    or erased): their access rows. Returns how many. The requests themselves stay the team's."""
    now = now or utc_now()
    retention = retention if retention is not None else retention_from_env()
    with sessions.begin() as session:
        expired = [
            access.request_id
            for access in session.scalars(select(HelpAccess))
            if _read_status(session, access.request_id, now, retention) is None
        ]
        if expired:
            session.execute(delete(HelpAccess).where(HelpAccess.request_id.in_(expired)))
    return len(expired)
