"""Calendar reads: appointments in a time range, double bookings, reminders due, the Today lists.

Owns: every SQL statement the Calendar and Today screens and the reminder service
need, returning protocol records wrapped in frozen dataclasses that carry the
contacts' display names (so a screen never asks once per row).

How ranges work: the projected column `appointment.starts_at` holds the start as
UTC ISO text (`RecordRepository` writes `astimezone(UTC).isoformat()`), so bounds
formatted the same way compare correctly as text and use the index
`appointment_by_start(deleted, starts_at, id)`. An appointment that started before
a range may still reach into it (one that crosses midnight, say): ranges look back
`LONGEST_APPOINTMENT` on the index and keep what really overlaps, by `ends_at`.

Repeating appointments (`protocol.recurrence`) are one record each, projected by
their first meeting's start: a range also reads every series that began before it
(a second query, `json_extract(body, '$.recurrence') IS NOT NULL`) and asks
`protocol.recurrence.occurrences` which of its meetings fall in the range. A
`Booked` is then one meeting (`occurrence` set), and `Booked.key` tells apart the
meetings of one series. The double-booking rule (`clashing`) is written once and
used both for a new booking (`overlapping`) and for marking what a screen shows
(`overlaps_among`). A series asks for no outcome in `follow_ups`: its outcome note
is one field for many meetings.

Must never write, never import Qt, and never return tombstones.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from desktop.store.session import StoreSession
from protocol import Appointment, Consent, Contact, IntakeRequest, Referral
from protocol.recurrence import Occurrence, Recurrence, occurrences

# Appointments longer than this are only found from the day they start on.
LONGEST_APPOINTMENT = dt.timedelta(days=2)
# Open appointments (requested/confirmed) whose end is past ask for an outcome, this far back.
OUTCOME_LOOKBACK = dt.timedelta(days=90)
CONSENT_WARNING = dt.timedelta(days=30)
REFERRAL_ANSWER_WAIT = dt.timedelta(days=14)
# A reminder whose moment passed while the app was closed is still shown this long after the start.
REMINDER_GRACE = dt.timedelta(minutes=5)
# Only appointments still ahead get reminders: a done or cancelled one needs none.
REMINDED_STATUSES = ("requested", "confirmed")
LIST_LIMIT = 50


def utc_text(value: dt.datetime) -> str:
    """The text form of the projected time columns (see `repositories._utc_text`)."""
    return value.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class BookedContact:
    id: uuid.UUID
    name: str  # display name; "" when the contact is no longer on this device
    team_id: uuid.UUID | None


BookedKey = tuple[uuid.UUID, dt.date | None]


@dataclass(frozen=True)
class Booked:
    """An appointment with the names of its contacts, in the appointment's order.

    For a repeating appointment, one of its meetings (`occurrence`); `starts_at` and
    `ends_at` are that meeting's."""

    appointment: Appointment
    contacts: tuple[BookedContact, ...]
    occurrence: Occurrence | None = None

    @property
    def id(self) -> uuid.UUID:
        return self.appointment.id

    @property
    def key(self) -> BookedKey:
        """Tells apart the meetings of one series: (id, the meeting's local date), or (id, None)."""
        return (self.appointment.id, self.occurrence.day if self.occurrence else None)

    @property
    def repeats(self) -> bool:
        return self.appointment.recurrence is not None

    @property
    def starts_at(self) -> dt.datetime:
        return self.occurrence.starts_at if self.occurrence else self.appointment.starts_at

    @property
    def ends_at(self) -> dt.datetime:
        return self.occurrence.ends_at if self.occurrence else self.appointment.ends_at

    @property
    def status(self) -> str:
        return self.appointment.status

    def names(self) -> list[str]:
        return [contact.name for contact in self.contacts if contact.name]


@dataclass(frozen=True)
class Clash:
    """An appointment a new booking overlaps, and what the two have in common."""

    booked: Booked
    same_operator: bool
    shared_contacts: tuple[BookedContact, ...]


@dataclass(frozen=True)
class DueReminder:
    """What a reminder may say: no names (it may pop up on a shared screen)."""

    appointment_id: uuid.UUID
    starts_at: dt.datetime
    place_kind: str
    minutes_before: int


FollowUpKind = Literal["outcome", "consent_expiring", "referral_unanswered"]


