"""Issue 22 part 4: the public directory in a real browser (Debian's Chromium at a phone's size).

The real `prossimo-central serve` on its own SQLite file, holding the shipped Lodi demo directory
(one service made temporarily closed). A person searches with JavaScript on and off, reads the
list and its map, opens a service; every new page passes axe-core at WCAG 2.2 AA, fits 320 px
without sideways scrolling, fetches nothing from another origin, and prints without the menus.
With PROSSIMO_HELP_SHOTS=folder, phone-width (390 x 844) screenshots of the list and a service
page are written there (docs/screenshots/help/ holds the README's).
"""

import datetime as dt
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from central import demo, directory
from central.db import make_engine, next_sequence, session_factory, upgrade
from central.models import Organisation, StoredRecord
from protocol import Resource
from protocol.clock import utc_now
from protocol.entities import OpeningException
from tests.help import browser
from tests.service_process import clean_environment, running_service

pytestmark = pytest.mark.skipif(browser.find() is None, reason=browser.missing_reason())


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("help-services")
    db_url = f"sqlite:///{folder / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name="Ufficio di Piano di Lodi")
        session.add(org)
        session.flush()
        directory.import_package(session, org.id, demo.shipped_directory())
        session.flush()
        # One "Sportello casa" temporarily closed, so the badge is on the pages axe checks.
        row = next(
            r
            for r in session.query(StoredRecord).order_by(StoredRecord.id)
            if Resource.model_validate_json(r.body).service_name == "Sportello casa"
        )
        # ...with a closing day ahead, so the page's "closing days and other hours" row is checked too.
        days_off = [OpeningException(date=utc_now().date() + dt.timedelta(days=7))]
        closed = Resource.model_validate_json(row.body).model_copy(
            update={"status": "temporarily closed", "hours_exceptions": days_off}
        )
        row.body, row.version = closed.model_dump_json(), next_sequence(session, "change_seq")
    try:
        with running_service(db_url, env=clean_environment(PROSSIMO_HELP_LEAVE_URL="about:blank")) as running:
            yield running.url
    finally:
        engine.dispose()


def _search(chrome, url: str, language: str, words: str, near: str = "") -> None:
    chrome.get(f"{url}/help/{language}/")
    browser.follow(chrome, f'main a[href="/help/{language}/services"]')
    chrome.find_element(By.ID, "f-q").send_keys(words)
    if near:
        chrome.find_element(By.ID, "f-near").send_keys(near)
    browser.follow(chrome, 'form.search button[type="submit"]')


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_person_searches_reads_the_map_and_opens_a_service(url: str, chrome_factory, javascript: bool) -> None:
    chrome = chrome_factory(javascript=javascript, cookies=False, languages="it")
    _search(chrome, url, "it", "casa", near="Codogno")
    items = chrome.find_elements(By.CSS_SELECTOR, "ol.services > li")
    assert len(items) == 20 and "Servizi trovati: 69" in chrome.find_element(By.ID, "results-title").text
    assert "km da Codogno" in items[0].text
    pins = chrome.find_elements(By.CSS_SELECTOR, "svg.map g.pin")
    listed = [item.get_attribute("data-id") for item in items]
    assert sorted(pin.get_attribute("data-id") for pin in pins) == sorted(listed)
    svg = chrome.find_element(By.CSS_SELECTOR, "svg.map")
    assert svg.is_displayed() and svg.size["width"] > 200 and svg.size["height"] > 100
    first = items[0].find_element(By.TAG_NAME, "a").text
    browser.follow(chrome, "ol.services > li a")
    assert chrome.find_element(By.TAG_NAME, "h1").text == first
    assert chrome.find_element(By.CSS_SELECTOR, "dl.service").is_displayed()
    assert chrome.find_elements(By.CSS_SELECTOR, 'a[href^="tel:"]')
    # The Print button needs the script; without it the page says to print it, and prints the same.
    assert chrome.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed() == javascript
    assert chrome.find_element(By.CSS_SELECTOR, ".print-hint").is_displayed()


def _new_pages(url: str) -> list[str]:
    return [
        f"{url}/help/it/services",
        f"{url}/help/en/services?q=casa&near=Codogno",
        f"{url}/help/fi/services?category=food&page=2",
        f"{url}/help/it/services?q=xyzzy",
        f"{url}/help/en/services?q=sportello+casa&municipality=Lodi",
        f"{url}/help/fi/services?municipality=Atlantis&category=nope",  # the errors
    ]


def _service_pages(chrome, url: str) -> list[str]:
    chrome.get(f"{url}/help/en/services?q=sportello+casa")
    ids = [li.get_attribute("data-id") for li in chrome.find_elements(By.CSS_SELECTOR, "ol.services > li")]
    badge = [
        li.get_attribute("data-id") for li in chrome.find_elements(By.CSS_SELECTOR, "ol.services > li:has(.badge)")
    ]
    assert badge, "the temporarily closed service is listed with its badge"
    return [f"{url}/help/{lang}/services/{rid}" for lang, rid in (("it", badge[0]), ("en", ids[0]), ("fi", ids[1]))]


def test_the_directory_pages_pass_axe_fit_320_px_and_fetch_only_from_here(url: str, chrome_factory) -> None:
    chrome = chrome_factory()
    pages = _new_pages(url) + _service_pages(chrome, url)
    problems = {}
    for page in pages:
        chrome.get(page)
        if "Atlantis" in page:  # the form sent back with its errors, each beside its field
            assert len(chrome.find_elements(By.CSS_SELECTOR, "p.error")) == 2
        if "/help/it/services/" in page:  # the temporarily closed one, with its closing day
            assert "Giorni di chiusura e altri orari" in chrome.find_element(By.CSS_SELECTOR, "dl.service").text
        violations = browser.axe_violations(chrome)
        if violations:
            problems[page] = violations
        entries = chrome.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
        assert all(name.startswith(url + "/help/static/") for name in entries), (page, entries)
    assert problems == {}
    browser.at_size(chrome, 320, 640)
    assert browser.width_of(chrome) == 320
    wide = []
    for page in pages:
        chrome.get(page)
        if not browser.fits(chrome):
            wide.append(page)
    assert wide == []


def test_a_service_page_and_the_list_print_without_the_menus(url: str, chrome_factory) -> None:
    chrome = chrome_factory()
    chrome.get(f"{url}/help/en/services?q=casa")
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not chrome.find_element(By.TAG_NAME, "header").is_displayed()
    assert not chrome.find_element(By.CSS_SELECTOR, "form.search").is_displayed()
    assert chrome.find_element(By.CSS_SELECTOR, "svg.map").is_displayed()
    browser.follow(chrome, "ol.services > li a")
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not chrome.find_element(By.TAG_NAME, "header").is_displayed()
    assert chrome.find_element(By.CSS_SELECTOR, "dl.service").is_displayed()
    assert re.search(r"\d", chrome.find_element(By.CSS_SELECTOR, "ul.hours").text)


if os.environ.get("PROSSIMO_HELP_SHOTS"):  # pragma: no cover - a developer's aid, not a test

    def test_screenshots(url: str, chrome_factory) -> None:
        folder = Path(os.environ["PROSSIMO_HELP_SHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        chrome = chrome_factory(size=(390, 844))
        chrome.get(f"{url}/help/it/services?q=casa&near=Codogno")
        browser.page_screenshot(chrome, folder / "help-services-it.png", width=390)
        first = chrome.find_element(By.CSS_SELECTOR, "ol.services > li").get_attribute("data-id")
        chrome.get(f"{url}/help/en/services/{first}")
        browser.page_screenshot(chrome, folder / "help-service-en.png", width=390)
