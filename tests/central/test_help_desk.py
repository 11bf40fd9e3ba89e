"""The public help desk's pages (/help/): languages, headers, the first-contact and booking forms
and their errors, the status page.

Against the real app on SQLite and PostgreSQL, through Starlette's test client: no cookies are
ever kept by it here (none are set), and no script runs, so every post is the no-JavaScript,
no-cookie post. The form's fill-time rule is met by walking the app's clock, not by sleeping.
"""

import datetime as dt
import gzip
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.app import create_app
from central.db import session_factory
from central.help import content, form_token
from central.help.headers import CSP
from central.help.i18n import LANGUAGES
from central.intake import RATE_LIMIT
from central.models import HelpPage, Organisation, StoredRecord, Team
from protocol import IntakeRequest
from tests.central.conftest import Device, World
from tests.help.pages import TOKEN, WalkingClock, parse, same_origin

ADDRESS = ("198.51.100.23", 40000)


@dataclass
class Desk:
    world: World
    client: TestClient
    clock: WalkingClock
    anna: Device | None = None  # a device of team A and B's operator, made when a test first needs it

    def token(self, language: str) -> str:
        page = self.client.get(f"/help/{language}/contact")
        assert page.status_code == 200
        found = TOKEN.search(page.text)
        assert found is not None
        return found.group(1)

    def post(self, page: str, fields: dict[str, str], wait_s: float = form_token.MIN_FILL.total_seconds() + 1):
        """The form of the page in language `page`, filled with `fields`, sent after `wait_s`."""
        token = self.token(page)
        self.clock.walk(wait_s)
        return self.client.post(
            f"/help/{page}/contact", data={"token": token, **fields}, headers={"Origin": "http://testserver"}
        )

    def requests(self) -> list[IntakeRequest]:
        with session_factory(self.world.engine)() as session:
            bodies = session.execute(select(StoredRecord.body).where(StoredRecord.entity == "intake_request")).scalars()
            return [IntakeRequest.model_validate_json(body) for body in bodies]


@pytest.fixture()
def desk(world: World) -> Iterator[Desk]:
    clock = WalkingClock()
    with TestClient(create_app(world.engine, clock=clock.now), client=ADDRESS) as client:
        yield Desk(world, client, clock)


def _form(desk: Desk, **overrides: str) -> dict[str, str]:
    teams = {"team": str(desk.world.team_a)}
    return {
        **teams,
        "alias": "Stella",
        "reach": "sms",
        "phone": "+39 333 765 4321",
        "times": "dopo le 18",
        "say_who": "no",
        "topic": "mio figlio beve",
        "language": "it",
        "consent": "yes",
        **overrides,
    }


def _only_org(engine: Engine, world: World) -> None:
    """Other organisations' teams are offered too; these tests look at this world's only."""
    with session_factory(engine).begin() as session:
        for team in session.execute(select(Team).where(Team.organisation_id != world.org_id)).scalars():
            session.delete(team)
        for org in session.execute(select(Organisation).where(Organisation.id != world.org_id)).scalars():
            session.delete(org)


# --- languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fi-FI,fi;q=0.9,en;q=0.8", "fi"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,en;q=0.5,fi;q=0.7", "fi"),
        ("de,fr", "it"),
        (None, "it"),
        ("fi;q=nonsense,en;q=0.1", "en"),
    ],
)
def test_the_front_door_redirects_by_accept_language_with_italian_by_default(
    desk: Desk, header: str | None, language: str
) -> None:
    answer = desk.client.get("/help/", headers={"Accept-Language": header} if header else {}, follow_redirects=False)
    assert answer.status_code == 302
    assert answer.headers["location"] == f"/help/{language}/"
    assert "accept-language" in answer.headers["vary"].lower()


def test_every_page_offers_every_language_of_the_same_page(desk: Desk) -> None:
    for language in LANGUAGES:
        for path in ("", "contact"):
            page = parse(desk.client.get(f"/help/{language}/{path}").text)
            for other in LANGUAGES:
                if other != language:
                    assert f"/help/{other}/{path}" in page.links


