"""HSDS JSON: the Page of compiled services, lossless round trip, other publishers' shapes,
errors naming file, JSON path and rule."""

import copy
import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.hsds import HsdsError, export_json, import_json
from protocol.taxonomy import CATEGORIES
from tests.protocol.hsds_samples import assert_lossless, live, resource, sample


def write(path: Path, document: Any, *, bom: bool = False) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8-sig" if bom else "utf-8")
    return path


# --- export and round trip -------------------------------------------------------------------------


def test_round_trip_keeps_every_content_field(tmp_path: Path) -> None:
    resources = sample()
    export_json(resources, tmp_path / "directory.json")
    imported = import_json(tmp_path / "directory.json")

    entries = assert_lossless(resources, imported)
    klinikka, perugia, foligno, spoleto = (entries[item.id] for item in live(resources)[2:])
    assert [klinikka[key] for key in ("hsds_organization_id", "hsds_service_id", "hsds_location_id")] == [
        "org-ksshva",
        "svc-paihde",
        "loc-jkl-1",
    ]
    assert perugia["hsds_service_id"] == foligno["hsds_service_id"] == "svc-strada"
    assert foligno["phones"] == [] and perugia["opening_hours"][0]["closes_at"] == dt.time(23, 59)
    assert spoleto["hsds_service_id"] != "svc-strada" and spoleto["location"]["latitude"] == 1e-05

    # Exporting what was imported gives the same file: ids are stable, nothing drifts.
    export_json([resource(**entry) for entry in imported], tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == (tmp_path / "directory.json").read_text(
        encoding="utf-8"
    )


def test_export_is_a_page_of_compiled_services(tmp_path: Path) -> None:
    counts = export_json(sample(), tmp_path / "out" / "directory.json")  # the folder is created
    document = json.loads((tmp_path / "out" / "directory.json").read_text(encoding="utf-8"))

    assert {
        key: document[key]
        for key in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
    } == {
        "total_items": 5,
        "total_pages": 1,
        "page_number": 1,
        "size": 5,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert counts == {"organization": 3, "service": 5, "service_at_location": 6}
    services = {service["name"] + "/" + service["id"]: service for service in document["contents"]}
    assert "Sportello chiuso" not in json.dumps(document)  # deleted entries are never written

    strada = services["Unità di strada/svc-strada"]
    assert strada["organization"] == {"id": "org-strada", "name": "Cooperativa Strada", "description": ""}
    assert [sal["location"]["addresses"][0]["city"] for sal in strada["service_at_locations"]] == ["Perugia", "Foligno"]
    perugia = strada["service_at_locations"][0]
    assert perugia["location_id"] == perugia["location"]["id"] == "loc-pg"
    assert perugia["schedules"][0] | {"id": "", "service_at_location_id": ""} == {
        "id": "",
        "service_at_location_id": "",
        "freq": "WEEKLY",
        "byday": "FR",
        "opens_at": "20:00",
        "closes_at": "23:59",
    }
    assert perugia["phones"][0]["type"] == "voice" and perugia["location"]["location_type"] == "physical"

    mensa = next(service for service in document["contents"] if service["name"] == "Mensa solidale")
    assert mensa["assured_date"] == "2026-04-02" and mensa["status"] == "active"
    assert mensa["eligibility_description"] == "Tutti, senza documenti"
    assert [language["code"] for language in mensa["languages"]] == ["it", "en"]
    terms = [attribute["taxonomy_term"] for attribute in mensa["attributes"]]
    assert terms[0] == {
        "id": CATEGORIES["food"].term_id("en"),
        "code": "food",
        "name": "Food",
        "description": "Prossimo service categories: Food (food)",
        "taxonomy": "prossimo-categories",
        "taxonomy_id": "prossimo-categories",
        "language": "en",
    }
    assert [(term["taxonomy"], term["code"]) for term in terms[1:]] == [
        ("prossimo-keywords", "pasti"),
        ("prossimo-keywords", "senza-documenti"),
    ]
    assert all(
        attribute["link_id"] == mensa["id"] and attribute["link_entity"] == "service"
        for attribute in mensa["attributes"]
    )
    hours = mensa["service_at_locations"][0]["schedules"]
    assert [hour["opens_at"] for hour in hours] == ["12:00", "12:00", "11:45:30"]
    dormitorio = next(service for service in document["contents"] if service["name"] == "Dormitorio")
    assert "latitude" not in dormitorio["service_at_locations"][0]["location"]  # absent, not null
    assert "description" not in dormitorio


def test_an_empty_directory_is_an_empty_page(tmp_path: Path) -> None:
    export_json([], tmp_path / "empty.json")
    document = json.loads((tmp_path / "empty.json").read_text(encoding="utf-8"))
    assert document["empty"] is True and document["contents"] == []
    assert import_json(tmp_path / "empty.json") == []


def test_export_never_overwrites_a_file(tmp_path: Path) -> None:
    target = tmp_path / "directory.json"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(HsdsError, match="already exists"):
        export_json(sample(), target)
    assert target.read_text(encoding="utf-8") == "mine"


# --- other publishers' shapes ----------------------------------------------------------------------


def minimal() -> dict[str, Any]:
    """One service at one location, as another HSDS 3 publisher might write it."""
    return {
        "id": "s1",
        "name": "Sportello casa",
        "status": "active",
        "assured_date": "2026-03-01",
        "organization": {"id": "o1", "name": "Comune di Lodi", "description": "Ente locale"},
        "service_at_locations": [
            {
                "id": "sl1",
                "location": {
                    "id": "l1",
                    "location_type": "physical",
                    "latitude": 45.31,
                    "longitude": 9.5,
                    "addresses": [
                        {
                            "id": "a1",
                            "address_1": "Piazza Broletto 1",
                            "city": "Lodi",
                            "country": "it",
                            "address_type": "physical",
                        }
                    ],
                },
                "schedules": [
                    {
                        "id": "h1",
                        "freq": "WEEKLY",
                        "interval": 1,
                        "byday": "MO,WE",
                        "opens_at": "09:00",
                        "closes_at": "12:30:00",
                    }
                ],
            }
        ],
    }


def page(*services: dict[str, Any]) -> dict[str, Any]:
    return {"total_items": len(services), "empty": not services, "contents": list(services)}


def test_a_hand_written_service_imports(tmp_path: Path) -> None:
    (entry,) = import_json(write(tmp_path / "x.json", page(minimal())))
    assert entry == {
        "organization_name": "Comune di Lodi",
        "service_name": "Sportello casa",
        "description": None,
        "location": {
            "name": None,
            "address_1": "Piazza Broletto 1",
            "postal_code": None,
            "municipality": "Lodi",
            "region": None,
            "country": "IT",
            "latitude": 45.31,
            "longitude": 9.5,
        },
        "categories": ["other"],
        "keywords": [],
        "phones": [],
        "email": None,
        "url": None,
        "opening_hours": [
            {"weekday": 1, "opens_at": dt.time(9), "closes_at": dt.time(12, 30)},
            {"weekday": 3, "opens_at": dt.time(9), "closes_at": dt.time(12, 30)},
        ],
        "hours_exceptions": [],  # the files carry none (protocol.entities.OpeningException)
        "eligibility": None,
        "languages": [],
        "last_verified_on": dt.date(2026, 3, 1),
        "status": "active",
        "hsds_organization_id": "o1",
        "hsds_service_id": "s1",
        "hsds_location_id": "l1",
    }


def test_a_bom_a_plain_list_one_service_and_unknown_properties_all_import(tmp_path: Path) -> None:
    service = minimal()
    service["fees_description"] = "Gratuito"  # HSDS has it; we do not read it
    service["x_our_own"] = {"anything": [1, 2]}  # nobody defined it: ignored, never a crash
    service["service_at_locations"][0]["location"]["accessibility"] = [{"id": "ac1", "description": "Rampa"}]
    for name, document in (("page.json", page(service)), ("list.json", [service]), ("one.json", service)):
        (entry,) = import_json(write(tmp_path / name, document, bom=True))
        assert entry["service_name"] == "Sportello casa", name


def test_details_hang_from_the_most_specific_level(tmp_path: Path) -> None:
    serd = minimal()
    serd["service_at_locations"][0]["schedules"] = []
    serd["phones"] = [
        {"id": "p1", "number": "0371 111 111", "type": "cell"},
        {"id": "p9", "number": "0371 999 999", "location_id": "elsewhere"},
    ]
    location = serd["service_at_locations"][0]["location"]
    location["schedules"] = [{"id": "h2", "byday": "TU", "opens_at": "08:00", "closes_at": "18:00"}]
    location["languages"] = [{"id": "la1", "code": "it"}, {"id": "la2", "code": "it"}, {"id": "la3", "code": "en"}]
    location["addresses"].insert(0, {"id": "a0", "city": "Milano", "address_type": "postal"})
    serd["attributes"] = [
        {"id": "at1", "taxonomy_term_id": CATEGORIES["addiction"].term_id("fi")},  # ours, by id alone
        {"id": "at2", "taxonomy_term": {"id": "t2", "code": "HEALTH", "taxonomy": "open-eligibility"}},
        {"id": "at3", "taxonomy_term": {"id": "t3", "code": "BD-1800", "taxonomy": "open-eligibility"}},
        {"id": "at4", "taxonomy_term_id": "somebody-elses-term"},
        {"id": "at5", "taxonomy_term": {"id": "t5", "code": "ambulatorio", "taxonomy": "prossimo-keywords"}},
        {"id": "at6", "link_entity": "location", "taxonomy_term_id": CATEGORIES["food"].term_id("en")},
    ]
    closed = {**minimal(), "id": "s2", "name": "Vecchio sportello", "status": "defunct"}
    # Issue 15 item 7: a defunct service is kept, with its status, not left out.
    entry, defunct = import_json(write(tmp_path / "x.json", page(serd, closed)))
    assert (defunct["service_name"], defunct["status"], entry["status"]) == ("Vecchio sportello", "defunct", "active")
    assert entry["phones"] == [{"number": "0371 111 111", "kind": "voice", "description": None}]
    assert entry["opening_hours"] == [{"weekday": 2, "opens_at": dt.time(8), "closes_at": dt.time(18)}]
    assert entry["languages"] == ["it", "en"]
    assert entry["categories"] == ["addiction", "health"] and entry["keywords"] == ["ambulatorio"]
    assert entry["location"]["municipality"] == "Lodi"  # the physical address, not the postal one


# --- refusals: file, JSON path and rule named, nothing returned --------------------------------------


def refused(path: Path) -> str:
    result = None
    with pytest.raises(HsdsError) as caught:
        result = import_json(path)
    assert result is None
    return str(caught.value)


SAL = "contents[0].service_at_locations[0]"


def changed(edit: Any) -> dict[str, Any]:
    service = copy.deepcopy(minimal())
    edit(service)
    return page(service)


def sal(service: dict[str, Any]) -> dict[str, Any]:
    return service["service_at_locations"][0]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda s: sal(s).update(phones=[{"id": "p1", "number": "call me"}]),
            f"x.json: {SAL}.phones[0].number: String should match pattern",
        ),
        (
            lambda s: sal(s).update(phones=[{"id": "p1", "number": "0371 409 111", "type": "pager"}]),
            f"x.json: {SAL}.phones[0].type: Input should be",
        ),
        (
            lambda s: sal(s).update(phones=[{"id": "p1", "number": 371409111}]),
            f"x.json: {SAL}.phones[0].number: must be text",
        ),
        (lambda s: sal(s).update(phones={"id": "p1"}), f"x.json: {SAL}.phones: must be a list"),
        (lambda s: sal(s)["location"].update(latitude="north"), f"x.json: {SAL}.location.latitude: must be a number"),
        (lambda s: sal(s)["location"].update(latitude=True), f"x.json: {SAL}.location.latitude: must be a number"),
        (
            lambda s: sal(s)["location"].update(latitude=95),
            f"x.json: {SAL}.location.latitude: Input should be less than or equal to 90",
        ),
        (
            lambda s: sal(s)["location"].pop("longitude"),
            f"x.json: {SAL}.location.latitude: latitude and longitude go together",
        ),
        (
            lambda s: sal(s)["schedules"][0].update(opens_at="13:00"),
            f"x.json: {SAL}.schedules[0].closes_at: must be later than opens_at",
        ),
        (
            lambda s: sal(s)["schedules"][0].update(opens_at="09:00Z"),
            f"x.json: {SAL}.schedules[0].opens_at: must be a local time",
        ),
        (
            lambda s: sal(s)["schedules"][0].update(byday="MO,XX"),
            f"x.json: {SAL}.schedules[0].byday: must be days of the week",
        ),
        (
            lambda s: sal(s)["schedules"][0].update(freq="MONTHLY", byday="1MO"),
            f"x.json: {SAL}.schedules[0].freq: only weekly",
        ),
        (
            lambda s: sal(s)["schedules"][0].update(interval=2),
            f"x.json: {SAL}.schedules[0].interval: only opening hours that repeat every week",
        ),
        (lambda s: s.update(assured_date="01/03/2026"), "x.json: contents[0].assured_date: must be a date"),
        (lambda s: s.update(name=""), "x.json: contents[0].name: String should have at least 1 character"),
        (lambda s: s.update(name=12), "x.json: contents[0].name: must be text"),
        (lambda s: s.update(status="paused"), "x.json: contents[0].status: must be active"),
        (lambda s: s.update(email="nobody"), "x.json: contents[0].email: String should match pattern"),
        (lambda s: s.pop("organization"), "x.json: contents[0].organization: required"),
        (lambda s: s.pop("id"), "x.json: contents[0].id: required"),
        (
            lambda s: s.update(service_at_locations=[]),
            "x.json: contents[0].service_at_locations: this service is offered at no location",
        ),
        (lambda s: sal(s).pop("location"), f"x.json: {SAL}.location: required"),
        (lambda s: sal(s)["location"].update(addresses=[]), f"x.json: {SAL}.location.addresses: required"),
        (
            lambda s: sal(s)["location"]["addresses"][0].update(city=""),
            f"x.json: {SAL}.location.addresses[0].city: String should have at least 1 character",
        ),
        (
            lambda s: sal(s)["location"]["addresses"][0].update(country="ITA"),
            f"x.json: {SAL}.location.addresses[0].country: String should match pattern",
        ),
        (
            lambda s: s.update(languages=[{"id": "la1", "code": "Italian"}]),
            "x.json: contents[0].languages[0].code: String should match pattern",
        ),
        (
            lambda s: s.update(
                attributes=[
                    {"id": "at1", "taxonomy_term": {"id": "t1", "code": "due, parole", "taxonomy": "prossimo-keywords"}}
                ]
            ),
            "x.json: contents[0].attributes[0].taxonomy_term.code: String should match pattern",
        ),
        (
            lambda s: sal(s).update(phones=[{"number": f"0371 409 1{n:02}"} for n in range(11)]),
            f"x.json: {SAL}.phones: List should have at most 10 items",
        ),
    ],
)
def test_bad_values_name_file_path_and_rule(tmp_path: Path, edit: Any, message: str) -> None:
    assert message in refused(write(tmp_path / "x.json", changed(edit)))


