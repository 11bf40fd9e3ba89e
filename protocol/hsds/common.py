"""What the two HSDS representations (tabular package, JSON) share: ids, terms, values, validation.

Owns:
- the HSDS ids a directory is written under (`place_all`) and the keys an exported entry can
  be found by again (`match_keys`, `index_by_keys`). A Resource is one service at one
  location, flattened; HSDS shares organisations, services and locations between entries by
  id. One id must name one content in a file, so when entries that claim the same HSDS id
  disagree (a team lead edited one location of a service), the later ones are written under
  an id derived from the claimed id and their record id instead of being silently merged
  into the first: nothing is lost, and a re-import still finds them (`match_keys`);
- the directory's taxonomies: categories are terms of "prossimo-categories" (one term per
  category and language, ids from `protocol.taxonomy`), keywords are terms of
  "prossimo-keywords", and what a foreign term means to us (`classify_term`);
- reading typed values out of text (degrees, local times, dates, weekly schedules), each
  failure a rule an operator can act on, never the rejected value;
- validating a finished entry against `protocol.Resource` and pointing each schema error
  back at the file, row or JSON path, and field it came from (`validated`).
- the service status a file gives (`service_status`: the four HSDS statuses, any letter case);
- what an import read and what became of it (`Reading`, `report`, `ImportReport`): every row
  or JSON object read is in an entry or has a reason it is not, and every column, property or
  table holding data we do not read is named, so nothing is dropped in silence. Table and
  column names are the file's structure, not its values, so they may be shown.

Must never do I/O, import anything of the desktop or the central service, or put a value from a
file into an error message (messages reach logs).
"""

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, get_args

from pydantic import ValidationError

from protocol import Resource, describe_validation_error, new_id
from protocol.entities import ResourceStatus
from protocol.taxonomy import CATEGORIES, TAXONOMY_ID, TAXONOMY_NAME

