"""Issue 15 item 7: the HSDS JSON export passes the official HSDS 3.1 JSON schemas, strictly.

The schemas are vendored, unchanged, in tests/fixtures/hsds-3.1-schema (see its README for the
source commit and the CC-BY-SA 4.0 licence); tests/protocol/hsds_schemas.py makes them strict
validators: a property HSDS does not define is an error, as is a required one left out.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from protocol.hsds import export_json
from tests.protocol.hsds_samples import every_status, sample
from tests.protocol.hsds_schemas import validator as _validator


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
