"""Issue 15 item 7: the HSDS JSON export passes the official HSDS 3.1 JSON schemas, strictly.

The schemas are vendored, unchanged, in tests/fixtures/hsds-3.1-schema (see its README for the
source commit and the CC-BY-SA 4.0 licence). Like the specification's own example check
(`compiletojsonschema --set-additional-properties-false-everywhere`), every object is closed:
a property HSDS does not define is an error, as is a required one left out.
"""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from protocol.hsds import export_json
from tests.protocol.hsds_samples import every_status, sample

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-3.1-schema"


def _closed(schema: Any) -> Any:
    """A copy where every object schema with properties refuses the properties it does not name."""
    if isinstance(schema, dict):
        closed = {key: _closed(value) for key, value in schema.items()}
        if isinstance(closed.get("properties"), dict) and "$ref" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema


def _validator(name: str) -> Draft202012Validator:
    registry: Registry = Registry()
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = _closed(json.loads(path.read_text(encoding="utf-8")))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(path.name, resource)
    root = copy.deepcopy(registry.contents(name))
    return Draft202012Validator(root, registry=registry)


def _problems(document: dict[str, Any]) -> list[str]:
    validator = _validator("service.json")
    problems = []
    for index, service in enumerate(document["contents"]):
        for error in validator.iter_errors(service):
            where = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"contents[{index}]/{where}: {error.message}")
    return problems


def test_vendored_schema_is_strict() -> None:
    """The check itself bites: a service without a status, or with a property HSDS lacks, fails."""
    validator = _validator("service.json")
    assert not list(validator.iter_errors({"id": "s", "name": "n", "status": "active"}))
    assert list(validator.iter_errors({"id": "s", "name": "n"}))  # status is required
    assert list(validator.iter_errors({"id": "s", "name": "n", "status": "closed"}))  # not an HSDS status
    assert list(validator.iter_errors({"id": "s", "name": "n", "status": "active", "colour": "red"}))
    organisation = {"id": "s", "name": "n", "status": "active", "organization": {"id": "o", "name": "n"}}
    assert list(validator.iter_errors(organisation))  # an organisation's description is required


@pytest.mark.parametrize("resources", [sample, every_status], ids=["sample", "every-status"])
def test_json_export_validates_against_hsds_3_1(tmp_path: Path, resources: Any) -> None:
    """Issue 15 item 7: every service of the export carries every field HSDS 3.1 requires
    (an organisation's description, the address parts, a taxonomy term's description...)
    and nothing HSDS does not define."""
    export_json(resources(), tmp_path / "directory.json")
    document = json.loads((tmp_path / "directory.json").read_text(encoding="utf-8"))
    assert document["contents"]
    assert _problems(document) == []
