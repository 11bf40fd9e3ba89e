"""The directory as HSDS 3 JSON: fully nested ("compiled") service objects in one file.

Owns: the HSDS 3.1 compiled service objects of directory `Resource` records (`compiled_services`,
also what the service's HSDS API answers), writing them as one JSON document, and reading such a document
(ours or another HSDS 3 publisher's) back into validated Resource field dictionaries. Files
only, like `protocol.hsds.tabular`; storing records is the caller's job.

The document is the HSDS API's `Page` envelope holding every service on one page:
`{"total_items": n, "total_pages": 1, "page_number": 1, "size": n, "first_page": true,
"last_page": true, "empty": n == 0, "contents": [service, ...]}`. HSDS 3 defines no file
format for JSON of its own; this is exactly what its API answers to `GET /services?full=true`,
so any HSDS 3 client can read the file, and a client's saved answer imports here. Import also
takes a plain list of services, or one service (the answer of `GET /services/{id}`).

Each service is HSDS 3 `compiled/service.json`: the service's own fields (id, name,
description, url, email, status, eligibility_description, assured_date), its `organization`
(id, name), `languages` (code), `attributes` each with its `taxonomy_term` nested (categories
link the English term of "prossimo-categories"; keywords terms of "prossimo-keywords"), and
`service_at_locations`, each with its `location` (name, latitude, longitude, `addresses` with
the physical address), its `phones` (type voice/text/fax, plus our "hotline") and its
`schedules` (freq WEEKLY, one byday each, opens_at/closes_at as local HH:MM). Resources that
share an HSDS service id become one service with several service_at_locations; ids follow
`common.place_all`, so both formats name the same things the same way. Absent values are left
out rather than written as null.

Importing tolerates what HSDS allows: UTF-8 with or without a BOM; properties we do not read
are ignored (HSDS has dozens: funding, contacts, accessibility...); phones and schedules may
hang from the service_at_location, the service or the location, and languages from the service
or the location (the most specific level that has some wins); an attribute may carry only a
`taxonomy_term_id`, which counts when it is one of our category terms; every HSDS status is
kept (none given means active); a schedule with only a note has nothing to keep.

Must never:
- half-import: every service is converted and validated against the protocol schema before
  anything is returned; any problem raises HsdsError naming the file, the JSON path (such as
  `contents[12].service_at_locations[0].phones[1].number`) and the rule, and nothing comes back;
- echo a value from the file in an error message (messages reach logs);
- overwrite a file.
"""

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocol import Resource
from protocol.hsds import common
from protocol.hsds.common import HsdsError, Placed, Rule, Sources, stable_id

# --- export -----------------------------------------------------------------------------------


