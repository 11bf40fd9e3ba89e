"""Issue 22 part 5: the HSDS 3.1 read API over the Lodi demo directory, on the real service
(SQLite and PostgreSQL): every answer valid against the official HSDS schemas (openapi.json and
the object schemas, vendored; see tests/protocol/hsds_schemas.py), pages that cover every
published service exactly once, `modified_after` and the other filters, hidden services never
shown, and the 404, 422, 429 and 304 answers."""

import csv
import datetime as dt
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from central import directory, hsds_api
from central.app import create_app
from central.db import session_factory
from protocol.clock import utc_now
from protocol.directory import HIDDEN_BY_DEFAULT
from tests.central.conftest import World
from tests.protocol.hsds_schemas import page_properties, problems, response_validator

LODI = Path(__file__).resolve().parents[2] / "protocol" / "resources" / "lodi" / "directory"
# Rows of the demo's service.csv given another status: two the public must not see, one it sees badged.
NEW_STATUS = {3: "inactive", 7: "defunct", 11: "temporarily closed"}


def _import(engine: Engine, org_id: uuid.UUID, package: Path) -> int:
    with session_factory(engine).begin() as session:
        return directory.import_package(session, org_id, package)


def _package(tmp_path: Path, name: str, change: dict[int, dict[str, str]]) -> Path:
    """A copy of the Lodi package with some service.csv rows changed (row index -> column -> value)."""
    folder = tmp_path / name
    shutil.copytree(LODI, folder)
    path = folder / "service.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    for index, values in change.items():
        rows[index].update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _service_rows(package: Path) -> list[dict[str, str]]:
    with (package / "service.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def lodi(world: World, tmp_path: Path) -> dict[str, str]:
    """The Lodi demo directory on the service, three services with another status; id -> status."""
    assert _import(world.engine, world.org_id, LODI) == 300
    package = _package(tmp_path, "statuses", {row: {"status": status} for row, status in NEW_STATUS.items()})
    assert _import(world.engine, world.org_id, package) == len(NEW_STATUS)
    return {row["id"]: row["status"] for row in _service_rows(package)}


def _get(client: TestClient, path: str, expect: int = 200, **params: Any) -> Any:
    answer = client.get(path, params=params)
    assert answer.status_code == expect, answer.text
    return answer.json()


def _all_pages(client: TestClient, per_page: int, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Every item of /hsds/services, page by page, each page checked against the spec; and the pages read."""
    schema = response_validator("/services")
    # openapi.json's list answer names only the list item (service_list.json); with full=true
    # each item is a whole service, checked against the schema of /services/{id}'s answer.
    full_schema = response_validator("/services/{id}") if params.get("full") == "true" else None
    envelope = page_properties()
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = _get(client, "/hsds/services", page=page, per_page=per_page, **params)
        if full_schema is None:
            assert problems(schema, body) == []
        else:
            assert problems(schema, {**body, "contents": []}) == []
            assert [problem for item in body["contents"] for problem in problems(full_schema, item, item["id"])] == []
        assert set(body) == envelope  # the Page envelope and contents, nothing else
        assert body["page_number"] == page and body["size"] == len(body["contents"]) <= per_page
        assert body["first_page"] == (page == 1)
        items += body["contents"]
        if body["last_page"]:
            assert body["total_pages"] == page and body["total_items"] == len(items)
            return items, page
        page += 1


def test_every_answer_validates_and_the_pages_cover_every_published_service_once(
    world: World, lodi: dict[str, str]
) -> None:
    client = world.client
    root = _get(client, "/hsds/")
    assert problems(response_validator("/"), root) == []
    assert root["version"] == "3.1" and root["openapi_url"].endswith("/openapi.json")
    assert client.get(root["openapi_url"]).status_code == 200

    published = {service_id for service_id, status in lodi.items() if status not in HIDDEN_BY_DEFAULT}
    assert len(published) == 298
    items, pages = _all_pages(client, per_page=37)
    assert pages == 9  # 298 services, 37 a page
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) and set(ids) == published  # each exactly once, hidden ones never
    assert all("service_at_locations" not in item for item in items)  # list items: one-to-one fields

    # Fully nested: each item is a whole HSDS service, as /services/{id} answers it.
    full_schema = response_validator("/services/{id}")
    full_items, _ = _all_pages(client, per_page=hsds_api.PER_PAGE_MAX, full="true")
    assert [item["id"] for item in full_items] == ids
    for item in full_items:
        assert item["service_at_locations"] and item["service_at_locations"][0]["location"]["addresses"]
    closed_id = next(service_id for service_id, status in lodi.items() if status == "temporarily closed")
    shown = _get(client, f"/hsds/services/{closed_id}")
    assert problems(full_schema, shown) == [] and shown["status"] == "temporarily closed"
    assert shown == next(item for item in full_items if item["id"] == closed_id)
    one = _get(client, f"/hsds/services/{ids[0]}")
    assert problems(full_schema, one) == []
    assert {"phones", "schedules", "languages", "attributes", "organization"} <= set(one) | set(
        one["service_at_locations"][0]
    )
    assert one["eligibility_description"] and one["service_at_locations"][0]["schedules"]

    # Hidden and unknown alike: 404 in the project's error shape, nothing that tells them apart.
    for hidden in (service_id for service_id, status in lodi.items() if status in HIDDEN_BY_DEFAULT):
        assert _get(client, f"/hsds/services/{hidden}", expect=404) == _get(
            client, f"/hsds/services/{uuid.uuid4()}", expect=404
        )
    assert _get(client, "/hsds/services/x", expect=404)["error"] == "not_found"
    too_long = _get(client, f"/hsds/services/{'x' * 201}", expect=422)
    assert [problem["field"] for problem in too_long["fields"]] == ["service_id"]


def test_filters_combine_and_an_empty_page_past_the_end(world: World, lodi: dict[str, str]) -> None:
    client = world.client
    everything = _get(client, "/hsds/services", per_page=100, full="true")["total_items"]
    first = _get(client, "/hsds/services", per_page=1, full="true")["contents"][0]
    organization = first["organization"]["id"]
    term = first["attributes"][0]["taxonomy_term"]
    mine, _ = _all_pages(client, per_page=100, organization_id=organization, full="true")
    assert mine and all(item["organization"]["id"] == organization for item in mine)
    tagged, _ = _all_pages(client, per_page=100, taxonomy_term_id=term["id"], full="true")
    assert tagged and all(term["id"] in {a["taxonomy_term_id"] for a in item["attributes"]} for item in tagged)
    both, _ = _all_pages(client, per_page=100, organization_id=organization, taxonomy_term_id=term["id"])
    assert {item["id"] for item in both} == {item["id"] for item in mine} & {item["id"] for item in tagged}
    categorised, _ = _all_pages(client, per_page=100, taxonomy_id="prossimo-categories")
    assert len(categorised) == everything  # every service has a category
    nothing = _get(client, "/hsds/services", organization_id="no-such-organisation")
    assert nothing["total_items"] == 0 and nothing["empty"] and nothing["contents"] == []
    assert problems(response_validator("/services"), nothing) == []
    past = _get(client, "/hsds/services", page=99, per_page=100)
    assert past["contents"] == [] and past["empty"] and past["last_page"] and past["total_items"] == everything


def test_modified_after_and_the_etag_follow_the_changes(world: World, tmp_path: Path, lodi: dict[str, str]) -> None:
    client = world.client
    before = client.get("/hsds/services", params={"per_page": 5})
    etag = before.headers["ETag"]
    assert before.headers["Cache-Control"].startswith("public")
    unchanged = client.get("/hsds/services", params={"per_page": 5}, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.headers["ETag"] == etag and not unchanged.content

    since = utc_now()
    package = _package(
        tmp_path,
        "edited",
        {
            **{row: {"status": status} for row, status in NEW_STATUS.items()},
            20: {"description": "Nuovo orario dal lunedì al venerdì."},
            21: {"description": "Aperto anche il sabato mattina."},
            7: {"status": "defunct", "description": "Chiuso."},  # a hidden service's change stays hidden
        },
    )
    assert _import(world.engine, world.org_id, package) == 3
    changed = {_service_rows(package)[row]["id"] for row in (20, 21)}

    for when in (since.isoformat(), since.isoformat().replace("+00:00", "Z"), since.replace(tzinfo=None).isoformat()):
        items, _ = _all_pages(client, per_page=10, modified_after=when, full="true")
        assert {item["id"] for item in items} == changed
        assert all(dt.datetime.fromisoformat(item["last_modified"]) >= since for item in items)
    assert _get(client, "/hsds/services", modified_after="2000-01-01")["total_items"] == 298
    after = client.get("/hsds/services", params={"per_page": 5}, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"per_page": "-1"}, "per_page"),
        ({"full": "maybe"}, "full"),
        ({"format": "ndjson"}, "format"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "2026-05-01T00:00:00 01:00"}, "modified_after"),  # an unencoded + read as a space
        ({"modified_after": "2026-05-01T00:00:00" + "0" * 100}, "modified_after"),
        ({"organization_id": "x" * 500}, "organization_id"),
        ({"search": "mensa"}, "search"),
        ({"minimal": "true"}, "minimal"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(world: World, params: dict[str, str], field: str) -> None:
    answer = world.client.get("/hsds/services", params=params)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "invalid" and [problem["field"] for problem in body["fields"]] == [field]
    assert body["message"].startswith(f"{field}: ")


def test_the_rate_limit_is_per_address_with_retry_after(engine: Engine) -> None:
    now = [dt.datetime(2026, 12, 4, 9, 0, 10, tzinfo=dt.UTC)]
    app = create_app(engine, clock=lambda: now[0])
    client = TestClient(app, client=("203.0.113.7", 50000))
    for _ in range(hsds_api.REQUESTS_PER_WINDOW):
        assert client.get("/hsds/").status_code == 200
    refused = client.get("/hsds/services", params={"page": "0"})  # counted before its parameters are read
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"] == "rate_limited" and refused.headers["Retry-After"] == "50"
    assert client.get(f"/hsds/services/{uuid.uuid4()}").status_code == 429
    assert TestClient(app, client=("198.51.100.9", 50000)).get("/hsds/").status_code == 200  # another address

    # One IPv6 subscriber (a /64) is one address; another /64 is another.
    neighbour = TestClient(app, client=("2001:db8:1:2::1", 50000))
    for _ in range(hsds_api.REQUESTS_PER_WINDOW):
        assert neighbour.get("/hsds/").status_code == 200
    assert TestClient(app, client=("2001:db8:1:2::ffff", 50000)).get("/hsds/").status_code == 429
    assert TestClient(app, client=("2001:db8:1:3::1", 50000)).get("/hsds/").status_code == 200

    now[0] += dt.timedelta(seconds=50)  # the next window
    assert client.get("/hsds/").status_code == 200


def test_the_schema_check_bites() -> None:
    """The validators refuse what HSDS refuses: a list item without its status or with a property
    HSDS lacks, a page whose counts are not numbers, a full service's phone without a number."""
    page = response_validator("/services")
    item = {"id": "s", "name": "n", "status": "active"}
    assert problems(page, {"total_items": 1, "contents": [item]}) == []
    assert problems(page, {"contents": [{"id": "s", "name": "n"}]})
    assert problems(page, {"contents": [{**item, "colour": "red"}]})
    assert problems(page, {"total_items": "one", "contents": []})
    full = response_validator("/services/{id}")
    pairing = {"id": "p", "phones": [{"id": "f"}]}
    assert problems(full, {**item, "service_at_locations": [{"id": "p"}]}) == []
    assert problems(full, {**item, "service_at_locations": [pairing]})
    assert problems(response_validator("/"), {"version": 3.1})
