"""A hostile client's bodies against the real app, on SQLite and PostgreSQL.

Every error answer has one shape, `{"error", "message", "fields"?}` (protocol.messages.ProblemAnswer):
422 for any body that cannot be read or breaks a rule, 500 with no detail for anything
unexpected, and never a value of the request in the answer or in a log line.
"""

import base64
import json
import logging
import math
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import from_json
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from central import errors
from central.db import make_engine, upgrade
from protocol import new_id
from protocol.messages import MAX_JSON_DEPTH, ProblemAnswer
from tests.central.conftest import PASSWORD, World, make_world

BIG = 2**63  # one past PostgreSQL's BIGINT
CANARY = "Canary7f3a"


def _client(world: World) -> TestClient:
    """The world's app, answering a 500 instead of raising it into the test."""
    return TestClient(world.client.app, raise_server_exceptions=False, client=("203.0.113.9", 50000))


def _problem(answer: Any, status: int, error: str | None = None) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    ProblemAnswer.model_validate(body)  # the one documented shape, nothing else in it
    if error is not None:
        assert body["error"] == error, body
    return body


def _intake(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "team_id": str(world.team_a),
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 765 4321",
        "language": "it",
        "consent_to_contact": True,
        **overrides,
    }


def _bodies(world: World, token: str) -> dict[str, tuple[dict[str, str], dict[str, Any], str]]:
    """(headers, a valid body, the string field to poison) per endpoint with a body."""
    sync = {
        "mutations": [
            {
                "device_seq": 1,
                "mutation_id": str(uuid.uuid4()),
                "entity": "contact",
                "record_id": str(new_id()),
                "op": "create",
                "changed": {"given_name": "Anna"},
                "at": "2026-01-01T00:00:00Z",
            }
        ]
    }
    return {
        "/v1/enrol": ({}, {"username": "anna", "password": PASSWORD, "device_name": "laptop"}, "password"),
        "/v1/intake": ({}, _intake(world), "alias"),
        "/v1/sync": ({"Authorization": f"Bearer {token}"}, sync, "given_name"),
    }


def _poison(body: dict[str, Any], name: str, value: str) -> dict[str, Any]:
    if name in body:
        return {**body, name: value}
    mutation = body["mutations"][0]
    return {**body, "mutations": [{**mutation, "changed": {**mutation["changed"], name: value}}]}


