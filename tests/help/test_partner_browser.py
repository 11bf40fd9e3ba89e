"""The partner pages in a real browser: Debian's Chromium at a phone's size, against the real
`prossimo-central serve` on its own SQLite file. A partner opens the invitation link, sets a
password (a short one first: the error beside its field), sees their services with the count to
check, confirms one "still correct" (the record then carries today's date under a new change
sequence, which is what a device pulls: tests/central/test_partners.py follows it to a device),
adds a TOTP second factor, and finds another provider's service "not found"; another partner
edits a service's weekly hours on a 390 px phone (a time closing before it opens named beside it,
then saved and published: tests/central/test_partner_edit.py follows such a change to a device).
Every page is
checked with axe-core at WCAG 2.2 AA and for sideways scrolling (JavaScript is on only for axe:
the pages carry no script).
"""

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from selenium.webdriver.common.by import By

from central import directory
from central.db import current_sequence, make_engine, session_factory, upgrade
from central.models import Organisation
from central.partners import accounts
from protocol import hsds
from protocol.clock import utc_now
from tests.central.test_partners import FOOD_BANK, PARTNER_PASSWORD, SHELTER, _resource
from tests.help import browser
from tests.service_process import clean_environment, running_service

pytestmark = pytest.mark.skipif(browser.find() is None, reason=browser.missing_reason())


class Served:
    def __init__(self, url: str, engine, org_id) -> None:
        self.url, self.engine, self.org_id = url, engine, org_id


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("partner-central")
    db_url = f"sqlite:///{folder / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    today = utc_now().date()
    entries = [
        _resource(FOOD_BANK, "Pacchi alimentari", "Codogno", today - dt.timedelta(days=400)),
        _resource(FOOD_BANK, "Mensa", "Codogno", today - dt.timedelta(days=30)),
        _resource(SHELTER, "Accoglienza notturna", "Lodi", None),
    ]
    hsds.export_directory(entries, folder / "directory.json")
    with session_factory(engine).begin() as session:
        org = Organisation(name="Cooperativa Lodi")
        session.add(org)
        session.flush()
        directory.import_package(session, org.id, folder / "directory.json")
    try:
        with running_service(db_url, env=clean_environment()) as running:
            yield Served(running.url, engine, org.id)
    finally:
        engine.dispose()


def _checked(chrome) -> None:
    assert browser.axe_violations(chrome) == [], chrome.current_url
    assert browser.fits(chrome), chrome.current_url


def test_invitation_password_and_still_correct_from_a_phone(served: Served) -> None:
    with session_factory(served.engine).begin() as session:
        provider = accounts.find_provider(session, served.org_id, FOOD_BANK)
        token, _ = accounts.invite(session, served.org_id, provider, "anna@banco.example.org", utc_now())
    chrome = browser.start(languages="it")  # the pages carry no script; axe needs the driver's
    try:
        chrome.get(f"{served.url}/partner/it/invite/{token}")
        assert browser.width_of(chrome) == browser.PHONE[0]  # a phone's 360 px, not headless Chromium's 500
        assert chrome.find_element(By.TAG_NAME, "h1").text == "Scegli la tua password"
        _checked(chrome)
        chrome.find_element(By.ID, "password").send_keys("troppo")
        chrome.find_element(By.ID, "again").send_keys("troppo")
        browser.follow(chrome, "main button[type=submit]")
        assert "Password: scrivi almeno 12 caratteri." in chrome.find_element(By.CSS_SELECTOR, ".error").text
        _checked(chrome)  # the error beside its field, announced
        chrome.find_element(By.ID, "password").send_keys(PARTNER_PASSWORD)
        chrome.find_element(By.ID, "again").send_keys(PARTNER_PASSWORD)
        browser.follow(chrome, "main button[type=submit]")
        assert chrome.current_url == f"{served.url}/partner/it/"
        assert chrome.find_element(By.TAG_NAME, "h1").text == "I tuoi servizi"
        assert "Servizi da controllare: 1" in chrome.find_element(By.CSS_SELECTOR, ".due-count").text
        names = [e.text for e in chrome.find_elements(By.CSS_SELECTOR, ".services h2")]
        assert names == ["Pacchi alimentari", "Mensa"]  # the one to check first; never another provider's
        _checked(chrome)
        if os.environ.get("PROSSIMO_HELP_SHOTS"):  # pragma: no cover - a developer's aid
            browser.page_screenshot(chrome, Path(os.environ["PROSSIMO_HELP_SHOTS"]) / "partner-home.png")

        version_before = _version(served)
        browser.follow(chrome, ".services li:first-child form.verify button")
        assert "Grazie" in chrome.find_element(By.CSS_SELECTOR, ".notice").text
        assert "Servizi da controllare" not in chrome.find_element(By.CSS_SELECTOR, ".due-count").text
        _checked(chrome)

        with session_factory(served.engine)() as session:
            entry = next(
                e for e in directory.entries(session, served.org_id) if e.resource.service_name == "Pacchi alimentari"
            )
        assert entry.resource.last_verified_on == utc_now().date()
        assert entry.row.version > version_before  # a new change sequence: devices pull it
        browser.follow(chrome, "main a[href='/partner/it/totp/enrol']")  # the recommended second factor
        assert chrome.find_element(By.TAG_NAME, "h1").text == "Aggiungi un secondo fattore"
        _checked(chrome)
        key = chrome.find_element(By.CSS_SELECTOR, ".key code").text.replace(" ", "")
        chrome.find_element(By.ID, "code").send_keys(pyotp.TOTP(key).now())
        browser.follow(chrome, "main button[type=submit]")
        assert "Il secondo fattore è attivo" in chrome.find_element(By.CSS_SELECTOR, ".notice").text
        chrome.get(f"{served.url}/partner/it/services/{_shelter_id(served)}")
        assert chrome.find_element(By.TAG_NAME, "h1").text == "Pagina non trovata"
        _checked(chrome)
    finally:
        chrome.quit()


