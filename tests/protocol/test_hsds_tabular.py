"""HSDS tabular data packages: lossless round trip, taxonomy terms in three languages, hand-written
packages, errors naming file, row and column."""

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from protocol import Resource
from protocol.hsds import HsdsError, export_package, import_package
from protocol.taxonomy import CATEGORIES
from tests.protocol.hsds_samples import assert_lossless, live, metadata, resource, sample


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- export and round trip -------------------------------------------------------------------------


def test_round_trip_keeps_every_content_field(tmp_path: Path) -> None:
    resources = sample()
    export_package(resources, tmp_path / "pkg")
    imported = import_package(tmp_path / "pkg")

    entries = assert_lossless(resources, imported)
    caritas, dormitorio, klinikka, perugia, foligno, spoleto = (entries[item.id] for item in live(resources))
    assert caritas["hsds_organization_id"] == dormitorio["hsds_organization_id"]  # shared by name
    assert caritas["hsds_service_id"] != dormitorio["hsds_service_id"]
    assert [klinikka[key] for key in ("hsds_organization_id", "hsds_service_id", "hsds_location_id")] == [
        "org-ksshva",
        "svc-paihde",
        "loc-jkl-1",
    ]  # given ids are kept
    assert perugia["hsds_service_id"] == foligno["hsds_service_id"] == "svc-strada"
    assert foligno["phones"] == [] and foligno["opening_hours"] == []  # Perugia's stay in Perugia
    # Spoleto claimed svc-strada with another description: written as a service of its own, not merged.
    assert spoleto["hsds_service_id"] != "svc-strada" and spoleto["hsds_location_id"] == "loc-sp"
    assert spoleto["description"] == "Solo il giovedì sera." and perugia["description"] is None

    # Exporting what was imported gives the same files: ids are stable, nothing drifts.
    export_package([resource(**entry) for entry in imported], tmp_path / "again")
    for table in (
        "organization",
        "service",
        "location",
        "address",
        "service_at_location",
        "phone",
        "schedule",
        "taxonomy",
        "taxonomy_term",
        "attribute",
        "language",
    ):
        assert (tmp_path / "again" / f"{table}.csv").read_text(encoding="utf-8") == (
            tmp_path / "pkg" / f"{table}.csv"
        ).read_text(encoding="utf-8"), table


