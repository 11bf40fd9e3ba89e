"""Issue 22 part 4: the public directory under /help/{lang}/services, on SQLite and PostgreSQL.

The shipped Lodi demo directory (protocol/resources/lodi/directory) is imported into the real
service; a real encrypted desktop store receives the very same stored bodies as a sync stores them
(`store_from_service`), and the service's keyword order must be the desktop's FTS5 order, query by
query, filters and distance included. Pages are read through the real app (Starlette's test
client): inactive and defunct services never appear, the SVG map pins exactly the listed services,
and bad input gets a 422 page naming the field in the page's language, never a 500.
"""

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.dates import format_date
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central import demo, directory
from central.app import create_app
from central.db import next_sequence, session_factory
from central.help import services
from central.help.headers import CSP
from central.models import Organisation, StoredRecord
from desktop.store import directory_queries
from desktop.store.profile import Profile
from desktop.store.worker import StoreWorker
from protocol import Resource, gazetteer
from protocol.clock import utc_now
from tests.help.pages import parse, same_origin

PASSPHRASE = "correct horse battery staple"
# Words a person types: category words in it/en/fi, places, organisations, prefixes, several
# words, accents and apostrophes, numbers, separators only, and nothing found.
QUERIES = [
    "casa",
    "casa lodi",
    "asunto",
    "housing",
    "Hätämajoitus",
    "sant'angelo",
    "Sant’Angelo",
    "serena",
    "ascolto",
    "centro di ascolto",
    "ca",
    "c",
    "lavoro giovani",
    "salute mentale",
    "mental",
    "ruoka",
    "cibo",
    "pacchi alimentari",
    "caritas",
    "consulenza legale",
    "donne",
    "famiglia lodi",
    "codogno",
    "0377",
    "+39 0377 013 858",
    "0377013858",
    "x-y",
    "-",
    "xyzzy",
    "a b c d e f g h i j",
]
HIDDEN = {"defunct": 0, "inactive": 1}  # status -> which "Sportello casa" gets it (see `_lodi`)


@dataclass
class Lodi:
    engine: Engine
    desktop: StoreWorker
    hidden: dict[str, Resource]  # status -> the service given it
    closed: Resource  # temporarily closed
    unplaced: Resource  # without coordinates


def _rewrite(engine: Engine, resource_id: uuid.UUID, **changes: object) -> Resource:
    """Change a stored service as an import would: a new body and a new change sequence."""
    with session_factory(engine).begin() as session:
        row = session.get(StoredRecord, resource_id)
        assert row is not None
        record = Resource.model_validate_json(row.body)
        data = {**record.model_dump(), **changes}
        if "location" in changes:
            data["location"] = {**record.location.model_dump(), **changes["location"]}  # type: ignore[dict-item]
        changed = Resource.model_validate(data)
        row.body, row.version = changed.model_dump_json(), next_sequence(session, "change_seq")
        return changed


@pytest.fixture()
def lodi(engine: Engine, tmp_path: Path) -> Iterator[Lodi]:
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name="Ufficio di Piano di Lodi")
        session.add(org)
        session.flush()
        directory.import_package(session, org.id, demo.shipped_directory())
    with session_factory(engine)() as session:
        rows = session.execute(select(StoredRecord.id, StoredRecord.body)).all()
    records = {rid: Resource.model_validate_json(body) for rid, body in rows}
    casa = sorted((r for r in records.values() if r.service_name == "Sportello casa"), key=lambda r: str(r.id))
    hidden = {status: _rewrite(engine, casa[n].id, status=status) for status, n in HIDDEN.items()}
    closed = _rewrite(engine, casa[2].id, status="temporarily closed")
    unplaced = _rewrite(engine, casa[3].id, location={"latitude": None, "longitude": None})
    with session_factory(engine)() as session:
        bodies = list(session.execute(select(StoredRecord.body)).scalars())
    profile = Profile.create(tmp_path / "profile", PASSPHRASE)
    worker = profile.open(PASSPHRASE)
    received = [Resource.model_validate_json(body) for body in bodies]
    worker.call(lambda s: s.resources.store_from_service(received, [(b, json.loads(b)) for b in bodies]))
    try:
        yield Lodi(engine, worker, hidden, closed, unplaced)
    finally:
        worker.close()


@pytest.fixture()
def client(lodi: Lodi) -> Iterator[TestClient]:
    with TestClient(create_app(lodi.engine)) as test_client:
        yield test_client


def _desktop(lodi: Lodi, text: str, **filters: object) -> list[str]:
    return [str(r.id) for r in lodi.desktop.call(lambda s: directory_queries.find_resources(s, text=text, **filters))]


def _service(lodi: Lodi, text: str, **filters: str) -> list[str]:
    index = services.PublicDirectory(session_factory(lodi.engine)).index()
    return [str(r.id) for r in index.search(text, **filters)]


def _listed(html: str) -> list[str]:
    return re.findall(r'<li data-id="([0-9a-f-]{36})"', html)


def _pinned(html: str) -> list[str]:
    return re.findall(r'<g class="pin" data-id="([0-9a-f-]{36})"', html)


