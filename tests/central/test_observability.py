"""Issue 16 item 8: `serve --log-format json` and `serve --metrics ADDR:PORT`, on the real process.

The JSON log is checked with the canary requests of test_log_canaries (every endpoint and
error path, a forced 500 last): every line is one JSON object, none holds a canary or a raw
path, and each request has one access line with its route template. The metrics are
scraped from the real listener before and after real syncs (with a conflict, a retry, a
rejection and a refused token), and the counters must move by exactly those counts.
"""

import json
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from central.db import make_engine, upgrade
from tests.central import test_log_canaries as canaries
from tests.central.http_devices import HttpDevice, add_operator, make_team
from tests.service_process import CENTRAL, clean_environment, free_port, running_service


@pytest.fixture()
def database(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield url, engine
    engine.dispose()


# --- JSON logs ------------------------------------------------------------------------------


def test_json_log_lines_hold_no_request_value(database: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = database
    team = make_team(engine)
    log = tmp_path / "service.log"
    with running_service(url, "--log-format", "json", env=clean_environment(), log=log) as running:
        service = canaries.Service(running.url, engine, log, team)
        path_id = service.canary("pathid")
        requests.get(f"{service.url}/v1/contacts/{path_id}", timeout=10)  # a raw path holding an id
        query = service.canary("query")
        requests.get(f"{service.url}/v1/health?token={query}", timeout=10)
        token = canaries._enrol_paths(service)
        canaries._intake_paths(service)
        canaries._sync_paths(service, token)
        crash = canaries._forced_crash(service)
        time.sleep(0.5)  # the last lines are flushed (the log is read, not timed)
    assert crash.status_code == 500
    text = log.read_text(encoding="utf-8")
    lines = text.splitlines()
    entries = [json.loads(line) for line in lines]  # every line is JSON, or this raises
    assert all(isinstance(entry, dict) for entry in entries)
    leaked = [c for c in service.canaries if c in text]
    assert not leaked, f"{len(leaked)} request values in the JSON log:\n{text[:3000]}"
    assert "/v1/contacts" not in text and "Traceback" not in text
    access = [e for e in entries if e.get("event") == "http.request"]
    # One access line per request: the health checks (running_service polls it too), the raw
    # path, and every canary request with the status it was answered.
    others = [e for e in access if e["route"] != "/v1/health"]
    assert sorted((e["route"], e["status"]) for e in others) == sorted([*service.statuses, ("(unknown route)", 404)])
    for entry in access:
        assert set(entry) == {
            "time", "level", "logger", "message", "event", "method", "route", "status", "duration_ms", "request_id"
        }, entry  # fmt: skip
        assert entry["time"].endswith("Z") and entry["logger"] == "central.access"
    assert len({e["request_id"] for e in access}) == len(access)
    # The crash's own line names the route and type only, and carries its request's id.
    crash_lines = [e for e in entries if e["logger"] == "central.errors" and e["level"] == "error"]
    assert len(crash_lines) == 1, crash_lines
    answered = [e for e in access if e["status"] == 500]
    assert len(answered) == 1 and answered[0]["request_id"] == crash_lines[0]["request_id"]


def test_text_format_stays_the_default(database: tuple[str, Engine], tmp_path: Path) -> None:
    """Without --log-format nothing changes: no access lines, uvicorn's text format."""
    url, engine = database
    log = tmp_path / "service.log"
    with running_service(url, env=clean_environment(), log=log) as running:
        assert requests.get(f"{running.url}/v1/health", timeout=10).status_code == 200
        assert requests.get(f"{running.url}/v1/nowhere", timeout=10).status_code == 404
        time.sleep(0.3)
    assert "/v1/health" not in log.read_text() and "{" not in log.read_text()


# --- metrics ------------------------------------------------------------------------------


def _scrape(address: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = requests.get(f"http://{address}/metrics", timeout=10)
    assert answer.status_code == 200
    values = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return values


def _value(values: dict, name: str, **labels: str) -> float:
    return values.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_real_syncs_exactly(database: tuple[str, Engine]) -> None:
    url, engine = database
    team = make_team(engine)
    add_operator(engine, team, "anna")
    address = f"127.0.0.1:{free_port()}"
    with running_service(url, "--metrics", address, env=clean_environment()) as running:
        api = running.url
        laptop, tablet = HttpDevice.enrol(api, "anna", "laptop"), HttpDevice.enrol(api, "anna", "tablet")
        create = laptop.mutation("create", given_name="Giulia", municipality="Lodi")
        version = laptop.sync(api, create)["results"][0]["server_version"]
        tablet.pull_all(api)
        laptop.pull_all(api)
        before = _scrape(address)
        # Measured from here: 5 syncs answered 200 (3 push, 2 pull), then 1 refused (401).
        first = laptop.mutation("update", create["record_id"], version, municipality="Cesena")
        laptop.sync(api, first)
        raced = tablet.sync(api, tablet.mutation("update", create["record_id"], version, municipality="Forlì"))
        assert raced["results"][0]["status"] == "applied" and len(raced["results"][0]["conflicts"]) == 1
        unknown_field = laptop.mutation("update", create["record_id"], None, nonsense="x")
        retried = laptop.sync(api, first, unknown_field)["results"]
        assert [r["status"] for r in retried] == ["applied", "rejected"]
        laptop.sync(api)
        tablet.sync(api)
        laptop.sync(api, laptop.mutation("update", create["record_id"]), expect=401, token="not-a-token")
        after = _scrape(address)
        assert requests.get(f"{api}/metrics", timeout=10).status_code == 404  # never on the API's port

    def delta(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert delta("prossimo_syncs_total", kind="push", outcome="ok") == 3
    assert delta("prossimo_syncs_total", kind="pull", outcome="ok") == 2
    assert delta("prossimo_syncs_total", kind="push", outcome="unauthorized") == 1
    assert delta("prossimo_mutations_total", outcome="applied") == 2
    assert delta("prossimo_mutations_total", outcome="replayed") == 1
    assert delta("prossimo_mutations_total", outcome="rejected") == 1
    assert delta("prossimo_conflicts_total") == 1
    assert delta("prossimo_sync_duration_seconds_count", kind="push") == 4
    assert delta("prossimo_http_responses_total", route="/v1/sync", method="POST", status_class="2xx") == 5
    assert delta("prossimo_http_responses_total", route="/v1/sync", method="POST", status_class="4xx") == 1
    assert delta("prossimo_http_request_duration_seconds_count", route="/v1/sync", method="POST") == 6


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CENTRAL, *args], env=clean_environment(), capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("value", "extra", "rule"),
    [
        ("9464", (), "ADDRESS:PORT"),
        ("metrics.internal:9464", (), "ADDRESS:PORT"),
        ("127.0.0.1:http", (), "ADDRESS:PORT"),
        ("127.0.0.1:70000", (), "1-65535"),
        ("127.0.0.1:9464", ("--workers", "2"), "--workers 1"),
        ("127.0.0.1:8443", (), "the API's port"),
    ],
)
def test_bad_metrics_values_are_refused(database: tuple[str, Engine], value: str, extra: tuple, rule: str) -> None:
    url, _ = database
    refused = _serve("--db", url, "serve", "--metrics", value, *extra)
    assert refused.returncode == 2, refused.stderr
    assert "--metrics" in refused.stderr and rule in refused.stderr and "Traceback" not in refused.stderr


def test_a_metrics_address_in_use_is_refused(database: tuple[str, Engine]) -> None:
    url, _ = database
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = _serve("--db", url, "serve", "--port", str(free_port()), "--metrics", f"127.0.0.1:{port}")
    assert refused.returncode == 2 and f"--metrics: cannot listen on 127.0.0.1:{port}" in refused.stderr, refused.stderr


def test_json_and_metrics_options_reach_the_process(database: tuple[str, Engine], tmp_path: Path) -> None:
    """The start-up lines of `serve` itself are JSON too, and name the metrics address."""
    url, _ = database
    log = tmp_path / "service.log"
    address = f"127.0.0.1:{free_port()}"
    with running_service(url, "--log-format", "json", "--metrics", address, env=clean_environment(), log=log):
        pass
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    messages = [e["message"] for e in entries if e["logger"] == "central.serve"]
    assert messages[0] == f"metrics on http://{address}/metrics" and messages[1].startswith("serving on http://")
    assert str(tmp_path) not in log.read_text()  # the database's URL (it may hold a password) is never logged