def test_one_bad_service_refuses_the_whole_file_and_every_problem_is_listed(tmp_path: Path) -> None:
    good = minimal()
    twin = {**minimal(), "name": "Doppione"}  # same id
    broken = copy.deepcopy(minimal())
    broken["id"] = "s3"
    broken["service_at_locations"][0]["phones"] = [{"number": "call me"}]
    message = refused(write(tmp_path / "x.json", page(good, twin, broken, "not a service")))
    lines = message.splitlines()
    assert "x.json: contents[1].id: already used by contents[0]" in lines
    assert (
        "x.json: contents[2].service_at_locations[0].phones[0].number: String should match pattern "
        "'^\\+?[0-9 ()./-]+$'" in lines
    )
    assert "x.json: contents[3]: must be an object" in lines
    assert len(lines) == 3


def test_the_same_service_twice_at_one_location_is_refused(tmp_path: Path) -> None:
    service = minimal()
    service["service_at_locations"].append(copy.deepcopy(service["service_at_locations"][0]))
    message = refused(write(tmp_path / "x.json", [service]))
    assert (
        "x.json: [0].service_at_locations[1].location.id: this service is already here at "
        "[0].service_at_locations[0]" in message
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"contents": [', "x.json line 1 column 15: not valid JSON"),
        ('{"contents": []}'.encode("utf-16"), "x.json: not UTF-8"),
        (b'"just text"', "x.json: must hold HSDS services"),
        (b'{"contents": {"id": "s1"}}', "x.json: contents: must be a list"),
    ],
)
def test_a_file_that_is_not_hsds_json_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "x.json").write_bytes(content)
    assert message in refused(tmp_path / "x.json")