@dataclass(frozen=True)
class FollowUp:
    """Something that waits on the operator.

    - "outcome": one of my appointments ended but is still requested/confirmed
      (`at` = its start, `what` = its place kind, `record_id` = the appointment);
    - "consent_expiring": a consent that is neither withdrawn nor renewed expires
      within `CONSENT_WARNING` (`at` = expiry, `what` = purpose, `record_id` = the consent);
    - "referral_unanswered": a referral still "sent" and unchanged for
      `REFERRAL_ANSWER_WAIT` (`at` = its last change, `what` = the service's name).
    """

    kind: FollowUpKind
    record_id: uuid.UUID
    contact_id: uuid.UUID | None
    contact_name: str
    at: dt.datetime
    what: str


@dataclass(frozen=True)
class TodayOverview:
    today: list[Booked]
    tomorrow: list[Booked]
    new_intake_count: int
    new_intake: list[IntakeRequest]  # newest first, at most LIST_LIMIT
    follow_ups: list[FollowUp]
    pending_changes: int


# --- names ---------------------------------------------------------------------------


def _contacts_by_id(session: StoreSession, ids: Iterable[uuid.UUID | str]) -> dict[str, Contact]:
    wanted = sorted({str(i) for i in ids})
    found: dict[str, Contact] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = session.conn.execute(
            f"SELECT id, body FROM contact WHERE deleted = 0 AND id IN ({marks})",  # noqa: S608 - placeholders only
            chunk,
        ).fetchall()
        found.update((row[0], Contact.model_validate_json(row[1])) for row in rows)
    return found


def _with_names(
    session: StoreSession, appointments: list[Appointment], meetings: list[Occurrence | None] | None = None
) -> list[Booked]:
    """`Booked` items of `appointments`, each with its meeting from `meetings` (same order) when given."""
    contacts = _contacts_by_id(session, (cid for a in appointments for cid in a.contact_ids))

    def person(contact_id: uuid.UUID) -> BookedContact:
        contact = contacts.get(str(contact_id))
        if contact is None:
            return BookedContact(contact_id, "", None)
        return BookedContact(contact_id, contact.display_name, contact.team_id)

    found = meetings if meetings is not None else [None] * len(appointments)
    return [Booked(a, tuple(person(cid) for cid in a.contact_ids), o) for a, o in zip(appointments, found, strict=True)]


def _meetings(
    appointments: list[Appointment], start: dt.datetime, end: dt.datetime
) -> tuple[list[Appointment], list[Occurrence | None]]:
    """Each appointment once per meeting overlapping [start, end), in start order; a single one has no
    `Occurrence` (its own times are the meeting's)."""
    pairs: list[tuple[Appointment, Occurrence | None]] = []
    for appointment in appointments:
        if appointment.recurrence is None:
            pairs.append((appointment, None))
        else:
            pairs.extend((appointment, o) for o in occurrences(appointment, start, end))
    pairs.sort(key=lambda p: (p[1].starts_at if p[1] else p[0].starts_at, str(p[0].id)))
    return [p[0] for p in pairs], [p[1] for p in pairs]


# --- ranges ----------------------------------------------------------------------------


def appointments_overlapping(
    session: StoreSession, start: dt.datetime, end: dt.datetime, extra_sql: str = "", params: tuple[Any, ...] = ()
) -> list[Appointment]:
    """Live appointments with a meeting overlapping [start, end): single ones found by their start on
    the index, series that began earlier by a second query (see the module docstring). Each record once."""
    since = utc_text(start - LONGEST_APPOINTMENT)
    rows = session.conn.execute(
        "SELECT a.body FROM appointment a WHERE a.deleted = 0 AND a.starts_at >= ? AND a.starts_at < ? "  # noqa: S608 - fixed text, values are parameters
        + extra_sql
        + " ORDER BY a.starts_at, a.id",  # extra_sql: fixed text of this module, values are parameters
        (since, utc_text(end), *params),
    ).fetchall()
    series_rows = session.conn.execute(
        "SELECT a.body FROM appointment a WHERE a.deleted = 0 AND a.starts_at < ? "  # noqa: S608 - fixed text, values are parameters
        "AND json_extract(a.body, '$.recurrence') IS NOT NULL " + extra_sql + " ORDER BY a.starts_at, a.id",
        (since, *params),
    ).fetchall()
    found = [Appointment.model_validate_json(row[0]) for row in (*series_rows, *rows)]
    return [a for a in found if next(occurrences(a, start, end), None) is not None]


