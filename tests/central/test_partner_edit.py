"""The partner's editing forms on the real service, SQLite and PostgreSQL: every bad input is
named beside its field in the page's language (hours that close before they open, an unknown
municipality, coordinates outside the area, a phone libphonenumber refuses), nothing is written
then; another provider's service is a 404 on every new route, GET and POST; a saved change goes
through directory.change_resource (a new change sequence and an audit entry naming the partner
and the fields) and a device pulls it at its next sync."""

import datetime as dt
import html
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central import directory
from central.db import make_engine, session_factory
from central.models import AuditEntry, Organisation
from central.partners import accounts, editing, review
from protocol import Resource, gazetteer, hsds, phones
from protocol.clock import utc_now
from protocol.entities import OpeningHours
from tests.central.conftest import World
from tests.central.test_admin_cli import run
from tests.central.test_partners import (
    FOOD_BANK,
    SHELTER,
    Clock,
    accept,
    browser,
    form_token,
    invite,
    seed_directory,
    services_of,
)
from tests.central.test_partners import _resource as _entry

SECTIONS = editing.SECTIONS


def _signed_in(world: World, tmp_path: Path, clock: Clock | None = None) -> tuple[TestClient, str, str]:
    """A partner of the food bank signed in: the client, the form token, one of its services."""
    seed_directory(world, tmp_path)
    clock = clock or Clock()
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org", now=clock.now))
    own = services_of(world, FOOD_BANK)[0]
    return client, form_token(client.get(f"/partner/en/services/{own}").text), own


def _resource(world: World, resource_id: str) -> Resource:
    with session_factory(world.engine)() as session:
        return next(e.resource for e in directory.entries(session, world.org_id) if str(e.row.id) == resource_id)


def _audit(world: World, action: str | None = None) -> list[AuditEntry]:
    with session_factory(world.engine)() as session:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(session.execute(query).scalars())


def _error(page: str, field: str) -> str:
    """The message shown beside `field` (its id is the field's, as aria-describedby names it)."""
    found = re.search(rf'<p class="error" id="{re.escape(field)}-error">([^<]+)</p>', page)
    assert found, page
    return html.unescape(found.group(1))


def test_the_area_is_the_gazetteer_box_with_its_margin() -> None:
    box = gazetteer.area()
    for place in gazetteer.municipalities():
        assert gazetteer.in_area(place.latitude, place.longitude)
    assert not gazetteer.in_area(45.4642, 9.1900)  # Milan's Duomo: 25 km west of the area's edge
    assert gazetteer.in_area(box.south + 0.001, box.west + 0.001)
    assert not gazetteer.in_area(box.north + 0.001, 9.5)
    assert phones.is_valid("0377 123456") and not phones.is_valid("333 12")


def test_bad_input_is_named_beside_its_field_in_the_pages_language(world: World, tmp_path: Path) -> None:
    client, token, own = _signed_in(world, tmp_path)
    before = _resource(world, own)
    edits = len(_audit(world))
    base = f"/partner/it/services/{own}/edit"
    late = client.post(f"{base}/hours", data={"token": token, "d1-0-o": "12:00", "d1-0-c": "09:00"})
    assert late.status_code == 422
    assert _error(late.text, "d1-0") == "Lunedì, orario 1: chiude alle 09:00, prima di aprire alle 12:00."
    assert 'value="12:00"' in late.text  # what was typed is kept
    half = client.post(f"{base}/hours", data={"token": token, "d3-1-o": "9", "x0-date": "31/02/2026"})
    assert "Mercoledì, orario 2: indica sia l'ora di apertura sia quella di chiusura." == _error(half.text, "d3-1")
    assert _error(half.text, "x0") == "Eccezione 1: scrivi la data come 24/12/2026."
    odd = client.post(f"{base}/hours", data={"token": token, "x0-date": "2026-12-24", "x0-o": "18:00", "x0-c": "08:00"})
    assert _error(odd.text, "x0") == "Eccezione 1: chiude alle 08:00, prima di aprire alle 18:00."
    unknown = client.post(f"{base}/place", data={"token": token, "municipality": "Milano"})
    assert unknown.status_code == 422
    assert _error(unknown.text, "municipality") == "Comune: «Milano» non è uno dei comuni del territorio."
    far = client.post(
        f"/partner/fi/services/{own}/edit/place",
        data={"token": token, "municipality": "Codogno", "latitude": "45.4642", "longitude": "9.19"},
    )
    assert _error(far.text, "coordinates") == "Koordinaatit: tämä piste on hakemiston kattaman alueen ulkopuolella."
    one = client.post(
        f"/partner/en/services/{own}/edit/place", data={"token": token, "municipality": "Codogno", "latitude": "45.2"}
    )
    assert _error(one.text, "coordinates") == "Coordinates: give both the latitude and the longitude, or neither."
    phone = client.post(f"{base}/phones", data={"token": token, "p0-number": "333 12", "p0-kind": "voice"})
    assert phone.status_code == 422
    assert _error(phone.text, "p0-number").startswith("Telefono 1: non è un numero che si possa chiamare.")
    words = client.post(f"/partner/en/services/{own}/edit/phones", data={"token": token, "p0-number": "call us"})
    assert _error(words.text, "p0-number").startswith("Phone 1: this is not a number that can be dialled.")
    about = client.post(
        f"/partner/en/services/{own}/edit/about",
        data={"token": token, "email": "not an address", "url": "www.example.org", "eligibility": "x" * 20_001},
    )
    assert _error(about.text, "email") == "E-mail: not an e-mail address, such as info@example.org."
    assert _error(about.text, "url") == "Web site: write the whole address, starting with https://."
    assert _error(about.text, "eligibility") == "Who can use it: at most 20000 characters."
    assert 'aria-invalid="true" aria-describedby="email-error"' in about.text
    made_up = {"token": token, "pxyz-number": "1", "p0-number": "333 12", "x99999-date": "2026-01-01"}
    odd_names = client.post(f"{base}/phones", data=made_up)
    assert odd_names.status_code == 422 and odd_names.text.count('name="p') == 6  # p0 and one empty row, 3 fields each
    rows = client.post(f"{base}/hours", data={**made_up, "d1-0-o": "12", "d1-0-c": "9"})
    assert (
        rows.status_code == 422 and rows.text.count("-date") == editing.EXCEPTIONS_BLANK * 3
    )  # label, id, name: x99999 made none
    assert _resource(world, own) == before and len(_audit(world)) == edits  # nothing written