def test_an_unknown_language_or_page_is_a_page_not_a_500(desk: Desk) -> None:
    for path in ("/help/de/", "/help/xx/contact", "/help/it/info/no-such-page", "/help/it/info/NO_SUCH"):
        answer = desk.client.get(path)
        assert answer.status_code == 404
        assert answer.headers["content-type"].startswith("text/html")
    assert desk.client.get("/help/it/info/..%2F..%2Fetc").status_code == 404
    assert desk.client.post("/help/zz/contact", data={"alias": "x"}).status_code == 404


# --- headers --------------------------------------------------------------------------------


def _pages(desk: Desk) -> list[str]:
    paths = []
    for language in LANGUAGES:
        paths += [f"/help/{language}/", f"/help/{language}/contact", f"/help/{language}/status"]
        paths += [f"/help/{language}/book", f"/help/{language}/book?team={desk.world.team_a}"]
    _offer(desk, desk.clock.now_value + dt.timedelta(days=2), place="Via Roma 1")  # a booking page with its times
    with session_factory(desk.world.engine)() as session:
        content.add_demo_pages(session)
        session.commit()
        paths += [f"/help/{p.language}/info/{p.slug}" for p in content.listing(session, published_only=True)]
    return paths


def test_every_page_carries_the_strict_headers_and_no_cookie(desk: Desk) -> None:
    for path in [*_pages(desk), "/help/static/help.css", "/help/static/help.js", "/help/it/nothing"]:
        answer = desk.client.get(path)
        policy = answer.headers["content-security-policy"]
        assert policy == CSP
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "set-cookie" not in answer.headers
        assert "strict-transport-security" not in answer.headers  # plain HTTP: HSTS means nothing
    form = desk.post("it", _form(desk))
    assert "set-cookie" not in form.headers and form.headers["cache-control"] == "no-store"


def test_hsts_is_sent_over_tls(world: World) -> None:
    with TestClient(create_app(world.engine), base_url="https://testserver") as client:
        answer = client.get("/help/it/")
        assert answer.headers["strict-transport-security"].startswith("max-age=")
        # The API's routes are not the help desk's: their answers are left as they were.
        assert "content-security-policy" not in client.get("/v1/health").headers


def test_no_page_loads_anything_from_elsewhere_or_runs_inline_code(desk: Desk) -> None:
    desk.post("fi", _form(desk, alias=""))  # an error page too
    for path in _pages(desk):
        page = parse(desk.client.get(path).text)
        assert page.fetched, path
        assert all(same_origin(url) for url in page.fetched), (path, page.fetched)
        assert page.inline == [], (path, page.inline)
    css = desk.client.get("/help/static/help.css").text
    assert "url(" not in css and "@import" not in css


def test_every_page_weighs_at_most_30_kb_compressed_with_its_style_sheet_and_script(desk: Desk) -> None:
    extras = sum(len(gzip.compress(desk.client.get(f"/help/static/{n}").content)) for n in ("help.css", "help.js"))
    for path in _pages(desk):
        weight = len(gzip.compress(desk.client.get(path).content)) + extras
        assert weight <= 30 * 1024, (path, weight)


# --- the first contact ----------------------------------------------------------------------


def test_a_first_contact_without_javascript_or_cookies_reaches_the_chosen_team(desk: Desk) -> None:
    answer = desk.post("it", _form(desk, team=str(desk.world.team_b)))
    assert answer.status_code == 200, answer.text
    reference = parse_reference(answer.text)
    (request,) = desk.requests()
    assert request.reference == reference
    assert (request.alias, request.contact_channel, request.contact_detail) == ("Stella", "sms", "+39 333 765 4321")
    assert (request.preferred_times, request.topic, request.language) == ("dopo le 18", "mio figlio beve", "it")
    assert request.kind == "first_contact" and request.consent_to_contact and not request.may_say_who_from
    with session_factory(desk.world.engine)() as session:
        stored = session.get(StoredRecord, request.id)
        assert stored is not None and stored.team_id == desk.world.team_b
    # "I'll check back here", saying who it is from allowed: no detail kept even if one was typed.
    desk.post("en", _form(desk, alias="Kim", reach="none", phone="+39 333 111 2222", say_who="yes", language="fi"))
    kim = next(r for r in desk.requests() if r.alias == "Kim")
    assert (kim.contact_channel, kim.contact_detail, kim.may_say_who_from, kim.language) == ("none", None, True, "fi")


def parse_reference(html: str) -> str:
    start = html.index('class="reference">') + len('class="reference">')
    return html[start : html.index("<", start)]


