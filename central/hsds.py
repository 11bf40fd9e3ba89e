"""The directory as an Open Referral HSDS 3 tabular data package (CSV files + datapackage.json).

Owns: turning directory `Resource` records (one service at one location) into
HSDS tables and back. Mapping choices:
- organization, service, location, address, service_at_location: one row each per
  distinct id; a Resource's `hsds_*` ids are kept, else stable ids are made
  (uuid5 over names, so exporting twice gives the same ids);
- phone and schedule rows hang from the service_at_location (a service may have
  other hours and numbers elsewhere); schedules are weekly `byday` slots;
- categories and keywords are taxonomy terms of two taxonomies,
  "prossimo-categories" and "prossimo-keywords", linked to services by attribute
  rows; an unknown category imports as "other";
- `last_verified_on` is the service's `assured_date`; languages are language rows.
Importing is all or nothing: every row is converted and validated against the
protocol schema before anything is returned; errors name file, row and field.
Must never write outside the target folder, never overwrite an existing package,
and never trust a CSV value without validation.
"""

import csv
import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from protocol import Resource, describe_validation_error, new_id
from protocol.entities import ResourceCategory

NAMESPACE = uuid.UUID("6b9f3c1e-2d4a-5f60-8a71-9c0d1e2f3a4b")
CATEGORY_TAXONOMY = "prossimo-categories"
KEYWORD_TAXONOMY = "prossimo-keywords"
CATEGORIES = set(ResourceCategory.__args__)  # type: ignore[attr-defined]
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TABLES: dict[str, list[str]] = {
    "organization": ["id", "name", "description", "email", "website"],
    "service": ["id", "organization_id", "name", "description", "url", "email", "status",
                "eligibility_description", "assured_date"],
    "location": ["id", "organization_id", "location_type", "name", "latitude", "longitude"],
    "address": ["id", "location_id", "address_1", "city", "region", "postal_code", "country", "address_type"],
    "service_at_location": ["id", "service_id", "location_id"],
    "phone": ["id", "service_at_location_id", "service_id", "number", "type", "description"],
    "schedule": ["id", "service_at_location_id", "service_id", "freq", "byday", "opens_at", "closes_at"],
    "taxonomy_term": ["id", "code", "name", "taxonomy"],
    "attribute": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value"],
    "language": ["id", "service_id", "code", "name"],
}
REQUIRED = ("organization", "service", "location")
NUMBER_FIELDS = {"latitude", "longitude"}


class HsdsError(ValueError):
    """A package that cannot be imported or written; says which file, row and field."""


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


# --- export ---------------------------------------------------------------------------------

def export_package(resources: Iterable[Resource], directory: Path) -> dict[str, int]:
    directory = Path(directory)
    if (directory / "datapackage.json").exists():
        raise HsdsError(f"{directory}: already holds a data package; choose an empty folder")
    rows: dict[str, dict[str, dict[str, str]]] = {name: {} for name in TABLES}

    def put(table: str, row: dict[str, Any]) -> None:
        rows[table].setdefault(row["id"], {k: "" if v is None else str(v) for k, v in row.items()})

    for resource in resources:
        if resource.deleted:
            continue
        org_id = resource.hsds_organization_id or _stable_id("organization", resource.organization_name)
        service_id = resource.hsds_service_id or str(resource.id)
        location_id = resource.hsds_location_id or _stable_id("location", service_id)
        sal_id = _stable_id("service_at_location", service_id, location_id)
        loc = resource.location
        put("organization", {"id": org_id, "name": resource.organization_name})
        put("service", {"id": service_id, "organization_id": org_id, "name": resource.service_name,
                        "description": resource.description, "url": resource.url, "email": resource.email,
                        "status": "active", "eligibility_description": resource.eligibility,
                        "assured_date": resource.last_verified_on})
        put("location", {"id": location_id, "organization_id": org_id, "location_type": "physical",
                         "name": loc.name, "latitude": loc.latitude, "longitude": loc.longitude})
        put("address", {"id": _stable_id("address", location_id), "location_id": location_id,
                        "address_1": loc.address_1, "city": loc.municipality, "region": loc.region,
                        "postal_code": loc.postal_code, "country": loc.country, "address_type": "physical"})
        put("service_at_location", {"id": sal_id, "service_id": service_id, "location_id": location_id})
        for index, phone in enumerate(resource.phones):
            put("phone", {"id": _stable_id("phone", sal_id, str(index)), "service_at_location_id": sal_id,
                          "service_id": service_id, "number": phone.number, "type": phone.kind,
                          "description": phone.description})
        for slot in resource.opening_hours:
            put("schedule", {"id": _stable_id("schedule", sal_id, str(slot.weekday), slot.opens_at.isoformat()),
                             "service_at_location_id": sal_id, "service_id": service_id, "freq": "WEEKLY",
                             "byday": DAYS[slot.weekday - 1], "opens_at": slot.opens_at.strftime("%H:%M"),
                             "closes_at": slot.closes_at.strftime("%H:%M")})
        for taxonomy, codes in ((CATEGORY_TAXONOMY, resource.categories), (KEYWORD_TAXONOMY, resource.keywords)):
            for code in codes:
                term_id = _stable_id(taxonomy, code)
                put("taxonomy_term", {"id": term_id, "code": code, "name": code, "taxonomy": taxonomy})
                put("attribute", {"id": _stable_id("attribute", service_id, term_id), "link_id": service_id,
                                  "link_type": "service", "link_entity": "service", "taxonomy_term_id": term_id,
                                  "value": code})
        for code in resource.languages:
            put("language", {"id": _stable_id("language", service_id, code), "service_id": service_id,
                             "code": code, "name": code})

    directory.mkdir(parents=True, exist_ok=True)
    descriptor_resources = []
    for table, columns in TABLES.items():
        path = directory / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows[table].values():
                writer.writerow({column: row.get(column, "") for column in columns})
        descriptor_resources.append({
            "name": table, "path": path.name, "profile": "tabular-data-resource",
            "schema": {"fields": [{"name": c, "type": "number" if c in NUMBER_FIELDS else "string"}
                                  for c in columns]},
        })
    descriptor = {"name": "prossimo-directory", "profile": "tabular-data-package",
                  "created": dt.datetime.now(dt.UTC).isoformat(), "resources": descriptor_resources}
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return {table: len(rows[table]) for table in TABLES}


