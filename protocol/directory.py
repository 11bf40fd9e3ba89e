"""Rules about the directory of local services that every side applies the same way.

Owns: when a service counts as stale (not verified for more than 12 months, or
never), when its provider is reminded to check it (not verified for 11 months: a month before
it goes stale, `needs_reminder`), which HSDS statuses a list hides unless asked (`HIDDEN_BY_DEFAULT`) and which
it flags to a person (`is_temporarily_closed`), and the great-circle distance used to
sort and filter services around a point, and that order itself (`order_by_distance`:
nearest first, ties by name then id, services without a position last), and which days that
differ from the weekly hours a person is told of (`coming_exceptions`: from today on, by date,
each day's ranges; none means closed). Lists, the map,
handouts, exports and the public directory all ask here, so they never disagree.

Must never do I/O or know about Qt, the store or the service.
"""

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

STALE_AFTER_DAYS = 365
# A month's notice before a service goes stale: its provider sees it among "to check" on the
# partner pages, and the office that chases partners sees it in `directory stale`.
REMIND_AFTER_DAYS = 335  # eleven months of 30.4 days
# A service that no longer runs (HSDS inactive, defunct) stays in the directory, so an import
# loses nothing and a referral made to it still shows where it went, but lists leave it out
# unless a person asks for it. A temporarily closed one is listed, with a badge.
HIDDEN_BY_DEFAULT: frozenset[str] = frozenset({"inactive", "defunct"})
TEMPORARILY_CLOSED = "temporarily closed"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG); the error against the ellipsoid is under 0.5 %


class DayException(Protocol):
    """What `coming_exceptions` reads of protocol.entities.OpeningException."""

    @property
    def date(self) -> dt.date: ...
    @property
    def opens_at(self) -> dt.time | None: ...
    @property
    def closes_at(self) -> dt.time | None: ...


def coming_exceptions(
    exceptions: Iterable[DayException], today: dt.date | None
) -> list[tuple[dt.date, list[tuple[dt.time, dt.time]]]]:
    """The days from `today` on (None: every one) that differ from the weekly hours, by date,
    each with its opening ranges in order; an empty list means closed all day. A day gone by
    tells a person nothing, so the desktop, the handout and the public page leave them out."""
    by_date: dict[dt.date, list[tuple[dt.time, dt.time]]] = {}
    for exception in exceptions:
        if today is not None and exception.date < today:
            continue
        ranges = by_date.setdefault(exception.date, [])
        if exception.opens_at is not None and exception.closes_at is not None:
            ranges.append((exception.opens_at, exception.closes_at))
    return [(day, sorted(ranges)) for day, ranges in sorted(by_date.items())]


def is_stale(last_verified_on: dt.date | None, today: dt.date) -> bool:
    """True when nobody has confirmed the service's details in the last 12 months.

    A service never verified counts as stale: an outreach worker should check it
    before sending someone there, exactly as for an old one.
    """
    return last_verified_on is None or (today - last_verified_on).days > STALE_AFTER_DAYS


def needs_reminder(last_verified_on: dt.date | None, today: dt.date) -> bool:
    """True when the service has not been confirmed for eleven months (or ever): time to ask its
    provider whether it is still correct, before it counts as stale."""
    return last_verified_on is None or (today - last_verified_on).days > REMIND_AFTER_DAYS


def is_public(status: str, deleted: bool = False) -> bool:
    """Whether the public sees a service (the help desk's directory pages, the HSDS API): a live
    entry whose service still runs; a temporarily closed one is shown, with its badge. The one
    place that says so, for when held partner changes or other states join the rule."""
    return not deleted and status not in HIDDEN_BY_DEFAULT


def is_temporarily_closed(status: str) -> bool:
    """True for the status that earns a "temporarily closed" badge wherever a service is shown."""
    return status == TEMPORARILY_CLOSED


def distance_km(latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float) -> float:
    """Great-circle (haversine) distance in kilometres between two WGS84 points."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(longitude_b - longitude_a)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Point:
    """Where a matching service is, and what orders it among services equally far away."""

    id: str
    latitude: float | None
    longitude: float | None
    sort_name: str


@dataclass(frozen=True)
class DistanceOrder:
    """Ids nearest first, with their distances, and what the ordering had to leave aside."""

    ids: list[tuple[str, float | None]]
    unplaced: int
    beyond_radius: int
    truncated: bool


def order_by_distance(
    points: list[Point],
    latitude: float,
    longitude: float,
    radius_km: float | None = None,
    limit: int | None = None,
) -> DistanceOrder:
    """`points` nearest first from (latitude, longitude); ties by name, then id.

    With a radius (None or 0 = no limit) only the services within it are kept,
    so those without coordinates are left out; without one they come last, in
    their original order, since nobody can say how far they are.
    """
    placed: list[tuple[float, str, str]] = []
    unplaced: list[tuple[str, float | None]] = []
    for point in points:
        if point.latitude is None or point.longitude is None:
            unplaced.append((point.id, None))
        else:
            placed.append(
                (distance_km(latitude, longitude, point.latitude, point.longitude), point.sort_name, point.id)
            )
    placed.sort()
    beyond = 0
    ordered: list[tuple[str, float | None]]
    if radius_km:
        within: list[tuple[str, float | None]] = [(rid, km) for km, _, rid in placed if km <= radius_km]
        beyond = len(placed) - len(within)
        ordered = within
    else:
        ordered = [(rid, km) for km, _, rid in placed] + unplaced
    truncated = limit is not None and len(ordered) > limit
    return DistanceOrder(ordered[:limit] if truncated else ordered, len(unplaced), beyond, truncated)
