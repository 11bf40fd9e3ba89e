"""Repeating appointments: the shape of a series, and its occurrences.

Owns: `Recurrence` (how a series repeats and when it ends) and `occurrences`, the
one place that turns an appointment into the meetings it stands for. Every reader
(the Calendar views, Today, reminders, the double-booking rule, the iCalendar
export) asks here; nobody else steps through a series.

The rules, chosen to be what a person expects and what iCalendar can say:
- A series repeats its first meeting's wall time in the appointment's own
  `time_zone`: a weekly 10:00 in Europe/Rome stays 10:00 across the change to or
  from summer time (the UTC instant moves by an hour). The length of each
  occurrence is the first one's length.
- "weekly" with `interval` 1 is every week, 2 every two weeks, on the first
  meeting's weekday. "monthly" is on the first meeting's day of the month; a month
  without that day (a series started on the 31st, in April) meets on its last day
  instead, and the next month goes back to the 31st. (RFC 5545 would skip those
  months; the export writes `BYMONTHDAY=31,-1;BYSETPOS=1`, which says our rule.)
- A series ends: `until` is the last local date an occurrence may fall on
  (inclusive), or `count` the number of occurrences (skipped ones included, as in
  RFC 5545). A series is at most `MAX_OCCURRENCES` long, whichever end it names.
- `exceptions` on the appointment are local dates (in its `time_zone`) of
  occurrences that do not happen. A date that is not an occurrence's is ignored:
  it may come from a version of the series whose start has since moved.

Must never import anything but pydantic and the standard library.
"""

import calendar
import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from protocol.entities import Appointment

Frequency = Literal["weekly", "monthly"]
# Five years of weekly meetings: a longer series is a mistake, and expanding it must stay cheap.
MAX_OCCURRENCES = 260
MAX_INTERVAL = 12


class Recurrence(BaseModel):
    """How an appointment repeats (see the module docstring): give `until` or `count`."""

    model_config = ConfigDict(strict=True, extra="forbid")

    frequency: Frequency
    interval: int = Field(default=1, ge=1, le=MAX_INTERVAL)
    until: dt.date | None = None
    count: int | None = Field(default=None, ge=1, le=MAX_OCCURRENCES)

    @model_validator(mode="after")
    def _one_end(self) -> Self:
        if (self.until is None) == (self.count is None):
            raise ValueError(
                "until: a repeating appointment ends on a date (until) or after a number of times "
                "(count): give one of the two"
            )
        return self


@dataclass(frozen=True)
class Occurrence:
    """One meeting of an appointment: aware instants in the appointment's zone, and its local date."""

    index: int  # 0 for the first meeting
    day: dt.date  # the local date of the start: what `exceptions` name
    starts_at: dt.datetime
    ends_at: dt.datetime


def _add_months(first: dt.datetime, months: int) -> dt.datetime:
    """`first` moved `months` calendar months on, on the same day or the month's last day."""
    total = first.month - 1 + months
    year, month = first.year + total // 12, total % 12 + 1
    day = min(first.day, calendar.monthrange(year, month)[1])
    return first.replace(year=year, month=month, day=day)


def _wall_start(first: dt.datetime, recurrence: Recurrence, index: int) -> dt.datetime:
    if recurrence.frequency == "weekly":
        return first + dt.timedelta(weeks=index * recurrence.interval)
    return _add_months(first, index * recurrence.interval)


def _first_index_near(first: dt.datetime, recurrence: Recurrence, start: dt.datetime) -> int:
    """An index whose occurrence starts no later than `start` less a step (0 if none), to skip ahead."""
    if start <= first:
        return 0
    if recurrence.frequency == "weekly":
        steps = (start - first).days // (7 * recurrence.interval)
    else:
        steps = ((start.year - first.year) * 12 + start.month - first.month) // recurrence.interval
    return max(0, steps - 1)


def occurrences(
    appointment: "Appointment",
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    *,
    include_skipped: bool = False,
) -> Iterator[Occurrence]:
    """The appointment's meetings overlapping [start, end) (all of them without bounds), in order.

    A single appointment is one occurrence. Skipped dates (`exceptions`) are left out
    unless `include_skipped`.
    """
    zone = zoneinfo.ZoneInfo(appointment.time_zone)
    length = appointment.ends_at - appointment.starts_at
    local = appointment.starts_at.astimezone(zone)
    recurrence = appointment.recurrence
    if recurrence is None:
        candidate = Occurrence(0, local.date(), local, appointment.ends_at.astimezone(zone))
        if (start is None or candidate.ends_at > start) and (end is None or candidate.starts_at < end):
            yield candidate
        return
    wall = local.replace(tzinfo=None)
    skipped = set(appointment.exceptions)
    last = (recurrence.count or MAX_OCCURRENCES) - 1
    # Back by the length of one occurrence, so one that began before `start` and reaches into it is found.
    index = _first_index_near(
        wall, recurrence, (start.astimezone(zone).replace(tzinfo=None) - length) if start is not None else wall
    )
    while index <= min(last, MAX_OCCURRENCES - 1):
        moment = _wall_start(wall, recurrence, index)
        if recurrence.until is not None and moment.date() > recurrence.until:
            return
        # Wall time -> instant through UTC: a wall time in the spring gap lands an hour later, as Qt does.
        begins = local if index == 0 else moment.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)
        ends = (begins.astimezone(dt.UTC) + length).astimezone(zone)  # the length in real time, not wall time
        if end is not None and begins >= end:
            return
        if (start is None or ends > start) and (include_skipped or moment.date() not in skipped):
            yield Occurrence(index, moment.date(), begins, ends)
        index += 1


def occurrence_on(appointment: "Appointment", day: dt.date) -> Occurrence | None:
    """The meeting starting on local date `day`, skipped or not; None if the series has none that day."""
    zone = zoneinfo.ZoneInfo(appointment.time_zone)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return next((o for o in occurrences(appointment, midnight, after, include_skipped=True) if o.day == day), None)