def test_keyword_order_is_the_desktops_on_the_lodi_directory(lodi: Lodi) -> None:
    different = {}
    for query in QUERIES:
        desktop, service = _desktop(lodi, query), _service(lodi, query)
        if desktop != service:
            different[query] = (len(desktop), len(service))
    assert different == {}
    assert len(_desktop(lodi, "casa")) > 50  # the comparison is over real, long answers
    # Narrowed to a category or a municipality, as the Resources screen narrows it.
    for query, filters in (
        ("casa", {"municipality": "Codogno"}),
        ("sportello", {"category": "housing"}),
        ("", {"category": "food"}),
        ("", {"municipality": "Lodi"}),
        ("ascolto", {"category": "income", "municipality": "Lodi"}),
    ):
        assert _desktop(lodi, query, **filters) == _service(lodi, query, **filters), (query, filters)


def test_distance_order_is_the_desktops(lodi: Lodi, client: TestClient) -> None:
    codogno = gazetteer.find("Codogno")
    assert codogno is not None
    near = lodi.desktop.call(
        lambda s: directory_queries.find_resources_near(s, codogno.latitude, codogno.longitude, text="casa")
    )
    desktop = [str(n.resource.id) for n in near.found]
    pages = [client.get("/help/it/services", params={"q": "casa", "near": "codogno", "page": p}) for p in (1, 2, 3, 4)]
    assert all(page.status_code == 200 for page in pages)
    assert [rid for page in pages for rid in _listed(page.text)] == desktop
    assert "0,1 km da Codogno" in pages[0].text
    assert near.unplaced >= 1 and str(lodi.unplaced.id) in desktop[-near.unplaced :]  # no position: last


def test_the_pages_list_what_the_desktop_lists_twenty_at_a_time(lodi: Lodi, client: TestClient) -> None:
    for query in ("casa", "cibo lodi", "asunto"):
        desktop = _desktop(lodi, query)
        page = client.get("/help/fi/services", params={"q": query})
        assert page.status_code == 200
        assert _listed(page.text) == desktop[: services.PER_PAGE]
        assert f"Löytyi palveluja: {len(desktop)}" in page.text


def test_inactive_and_defunct_services_are_never_shown(lodi: Lodi, client: TestClient) -> None:
    hidden = {str(r.id) for r in lodi.hidden.values()}
    seen: set[str] = set()
    everything = client.get("/help/en/services", params={"q": ""})
    for number in range(1, 20):
        page = client.get("/help/en/services", params={"category": "", "page": number, "q": "sportello"})
        seen.update(_listed(page.text))
        page = client.get("/help/en/services", params={"municipality": "", "page": number, "near": "Lodi"})
        seen.update(_listed(page.text))
    assert "Services found: 298" in everything.text  # 300 in the package, 2 hidden
    assert seen and not seen & hidden
    for resource in lodi.hidden.values():
        assert client.get(f"/help/en/services/{resource.id}").status_code == 404
        assert str(resource.id) not in client.get("/help/en/services", params={"q": resource.service_name}).text
    assert client.get(f"/help/en/services/{uuid.uuid4()}").status_code == 404
    missing = client.get("/help/it/services/not-an-id")
    assert missing.status_code == 404 and "Pagina non trovata" in missing.text


def test_a_temporarily_closed_service_is_listed_with_its_badge(lodi: Lodi, client: TestClient) -> None:
    listed = client.get(
        "/help/it/services", params={"q": "sportello casa", "municipality": lodi.closed.location.municipality}
    )
    item = re.search(rf'<li data-id="{lodi.closed.id}">.*?</li>', listed.text, re.S)
    assert item is not None and "Chiuso temporaneamente" in item.group(0)
    page = client.get(f"/help/fi/services/{lodi.closed.id}")
    assert page.status_code == 200 and "Tilapäisesti suljettu" in page.text


def test_a_service_page_shows_address_hours_phones_languages_and_eligibility(lodi: Lodi, client: TestClient) -> None:
    resource = next(
        r
        for r in (Resource.model_validate_json(b) for b in _bodies(lodi.engine))
        if r.opening_hours and r.phones and r.languages and r.eligibility and r.status == "active"
    )
    page = client.get(f"/help/en/services/{resource.id}")
    assert page.status_code == 200
    text = page.text
    assert resource.service_name in text and resource.organization_name in text
    assert resource.location.address_1 and resource.location.address_1 in text
    assert all(phone.number in text for phone in resource.phones)
    assert "Opening hours" in text and re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday): ", text)
    assert "Italian" in text  # the languages, named in the page's language
    assert resource.eligibility.replace("'", "&#39;") in text
    assert page.headers["content-security-policy"] == CSP
    parsed = parse(text)
    assert all(same_origin(url) for url in parsed.fetched) and parsed.inline == []


