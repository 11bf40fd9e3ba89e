"""No request value ever reaches the service's log: canaries through every endpoint and error path.

The real `prossimo-central serve` runs as a subprocess on a loopback port, on SQLite and
on PostgreSQL, its stdout and stderr captured to a file. Each request carries unique
canary strings (passwords, usernames, device names, aliases, phones, contact names,
tokens, cursors, header values); afterwards the whole log is searched for every one.
"""

import base64
import gzip
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from sqlalchemy import Engine, text

from central import security
from central.db import make_engine, session_factory, upgrade
from central.models import Membership, Operator, Organisation, Team
from protocol import hsds, new_id
from protocol.clock import utc_now
from protocol.messages import MAX_JSON_DEPTH
from tests import pg_server
from tests.service_process import running_service


@dataclass
class Service:
    url: str
    engine: Engine
    log: Path
    team_id: uuid.UUID
    canaries: list[str] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)

    def canary(self, kind: str) -> str:
        value = f"cnry{kind}{uuid.uuid4().hex[:12]}"
        self.canaries.append(value)
        return value

    def post(
        self,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else json.dumps(body).encode()
        answer = requests.post(self.url + path, data=data, headers=sent, timeout=30, allow_redirects=False)
        self.statuses.append((path, answer.status_code))
        return answer


def _database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    server = request.getfixturevalue("postgres")
    if server is None:
        pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
    return server.create_database(f"c_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    url = _database_url(request, tmp_path)
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name="Org")
        session.add(org)
        session.flush()
        team = Team(id=uuid.uuid4(), organisation_id=org.id, name="A")
        session.add(team)
    log = tmp_path / "service.log"
    try:
        with running_service(url, env={**os.environ, "PYTHONUNBUFFERED": "1"}, log=log) as running:
            yield Service(running.url, engine, log, team.id)
    finally:
        engine.dispose()


def _add_operator(service: Service, username: str, password: str) -> None:
    with session_factory(service.engine).begin() as session:
        operator = Operator(
            id=uuid.uuid4(),
            organisation_id=session.get(Team, service.team_id).organisation_id,
            username=username,
            password_hash=security.hash_password(password),
            role="operator",
        )
        session.add(operator)
        session.flush()
        session.add(Membership(operator_id=operator.id, team_id=service.team_id))


def _mutation(seq: int, **changed: Any) -> dict[str, Any]:
    return {
        "device_seq": seq,
        "mutation_id": str(uuid.uuid4()),
        "entity": "contact",
        "record_id": str(new_id()),
        "op": "create",
        "changed": changed,
        "at": "2026-01-01T00:00:00Z",
    }


def _enrol_paths(service: Service) -> str:
    username, password = service.canary("user"), service.canary("password")
    _add_operator(service, username, password)
    device = service.canary("device")
    good = service.post("/v1/enrol", {"username": username, "password": password, "device_name": device})
    assert good.status_code == 200, good.text
    token = good.json()["device_token"]
    service.canaries.append(token)
    service.post("/v1/enrol", {"username": username, "password": service.canary("wrongpw"), "device_name": device})
    for _ in range(3):  # unknown users, and the throttle on the real one
        service.post(
            "/v1/enrol", {"username": service.canary("nobody"), "password": service.canary("pw"), "device_name": device}
        )
        service.post("/v1/enrol", {"username": username, "password": service.canary("wrongpw"), "device_name": device})
    service.post(
        "/v1/enrol",
        {"username": username, "password": password, "device_name": device, "extra": service.canary("extra")},
    )
    service.post("/v1/enrol", {"username": [service.canary("list")], "password": {"x": service.canary("obj")}})
    service.post(
        "/v1/enrol",
        raw=json.dumps({"username": username, "password": password + "SURR", "device_name": device})
        .encode()
        .replace(b"SURR", b"\\ud800"),
    )
    service.post(
        "/v1/enrol",
        raw=json.dumps({"username": username, "password": password + "SURR", "device_name": device})
        .encode()
        .replace(b"SURR", b"\xed\xa0\x80"),
    )
    service.post("/v1/enrol", raw=f'{{"username": "{service.canary("broken")}", "password": '.encode())
    return token


def _intake(service: Service, **overrides: Any) -> dict[str, Any]:
    return {
        "team_id": str(service.team_id),
        "kind": "booking",
        "alias": service.canary("alias"),
        "contact_channel": "phone",
        "contact_detail": "+39 " + service.canary("phone"),
        "preferred_times": service.canary("times"),
        "topic": service.canary("topic"),
        "language": "it",
        "consent_to_contact": True,
        **overrides,
    }


def _intake_paths(service: Service) -> None:
    assert service.post("/v1/intake", _intake(service)).status_code == 202
    service.post("/v1/intake", _intake(service, team_id=str(uuid.uuid4())))
    service.post("/v1/intake", _intake(service, consent_to_contact=False))
    service.post("/v1/intake", _intake(service, team_id=service.canary("team")))
    service.post("/v1/intake", raw=json.dumps(_intake(service, alias="SURR")).encode().replace(b"SURR", b"\\udfff"))
    service.post("/v1/intake", _intake(service, contact_detail="x" * 50_000))  # over 16 KB: 413
    service.post(
        "/v1/intake",
        _intake(service, alias="NUL"),
        raw=json.dumps(_intake(service, alias="NUL")).encode().replace(b"NUL", b"\\u0000"),
    )
    for _ in range(6):  # past the rate limit
        service.post("/v1/intake", _intake(service))


def _help_paths(service: Service) -> None:
    """The help desk's form (form-encoded, not JSON) and pages, through each of their outcomes."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    fields = {
        "alias": service.canary("alias"),
        "reach": "phone",
        "phone": "+39 333 " + str(uuid.uuid4().int)[:7],
        "times": service.canary("times"),
        "topic": service.canary("topic"),
        "language": "it",
        "consent": "yes",
        "team": str(service.team_id),
    }
    service.canaries.append(fields["phone"])
    page = requests.get(service.url + "/help/it/contact", timeout=10).text
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    service.post("/help/it/contact", raw=urlencode({**fields, "token": token}).encode(), headers=form)  # too fast
    service.post("/help/it/contact", raw=urlencode({**fields, "token": service.canary("tok")}).encode(), headers=form)
    service.post("/help/it/contact", raw=urlencode({**fields, "alias": ""}).encode(), headers=form)
    service.post("/help/it/contact", raw=urlencode({**fields, "website": service.canary("hp")}).encode(), headers=form)
    service.post("/help/it/contact", raw=b"\xff" + fields["alias"].encode(), headers=form)
    service.post("/help/it/contact", raw=urlencode(fields).encode(), headers={**form, "Origin": service.canary("o")})
    time.sleep(3.5)  # past the form's minimum fill time (the rate limit, reached above, then answers)
    service.post("/help/it/contact", raw=urlencode({**fields, "token": token}).encode(), headers=form)
    requests.get(service.url + "/help/it/info/" + service.canary("slug"), timeout=10)
    requests.get(service.url + "/help/" + service.canary("lang") + "/", timeout=10)
    requests.get(service.url + "/help/", headers={"Accept-Language": service.canary("al")}, timeout=10)


def _hsds_paths(service: Service) -> None:
    """The public HSDS API: canaries in every parameter, the id and a header, each refused (422,
    404) or filtering to nothing."""
    url = service.url + "/hsds/services"
    for name in ("modified_after", "organization_id", "taxonomy_term_id", "taxonomy_id", "search", "page", "full"):
        requests.get(url, params={name: service.canary(name[:4])}, timeout=10)
    requests.get(url + "/" + service.canary("hsid"), headers={"If-None-Match": service.canary("inm")}, timeout=10)
    requests.get(url + "/" + service.canary("long") * 20, timeout=10)


def _sync_paths(service: Service, token: str) -> None:
    names = {"given_name": service.canary("given"), "family_name": service.canary("family")}
    good = service.post("/v1/sync", {"mutations": [_mutation(1, **names)]}, token=token)
    assert good.status_code == 200 and good.json()["results"][0]["status"] == "applied", good.text
    cursor = good.json()["cursor"]
    service.post("/v1/sync", {"mutations": [_mutation(2, **names)]}, token=service.canary("token"))
    service.post("/v1/sync", {"mutations": [_mutation(2, **names)]})  # no token
    service.post(
        "/v1/sync",
        {"mutations": [_mutation(2, **names)]},
        token=token,
        headers={"X-Prossimo-Protocol": service.canary("proto")},
    )
    service.post("/v1/sync", {"cursor": service.canary("cursor")}, token=token)
    for numbers in ({"d": 2**63, "t": {}}, {"d": 0, "t": {service.canary("team"): 1}}):
        bad = base64.urlsafe_b64encode(json.dumps(numbers).encode()).decode()
        service.post("/v1/sync", {"cursor": bad}, token=token)
    service.post("/v1/sync", {"cursor": cursor, "page_size": 2**64}, token=token)
    service.post("/v1/sync", {"mutations": [{**_mutation(2**63, **names)}]}, token=token)
    service.post(
        "/v1/sync",
        {
            "mutations": [
                {**_mutation(3, **names), "base_version": 2**70, "op": "update"},
                {**_mutation(4, **names), "entity": service.canary("entity")},
                _mutation(5, **names, **{service.canary("field"): 1}),
                _mutation(6, given_name=service.canary("given"), birth_year=10**30),
            ]
        },
        token=token,
    )
    poisoned = json.dumps({"mutations": [_mutation(7, given_name="SURR", **{"family_name": names["family_name"]})]})
    service.post("/v1/sync", raw=poisoned.encode().replace(b"SURR", b"\\ud800"), token=token)
    service.post("/v1/sync", raw=poisoned.encode().replace(b"SURR", b"\xed\xa0\x80"), token=token)
    deep = b'{"mutations": [' + b"[" * (MAX_JSON_DEPTH + 5) + json.dumps(names).encode() + b"]" * (MAX_JSON_DEPTH + 5)
    service.post("/v1/sync", raw=deep + b"]}", token=token)
    service.post("/v1/sync", raw=b"[" * 100_000 + b"]" * 100_000, token=token)
    service.post("/v1/sync", raw=json.dumps({"mutations": [_mutation(8, **names)] * 30_000}).encode(), token=token)
    service.post(
        "/v1/sync", raw=b"not gzip " + names["given_name"].encode(), token=token, headers={"Content-Encoding": "gzip"}
    )
    service.post(
        "/v1/sync",
        raw=gzip.compress(b'{"mutations": [' + b" " * 6_000_000 + b"]}"),
        token=token,
        headers={"Content-Encoding": "gzip"},
    )
    service.post(
        "/v1/sync",
        raw=gzip.compress(json.dumps({"mutations": [_mutation(9, **names)]}).encode()),
        token=token,
        headers={"Content-Encoding": "gzip"},
    )
    service.post("/v1/sync", raw=b"\xff\xfe" + names["given_name"].encode(), token=token)
    service.post(
        "/v1/sync",
        raw=json.dumps({"mutations": [_mutation(10, **names)]}).encode(),
        token=token,
        headers={"Content-Type": "text/plain"},
    )


def _partner_paths(service: Service) -> None:
    """The partner pages: the invitation's token, the e-mail, passwords, codes and form fields."""
    import tempfile

    from central import directory
    from central.partners import accounts
    from tests.central.test_partners import FOOD_BANK, _resource

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "directory.json"
        hsds.export_directory([_resource(FOOD_BANK, service.canary("service"), "Lodi", None)], path)
        with session_factory(service.engine).begin() as session:
            org_id = session.get(Team, service.team_id).organisation_id
            directory.import_package(session, org_id, path)
            provider = accounts.find_provider(session, org_id, FOOD_BANK)
            email = f"{service.canary('email')}@example.org"
            token, _ = accounts.invite(session, org_id, provider, email, utc_now())
    service.canaries.append(token)
    password = service.canary("partnerpw")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    link = f"/partner/it/invite/{token}"
    requests.get(service.url + link, timeout=10)
    service.post(link, raw=urlencode({"password": service.canary("short")[:8], "again": "x"}).encode(), headers=form)
    accepted = service.post(link, raw=urlencode({"password": password, "again": password}).encode(), headers=form)
    session_token = (
        accepted.cookies.get("prossimo_partner") or accepted.headers["set-cookie"].split(";")[0].split("=")[1]
    )
    service.canaries.append(session_token)
    cookie = {**form, "Cookie": f"prossimo_partner={session_token}"}
    service.post(link, raw=urlencode({"password": password, "again": password}).encode(), headers=form)  # used
    wrong = urlencode({"email": email, "password": service.canary("partnerwrong")}).encode()
    service.post("/partner/en/login", raw=wrong, headers=form)
    unknown = urlencode({"email": f"{service.canary('nobody')}@example.org", "password": password}).encode()
    service.post("/partner/en/login", raw=unknown, headers=form)
    enrol = urlencode({"token": service.canary("formtoken"), "sealed": service.canary("sealed"), "code": "123456"})
    service.post("/partner/en/totp/enrol", raw=enrol.encode(), headers=cookie)
    page = requests.get(service.url + "/partner/en/totp/enrol", headers=cookie, timeout=10).text
    right_token = page.split('name="token" value="')[1].split('"')[0]
    for sealed in (service.canary("sealed"), "AAAA" + service.canary("b64"), "é"):
        enrol = urlencode({"token": right_token, "sealed": sealed, "code": service.canary("enrolcode")})
        service.post("/partner/en/totp/enrol", raw=enrol.encode(), headers=cookie)
    service.post("/partner/en/totp", raw=urlencode({"code": service.canary("code")}).encode(), headers=cookie)
    service.post(f"/partner/en/services/{service.canary('id')}/verified", raw=b"token=x", headers=cookie)
    _partner_edit_paths(service, cookie)
    service.post("/partner/en/login", raw=b"\xff\xfe" + password.encode(), headers=form)
    requests.get(service.url + f"/partner/fi/{service.canary('partnerpath')}", timeout=10)


def _partner_edit_paths(service: Service, cookie: dict[str, str]) -> None:
    """The editing forms: every section, typed values good and bad, another id, a wrong token."""
    page = requests.get(service.url + "/partner/en/", headers=cookie, timeout=10).text
    own = page.split('href="/partner/en/services/')[1].split('"')[0]
    token = page.split('name="token" value="')[1].split('"')[0]
    edit = f"/partner/it/services/{own}/edit"
    for section in ("hours", "place", "phones", "about", service.canary("section")):
        requests.get(service.url + f"{edit}/{section}", headers=cookie, timeout=10)
    bad = {
        "hours": {"d1-0-o": "12:00", "d1-0-c": service.canary("closes"), "x0-date": service.canary("date")},
        "place": {"municipality": service.canary("town"), "latitude": service.canary("lat"), "longitude": "9.5"},
        "phones": {"p0-number": "333 12", "p0-description": service.canary("note")},
        "about": {"email": service.canary("mail"), "url": service.canary("url"), "description": service.canary("d")},
    }
    good = {
        "hours": {"d1-0-o": "09:00", "d1-0-c": "12:00"},
        "place": {"municipality": "Lodi", "address": service.canary("street"), "latitude": "45.31", "longitude": "9.5"},
        "phones": {"p0-number": "0371 948100", "p0-description": service.canary("mornings")},
        "about": {"eligibility": service.canary("who"), "description": "\u00e9" * 19_000},
    }
    for section in ("hours", "place", "phones", "about"):
        statuses = []
        for fields in (bad[section], good[section]):
            raw = urlencode({"token": token, **fields}).encode()
            statuses.append(service.post(f"{edit}/{section}", raw=raw, headers=cookie).status_code)
        assert statuses == [422, 303], section  # the values reached the forms' rules, and were saved
    service.post(f"{edit}/hours", raw=urlencode({"token": service.canary("edittoken")}).encode(), headers=cookie)
    foreign = f"/partner/en/services/{service.canary('foreign')}/edit/hours"
    service.post(foreign, raw=urlencode({"token": token, "d1-0-o": "9"}).encode(), headers=cookie)
    service.post(f"{edit}/about", raw=b"token=" + token.encode() + b"&d=" + b"x" * 300_000, headers=cookie)  # 413


def _forced_crash(service: Service) -> requests.Response:
    """The one 500 on purpose: the record table is gone, so the intake's INSERT fails with its
    parameters (the alias and phone) in the database error's text."""
    with service.engine.begin() as connection:
        connection.execute(text("DELETE FROM intake_rate"))
        connection.execute(text("DROP TABLE record" + ("" if service.engine.dialect.name == "sqlite" else " CASCADE")))
    return service.post("/v1/intake", _intake(service))


def test_no_request_value_reaches_the_log(service: Service) -> None:
    """Issue 13 item 2: uvicorn's error log held the operator's password and a help-desk alias and phone."""
    requests.get(service.url + "/v1/health", headers={"X-Prossimo-Protocol": service.canary("health")}, timeout=10)
    requests.get(service.url + "/v1/" + service.canary("path"), timeout=10)
    token = _enrol_paths(service)
    _intake_paths(service)
    _help_paths(service)
    _hsds_paths(service)
    _partner_paths(service)
    _sync_paths(service, token)
    crash = _forced_crash(service)
    time.sleep(0.5)  # let the service flush its last line (the log is read, not timed)
    log = service.log.read_text(encoding="utf-8", errors="replace")
    leaked = [c for c in service.canaries if c in log]
    assert not leaked, f"{len(leaked)} request values in the service log:\n{log[:3000]}"
    assert "Traceback" not in log
    assert crash.status_code == 500 and set(crash.json()) == {"error", "message"}, crash.text
    crashes = [(path, status) for path, status in service.statuses if status >= 500]
    assert crashes == [("/v1/intake", 500)], crashes
    lines = [line for line in log.splitlines() if "/v1/intake" in line]
    assert len(lines) == 1 and ("OperationalError" in lines[0] or "ProgrammingError" in lines[0]), log[:3000]