# --- import ---------------------------------------------------------------------------------

class _Table:
    def __init__(self, name: str, rows: list[dict[str, str]]) -> None:
        self.name = name
        self.rows = rows  # each row carries "_row": its line number in the file

    def by(self, column: str) -> dict[str, list[dict[str, str]]]:
        index: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in self.rows:
            if row.get(column):
                index[row[column]].append(row)
        return index


def _read_tables(directory: Path) -> dict[str, _Table]:
    descriptor_path = directory / "datapackage.json"
    if not descriptor_path.exists():
        raise HsdsError(f"{directory}: no datapackage.json")
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        paths = {item["name"]: item["path"] for item in descriptor["resources"]}
    except (ValueError, KeyError, TypeError):
        raise HsdsError("datapackage.json: not a data package descriptor (resources with name and path)") from None
    tables = {}
    for name in TABLES:
        relative = paths.get(name)
        if relative is None:
            if name in REQUIRED:
                raise HsdsError(f"datapackage.json: the {name} table is required")
            continue
        path = (directory / relative).resolve()
        if directory.resolve() not in path.parents:
            raise HsdsError(f"datapackage.json: {relative} points outside the package folder")
        if not path.exists():
            raise HsdsError(f"{relative}: listed in datapackage.json but missing")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [{**{k: (v or "").strip() for k, v in row.items() if k}, "_row": str(number)}
                    for number, row in enumerate(reader, start=2)]
        tables[name] = _Table(relative, rows)
    return tables


def _fail(table: _Table, row: dict[str, str], message: str) -> HsdsError:
    return HsdsError(f"{table.name} row {row['_row']}: {message}")


