"""The official HSDS 3.1 schemas, vendored in tests/fixtures/hsds-3.1-schema, as strict validators.

Shared by the export's check (tests/protocol/test_hsds_schema.py) and the service's HSDS API
check (tests/central/test_hsds_api.py). Like the specification's own example check
(`compiletojsonschema --set-additional-properties-false-everywhere`), every HSDS object is
closed: a property HSDS does not define is an error, as is a required one left out.

The API's response shapes come from the specification's `openapi.json`. Its `$ref`s to the
HSDS objects are URLs of the specification's 3.0 branch (the 3.1 file was not updated); they
are resolved here to the vendored 3.1 files of the same commit, never fetched.
"""

import copy
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-3.1-schema"
REMOTE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# openapi.json's references are REMOTE + "compiled/<name>.json". Every vendored object file is
# registered there too: compiled/service.json is service.json with its references expanded, and
# its relative references ("phone.json") then resolve beside it, to the vendored files.
COMPILED = REMOTE + "compiled/"


def closed(schema: Any) -> Any:
    """A copy where every object schema with properties refuses the properties it does not name."""
    if isinstance(schema, dict):
        shut = {key: closed(value) for key, value in schema.items()}
        if isinstance(shut.get("properties"), dict) and "$ref" not in shut:
            shut["additionalProperties"] = False
        return shut
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    return schema


def registry() -> Registry:
    """Every vendored HSDS object schema, closed, under its file name and under COMPILED, plus
    openapi.json itself, as it is, under its file name."""
    found: Registry = Registry()
    for path in sorted(SCHEMAS.glob("*.json")) + sorted(SCHEMAS.glob("compiled/*.json")):
        name = path.relative_to(SCHEMAS).as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        if name != "openapi.json":
            contents = closed(contents)
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        found = found.with_resource(name, resource)
        if name != "openapi.json":
            found = found.with_resource(COMPILED + name.removeprefix("compiled/"), resource)
    return found


def validator(name: str) -> Draft202012Validator:
    """A validator of one vendored HSDS object schema, e.g. "service.json"."""
    schemas = registry()
    return Draft202012Validator(copy.deepcopy(schemas.contents(name)), registry=schemas)


def response_validator(path: str) -> Draft202012Validator:
    """A validator of the 200 answer openapi.json defines for GET `path`, e.g. "/services/{id}"."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return Draft202012Validator(
        {"$ref": f"openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"},
        registry=registry(),
    )


def page_properties() -> set[str]:
    """The properties of openapi.json's Page envelope, and `contents`, which every list holds."""
    document = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    return {*document["components"]["schemas"]["Page"]["properties"], "contents"}


def problems(schema: Draft202012Validator, instance: Any, where: str = "") -> list[str]:
    return [
        f"{where}/{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in schema.iter_errors(instance)
    ]