def test_with_one_team_no_choice_is_asked(desk: Desk, engine: Engine) -> None:
    _only_org(engine, desk.world)
    with session_factory(engine).begin() as session:
        session.delete(session.get(Team, desk.world.team_b))
    page = desk.client.get("/help/en/contact").text
    assert 'name="team"' not in page
    form = _form(desk)
    del form["team"]
    assert desk.post("en", form).status_code == 200
    (request,) = desk.requests()
    with session_factory(engine)() as session:
        assert session.get(StoredRecord, request.id).team_id == desk.world.team_a  # type: ignore[union-attr]


def test_several_teams_are_offered_by_name(desk: Desk, engine: Engine) -> None:
    _only_org(engine, desk.world)
    page = desk.client.get("/help/it/contact").text
    assert f'value="{desk.world.team_a}"> A' in page and f'value="{desk.world.team_b}"> B' in page


@pytest.mark.parametrize(
    ("language", "overrides", "field", "words"),
    [
        ("it", {"alias": ""}, "alias", "Nome: scrivi un nome"),
        ("fi", {"alias": "x" * 101}, "alias", "Nimi: enintään 100 merkkiä"),
        ("fi", {"phone": "12"}, "phone", "Puhelin: kirjoita puhelinnumero"),
        ("it", {"reach": "phone", "phone": ""}, "phone", "Telefono: scrivi un numero"),
        ("en", {"reach": "email", "email": "not an address"}, "email", "Email: write an email address"),
        ("fi", {"reach": "pigeon"}, "reach", "Miten voimme vastata sinulle"),
        ("it", {"consent": ""}, "consent", "Consenso: spunta la casella"),
        ("en", {"team": "not-a-team"}, "team", "Who would you like to talk to"),
        ("en", {"team": str(uuid.uuid4())}, "team", "Who would you like to talk to"),
        ("it", {"times": "t" * 301}, "times", "Quando contattarti: al massimo 300"),
        ("fi", {"topic": "t" * 301}, "topic", "Mistä on kyse: enintään 300"),
        ("en", {"language": "klingon"}, "language", "Language: choose the language"),
    ],
)
def test_every_error_names_its_field_in_the_pages_language_and_keeps_what_was_typed(
    desk: Desk, language: str, overrides: dict[str, str], field: str, words: str
) -> None:
    form = _form(desk, topic="il mio <b>segreto</b>", **{k: v for k, v in overrides.items() if k != "topic"})
    if "topic" in overrides:
        form["topic"] = overrides["topic"]
    answer = desk.post(language, form)
    assert answer.status_code == 422
    html = answer.text
    assert f'<p class="error" id="{field}-error">{words}' in html
    assert f'href="#f-{field}"' in html  # the summary links to the field
    assert f'aria-describedby="{field}-error"' in html or f'-hint {field}-error"' in html
    assert 'aria-invalid="true"' in html
    if "topic" not in overrides:
        assert "il mio &lt;b&gt;segreto&lt;/b&gt;</textarea>" in html  # kept, and escaped
    if field != "alias":
        assert 'value="Stella"' in html
    assert desk.requests() == []


def test_after_an_error_the_fill_time_counts_from_the_first_view(desk: Desk) -> None:
    """Fixing one field takes a person a second or two: the form comes back with its first token."""
    first = desk.post("fi", _form(desk, alias=""))
    assert first.status_code == 422
    token = TOKEN.search(first.text).group(1)  # type: ignore[union-attr]
    again = desk.client.post("/help/fi/contact", data={**_form(desk), "token": token})  # no time walked
    assert again.status_code == 200 and len(desk.requests()) == 1


