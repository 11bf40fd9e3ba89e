"""Appointments as an iCalendar (RFC 5545) file, and iCalendar events read back as appointment fields.

Owns: the mapping between `protocol.Appointment` and a VEVENT, in both directions.

Writing (`appointments_calendar`): one VCALENDAR (VERSION 2.0, our PRODID) with one
VEVENT per appointment and a VTIMEZONE for every zone used (icalendar >= 6.1 builds
them from the IANA database):
- UID `<appointment id>@prossimo.invalid` (".invalid" is reserved: no real domain is
  claimed, and it marks the event as ours when it comes back); DTSTAMP = export time;
  CREATED / LAST-MODIFIED from the record.
- DTSTART / DTEND as wall times in the appointment's `time_zone` (TZID = its IANA name).
- STATUS: requested -> TENTATIVE, confirmed / done / no_show -> CONFIRMED, cancelled ->
  CANCELLED. iCalendar has no "done" or "did not come", so X-PROSSIMO-STATUS carries
  our status and nothing is lost on our own round trip.
- SUMMARY is the topic (or a neutral "Appointment") with the kind of place, never a
  name; DESCRIPTION a neutral line. Only with `include_names=True` do the contacts'
  names join both. CLASS:PRIVATE asks shared calendars to hide the details.
- LOCATION is left out for a home visit (the address of a home identifies the person
  who lives there) unless names were opted in; X-PROSSIMO-WITHHELD lists the fields
  this file leaves out, so reading it back keeps the stored values of those.
- CATEGORIES: the kind of place, in words.
- VALARM (ACTION:DISPLAY, TRIGGER:-PT<n>M, a neutral DESCRIPTION) from
  `reminder_minutes_before`, only while the appointment is requested or confirmed
  (a cancelled or past meeting must not ring in another calendar); for the other
  statuses the reminder travels in X-PROSSIMO-REMINDER-MINUTES.
- X-PROSSIMO-PLACE-KIND, -CONTACT-IDS, -OPERATOR-ID, -TOPIC carry our fields.
- `outcome_note` never leaves: it is a case note, not calendar information.
- A repeating appointment is one VEVENT with an RRULE (FREQ=WEEKLY or MONTHLY,
  INTERVAL, and UNTIL (the end of the `until` day, local time, in UTC as RFC 5545
  wants with a TZID start) or COUNT); a monthly series from the 29th to the 31st says
  `BYMONTHDAY=<day>,-1;BYSETPOS=1` (the last day of shorter months, our rule). Skipped
  meetings are an EXDATE with the wall times they would have had.

Reading (`read_calendar`) gives one `CalendarEvent` per VEVENT, or raises
`CalendarFileError` listing every problem by event (position and UID), property and rule:
- Ours (UID as above) name the appointment to update. A field the event does not
  state (withheld, or X- properties dropped by another calendar program) is left out
  of `fields`, so the stored value stays. STATUS wins over X-PROSSIMO-STATUS when they
  disagree (the event was cancelled or confirmed in another program).
- Foreign events (any other UID) give what an event can say: times, time zone,
  status, SUMMARY as the topic, LOCATION, the reminder. DESCRIPTION is not read: there
  is no field for free text about a meeting that is not an outcome note. Who the
  appointment is with is for the caller to decide (see `desktop.store.calendar_files`).
- An RRULE in our subset (what we write, see above; other programs' weekly RRULEs
  with BYDAY naming the start's weekday too) becomes `recurrence`, its EXDATEs
  `exceptions` (local dates). Any other RRULE (daily, yearly, several weekdays, no
  end...), RDATE and RECURRENCE-ID (a changed single meeting) are refused with the
  rule they break: a series is one record, never silently dozens or a wrong one.
- All-day events (DTSTART;VALUE=DATE) are refused: an appointment has a start time.
- UTC times and times in a zone only the file defines keep their instant, and the
  event states no `time_zone` (the caller chooses one); floating times (no zone at
  all) are wall times, placed in a zone by `CalendarEvent.resolved`.
- TZID that names no zone we know is refused rather than read as a floating time.
- The first VALARM gives the reminder (relative to the start or end, or absolute).

Must never: touch the store, Qt or the file system; echo a property's value in an
error (values can be clients' details, and messages reach logs); write a name or a
home address unless the caller opted in.
"""

