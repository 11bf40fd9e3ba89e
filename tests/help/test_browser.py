"""The help desk in a real browser: Debian's Chromium at a phone's size, JavaScript on and off.

The service is the real `prossimo-central serve` on its own SQLite file (so its per-address
rate limit is this module's alone), holding the demo's pages; a first contact sent from the
browser must reach a real device's encrypted store through a real sync, and a booking of a time
a device offered must come back to the browser's status page confirmed, with the team's reply. Every page is checked
with axe-core at the WCAG 2.2 AA level and for sideways scrolling at 320 px (which is what a
640 px wide window shows at 200 % zoom).
"""

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from central.db import make_engine, session_factory, upgrade
from central.help import content, form_token
from desktop.store import slot_queries as sq
from desktop.store.intake_queries import intake_queue
from protocol.clock import utc_now
from tests.help import browser
from tests.service_process import clean_environment, running_service
from tests.sync_world import CentralService, World, new_world

pytestmark = pytest.mark.skipif(browser.find() is None, reason=browser.missing_reason())
NEUTRAL = "about:blank"  # where "leave this site quickly" goes in these tests (no network here)


def _serve(folder: Path) -> Iterator[CentralService]:
    db_url = f"sqlite:///{folder / 'central.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    with session_factory(engine).begin() as session:
        content.add_demo_pages(session)
    env = clean_environment(PROSSIMO_HELP_LEAVE_URL=NEUTRAL)
    try:
        with running_service(db_url, env=env) as running:
            yield CentralService(running.url, db_url, engine, running.process)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralService]:
    yield from _serve(tmp_path_factory.mktemp("help-central"))


@pytest.fixture(scope="module")
def booking_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralService]:
    """The bookings' own service: every request from this machine counts against one address's
    rate limit (5 an hour), which the first contacts' tests already use up to four of."""
    yield from _serve(tmp_path_factory.mktemp("help-booking"))


@pytest.fixture()
def world(service: CentralService, tmp_path: Path) -> Iterator[World]:
    built = new_world(service, tmp_path)
    yield built
    for device in built.devices:
        device.close()


@pytest.fixture()
def booking_world(booking_service: CentralService, tmp_path: Path) -> Iterator[World]:
    built = new_world(booking_service, tmp_path)
    yield built
    for device in built.devices:
        device.close()


def _wait_for_fill_time(opened: float) -> None:
    # The service refuses a form sent sooner than MIN_FILL after it was served (anti-spam); a person
    # takes longer than that anyway. A pause, not a timing assertion.
    remaining = form_token.MIN_FILL.total_seconds() + 0.5 - (time.monotonic() - opened)
    if remaining > 0:
        time.sleep(remaining)


WORDS = {
    "it": {"alias_error": "Nome: scrivi un nome", "sent": "Grazie, abbiamo ricevuto il tuo messaggio"},
    "fi": {"alias_error": "Nimi: kirjoita nimi", "sent": "Kiitos, saimme viestisi"},
}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["it", "fi"])
def test_a_first_contact_from_a_phone_reaches_the_teams_device(
    world: World, chrome_factory, language: str, javascript: bool
) -> None:
    # Without JavaScript the browser also refuses every cookie: the form must not need one.
    chrome = chrome_factory(javascript=javascript, cookies=javascript, languages=f"{language},en;q=0.5")
    chrome.get(f"{world.service.url}/help/")
    assert chrome.current_url == f"{world.service.url}/help/{language}/"  # chosen by Accept-Language
    assert browser.fits(chrome)
    browser.follow(chrome, f'main a.button[href="/help/{language}/contact"]')
    opened = time.monotonic()
    chrome.find_element(By.CSS_SELECTOR, f'input[name="team"][value="{world.team_a}"]').click()
    chrome.find_element(By.CSS_SELECTOR, 'input[name="reach"][value="sms"]').click()
    email = chrome.find_element(By.ID, "f-email")
    # With JavaScript the email field, which an SMS does not need, is put away; without, all is shown.
    assert email.is_displayed() is (not javascript)
    chrome.find_element(By.ID, "f-phone").send_keys("+39 333 765 4321")
    chrome.find_element(By.ID, "f-times").send_keys("dopo le 18")
    chrome.find_element(By.ID, "f-topic").send_keys("mio figlio")
    Select(chrome.find_element(By.ID, "f-language")).select_by_value(language)
    chrome.find_element(By.CSS_SELECTOR, 'input[name="consent"]').click()
    _wait_for_fill_time(opened)
    browser.follow(chrome, 'button[type="submit"]')  # no name yet: an error

    summary = chrome.find_element(By.ID, "errors")
    assert WORDS[language]["alias_error"] in summary.text
    assert chrome.find_element(By.ID, "f-phone").get_attribute("value") == "+39 333 765 4321"  # kept
    assert chrome.find_element(By.ID, "f-topic").get_attribute("value") == "mio figlio"
    assert chrome.find_element(By.ID, "f-alias").get_attribute("aria-invalid") == "true"
    if javascript:
        assert chrome.switch_to.active_element == summary  # focus moved to the summary
    opened = time.monotonic()
    alias = f"Stella {language} {'js' if javascript else 'nojs'}"
    chrome.find_element(By.ID, "f-alias").send_keys(alias)
    _wait_for_fill_time(opened)
    browser.follow(chrome, 'button[type="submit"]')
    assert WORDS[language]["sent"] in chrome.find_element(By.TAG_NAME, "h1").text
    reference = chrome.find_element(By.CLASS_NAME, "reference").text
    assert chrome.get_cookies() == []
    assert browser.fits(chrome)

    device = world.device(world.add_operator("anna", [world.team_a]))
    device.sync()
    (request,) = [r for r in device.store.call(lambda s: intake_queue(s, None)) if r.reference == reference]
    assert (request.alias, request.contact_channel, request.contact_detail) == (alias, "sms", "+39 333 765 4321")
    assert (request.preferred_times, request.topic, request.language) == ("dopo le 18", "mio figlio", language)
    assert request.consent_to_contact and not request.may_say_who_from
    other_team = world.device(world.add_operator("bruno", [world.team_b]))
    other_team.sync()
    assert other_team.store.call(lambda s: intake_queue(s, None)) == []


