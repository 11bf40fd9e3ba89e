"""The directory's shared rules: taxonomy labels and HSDS terms, staleness, distance."""

import datetime as dt
import typing

import pytest

from protocol import directory, taxonomy
from protocol.entities import ResourceCategory

TODAY = dt.date(2026, 11, 23)


def test_every_category_has_a_label_in_each_language() -> None:
    assert list(taxonomy.CATEGORIES) == list(typing.get_args(ResourceCategory))
    for category in taxonomy.CATEGORIES.values():
        assert set(category.labels) == set(taxonomy.LANGUAGES)
        assert all(text.strip() for text in category.labels.values())


def test_the_bacheca_categories_are_all_there() -> None:
    wanted = {"housing", "work", "food", "care", "training", "health", "addiction", "legal", "family", "women", "youth"}
    assert wanted <= set(taxonomy.CATEGORIES)
    assert taxonomy.category_label("youth", "fi") == "Nuoret"
    assert taxonomy.category_label("women", "it") == "Donne"
    assert taxonomy.category_label("care", "sv") == "Care"  # no Swedish: English, not a blank
    assert taxonomy.category_label("brand_new", "it") == "brand_new"


def test_hsds_term_ids_are_stable_and_distinct_per_language() -> None:
    ids = {category.term_id(language) for category in taxonomy.CATEGORIES.values() for language in taxonomy.LANGUAGES}
    assert len(ids) == len(taxonomy.CATEGORIES) * len(taxonomy.LANGUAGES)
    assert taxonomy.CATEGORIES["food"].term_id("it") == taxonomy.CATEGORIES["food"].term_id("it")


@pytest.mark.parametrize(
    ("verified", "stale"),
    [
        (TODAY, False),
        (TODAY - dt.timedelta(days=365), False),
        (TODAY - dt.timedelta(days=366), True),
        (None, True),
    ],
)
def test_staleness_is_twelve_months(verified: dt.date | None, stale: bool) -> None:
    assert directory.is_stale(verified, TODAY) is stale


@pytest.mark.parametrize(
    ("verified", "remind"),
    [
        (TODAY - dt.timedelta(days=335), False),
        (TODAY - dt.timedelta(days=336), True),
        (None, True),
    ],
)
def test_a_reminder_comes_a_month_before_staleness(verified: dt.date | None, remind: bool) -> None:
    assert directory.needs_reminder(verified, TODAY) is remind
    assert directory.STALE_AFTER_DAYS - directory.REMIND_AFTER_DAYS == 30


def test_haversine_distances() -> None:
    assert directory.distance_km(45.31, 9.50, 45.31, 9.50) == 0
    # Lodi to Codogno, about 23 km as the crow flies
    assert directory.distance_km(45.3142, 9.5036, 45.1600, 9.7050) == pytest.approx(22.9, abs=1.0)
    # a quarter of the meridian
    assert directory.distance_km(0, 0, 90, 0) == pytest.approx(10007.5, abs=1)
    # symmetric and across the antimeridian
    assert directory.distance_km(10, 179.5, 10, -179.5) == pytest.approx(directory.distance_km(10, -179.5, 10, 179.5))
    assert directory.distance_km(10, 179.5, 10, -179.5) < 120


def test_the_gazetteer_holds_the_61_municipalities_of_the_lodi_area() -> None:
    from protocol import gazetteer

    places = gazetteer.municipalities()
    assert len(places) == 61
    assert len({place.istat_code for place in places}) == 61
    assert len({place.name for place in places}) == 61
    # all inside the area's bounding box (the Adda, the Po, the Lambro)
    assert all(45.0 < p.latitude < 45.5 and 9.3 < p.longitude < 9.95 for p in places)
    assert gazetteer.find("sant’angelo lodigiano").name == "Sant'Angelo Lodigiano"
    assert gazetteer.find("LODI").istat_code == "098031"
    assert gazetteer.find("Helsinki") is None and gazetteer.find(None) is None


def test_coming_exceptions_are_the_days_from_today_by_date_with_their_ranges() -> None:
    from protocol.entities import OpeningException

    today = dt.date(2026, 12, 20)
    days = [
        OpeningException(date=dt.date(2026, 12, 31), opens_at=dt.time(15), closes_at=dt.time(18)),
        OpeningException(date=dt.date(2026, 12, 24)),
        OpeningException(date=dt.date(2026, 12, 31), opens_at=dt.time(9), closes_at=dt.time(12)),
        OpeningException(date=dt.date(2026, 12, 19)),  # yesterday
    ]
    assert directory.coming_exceptions(days, today) == [
        (dt.date(2026, 12, 24), []),
        (dt.date(2026, 12, 31), [(dt.time(9), dt.time(12)), (dt.time(15), dt.time(18))]),
    ]
    assert [day for day, _ in directory.coming_exceptions(days, None)][0] == dt.date(2026, 12, 19)