def test_another_providers_service_is_not_found_on_every_editing_route(world: World, tmp_path: Path) -> None:
    client, token, own = _signed_in(world, tmp_path)
    other_org = Organisation(id=uuid.uuid4(), name="Altra")
    with session_factory(world.engine).begin() as session:
        session.add(other_org)
    seed_directory(world, tmp_path, other_org.id)
    with session_factory(world.engine)() as session:
        elsewhere = [str(e.row.id) for e in directory.entries(session, other_org.id)]
    foreign = services_of(world, SHELTER) + elsewhere + [str(uuid.uuid4()), "not-an-id"]
    before = len(_audit(world))
    for resource_id in foreign:
        for section in (*SECTIONS, "nonsense"):
            path = f"/partner/en/services/{resource_id}/edit/{section}"
            assert client.get(path).status_code == 404, path
            posted = client.post(path, data={"token": token, "municipality": "Lodi", "d1-0-o": "9", "d1-0-c": "12"})
            assert posted.status_code == 404, path
    assert len(_audit(world)) == before
    for section in SECTIONS:
        assert client.get(f"/partner/en/services/{own}/edit/{section}").status_code == 200
    assert client.get(f"/partner/en/services/{own}/edit/nonsense").status_code == 404
    refused = client.post(f"/partner/en/services/{own}/edit/hours", data={"token": "0" * 32, "d1-0-o": "9"})
    assert refused.status_code == 403  # another site's post, without the page's token
    anonymous = browser(world, Clock())
    for resource_id in (own, foreign[0]):
        path = f"/partner/en/services/{resource_id}/edit/hours"
        assert anonymous.get(path).headers["location"] == "/partner/en/login"
        assert anonymous.post(path, data={"token": token}).headers["location"] == "/partner/en/login"


