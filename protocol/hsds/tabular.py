"""The directory as an Open Referral HSDS 3 tabular data package: CSV files plus datapackage.json.

Owns: turning directory `Resource` records (one service at one location, flattened) into HSDS
tables, and an HSDS package back into validated Resource field dictionaries. Files only: storing
records, their metadata and their sync is the caller's job (central/directory.py on the
service, desktop/store/directory_files.py on a computer).

Mapping (Resource field -> HSDS table.column):
- organization_name -> organization.name. Organisations are shared: one row per
  hsds_organization_id or, without one, per name (id = uuid5 over the name, so exporting the
  same directory twice gives the same ids).
- service_name, description, email, url, eligibility -> service.name, .description, .email,
  .url, .eligibility_description; status -> service.status (all four HSDS statuses);
  last_verified_on -> service.assured_date; hsds_service_id ->
  service.id (else the record id). Entries that claim one HSDS id but disagree are written
  under derived ids rather than merged (see `common.place_all`).
- location -> location (name, latitude, longitude, location_type "physical") and its physical
  address (address_1, city = municipality, region, also copied to state_province, postal_code,
  country as two letters).
- Each Resource is one service_at_location row. Its phones (phone.type voice/text/fax, plus
  "hotline", our addition to the RFC 6350 list HSDS draws on) and opening hours (schedule: freq
  WEEKLY, one byday per row, opens_at/closes_at as local HH:MM) hang from that row. They do not
  hang from the service, because the same service may keep other hours and numbers elsewhere.
- categories are terms of our taxonomy "prossimo-categories", written whole in the taxonomy
  table (one row) and taxonomy_term (one term per category and language, it/en/fi, same code,
  the `language` column set, `name` the label); attribute rows (link_entity "service") link a
  service to the English term of each of its categories.
- keywords are terms of "prossimo-keywords" (code = name = the keyword), linked the same way.
  Keywords are terms, not a custom column on service, so the service table stays standard and
  any HSDS reader sees them.
- languages -> language rows (service_id, code).

Importing reads these tables from any HSDS 3 package and takes their paths from datapackage.json.
It tolerates what HSDS allows:
- UTF-8 with or without a BOM; columns and tables we do not read are ignored;
- phones, schedules and languages may hang from the service_at_location, the service or the
  location; the most specific level that has rows wins;
- without a service_at_location table, a service is offered at every location of its
  organisation;
- category terms match by code in any language; terms from other taxonomies count when their
  code is one of ours; other foreign terms are ignored; an unknown term of ours becomes
  "other", and so does a service with no category;
- every HSDS service status is kept (active, inactive, defunct, temporarily closed; none
  given means active);
- a schedule row with only a note (no days, no times) has nothing to keep.
Weekly hours are all our model knows: monthly or fortnightly schedules are refused, not guessed.

Must never:
- half-import: every row is converted and validated against the protocol schema before anything
  is returned; any problem raises HsdsError naming file, row and column, and nothing comes back;
- trust a CSV value without validation, or echo one in an error message (messages reach logs);
- read outside the package folder, or fetch a remote path;
- write outside the target folder, or overwrite any file there.
"""

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from protocol import Resource
from protocol.hsds import common
from protocol.hsds.common import HsdsError, Placed, Rule, Sources, stable_id
from protocol.taxonomy import TAXONOMY_NAME

PACKAGE_NAME = "prossimo-directory"
DESCRIPTOR = "datapackage.json"

