"""Directory records for the HSDS tests on every side: every Resource field, in every shape.

`sample()` holds live entries that use every field (phones of each kind, hours with and without
seconds, languages, keywords, HSDS ids or none, a stale and a never-verified date, coordinates
or none, Finnish and Italian addresses), one service at two locations, two entries that claim
the same HSDS service but disagree, and a deleted entry that no export may carry.
"""

import datetime as dt
import uuid
from typing import Any

from protocol import Resource, new_id

NOW = dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC)


def metadata() -> dict[str, Any]:
    return {"id": new_id(), "created_at": NOW, "updated_at": NOW, "author_device_id": uuid.uuid4()}


def resource(**fields: Any) -> Resource:
    return Resource(**metadata(), **fields)


def sample() -> list[Resource]:
    return [
        resource(
            organization_name="Caritas diocesana",
            service_name="Mensa solidale",
            description='Pasti caldi, "accesso libero".\nAnche la domenica, su prenotazione.',
            location={
                "name": "Refettorio San Francesco",
                "address_1": "Via Roma 3",
                "municipality": "Città di Castello",
                "postal_code": "06012",
                "region": "Umbria",
                "latitude": 43.457,
                "longitude": 12.241,
            },
            categories=["food"],
            keywords=["pasti", "senza-documenti"],
            phones=[
                {"number": "+39 075 855 1111"},
                {"number": "+39 333 000 1111", "kind": "text", "description": "Solo SMS"},
                {"number": "800 123 456", "kind": "hotline", "description": "Numero verde, gratuito"},
            ],
            opening_hours=[
                {"weekday": 1, "opens_at": dt.time(12), "closes_at": dt.time(14, 30)},
                {"weekday": 3, "opens_at": dt.time(12), "closes_at": dt.time(14, 30)},
                {"weekday": 6, "opens_at": dt.time(11, 45, 30), "closes_at": dt.time(13)},
            ],
            email="mensa@example.org",
            url="https://example.org/mensa",
            eligibility="Tutti, senza documenti",
            languages=["it", "en"],
            last_verified_on=dt.date(2026, 4, 2),
        ),
        resource(
            organization_name="Caritas diocesana",
            service_name="Dormitorio",
            location={"name": "Casa Sant'Anna", "municipality": "Città di Castello"},  # no coordinates
            categories=["shelter", "housing"],
            last_verified_on=dt.date(2023, 1, 9),
        ),  # stale
        resource(
            organization_name="Keski-Suomen hyvinvointialue",
            service_name="Päihdeklinikka",
            description="Päihdehoito ja korvaushoito.",
            location={
                "address_1": "Keskussairaalantie 19",
                "municipality": "Jyväskylä",
                "country": "FI",
                "latitude": 62.2297,
                "longitude": 25.7134,
            },
            categories=["addiction", "health", "mental_health"],
            keywords=["korvaushoito"],
            phones=[
                {"number": "014 266 0000"},
                {"number": "014 266 0001", "kind": "fax"},
                {"number": "+358 40 123 4567", "kind": "text"},
            ],
            opening_hours=[{"weekday": day, "opens_at": dt.time(8), "closes_at": dt.time(15)} for day in range(1, 6)],
            url="https://example.org/paihde",
            email="paihde@example.org",
            languages=["fi", "sv", "en-GB"],
            hsds_organization_id="org-ksshva",
            hsds_service_id="svc-paihde",
            hsds_location_id="loc-jkl-1",
        ),
        # One HSDS service at two locations, with its own numbers and hours at each.
        resource(
            organization_name="Cooperativa Strada",
            service_name="Unità di strada",
            location={"municipality": "Perugia", "latitude": 43.1107, "longitude": 12.3908},
            categories=["harm_reduction"],
            phones=[{"number": "075 500 0001"}],
            opening_hours=[{"weekday": 5, "opens_at": dt.time(20), "closes_at": dt.time(23, 59)}],
            hsds_organization_id="org-strada",
            hsds_service_id="svc-strada",
            hsds_location_id="loc-pg",
        ),
        resource(
            organization_name="Cooperativa Strada",
            service_name="Unità di strada",
            location={"municipality": "Foligno"},
            categories=["harm_reduction"],
            hsds_organization_id="org-strada",
            hsds_service_id="svc-strada",
            hsds_location_id="loc-fo",
        ),
        # Claims the same HSDS service as the two above, but someone edited its description here:
        # the file must not merge it into theirs and lose the edit.
        resource(
            organization_name="Cooperativa Strada",
            service_name="Unità di strada",
            description="Solo il giovedì sera.",
            location={"municipality": "Spoleto", "latitude": 1e-05, "longitude": -0.5},
            categories=["harm_reduction", "youth"],
            hsds_organization_id="org-strada",
            hsds_service_id="svc-strada",
            hsds_location_id="loc-sp",
        ),
        resource(
            organization_name="Comune di Lodi",
            service_name="Sportello chiuso",
            location={"municipality": "Lodi"},
            categories=["other"],
            deleted=True,
        ),
    ]


STATUSES = ("active", "inactive", "defunct", "temporarily closed")


def every_status() -> list[Resource]:
    """Twelve services, three in each HSDS status, with multi-line text and non-ASCII letters."""
    return [
        resource(
            organization_name=f"Associazione n. {index // 4 + 1}",
            service_name=f"Servizio {index + 1} – è",
            status=STATUSES[index % 4],
            description=f'Prima riga del servizio {index + 1}.\nSeconda riga, "tra virgolette", ä ö.',
            eligibility="Tutti;\r\nanche senza documenti" if index % 3 == 0 else None,
            location={
                "municipality": "Lodi" if index % 2 else "Jyväskylä",
                "address_1": f"Via {index}",
                "latitude": 45.3 + index / 100,
                "longitude": 9.5,
            },
            categories=["food"] if index % 2 else ["shelter", "health"],
            phones=[{"number": f"0371 40{index:02d}"}],
            last_verified_on=dt.date(2026, 3, index + 1),
        )
        for index in range(12)
    ]