def test_saved_hours_reach_a_device_at_its_next_sync_with_an_audit_entry(world: World, tmp_path: Path) -> None:
    world.add_operator("anna", [world.team_a])
    device = world.enrol("anna")
    client, token, own = _signed_in(world, tmp_path, Clock(utc_now()))
    device.sync_all()  # the directory as it was
    form = client.get(f"/partner/en/services/{own}/edit/hours").text
    assert 'name="d1-0-o"' in form and 'name="d7-1-c"' in form and 'name="x1-date"' in form
    hours = {
        "token": token,
        **{f"d{day}-0-o": "09:00" for day in (1, 3, 5)},
        **{f"d{day}-0-c": "12:30" for day in (1, 3, 5)},
        "d3-1-o": "15:00",
        "d3-1-c": "18:00",
        "x0-date": "2026-12-24",
        "x1-date": "31/12/2026",
        "x1-o": "9.00",
        "x1-c": "11",
    }
    saved = client.post(f"/partner/en/services/{own}/edit/hours", data=hours)
    assert saved.status_code == 303 and saved.headers["location"] == f"/partner/en/services/{own}?saved=1"
    page = client.get(saved.headers["location"]).text
    assert "Saved and published" in page and "Wednesday: 09:00–12:30, 15:00–18:00" in page
    changes = [c for c in device.sync_all() if c["record"]["id"] == own]
    assert len(changes) == 1
    record = changes[0]["record"]
    assert [(h["weekday"], h["opens_at"], h["closes_at"]) for h in record["opening_hours"]] == [
        (1, "09:00:00", "12:30:00"),
        (3, "09:00:00", "12:30:00"),
        (3, "15:00:00", "18:00:00"),
        (5, "09:00:00", "12:30:00"),
    ]
    assert record["hours_exceptions"] == [
        {"date": "2026-12-24", "opens_at": None, "closes_at": None},
        {"date": "2026-12-31", "opens_at": "09:00:00", "closes_at": "11:00:00"},
    ]
    (entry,) = _audit(world, "partner.edit")
    assert entry.subject == f"resource:{own}" and entry.details["fields"] == ["opening_hours", "hours_exceptions"]
    assert entry.details["by"].startswith("partner:") and entry.details["section"] == "hours"
    again = client.post(f"/partner/en/services/{own}/edit/hours", data=hours)
    assert again.headers["location"].endswith("?saved=0") and len(_audit(world, "partner.edit")) == 1
    assert device.sync_all() == []  # nothing new


def test_the_place_phones_and_description_are_saved(world: World, tmp_path: Path) -> None:
    client, token, own = _signed_in(world, tmp_path)
    base = f"/partner/en/services/{own}/edit"
    place = {"token": token, "municipality": "sant'angelo lodigiano", "address": "Via Roma 1", "postal_code": "26866"}
    assert client.post(f"{base}/place", data={**place, "latitude": "45,2370", "longitude": "9.4070"}).status_code == 303
    phones_form = {"token": token, "p0-number": "0371 948100", "p0-kind": "voice", "p1-number": "", "p1-kind": "text"}
    assert client.post(f"{base}/phones", data={**phones_form, "p0-description": "mornings"}).status_code == 303
    about = {"token": token, "description": "Food parcels", "eligibility": "Families of the area", "lang-it": "on"}
    assert (
        client.post(f"{base}/about", data={**about, "lang-ar": "on", "url": "https://banco.example.org"}).status_code
        == 303
    )
    r = _resource(world, own)
    assert r.location.municipality == "Sant'Angelo Lodigiano"  # the gazetteer's spelling
    assert (r.location.address_1, r.location.postal_code, r.location.latitude) == ("Via Roma 1", "26866", 45.237)
    assert [(p.number, p.kind, p.description) for p in r.phones] == [("0371 948100", "voice", "mornings")]
    assert (r.description, r.eligibility, r.languages) == ("Food parcels", "Families of the area", ["it", "ar"])
    assert r.url == "https://banco.example.org" and r.organization_name == FOOD_BANK
    sections = [e.details["section"] for e in _audit(world, "partner.edit")]
    assert sections == ["place", "phones", "about"]
    shown = client.get(f"{base}/place").text
    assert 'value="45.23700"' in shown and 'value="Sant&#39;Angelo Lodigiano"' in shown
    assert client.post(f"{base}/phones", data={"token": token, "p0-number": ""}).status_code == 303
    assert _resource(world, own).phones == []


def test_an_import_keeps_the_partners_exceptions(world: World, tmp_path: Path) -> None:
    client, token, own = _signed_in(world, tmp_path)
    day = {"token": token, "x0-date": "2026-12-24"}
    assert client.post(f"/partner/en/services/{own}/edit/hours", data=day).status_code == 303
    seed_directory(world, tmp_path)  # the same file again: the entries are updated, not doubled
    assert [e.date for e in _resource(world, own).hours_exceptions] == [dt.date(2026, 12, 24)]


@pytest.mark.parametrize(
    "text, expected", [("9", (9, 0)), ("9.30", (9, 30)), ("09:30:00", (9, 30)), ("24:00", None), ("nine", None)]
)
def test_times_as_people_and_time_inputs_write_them(text: str, expected: tuple[int, int] | None) -> None:
    found = editing.parse_time(text)
    assert (found.hour, found.minute) == expected if expected else found is None