# The columns we write, table by table; on import, other HSDS columns are simply not read.
TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "email", "website"),
    "service": (
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "eligibility_description",
        "assured_date",
    ),
    "location": ("id", "organization_id", "location_type", "name", "latitude", "longitude"),
    "address": (
        "id",
        "location_id",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "service_at_location": ("id", "service_id", "location_id"),
    "phone": ("id", "service_at_location_id", "service_id", "number", "type", "description"),
    "schedule": ("id", "service_at_location_id", "service_id", "freq", "byday", "opens_at", "closes_at"),
    "taxonomy": ("id", "name", "description"),
    "taxonomy_term": ("id", "code", "name", "description", "taxonomy", "taxonomy_id", "language"),
    "attribute": ("id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value"),
    "language": ("id", "service_id", "code", "name"),
}
REQUIRED_TABLES = ("organization", "service", "location")
# The columns an import reads, table by table; any other column that holds a value is reported as
# not kept (`Reading.ignored`), never dropped in silence. DERIVED are columns we write from our
# own rules (a location is physical, a term's label comes from our taxonomy), so they lose nothing.
READ: dict[str, frozenset[str]] = {
    table: frozenset(columns)
    for table, columns in {
        "organization": ("id", "name"),
        "service": (
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "eligibility_description",
            "assured_date",
        ),
        "location": ("id", "organization_id", "name", "latitude", "longitude"),
        "address": (
            "id",
            "location_id",
            "address_1",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        "service_at_location": ("id", "service_id", "location_id"),
        "phone": ("id", "service_at_location_id", "service_id", "location_id", "number", "type", "description"),
        "schedule": (
            "id",
            "service_at_location_id",
            "service_id",
            "location_id",
            "freq",
            "interval",
            "byday",
            "opens_at",
            "closes_at",
        ),
        "taxonomy": ("id",),
        "taxonomy_term": ("id", "code", "name", "taxonomy", "taxonomy_id"),
        "attribute": ("id", "link_id", "link_entity", "taxonomy_term_id"),
        "language": ("id", "service_at_location_id", "service_id", "location_id", "code"),
    }.items()
}
DERIVED: dict[str, frozenset[str]] = {
    "location": frozenset({"location_type"}),
    "taxonomy": frozenset({"name", "description"}),
    "taxonomy_term": frozenset({"description", "language"}),
    "language": frozenset({"name"}),
}
# Table Schema types for the descriptor. Times stay strings: the Table Schema "time" type
# defaults to HH:MM:SS, and HSDS writes HH:MM.
FIELD_TYPES = {"latitude": "number", "longitude": "number", "assured_date": "date"}

# Text fields of Resource read straight from a service column; the required ones keep "" so that
# validation says "at least 1 character" rather than "not a string".
SERVICE_TEXT = {
    "service_name": "name",
    "description": "description",
    "email": "email",
    "url": "url",
    "eligibility": "eligibility_description",
}
REQUIRED_TEXT = frozenset({"service_name"})
ADDRESS_TEXT = {"address_1": "address_1", "postal_code": "postal_code", "municipality": "city"}


# --- export ---------------------------------------------------------------------------------------


def export_package(resources: Iterable[Resource], directory: Path) -> dict[str, int]:
    """Write the live (not deleted) resources as an HSDS package into `directory`; rows per table."""
    directory = Path(directory)
    _refuse_to_overwrite(directory)
    tables = _Tables()
    tables.add("taxonomy", id=common.CATEGORY_TAXONOMY, name=TAXONOMY_NAME, description=common.TAXONOMY_DESCRIPTION)
    for term in common.category_terms():
        tables.add("taxonomy_term", **term)
    for placed in common.place_all(resources):
        _add_resource(tables, placed)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HsdsError(f"{directory}: cannot create the folder ({exc.strerror})") from None
    for table, columns in TABLES.items():
        _write_csv(directory, f"{table}.csv", columns, tables.rows[table].values())
    # The descriptor goes last: a package cut short by a crash has none, and will not import.
    with _create(directory, DESCRIPTOR) as handle:
        json.dump(_descriptor(), handle, indent=2, ensure_ascii=False)
    return {table: len(rows) for table, rows in tables.rows.items()}


def _refuse_to_overwrite(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise HsdsError(f"{directory}: not a folder")
    if (directory / DESCRIPTOR).exists():
        raise HsdsError(f"{directory}: already holds a data package ({DESCRIPTOR}); choose an empty folder")
    for table in TABLES:
        if (directory / f"{table}.csv").exists():
            raise HsdsError(f"{directory}: {table}.csv already exists; choose an empty folder")


class _Tables:
    """Rows to write, per table, keyed by id: a shared organisation or term is written once."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, str]]] = {table: {} for table in TABLES}

    def add(self, table: str, **cells: Any) -> None:
        row = {column: _cell(cells.get(column)) for column in TABLES[table]}
        self.rows[table].setdefault(row["id"], row)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return common.degrees_text(value)
    if isinstance(value, dt.time):
        return common.clock_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _add_resource(tables: _Tables, placed: Placed) -> None:
    resource = placed.resource
    org_id, service_id, location_id = placed.organization_id, placed.service_id, placed.location_id
    pairing_id = placed.pairing_id
    place = resource.location

    tables.add("organization", id=org_id, name=resource.organization_name)
    tables.add(
        "service",
        id=service_id,
        organization_id=org_id,
        name=resource.service_name,
        description=resource.description,
        url=resource.url,
        email=resource.email,
        status=resource.status,
        eligibility_description=resource.eligibility,
        assured_date=resource.last_verified_on,
    )
    tables.add(
        "location",
        id=location_id,
        organization_id=org_id,
        location_type="physical",
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
    )
    tables.add(
        "address",
        id=stable_id("address", location_id),
        location_id=location_id,
        address_1=place.address_1,
        city=place.municipality,
        region=place.region,
        state_province=place.region,
        postal_code=place.postal_code,
        country=place.country,
        address_type="physical",
    )
    tables.add("service_at_location", id=pairing_id, service_id=service_id, location_id=location_id)
    for index, phone in enumerate(resource.phones):
        tables.add(
            "phone",
            id=stable_id("phone", pairing_id, str(index)),
            service_at_location_id=pairing_id,
            service_id=service_id,
            number=phone.number,
            type=phone.kind,
            description=phone.description,
        )
    for index, slot in enumerate(resource.opening_hours):
        tables.add(
            "schedule",
            id=stable_id("schedule", pairing_id, str(index)),
            service_at_location_id=pairing_id,
            service_id=service_id,
            freq="WEEKLY",
            byday=common.DAYS[slot.weekday - 1],
            opens_at=slot.opens_at,
            closes_at=slot.closes_at,
        )
    terms = [common.category_term(code) for code in resource.categories]
    terms += [common.keyword_term(keyword) for keyword in resource.keywords]
    for term in terms:
        tables.add("taxonomy_term", **term)  # category terms are all there already
        tables.add(
            "attribute",
            id=stable_id("attribute", service_id, term["id"]),
            link_id=service_id,
            link_entity="service",
            taxonomy_term_id=term["id"],
        )
    for code in resource.languages:
        tables.add("language", id=stable_id("language", service_id, code), service_id=service_id, code=code)


def _create(directory: Path, name: str) -> TextIO:
    # Exclusive creation: never overwrite a file, nor follow a link planted where ours should go.
    try:
        return (directory / name).open("x", encoding="utf-8", newline="")
    except FileExistsError:
        raise HsdsError(f"{directory}: {name} already exists; choose an empty folder") from None
    except OSError as exc:
        raise HsdsError(f"{directory}: {name} cannot be written ({exc.strerror})") from None


def _write_csv(directory: Path, name: str, columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> None:
    with _create(directory, name) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _descriptor() -> dict[str, Any]:
    resources = [
        {
            "name": table,
            "path": f"{table}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": column, "type": FIELD_TYPES.get(column, "string")} for column in columns]},
        }
        for table, columns in TABLES.items()
    ]
    return {
        "name": PACKAGE_NAME,
        "profile": "tabular-data-package",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "resources": resources,
    }


# --- reading a package ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One CSV record. `number` is the row a spreadsheet shows: the header is row 1."""

    file: str
    number: int
    cells: dict[str, str]
    table: str = ""

    @property
    def key(self) -> common.Key:
        return self.table, f"row {self.number}"

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str, rule: str) -> str:
        place = f"{self.file} row {self.number}"
        return f"{place}: {column}: {rule}" if column else f"{place}: {rule}"

    def error(self, column: str, rule: str) -> HsdsError:
        return HsdsError(self.problem(column, rule))


def _read_package(directory: Path, ignored: list[str]) -> dict[str, list[_Row]]:
    """Every table we read, by name; columns and tables holding data we do not keep go to `ignored`."""
    paths = _resource_paths(directory, ignored)
    tables: dict[str, list[_Row]] = {}
    for table in TABLES:
        relative = paths.get(table)
        if relative is None:
            if table in REQUIRED_TABLES:
                raise HsdsError(f"{DESCRIPTOR}: the {table} table is required")
            continue
        tables[table] = _read_csv(_inside(directory, relative), relative, table)
        ignored.extend(_unread_columns(relative, table, tables[table]))
    return tables


def _unread_columns(name: str, table: str, rows: list[_Row]) -> list[str]:
    kept = READ[table] | DERIVED.get(table, frozenset())
    counts: dict[str, int] = {}
    for row in rows:
        for column, value in row.cells.items():
            if value and column not in kept:
                counts[column] = counts.get(column, 0) + 1
    return [f"{name}: column {column} ({n} rows with a value)" for column, n in counts.items()]


def _resource_paths(directory: Path, ignored: list[str]) -> dict[str, str]:
    """Path of each table we read, by resource name, as datapackage.json lists them."""
    if not (directory / DESCRIPTOR).is_file():
        raise HsdsError(f"{directory}: no {DESCRIPTOR}; not a data package")
    try:
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8-sig"))
    except ValueError:  # bad JSON and bad UTF-8 alike
        raise HsdsError(f"{DESCRIPTOR}: not valid JSON") from None
    except OSError as exc:
        raise HsdsError(f"{DESCRIPTOR}: cannot be read ({exc.strerror})") from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise HsdsError(f"{DESCRIPTOR}: resources: must be a list of tables")
    paths: dict[str, str] = {}
    for index, item in enumerate(resources):
        name = item.get("name") if isinstance(item, dict) else None
        if name not in TABLES:
            # Tables we do not read (contact, funding...) need not be readable by us, but are named.
            ignored.append(f"{DESCRIPTOR}: table {name if isinstance(name, str) else index} (not read)")
            continue
        path = item.get("path")
        if not isinstance(path, str) or not path:
            raise HsdsError(f"{DESCRIPTOR}: resources.{index}.path: must be one file name")
        if name in paths:
            raise HsdsError(f"{DESCRIPTOR}: resources.{index}.name: the {name} table is listed twice")
        paths[name] = path
    return paths


def _inside(directory: Path, relative: str) -> Path:
    if "://" in relative:
        raise HsdsError(f"{DESCRIPTOR}: {relative}: remote files are not fetched; the package must be local")
    root = directory.resolve()
    path = (root / relative).resolve()  # resolves "..", and links, before the check below
    if not path.is_relative_to(root) or path == root:
        raise HsdsError(f"{DESCRIPTOR}: {relative} points outside the package folder")
    if not path.is_file():
        raise HsdsError(f"{relative}: listed in {DESCRIPTOR} but not found in the package folder")
    return path


def _read_csv(path: Path, name: str, table: str) -> list[_Row]:
    rows = []
    reader = None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # utf-8-sig: spreadsheets add a BOM
            reader = csv.reader(handle)
            columns = [column.strip() for column in next(reader, [])]
            if not any(columns):
                raise HsdsError(f"{name}: empty; its first row must name the columns")
            if len(set(columns)) != len(columns):
                raise HsdsError(f"{name} row 1: a column is named twice")
            # Counting every record, blank ones too, keeps row numbers equal to a spreadsheet's.
            for number, cells in enumerate(reader, start=2):
                if len(cells) > len(columns):
                    raise HsdsError(f"{name} row {number}: more cells than the header has columns")
                if any(cell.strip() for cell in cells):
                    rows.append(_Row(name, number, {c: v.strip() for c, v in zip(columns, cells, strict=False)}, table))
    except UnicodeDecodeError:
        raise HsdsError(f"{name}: not UTF-8 text; save it as CSV UTF-8") from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else 1
        raise HsdsError(f"{name} line {line}: not readable as CSV ({exc})") from None
    except OSError as exc:
        raise HsdsError(f"{name}: cannot be read ({exc.strerror})") from None
    return rows


# --- the tables, cross-checked ----------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    """One service at one location: the row that pairs them, and the rows they come from."""

    origin: _Row  # service_at_location row, or the service row when the package has no such table
    service: _Row
    location: _Row
    pairing_id: str | None


class _Package:
    """The tables of one package, indexed by the ids rows use to point at each other.

    Every broken reference or duplicate id becomes a problem here, so that no row is quietly
    attached to the wrong service, or dropped.
    """

    def __init__(self, tables: dict[str, list[_Row]]) -> None:
        self.tables = tables
        self.problems: list[str] = []
        self.reasons: dict[common.Key, str] = {}  # why a row no entry uses was left out
        self.organizations = self._by_id("organization")
        self.services = self._by_id("service")
        self.locations = self._by_id("location")
        self.pairings = self._by_id("service_at_location")
        self.taxonomies = self._by_id("taxonomy")
        self.terms = self._by_id("taxonomy_term")
        for row in self.rows("service"):
            self.check(row, "organization_id", self.organizations, required=True)
        for row in self.rows("location"):
            self.check(row, "organization_id", self.organizations)
        if "taxonomy" in tables:  # HSDS 3 links terms to a taxonomy row; older packages name it
            for row in self.rows("taxonomy_term"):
                self.check(row, "taxonomy_id", self.taxonomies)
        self.addresses = self._group("address", "location_id", self.locations)
        self.attributes = self._service_attributes()
        self.phones = _Attached(self, "phone")
        self.schedules = _Attached(self, "schedule")
        self.languages = _Attached(self, "language")

    def rows(self, table: str) -> list[_Row]:
        return self.tables.get(table, [])

    def _by_id(self, table: str) -> dict[str, _Row]:
        index: dict[str, _Row] = {}
        for row in self.rows(table):
            key = row.get("id")
            if not key:
                self.problems.append(row.problem("id", "required"))
            elif key in index:
                self.problems.append(row.problem("id", f"already used on row {index[key].number}"))
            else:
                index[key] = row
        return index

    def check(
        self, row: _Row, column: str, targets: dict[str, _Row], *, required: bool = False, what: str = ""
    ) -> bool:
        """Whether `row.column` names an existing row; a dangling or missing id is a problem."""
        value = row.get(column)
        if value and value not in targets:
            what = what or column.removesuffix("_id").replace("_", " ")
            self.problems.append(row.problem(column, f"no {what} with this id"))
            return False
        if not value and required:
            self.problems.append(row.problem(column, "required"))
            return False
        return bool(value)

    def _group(self, table: str, column: str, targets: dict[str, _Row]) -> dict[str, list[_Row]]:
        groups: dict[str, list[_Row]] = defaultdict(list)
        for row in self.rows(table):
            if self.check(row, column, targets, required=True):
                groups[row.get(column)].append(row)
        return groups

    def _service_attributes(self) -> dict[str, list[_Row]]:
        groups: dict[str, list[_Row]] = defaultdict(list)
        for row in self.rows("attribute"):
            if row.get("link_entity").lower() not in ("", "service"):
                # Attributes of locations, organisations... have no field of ours.
                self.reasons[row.key] = "classifies something other than a service (link_entity); not kept"
                continue
            linked = self.check(row, "link_id", self.services, required=True, what="service")
            if self.check(row, "taxonomy_term_id", self.terms, required=True) and linked:
                groups[row.get("link_id")].append(row)
        return groups

    def address_of(self, location: _Row) -> _Row | None:
        candidates = self.addresses.get(location.get("id"), [])
        physical = [row for row in candidates if row.get("address_type").lower() in ("", "physical")]
        chosen = next(iter(physical or candidates), None)
        for row in candidates:
            if row is not chosen:
                self.reasons[row.key] = "one address is kept per location (the physical one); this is another"
        return chosen

    def pairs(self) -> list[_Pair]:
        """Every service, whatever its status, at each of its locations."""
        # A service whose organisation is missing was reported above and cannot be an entry.
        active = {key: row for key, row in self.services.items() if row.get("organization_id") in self.organizations}
        pairs = self._paired(active) if "service_at_location" in self.tables else self._by_organization(active)
        offered = {pair.service.get("id") for pair in pairs}
        for key, service in active.items():
            if key not in offered:
                self.problems.append(service.problem("id", "this service is offered at no location"))
        return pairs

    def _paired(self, active: dict[str, _Row]) -> list[_Pair]:
        pairs: list[_Pair] = []
        seen: dict[tuple[str, str], int] = {}  # (service id, location id) -> the row that placed it first
        for row in self.rows("service_at_location"):
            found_service = self.check(row, "service_id", self.services, required=True)
            found_location = self.check(row, "location_id", self.locations, required=True)
            key = (row.get("service_id"), row.get("location_id"))
            if not (found_service and found_location) or key[0] not in active:
                continue
            if key in seen:
                self.problems.append(row.problem("location_id", f"this service is already here on row {seen[key]}"))
                continue
            seen[key] = row.number
            pairs.append(_Pair(row, active[key[0]], self.locations[key[1]], row.get("id") or None))
        return pairs

    def _by_organization(self, active: dict[str, _Row]) -> list[_Pair]:
        # No service_at_location table: HSDS then means "at the organisation's locations".
        places: dict[str, list[_Row]] = defaultdict(list)
        for location in self.locations.values():
            places[location.get("organization_id")].append(location)
        return [
            _Pair(service, service, location, None)
            for service in active.values()
            for location in places.get(service.get("organization_id"), [])
        ]


class _Attached:
    """Rows of one table (phone, schedule, language) that hang from a pairing, a service or a location."""

    def __init__(self, package: _Package, table: str) -> None:
        self.table = table
        self.reasons = package.reasons
        self.by_pairing: dict[str, list[_Row]] = defaultdict(list)
        self.by_service: dict[str, list[_Row]] = defaultdict(list)
        self.by_location: dict[str, list[_Row]] = defaultdict(list)
        for row in package.rows(table):
            # Every id the row gives is checked, even those a more specific one makes unused.
            pairing = package.check(row, "service_at_location_id", package.pairings)
            service = package.check(row, "service_id", package.services)
            location = package.check(row, "location_id", package.locations)
            if pairing:
                self.by_pairing[row.get("service_at_location_id")].append(row)
            elif service:
                self.by_service[row.get("service_id")].append(row)
            elif location:
                self.by_location[row.get("location_id")].append(row)
            # else: it belongs to an organisation or a contact, or names a missing row (reported)

    def of(self, pair: _Pair) -> list[_Row]:
        """The most specific rows that exist: this pairing's, else the service's, else the location's."""
        location_id = pair.location.get("id")
        service_rows = [
            row
            for row in self.by_service.get(pair.service.get("id"), [])
            if row.get("location_id") in ("", location_id)
        ]
        levels = [
            ("the service at this location", self.by_pairing.get(pair.pairing_id or "", [])),
            ("the service", service_rows),
            ("the location", self.by_location.get(location_id, [])),
        ]
        chosen = next(((level, rows) for level, rows in levels if rows), ("", []))
        for _, rows in levels:
            if rows is not chosen[1]:
                for row in rows:  # kept when another entry uses it; else this is why not
                    self.reasons.setdefault(row.key, f"{chosen[0]} has {self.table} rows of its own, used instead")
        return chosen[1]


# --- import -----------------------------------------------------------------------------------


def import_package(directory: Path) -> list[dict[str, Any]]:
    """Resource content fields for every service at every location, all validated; else HsdsError."""
    return read_package(directory).entries


def read_package(directory: Path) -> common.Reading:
    """Every service at every location, all validated, and what each row read became; else HsdsError."""
    ignored: list[str] = []
    package = _Package(_read_package(Path(directory), ignored))
    pairs = package.pairs()
    entries, uses, problems = [], [], package.problems
    for pair in pairs:
        used: set[common.Key] = set()
        try:
            entries.append(_entry(package, pair, used))
            uses.append(used)
        except HsdsError as exc:
            problems.append(str(exc))
    if problems:
        raise HsdsError(common.summary(problems))
    read = {table: [row.key[1] for row in rows] for table, rows in package.tables.items()}
    return common.Reading(entries, uses, read, package.reasons, ignored)


def _entry(package: _Package, pair: _Pair, used: set[common.Key]) -> dict[str, Any]:
    """Field dictionary of one service at one location, validated by the protocol schema;
    every row it is built from goes into `used`."""
    service, location = pair.service, pair.location
    organization = package.organizations[service.get("organization_id")]
    used.update(row.key for row in (pair.origin, service, location, organization))
    sources: Sources = {
        ("organization_name",): (organization, "name"),
        ("hsds_organization_id",): (organization, "id"),
        ("hsds_service_id",): (service, "id"),
        ("hsds_location_id",): (location, "id"),
        ("last_verified_on",): (service, "assured_date"),
    }
    fields: dict[str, Any] = {"organization_name": organization.get("name")}
    for name, column in SERVICE_TEXT.items():
        fields[name] = service.get(column) if name in REQUIRED_TEXT else service.get(column) or None
        sources[(name,)] = (service, column)
    fields["location"] = _location(package, location, sources, used)
    fields["categories"], fields["keywords"] = _terms(package, service, sources, used)
    phones, schedules, languages = package.phones.of(pair), package.schedules.of(pair), package.languages.of(pair)
    used.update(row.key for row in phones + languages)
    fields["phones"] = _phones(phones, sources)
    fields["opening_hours"] = _opening_hours(schedules, sources, used, package.reasons)
    fields["languages"] = _languages(languages, sources)
    fields["last_verified_on"] = _typed(service, "assured_date", common.iso_date)
    fields["status"] = _typed(service, "status", common.service_status) or "active"
    sources[("status",)] = (service, "status")
    fields["hsds_organization_id"] = organization.get("id")
    fields["hsds_service_id"] = service.get("id")
    fields["hsds_location_id"] = location.get("id")
    return common.validated(fields, sources, fallback=pair.origin)


def _location(package: _Package, location: _Row, sources: Sources, used: set[common.Key]) -> dict[str, Any]:
    address = package.address_of(location)
    if address is None:
        raise location.error("id", "no address for this location in address.csv; a city is required")
    used.add(address.key)
    sources[("location",)] = (location, "")
    for name in ("name", "latitude", "longitude"):
        sources[("location", name)] = (location, name)
    fields: dict[str, Any] = {
        "name": location.get("name") or None,
        "latitude": _typed(location, "latitude", common.degrees),
        "longitude": _typed(location, "longitude", common.degrees),
    }
    for name, column in ADDRESS_TEXT.items():
        fields[name] = address.get(column) if name == "municipality" else address.get(column) or None
        sources[("location", name)] = (address, column)
    # HSDS has both region and state_province; whichever is filled is our region.
    region_column = "region" if address.get("region") else "state_province"
    fields["region"] = address.get(region_column) or None
    sources[("location", "region")] = (address, region_column)
    if address.get("country"):  # else the schema's default country applies
        fields["country"] = address.get("country").upper()
        sources[("location", "country")] = (address, "country")
    return fields


def _terms(package: _Package, service: _Row, sources: Sources, used: set[common.Key]) -> tuple[list[str], list[str]]:
    categories: list[str] = []
    keywords: list[str] = []
    for attribute in package.attributes.get(service.get("id"), []):
        term = package.terms[attribute.get("taxonomy_term_id")]
        found = common.classify_term(
            (term.get("taxonomy_id"), term.get("taxonomy")), term.get("code") or term.get("name")
        )
        if found is None:
            package.reasons[attribute.key] = package.reasons[term.key] = common.FOREIGN_TERM
            continue
        used.update((attribute.key, term.key))
        taxonomy = package.taxonomies.get(term.get("taxonomy_id"))
        if taxonomy is not None:
            used.add(taxonomy.key)
        common.file_term(found, (term, "code"), categories, keywords, sources)
    return categories or ["other"], keywords


def _phones(rows: list[_Row], sources: Sources) -> list[dict[str, Any]]:
    phones = []
    for index, row in enumerate(rows):
        kind = row.get("type").lower()
        phones.append(
            {
                "number": row.get("number"),
                "kind": common.PHONE_TYPES.get(kind, kind),
                "description": row.get("description") or None,
            }
        )
        sources[("phones", index)] = (row, "")
    return phones


def _opening_hours(
    rows: list[_Row], sources: Sources, used: set[common.Key], reasons: dict[common.Key, str]
) -> list[dict[str, Any]]:
    hours: list[dict[str, Any]] = []
    for row in rows:
        try:
            slots = common.weekly_slots(
                row.get("freq"), row.get("interval"), row.get("byday"), row.get("opens_at"), row.get("closes_at")
            )
        except Rule as exc:
            raise row.error(exc.column, exc.rule) from None
        if slots:
            used.add(row.key)
        else:
            reasons[row.key] = common.NOTE_ONLY
        for slot in slots:
            sources[("opening_hours", len(hours))] = (row, "")
            hours.append(slot)
    return hours


def _languages(rows: list[_Row], sources: Sources) -> list[str]:
    codes: list[str] = []
    for row in rows:
        if row.get("code") not in codes:
            sources[("languages", len(codes))] = (row, "code")
            codes.append(row.get("code"))
    return codes


def _typed(row: _Row, column: str, read: Any) -> Any:
    """`read(cell)` for a filled cell, None for an empty one; a broken cell is an HsdsError."""
    text = row.get(column)
    if not text:
        return None
    try:
        return read(text)
    except Rule as exc:
        raise row.error(column, exc.rule) from None
