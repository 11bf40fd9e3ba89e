"""The Lodi-area demo dataset: the gazetteer's 61 municipalities, the generator of fictional
services, the HSDS package shipped in protocol/resources/lodi/directory, and the central demo
that imports it."""

import collections
import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from central import demo
from central.db import make_engine, session_factory, upgrade
from central.models import AuditEntry, StoredRecord
from protocol import Resource, demo_data, gazetteer, hsds, new_id
from protocol.directory import distance_km, is_stale
from protocol.taxonomy import CATEGORIES

PACKAGE = Path(__file__).resolve().parents[2] / "protocol" / "resources" / "lodi" / "directory"
FIRST_ELEVEN = (
    "housing",
    "work",
    "food",
    "care",
    "training",
    "health",
    "addiction",
    "legal",
    "family",
    "women",
    "youth",
)
LARGER_TOWNS = ("Lodi", "Codogno", "Casalpusterlengo", "Sant'Angelo Lodigiano")
# Seats checked by hand against public gazetteers (two of them were once 2 km off in the CSV).
SEATS = {
    "Lodi": (45.3144, 9.5037),
    "Codogno": (45.1600, 9.7032),
    "Caselle Lurani": (45.2814, 9.3606),
    "Terranova dei Passerini": (45.1995, 9.6760),
    "Maccastorna": (45.1475, 9.8556),
}
LANDLINE = re.compile(r"\+39 037[17] 0\d\d \d{3}")
MOBILE = re.compile(r"\+39 3\d\d 000 0\d{3}")
FREEPHONE = re.compile(r"\+39 800 0\d\d \d{3}")


def _record(fields: dict) -> Resource:
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    return Resource(id=new_id(), created_at=now, updated_at=now, author_device_id=uuid.uuid4(), **fields)


@pytest.fixture(scope="module")
def shipped_size() -> list[dict]:
    return list(demo_data.resources(demo_data.DIRECTORY_SIZE, seed=demo_data.DIRECTORY_SEED))


# --- the gazetteer -------------------------------------------------------------------------


def test_the_gazetteer_lists_the_61_municipalities_in_istat_order() -> None:
    places = gazetteer.municipalities()
    assert [place.istat_code for place in places] == [f"0980{number:02d}" for number in range(1, 62)]
    assert [place.name for place in places] == sorted((place.name for place in places), key=str.casefold)
    assert gazetteer.find("camairago") and gazetteer.find("CAVACURTA") and gazetteer.find("Castelgerundo") is None
    assert gazetteer.find("sant’angelo lodigiano").istat_code == "098050"
    # All in the Lodi area, all in different places.
    assert all(45.05 < p.latitude < 45.46 and 9.30 < p.longitude < 9.90 for p in places)
    assert (
        min(distance_km(a.latitude, a.longitude, b.latitude, b.longitude) for a in places for b in places if a is not b)
        > 1.0
    )


@pytest.mark.parametrize("name", sorted(SEATS))
def test_seats_are_where_public_gazetteers_put_them(name: str) -> None:
    place = gazetteer.find(name)
    assert distance_km(place.latitude, place.longitude, *SEATS[name]) < 1.0


# --- the generator ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_services_and_another_seed_others() -> None:
    assert list(demo_data.resources(40, seed=5)) == list(demo_data.resources(40, seed=5))
    assert list(demo_data.resources(40, seed=5)) != list(demo_data.resources(40, seed=6))
    # A longer run starts with the shorter one: `prossimo demo` shows the start of the shipped directory.
    assert list(demo_data.resources(10)) == list(demo_data.resources(60))[:10]


def test_thousands_of_services_all_validate_with_unique_names_and_ids() -> None:
    many = list(demo_data.resources(2_000, seed=11))
    records = [_record(fields) for fields in many]  # raises if one is invalid
    assert len(records) == 2_000
    assert len({(r.service_name, r.location.municipality) for r in records}) == 2_000
    assert len({r.hsds_service_id for r in records}) == len({r.hsds_location_id for r in records}) == 2_000
    assert any(r.service_name.endswith("sede 2") for r in records)
    by_id = collections.defaultdict(set)
    for record in records:
        by_id[record.hsds_organization_id].add(record.organization_name)
    assert all(len(names) == 1 for names in by_id.values())  # one organisation, one id