def test_a_held_change_waits_for_review_then_is_published_by_the_cli_path(world: World, tmp_path: Path) -> None:
    world.add_operator("anna", [world.team_a])
    device = world.enrol("anna")
    client, token, own = _signed_in(world, tmp_path, Clock(utc_now()))
    with session_factory(world.engine).begin() as session:
        provider = accounts.find_provider(session, world.org_id, FOOD_BANK)
        accounts.set_setting(session, world.org_id, provider, hold_for_review=True)
    device.sync_all()
    before = _resource(world, own)
    form = client.get(f"/partner/en/services/{own}/edit/hours").text
    assert "Save for review" in form
    hours = {"token": token, "d2-0-o": "10:00", "d2-0-c": "12:00"}
    held = client.post(f"/partner/en/services/{own}/edit/hours", data=hours)
    assert held.headers["location"] == f"/partner/en/services/{own}?saved=held"
    page = client.get(held.headers["location"]).text
    assert "Saved for review" in page and "Waiting for review" in page
    assert _resource(world, own) == before and device.sync_all() == []  # held: nothing published
    assert "waiting for review" in client.get(f"/partner/en/services/{own}/edit/hours").text
    replaced = client.post(f"/partner/en/services/{own}/edit/hours", data={**hours, "d2-0-c": "12:30"})
    assert replaced.headers["location"].endswith("?saved=held")
    phones_form = {"token": token, "p0-number": "0371 948100"}
    assert client.post(f"/partner/en/services/{own}/edit/phones", data=phones_form).status_code == 303
    with session_factory(world.engine)() as session:
        waiting = review.waiting(session, world.org_id)
    assert [(w.change.section, w.service) for w in waiting] == [
        ("hours", "Pacchi alimentari"),
        ("phones", "Pacchi alimentari"),
    ]
    with session_factory(world.engine).begin() as session:
        with pytest.raises(review.ReviewProblem, match="ID: no change waits"):
            review.decide(session, world.org_id, str(uuid.uuid4()), approve=True, by="cli")
        review.decide(session, world.org_id, str(waiting[0].change.id), approve=True, by="cli")
        review.decide(session, world.org_id, str(waiting[1].change.id), approve=False, by="cli")
    changes = [c for c in device.sync_all() if c["record"]["id"] == own]
    assert len(changes) == 1
    assert changes[0]["record"]["opening_hours"] == [{"weekday": 2, "opens_at": "10:00:00", "closes_at": "12:30:00"}]
    assert changes[0]["record"]["phones"] == []  # the rejected one never applied
    (approved,) = _audit(world, "partner.approve")
    assert approved.details["fields"] == ["opening_hours"] and approved.details["reviewed_by"] == "cli"
    assert len(_audit(world, "partner.hold")) == 3 and len(_audit(world, "partner.reject")) == 1
    assert "Waiting for review" not in client.get(f"/partner/en/services/{own}").text
    with session_factory(world.engine).begin() as session, pytest.raises(review.ReviewProblem):
        review.decide(session, world.org_id, str(waiting[0].change.id), approve=True, by="cli")


def test_partner_review_as_it_runs_it(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert run(db, "init").returncode == 0
    assert run(db, "org", "add", "Cooperativa Lodi").returncode == 0
    hsds.export_directory([_entry(FOOD_BANK, "Pacchi alimentari", "Codogno", None)], tmp_path / "directory.json")
    assert run(db, "directory", "import", str(tmp_path / "directory.json")).returncode == 0
    assert run(db, "partner", "set", FOOD_BANK, "--changes", "review").returncode == 0
    token = run(db, "partner", "invite", FOOD_BANK, "--email", "anna@example.org").stdout.rsplit("/", 1)[1].strip()
    engine = make_engine(db)
    try:
        with session_factory(engine).begin() as session:
            account = accounts.accept(session, token, "pane e latte ogni giorno", utc_now())
            (entry,) = accounts.own_entries(session, account)
            slot = OpeningHours(weekday=6, opens_at=dt.time(9), closes_at=dt.time(11))
            assert review.hold(session, account, entry, "hours", {"opening_hours": [slot]}, utc_now())
        listed = run(db, "partner", "review", "--list")
        assert listed.returncode == 0, listed.stderr
        change_id, _, provider, service, fields = listed.stdout.strip().split("\t")
        assert (provider, service, fields) == (FOOD_BANK, "Pacchi alimentari", "opening_hours")
        wrong = run(db, "partner", "review", "--approve", "nonsense")
        assert wrong.returncode == 2 and "ID: 'nonsense' is not a change id" in wrong.stderr
        approved = run(db, "partner", "review", "--approve", change_id)
        assert approved.returncode == 0 and "approved and published" in approved.stdout, approved.stderr
        assert run(db, "partner", "review", "--list").stdout == ""
        assert run(db, "partner", "review", "--reject", change_id).returncode == 2  # decided already
        with session_factory(engine)() as session:
            (after,) = directory.entries(session, entry.row.organisation_id)
        assert after.resource.opening_hours == [slot] and after.row.version > entry.row.version
    finally:
        engine.dispose()
