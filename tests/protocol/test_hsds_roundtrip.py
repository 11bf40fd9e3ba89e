"""Export then import is lossless in both HSDS formats, for any directory the schema allows.

Hypothesis builds directories with every Resource field in every shape, HSDS ids drawn from a
small pool so that entries share organisations, services and locations, and sometimes claim
the same id while disagreeing. Whatever comes back must be each live entry, found by the keys
an importer matches on, with every content field equal.
"""

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol import Resource
from protocol.hsds import export_directory, import_directory
from protocol.taxonomy import CATEGORIES
from tests.protocol.hsds_samples import assert_lossless, resource

# Letters, digits, marks, punctuation and spaces from anywhere, and line breaks inside; no
# control characters (a directory has none) and no surrogates (not text).
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))


def text(max_size: int, *, lines: bool = False) -> st.SearchStrategy[str]:
    alphabet = st.one_of(CHARACTERS, st.just("\n")) if lines else CHARACTERS
    return st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def clock(seconds: int) -> dt.time:
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


@st.composite
def opening_hours(draw: st.DrawFn) -> dict[str, Any]:
    opens = draw(st.integers(0, 86_398))
    closes = draw(st.integers(opens + 1, 86_399))
    if draw(st.booleans()) and closes - closes % 60 > opens - opens % 60:
        opens, closes = opens - opens % 60, closes - closes % 60  # whole minutes, as real hours mostly are
    return {"weekday": draw(st.integers(1, 7)), "opens_at": clock(opens), "closes_at": clock(closes)}


@st.composite
def locations(draw: st.DrawFn) -> dict[str, Any]:
    place: dict[str, Any] = {
        "name": draw(maybe(text(60))),
        "address_1": draw(maybe(text(60))),
        "postal_code": draw(maybe(text(20))),
        "municipality": draw(st.sampled_from(["Lodi", "Jyväskylä"]) | text(40)),
        "region": draw(maybe(text(40))),
        "country": draw(st.sampled_from(["IT", "FI", "SE"])),
    }
    if draw(st.booleans()):
        place["latitude"] = draw(st.floats(-90, 90, allow_nan=False))
        place["longitude"] = draw(st.floats(-180, 180, allow_nan=False))
    return place


PHONES = st.fixed_dictionaries(
    {
        "number": st.from_regex(r"\+?[0-9]{2,4}( [0-9]{3,4}){1,3}", fullmatch=True),
        "kind": st.sampled_from(["voice", "text", "fax", "hotline"]),
        "description": maybe(text(40)),
    }
)
KEYWORDS = st.text(CHARACTERS.filter(lambda c: c != ","), min_size=1, max_size=40).map(str.strip).filter(bool)


@st.composite
def resources(draw: st.DrawFn) -> Resource:
    fields: dict[str, Any] = {
        "organization_name": draw(st.sampled_from(["Caritas", "ASL Lodi"]) | text(80)),
        "service_name": draw(st.sampled_from(["Mensa", "SerD"]) | text(80)),
        "description": draw(maybe(text(300, lines=True))),
        "location": draw(locations()),
        "categories": draw(st.lists(st.sampled_from(sorted(CATEGORIES)), min_size=1, max_size=10, unique=True)),
        "keywords": draw(st.lists(KEYWORDS, max_size=5, unique=True)),
        "phones": draw(st.lists(PHONES, max_size=4)),
        "email": draw(maybe(st.from_regex(r"[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,20}\.[a-z]{2,6}", fullmatch=True))),
        "url": draw(maybe(st.from_regex(r"https?://[a-z0-9.-]{1,30}/[A-Za-z0-9/_%-]{0,20}", fullmatch=True))),
        "opening_hours": draw(st.lists(opening_hours(), max_size=6)),
        "eligibility": draw(maybe(text(200, lines=True))),
        "languages": draw(
            st.lists(st.sampled_from(["it", "en", "fi", "sv", "en-GB", "sme", "ar"]), max_size=4, unique=True)
        ),
        "last_verified_on": draw(maybe(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))),
        # A small pool: entries share ids, and sometimes claim one while disagreeing.
        "hsds_organization_id": draw(maybe(st.sampled_from(["org-1", "org-2"]))),
        "hsds_service_id": draw(maybe(st.sampled_from(["svc-1", "svc-2"]))),
        "hsds_location_id": draw(maybe(st.sampled_from(["loc-1", "loc-2"]))),
        "deleted": draw(st.integers(0, 5)) == 0,  # now and then a tombstone, which no file may carry
    }
    return resource(**fields)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directory=st.lists(resources(), max_size=6), format=st.sampled_from(["tabular", "json"]))
def test_export_then_import_is_lossless(directory: list[Resource], format: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("directory.json" if format == "json" else "package")
        export_directory(directory, path, format)
        imported = import_directory(path, format)
    entries = assert_lossless(directory, imported)
    first = directory[0] if directory else None
    if first is not None and not first.deleted and first.hsds_service_id and first.hsds_location_id:
        # The first to claim ids always keeps them; only later disagreeing claims are renamed.
        entry = entries[first.id]
        assert (entry["hsds_service_id"], entry["hsds_location_id"]) == (first.hsds_service_id, first.hsds_location_id)
        assert entry["hsds_organization_id"] == (first.hsds_organization_id or entry["hsds_organization_id"])