def test_a_service_page_lists_the_coming_closing_days_and_other_hours(lodi: Lodi, client: TestClient) -> None:
    today = utc_now().date()
    days = [
        {"date": today + dt.timedelta(days=5)},
        {"date": today + dt.timedelta(days=9), "opens_at": dt.time(9), "closes_at": dt.time(12)},
        {"date": today - dt.timedelta(days=2)},  # gone by: not shown
    ]
    changed = _rewrite(lodi.engine, lodi.closed.id, hours_exceptions=days)
    page = client.get(f"/help/it/services/{changed.id}").text
    listed = re.search(r"<dt>Giorni di chiusura e altri orari</dt><dd><ul class=\"hours\">(.*?)</ul>", page, re.S)
    assert listed is not None
    items = re.findall(r"<li>(.*?)</li>", listed.group(1))
    assert [item.rsplit(": ", 1)[1] for item in items] == ["chiuso", "09:00–12:00"]
    assert format_date(today + dt.timedelta(days=5), "full", locale="it").capitalize() in items[0]
    assert "Closing days" not in client.get(f"/help/en/services/{lodi.unplaced.id}").text  # none: no row


def _bodies(engine: Engine) -> list[str]:
    with session_factory(engine)() as session:
        return list(session.execute(select(StoredRecord.body).where(StoredRecord.entity == "resource")).scalars())


@pytest.mark.parametrize(
    "params",
    [
        {"q": "casa"},
        {"q": "casa", "page": "3"},
        {"near": "Sant'Angelo Lodigiano"},
        {"near": "Lodi", "page": "2"},
        {"category": "housing", "near": "Codogno"},
        {"municipality": "Codogno"},
        {"q": "sportello casa"},  # holds the service without coordinates
    ],
)
def test_the_map_pins_exactly_the_services_of_the_list(lodi: Lodi, client: TestClient, params: dict[str, str]) -> None:
    page = client.get("/help/en/services", params=params)
    assert page.status_code == 200
    listed, pinned = _listed(page.text), _pinned(page.text)
    assert listed
    unplaced = {
        str(r.id)
        for r in (Resource.model_validate_json(b) for b in _bodies(lodi.engine))
        if r.location.latitude is None
    }
    assert str(lodi.unplaced.id) in unplaced
    placed = [rid for rid in listed if rid not in unplaced]
    assert sorted(pinned) == sorted(placed)
    numbers = re.findall(
        r'<g class="pin" data-id="[^"]+">(?:<line [^>]+/>)?<circle [^>]+/><text [^>]+>(\d+)</text>', page.text
    )
    first = int(re.search(r'<ol class="services" start="(\d+)"', page.text).group(1))  # type: ignore[union-attr]
    wanted = {str(first + i) for i, rid in enumerate(listed) if rid in placed}
    assert set(numbers) == wanted  # each pin carries its service's number in the list
    if len(placed) < len(listed):
        assert f"without a position, so not on the map: {len(listed) - len(placed)}." in page.text
    parsed = parse(page.text)
    assert all(same_origin(url) for url in parsed.fetched) and parsed.inline == []
    assert page.headers["content-security-policy"] == CSP


@pytest.mark.parametrize(
    ("language", "params", "messages"),
    [
        ("en", {"q": "x" * 201}, ["Search words: write at most 200 characters."]),
        ("it", {"category": "spaceships"}, ["Categoria: scegline una dall&#39;elenco."]),
        ("fi", {"municipality": "Atlantis"}, ["Kunta: tämä ei ole alueen kunta. Valitse kunta luettelosta."]),
        ("en", {"near": "Milano"}, ["Distance from: this is not a municipality of the area."]),
        ("it", {"page": "-1"}, ["Pagina: scrivi un numero intero da 1 in su."]),
        (
            "en",
            {"q": "é" * 500, "category": "<b>", "municipality": "\x00", "near": "'; DROP TABLE", "page": "9" * 40},
            ["Search words:", "Category:", "Municipality:", "Distance from:", "Page:"],
        ),
    ],
)
def test_bad_input_names_the_field_in_the_pages_language(
    client: TestClient, language: str, params: dict[str, str], messages: list[str]
) -> None:
    page = client.get(f"/help/{language}/services", params=params)
    assert page.status_code == 422
    assert all(message in page.text for message in messages), page.text
    assert 'class="summary"' in page.text and _listed(page.text) == []


def test_a_page_past_the_last_shows_the_last(client: TestClient) -> None:
    page = client.get("/help/en/services", params={"q": "casa", "page": "99"})
    assert page.status_code == 200 and "Page 4 of 4." in page.text and _listed(page.text)


def test_the_index_is_rebuilt_only_when_the_directory_changes(lodi: Lodi) -> None:
    public = services.PublicDirectory(session_factory(lodi.engine))
    first = public.index()
    assert public.index() is first and public.builds == 1
    _rewrite(lodi.engine, lodi.closed.id, status="active", service_name="Sportello casa e affitti")
    second = public.index()
    assert public.builds == 2 and second is not first
    found = second.search("affitti")
    assert lodi.closed.id in {r.id for r in found}
    assert second.get(lodi.closed.id) is not None and second.get(lodi.hidden["defunct"].id) is None


def test_the_home_page_links_the_directory(client: TestClient) -> None:
    for language in ("it", "en", "fi"):
        assert f'href="/help/{language}/services"' in client.get(f"/help/{language}/").text