@pytest.mark.parametrize("path", ["/v1/enrol", "/v1/intake", "/v1/sync"])
@pytest.mark.parametrize("form", ["json_escape", "raw_bytes"])
def test_lone_surrogate_is_422_never_500(world: World, path: str, form: str, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 13 item 2: a lone surrogate anywhere in a JSON body answered 500 (no token needed)."""
    world.add_operator("anna", [world.team_a])
    token = world.enrol("anna").token
    headers, body, name = _bodies(world, token)[path]
    marker = "SURROGATE_HERE"
    raw = json.dumps(_poison(body, name, f"{CANARY}{marker}")).encode()
    raw = raw.replace(marker.encode(), b"\\ud800" if form == "json_escape" else b"\xed\xa0\x80")
    with caplog.at_level(logging.DEBUG):
        answer = _client(world).post(path, content=raw, headers={**headers, "Content-Type": "application/json"})
    problem = _problem(answer, 422, "invalid_body")
    assert CANARY not in answer.text and PASSWORD not in answer.text
    assert "unicode" in problem["message"] or "UTF-8" in problem["message"]
    assert CANARY not in caplog.text and PASSWORD not in caplog.text


@pytest.mark.parametrize("path", ["/v1/enrol", "/v1/intake", "/v1/sync"])
def test_deep_nesting_is_422_in_the_error_shape(world: World, path: str) -> None:
    """Issue 13 item 2: a deeply nested body answered 400 with a plain-string `detail`."""
    for depth in (MAX_JSON_DEPTH + 1, 2_500):  # 2,500: past json.loads' recursion, within 16 KB
        raw = b'{"a":' * depth + b"1" + b"}" * depth
        problem = _problem(
            _client(world).post(
                path, content=raw, headers={"Content-Type": "application/json", "Authorization": "Bearer x"}
            ),
            422,
            "invalid_body",
        )
        assert f"{MAX_JSON_DEPTH}" in problem["message"]


def test_nesting_up_to_the_limit_is_read(world: World) -> None:
    """Issue 13 item 2: the depth rule rejects only what is past it (here: a schema error, not a parse error)."""
    depth = MAX_JSON_DEPTH - 1
    raw = b'{"a":' * depth + b"1" + b"}" * depth
    problem = _problem(
        _client(world).post("/v1/enrol", content=raw, headers={"Content-Type": "application/json"}), 422, "invalid"
    )
    assert {f["field"] for f in problem["fields"]} >= {"username", "password", "device_name"}


@pytest.mark.parametrize(
    "raw",
    [
        b"{bad",
        b"",
        b"[1,2",
        b'{"username": NaN}',
        b'{"username": 1e999}',
        b'{"username": 1' + b"0" * 250 + b"e99}",  # infinity with a two-digit exponent
        b'"\\u0000"',
        b"\xff\xfe",
    ],
)
def test_unreadable_bodies_are_422(world: World, raw: bytes) -> None:
    """Issue 13 item 2: bad JSON, NaN/Infinity, NUL and bad bytes answer 422 in the one shape."""
    answer = _client(world).post("/v1/enrol", content=raw, headers={"Content-Type": "application/json"})
    problem = _problem(answer, 422)
    assert problem["error"] in ("invalid_body", "invalid")
    assert "detail" not in problem


def test_wrong_types_name_every_field_and_never_echo_the_value(world: World) -> None:
    """Issue 13 item 2: validation errors list each field and rule, without the rejected value."""
    answer = _client(world).post(
        "/v1/intake", json=_intake(world, team_id=f"{CANARY}-not-a-uuid", consent_to_contact=CANARY, extra=CANARY)
    )
    problem = _problem(answer, 422, "invalid")
    assert {f["field"] for f in problem["fields"]} == {"team_id", "consent_to_contact", "extra"}
    assert "team_id" in problem["message"] and "consent_to_contact" in problem["message"]
    assert CANARY not in answer.text and "Canary"[0:3] not in answer.text.replace("Stella", "")


def test_unknown_route_and_method_use_the_shape(world: World) -> None:
    """Issue 13 item 2: even FastAPI's own 404 and 405 answers use the one shape."""
    _problem(_client(world).get("/v1/nothing-here"), 404, "not_found")
    _problem(_client(world).get("/v1/sync"), 405, "method_not_allowed")


def test_an_unexpected_failure_is_500_without_detail_and_logs_only_the_type(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 13 item 2: a crash answers 500 in the shape and logs one line: route and exception type.

    Forced for real: the operator table is gone, so the database error carries the
    statement's parameters (the username), which must reach neither answer nor log.
    """
    with world.engine.begin() as connection:
        connection.execute(text("DROP TABLE membership"))
        connection.execute(text("DROP TABLE operator" + (" CASCADE" if world.engine.dialect.name != "sqlite" else "")))
    with caplog.at_level(logging.DEBUG):
        answer = _client(world).post(
            "/v1/enrol", json={"username": CANARY, "password": PASSWORD, "device_name": CANARY}
        )
    problem = _problem(answer, 500, "internal")
    assert "fields" not in problem and CANARY not in answer.text
    assert CANARY not in caplog.text and PASSWORD not in caplog.text and "Traceback" not in caplog.text
    # One error line; the access log's line (central.observe: method, route template, status) is apart.
    access = [r.getMessage() for r in caplog.records if r.name == "central.access"]
    assert access == ["POST /v1/enrol 500"]
    lines = [r for r in caplog.records if r.name.startswith("central") and r.name != "central.access"]
    assert len(lines) == 1 and "/v1/enrol" in lines[0].getMessage()
    assert lines[0].exc_info is None


def test_a_busy_database_is_503_busy_with_retry_after(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 13 (service errors): a database that stays locked past the busy timeout is a transient fault,
    answered 503 `busy` with a whole-second Retry-After (a device's sync then retries), never 500 `internal`.
    The lock is real: another connection holds SQLite's write lock (BEGIN IMMEDIATE), as a long backup
    or a stuck writer would. The log names the route and the exception type, never a request value."""
    database = tmp_path / "central.db"
    engine = make_engine(f"sqlite:///{database}", busy_timeout_s=0.2)  # the deployment waits 30 s
    upgrade(engine)
    world = make_world(engine)
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    mutation = anna.mutation("contact", "create", given_name=CANARY)
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with caplog.at_level(logging.DEBUG):
            answer = _client(world).post(
                "/v1/sync",
                json={"cursor": None, "mutations": [mutation], "page_size": 10},
                headers={"Authorization": f"Bearer {anna.token}"},
            )
        problem = _problem(answer, 503, "busy")
        assert problem.get("fields", []) == [] and CANARY not in answer.text
        assert answer.headers["Retry-After"].isdigit() and int(answer.headers["Retry-After"]) >= 1
        assert CANARY not in caplog.text and anna.token not in caplog.text and "Traceback" not in caplog.text
        lines = [r.getMessage() for r in caplog.records if r.name.startswith("central") and r.name != "central.access"]
        assert len(lines) == 1 and "POST /v1/sync" in lines[0] and "OperationalError" in lines[0], lines
    finally:
        holder.rollback()
        holder.close()
    result = anna.sync(mutation)["results"][0]  # the lock gone, the same request is applied: nothing half-done
    assert result["status"] == "applied", result
    engine.dispose()


def test_busy_is_told_apart_by_the_drivers_error_code(engine: Engine) -> None:
    """Issue 13 (service errors): the real drivers' errors for a lock not had in time, and a pool with no
    free connection, count as busy (503); another database error does not (it stays 500 `internal`)."""
    sqlite = engine.dialect.name == "sqlite"
    holder = engine.connect()
    holder.begin()
    holder.execute(text("UPDATE organisation SET name = name" if sqlite else "LOCK TABLE organisation"))
    try:
        # A second engine on the same database that waits a tenth of a second for a lock, and has one connection.
        url = engine.url.render_as_string(hide_password=False)
        other = make_engine(url, busy_timeout_s=0.1) if sqlite else create_engine(url, pool_size=1, max_overflow=0)
        with pytest.raises(DBAPIError) as locked, other.begin() as connection:
            if not sqlite:
                connection.execute(text("SET LOCAL lock_timeout = '100ms'"))
            connection.execute(text("SELECT count(*) FROM organisation" + ("" if sqlite else " FOR UPDATE")))
        assert errors.is_busy(locked.value), locked.value.orig
    finally:
        holder.rollback()
        holder.close()
    with pytest.raises(DBAPIError) as broken, other.begin() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))
    assert not errors.is_busy(broken.value)
    small = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.1)
    with small.connect(), pytest.raises(SQLAlchemyTimeoutError) as exhausted:
        small.connect()
    assert errors.is_busy(exhausted.value)
    small.dispose()
    other.dispose()