def appointments_between(
    session: StoreSession,
    start: dt.datetime,
    end: dt.datetime,
    *,
    operator_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
) -> list[Booked]:
    """Appointments overlapping [start, end) booked under `operator_id`, or with a
    contact of `team_id` (give one of the two), cancelled ones included."""
    if (operator_id is None) == (team_id is None):
        raise ValueError("give either operator_id or team_id")
    if operator_id is not None:
        extra, params = "AND a.operator_id = ?", (str(operator_id),)
    else:
        extra = (
            "AND EXISTS (SELECT 1 FROM appointment_contact l JOIN contact c ON c.id = l.contact_id "
            "WHERE l.appointment_id = a.id AND c.deleted = 0 AND c.team_id = ?)"
        )
        params = (str(team_id),)
    records, meetings = _meetings(appointments_overlapping(session, start, end, extra, params), start, end)
    return _with_names(session, records, meetings)


def booked(session: StoreSession, appointment_id: uuid.UUID | str) -> Booked:
    """One live appointment with its names (raises RecordNotFound)."""
    return _with_names(session, [session.appointments.get(appointment_id)])[0]


def clashing(one: Booked, other: Booked) -> bool:
    """The double-booking rule: two meetings, neither cancelled, that overlap in time (back to back
    is not overlapping) and have the same operator or a contact in common. Meetings of one
    appointment never clash with each other."""
    if one.id == other.id or "cancelled" in (one.status, other.status):
        return False
    if not (one.starts_at < other.ends_at and other.starts_at < one.ends_at):
        return False
    same_operator = one.appointment.operator_id == other.appointment.operator_id
    return same_operator or bool(set(one.appointment.contact_ids) & set(other.appointment.contact_ids))


def overlaps_among(items: Iterable[Booked]) -> dict[BookedKey, list[Booked]]:
    """For each shown meeting that `clashing` another shown one, the ones it overlaps (in start order)."""
    shown = sorted(items, key=lambda b: (b.starts_at, str(b.id)))
    found: dict[BookedKey, list[Booked]] = {}
    for index, one in enumerate(shown):
        for other in shown[index + 1 :]:
            if other.starts_at >= one.ends_at:
                break  # sorted by start: nothing later can overlap `one`
            if clashing(one, other):
                found.setdefault(one.key, []).append(other)
                found.setdefault(other.key, []).append(one)
    for overlapped in found.values():
        overlapped.sort(key=lambda b: (b.starts_at, str(b.id)))
    return found


def overlapping(
    session: StoreSession,
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    operator_id: uuid.UUID,
    contact_ids: Iterable[uuid.UUID],
    exclude_id: uuid.UUID | None = None,
    recurrence: Recurrence | None = None,
    time_zone: str = "UTC",
    exceptions: Iterable[dt.date] = (),
) -> list[Clash]:
    """Meetings that `clashing` the booking [starts_at, ends_at), or with `recurrence` (in `time_zone`,
    without `exceptions`) any of its meetings; `exclude_id` is the appointment being edited."""
    wanted = [c for c in dict.fromkeys(contact_ids)]
    # A probe, not a record: unvalidated, with only the fields the clash rule reads (the plugin's
    # model_construct asks for every required field).
    probe_record = Appointment.model_construct(  # type: ignore[call-arg]
        id=exclude_id or uuid.UUID(int=0),
        contact_ids=wanted,
        operator_id=operator_id,
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        status="confirmed",
        recurrence=recurrence,
        exceptions=list(exceptions),
    )
    probes = [Booked(probe_record, (), o) for o in occurrences(probe_record)]
    if not probes:
        return []
    marks = ", ".join("?" for _ in wanted) or "NULL"
    extra = (
        "AND a.status != 'cancelled' AND a.id != ? AND (a.operator_id = ? OR EXISTS ("  # noqa: S608 - placeholders only
        f"SELECT 1 FROM appointment_contact l WHERE l.appointment_id = a.id AND l.contact_id IN ({marks})))"
    )
    params = (str(exclude_id or ""), str(operator_id), *(str(c) for c in wanted))
    start, end = probes[0].starts_at, probes[-1].ends_at
    records, meetings = _meetings(appointments_overlapping(session, start, end, extra, params), start, end)
    clashes = []
    for item in _with_names(session, records, meetings):
        if any(clashing(probe, item) for probe in probes if probe.starts_at < item.ends_at):
            shared = tuple(c for c in item.contacts if c.id in wanted)
            clashes.append(Clash(item, item.appointment.operator_id == operator_id, shared))
    return clashes