BOOKING = {
    "it": {
        "booked": "Grazie, abbiamo tenuto questo orario per te",
        "time": "12:00–12:45",
        "video": "In videochiamata",
        "confirmed": "Appuntamento confermato",
        "words_error": "Parole di controllo: scrivi",
        "reply": "Ci vediamo giovedì. Il link arriva un'ora prima.",
    },
    "fi": {
        "booked": "Kiitos, varasimme tämän ajan sinulle",
        "time": "12.00–12.45",  # the Finnish way of writing a time
        "video": "Videopuhelulla",
        "confirmed": "Aika vahvistettu",
        "words_error": "Tarkistussanat: kirjoita",
        "reply": "Nähdään torstaina. Linkki tulee tuntia ennen.",
    },
}


def _axe_clean(chrome, problems: dict, name: str, javascript: bool = True) -> None:
    """axe-core's violations on the open page, kept under `name`. Axe is a script: with the page's
    JavaScript off it cannot run, and the page's HTML is the same, so it is checked in the JS run."""
    if not javascript:
        return
    violations = browser.axe_violations(chrome)
    if violations:
        problems[name] = violations


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["it", "fi"])
def test_a_booking_from_a_phone_is_confirmed_on_a_device_and_its_reply_read_on_the_status_page(
    booking_world: World, chrome_factory, language: str, javascript: bool
) -> None:
    world = booking_world
    texts = BOOKING[language]
    laptop = world.device(world.add_operator("anna", [world.team_a]))
    starts = dt.datetime.combine((utc_now() + dt.timedelta(days=3)).date(), dt.time(9), tzinfo=dt.UTC)
    offered = [
        laptop.store.call(
            lambda s, at=at, mode=mode: sq.offer_slot(
                s,
                team_id=world.team_a,
                starts_at=at,
                ends_at=at + dt.timedelta(minutes=45),
                time_zone="Europe/Rome",
                mode=mode,
                place="https://video.example.org/prossimo" if mode == "video" else "Via Cavour 12, Lodi",
            )
        )
        for at, mode in ((starts, "in_person"), (starts + dt.timedelta(hours=2), "video"))
    ]
    assert laptop.sync().rejected == 0

    chrome = chrome_factory(javascript=javascript, cookies=javascript, languages=f"{language},en;q=0.5")
    problems: dict = {}
    chrome.get(f"{world.service.url}/help/{language}/")
    browser.follow(chrome, f'main a.button[href="/help/{language}/book"]')
    _axe_clean(chrome, problems, "book: the team's choice", javascript)
    chrome.find_element(By.CSS_SELECTOR, f'input[name="team"][value="{world.team_a}"]').click()
    browser.follow(chrome, 'button[type="submit"]')  # a GET form: the team's free times
    opened = time.monotonic()
    assert browser.fits(chrome)
    _axe_clean(chrome, problems, "book: the free times", javascript)
    page = chrome.find_element(By.TAG_NAME, "main").text
    assert "Via Cavour" not in page and "video.example.org" not in page and "anna" not in page
    chrome.find_element(By.CSS_SELECTOR, f'input[name="slot"][value="{offered[1].id}"]').click()
    alias = f"Luce {language} {'js' if javascript else 'nojs'}"
    chrome.find_element(By.ID, "f-alias").send_keys(alias)
    chrome.find_element(By.CSS_SELECTOR, 'input[name="reach"][value="none"]').click()
    Select(chrome.find_element(By.ID, "f-language")).select_by_value(language)
    chrome.find_element(By.CSS_SELECTOR, 'input[name="consent"]').click()
    _wait_for_fill_time(opened)
    browser.follow(chrome, 'button[type="submit"]')
    assert texts["booked"] in chrome.find_element(By.TAG_NAME, "h1").text, chrome.page_source
    assert texts["video"] in chrome.find_element(By.CLASS_NAME, "meeting").text
    assert texts["time"] in chrome.find_element(By.CLASS_NAME, "meeting").text  # 11:00 UTC in Rome (CET)
    reference = chrome.find_element(By.CLASS_NAME, "reference").text
    words = chrome.find_element(By.CLASS_NAME, "words").text
    assert len(words.split()) == 4 and chrome.get_cookies() == []
    assert browser.fits(chrome)
    _axe_clean(chrome, problems, "booked", javascript)

    # The team's laptop sees the hold through sync, confirms it and writes to the person.
    laptop.sync()
    held = [v for v in laptop.store.call(lambda s: sq.slots_between(s, starts, starts + dt.timedelta(days=1)))]
    (booked,) = [v for v in held if v.request is not None]
    assert booked.taken == "held" and booked.request is not None and booked.request.alias == alias
    assert booked.request.reference == reference
    laptop.store.call(lambda s: sq.confirm_booking(s, booked.request.id, texts["reply"]))  # type: ignore[union-attr]
    assert laptop.sync().rejected == 0

    # Days later, on the same phone: the status page from the receipt's link.
    browser.follow(chrome, f'.receipt a[href="/help/{language}/status"]')
    _axe_clean(chrome, problems, "status form", javascript)
    chrome.find_element(By.ID, "f-reference").send_keys(reference.lower())
    chrome.find_element(By.ID, "f-words").send_keys(" ".join(words.split()[:3]))  # one word forgotten
    browser.follow(chrome, 'button[type="submit"]')
    summary = chrome.find_element(By.ID, "errors")
    assert texts["words_error"] in summary.text
    assert chrome.find_element(By.ID, "f-reference").get_attribute("value") == reference.lower()  # kept
    if javascript:
        assert chrome.switch_to.active_element == summary
    _axe_clean(chrome, problems, "status form with errors", javascript)
    field = chrome.find_element(By.ID, "f-words")
    field.clear()
    field.send_keys(words.upper())  # capitals do not matter
    browser.follow(chrome, 'button[type="submit"]')
    status = chrome.find_element(By.CSS_SELECTOR, "section.status").text
    assert texts["confirmed"] in status and texts["reply"] in status
    assert "https://video.example.org/prossimo" in status and texts["video"] in status
    assert chrome.get_cookies() == [] and browser.fits(chrome)
    _axe_clean(chrome, problems, "status with the reply", javascript)
    assert problems == {}