# Fixed namespace for the ids we make up: the same names give the same ids on every export.
NAMESPACE = uuid.UUID("6b9f3c1e-2d4a-5f60-8a71-9c0d1e2f3a4b")
CATEGORY_TAXONOMY = TAXONOMY_ID
KEYWORD_TAXONOMY = "prossimo-keywords"
CATEGORY_TERM_LANGUAGE = "en"  # attributes link a service to the English term of each category
TAXONOMY_DESCRIPTION = (
    "The categories Prossimo files local services under; each category is one term per "
    "language (it, en, fi) with the same code."
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # iCal byday codes; index + 1 is the ISO weekday

# Statuses HSDS allows for a service, all kept (`Resource.status`); none given means active.
STATUSES: tuple[str, ...] = get_args(ResourceStatus)
STATUS_RULE = "must be active, inactive, defunct or temporarily closed"
# RFC 6350 phone types we can file under one of ours; anything else must fail validation.
PHONE_TYPES = {"": "voice", "cell": "voice"}
# Our sub-field names that differ from the HSDS field holding them, for error messages.
COLUMN_OF = {"kind": "type", "weekday": "byday"}
MAX_REPORTED = 20  # problems listed in one error; enough to fix a file in a few rounds

DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIELD_FIRST = re.compile(r"[a-z_]+: ")


class HsdsError(Exception):
    """A file that cannot be imported (or written); the message names file, row or path, and field."""


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


# --- the ids an export writes ---------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A live resource and the HSDS ids it is written under."""

    resource: Resource
    organization_id: str
    service_id: str
    location_id: str

    @property
    def pairing_id(self) -> str:
        return stable_id("service_at_location", self.service_id, self.location_id)


def _claimed(resource: Resource) -> tuple[str, str]:
    """The service and location ids a resource asks for: its HSDS ids, else ids made from its record id."""
    service_id = resource.hsds_service_id or str(resource.id)
    return service_id, resource.hsds_location_id or stable_id("location", service_id)


def _derived_service(service_id: str, resource: Resource) -> str:
    return stable_id("service", service_id, str(resource.id))


def _derived_location(location_id: str, resource: Resource) -> str:
    return stable_id("location", location_id, str(resource.id))


def _service_content(resource: Resource, organization_id: str) -> tuple[Any, ...]:
    return (
        organization_id,
        resource.service_name,
        resource.status,
        resource.description,
        resource.email,
        resource.url,
        resource.eligibility,
        tuple(resource.categories),
        tuple(resource.keywords),
        tuple(resource.languages),
        resource.last_verified_on,
    )


def place_all(resources: Iterable[Resource]) -> list[Placed]:
    """The live resources, in the order given, each with the ids it is written under.

    Organisations are shared by id (or, without one, by name); services and locations by
    their HSDS ids. An id already taken by different content is replaced by a derived one,
    and so is a location where the same service is already placed.
    """
    organizations: dict[str, str] = {}
    services: dict[str, tuple[Any, ...]] = {}
    locations: dict[str, Any] = {}
    pairs: set[tuple[str, str]] = set()
    placed = []
    for resource in resources:
        if resource.deleted:
            continue
        name = resource.organization_name
        organization_id = resource.hsds_organization_id or stable_id("organization", name)
        if organizations.setdefault(organization_id, name) != name:
            organization_id = stable_id("organization", organization_id, name)
            organizations.setdefault(organization_id, name)
        service_id, location_id = _claimed(resource)
        content = _service_content(resource, organization_id)
        if services.setdefault(service_id, content) != content:
            service_id = _derived_service(service_id, resource)
            services[service_id] = content
        place = resource.location
        if locations.setdefault(location_id, place) != place or (service_id, location_id) in pairs:
            location_id = _derived_location(location_id, resource)
            locations[location_id] = place
        pairs.add((service_id, location_id))
        placed.append(Placed(resource, organization_id, service_id, location_id))
    return placed


def match_keys(resource: Resource) -> list[tuple[str, str]]:
    """Every (service id, location id) an export may have written this resource under.

    The first is what it claims; the others contain its record id, so they belong to it alone.
    """
    service_id, location_id = _claimed(resource)
    derived_service = _derived_service(service_id, resource)
    derived_location = _derived_location(location_id, resource)
    return [
        (service_id, location_id),
        (service_id, derived_location),
        (derived_service, location_id),
        (derived_service, derived_location),
    ]


def index_by_keys(resources: Iterable[Resource]) -> dict[tuple[str, str], Resource]:
    """Live resources by every key an export of them could have used, to match a re-import.

    Give them in the order they are exported: when two claim the same ids, the first one was
    written under them (see `place_all`), so the first one keeps the claimed key.
    """
    index: dict[tuple[str, str], Resource] = {}
    live = [resource for resource in resources if not resource.deleted]
    for resource in live:
        for key in match_keys(resource)[1:]:
            index[key] = resource
    for resource in live:
        index.setdefault(match_keys(resource)[0], resource)
    return index


# --- taxonomies -----------------------------------------------------------------------------


def category_terms() -> list[dict[str, str]]:
    """Every category in every language, as HSDS taxonomy_term fields (one term per language)."""
    return [
        _category_term(category.code, language)
        for category in CATEGORIES.values()
        for language in sorted(category.labels)
    ]


def _category_term(code: str, language: str) -> dict[str, str]:
    # HSDS 3.1 requires a term's description; ours says what the term is, in the term's language's stead.
    category = CATEGORIES[code]
    return {
        "id": category.term_id(language),
        "code": code,
        "name": category.label(language),
        "description": f"{TAXONOMY_NAME}: {category.label('en')} ({code})",
        "taxonomy": CATEGORY_TAXONOMY,
        "taxonomy_id": CATEGORY_TAXONOMY,
        "language": language,
    }


def category_term(code: str) -> dict[str, str]:
    """The term an attribute links a service to for one category (the English one)."""
    return _category_term(code, CATEGORY_TERM_LANGUAGE)


def keyword_term(keyword: str) -> dict[str, str]:
    return {
        "id": stable_id(KEYWORD_TAXONOMY, keyword),
        "code": keyword,
        "name": keyword,
        "description": f"Keyword: {keyword}",
        "taxonomy": KEYWORD_TAXONOMY,
    }


# Our category term ids in every language: a term known only by its id still counts.
CATEGORY_OF_TERM_ID = {
    category.term_id(language): category.code for category in CATEGORIES.values() for language in category.labels
}


def classify_term(taxonomies: Iterable[str], code: str) -> tuple[str, str] | None:
    """("keyword", code) or ("category", code) for a term linked to a service; None to ignore it.

    `taxonomies` are what the term says of its taxonomy (HSDS 3 `taxonomy_id`, older `taxonomy`).
    Category terms match by code in any language; an unknown code of our taxonomy (a category
    we no longer have) is "other"; another taxonomy counts when its code is one of our words.
    """
    named = set(taxonomies)
    if KEYWORD_TAXONOMY in named:
        return ("keyword", code) if code else None
    if CATEGORY_TAXONOMY in named:
        return "category", code if code in CATEGORIES else "other"
    if code.lower() in CATEGORIES:
        return "category", code.lower()
    return None  # a foreign term says nothing we can file the service under


# --- values out of text ----------------------------------------------------------------------


class Rule(ValueError):
    """A value breaks a rule of ours; `column` names the field when it is not the one being read."""

    def __init__(self, rule: str, column: str = "") -> None:
        super().__init__(rule)
        self.rule = rule
        self.column = column


def degrees_text(value: float) -> str:
    """Decimal degrees without an exponent (1e-05 is not a coordinate a spreadsheet shows),
    with exactly the digits that read back to the same float."""
    return format(Decimal(repr(value)), "f")


def degrees(text: str) -> float:
    # float() alone would also take "nan", "inf" and "1_0": none is a coordinate.
    if not DECIMAL.fullmatch(text):
        raise Rule("must be a number in decimal degrees, such as 45.31")
    return float(text)


def clock_text(value: dt.time) -> str:
    # HH:MM as HSDS writes it; seconds only when there are some, so no slot is rounded
    # into an empty one. Sub-second opening times are not a thing worth keeping.
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def clock(text: str) -> dt.time:
    match = CLOCK.fullmatch(text)
    if match:
        hour, minute, second = (int(part) for part in match.groups(default="0"))
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    # A time zone suffix is refused too: our hours are local, and guessing the offset would move them.
    raise Rule("must be a local time such as 09:00 or 09:00:00")


def service_status(text: str) -> str:
    """The HSDS status of a service, any letter case; an empty cell is "active" (older packages)."""
    status = " ".join(text.lower().split()) or "active"
    if status not in STATUSES:
        raise Rule(STATUS_RULE)
    return status


def iso_date(text: str) -> dt.date:
    with contextlib.suppress(ValueError):  # well formed but impossible, such as 2026-02-30
        if ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    raise Rule("must be a date such as 2026-05-31")


def weekly_slots(freq: str, interval: str, byday: str, opens_at: str, closes_at: str) -> list[dict[str, Any]]:
    """A schedule as weekly slots, one per day it names; Rule names the field at fault.

    Weekly hours are all our model knows: monthly or fortnightly schedules are refused, not guessed.
    """
    if freq.upper() not in ("", "WEEKLY"):
        raise Rule("only weekly opening hours can be imported (WEEKLY)", "freq")
    if interval not in ("", "1"):
        raise Rule("only opening hours that repeat every week can be imported (1)", "interval")
    days = [day.strip().upper() for day in byday.split(",") if day.strip()]
    if not days and not opens_at and not closes_at:
        return []  # a note such as "by appointment": no slot to keep
    if not days:
        raise Rule("required: the days these hours apply to, such as MO,WE", "byday")
    if any(day not in DAYS for day in days):
        raise Rule("must be days of the week from MO to SU, such as MO,WE", "byday")
    try:
        opens = clock(opens_at)
    except Rule as exc:
        raise Rule(exc.rule, "opens_at") from None
    try:
        closes = clock(closes_at)
    except Rule as exc:
        raise Rule(exc.rule, "closes_at") from None
    return [{"weekday": DAYS.index(day) + 1, "opens_at": opens, "closes_at": closes} for day in days]


# --- validation ------------------------------------------------------------------------------


class Where(Protocol):
    """A place in a file: a CSV row, or an object at a JSON path."""

    def problem(self, column: str, rule: str) -> str:
        """`rule` broken by `column` of this place, as one line naming file, place and field."""


# Where a Resource field came from: (place, field); field "" when the place as a whole is meant.
Sources = dict[tuple[str | int, ...], tuple[Where, str]]


def validated(fields: dict[str, Any], sources: Sources, fallback: Where) -> dict[str, Any]:
    """Validate with throwaway metadata; return the schema's own content dictionary, or HsdsError."""
    content = {name: fields[name] for name in Resource.content_fields() if name in fields}
    now = dt.datetime.now(dt.UTC)
    try:
        record = Resource.model_validate(
            {**content, "id": new_id(), "created_at": now, "updated_at": now, "author_device_id": uuid.uuid4()}
        )
    except ValidationError as exc:
        items = exc.errors(include_input=False, include_url=False)
        lines = describe_validation_error(exc)  # same order as errors(), never echoes the input
        raise HsdsError(
            "\n".join(_locate(item["loc"], line, sources, fallback) for item, line in zip(items, lines, strict=True))
        ) from None
    return record.content()


def _locate(loc: tuple[str | int, ...], line: str, sources: Sources, fallback: Where) -> str:
    """Turn "phones.0.kind: rule" into "phone.csv row 7: type: rule" (or its JSON path)."""
    dotted = ".".join(str(part) for part in loc)
    rule = line.removeprefix(f"{dotted}: ") if dotted else line
    for cut in range(len(loc), 0, -1):  # the most precise source known
        if loc[:cut] in sources:
            place, column = sources[loc[:cut]]
            rest = loc[cut:]
            if not column and rest:
                column = COLUMN_OF.get(str(rest[0]), str(rest[0]))
            elif not column and FIELD_FIRST.match(rule):  # a cross-field rule names its field first
                field, rule = rule.split(": ", 1)
                column = COLUMN_OF.get(field, field)
            return place.problem(column, rule)
    return fallback.problem(dotted, rule)  # list-wide rules, such as too many phones


def summary(problems: list[str]) -> str:
    # A bad service shows once, not once per location; nor a bad schedule once per day it names.
    unique = list(dict.fromkeys(line for problem in problems for line in problem.splitlines()))
    shown = unique[:MAX_REPORTED]
    hidden = len(unique) - len(shown)
    return "\n".join(shown + ([f"...and {hidden} more problems"] if hidden else []))


def file_term(
    found: tuple[str, str] | None,
    source: tuple[Where, str],
    categories: list[str],
    keywords: list[str],
    sources: Sources,
) -> None:
    """File one classified term (see `classify_term`) under the service's categories or
    keywords, once each; a keyword remembers where it was read, for error messages."""
    if found is None:
        return
    kind, code = found
    if kind == "keyword" and code not in keywords:
        sources[("keywords", len(keywords))] = source
        keywords.append(code)
    elif kind == "category" and code not in categories:
        categories.append(code)


# --- what an import read, used and skipped -----------------------------------------------------

Key = tuple[str, str]  # (table, place): "service", "service.csv row 7" or "contents[3]"
NOT_LINKED = "not linked to any service in the file"
FOREIGN_TERM = "a term of another taxonomy that names none of our categories; not kept"
# Why a row no entry uses was left out, by table, when nothing more precise is known.
NOT_USED = {
    "taxonomy_term": "no service in the file is filed under this term",
    "taxonomy": "no service in the file is filed under a term of this taxonomy",
}
NOTE_ONLY = "a schedule without days or times (a note only): only weekly opening hours are kept"
Outcome = str  # "created", "updated" or "unchanged": what storing one entry did


@dataclass
class Reading:
    """What one file held: its entries, and for each row (or JSON object) read, by table, whether
    an entry was built from it, or why not. Nothing read is left without one or the other."""

    entries: list[dict[str, Any]]
    uses: list[set[Key]]  # per entry, parallel to `entries`: every row it was built from
    read: dict[str, list[str]]  # table -> every place read, in file order
    reasons: dict[Key, str]  # why a place was not used (only consulted for places no entry uses)
    ignored: list[str]  # columns, properties and tables holding data we do not keep


@dataclass(frozen=True)
class TableCounts:
    """One table of an import: rows read, and what became of each (they add up to `read`)."""

    read: int
    imported: int  # went into at least one entry new here
    updated: int  # went into an entry that changed here (and none new)
    unchanged: int  # went only into entries already as in the file
    skipped: int  # went into no entry: see `ImportReport.skipped` for why


@dataclass(frozen=True)
class Skipped:
    """Rows of one table left out for one reason: where (rows or paths), and the rule."""

    table: str
    places: tuple[str, ...]
    reason: str

    def line(self) -> str:
        shown = ", ".join(self.places[:5]) + (f" and {len(self.places) - 5} more" if len(self.places) > 5 else "")
        return f"{self.table}: {len(self.places)} skipped ({shown}): {self.reason}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: entries (services at locations) new, updated, unchanged; per table what
    was read and what became of it; what was skipped and why; what the file holds that we do not keep."""

    created: int
    updated: int
    unchanged: int
    tables: dict[str, TableCounts]
    skipped: tuple[Skipped, ...]
    ignored: tuple[str, ...]

    @property
    def entries(self) -> int:
        return self.created + self.updated + self.unchanged

    def lines(self) -> list[str]:
        """The per-table counts, the skipped rows and the ignored data, one line each (English, like errors)."""
        # No column alignment: the lines are read in a terminal and in a dialog's proportional font alike.
        lines = [
            f"{table}: {c.read} read, {c.imported} imported, {c.updated} updated, {c.unchanged} unchanged, "
            f"{c.skipped} skipped"
            for table, c in self.tables.items()
        ]
        lines += [item.line() for item in self.skipped]
        lines += [f"not kept: {item}" for item in self.ignored]
        return lines


_PRECEDENCE = {"created": 0, "updated": 1, "unchanged": 2}


def report(reading: Reading, outcomes: list[Outcome]) -> ImportReport:
    """The import's report, from what was read and what storing each entry did (parallel to entries)."""
    best: dict[Key, Outcome] = {}
    for used, outcome in zip(reading.uses, outcomes, strict=True):
        for key in used:
            if key not in best or _PRECEDENCE[outcome] < _PRECEDENCE[best[key]]:
                best[key] = outcome
    tables: dict[str, TableCounts] = {}
    skipped: dict[tuple[str, str], list[str]] = {}
    for table, places in reading.read.items():
        done = [best.get((table, place)) for place in places]
        for place, stored in zip(places, done, strict=True):
            if stored is None:
                reason = reading.reasons.get((table, place), NOT_USED.get(table, NOT_LINKED))
                skipped.setdefault((table, reason), []).append(place)
        tables[table] = TableCounts(
            read=len(places),
            imported=done.count("created"),
            updated=done.count("updated"),
            unchanged=done.count("unchanged"),
            skipped=done.count(None),
        )
    return ImportReport(
        created=outcomes.count("created"),
        updated=outcomes.count("updated"),
        unchanged=outcomes.count("unchanged"),
        tables=tables,
        skipped=tuple(Skipped(table, tuple(places), reason) for (table, reason), places in skipped.items()),
        ignored=tuple(reading.ignored),
    )