def test_every_rule_broken_at_once_is_named_at_once(desk: Desk) -> None:
    answer = desk.post("en", {"alias": "", "reach": "email", "email": "nope", "language": "xx"})
    for field in ("team", "alias", "language", "consent"):
        assert f'id="{field}-error"' in answer.text
    assert desk.requests() == []


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x00garbage",
        b"alias=%ff%fe&reach=phone",
        b"&".join(b"f%d=x" % i for i in range(200)),
        b"alias=" + b"a" * 15_000,
        b"token=1.2&alias=Stella&alias=Other&reach=none&consent=yes&language=it",
        json.dumps({"alias": "Stella"}).encode(),
        b"",
    ],
)
def test_a_broken_body_is_answered_with_the_form_never_a_500(desk: Desk, body: bytes) -> None:
    answer = desk.client.post(
        "/help/it/contact", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert answer.status_code in (400, 413, 422)
    if answer.status_code != 413:
        assert answer.headers["content-type"].startswith("text/html") and 'name="token"' in answer.text
    assert desk.requests() == []


def test_the_honeypot_is_told_thanks_and_nothing_is_kept(desk: Desk) -> None:
    answer = desk.post("it", _form(desk, website="http://spam.example"))
    assert answer.status_code == 200 and 'class="reference"' in answer.text
    assert desk.requests() == []


def test_a_form_sent_too_fast_or_too_late_or_forged_keeps_what_was_typed_and_asks_again(desk: Desk) -> None:
    fast = desk.post("fi", _form(desk), wait_s=0)
    assert (
        fast.status_code == 400 and "Lomake lähetettiin hyvin nopeasti" in fast.text and 'value="Stella"' in fast.text
    )
    late = desk.post("en", _form(desk), wait_s=form_token.MAX_AGE.total_seconds() + 60)
    assert late.status_code == 400 and "open for a long time" in late.text
    forged = desk.client.post("/help/it/contact", data={**_form(desk), "token": f"{10**9}.{'0' * 32}"})
    assert forged.status_code == 400
    # A token of another language's page does not pass either (it is bound to the page).
    token = desk.token("en")
    desk.clock.walk(10)
    swapped = desk.client.post("/help/it/contact", data={**_form(desk), "token": token})
    assert swapped.status_code == 400
    assert desk.requests() == []
    # The page asked again carries a fresh token that works.
    token = TOKEN.search(late.text).group(1)  # type: ignore[union-attr]
    desk.clock.walk(5)
    again = desk.client.post("/help/en/contact", data={**_form(desk), "token": token})
    assert again.status_code == 200 and len(desk.requests()) == 1


def test_a_post_from_another_site_is_refused(desk: Desk) -> None:
    token = desk.token("it")
    desk.clock.walk(10)
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}):
        answer = desk.client.post("/help/it/contact", data={**_form(desk), "token": token}, headers=headers)
        assert answer.status_code == 403 and "Non inviato" in answer.text
    # Our own pages send Origin: null (their Referrer-Policy is no-referrer): accepted.
    own = desk.client.post(
        "/help/it/contact",
        data={**_form(desk), "token": token},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    )
    assert own.status_code == 200
    assert len(desk.requests()) == 1


def test_the_rate_limit_answers_a_page_that_keeps_the_message(desk: Desk) -> None:
    for number in range(RATE_LIMIT):
        assert desk.post("en", _form(desk, alias=f"Stella {number}")).status_code == 200
    limited = desk.post("en", _form(desk, alias="One too many"))
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert "Too many requests came from this connection" in limited.text and 'value="One too many"' in limited.text
    assert len(desk.requests()) == RATE_LIMIT


def test_a_deployment_without_teams_says_so(engine: Engine) -> None:
    with TestClient(create_app(engine)) as client:
        with session_factory(engine)() as session:
            if session.execute(select(Team)).first() is not None:
                pytest.skip("this database has teams")
        assert "not open for messages yet" in client.get("/help/en/contact").text


# --- information pages ----------------------------------------------------------------------


def test_the_home_page_lists_what_is_published_in_its_language_only(desk: Desk) -> None:
    with session_factory(desk.world.engine).begin() as session:
        content.add_demo_pages(session)
        content.set_published(session, "gambling", ["fi"], False)
    home_fi = parse(desk.client.get("/help/fi/").text).links
    home_it = parse(desk.client.get("/help/it/").text).links
    assert "/help/fi/info/alcohol" in home_fi and "/help/fi/info/story-luca" in home_fi
    assert "/help/fi/info/gambling" not in home_fi and "/help/it/info/gambling" in home_it
    assert desk.client.get("/help/fi/info/gambling").status_code == 404
    story = desk.client.get("/help/it/info/story-marta").text
    assert "testimonianza di fantasia" in story
    with session_factory(desk.world.engine)() as session:
        assert session.execute(select(HelpPage).where(HelpPage.published.is_(True))).scalars().all()


# --- the receipt, booking and status --------------------------------------------------------

WORDS = re.compile(r'class="words" lang="[a-z]+">([^<]+)<')