import datetime as dt
import re
import uuid
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from icalendar import Alarm, Calendar, Event, Timezone
from icalendar.parser import Contentlines
from icalendar.prop import TypesFactory
from icalendar.timezone.tzid import tzid_from_tzinfo

from protocol import Appointment
from protocol.recurrence import MAX_INTERVAL, MAX_OCCURRENCES, Frequency, Recurrence, occurrence_on

UID_DOMAIN = "prossimo.invalid"
PRODID = "-//Prossimo//Prossimo appointments//EN"

STATUS_TO_ICAL = {
    "requested": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "done": "CONFIRMED",
    "no_show": "CONFIRMED",
    "cancelled": "CANCELLED",
}
ICAL_TO_STATUS = {"TENTATIVE": "requested", "CONFIRMED": "confirmed", "CANCELLED": "cancelled"}
ALARMED_STATUSES = frozenset({"requested", "confirmed"})  # as desktop.store.calendar_queries.REMINDED_STATUSES

X_STATUS = "X-PROSSIMO-STATUS"
X_PLACE_KIND = "X-PROSSIMO-PLACE-KIND"
X_CONTACT_IDS = "X-PROSSIMO-CONTACT-IDS"
X_OPERATOR_ID = "X-PROSSIMO-OPERATOR-ID"
X_TOPIC = "X-PROSSIMO-TOPIC"
X_REMINDER = "X-PROSSIMO-REMINDER-MINUTES"
X_WITHHELD = "X-PROSSIMO-WITHHELD"

# Where each appointment field lives in an event, to name the property in an error.
PROPERTY_OF_FIELD = {
    "contact_ids": X_CONTACT_IDS,
    "operator_id": X_OPERATOR_ID,
    "starts_at": "DTSTART",
    "ends_at": "DTEND",
    "time_zone": "DTSTART",
    "place_kind": X_PLACE_KIND,
    "location": "LOCATION",
    "status": "STATUS",
    "topic": X_TOPIC,
    "reminder_minutes_before": "VALARM",
    "outcome_note": X_WITHHELD,
    "recurrence": "RRULE",
    "exceptions": "EXDATE",
}
# Properties whose value, if unreadable, is described by what it should look like.
_EXPECTED = {
    "DTSTART": "must be a date-time such as 20261123T100000",
    "DTEND": "must be a date-time such as 20261123T110000",
    "DURATION": "must be a duration such as PT1H",
    "TRIGGER": "must be a duration such as -PT15M or a date-time",
}
_RECURRENCE = ("RDATE", "RECURRENCE-ID")
_FREQUENCIES: dict[Frequency, str] = {"weekly": "WEEKLY", "monthly": "MONTHLY"}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_RRULE_SUBSET = (
    "only weekly or monthly repeats with INTERVAL, an end (UNTIL or COUNT) and, monthly, "
    "the start's day of the month are imported"
)
_OUR_UID = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@" + re.escape(UID_DOMAIN) + "$")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CalendarTexts:
    """The words the file shows in other calendar programs; English unless the caller translates.

    `summary` and `with_names` are templates: {what} is the topic or `appointment`,
    {place} the kind of place, {summary} the summary so far, {names} the contacts' names.
    """

    appointment: str = "Appointment"
    place_kinds: Mapping[str, str] = field(
        default_factory=lambda: {
            "office": "Office",
            "home_visit": "Home visit",
            "outreach": "Street outreach",
            "phone": "Phone call",
            "video": "Video call",
        }
    )
    summary: str = "{what} ({place})"
    with_names: str = "{summary} – {names}"
    description: str = "The details are in Prossimo."
    names_line: str = "With: {names}"
    reminder: str = "Appointment reminder"

    def place(self, place_kind: str) -> str:
        return self.place_kinds.get(place_kind, place_kind)