def test_errors_never_echo_the_rejected_value(tmp_path: Path) -> None:
    message = refused(
        write(tmp_path / "x.json", changed(lambda s: sal(s).update(phones=[{"number": "Mario Rossi 3331234"}])))
    )
    assert f"{SAL}.phones[0].number:" in message and not re.search("Mario|3331234", message)


# --- whatever a file holds, the answer is entries or HsdsError ---------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    found = [path]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        found += places(child, (*path, key))
    return found


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_value_anywhere_gives_entries_or_a_refusal_never_a_crash(data: st.DataObject) -> None:
    document = page(minimal())
    service = document["contents"][0]
    service["phones"] = [{"id": "p1", "number": "0371 111 111"}]
    service["languages"] = [{"id": "la1", "code": "it"}]
    service["attributes"] = [
        {"id": "at1", "taxonomy_term": {"id": "t1", "code": "food", "taxonomy": "prossimo-categories"}}
    ]
    path = data.draw(st.sampled_from(places(document)[1:]))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = data.draw(JSON_VALUES)
    with tempfile.TemporaryDirectory() as folder:
        target = write(Path(folder) / "x.json", document)
        try:
            entries = import_json(target)
        except HsdsError as exc:
            assert str(exc).startswith("x.json")
        else:
            assert all(entry["hsds_service_id"] for entry in entries)
