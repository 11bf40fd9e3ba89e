"""Appointments to and from iCalendar files: what is exported, and how an import changes the store.

Owns: `export_appointments` (a period's appointments to a .ics file) and
`import_appointments` (a .ics file into the store, all or nothing). The format
itself is `desktop.interop.icalendar_files`.

Exporting: the live appointments with a meeting in [start, end) of one operator, of one
team's contacts, or (neither given) every one this device holds, cancelled ones
included (they show as CANCELLED); a period without any writes no file. Names are read from the contacts only when the
operator opted in. The file is written next to its target and renamed over it,
so a failed export never leaves half a file; it is readable by its owner only.

Importing, event by event (see `ImportResult` for what is counted):
- Our own events update the appointment they came from, with the fields the event
  states; an event that changes nothing counts as unchanged (times are compared to
  the second: iCalendar has no fractions). One whose appointment was deleted on this
  device, or never reached it (another device's, not yet synced), is skipped and
  reported: re-creating it would make a duplicate once sync catches up, or bring
  back what someone deleted.
- Events from other calendar programs become appointments only when the caller
  names the contact they are with (`ForeignEvents`): an appointment is always with
  someone, and a calendar event does not say who in a form we could trust. Without
  one they are skipped and reported. They are booked for the importing operator,
  with the kind of place the caller chose. Re-importing the same file does not
  duplicate them: an appointment of that contact with the same start, end and topic
  counts as unchanged (we keep no foreign UID: there is no field for it).
- Every event is converted and validated (schema rules, contacts that exist) before
  anything is written; any problem raises `CalendarFileError` listing each event,
  property and rule, and nothing is written. The writes then go in one transaction.

Must never import Qt, never write half an import, and never put a record's
contents in an error (the lines name events by position and UID).
"""

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from desktop.interop.icalendar_files import (
    PROPERTY_OF_FIELD,
    CalendarEvent,
    CalendarFileError,
    CalendarTexts,
    appointments_calendar,
    read_calendar,
)
from desktop.store.calendar_queries import appointments_between, appointments_overlapping, utc_text
from desktop.store.database import transaction
from desktop.store.errors import RecordNotFound
from desktop.store.private_files import write_private
from desktop.store.session import StoreSession
from protocol import Appointment, describe_validation_error, new_id
from protocol.clock import utc_now

MAX_FILE_BYTES = 10 * 1024 * 1024  # a year of a busy team's appointments is well under 1 MB

SkipReason = Literal["foreign", "deleted", "not_on_device"]


@dataclass(frozen=True)
class ForeignEvents:
    """Where events made by other calendar programs go: the contact they are with, booked for
    `operator_id` (the importing operator when None), at a `place_kind` place."""

    contact_id: uuid.UUID
    place_kind: str = "office"
    operator_id: uuid.UUID | None = None


@dataclass(frozen=True)
class SkippedEvent:
    event: str  # "event 3 (UID ...)": position and UID, never a summary
    reason: SkipReason


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: tuple[SkippedEvent, ...]

    def skipped_for(self, reason: SkipReason) -> int:
        return sum(1 for item in self.skipped if item.reason == reason)


# --- export ---------------------------------------------------------------------------------------------


def appointments_for_export(
    session: StoreSession,
    start: dt.datetime,
    end: dt.datetime,
    *,
    operator_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
) -> list[Appointment]:
    """Live appointments with a meeting in [start, end): an operator's, a team's, or (neither) all.
    A repeating one comes once, whole (its RRULE says the rest)."""
    if operator_id is not None or team_id is not None:
        found = appointments_between(session, start, end, operator_id=operator_id, team_id=team_id)
        return list({item.id: item.appointment for item in found}.values())
    return appointments_overlapping(session, start, end)