def _offer(desk: Desk, starts: dt.datetime, mode: str = "in_person", place: str | None = None) -> uuid.UUID:
    """A slot team A offers, made on a device and synced, as operators make them."""
    anna = _device(desk)
    fields = {
        "team_id": desk.world.team_a,
        "starts_at": starts.replace(minute=0, second=0, microsecond=0),
        "ends_at": starts.replace(minute=45, second=0, microsecond=0),
        "time_zone": "Europe/Rome",
        "mode": mode,
        "place": place,
    }
    mutation = anna.mutation("bookable_slot", "create", **fields)
    assert anna.sync(mutation, keep_cursor=False)["results"][0]["status"] == "applied"
    return uuid.UUID(str(mutation["record_id"]))


def _device(desk: Desk) -> Device:
    if desk.anna is None:
        desk.world.add_operator("anna", [desk.world.team_a, desk.world.team_b])
        desk.anna = desk.world.enrol("anna")
    return desk.anna


def _book(desk: Desk, language: str, slot: uuid.UUID | str, **overrides: str):
    page = desk.client.get(f"/help/{language}/book?team={desk.world.team_a}")
    found = TOKEN.search(page.text)
    assert found is not None, page.text
    desk.clock.walk(form_token.MIN_FILL.total_seconds() + 1)
    fields = {**_form(desk, reach="none", phone=""), "team": str(desk.world.team_a), "slot": str(slot), **overrides}
    return desk.client.post(
        f"/help/{language}/book", data={"token": found.group(1), **fields}, headers={"Origin": "http://testserver"}
    )


def _status(desk: Desk, language: str, reference: str, words: str):
    return desk.client.post(
        f"/help/{language}/status",
        data={"reference": reference, "words": words},
        headers={"Origin": "http://testserver"},
    )


def test_the_thank_you_page_gives_the_reference_and_four_words_that_open_the_status(desk: Desk) -> None:
    answer = desk.post("fi", _form(desk))
    reference, found = parse_reference(answer.text), WORDS.search(answer.text)
    assert found is not None and len(found.group(1).split()) == 4
    assert "/help/fi/status" in parse(answer.text).links
    assert "ei lähetä tekstiviestejä" in answer.text  # the site sends no SMS or email, said in Finnish
    status = _status(desk, "fi", reference.lower(), found.group(1).upper())
    assert status.status_code == 200, status.text
    assert "Vastaanotettu" in status.text and "set-cookie" not in status.headers


def test_a_booking_holds_a_free_time_and_the_status_shows_the_teams_confirmation_and_reply(desk: Desk) -> None:
    start = desk.clock.now_value + dt.timedelta(days=3)
    slot = _offer(desk, start, mode="video", place="Link by SMS")
    page = desk.client.get(f"/help/en/book?team={desk.world.team_a}").text
    assert f'value="{slot}"' in page and "By video call" in page
    assert "Link by SMS" not in page and "anna" not in page  # no place before confirming, no operator
    answer = _book(desk, "en", slot, alias="Kim")
    assert answer.status_code == 200, answer.text
    assert "By video call" in answer.text and "10:00" in answer.text  # 9:00 UTC is 10:00 in Rome
    reference, words = parse_reference(answer.text), WORDS.search(answer.text)
    assert words is not None
    (request,) = [r for r in desk.requests() if r.reference == reference]
    assert (request.kind, request.slot_id, request.alias) == ("booking", slot, "Kim")
    assert f'value="{slot}"' not in desk.client.get(f"/help/en/book?team={desk.world.team_a}").text  # held

    received = _status(desk, "en", reference, words.group(1))
    assert "Received: time kept for you" in received.text and "Link by SMS" not in received.text
    anna = _device(desk)
    changed = anna.mutation("intake_request", "update", request.id, status="accepted", reply="See you, Kim.")
    assert anna.sync(changed, keep_cursor=False)["results"][0]["status"] == "applied"
    confirmed = _status(desk, "en", reference, words.group(1))
    assert "Appointment confirmed" in confirmed.text and "Link by SMS" in confirmed.text
    assert "See you, Kim." in confirmed.text and "By video call" in confirmed.text