def test_services_cover_every_municipality_and_category(shipped_size: list[dict]) -> None:
    records = [_record(fields) for fields in shipped_size]
    towns = collections.Counter(r.location.municipality for r in records)
    assert set(towns) == {place.name for place in gazetteer.municipalities()}
    assert towns.most_common(1)[0][0] == "Lodi"
    assert all(towns[town] >= 10 for town in LARGER_TOWNS) and sorted(towns.values())[len(towns) // 2] <= 4
    categories = collections.Counter(c for r in records for c in r.categories)
    assert set(categories) == set(CATEGORIES)
    assert all(categories[code] >= 15 for code in FIRST_ELEVEN)
    assert (
        min(categories[code] for code in FIRST_ELEVEN)
        >= max(categories[code] for code in CATEGORIES if code not in FIRST_ELEVEN) / 2
    )
    for code in ("women", "youth"):
        assert len({r.service_name.split(" – ")[0] for r in records if code in r.categories}) >= 5


def test_services_sit_near_their_seat_and_look_like_local_services(shipped_size: list[dict]) -> None:
    records = [_record(fields) for fields in shipped_size]
    for r in records:
        place = gazetteer.find(r.location.municipality)
        if r.location.latitude is None:  # a refuge: no public address at all
            assert r.location.address_1 is None and "women" in r.categories
            continue
        assert distance_km(place.latitude, place.longitude, r.location.latitude, r.location.longitude) < 0.6
        assert re.fullmatch(r"(Via|Viale|Corso|Piazza) .+ \d{1,3}", r.location.address_1)
        assert re.fullmatch(r"26(8\d\d|900)", r.location.postal_code)
        assert (r.location.region, r.location.country) == ("Lombardia", "IT")
        assert r.languages[0] == "it" and len(set(r.languages)) == len(r.languages)
    phones = [phone for r in records for phone in r.phones]
    assert all(
        LANDLINE.fullmatch(p.number) or MOBILE.fullmatch(p.number) or FREEPHONE.fullmatch(p.number) for p in phones
    )
    assert {p.kind for p in phones} == {"voice", "text", "hotline"}
    assert any(p.number.startswith("+39 0371") for p in phones) and any(p.number.startswith("+39 0377") for p in phones)
    assert all(r.email.endswith(".example.org") for r in records if r.email)
    assert all(re.match(r"https://[a-z0-9-]+\.example\.org/", r.url) for r in records if r.url)
    # Opening hours come in several shapes: closed days, split days, around the clock, none at all.
    days = [collections.Counter(slot.weekday for slot in r.opening_hours) for r in records]
    assert any(not d for d in days) and any(2 in d.values() for d in days) and any(len(d) == 7 for d in days)
    assert any(len(d) < 5 for d in days if d)
    assert any(
        slot.opens_at == dt.time(0) and slot.closes_at == dt.time(23, 59) for r in records for slot in r.opening_hours
    )


def test_some_services_are_stale_on_the_demo_day_and_more_as_time_passes(shipped_size: list[dict]) -> None:
    verified = [fields["last_verified_on"] for fields in shipped_size]
    day = demo_data.VERIFIED_AS_OF
    old = sum(1 for date in verified if date is not None and is_stale(date, day))
    never = verified.count(None)
    assert 0.10 <= old / len(verified) <= 0.15 and 0 < never <= 0.05 * len(verified)
    later = sum(1 for date in verified if is_stale(date, day + dt.timedelta(days=200)))
    assert later > old + never
    assert all(date is None or date <= day for date in verified)


def test_contacts_mostly_live_in_the_lodi_area() -> None:
    homes = [fields["municipality"] for fields in demo_data.contacts(500)]
    known = [home for home in homes if gazetteer.find(home)]
    assert 0.8 <= len(known) / len(homes) < 1
    assert {"Lodi", "Sant'Angelo Lodigiano"} <= set(known) and "Jyväskylä" in demo_data.MUNICIPALITIES
    assert set(homes) <= set(demo_data.MUNICIPALITIES)


# --- the shipped package --------------------------------------------------------------------


def test_the_shipped_package_is_what_the_generator_makes(shipped_size: list[dict]) -> None:
    """If this fails after a change to the generator: run scripts/generate_lodi_directory.py."""
    shipped = {entry["hsds_service_id"]: entry for entry in hsds.import_package(PACKAGE)}
    generated = {fields["hsds_service_id"]: _record(fields).content() for fields in shipped_size}
    assert len(shipped) == len(generated) == demo_data.DIRECTORY_SIZE
    assert shipped.keys() == generated.keys()
    for service_id, fields in generated.items():
        for name, value in fields.items():
            assert shipped[service_id][name] == value, f"{fields['service_name']}: {name}"
    assert demo.shipped_directory().resolve() == PACKAGE


def test_the_central_demo_imports_the_shipped_directory(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    upgrade(engine)
    try:
        with session_factory(engine).begin() as session:
            summary = demo.create(session, contacts_per_team=3)
        with session_factory(engine)() as session:
            stored = session.execute(select(StoredRecord).where(StoredRecord.entity == "resource")).scalars().all()
            actions = session.execute(select(AuditEntry.action)).scalars().all()
            contacts = session.execute(select(StoredRecord).where(StoredRecord.entity == "contact")).scalars().all()
    finally:
        engine.dispose()
    assert summary["directory"] == len(stored) == demo_data.DIRECTORY_SIZE
    assert summary["records"] > demo_data.DIRECTORY_SIZE + len(contacts)
    resources = [Resource.model_validate_json(row.body) for row in stored]
    assert {r.hsds_service_id for r in resources} == {
        fields["hsds_service_id"] for fields in demo_data.resources(demo_data.DIRECTORY_SIZE)
    }
    assert all(row.team_id is None and row.version >= 1 for row in stored)  # the whole organisation's, synced
    assert actions.count("directory.import") == 1 and actions.index("demo.create") < actions.index("directory.import")
    assert len(contacts) == 6