def test_export_writes_a_described_package_without_deleted_records(tmp_path: Path) -> None:
    counts = export_package(sample(), tmp_path / "new" / "pkg")  # the folder is created
    package = tmp_path / "new" / "pkg"

    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "prossimo-directory" and descriptor["profile"] == "tabular-data-package"
    names = {item["name"] for item in descriptor["resources"]}
    assert {
        "organization",
        "service",
        "location",
        "address",
        "phone",
        "schedule",
        "service_at_location",
        "taxonomy_term",
        "attribute",
    } <= names
    for item in descriptor["resources"]:
        assert item["profile"] == "tabular-data-resource" and item["path"] == f"{item['name']}.csv"
        with (package / item["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [field["name"] for field in item["schema"]["fields"]] == header
        assert counts[item["name"]] == len(read_csv(package / item["path"]))
    location_types = {f["name"]: f["type"] for f in descriptor["resources"][2]["schema"]["fields"]}
    assert location_types["latitude"] == "number"

    organizations = [row["name"] for row in read_csv(package / "organization.csv")]
    assert sorted(organizations) == ["Caritas diocesana", "Cooperativa Strada", "Keski-Suomen hyvinvointialue"]
    assert "Sportello chiuso" not in (package / "service.csv").read_text(encoding="utf-8")
    assert counts["service"] == 5 and counts["service_at_location"] == 6 and counts["location"] == 6

    schedule = read_csv(package / "schedule.csv")
    assert {"freq": "WEEKLY", "byday": "MO", "opens_at": "12:00", "closes_at": "14:30"}.items() <= schedule[0].items()
    assert schedule[2]["opens_at"] == "11:45:30"  # seconds only when there are some
    terms = read_csv(package / "taxonomy_term.csv")
    keywords = [row["code"] for row in terms if row["taxonomy"] == "prossimo-keywords"]
    assert sorted(keywords) == ["korvaushoito", "pasti", "senza-documenti"]  # a shared term is written once
    assert {row["link_entity"] for row in read_csv(package / "attribute.csv")} == {"service"}
    address = read_csv(package / "address.csv")[0]
    assert (address["city"], address["region"], address["country"]) == ("Città di Castello", "Umbria", "IT")
    spoleto = read_csv(package / "location.csv")[-1]
    assert (spoleto["latitude"], spoleto["longitude"]) == ("0.00001", "-0.5")  # never 1e-05: not a coordinate


def test_categories_are_a_taxonomy_with_a_term_per_language(tmp_path: Path) -> None:
    export_package(sample(), tmp_path)
    (taxonomy,) = read_csv(tmp_path / "taxonomy.csv")
    assert taxonomy["id"] == "prossimo-categories" and taxonomy["name"] and taxonomy["description"]

    terms = [row for row in read_csv(tmp_path / "taxonomy_term.csv") if row["taxonomy_id"] == "prossimo-categories"]
    assert len(terms) == len(CATEGORIES) * 3  # every category, in it, en and fi
    by_key = {(row["code"], row["language"]): row for row in terms}
    shelter_fi = by_key[("shelter", "fi")]
    assert shelter_fi["id"] == CATEGORIES["shelter"].term_id("fi") and shelter_fi["name"] == "Hätämajoitus"
    assert by_key[("harm_reduction", "it")]["name"] == "Riduzione del danno"
    assert by_key[("mental_health", "en")]["taxonomy"] == "prossimo-categories"

    linked = {row["taxonomy_term_id"] for row in read_csv(tmp_path / "attribute.csv")}
    english = {
        CATEGORIES[code].term_id("en")
        for code in ("food", "shelter", "housing", "addiction", "health", "mental_health", "harm_reduction", "youth")
    }
    assert english <= linked  # services point at the English term of each of their categories
    assert not linked & {CATEGORIES[code].term_id(lang) for code in CATEGORIES for lang in ("it", "fi")}


def test_export_refuses_a_folder_that_already_holds_a_package(tmp_path: Path) -> None:
    export_package(sample(), tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    with pytest.raises(HsdsError, match="already holds a data package"):
        export_package(sample()[:1], tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_export_never_overwrites_a_stray_table(tmp_path: Path) -> None:
    (tmp_path / "service.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(HsdsError, match="service.csv already exists"):
        export_package(sample(), tmp_path)
    assert (tmp_path / "service.csv").read_text(encoding="utf-8") == "mine"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["service.csv"]


# --- hand-written packages -----------------------------------------------------------------------


def write_package(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        # With the BOM a spreadsheet adds when it saves "CSV UTF-8": import must not mind it.
        (folder / f"{name}.csv").write_text(text, encoding="utf-8-sig")
    resources = [{"name": name, "path": f"{name}.csv"} for name in tables]
    (folder / "datapackage.json").write_text(json.dumps({"name": "by-hand", "resources": resources}), encoding="utf-8")
    return folder


MINIMAL = {
    "organization": "id,name\no1,Comune di Lodi\n",
    "service": "id,organization_id,name,assured_date\ns1,o1,Sportello casa,2026-03-01\n",
    "location": "id,organization_id,latitude,longitude\nl1,o1,45.31,9.50\n",
    "address": "id,location_id,address_1,city,country\na1,l1,Piazza Broletto 1,Lodi,it\n",
    "schedule": 'id,service_id,byday,opens_at,closes_at\nh1,s1,"MO,WE",09:00,12:30:00\n',
}


def test_a_hand_written_minimal_package_imports(tmp_path: Path) -> None:
    (entry,) = import_package(write_package(tmp_path, MINIMAL))  # no service_at_location: the org's locations
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
    assert list(entry) == Resource.content_fields()  # content only: the caller adds the metadata
    Resource.model_validate({**entry, **metadata()})


def test_terms_become_categories_and_keywords(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "taxonomy_term": "id,code,name,taxonomy\n"
        "t1,food,Food,prossimo-categories\n"
        "t2,spa,Spa,prossimo-categories\n"  # ours, but unknown now: other
        "t3,HEALTH,Health,open-eligibility\n"  # someone else's, in our words
        "t4,BD-1800,Food Pantry,open-eligibility\n"  # someone else's: ignored
        "t5,ambulatorio,ambulatorio,prossimo-keywords\n",
        "attribute": "id,link_id,link_entity,taxonomy_term_id\n"
        "a1,s1,service,t1\na2,s1,service,t2\na3,s1,service,t3\na4,s1,service,t4\n"
        "a5,s1,service,t5\na6,l1,location,t1\na7,s1,service,t1\n",
    }
    (entry,) = import_package(write_package(tmp_path, tables))
    assert entry["categories"] == ["food", "other", "health"]
    assert entry["keywords"] == ["ambulatorio"]


def test_rows_hang_from_the_most_specific_level(tmp_path: Path) -> None:
    tables = {
        "organization": "id,name\no1,ASL Lodi\n",
        "service": "id,organization_id,name,status\ns1,o1,SerD,active\ns2,o1,Consultorio,Active\n"
        "s3,o1,Vecchio sportello,defunct\n",
        "location": "id,organization_id,name\nl1,o1,Presidio\n",
        "address": "id,location_id,city,address_type\na0,l1,Milano,postal\na1,l1,Lodi,physical\n",
        "service_at_location": "id,service_id,location_id\nsl1,s1,l1\nsl2,s2,l1\nsl3,s3,l1\n",
        "phone": "id,service_id,location_id,number,type\np1,s1,,0371 111 111,cell\np2,,l1,0371 222 222,\n",
        "schedule": "id,service_at_location_id,location_id,byday,opens_at,closes_at,description\n"
        "h1,sl1,,TU,14:00,16:00,\nh2,,l1,MO,08:00,18:00,\nh3,sl1,,,,,Su appuntamento\n",
        "language": "id,service_id,code\nla1,s1,it\nla2,s1,it\n",
    }
    entries = {entry["service_name"]: entry for entry in import_package(write_package(tmp_path, tables))}
    # Issue 15 item 7: a defunct service is kept, with its status, not left out.
    assert set(entries) == {"SerD", "Consultorio", "Vecchio sportello"}
    assert entries["Vecchio sportello"]["status"] == "defunct" and entries["Consultorio"]["status"] == "active"
    serd, consultorio = entries["SerD"], entries["Consultorio"]
    assert serd["phones"] == [{"number": "0371 111 111", "kind": "voice", "description": None}]
    assert serd["opening_hours"] == [{"weekday": 2, "opens_at": dt.time(14), "closes_at": dt.time(16)}]
    assert serd["languages"] == ["it"]
    assert [phone["number"] for phone in consultorio["phones"]] == ["0371 222 222"]  # the building's
    assert consultorio["opening_hours"] == [{"weekday": 1, "opens_at": dt.time(8), "closes_at": dt.time(18)}]
    assert serd["location"]["municipality"] == "Lodi"  # the physical address, not the postal one


# --- refusals: file, row and column named, nothing returned -----------------------------------------


def refused(package: Path) -> str:
    result = None
    with pytest.raises(HsdsError) as caught:
        result = import_package(package)
    assert result is None
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"location": "id,organization_id,latitude,longitude\nl1,o1,north,9.5\n"},
            "location.csv row 2: latitude: must be a number",
        ),
        (
            {"location": "id,organization_id,latitude,longitude\nl1,o1,nan,9.5\n"},
            "location.csv row 2: latitude: must be a number",
        ),
        (
            {"location": "id,organization_id,latitude,longitude\nl1,o1,95,9.5\n"},
            "location.csv row 2: latitude: Input should be less than or equal to 90",
        ),
        (
            {"location": "id,organization_id,latitude,longitude\nl1,o1,45.3,\n"},
            "location.csv row 2: latitude: latitude and longitude go together",
        ),
        (
            {"schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,MO,12:00,09:00\n"},
            "schedule.csv row 2: closes_at: must be later than opens_at",
        ),
        (
            {"schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,MO,9h,12:00\n"},
            "schedule.csv row 2: opens_at: must be a local time",
        ),
        (
            {"schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,MO,09:00Z,12:00\n"},
            "schedule.csv row 2: opens_at: must be a local time",
        ),
        (
            {"schedule": 'id,service_id,byday,opens_at,closes_at\nh1,s1,"MO,XX",09:00,12:00\n'},
            "schedule.csv row 2: byday: must be days of the week",
        ),
        (
            {"schedule": "id,service_id,freq,byday,opens_at,closes_at\nh1,s1,MONTHLY,1MO,09:00,12:00\n"},
            "schedule.csv row 2: freq: only weekly",
        ),
        (
            {"service": "id,organization_id,name\ns1,o9,Sportello casa\n"},
            "service.csv row 2: organization_id: no organization with this id",
        ),
        (
            {"service": "id,organization_id,name,assured_date\ns1,o1,Sportello casa,01/03/2026\n"},
            "service.csv row 2: assured_date: must be a date",
        ),
        (
            {"service": "id,organization_id,name,assured_date\ns1,o1,Sportello casa,2026-02-30\n"},
            "service.csv row 2: assured_date: must be a date",
        ),
        (
            {"service": "id,organization_id,name\ns1,o1,\n"},
            "service.csv row 2: name: String should have at least 1 character",
        ),
        (
            {"service": "id,organization_id,name,status\ns1,o1,Sportello casa,paused\n"},
            "service.csv row 2: status: must be active",
        ),
        (
            {"organization": "id,name\no1,Comune di Lodi\no1,Doppione\n"},
            "organization.csv row 3: id: already used on row 2",
        ),
        (
            {"address": "id,location_id,city\na1,l1,\n"},
            "address.csv row 2: city: String should have at least 1 character",
        ),
        (
            {"address": "id,location_id,city,country\na1,l1,Lodi,ITA\n"},
            "address.csv row 2: country: String should match pattern",
        ),
        ({"address": "id,location_id,city\na1,l9,Lodi\n"}, "address.csv row 2: location_id: no location with this id"),
        ({"phone": "id,service_id,number\np1,s1,call me\n"}, "phone.csv row 2: number: String should match pattern"),
        ({"phone": "id,service_id,number,type\np1,s1,0371 409 111,pager\n"}, "phone.csv row 2: type: Input should be"),
        (
            {"phone": "id,service_id,number\np1,s9,0371 409 111\n"},
            "phone.csv row 2: service_id: no service with this id",
        ),
        ({"language": "id,service_id,code\nla1,s1,Italian\n"}, "language.csv row 2: code: String should match pattern"),
        (
            {
                "taxonomy_term": "id,code,taxonomy\nt1,pasti,prossimo-keywords\n",
                "attribute": "id,link_id,link_entity,taxonomy_term_id\na1,s1,service,t9\n",
            },
            "attribute.csv row 2: taxonomy_term_id: no taxonomy term with this id",
        ),
        (
            {"service_at_location": "id,service_id,location_id\nsl1,s1,l9\n"},
            "service_at_location.csv row 2: location_id: no location with this id",
        ),
        (
            {"service_at_location": "id,service_id,location_id\n"},
            "service.csv row 2: id: this service is offered at no location",
        ),
        (
            {"organization": "id,name\no1,Comune di Lodi,di troppo\n"},
            "organization.csv row 2: more cells than the header has columns",
        ),
    ],
)
def test_bad_rows_name_file_row_and_column(tmp_path: Path, change: dict[str, str], message: str) -> None:
    assert message in refused(write_package(tmp_path, {**MINIMAL, **change}))


def test_a_location_without_address_is_refused(tmp_path: Path) -> None:
    tables = {name: text for name, text in MINIMAL.items() if name != "address"}
    assert "location.csv row 2: id: no address for this location" in refused(write_package(tmp_path, tables))


def test_one_bad_row_refuses_the_whole_package(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "service": "id,organization_id,name\ns1,o1,Sportello casa\ns2,o1,Sportello lavoro\ns3,o7,Orfano\n",
        "schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,MO,09:00,12:00\nh2,s2,TU,18:00,08:00\n",
    }
    message = refused(write_package(tmp_path, tables))
    lines = message.splitlines()  # every problem, not just the first, so a file is fixed in one go
    assert "service.csv row 4: organization_id: no organization with this id" in lines
    assert "schedule.csv row 3: closes_at: must be later than opens_at" in lines
    assert len(lines) == 2


def test_a_missing_service_table_is_refused(tmp_path: Path) -> None:
    unlisted = {name: text for name, text in MINIMAL.items() if name != "service"}
    assert "datapackage.json: the service table is required" in refused(write_package(tmp_path / "a", unlisted))

    listed = write_package(tmp_path / "b", MINIMAL)
    (listed / "service.csv").unlink()
    assert "service.csv: listed in datapackage.json but not found" in refused(listed)


def test_a_folder_without_descriptor_or_with_a_broken_one_is_refused(tmp_path: Path) -> None:
    assert "no datapackage.json" in refused(tmp_path)
    (tmp_path / "datapackage.json").write_text("{resources: [", encoding="utf-8")
    assert "datapackage.json: not valid JSON" in refused(tmp_path)


def test_a_path_outside_the_package_is_refused(tmp_path: Path) -> None:
    package = write_package(tmp_path / "p", MINIMAL)
    (tmp_path / "secret.csv").write_text("id,name\nx,y\n", encoding="utf-8")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../secret.csv"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert "../secret.csv points outside the package folder" in refused(package)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    package = write_package(tmp_path, MINIMAL)
    (package / "organization.csv").write_bytes("id,name\no1,Città di Castello\n".encode("latin-1"))
    assert "organization.csv: not UTF-8" in refused(package)


def test_errors_never_echo_the_rejected_value(tmp_path: Path) -> None:
    tables = {**MINIMAL, "phone": "id,service_id,number\np1,s1,Mario Rossi 3331234\n"}
    message = refused(write_package(tmp_path, tables))
    assert "phone.csv row 2: number:" in message and not re.search("Mario|3331234", message)


def test_category_terms_match_by_code_in_any_language(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "taxonomy": "id,name,description\nprossimo-categories,Categorie,Le nostre\n",
        "taxonomy_term": "id,code,name,taxonomy_id,language\n"
        f"{CATEGORIES['shelter'].term_id('fi')},shelter,Hätämajoitus,prossimo-categories,fi\n"
        f"{CATEGORIES['shelter'].term_id('it')},shelter,Accoglienza,prossimo-categories,it\n"
        f"{CATEGORIES['youth'].term_id('it')},youth,Giovani,prossimo-categories,it\n",
        "attribute": "id,link_id,link_entity,taxonomy_term_id\n"
        f"a1,s1,service,{CATEGORIES['shelter'].term_id('fi')}\n"
        f"a2,s1,service,{CATEGORIES['shelter'].term_id('it')}\n"
        f"a3,s1,service,{CATEGORIES['youth'].term_id('it')}\n",
    }
    (entry,) = import_package(write_package(tmp_path, tables))
    assert entry["categories"] == ["shelter", "youth"]  # one category, whatever the language of its term


def test_a_package_with_a_bom_extra_columns_and_extra_tables_imports(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        # Columns HSDS has and we do not read, and one nobody defined: kept out, never a crash.
        "organization": "id,name,description,tax_status,colonna_nostra\no1,Comune di Lodi,Ente locale,,x\n",
        "service": "id,organization_id,name,fees_description,assured_date,interno\n"
        "s1,o1,Sportello casa,Gratuito,2026-03-01,42\n",
        "funding": "id,organization_id,source\nf1,o1,Regione\n",  # a table we do not read
    }
    package = write_package(tmp_path, tables)
    assert (package / "service.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # saved with a BOM
    (entry,) = import_package(package)
    assert (entry["organization_name"], entry["service_name"]) == ("Comune di Lodi", "Sportello casa")
    assert entry["last_verified_on"] == dt.date(2026, 3, 1)


def test_a_term_of_a_taxonomy_missing_from_the_taxonomy_table_is_refused(tmp_path: Path) -> None:
    tables = {
        **MINIMAL,
        "taxonomy": "id,name,description\nprossimo-categories,Categorie,Le nostre\n",
        "taxonomy_term": "id,code,name,taxonomy_id\nt1,food,Food,prossimo-categorie\n",
        "attribute": "id,link_id,link_entity,taxonomy_term_id\na1,s1,service,t1\n",
    }
    assert "taxonomy_term.csv row 2: taxonomy_id: no taxonomy with this id" in refused(write_package(tmp_path, tables))


def test_coordinates_with_an_exponent_are_numbers(tmp_path: Path) -> None:
    tables = {**MINIMAL, "location": "id,organization_id,latitude,longitude\nl1,o1,4.531E1,95e-1\n"}
    (entry,) = import_package(write_package(tmp_path, tables))
    assert (entry["location"]["latitude"], entry["location"]["longitude"]) == (45.31, 9.5)