# --- item 11: numbers past 64 bits -------------------------------------------------------


def test_device_seq_past_64_bits_is_422_naming_the_field(world: World) -> None:
    """Issue 13 item 11: device_seq >= 2^63 answered 500."""
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    bad = {**anna.mutation("contact", "create", given_name="Anna"), "device_seq": BIG}
    answer = _client(world).post(
        "/v1/sync", json={"mutations": [bad]}, headers={"Authorization": f"Bearer {anna.token}"}
    )
    problem = _problem(answer, 422, "invalid")
    assert problem["fields"] == [
        {"field": "mutations.0.device_seq", "message": "Input should be less than or equal to 9223372036854775807"}
    ]
    assert "mutations.0.device_seq" in problem["message"]


@pytest.mark.parametrize("field", ["page_size", "cursor"])
def test_envelope_numbers_past_64_bits_are_refused(world: World, field: str) -> None:
    """Issue 13 item 11: page_size or the cursor's numbers >= 2^63 answered 500."""
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    team = str(world.team_a)
    cursors = {
        "directory": {"d": BIG, "t": {}},
        "team": {"d": 0, "t": {team: BIG}},
        "negative": {"d": -1, "t": {}},
        "float": {"d": 1.5, "t": {}},
    }
    client = _client(world)
    headers = {"Authorization": f"Bearer {anna.token}"}
    if field == "page_size":
        for size in (BIG, 2**64, 2**80):
            _problem(client.post("/v1/sync", json={"page_size": size}, headers=headers), 422, "invalid")
        return
    for value in cursors.values():
        cursor = base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
        _problem(client.post("/v1/sync", json={"cursor": cursor}, headers=headers), 422, "invalid_cursor")
    assert anna.sync()["more"] is False  # and the device still syncs