# --- reminders ------------------------------------------------------------------------------


def due_reminders(session: StoreSession, *, operator_id: uuid.UUID, now: dt.datetime) -> list[DueReminder]:
    """My requested/confirmed appointments whose reminder moment (start minus
    `reminder_minutes_before`) has come, and whose start is at most `REMINDER_GRACE` ago."""
    longest_lead = dt.timedelta(minutes=43_200)  # the schema's maximum reminder_minutes_before
    since, until = now - REMINDER_GRACE, now + longest_lead
    wanted = "AND operator_id = ? AND status IN (?, ?) AND json_extract(body, '$.reminder_minutes_before') IS NOT NULL "
    params = (str(operator_id), *REMINDED_STATUSES)
    rows = session.conn.execute(
        "SELECT body FROM appointment WHERE deleted = 0 AND starts_at >= ? AND starts_at <= ? "  # noqa: S608 - fixed text, values are parameters
        + wanted
        + "ORDER BY starts_at, id",  # fixed text of this function, values are parameters
        (utc_text(since), utc_text(until), *params),
    ).fetchall()
    series_rows = session.conn.execute(
        "SELECT body FROM appointment WHERE deleted = 0 AND starts_at < ? "  # noqa: S608 - fixed text, values are parameters
        "AND json_extract(body, '$.recurrence') IS NOT NULL " + wanted + "ORDER BY starts_at, id",
        (utc_text(since), *params),
    ).fetchall()
    due = []
    for row in (*series_rows, *rows):
        appointment = Appointment.model_validate_json(row[0])
        lead = appointment.reminder_minutes_before
        if lead is None:
            continue
        for meeting in occurrences(appointment, since, until + dt.timedelta(seconds=1)):
            if meeting.starts_at >= since and meeting.starts_at - dt.timedelta(minutes=lead) <= now:
                due.append(DueReminder(appointment.id, meeting.starts_at, appointment.place_kind, lead))
    due.sort(key=lambda d: (d.starts_at, str(d.appointment_id)))
    return due


# --- Today -------------------------------------------------------------------------------------


def _outcomes_missing(session: StoreSession, operator_id: uuid.UUID, now: dt.datetime) -> list[FollowUp]:
    rows = session.conn.execute(
        "SELECT body FROM appointment WHERE deleted = 0 AND starts_at >= ? AND starts_at < ? "
        "AND operator_id = ? AND status IN ('requested', 'confirmed') "
        "AND json_extract(body, '$.recurrence') IS NULL ORDER BY starts_at DESC, id",
        (utc_text(now - OUTCOME_LOOKBACK), utc_text(now), str(operator_id)),
    ).fetchall()
    ended = [a for a in (Appointment.model_validate_json(row[0]) for row in rows) if a.ends_at <= now]
    items = []
    for item in _with_names(session, ended[:LIST_LIMIT]):
        contact = item.contacts[0]
        name = ", ".join(item.names())
        items.append(FollowUp("outcome", item.id, contact.id, name, item.starts_at, item.appointment.place_kind))
    return items


def _consents_expiring(session: StoreSession, now: dt.datetime) -> list[FollowUp]:
    # No projected expiry column: the few consents with an expiry and no withdrawal are read whole.
    rows = session.conn.execute(
        "SELECT body FROM consent WHERE deleted = 0 AND json_extract(body, '$.withdrawn_at') IS NULL "
        "AND json_extract(body, '$.expires_at') IS NOT NULL"
    ).fetchall()
    expiring = [
        c
        for c in (Consent.model_validate_json(row[0]) for row in rows)
        if c.expires_at is not None and now <= c.expires_at < now + CONSENT_WARNING
    ]
    if not expiring:
        return []
    renewed = set()
    for consent in expiring:
        for other in session.consents.where("contact_id", str(consent.contact_id)):
            lasts_longer = other.expires_at is None or (
                consent.expires_at is not None and other.expires_at > consent.expires_at
            )
            if (
                other.id != consent.id
                and other.purpose == consent.purpose
                and other.withdrawn_at is None
                and lasts_longer
            ):
                renewed.add(consent.id)
    waiting = sorted((c for c in expiring if c.id not in renewed), key=lambda c: (c.expires_at, str(c.id)))
    contacts = _contacts_by_id(session, (c.contact_id for c in waiting))
    return [
        FollowUp("consent_expiring", c.id, c.contact_id, _name(contacts, c.contact_id), c.expires_at, c.purpose)
        for c in waiting[:LIST_LIMIT]
        if c.expires_at is not None
    ]