def test_a_time_just_taken_offers_the_others_and_keeps_what_was_typed(desk: Desk) -> None:
    start = desk.clock.now_value + dt.timedelta(days=2)
    first, second = _offer(desk, start), _offer(desk, start + dt.timedelta(hours=2))
    assert _book(desk, "it", first, alias="Aldo").status_code == 200
    taken = _book(desk, "it", first, alias="Bice", topic="il gioco")
    assert taken.status_code == 409
    assert "appena stato preso" in taken.text and 'aria-invalid="true"' in taken.text
    assert 'value="Bice"' in taken.text and "il gioco" in taken.text
    assert f'value="{second}"' in taken.text and f'value="{first}"' not in taken.text
    missing = _book(desk, "it", "", alias="Bice")
    assert missing.status_code == 422 and "Orario: scegli" in missing.text
    forged = _book(desk, "it", uuid.uuid4(), alias="Bice")
    assert forged.status_code == 409 and 'value="Bice"' in forged.text


def test_without_free_times_the_booking_page_offers_the_first_contact(desk: Desk) -> None:
    page = desk.client.get(f"/help/fi/book?team={desk.world.team_a}")
    assert page.status_code == 200 and "/help/fi/contact" in parse(page.text).links
    several = desk.client.get("/help/fi/book").text  # several teams: the team first, by a plain GET form
    assert 'method="get"' in several and str(desk.world.team_b) in several
    unknown = desk.client.get("/help/fi/book?team=nonsense")
    assert unknown.status_code == 422 and 'id="team-error"' in unknown.text


def test_the_status_form_names_the_field_and_answers_one_neutral_message(desk: Desk) -> None:
    bad = _status(desk, "it", "ZZ", "una due")
    assert bad.status_code == 422 and 'id="reference-error"' in bad.text and 'value="ZZ"' in bad.text
    words = _status(desk, "fi", "3F9A0C", "yksi")
    assert words.status_code == 422 and 'id="words-error"' in words.text and "Tarkistussanat" in words.text
    unknown = _status(desk, "en", "3F9A0C", "one two three four")
    assert unknown.status_code == 404 and "We found no request" in unknown.text
    throttled = _status(desk, "en", "3F9A0C", "one two three four")  # at once: this address must wait
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) >= 1
    assert "Too many tries" in throttled.text and 'value="3F9A0C"' in throttled.text
    desk.clock.walk(60)
    assert _status(desk, "en", "3F9A0C", "one two three four").status_code == 404


# --- privacy-preserving counts --------------------------------------------------------------


def test_counts_are_per_day_language_and_event_and_a_retried_form_is_one_start(desk: Desk) -> None:
    from central.help import counts
    from central.models import HelpCount

    desk.client.get("/help/fi/")
    desk.client.get("/help/fi/info/no-such-page")  # not a visit of a page
    broken = desk.post("fi", _form(desk, alias=""))  # visit:contact, started:contact
    assert 'name="tried" value="yes"' in broken.text  # the form shown again says it was tried
    token = TOKEN.search(broken.text)
    assert token is not None
    desk.clock.walk(5)
    fixed = desk.client.post(
        "/help/fi/contact",
        data={**_form(desk), "token": token.group(1), "tried": "yes"},
        headers={"Origin": "http://testserver"},
    )
    assert fixed.status_code == 200
    slot = _offer(desk, desk.clock.now_value + dt.timedelta(days=2))
    assert _book(desk, "it", slot).status_code == 200  # visit:book (it), started and completed
    assert _status(desk, "it", "3F9A0C", "one two three four").status_code == 404
    desk.clock.walk(60)
    desk.client.get("/help/it/status")
    desk.post("en", _form(desk, website="robot"))  # a robot: its visit counts, its post does not
    with session_factory(desk.world.engine)() as session:
        found = {(language, event): count for _, language, event, count in counts.by_day(session)}
        days = set(session.scalars(select(HelpCount.day)).all())
    assert days == {desk.clock.now_value.date()}
    assert found == {
        ("fi", "visit:home"): 1,
        ("fi", "visit:contact"): 1,
        ("fi", "started:contact"): 1,
        ("fi", "completed:contact"): 1,
        ("it", "visit:book"): 1,
        ("it", "started:book"): 1,
        ("it", "completed:book"): 1,
        ("it", "started:status"): 1,
        ("it", "visit:status"): 1,
        ("en", "visit:contact"): 1,
    }
    assert {column.name for column in HelpCount.__table__.columns} == {"day", "language", "event", "count"}