def test_a_mutation_out_of_range_is_rejected_and_the_rest_of_the_batch_applies(world: World) -> None:
    """Issue 13 item 11: on PostgreSQL a huge base_version lost the good mutations of the same batch."""
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    contact = anna.create("contact", given_name="Anna")
    first = anna.mutation("contact", "create", given_name="Bice")
    huge = anna.mutation("contact", "update", uuid.UUID(contact), base=BIG, given_name="Ada")
    unknown = {**anna.mutation("contact", "create", given_name="Cleo"), "entity": "spaceship"}
    bad_time = {**anna.mutation("contact", "create", given_name="Dora"), "at": "yesterday"}
    last = anna.mutation("contact", "create", given_name="Elsa")
    answer = _client(world).post(
        "/v1/sync",
        json={"mutations": [first, huge, unknown, bad_time, last]},
        headers={"Authorization": f"Bearer {anna.token}"},
    )
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["device_seq"] for r in results] == [m["device_seq"] for m in (first, huge, unknown, bad_time, last)]
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected", "applied"]
    assert {r["reason"] for r in results[1:4]} == {"invalid"}
    assert results[1]["message"].startswith("base_version:") and "9223372036854775807" in results[1]["message"]
    assert results[2]["message"].startswith("entity:")
    assert results[3]["message"].startswith("at:")
    names = {c["record"].get("given_name") for c in anna.sync_all() if c["entity"] == "contact"}
    assert names == {"Anna", "Bice", "Elsa"}
    again = (
        _client(world)
        .post("/v1/sync", json={"mutations": [first, last]}, headers={"Authorization": f"Bearer {anna.token}"})
        .json()["results"]
    )
    assert [r["status"] for r in again] == ["applied", "applied"]  # recalled, not applied twice


@given(
    whole=st.integers(min_value=1, max_value=330),
    fraction=st.booleans(),
    exponent=st.one_of(st.none(), st.integers(min_value=-999, max_value=999)),
    before=st.sampled_from([b"", b"[", b'{"a":', b"[0, ", b'{"a": 1,"b":\n ']),
)
def test_every_float_that_overflows_is_refused(whole: int, fraction: bool, exponent: int | None, before: bytes) -> None:
    """The walk over every scalar runs only when a body may hold an overflowing number; whatever
    the number's digits and exponent, one that jiter reads as infinity is refused."""
    number = b"9" * whole + (b".5" if fraction else b"") + (b"" if exponent is None else b"e%d" % exponent)
    raw = before + number + {b"": b"", b"[": b"]", b"[0, ": b"]"}.get(before, b"}")
    parsed = from_json(raw, allow_inf_nan=False)
    value = (
        parsed
        if not isinstance(parsed, (dict, list))
        else (list(parsed.values()) if isinstance(parsed, dict) else parsed)[-1]
    )
    if isinstance(value, float) and not math.isfinite(value):
        with pytest.raises(errors.BadBody):
            errors.read_json(raw)
    else:
        assert errors.read_json(raw) == parsed


def test_a_sync_body_of_uuids_is_not_walked() -> None:
    """Record ids are hex UUIDs ("…4e123…"): the fast path must still skip the walk over every scalar."""
    ids = ["0e123456-7e12-4e34-8e56-9e1234567890", *(str(uuid.uuid4()) for _ in range(200))]
    raw = json.dumps({"cursor": None, "mutations": [{"record_id": i, "changed": {"n": 1.5e10}} for i in ids]}).encode()
    assert errors._MAY_OVERFLOW.search(raw) is None
