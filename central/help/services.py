"""The public directory's pages: `/help/{lang}/services` (search, list, map) and a service's page.

Owns: reading what the visitor asked (keyword, category, municipality, a municipality to measure
distances from, the page of the list) and telling them, field by field in their language, what is
wrong with it; the directory's index (`PublicDirectory`, a `directory_index.DirectoryIndex` over
every organisation's live directory rows, rebuilt when one of their change sequences moves: a
per-organisation max(version) on the record_by_directory_version index, so a page costs no
rebuild while the directory stays as it is); and what the templates show of a service (address,
hours, phones, languages, eligibility, badges) in the page's language.
The keyword order is protocol.directory_search's (the desktop's); the distance order and the
hidden statuses are protocol.directory's; the places are protocol.gazetteer's.
Must never show an inactive or defunct service (HIDDEN_BY_DEFAULT), never answer a 500 to bad
input, never log what a visitor searched for, and never fetch anything from another site.
"""

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_decimal
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from central.help import svg_map
from central.help.directory_index import DirectoryIndex
from central.help.i18n import translations
from central.models import Organisation, StoredRecord
from protocol import Resource, gazetteer, taxonomy
from protocol.directory import Point, coming_exceptions, is_stale, is_temporarily_closed, order_by_distance

if TYPE_CHECKING:  # pages imports this module: the type only, no import cycle at run time
    from central.help.pages import HelpDesk

MAX_QUERY = 200  # characters of the keyword field: more is refused, never silently cut
PER_PAGE = 20
FIELDS = ("q", "category", "municipality", "near", "page")