def _number(table: _Table, row: dict[str, str], column: str) -> float | None:
    text = row.get(column, "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _fail(table, row, f"{column}: must be a number") from None


def _time(table: _Table, row: dict[str, str], column: str) -> dt.time:
    try:
        return dt.time.fromisoformat(row.get(column, ""))
    except ValueError:
        raise _fail(table, row, f"{column}: must be a time such as 09:00") from None


def import_package(directory: Path) -> list[dict[str, Any]]:
    """Field dictionaries of every service at every location, all validated, or HsdsError."""
    directory = Path(directory)
    tables = _read_tables(directory)
    organizations = {row["id"]: row for row in tables["organization"].rows}
    services = {row["id"]: row for row in tables["service"].rows}
    locations = {row["id"]: row for row in tables["location"].rows}
    empty = _Table("", [])
    addresses = tables.get("address", empty).by("location_id")
    phones_by_sal = tables.get("phone", empty).by("service_at_location_id")
    phones_by_service = tables.get("phone", empty).by("service_id")
    schedules_by_sal = tables.get("schedule", empty).by("service_at_location_id")
    schedules_by_service = tables.get("schedule", empty).by("service_id")
    attributes = tables.get("attribute", empty).by("link_id")
    terms = {row["id"]: row for row in tables.get("taxonomy_term", empty).rows}
    languages = tables.get("language", empty).by("service_id")

    for service in services.values():  # checked for every service, paired or not
        if service.get("organization_id", "") not in organizations:
            raise _fail(tables["service"], service, "organization_id: no organization with this id")
    pairs: list[tuple[dict[str, str], str, str, str | None]] = []  # (row, service id, location id, sal id)
    if "service_at_location" in tables:
        for row in tables["service_at_location"].rows:
            pairs.append((row, row.get("service_id", ""), row.get("location_id", ""), row.get("id")))
    else:  # no pairing table: a service is offered at every location of its organisation
        locations_by_org = tables["location"].by("organization_id")
        for service in services.values():
            for location in locations_by_org.get(service.get("organization_id", ""), []):
                pairs.append((service, service["id"], location["id"], None))
    sal_table = tables.get("service_at_location", tables["service"])

    entries = []
    for pair_row, service_id, location_id, sal_id in pairs:
        service = services.get(service_id)
        if service is None:
            raise _fail(sal_table, pair_row, "service_id: no service with this id")
        location = locations.get(location_id)
        if location is None:
            raise _fail(sal_table, pair_row, "location_id: no location with this id")
        organization = organizations.get(service.get("organization_id", ""))
        if organization is None:
            raise _fail(tables["service"], service, "organization_id: no organization with this id")
        address = (addresses.get(location_id) or [{}])[0]
        phone_rows = phones_by_sal.get(sal_id or "", []) or phones_by_service.get(service_id, [])
        schedule_rows = schedules_by_sal.get(sal_id or "", []) or schedules_by_service.get(service_id, [])
        categories, keywords = [], []
        for attribute in attributes.get(service_id, []):
            term = terms.get(attribute.get("taxonomy_term_id", ""))
            if term is None:
                continue
            code = term.get("code") or term.get("name", "")
            if term.get("taxonomy") == KEYWORD_TAXONOMY:
                keywords.append(code)
            else:
                categories.append(code if code in CATEGORIES else "other")
        hours = []
        for slot in schedule_rows:
            for day in filter(None, (d.strip().upper() for d in slot.get("byday", "").split(","))):
                if day not in DAYS:
                    raise _fail(tables["schedule"], slot, "byday: must be days such as MO,TU")
                hours.append({"weekday": DAYS.index(day) + 1, "opens_at": _time(tables["schedule"], slot, "opens_at"),
                              "closes_at": _time(tables["schedule"], slot, "closes_at")})
        assured = service.get("assured_date", "")
        try:
            last_verified = dt.date.fromisoformat(assured) if assured else None
        except ValueError:
            raise _fail(tables["service"], service, "assured_date: must be a date such as 2026-05-31") from None
        fields: dict[str, Any] = {
            "organization_name": organization.get("name", ""),
            "service_name": service.get("name", ""),
            "description": service.get("description") or None,
            "location": {
                "name": location.get("name") or None,
                "address_1": address.get("address_1") or None,
                "postal_code": address.get("postal_code") or None,
                "municipality": address.get("city", ""),
                "region": address.get("region") or None,
                "country": (address.get("country") or "IT").upper(),
                "latitude": _number(tables["location"], location, "latitude"),
                "longitude": _number(tables["location"], location, "longitude"),
            },
            "categories": sorted(set(categories)) or ["other"],
            "keywords": sorted(set(keywords)),
            "phones": [{"number": p.get("number", ""), "kind": p.get("type") or "voice",
                        "description": p.get("description") or None} for p in phone_rows],
            "email": service.get("email") or None,
            "url": service.get("url") or None,
            "opening_hours": hours,
            "eligibility": service.get("eligibility_description") or None,
            "languages": list(dict.fromkeys(row.get("code", "") for row in languages.get(service_id, []))),
            "last_verified_on": last_verified,
            "hsds_organization_id": organization["id"],
            "hsds_service_id": service_id,
            "hsds_location_id": location_id,
        }
        _check(fields, sal_table, pair_row)
        entries.append(fields)
    return entries


def _check(fields: dict[str, Any], table: _Table, row: dict[str, str]) -> None:
    now = dt.datetime.now(dt.UTC)
    try:
        Resource.model_validate({**fields, "id": new_id(), "created_at": now, "updated_at": now,
                                 "author_device_id": uuid.uuid4()})
    except ValidationError as exc:
        raise _fail(table, row, "; ".join(describe_validation_error(exc))) from None