def export_appointments(
    session: StoreSession,
    path: Path,
    *,
    start: dt.datetime,
    end: dt.datetime,
    operator_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
    include_names: bool = False,
    texts: CalendarTexts | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Write the period's appointments to `path` (replacing it); returns how many. With none,
    nothing is written (RFC 5545 wants at least one component, and an empty file helps no one)."""
    appointments = appointments_for_export(session, start, end, operator_id=operator_id, team_id=team_id)
    if not appointments:
        return 0
    names: dict[uuid.UUID, str] = {}
    if include_names:
        for contact_id in {c for a in appointments for c in a.contact_ids}:
            try:
                names[contact_id] = session.contacts.get(contact_id).display_name
            except RecordNotFound:
                continue  # a contact no longer on this device has no name to give
    data = appointments_calendar(
        appointments, now=now or utc_now(), include_names=include_names, names=names, texts=texts
    )
    write_private(Path(path), data)  # all of the file or none of it, 0600
    return len(appointments)


# --- import ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    event: CalendarEvent
    action: Literal["create", "update", "unchanged", "skip"]
    fields: dict[str, Any]
    reason: SkipReason | None = None


def import_appointments(
    session: StoreSession,
    path: Path,
    *,
    foreign: ForeignEvents | None = None,
    local_time_zone: str | None = None,
) -> ImportResult:
    """Read `path` into the store, all or nothing (see the module docstring).

    `local_time_zone` (an IANA name) places foreign events whose times carry no zone
    of their own (UTC or floating); without it UTC ones stay in UTC and floating
    ones are refused. Raises CalendarFileError (nothing written) or OSError.
    """
    events = read_calendar(_read(Path(path)))
    planner = _Planner(session, foreign, local_time_zone)
    plans = [planner.plan(event) for event in events]
    if planner.problems:
        raise CalendarFileError(planner.problems)
    with transaction(session.conn):
        for plan in plans:
            if plan.action == "create":
                session.appointments.create(**plan.fields)
            elif plan.action == "update" and plan.event.appointment_id is not None:
                session.appointments.update(plan.event.appointment_id, **plan.fields)

    def count(action: str) -> int:
        return sum(1 for plan in plans if plan.action == action)

    skipped = tuple(SkippedEvent(p.event.name(), p.reason) for p in plans if p.reason is not None)
    return ImportResult(count("create"), count("update"), count("unchanged"), skipped)


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CalendarFileError([f"file: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, not a calendar export"])
    return path.read_bytes()


class _Planner:
    """Turns events into writes, collecting every problem before anything is written."""

    def __init__(self, session: StoreSession, foreign: ForeignEvents | None, local_time_zone: str | None) -> None:
        self.session = session
        self.foreign = foreign
        self.local_time_zone = local_time_zone
        self.problems: list[str] = []
        self.contact_exists: dict[uuid.UUID, bool] = {}
        self.planned_creates: set[tuple[Any, ...]] = set()

    def plan(self, event: CalendarEvent) -> _Plan:
        if event.appointment_id is not None:
            return self._ours(event, event.appointment_id)
        if self.foreign is None:
            return _Plan(event, "skip", {}, "foreign")
        return self._foreign(event, self.foreign)

    def _problem(self, event: CalendarEvent, prop: str, rule: str) -> _Plan:
        self.problems.append(f"{event.name()}: {prop}: {rule}")
        return _Plan(event, "skip", {})

    # --- ours --------------------------------------------------------------------------------------------

    def _ours(self, event: CalendarEvent, appointment_id: uuid.UUID) -> _Plan:
        try:
            current = self.session.appointments.get(appointment_id, include_deleted=True)
        except RecordNotFound:
            return _Plan(event, "skip", {}, "not_on_device")
        if current.deleted:
            return _Plan(event, "skip", {}, "deleted")
        fields = event.resolved(current.time_zone, current)
        changes = {name: value for name, value in fields.items() if not _same(value, getattr(current, name))}
        if not changes:
            return _Plan(event, "unchanged", {})
        merged = {**current.model_dump(), **changes}
        # The update re-checks every contact of the record, as the repository will.
        if not self._valid(event, merged, merged["contact_ids"]):
            return _Plan(event, "skip", {})
        return _Plan(event, "update", changes)

    # --- foreign ------------------------------------------------------------------------------------------

    def _foreign(self, event: CalendarEvent, target: ForeignEvents) -> _Plan:
        operator_id = target.operator_id or self.session.identity.operator_id
        if operator_id is None:
            return self._problem(event, "ORGANIZER", "this device has no operator to book the appointment for")
        zone = self.local_time_zone
        if zone is None:
            if event.floating and "time_zone" not in event.fields:
                return self._problem(event, "DTSTART", "a time without a time zone needs the importer's zone")
            zone = "UTC"
        fields = {
            **event.resolved(zone),
            "contact_ids": [target.contact_id],
            "operator_id": operator_id,
            "place_kind": target.place_kind,
        }
        # Shown in the importer's zone, as the UI would book it; the instant is what the event says.
        fields["starts_at"] = fields["starts_at"].astimezone(zoneinfo.ZoneInfo(fields["time_zone"]))
        fields["ends_at"] = fields["ends_at"].astimezone(zoneinfo.ZoneInfo(fields["time_zone"]))
        now = utc_now()
        record = {
            **fields,
            "id": new_id(),
            "created_at": now,
            "updated_at": now,
            "author_device_id": self.session.identity.device_id,
        }
        if not self._valid(event, record, fields["contact_ids"], foreign=True):
            return _Plan(event, "skip", {})
        key = (target.contact_id, fields["starts_at"], fields["ends_at"], fields.get("topic"))
        if key in self.planned_creates or self._already_booked(*key):
            return _Plan(event, "unchanged", {})
        self.planned_creates.add(key)
        return _Plan(event, "create", fields)

    def _already_booked(
        self, contact_id: uuid.UUID, starts_at: dt.datetime, ends_at: dt.datetime, topic: str | None
    ) -> bool:
        rows = self.session.conn.execute(
            "SELECT a.body FROM appointment a JOIN appointment_contact l ON l.appointment_id = a.id "
            "WHERE a.deleted = 0 AND l.contact_id = ? AND a.starts_at = ?",
            (str(contact_id), utc_text(starts_at)),
        ).fetchall()
        found = (Appointment.model_validate_json(row[0]) for row in rows)
        return any(a.ends_at == ends_at and a.topic == topic for a in found)

    # --- validation ----------------------------------------------------------------------------------------

    def _valid(
        self, event: CalendarEvent, record: dict[str, Any], contact_ids: list[uuid.UUID], *, foreign: bool = False
    ) -> bool:
        try:
            Appointment.model_validate(record)
        except ValidationError as exc:
            for line in describe_validation_error(exc):
                name = line.split(":", 1)[0].split(".", 1)[0]
                prop = PROPERTY_OF_FIELD.get(name, "VEVENT")
                if foreign and name == "topic":
                    prop = "SUMMARY"
                self.problems.append(f"{event.name()}: {prop}: {line}")
            return False
        missing = [c for c in contact_ids if not self._contact_exists(c)]
        for contact_id in missing:
            self.problems.append(
                f"{event.name()}: {PROPERTY_OF_FIELD['contact_ids']}: "
                f"contact_ids: no contact with id {contact_id} on this device"
            )
        return not missing

    def _contact_exists(self, contact_id: uuid.UUID) -> bool:
        if contact_id not in self.contact_exists:
            row = self.session.conn.execute("SELECT deleted FROM contact WHERE id = ?", (str(contact_id),)).fetchone()
            self.contact_exists[contact_id] = row is not None and not row[0]
        return self.contact_exists[contact_id]


def _same(new: Any, old: Any) -> bool:
    """Equal, or the same instant to the second (iCalendar keeps no fractions of a second)."""
    if isinstance(new, dt.datetime) and isinstance(old, dt.datetime):
        return new == old or new == old.replace(microsecond=0)
    return bool(new == old)
