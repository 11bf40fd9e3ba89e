"""HSDS tabular data packages: lossless round trip, hand-written packages, clear errors."""

import datetime as dt
import uuid
from pathlib import Path

import pytest

from central.hsds import HsdsError, export_package, import_package
from protocol import Resource, new_id

NOW = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)


def resource(**fields) -> Resource:  # noqa: ANN003
    return Resource(id=new_id(), created_at=NOW, updated_at=NOW, author_device_id=uuid.uuid4(), **fields)


def sample() -> list[Resource]:
    return [
        resource(organization_name="Caritas diocesana", service_name="Mensa solidale",
                 description="Pasti caldi, accesso libero.",
                 location={"address_1": "Via Roma 3", "municipality": "Città di Castello", "postal_code": "06012",
                           "latitude": 43.457, "longitude": 12.241},
                 categories=["food"], keywords=["pasti", "senza-documenti"],
                 phones=[{"number": "+39 075 855 1111"}, {"number": "+39 333 000 1111", "kind": "text",
                                                          "description": "SMS"}],
                 opening_hours=[{"weekday": 1, "opens_at": dt.time(12), "closes_at": dt.time(14, 30)},
                                {"weekday": 3, "opens_at": dt.time(12), "closes_at": dt.time(14, 30)}],
                 languages=["it", "en"], last_verified_on=dt.date(2026, 4, 2), eligibility="Tutti"),
        resource(organization_name="Caritas diocesana", service_name="Dormitorio",
                 location={"municipality": "Città di Castello"}, categories=["shelter", "housing"]),
        resource(organization_name="Hyvinvointialue", service_name="Päihdeklinikka",
                 location={"municipality": "Jyväskylä", "country": "FI", "latitude": 62.24, "longitude": 25.75},
                 categories=["addiction", "health"], url="https://example.org/paihde", email="info@example.org",
                 languages=["fi", "sv"]),
        resource(organization_name="Comune", service_name="Vecchio", location={"municipality": "Lodi"},
                 categories=["other"], deleted=True),
    ]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    originals = sample()
    counts = export_package(originals, tmp_path / "pkg")
    assert counts["organization"] == 2  # the shared organisation once; the deleted one skipped
    assert counts["service_at_location"] == 3
    imported = import_package(tmp_path / "pkg")
    assert len(imported) == 3
    by_name = {entry["service_name"]: entry for entry in imported}
    for original in originals[:3]:
        entry = by_name[original.service_name]
        expected = original.content()
        for key in ("hsds_organization_id", "hsds_service_id", "hsds_location_id"):
            assert entry[key]
            expected[key] = entry[key]
        rebuilt = Resource(id=new_id(), created_at=NOW, updated_at=NOW, author_device_id=uuid.uuid4(), **entry)
        got = rebuilt.content()
        assert {**got, "categories": sorted(got["categories"]), "keywords": sorted(got["keywords"])} == \
            {**expected, "categories": sorted(expected["categories"]), "keywords": sorted(expected["keywords"])}
    again = tmp_path / "again"
    export_package([Resource(id=new_id(), created_at=NOW, updated_at=NOW, author_device_id=uuid.uuid4(), **e)
                    for e in imported], again)
    assert (again / "service.csv").read_text() == (tmp_path / "pkg" / "service.csv").read_text()


def test_export_refuses_an_existing_package(tmp_path: Path) -> None:
    export_package(sample(), tmp_path)
    with pytest.raises(HsdsError, match="already holds a data package"):
        export_package(sample(), tmp_path)


def _package(tmp_path: Path, **files: str) -> Path:
    names = list(files)
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    resources = ",".join(f'{{"name": "{n}", "path": "{n}.csv"}}' for n in names)
    (tmp_path / "datapackage.json").write_text(f'{{"resources": [{resources}]}}', encoding="utf-8")
    return tmp_path


MINIMAL = {
    "organization": "id,name\no1,Comune di Lodi\n",
    "service": "id,organization_id,name,assured_date\ns1,o1,Sportello casa,2026-03-01\n",
    "location": "id,organization_id,latitude,longitude\nl1,o1,45.31,9.50\n",
    "address": "id,location_id,address_1,city,country\na1,l1,Piazza Broletto 1,Lodi,IT\n",
    "schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,\"MO,WE\",09:00,12:30:00\n",
}


def test_a_hand_written_minimal_package_imports(tmp_path: Path) -> None:
    (entry,) = import_package(_package(tmp_path, **MINIMAL))
    assert entry["service_name"] == "Sportello casa" and entry["location"]["municipality"] == "Lodi"
    assert entry["categories"] == ["other"]
    assert [h["weekday"] for h in entry["opening_hours"]] == [1, 3]
    assert entry["last_verified_on"] == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"location": "id,organization_id,latitude,longitude\nl1,o1,north,9.5\n"},
         "location.csv row 2: latitude: must be a number"),
        ({"schedule": "id,service_id,byday,opens_at,closes_at\nh1,s1,MO,12:00,09:00\n"},
         "closes_at: must be later than opens_at"),
        ({"service": "id,organization_id,name\ns1,o9,Sportello casa\n"},
         "service.csv row 2: organization_id: no organization with this id"),
        ({"location": "id,organization_id,latitude,longitude\nl1,o1,95,9.5\n"}, "latitude"),
    ],
)
def test_bad_rows_name_file_row_and_field(tmp_path: Path, change: dict, message: str) -> None:
    with pytest.raises(HsdsError, match=message):
        import_package(_package(tmp_path, **{**MINIMAL, **change}))


def test_a_missing_required_table(tmp_path: Path) -> None:
    files = {k: v for k, v in MINIMAL.items() if k != "service"}
    with pytest.raises(HsdsError, match="the service table is required"):
        import_package(_package(tmp_path, **files))


def test_a_path_outside_the_package_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    package = _package(tmp_path / "p", **MINIMAL)
    (package / "datapackage.json").write_text(
        '{"resources": [{"name": "organization", "path": "../../etc/passwd"},'
        ' {"name": "service", "path": "service.csv"}, {"name": "location", "path": "location.csv"}]}',
        encoding="utf-8")
    with pytest.raises(HsdsError, match="outside the package"):
        import_package(package)