def export_json(resources: Iterable[Resource], path: Path) -> dict[str, int]:
    """Write the live resources as one HSDS JSON document at `path` (a new file); counts written."""
    path = Path(path)
    placed = common.place_all(resources)
    contents = compiled_services(placed)
    document = {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Exclusive creation: never overwrite a file, nor follow a link planted where ours should go.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise HsdsError(f"{path}: already exists; choose a new file name") from None
    except OSError as exc:
        raise HsdsError(f"{path}: cannot be written ({exc.strerror})") from None
    organizations = {service["organization"]["id"] for service in contents}
    return {"organization": len(organizations), "service": len(contents), "service_at_location": len(placed)}


def compiled_services(placed: Iterable[Placed]) -> list[dict[str, Any]]:
    """The placed resources (`common.place_all`) as HSDS 3.1 compiled services, one per service
    id, in the order each id first appears. The export writes these; the service's HSDS API
    (central.hsds_api) answers them, so a file and the API never describe a service differently."""
    services: dict[str, dict[str, Any]] = {}
    for one in placed:
        service = services.get(one.service_id)
        if service is None:
            service = services[one.service_id] = _service(one)
        service["service_at_locations"].append(_service_at_location(one))
    return list(services.values())


def _present(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _service(placed: Placed) -> dict[str, Any]:
    resource, service_id = placed.resource, placed.service_id
    terms = [common.category_term(code) for code in resource.categories]
    terms += [common.keyword_term(keyword) for keyword in resource.keywords]
    assured = resource.last_verified_on.isoformat() if resource.last_verified_on else None
    return _present(
        id=service_id,
        organization_id=placed.organization_id,
        name=resource.service_name,
        description=resource.description,
        url=resource.url,
        email=resource.email,
        status=resource.status,
        eligibility_description=resource.eligibility,
        assured_date=assured,
        # HSDS 3.1 requires an organisation's description; the directory keeps none, so it is empty.
        organization={"id": placed.organization_id, "name": resource.organization_name, "description": ""},
        languages=[
            {"id": stable_id("language", service_id, code), "service_id": service_id, "code": code}
            for code in resource.languages
        ],
        attributes=[
            {
                "id": stable_id("attribute", service_id, term["id"]),
                "link_id": service_id,
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
            for term in terms
        ],
        service_at_locations=[],
    )


def _service_at_location(placed: Placed) -> dict[str, Any]:
    resource, location_id, pairing_id = placed.resource, placed.location_id, placed.pairing_id
    place = resource.location
    # HSDS 3.1 requires these address parts; a part we do not know is written empty, never made up.
    address = {
        "id": stable_id("address", location_id),
        "location_id": location_id,
        "address_1": place.address_1 or "",
        "city": place.municipality,
        **_present(region=place.region),
        "state_province": place.region or "",
        "postal_code": place.postal_code or "",
        "country": place.country,
        "address_type": "physical",
    }
    location = _present(
        id=location_id,
        organization_id=placed.organization_id,
        location_type="physical",
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        addresses=[address],
    )
    phones = [
        _present(
            id=stable_id("phone", pairing_id, str(index)),
            service_at_location_id=pairing_id,
            number=phone.number,
            type=phone.kind,
            description=phone.description,
        )
        for index, phone in enumerate(resource.phones)
    ]
    schedules = [
        {
            "id": stable_id("schedule", pairing_id, str(index)),
            "service_at_location_id": pairing_id,
            "freq": "WEEKLY",
            "byday": common.DAYS[slot.weekday - 1],
            "opens_at": common.clock_text(slot.opens_at),
            "closes_at": common.clock_text(slot.closes_at),
        }
        for index, slot in enumerate(resource.opening_hours)
    ]
    return {
        "id": pairing_id,
        "service_id": placed.service_id,
        "location_id": location_id,
        "location": location,
        "phones": phones,
        "schedules": schedules,
    }


# --- reading ----------------------------------------------------------------------------------

# The kind ("table") of the objects found under each key, for the import's report.
KIND_OF_KEY = {
    "contents": "service",
    "": "service",
    "organization": "organization",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "phones": "phone",
    "schedules": "schedule",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "languages": "language",
}
# The properties an import reads (or, like location_type, writes from our own rules), by kind;
# any other that holds a value is reported as not kept (`Reading.ignored`), never dropped in silence.
KEPT: dict[str, frozenset[str]] = {
    kind: frozenset(keys.split())
    for kind, keys in {
        "service": "id organization_id name description url email status eligibility_description assured_date "
        "organization languages attributes service_at_locations phones schedules",
        "organization": "id name description",
        "service_at_location": "id service_id location_id location phones schedules",
        "location": "id organization_id location_type name latitude longitude addresses phones schedules languages",
        "address": "id location_id address_1 city region state_province postal_code country address_type",
        "phone": "id service_at_location_id service_id location_id number type description",
        "schedule": "id service_at_location_id service_id location_id freq interval byday opens_at closes_at",
        "attribute": "id link_id link_entity taxonomy_term_id taxonomy_term",
        "taxonomy_term": "id code name taxonomy taxonomy_id description language",
        "language": "id service_at_location_id service_id location_id code name",
    }.items()
}


@dataclass(frozen=True)
class _Node:
    """Where an object sits in the document: the file and its JSON path."""

    file: str
    path: str

    def child(self, key: str) -> "_Node":
        return _Node(self.file, f"{self.path}.{key}" if self.path else key)

    def item(self, index: int) -> "_Node":
        return _Node(self.file, f"{self.path}[{index}]")

    def problem(self, column: str, rule: str) -> str:
        where = self.child(column).path if column else self.path
        return f"{self.file}: {where}: {rule}" if where else f"{self.file}: {rule}"


class _Reader:
    """Typed reads from parsed JSON; a value of the wrong type is a problem, never a crash."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.read: dict[str, dict[str, None]] = {}  # kind -> JSON paths read (an ordered set)
        self.reasons: dict[common.Key, str] = {}
        self.unread: dict[tuple[str, str], int] = {}  # (kind, property) -> objects holding a value in it

    def seen(self, key: str, value: dict[str, Any], node: _Node) -> None:
        """Count an object read under `key`, and the properties of it we do not keep."""
        kind = KIND_OF_KEY.get(key)
        if kind is None or node.path in self.read.setdefault(kind, {}):
            return
        self.read[kind][node.path] = None
        for name, item in value.items():
            if name not in KEPT[kind] and item not in (None, "", [], {}):
                self.unread[(kind, name)] = self.unread.get((kind, name), 0) + 1

    def ignored(self) -> list[str]:
        return [f"{kind}.{name} ({n} with a value)" for (kind, name), n in self.unread.items()]

    def report(self, node: _Node, column: str, rule: str) -> None:
        self.problems.append(node.problem(column, rule))

    def object(self, parent: dict[str, Any], key: str, node: _Node) -> tuple[dict[str, Any], _Node] | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.report(node, key, "must be an object")
            return None
        self.seen(key, value, node.child(key))
        return value, node.child(key)

    def objects(self, parent: dict[str, Any], key: str, node: _Node) -> list[tuple[dict[str, Any], _Node]]:
        value = parent.get(key)
        if value is None:
            return []
        here = node.child(key)
        if not isinstance(value, list):
            self.report(node, key, "must be a list")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                self.seen(key, item, here.item(index))
                found.append((item, here.item(index)))
            else:
                self.report(here.item(index), "", "must be an object")
        return found

    def text(self, parent: dict[str, Any], key: str, node: _Node, *, identifier: bool = False) -> str:
        """The trimmed text at `key`, "" when absent; ids may be whole numbers, other fields must be text."""
        value = parent.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if identifier and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.report(node, key, "must be text")
        return ""

    def degrees(self, parent: dict[str, Any], key: str, node: _Node) -> float | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float: no coordinate either
                number = math.inf
            if math.isfinite(number):
                return number
        if isinstance(value, str):
            try:
                return common.degrees(value.strip())
            except Rule:
                pass
        self.report(node, key, "must be a number in decimal degrees, such as 45.31")
        return None

    def interval(self, parent: dict[str, Any], key: str, node: _Node) -> str:
        value = parent.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return "1" if value == 1 else "other"  # only "every week" is ours; the rule says so
        return self.text(parent, key, node)


def _load(path: Path) -> Any:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HsdsError(f"{name}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")  # utf-8-sig: editors on Windows add a BOM
    except UnicodeDecodeError:
        raise HsdsError(f"{name}: not UTF-8 text; save it as UTF-8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:  # its message names the syntax rule, never the content
        raise HsdsError(f"{name} line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from None
    except ValueError:  # Python refuses integers of thousands of digits, as a denial of service
        raise HsdsError(f"{name}: not valid JSON (a number far too long)") from None
    except RecursionError:
        raise HsdsError(f"{name}: nested too deeply to be HSDS") from None


def _services(document: Any, reader: _Reader, root: _Node) -> list[tuple[dict[str, Any], _Node]]:
    """The service objects of a Page, of a plain list, or a single service."""
    if isinstance(document, dict) and "contents" in document:
        return reader.objects(document, "contents", root)
    if isinstance(document, list):  # a path in it reads "[3].name"
        return reader.objects({"": document}, "", root)
    if isinstance(document, dict) and "id" in document and ("name" in document or "service_at_locations" in document):
        reader.seen("", document, root)
        return [(document, root)]
    raise HsdsError(f"{root.file}: must hold HSDS services: a page with contents, a list of services, or one service")


# --- import -----------------------------------------------------------------------------------


def import_json(path: Path) -> list[dict[str, Any]]:
    """Resource content fields for every service at every location, all validated; else HsdsError."""
    return read_json(path).entries


def read_json(path: Path) -> common.Reading:
    """Every service at every location, all validated, and what each object read became; else HsdsError."""
    path = Path(path)
    document = _load(path)
    reader = _Reader()
    root = _Node(path.name, "")
    services = _services(document, reader, root)
    entries: list[dict[str, Any]] = []
    uses: list[set[common.Key]] = []
    seen_services: dict[str, str] = {}
    seen_pairs: dict[tuple[str, str], str] = {}
    for service, node in services:
        _Service(reader, service, node, seen_services, seen_pairs).entries(entries, uses)
    if reader.problems:
        raise HsdsError(common.summary(reader.problems))
    read = {kind: list(paths) for kind, paths in reader.read.items()}
    return common.Reading(entries, uses, read, reader.reasons, reader.ignored())


class _Service:
    """One service object: its own fields read once, then one entry per service_at_location."""

    def __init__(
        self,
        reader: _Reader,
        service: dict[str, Any],
        node: _Node,
        seen_services: dict[str, str],
        seen_pairs: dict[tuple[str, str], str],
    ) -> None:
        self.reader, self.service, self.node = reader, service, node
        self.seen_pairs = seen_pairs
        self.id = reader.text(service, "id", node, identifier=True)
        self.known = False  # a service without an id, or with another's, has no entries of its own
        if not self.id:
            reader.report(node, "id", "required")
        elif self.id in seen_services:
            reader.report(node, "id", f"already used by {seen_services[self.id] or 'the document'}")
        else:
            seen_services[self.id] = node.path
            self.known = True
        try:
            self.status = common.service_status(reader.text(service, "status", node))
        except Rule as exc:
            reader.report(node, "status", exc.rule)
            self.status = ""

    def entries(self, out: list[dict[str, Any]], uses: list[set[common.Key]]) -> None:
        """Append the entry of each service_at_location to `out`, and the objects it came from to `uses`."""
        reader, service, node = self.reader, self.service, self.node
        if not self.status or not self.known:
            return  # already reported; its details would only repeat the problem
        before = len(reader.problems)
        self.used: set[common.Key] = {("service", node.path)}
        sources: Sources = {}
        fields = self._service_fields(sources)
        pairings = reader.objects(service, "service_at_locations", node)
        if not service.get("service_at_locations"):  # absent, null or empty
            reader.report(node, "service_at_locations", "this service is offered at no location")
        shared_problems = len(reader.problems) > before
        for pairing, pairing_node in pairings:
            before_pairing = len(reader.problems)
            shared_used = self.used
            self.used = {*shared_used, ("service_at_location", pairing_node.path)}
            entry_sources = dict(sources)
            entry = self._pairing_fields(pairing, pairing_node, entry_sources)
            if entry is None or shared_problems or len(reader.problems) > before_pairing:
                continue  # what is broken is already reported; validating would only repeat it
            try:
                out.append(common.validated({**fields, **entry}, entry_sources, fallback=pairing_node))
                uses.append(self.used)
            except HsdsError as exc:
                reader.problems.append(str(exc))
            finally:
                self.used = shared_used

    # --- the service's own fields ---------------------------------------------------------------

    def _service_fields(self, sources: Sources) -> dict[str, Any]:
        reader, service, node = self.reader, self.service, self.node
        fields: dict[str, Any] = {"hsds_service_id": self.id, "status": self.status}
        sources[("hsds_service_id",)] = (node, "id")
        sources[("status",)] = (node, "status")
        # List-wide rules (too many categories, phones...) point at the list they come from.
        sources[("categories",)] = sources[("keywords",)] = (node, "attributes")
        sources[("languages",)] = (node, "languages")
        for name, key in (
            ("service_name", "name"),
            ("description", "description"),
            ("email", "email"),
            ("url", "url"),
            ("eligibility", "eligibility_description"),
        ):
            value = reader.text(service, key, node)
            fields[name] = value if name == "service_name" else value or None
            sources[(name,)] = (node, key)
        fields["last_verified_on"] = None
        assured = reader.text(service, "assured_date", node)
        sources[("last_verified_on",)] = (node, "assured_date")
        if assured:
            try:
                fields["last_verified_on"] = common.iso_date(assured)
            except Rule as exc:
                reader.report(node, "assured_date", exc.rule)
        organization = reader.object(service, "organization", node)
        if organization is None:
            reader.report(node, "organization", "required: the organisation that provides this service")
            fields["organization_name"] = ""
        else:
            provider, organization_node = organization
            self.used.add(("organization", organization_node.path))
            fields["organization_name"] = reader.text(provider, "name", organization_node)
            fields["hsds_organization_id"] = reader.text(provider, "id", organization_node, identifier=True) or None
            sources[("organization_name",)] = (organization_node, "name")
            sources[("hsds_organization_id",)] = (organization_node, "id")
        fields["categories"], fields["keywords"] = self._terms(sources)
        self.languages = reader.objects(service, "languages", node)
        return fields

    def _terms(self, sources: Sources) -> tuple[list[str], list[str]]:
        reader = self.reader
        categories: list[str] = []
        keywords: list[str] = []
        for attribute, node in reader.objects(self.service, "attributes", self.node):
            if reader.text(attribute, "link_entity", node).lower() not in ("", "service"):
                # A classification of something else has no field of ours.
                reader.reasons[("attribute", node.path)] = "classifies something other than a service (link_entity)"
                continue
            term = reader.object(attribute, "taxonomy_term", node)
            if term is None:
                code = common.CATEGORY_OF_TERM_ID.get(reader.text(attribute, "taxonomy_term_id", node, identifier=True))
                found = ("category", code) if code else None  # a foreign term we cannot see is no use
                term_node = node
            else:
                value, term_node = term
                taxonomies = (
                    reader.text(value, "taxonomy_id", term_node, identifier=True),
                    reader.text(value, "taxonomy", term_node),
                )
                code = reader.text(value, "code", term_node) or reader.text(value, "name", term_node)
                found = common.classify_term(taxonomies, code)
            if found is None:
                reader.reasons[("attribute", node.path)] = reader.reasons[("taxonomy_term", term_node.path)] = (
                    common.FOREIGN_TERM
                )
                continue
            self.used.update({("attribute", node.path), ("taxonomy_term", term_node.path)})
            common.file_term(found, (term_node, "code"), categories, keywords, sources)
        return categories or ["other"], keywords

    # --- one service at one location -------------------------------------------------------------

    def _pairing_fields(self, pairing: dict[str, Any], node: _Node, sources: Sources) -> dict[str, Any] | None:
        reader = self.reader
        found = reader.object(pairing, "location", node)
        if found is None:
            reader.report(node, "location", "required: the place where this service is offered")
            return None
        location, location_node = found
        self.used.add(("location", location_node.path))
        location_id = reader.text(location, "id", location_node, identifier=True) or reader.text(
            pairing, "location_id", node, identifier=True
        )
        if not location_id:
            reader.report(location_node, "id", "required")
            return None
        key = (self.id, location_id)
        if key in self.seen_pairs:
            reader.report(location_node, "id", f"this service is already here at {self.seen_pairs[key]}")
            return None
        self.seen_pairs[key] = node.path
        sources[("hsds_location_id",)] = (location_node, "id")
        sources[("phones",)] = (node, "phones")
        sources[("opening_hours",)] = (node, "schedules")
        fields: dict[str, Any] = {
            "hsds_location_id": location_id,
            "location": self._location(location, location_node, sources),
        }
        fields["phones"] = self._phones(
            self._most_specific("phones", pairing, node, location, location_node, location_id), sources
        )
        fields["opening_hours"] = self._hours(
            self._most_specific("schedules", pairing, node, location, location_node, location_id), sources
        )
        languages = self.languages or reader.objects(location, "languages", location_node)
        fields["languages"] = self._languages(languages, sources)
        return fields

    def _most_specific(
        self,
        key: str,
        pairing: dict[str, Any],
        node: _Node,
        location: dict[str, Any],
        location_node: _Node,
        location_id: str,
    ) -> list[tuple[dict[str, Any], _Node]]:
        """This pairing's items, else the service's (for this location or any), else the location's."""
        reader = self.reader
        own = reader.objects(pairing, key, node)
        services = [
            (item, item_node)
            for item, item_node in reader.objects(self.service, key, self.node)
            if reader.text(item, "location_id", item_node, identifier=True) in ("", location_id)
        ]
        levels = [
            ("the service at this location", own),
            ("the service", services),
            ("the location", reader.objects(location, key, location_node)),
        ]
        level, chosen = next(((level, items) for level, items in levels if items), ("", []))
        kind = KIND_OF_KEY[key]
        for _, items in levels:
            if items is not chosen:
                for _, item_node in items:  # kept when another entry uses it; else this is why not
                    reader.reasons.setdefault((kind, item_node.path), f"{level} has {key} of its own, used instead")
        return chosen

    def _location(self, location: dict[str, Any], node: _Node, sources: Sources) -> dict[str, Any]:
        reader = self.reader
        sources[("location",)] = (node, "")
        for name in ("name", "latitude", "longitude"):
            sources[("location", name)] = (node, name)
        fields: dict[str, Any] = {
            "name": reader.text(location, "name", node) or None,
            "latitude": reader.degrees(location, "latitude", node),
            "longitude": reader.degrees(location, "longitude", node),
        }
        addresses = reader.objects(location, "addresses", node)
        physical = [
            (item, item_node)
            for item, item_node in addresses
            if reader.text(item, "address_type", item_node).lower() in ("", "physical")
        ]
        chosen = next(iter(physical or addresses), None)
        if chosen is None:
            reader.report(node, "addresses", "required: the location's address, with its city")
            return fields
        address, address_node = chosen
        self.used.add(("address", address_node.path))
        for _, other in addresses:
            if other is not address_node:
                reader.reasons[("address", other.path)] = (
                    "one address is kept per location (the physical one); this is another"
                )
        for name, key in (("address_1", "address_1"), ("postal_code", "postal_code"), ("municipality", "city")):
            value = reader.text(address, key, address_node)
            fields[name] = value if name == "municipality" else value or None
            sources[("location", name)] = (address_node, key)
        # HSDS has both region and state_province; whichever is filled is our region.
        region_key = "region" if reader.text(address, "region", address_node) else "state_province"
        fields["region"] = reader.text(address, region_key, address_node) or None
        sources[("location", "region")] = (address_node, region_key)
        country = reader.text(address, "country", address_node)
        if country:  # else the schema's default country applies
            fields["country"] = country.upper()
            sources[("location", "country")] = (address_node, "country")
        return fields

    def _phones(self, items: list[tuple[dict[str, Any], _Node]], sources: Sources) -> list[dict[str, Any]]:
        reader = self.reader
        phones = []
        for index, (phone, node) in enumerate(items):
            kind = reader.text(phone, "type", node).lower()
            phones.append(
                {
                    "number": reader.text(phone, "number", node),
                    "kind": common.PHONE_TYPES.get(kind, kind),
                    "description": reader.text(phone, "description", node) or None,
                }
            )
            sources[("phones", index)] = (node, "")
            self.used.add(("phone", node.path))
        return phones

    def _hours(self, items: list[tuple[dict[str, Any], _Node]], sources: Sources) -> list[dict[str, Any]]:
        reader = self.reader
        hours: list[dict[str, Any]] = []
        for schedule, node in items:
            try:
                slots = common.weekly_slots(
                    reader.text(schedule, "freq", node),
                    reader.interval(schedule, "interval", node),
                    reader.text(schedule, "byday", node),
                    reader.text(schedule, "opens_at", node),
                    reader.text(schedule, "closes_at", node),
                )
            except Rule as exc:
                reader.report(node, exc.column, exc.rule)
                continue
            if slots:
                self.used.add(("schedule", node.path))
            else:
                reader.reasons[("schedule", node.path)] = common.NOTE_ONLY
            for slot in slots:
                sources[("opening_hours", len(hours))] = (node, "")
                hours.append(slot)
        return hours

    def _languages(self, items: list[tuple[dict[str, Any], _Node]], sources: Sources) -> list[str]:
        codes: list[str] = []
        for language, node in items:
            self.used.add(("language", node.path))
            code = self.reader.text(language, "code", node)
            if code not in codes:
                sources[("languages", len(codes))] = (node, "code")
                codes.append(code)
        return codes