class PublicDirectory:
    """The directory's index, kept while the directory stays as it is."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._lock = threading.Lock()
        self._mark: tuple[tuple[str, int | None], ...] | None = None
        self._index = DirectoryIndex([])
        self.builds = 0  # how many times the index was built (the tests count rebuilds)

    def _changes(self, session: Session) -> tuple[tuple[str, int | None], ...]:
        """Per organisation, the last change sequence of its team-less (directory) rows."""
        organisations = session.execute(select(Organisation.id).order_by(Organisation.id)).scalars().all()
        return tuple(
            (
                str(org),
                session.execute(
                    select(func.max(StoredRecord.version)).where(
                        StoredRecord.organisation_id == org, StoredRecord.team_id.is_(None)
                    )
                ).scalar_one(),
            )
            for org in organisations
        )

    def index(self) -> DirectoryIndex:
        with self.sessions() as session:
            mark = self._changes(session)
            with self._lock:
                if mark != self._mark:
                    bodies = session.execute(
                        select(StoredRecord.body).where(
                            StoredRecord.entity == "resource",
                            StoredRecord.team_id.is_(None),
                            StoredRecord.deleted.is_(False),
                        )
                    ).scalars()
                    self._index, self._mark = DirectoryIndex(bodies), mark
                    self.builds += 1
                return self._index


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    category: str | None = None
    municipality: gazetteer.Municipality | None = None
    near: gazetteer.Municipality | None = None
    page: int = 1


def read(params: Mapping[str, str], _: Callable[[str], str]) -> tuple[Criteria, dict[str, str]]:
    """What the visitor asked, and a message per field that is wrong (named, in their language)."""
    errors: dict[str, str] = {}
    text = params.get("q", "")
    if len(text) > MAX_QUERY:
        errors["q"] = _("Search words: write at most {count} characters.").format(count=MAX_QUERY)
    category = params.get("category", "").strip() or None
    if category is not None and category not in taxonomy.CATEGORIES:
        errors["category"] = _("Category: choose one of the list.")
    places = {}
    for name, label in (("municipality", _("Municipality")), ("near", _("Distance from"))):
        typed = params.get(name, "").strip()
        places[name] = gazetteer.find(typed[:100]) if typed else None
        if typed and places[name] is None:
            errors[name] = _("{field}: this is not a municipality of the area. Choose one from the list.").format(
                field=label
            )
    page = 1
    typed_page = params.get("page", "").strip()
    if typed_page:
        if typed_page.isascii() and typed_page.isdigit() and 1 <= int(typed_page[:6]) and len(typed_page) <= 6:
            page = int(typed_page)
        else:
            errors["page"] = _("Page: write a whole number from 1.")
    return Criteria(text, category, places["municipality"], places["near"], page), errors


@dataclass(frozen=True)
class Listed:
    """A service in the list: its number, itself, how far it is (None: no position or no origin)."""

    number: int
    resource: Resource
    distance: str | None
    closed: bool


@dataclass(frozen=True)
class Results:
    found: int
    shown: list[Listed]
    page: int
    pages: int
    unplaced: int  # listed services without a position: not on the map
    map: str


def search(index: DirectoryIndex, criteria: Criteria, language: str, map_title: str) -> Results:
    """The page of the list the criteria ask for, and its map (made from the very same services)."""
    found = index.search(criteria.text, criteria.category)
    if criteria.municipality is not None:
        chosen = criteria.municipality
        found = [r for r in found if gazetteer.find(r.location.municipality) == chosen]
    distances: dict[uuid.UUID, float | None] = {}
    if criteria.near is not None:
        near = criteria.near
        by_id = {r.id: r for r in found}
        points = [
            Point(
                str(r.id),
                r.location.latitude,
                r.location.longitude,
                index.by_id[r.id].sort_name,
            )
            for r in found
        ]
        order = order_by_distance(points, near.latitude, near.longitude)
        found = [by_id[uuid.UUID(rid)] for rid, _ in order.ids]
        distances = {uuid.UUID(rid): km for rid, km in order.ids}
    pages = max(1, -(-len(found) // PER_PAGE))
    page = min(criteria.page, pages)
    first = (page - 1) * PER_PAGE
    shown = []
    for number, resource in enumerate(found[first : first + PER_PAGE], start=first + 1):
        km = distances.get(resource.id)
        distance = None if km is None else format_decimal(round(km, 1), "#,##0.0", locale=language)
        shown.append(Listed(number, resource, distance, is_temporarily_closed(resource.status)))
    pins = [
        svg_map.Pin(
            str(item.resource.id), item.number, item.resource.location.latitude, item.resource.location.longitude
        )
        for item in shown
        if item.resource.location.latitude is not None and item.resource.location.longitude is not None
    ]
    drawn = svg_map.draw(pins, map_title, criteria.near) if shown else ""
    return Results(len(found), shown, page, pages, len(shown) - len(pins), drawn)


def query_string(criteria: Criteria, page: int) -> str:
    """The list's address for another page of the same search."""
    values = {
        "q": criteria.text,
        "category": criteria.category or "",
        "municipality": criteria.municipality.name if criteria.municipality else "",
        "near": criteria.near.name if criteria.near else "",
        "page": str(page),
    }
    return urlencode({k: v for k, v in values.items() if v})


# --- a service, as a page shows it -------------------------------------------------------------


@dataclass(frozen=True)
class Hours:
    day: str
    times: str


def hours(resource: Resource, language: str) -> list[Hours]:
    """Opening hours by weekday (Monday first), several slots of a day on one line."""
    names = get_day_names("wide", locale=language)  # 0 = Monday, as ISO weekday - 1
    by_day: dict[int, list[str]] = {}
    for slot in sorted(resource.opening_hours, key=lambda s: (s.weekday, s.opens_at)):
        opens = format_time(slot.opens_at, "short", locale=language)
        closes = format_time(slot.closes_at, "short", locale=language)
        by_day.setdefault(slot.weekday, []).append(f"{opens}–{closes}")
    return [Hours(names[day - 1].capitalize(), ", ".join(times)) for day, times in sorted(by_day.items())]