def _every_page(url: str) -> list[str]:
    pages = []
    for language in ("it", "en", "fi"):
        pages += [f"{url}/help/{language}/", f"{url}/help/{language}/contact", f"{url}/help/{language}/info/nothing"]
        pages += [f"{url}/help/{language}/book", f"{url}/help/{language}/status"]
        pages += [f"{url}/help/{language}/info/{slug}" for slug in ("addiction-treatment", "families", "gambling")]
        pages += [f"{url}/help/{language}/info/{slug}" for slug in ("alcohol", "story-luca", "story-marta")]
    return pages


def test_every_page_passes_axe_at_wcag_22_aa_and_fits_320_px(world: World, chrome_factory) -> None:
    chrome = chrome_factory()
    problems = {}
    for page in _every_page(world.service.url):
        chrome.get(page)
        assert chrome.find_element(By.CSS_SELECTOR, "a.leave").is_displayed()
        violations = browser.axe_violations(chrome)
        if violations:
            problems[page] = violations
    # The form with errors, and the thank-you page.
    chrome.get(f"{world.service.url}/help/fi/contact")
    _wait_for_fill_time(time.monotonic())
    browser.follow(chrome, 'button[type="submit"]')
    assert chrome.find_element(By.ID, "errors").is_displayed()
    violations = browser.axe_violations(chrome)
    if violations:
        problems["form with errors"] = violations
    # The thank-you page, reached here through the honeypot (nothing is kept, no rate is counted).
    chrome.execute_script("document.getElementById('f-website').value = 'robot';")
    _wait_for_fill_time(time.monotonic())
    browser.follow(chrome, 'button[type="submit"]')
    assert chrome.find_element(By.CLASS_NAME, "reference").is_displayed()
    violations = browser.axe_violations(chrome)
    if violations:
        problems["thank-you page"] = violations
    assert problems == {}
    browser.at_size(chrome, 320, 640)
    assert browser.width_of(chrome) == 320
    wide = []
    for page in _every_page(world.service.url):
        chrome.get(page)
        if not browser.fits(chrome):
            wide.append(page)
    assert wide == []