class CalendarFileError(ValueError):
    """The file cannot be imported; `problems` says why, one line per event, property and rule."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def appointment_uid(appointment_id: uuid.UUID) -> str:
    return f"{appointment_id}@{UID_DOMAIN}"


# --- writing -----------------------------------------------------------------------------------------


def appointments_calendar(
    appointments: Iterable[Appointment],
    *,
    now: dt.datetime,
    include_names: bool = False,
    names: Mapping[uuid.UUID, str] | None = None,
    texts: CalendarTexts | None = None,
) -> bytes:
    """The VCALENDAR of `appointments` as UTF-8 bytes (CRLF lines folded at 75 octets).

    `names` (contact id -> display name) is read only when `include_names` is True.
    """
    texts = texts or CalendarTexts()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    zones: list[str] = []
    for appointment in appointments:
        calendar.add_component(_event(appointment, now, names if include_names else None, texts))
        if appointment.time_zone not in zones:
            zones.append(appointment.time_zone)
    # Timezones first: RFC 5545 allows any order, but some programs only look backwards.
    timezones = [Timezone.from_tzid(name) for name in zones]
    calendar.subcomponents[:0] = timezones
    return calendar.to_ical()


def _event(
    appointment: Appointment, now: dt.datetime, names: Mapping[uuid.UUID, str] | None, texts: CalendarTexts
) -> Event:
    zone = zoneinfo.ZoneInfo(appointment.time_zone)
    event = Event()
    event.add("uid", appointment_uid(appointment.id))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("created", appointment.created_at.astimezone(dt.UTC))
    event.add("last-modified", appointment.updated_at.astimezone(dt.UTC))
    event.add("dtstart", appointment.starts_at.astimezone(zone))
    event.add("dtend", appointment.ends_at.astimezone(zone))
    event.add("status", STATUS_TO_ICAL[appointment.status])
    event.add("class", "PRIVATE")

    place = texts.place(appointment.place_kind)
    summary = texts.summary.format(what=appointment.topic or texts.appointment, place=place)
    description = texts.description
    shown = [names[c] for c in appointment.contact_ids if names and names.get(c)]
    if shown:
        summary = texts.with_names.format(summary=summary, names=", ".join(shown))
        description = texts.names_line.format(names=", ".join(shown)) + "\n" + description
    event.add("summary", summary)
    event.add("description", description)
    withheld = ["outcome_note"]
    if appointment.location is not None:
        if appointment.place_kind != "home_visit" or names is not None:
            event.add("location", appointment.location)
        else:
            withheld.append("location")
    event.add("categories", [place])

    event.add(X_STATUS, appointment.status)
    event.add(X_PLACE_KIND, appointment.place_kind)
    event.add(X_CONTACT_IDS, ",".join(str(c) for c in appointment.contact_ids))
    event.add(X_OPERATOR_ID, str(appointment.operator_id))
    if appointment.topic is not None:
        event.add(X_TOPIC, appointment.topic)
    event.add(X_WITHHELD, ",".join(withheld))

    if appointment.recurrence is not None:
        _add_series(event, appointment, zone)

    minutes = appointment.reminder_minutes_before
    if minutes is not None and appointment.status in ALARMED_STATUSES:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(minutes=-minutes))
        alarm.add("description", texts.reminder)
        event.add_component(alarm)
    elif minutes is not None:
        event.add(X_REMINDER, str(minutes))
    return event


def _add_series(event: Event, appointment: Appointment, zone: zoneinfo.ZoneInfo) -> None:
    recurrence = appointment.recurrence
    assert recurrence is not None  # the caller checked
    rule: dict[str, Any] = {"freq": _FREQUENCIES[recurrence.frequency], "interval": recurrence.interval}
    if recurrence.until is not None:
        last_moment = dt.datetime.combine(recurrence.until + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        rule["until"] = (last_moment - dt.timedelta(seconds=1)).astimezone(dt.UTC)
    else:
        rule["count"] = recurrence.count
    day = appointment.starts_at.astimezone(zone).day
    if recurrence.frequency == "monthly" and day > 28:
        rule["bymonthday"], rule["bysetpos"] = [day, -1], 1
    event.add("rrule", rule)
    skipped = [o.starts_at for d in appointment.exceptions if (o := occurrence_on(appointment, d)) is not None]
    if skipped:
        event.add("exdate", skipped)


# --- reading -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT as appointment fields.

    `fields` holds only what the event states (see the module docstring); times are
    aware unless `floating`, in which case both are wall times without a zone.
    `appointment_id` is set for events we exported.
    """

    position: int  # 1-based among the file's events
    uid: str | None
    appointment_id: uuid.UUID | None
    fields: dict[str, Any]
    floating: bool = False
    ical_status: str | None = None  # STATUS, when nothing said which of our statuses it stands for

    @property
    def ours(self) -> bool:
        return self.appointment_id is not None

    def name(self) -> str:
        """How errors and reports name this event: its position and UID (never its summary)."""
        return f"event {self.position} (UID {self.uid})" if self.uid else f"event {self.position}"

    def resolved(self, zone_name: str, current: Appointment | None = None) -> dict[str, Any]:
        """`fields` with a `time_zone` (`zone_name` unless the event named one), floating
        times placed in that zone, and a bare STATUS read against the `current` record
        (CONFIRMED keeps "done" or "did not come": it is what we wrote for them)."""
        resolved = dict(self.fields)
        resolved.setdefault("time_zone", zone_name)
        if self.ical_status is not None and "status" not in resolved:
            if current is not None and STATUS_TO_ICAL.get(current.status) == self.ical_status:
                resolved["status"] = current.status
            else:
                resolved["status"] = ICAL_TO_STATUS[self.ical_status]
        if self.floating:
            zone = zoneinfo.ZoneInfo(resolved["time_zone"])
            for name in ("starts_at", "ends_at"):
                resolved[name] = resolved[name].replace(tzinfo=zone)
        return resolved