def exceptions(resource: Resource, language: str, today: dt.date, closed: str) -> list[Hours]:
    """The days from today on that differ from the weekly hours (protocol.directory.coming_exceptions,
    the desktop's and the handout's rule), each with its hours or `closed`."""
    lines = []
    for day, ranges in coming_exceptions(resource.hours_exceptions, today):
        times = [
            f"{format_time(opens, 'short', locale=language)}–{format_time(closes, 'short', locale=language)}"
            for opens, closes in ranges
        ]
        lines.append(Hours(format_date(day, "full", locale=language).capitalize(), ", ".join(times) or closed))
    return lines


def language_names(resource: Resource, language: str) -> list[str]:
    """The languages the service is offered in, named in the page's language."""
    known = Locale.parse(language).languages
    return [known.get(tag.split("-")[0], tag) for tag in resource.languages]


def categories(resource: Resource, language: str) -> list[str]:
    return [taxonomy.category_label(code, language) for code in resource.categories]


def checked(resource: Resource, language: str, today: dt.date) -> tuple[str | None, bool]:
    """When the details were last confirmed (in the page's language), and whether that is long ago."""
    day = resource.last_verified_on
    return (format_date(day, "long", locale=language) if day else None), is_stale(day, today)


def category_choices(language: str) -> list[tuple[str, str]]:
    """(code, label) of every category, by label in the page's language."""
    return sorted(
        ((code, category.label(language)) for code, category in taxonomy.CATEGORIES.items()),
        key=lambda pair: pair[1].casefold(),
    )


def place_names() -> list[str]:
    return [place.name for place in gazetteer.municipalities()]


# --- the pages ---------------------------------------------------------------------------------


def list_page(desk: "HelpDesk", directory: PublicDirectory, language: str, params: Mapping[str, str]) -> HTMLResponse:
    """The search form, and when it was used, the list, its map and the pages of the list."""
    _ = translations(language).gettext
    criteria, errors = read(params, _)
    asked = any(params.get(name, "").strip() for name in FIELDS[:4])
    results = None
    if not errors:
        title = _("Map of the services listed")
        results = search(directory.index(), criteria, language, title)
    pages = []
    if results is not None and results.pages > 1:
        pages = [(n, query_string(criteria, n)) for n in range(1, results.pages + 1)]
    return desk.page(
        language,
        "services.html",
        "services" + (f"?{query_string(criteria, criteria.page)}" if asked and not errors else ""),
        status=422 if errors else 200,
        errors=errors,
        typed={name: params.get(name, "")[: MAX_QUERY + 50] for name in FIELDS[:4]},
        asked=asked,
        results=results,
        pages=pages,
        category_choices=category_choices(language),
        place_names=place_names(),
        near=criteria.near,
    )


def service_page(desk: "HelpDesk", directory: PublicDirectory, language: str, service_id: str) -> HTMLResponse:
    """A published service's own page; anything else (unknown, inactive, defunct) is the 404 page."""
    try:
        wanted = uuid.UUID(service_id)
    except ValueError:
        return desk.not_found(language)
    resource = directory.index().get(wanted)
    if resource is None:
        return desk.not_found(language)
    _ = translations(language).gettext
    today = desk.clock().date()
    verified, stale = checked(resource, language, today)
    return desk.page(
        language,
        "service.html",
        f"services/{resource.id}",
        service=resource,
        closed=is_temporarily_closed(resource.status),
        categories=categories(resource, language),
        hours=hours(resource, language),
        exceptions=exceptions(resource, language, today, _("closed")),
        spoken=language_names(resource, language),
        verified=verified,
        stale=stale,
        phone_kinds={
            "voice": _phone_kind(language, "voice"),
            "text": _phone_kind(language, "text"),
            "fax": _phone_kind(language, "fax"),
            "hotline": _phone_kind(language, "hotline"),
        },
    )


def _phone_kind(language: str, kind: str) -> str:
    _ = translations(language).gettext
    return {
        "voice": _("Phone"),
        "text": _("Text messages"),
        "fax": _("Fax"),
        "hotline": _("Helpline"),
    }[kind]