def _referrals_unanswered(session: StoreSession, now: dt.datetime) -> list[FollowUp]:
    rows = session.conn.execute(
        "SELECT body FROM referral WHERE deleted = 0 AND json_extract(body, '$.status') = 'sent' "
        "AND updated_at < ? ORDER BY updated_at, id LIMIT ?",
        (utc_text(now - REFERRAL_ANSWER_WAIT), LIST_LIMIT),
    ).fetchall()
    referrals = [Referral.model_validate_json(row[0]) for row in rows]
    contacts = _contacts_by_id(session, (r.contact_id for r in referrals))
    services = {}
    for referral in referrals:
        row = session.conn.execute(
            "SELECT json_extract(body, '$.service_name') FROM resource WHERE id = ?", (str(referral.resource_id),)
        ).fetchone()
        services[referral.id] = row[0] if row and row[0] else ""
    return [
        FollowUp("referral_unanswered", r.id, r.contact_id, _name(contacts, r.contact_id), r.updated_at, services[r.id])
        for r in referrals
    ]


def _name(contacts: dict[str, Contact], contact_id: uuid.UUID) -> str:
    contact = contacts.get(str(contact_id))
    return contact.display_name if contact else ""


def follow_ups(session: StoreSession, *, operator_id: uuid.UUID, now: dt.datetime) -> list[FollowUp]:
    """What waits on the operator (see `FollowUp`): outcomes first, then consents, then referrals.

    Outcomes are of my own appointments; consents and referrals are of the whole
    caseload this device holds (the operator's teams'), because following them up
    is the team's work.
    """
    return [
        *_outcomes_missing(session, operator_id, now),
        *_consents_expiring(session, now),
        *_referrals_unanswered(session, now),
    ]


def new_intake_requests(session: StoreSession, limit: int = LIST_LIMIT) -> tuple[int, list[IntakeRequest]]:
    """How many help-desk requests are "new", and the newest `limit` of them."""
    count = session.conn.execute("SELECT count(*) FROM intake_request WHERE deleted = 0 AND status = 'new'").fetchone()[
        0
    ]
    rows = session.conn.execute(
        "SELECT body FROM intake_request WHERE deleted = 0 AND status = 'new' "
        "ORDER BY received_at DESC, id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return count, [IntakeRequest.model_validate_json(row[0]) for row in rows]


def day_bounds(now: dt.datetime, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of `now`'s day and `days` days later, in `now`'s time zone.

    Aware arithmetic within one ZoneInfo is wall-clock arithmetic, so a day across
    a daylight-saving change is 23 or 25 hours long, as it should be.
    """
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    after = (midnight.replace(tzinfo=None) + dt.timedelta(days=days)).replace(tzinfo=now.tzinfo)
    return midnight, after


def today_overview(session: StoreSession, *, operator_id: uuid.UUID, now: dt.datetime) -> TodayOverview:
    """Everything the Today screen shows; `now` must be in the operator's local zone
    (its day boundaries are that zone's midnights)."""
    today_start, tomorrow_start = day_bounds(now)
    _, day_after = day_bounds(now, days=2)
    today = appointments_between(session, today_start, tomorrow_start, operator_id=operator_id)
    tomorrow = [
        b
        for b in appointments_between(session, tomorrow_start, day_after, operator_id=operator_id)
        if b.starts_at >= tomorrow_start
    ]  # one that began today is listed under today only
    count, intake = new_intake_requests(session)
    return TodayOverview(
        today,
        tomorrow,
        count,
        intake,
        follow_ups(session, operator_id=operator_id, now=now),
        session.replica.pending_count(),
    )