def live(resources: list[Resource]) -> list[Resource]:
    return [item for item in resources if not item.deleted]


HSDS_IDS = ("hsds_organization_id", "hsds_service_id", "hsds_location_id")


def assert_lossless(originals: list[Resource], entries: list[dict[str, Any]]) -> dict[uuid.UUID, dict[str, Any]]:
    """Every live original comes back once, found by the keys an importer uses, with every
    content field equal. HSDS ids may differ only where the export made them up (none given,
    or a claim that disagreed with another entry's); tests check which. Returns the entry of
    each original by its record id."""
    from protocol import hsds

    index = hsds.index_by_keys(originals)
    matched: dict[uuid.UUID, dict[str, Any]] = {}
    for entry in entries:
        original = index[(entry["hsds_service_id"], entry["hsds_location_id"])]
        assert original.id not in matched, "two entries came back for one record"
        matched[original.id] = entry
        expected = original.content()
        for key in HSDS_IDS:
            assert entry[key], key  # made up on export when missing, then kept
            expected[key] = entry[key]  # the lookup above checked they are this record's
        assert entry == expected
        assert list(entry) == Resource.content_fields()  # content only: the caller adds the metadata
        assert Resource.model_validate({**entry, **metadata()}).content() == entry  # strict types
    assert set(matched) == {item.id for item in live(originals)}
    return matched


# --- a package by another publisher with every status ------------------------------------------------


def _csv(rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def every_status_package(folder: Any) -> Any:
    """A hand-written HSDS tabular package (not our exporter's), as a spreadsheet saves it:
    twelve services, three in each HSDS status, every CSV with a UTF-8 BOM, multi-line text,
    columns we do not read holding values, and a table we do not read."""
    import json
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    statuses = ("active", "Temporarily Closed", "inactive", "defunct")  # HSDS letter case varies
    tables = {
        "organization": [
            ["id", "name", "description"],
            ["o1", "ASST Lodi", "Azienda sociosanitaria"],
            ["o2", "Comune di Lodi", "Ente locale"],
        ],
        "service": [["id", "organization_id", "name", "description", "status", "fees_description"]]
        + [
            [
                f"s{i}",
                f"o{i % 2 + 1}",
                f"Servizio {i}",
                f'Riga uno del servizio {i}.\nRiga due, "citata".',
                statuses[i % 4],
                "gratuito" if i % 2 else "",
            ]
            for i in range(1, 13)
        ],
        "location": [
            ["id", "organization_id", "name", "latitude", "longitude", "transportation"],
            ["l1", "o1", "Presidio", "45.31", "9.50", "bus 3"],
            ["l2", "o2", "Broletto", "", "", ""],
        ],
        "address": [
            ["id", "location_id", "address_1", "city", "country", "address_type"],
            ["a1", "l1", "Via Fissiraga 15", "Lodi", "IT", "physical"],
            ["a2", "l2", "Piazza Broletto 1", "Lodi", "IT", "physical"],
        ],
        "service_at_location": [["id", "service_id", "location_id"]]
        + [[f"sl{i}", f"s{i}", f"l{i % 2 + 1}"] for i in range(1, 13)],
        "phone": [["id", "service_at_location_id", "number", "type"]]
        + [[f"p{i}", f"sl{i}", f"0371 40{i:02d}", "voice"] for i in range(1, 13)],
    }
    for name, rows in tables.items():
        (folder / f"{name}.csv").write_text(_csv(rows), encoding="utf-8-sig")
    (folder / "contact.csv").write_text(_csv([["id", "name"], ["c1", "Sportello"]]), encoding="utf-8-sig")
    resources = [{"name": name, "path": f"{name}.csv"} for name in [*tables, "contact"]]
    (folder / "datapackage.json").write_text(
        json.dumps({"name": "by-hand", "resources": resources}), encoding="utf-8-sig"
    )
    return folder


def every_status_page() -> dict[str, Any]:
    """The same twelve services as another publisher's HSDS JSON page, with properties we do not read."""
    statuses = ("active", "temporarily closed", "inactive", "defunct")
    return {
        "total_items": 12,
        "contents": [
            {
                "id": f"s{i}",
                "name": f"Servizio {i}",
                "status": statuses[i % 4],
                "fees_description": "gratuito",
                "description": f"Riga uno del servizio {i}.\nRiga due.",
                "organization": {
                    "id": "o1",
                    "name": "ASST Lodi",
                    "description": "Azienda",
                    "website": "https://x.example",
                },
                "service_at_locations": [
                    {
                        "id": f"sl{i}",
                        "location": {
                            "id": f"l{i}",
                            "location_type": "physical",
                            "transportation": "bus 3",
                            "addresses": [
                                {
                                    "id": f"a{i}",
                                    "address_1": "Via Fissiraga 15",
                                    "city": "Lodi",
                                    "state_province": "LO",
                                    "postal_code": "26900",
                                    "country": "IT",
                                    "address_type": "physical",
                                }
                            ],
                        },
                        "phones": [{"id": f"p{i}", "number": f"0371 40{i:02d}"}],
                    }
                ],
            }
            for i in range(1, 13)
        ],
    }