def read_calendar(data: bytes) -> list[CalendarEvent]:
    """Every VEVENT of an iCalendar file, or CalendarFileError naming each problem."""
    try:
        # icalendar reads bytes as UTF-8 itself; types-icalendar names str alone.
        calendars = Calendar.from_ical(data.removeprefix(UTF8_BOM), multiple=True)  # type: ignore[call-overload]
    except ValueError:
        # icalendar's message quotes the offending line, which may hold a person's details.
        raise CalendarFileError(_locate_unreadable(data.removeprefix(UTF8_BOM))) from None
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise CalendarFileError(["file: not an iCalendar file (it must start with BEGIN:VCALENDAR)"])
    problems: list[str] = []
    events: list[CalendarEvent] = []
    seen: dict[uuid.UUID, int] = {}
    vevents = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    for position, vevent in enumerate(vevents, start=1):
        reader = _EventReader(position, vevent)
        event = reader.read()
        if event is not None and event.appointment_id is not None:
            if event.appointment_id in seen:
                reader.problem("UID", f"the same appointment is already event {seen[event.appointment_id]}")
            seen.setdefault(event.appointment_id, position)
        problems.extend(reader.problems)
        if event is not None:
            events.append(event)
    if problems:
        raise CalendarFileError(problems)
    return events