def test_leaving_quickly_replaces_the_page_in_the_history_with_javascript(world: World, chrome_factory) -> None:
    chrome = chrome_factory()
    home = f"{world.service.url}/help/en/"
    chrome.get(home)
    browser.follow(chrome, 'main a.button[href="/help/en/contact"]')
    length = chrome.execute_script("return history.length;")
    browser.follow(chrome, "a.leave")
    assert chrome.current_url == NEUTRAL
    assert chrome.execute_script("return history.length;") == length  # replaced, not added
    chrome.back()
    assert chrome.current_url == home  # Back skips the form the person was on


def test_leaving_quickly_without_javascript_is_a_plain_link(world: World, chrome_factory) -> None:
    chrome = chrome_factory(javascript=False, cookies=False)
    chrome.get(f"{world.service.url}/help/it/contact")
    link = chrome.find_element(By.CSS_SELECTOR, "a.leave")
    assert link.get_attribute("href") == NEUTRAL and link.is_displayed()
    browser.follow(chrome, "a.leave")
    assert chrome.current_url == NEUTRAL


def test_no_page_asks_for_anything_from_another_origin(world: World, chrome_factory) -> None:
    chrome = chrome_factory()
    for page in _every_page(world.service.url):
        chrome.get(page)
        entries = chrome.execute_script(
            "return performance.getEntriesByType('resource').map(e => [e.name, e.responseStatus]);"
        )
        assert entries, page
        for name, status in entries:
            assert name.startswith(world.service.url + "/help/static/") and status == 200, (page, name, status)


if os.environ.get("PROSSIMO_HELP_SHOTS"):  # pragma: no cover - a developer's aid, not a test

    def test_screenshots(world: World, chrome_factory) -> None:
        folder = Path(os.environ["PROSSIMO_HELP_SHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        chrome = chrome_factory()
        shots = [("home", "/help/it/"), ("contact", "/help/fi/contact"), ("info", "/help/en/info/families")]
        laptop = world.device(world.add_operator("anna", [world.team_a]))
        starts = dt.datetime.combine((utc_now() + dt.timedelta(days=2)).date(), dt.time(8), tzinfo=dt.UTC)
        for hours, mode in ((0, "in_person"), (2, "phone"), (24, "video"), (26, "in_person")):
            at = starts + dt.timedelta(hours=hours)
            laptop.store.call(
                lambda s, at=at, mode=mode: sq.offer_slot(
                    s,
                    team_id=world.team_a,
                    starts_at=at,
                    ends_at=at + dt.timedelta(minutes=45),
                    time_zone="Europe/Rome",
                    mode=mode,
                    place=None,
                )
            )
        laptop.sync()
        shots += [("book", f"/help/it/book?team={world.team_a}"), ("status", "/help/fi/status")]
        for name, path in shots:
            chrome.get(world.service.url + path)
            browser.page_screenshot(chrome, folder / f"help-{name}.png")
        # The booking's receipt and, once the team confirmed and wrote, the status page.
        chrome.get(f"{world.service.url}/help/fi/book?team={world.team_a}")
        opened = time.monotonic()
        chrome.find_elements(By.CSS_SELECTOR, 'input[name="slot"]')[0].click()
        chrome.find_element(By.ID, "f-alias").send_keys("Aino")
        chrome.find_element(By.CSS_SELECTOR, 'input[name="reach"][value="none"]').click()
        chrome.find_element(By.CSS_SELECTOR, 'input[name="consent"]').click()
        _wait_for_fill_time(opened)
        browser.follow(chrome, 'button[type="submit"]')
        browser.page_screenshot(chrome, folder / "help-booked.png")
        reference = chrome.find_element(By.CLASS_NAME, "reference").text
        words = chrome.find_element(By.CLASS_NAME, "words").text
        laptop.sync()
        day = laptop.store.call(lambda s: sq.slots_between(s, starts, starts + dt.timedelta(days=2)))
        held = next(v for v in day if v.request is not None)
        laptop.store.call(lambda s: sq.confirm_booking(s, held.request.id, "Tervetuloa! Soita ovikelloa."))  # type: ignore[union-attr]
        laptop.sync()
        chrome.get(f"{world.service.url}/help/fi/status")
        chrome.find_element(By.ID, "f-reference").send_keys(reference)
        chrome.find_element(By.ID, "f-words").send_keys(words)
        browser.follow(chrome, 'button[type="submit"]')
        browser.page_screenshot(chrome, folder / "help-status-reply.png")