def _version(served: Served) -> int:
    with session_factory(served.engine)() as session:
        return current_sequence(session, "change_seq")


def _shelter_id(served: Served) -> str:
    with session_factory(served.engine)() as session:
        return next(
            str(e.row.id) for e in directory.entries(session, served.org_id) if e.resource.organization_name == SHELTER
        )


def test_a_partner_edits_the_hours_from_a_phone(served: Served) -> None:
    """At 390 px: the hours form, a day that closes before it opens (the error beside it, in
    Italian), then the right hours saved, published, and carried by the record devices pull."""
    with session_factory(served.engine).begin() as session:
        provider = accounts.find_provider(session, served.org_id, FOOD_BANK)
        token, _ = accounts.invite(session, served.org_id, provider, "bruno@banco.example.org", utc_now())
    chrome = browser.start(languages="it", size=(390, 844))  # really 390 px: see browser.at_size
    try:
        chrome.get(f"{served.url}/partner/it/invite/{token}")
        assert browser.width_of(chrome) == 390
        chrome.find_element(By.ID, "password").send_keys(PARTNER_PASSWORD)
        chrome.find_element(By.ID, "again").send_keys(PARTNER_PASSWORD)
        browser.follow(chrome, "main button[type=submit]")
        mensa = _service_id(served, "Mensa")
        browser.follow(chrome, f"a[href='/partner/it/services/{mensa}']")
        _checked(chrome)
        browser.follow(chrome, f"a[href='/partner/it/services/{mensa}/edit/hours']")
        assert chrome.find_element(By.TAG_NAME, "h1").text == "Orari di apertura"
        _checked(chrome)
        _time(chrome, "d1-0-o", "12", "00")
        _time(chrome, "d1-0-c", "09", "00")
        browser.follow(chrome, "main button[type=submit]")
        error = chrome.find_element(By.ID, "d1-0-error")
        assert error.text == "Lunedì, orario 1: chiude alle 09:00, prima di aprire alle 12:00."
        opens = chrome.find_element(By.ID, "d1-0-o")
        assert opens.get_attribute("aria-describedby") == "d1-0-error" and opens.get_attribute("value") == "12:00"
        _checked(chrome)  # the error beside its field, announced
        if os.environ.get("PROSSIMO_HELP_SHOTS"):  # pragma: no cover - a developer's aid
            chrome.save_screenshot(str(Path(os.environ["PROSSIMO_HELP_SHOTS"]) / "partner-hours.png"))
        version_before = _version(served)
        _time(chrome, "d1-0-o", "09", "00")
        _time(chrome, "d1-0-c", "12", "30")
        _time(chrome, "d4-0-o", "14", "00")
        _time(chrome, "d4-0-c", "17", "00")
        browser.follow(chrome, "main button[type=submit]")
        assert chrome.current_url == f"{served.url}/partner/it/services/{mensa}?saved=1"
        assert "Salvato e pubblicato" in chrome.find_element(By.CSS_SELECTOR, ".notice").text
        hours = [e.text for e in chrome.find_elements(By.CSS_SELECTOR, ".facts .plain li")]
        assert hours == ["Lunedì: 09:00–12:30", "Giovedì: 14:00–17:00"]
        _checked(chrome)
        with session_factory(served.engine)() as session:
            entry = next(e for e in directory.entries(session, served.org_id) if str(e.row.id) == mensa)
        assert [(h.weekday, h.opens_at.isoformat(), h.closes_at.isoformat()) for h in entry.resource.opening_hours] == [
            (1, "09:00:00", "12:30:00"),
            (4, "14:00:00", "17:00:00"),
        ]
        assert entry.row.version > version_before  # a new change sequence: devices pull it
    finally:
        chrome.quit()


def _time(chrome, field: str, hours: str, minutes: str) -> None:
    """Type a time into a time input as a person does on Chromium: hours, minutes, then AM or PM
    where the browser's locale shows a 12-hour clock (a 24-hour one ignores the letter)."""
    element = chrome.find_element(By.ID, field)
    element.clear()
    element.send_keys(hours + minutes + ("P" if int(hours) >= 12 else "A"))


def _service_id(served: Served, name: str) -> str:
    with session_factory(served.engine)() as session:
        return next(str(e.row.id) for e in directory.entries(session, served.org_id) if e.resource.service_name == name)