def _locate_unreadable(data: bytes) -> list[str]:
    """Name each event and property with a value icalendar cannot read (it raises for one inside
    a VALARM, where elsewhere in an event it only notes it), without quoting the value."""
    types = TypesFactory()
    generic = ["file: not an iCalendar file (a line could not be read as NAME:value)"]
    try:
        lines = [line for line in Contentlines.from_ical(data.decode("utf-8", errors="replace")) if line]
        parsed = [line.parts() for line in lines]
    except ValueError:
        return generic
    uids: list[str | None] = []
    for name, _params, value in parsed:
        if name.upper() == "BEGIN" and value.upper() == "VEVENT":
            uids.append(None)
        elif name.upper() == "UID" and uids and uids[-1] is None:
            uids[-1] = value.strip() or None
    position = 0
    problems = []
    for name, params, value in parsed:
        upper = name.upper()
        if upper == "BEGIN" and value.upper() == "VEVENT":
            position += 1
        if upper in ("BEGIN", "END") or position == 0:
            continue
        try:
            factory = types.for_property(name)
            factory.from_ical(value, params["TZID"]) if "TZID" in params else factory.from_ical(value)
        except Exception:  # noqa: BLE001 - whatever a value parser raises, the value is unreadable
            event = CalendarEvent(position, uids[position - 1], None, {})
            problems.append(f"{event.name()}: {upper}: {_EXPECTED.get(upper, 'cannot be read')}")
    return problems or generic


def _errors(vevent: Event) -> list[tuple[str | None, str]]:
    """What icalendar could not read in an event: (property, message) pairs, the property None for
    a line it could not split into a name and a value. types-icalendar says list[str]; icalendar 6
    keeps these pairs."""
    return cast("list[tuple[str | None, str]]", vevent.errors)


class _EventReader:
    def __init__(self, position: int, vevent: Event) -> None:
        self.vevent = vevent
        uid = vevent.get("UID")
        self.uid = str(uid).strip() if uid is not None and str(uid).strip() else None
        match = _OUR_UID.match(self.uid or "")
        self.appointment_id = uuid.UUID(match.group(1)) if match else None
        self.position = position
        self.problems: list[str] = []
        self.fields: dict[str, Any] = {}
        self.ical_status: str | None = None

    def name(self) -> str:
        return CalendarEvent(self.position, self.uid, None, {}).name()

    def problem(self, prop: str, rule: str) -> None:
        self.problems.append(f"{self.name()}: {prop}: {rule}")

    def text(self, prop: str) -> str | None:
        value = self.vevent.get(prop)
        if value is None:
            return None
        if isinstance(value, list):  # the property appears more than once: the first counts
            value = value[0]
        text = str(value).strip()
        return text or None

    def read(self) -> CalendarEvent | None:
        for prop, _message in _errors(self.vevent):
            if prop is None:  # a line icalendar could not split: it has no name to give
                self.problem("line", "cannot be read (not NAME:value)")
            else:
                self.problem(prop, _EXPECTED.get(prop.upper(), "cannot be read"))
        for prop in _RECURRENCE:
            if prop in self.vevent:
                self.problem(
                    prop,
                    "repeating events are not imported: an appointment is one meeting "
                    "(export single occurrences from the other program)",
                )
        times = self._times()
        if times is not None and "RRULE" in self.vevent:
            self._series(times[0])
        elif self.appointment_id is None or X_PLACE_KIND in self.vevent:
            self.fields["recurrence"], self.fields["exceptions"] = None, []
        self._status()
        ours_in_full = self.appointment_id is not None and X_PLACE_KIND in self.vevent
        if ours_in_full:
            self._our_fields()
        elif self.appointment_id is None:
            self.fields["topic"] = self.text("SUMMARY")
            self.fields["location"] = self.text("LOCATION")
        elif self.text("LOCATION") is not None:
            self.fields["location"] = self.text("LOCATION")
        if times is not None:
            self._reminder(*times, stated=ours_in_full or self.appointment_id is None)
        if self.problems or times is None:
            return None
        return CalendarEvent(
            self.position,
            self.uid,
            self.appointment_id,
            self.fields,
            floating=times[0].tzinfo is None,
            ical_status=self.ical_status,
        )

    # --- times ---------------------------------------------------------------------------------------

    def _moment(self, prop: str) -> dt.datetime | None:
        value = self.vevent.get(prop)
        if value is None:
            return None
        moment = getattr(value, "dt", None)
        if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
            self.problem(prop, "all-day events are not imported: an appointment has a start and an end time")
            return None
        if not isinstance(moment, dt.datetime):
            self.problem(prop, _EXPECTED.get(prop, "cannot be read"))
            return None
        tzid = value.params.get("TZID")
        if moment.tzinfo is None and tzid:
            self.problem(prop, f"unknown time zone {tzid!r}: use an IANA name such as Europe/Rome")
            return None
        return moment

    def _times(self) -> tuple[dt.datetime, dt.datetime] | None:
        if "DTSTART" not in self.vevent:
            if not any(prop is not None and prop.upper() == "DTSTART" for prop, _ in _errors(self.vevent)):
                self.problem("DTSTART", "required: an appointment has a start time")
            return None
        start = self._moment("DTSTART")
        if start is None:
            return None
        end = self._moment("DTEND")
        if end is None and "DTEND" not in self.vevent:
            duration = getattr(self.vevent.get("DURATION"), "dt", None)
            if isinstance(duration, dt.timedelta):
                end = start + duration
            elif not {prop.upper() for prop, _ in _errors(self.vevent) if prop is not None} & {"DTEND", "DURATION"}:
                self.problem("DTEND", "required (or DURATION): an appointment has an end time")
        if end is None:
            return None
        if (start.tzinfo is None) != (end.tzinfo is None):
            self.problem("DTEND", "must have a time zone when DTSTART has one, and none when it has none")
            return None
        self.fields["starts_at"], self.fields["ends_at"] = start, end
        zone = _zone_name(start.tzinfo)
        if zone is not None:
            self.fields["time_zone"] = zone
        return start, end

    # --- repeats -----------------------------------------------------------------------------------------

    def _series(self, start: dt.datetime) -> None:
        rule = self.vevent.get("RRULE")
        if isinstance(rule, list):
            self.problem("RRULE", "must appear once: an appointment repeats in one way")
            return
        parts = {key.upper(): value for key, value in dict(rule).items()}
        frequency = next((ours for ours, ical in _FREQUENCIES.items() if parts.get("FREQ") == [ical]), None)
        unknown = set(parts) - {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYMONTHDAY", "BYSETPOS", "BYDAY", "WKST"}
        if frequency is None or unknown or not self._rule_fits(frequency, parts, start):
            self.problem("RRULE", _RRULE_SUBSET)
            return
        interval = (parts.get("INTERVAL") or [1])[0]
        if not isinstance(interval, int) or not 1 <= interval <= MAX_INTERVAL:
            self.problem("RRULE", f"INTERVAL must be a whole number from 1 to {MAX_INTERVAL}")
            return
        until, count = (parts.get("UNTIL") or [None])[0], (parts.get("COUNT") or [None])[0]
        if (until is None) == (count is None):
            self.problem("RRULE", "a repeating appointment ends: give UNTIL or COUNT (one of the two)")
            return
        if count is not None and not (isinstance(count, int) and 1 <= count <= MAX_OCCURRENCES):
            self.problem("RRULE", f"COUNT must be a whole number from 1 to {MAX_OCCURRENCES}")
            return
        until_day = self._local_day(until, start) if until is not None else None
        self.fields["recurrence"] = Recurrence(frequency=frequency, interval=interval, until=until_day, count=count)
        skipped: set[dt.date] = set()
        exdates = self.vevent.get("EXDATE")
        for group in exdates if isinstance(exdates, list) else ([exdates] if exdates is not None else []):
            skipped.update(self._local_day(item.dt, start) for item in getattr(group, "dts", []))
        self.fields["exceptions"] = sorted(skipped)

    @staticmethod
    def _rule_fits(frequency: str, parts: dict[str, list[Any]], start: dt.datetime) -> bool:
        """BYDAY only as the start's own weekday (weekly); BYMONTHDAY only as the start's day, alone or
        with -1 and BYSETPOS=1 (monthly: our last-day-of-shorter-months rule)."""
        weekday = _WEEKDAYS[start.weekday()]
        if "BYDAY" in parts and (frequency != "weekly" or [str(d).upper() for d in parts["BYDAY"]] != [weekday]):
            return False
        monthday = parts.get("BYMONTHDAY")
        setpos = parts.get("BYSETPOS")
        if frequency == "weekly":
            return monthday is None and setpos is None
        if monthday is None:
            return setpos is None
        return monthday == [start.day] and setpos is None or monthday == [start.day, -1] and setpos == [1]

    @staticmethod
    def _local_day(value: dt.date | dt.datetime, start: dt.datetime) -> dt.date:
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None and start.tzinfo is not None:
                return value.astimezone(start.tzinfo).date()
            return value.date()
        return value

    # --- status and our own fields ---------------------------------------------------------------------

    def _status(self) -> None:
        ical = (self.text("STATUS") or "").upper()
        ours = self.text(X_STATUS) if self.appointment_id is not None else None
        if ical and ical not in ICAL_TO_STATUS:
            self.problem("STATUS", "must be TENTATIVE, CONFIRMED or CANCELLED")
            return
        if ours is not None and (not ical or STATUS_TO_ICAL.get(ours) == ical):
            self.fields["status"] = ours  # validated with the record: an unknown value is named there
        elif ical:
            self.ical_status = ical  # see CalendarEvent.resolved
        elif self.appointment_id is None:
            self.fields["status"] = "confirmed"  # an event without STATUS is simply happening

    def _our_fields(self) -> None:
        self.fields["place_kind"] = self.text(X_PLACE_KIND)
        self.fields["topic"] = self.text(X_TOPIC)
        contacts = self.text(X_CONTACT_IDS)
        if contacts is not None:
            ids = self._uuids(X_CONTACT_IDS, contacts.split(","))
            if ids is not None:
                self.fields["contact_ids"] = ids
        operator = self.text(X_OPERATOR_ID)
        if operator is not None:
            ids = self._uuids(X_OPERATOR_ID, [operator])
            if ids is not None:
                self.fields["operator_id"] = ids[0]
        withheld = {part.strip() for part in (self.text(X_WITHHELD) or "").split(",") if part.strip()}
        if "location" not in withheld:
            self.fields["location"] = self.text("LOCATION")

    def _uuids(self, prop: str, texts: list[str]) -> list[uuid.UUID] | None:
        try:
            return [uuid.UUID(text.strip()) for text in texts]
        except ValueError:
            self.problem(prop, "must be record ids (UUIDs) separated by commas")
            return None

    # --- the reminder ----------------------------------------------------------------------------------------

    def _reminder(self, start: dt.datetime, end: dt.datetime, *, stated: bool) -> None:
        alarms = self.vevent.walk("VALARM")
        if not alarms:
            minutes = self.text(X_REMINDER) if self.appointment_id is not None else None
            if minutes is not None:
                if not minutes.isdigit():
                    self.problem(X_REMINDER, "must be a whole number of minutes")
                    return
                self.fields["reminder_minutes_before"] = int(minutes)
            elif stated:
                self.fields["reminder_minutes_before"] = None
            return
        trigger = alarms[0].get("TRIGGER")
        moment = getattr(trigger, "dt", None)
        if isinstance(moment, dt.timedelta):
            related_end = str(trigger.params.get("RELATED", "START")).upper() == "END"
            lead = -(moment + (end - start)) if related_end else -moment
        elif isinstance(moment, dt.datetime):
            if (moment.tzinfo is None) != (start.tzinfo is None):
                moment = moment.replace(tzinfo=None) if start.tzinfo is None else moment.replace(tzinfo=dt.UTC)
            lead = start - moment
        else:
            self.problem("VALARM TRIGGER", _EXPECTED["TRIGGER"])
            return
        if lead < dt.timedelta(0):
            self.problem("VALARM TRIGGER", "the reminder must come before the start, not after it")
            return
        self.fields["reminder_minutes_before"] = int(lead.total_seconds() // 60)


def _zone_name(zone: dt.tzinfo | None) -> str | None:
    """The IANA name of an event's zone; None for UTC, floating times and zones we cannot name."""
    if zone is None:
        return None
    key = getattr(zone, "key", None) or tzid_from_tzinfo(zone)
    if not key or key.upper() in ("UTC", "ETC/UTC", "Z"):
        return None
    try:
        zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return key
