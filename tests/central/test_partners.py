"""Partner accounts on the real service, SQLite and PostgreSQL: an invitation works once and for
7 days, the password rule and login throttle are the operators', another provider's service is a
404 on every route, the second factor is accepted and refused as it should be, and "still correct"
is a directory change a device pulls at its next sync. `partner invite` and `directory stale` as IT
run them."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central import directory
from central.app import create_app
from central.db import make_engine, session_factory
from central.models import AuditEntry, Organisation, PartnerAccount, PartnerInvitation
from central.partners import accounts
from protocol import Resource, hsds, new_id
from protocol.clock import utc_now
from tests.central.conftest import World
from tests.central.test_admin_cli import run

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
PARTNER_PASSWORD = "pane e latte ogni giorno"
FOOD_BANK = "Banco Alimentare Codogno"
SHELTER = "Casa Accoglienza Lodi"


def _resource(provider: str, name: str, town: str, verified: dt.date | None) -> Resource:
    return Resource(
        id=new_id(),
        created_at=NOW,
        updated_at=NOW,
        author_device_id=uuid.uuid4(),
        organization_name=provider,
        service_name=name,
        location={"municipality": town},
        categories=["food"],
        last_verified_on=verified,
    )


def seed_directory(world: World, tmp_path: Path, org_id: uuid.UUID | None = None) -> None:
    """Three services of two providers, imported through the directory's own HSDS import."""
    entries = [
        _resource(FOOD_BANK, "Pacchi alimentari", "Codogno", dt.date(2025, 10, 1)),  # 11+ months: due
        _resource(FOOD_BANK, "Mensa", "Codogno", dt.date(2026, 10, 1)),
        _resource(SHELTER, "Accoglienza notturna", "Lodi", None),
    ]
    path = tmp_path / f"directory-{uuid.uuid4().hex[:6]}.json"
    hsds.export_directory(entries, path)
    with session_factory(world.engine).begin() as session:
        directory.import_package(session, org_id or world.org_id, path)


@dataclass
class Clock:
    now: dt.datetime = NOW

    def __call__(self) -> dt.datetime:
        return self.now


def browser(world: World, clock: Clock, address: str = "198.51.100.20") -> TestClient:
    """A browser on the service over HTTPS (the session cookie is Secure), with a clock tests walk."""
    app = create_app(world.engine, clock=clock)
    return TestClient(app, base_url="https://testserver", client=(address, 40000), follow_redirects=False)


def invite(world: World, email: str, provider: str = FOOD_BANK, now: dt.datetime = NOW) -> str:
    with session_factory(world.engine).begin() as session:
        found = accounts.find_provider(session, world.org_id, provider)
        token, _ = accounts.invite(session, world.org_id, found, email, now)
    return token


def services_of(world: World, provider: str) -> list[str]:
    with session_factory(world.engine)() as session:
        return [
            str(e.row.id) for e in directory.entries(session, world.org_id) if e.resource.organization_name == provider
        ]


def accept(client: TestClient, token: str, password: str = PARTNER_PASSWORD) -> None:
    answer = client.post(f"/partner/en/invite/{token}", data={"password": password, "again": password})
    assert answer.status_code == 303, answer.text
    assert "prossimo_partner" in client.cookies


def form_token(page: str) -> str:
    found = re.search(r'name="token" value="([0-9a-f]+)"', page)
    assert found, page
    return found.group(1)


def test_an_invitation_sets_the_password_once_and_the_home_page_lists_only_the_own_services(
    world: World, tmp_path: Path
) -> None:
    seed_directory(world, tmp_path)
    clock = Clock()
    client = browser(world, clock)
    token = invite(world, "Anna@Banco.example.org")
    form = client.get(f"/partner/it/invite/{token}")
    assert form.status_code == 200 and "anna@banco.example.org" in form.text
    assert form.headers["content-security-policy"].startswith("default-src 'self'")
    weak = client.post(f"/partner/it/invite/{token}", data={"password": "corta", "again": "corta"})
    assert weak.status_code == 422 and "Password: scrivi almeno 12 caratteri." in weak.text
    differ = client.post(f"/partner/en/invite/{token}", data={"password": PARTNER_PASSWORD, "again": "other one 123"})
    assert differ.status_code == 422 and "the two passwords differ" in differ.text
    accept(client, token)
    cookie = next(c for c in client.cookies.jar if c.name == "prossimo_partner")
    assert cookie.secure and cookie.path == "/partner" and cookie.has_nonstandard_attr("HttpOnly")
    set_cookie = client.post(f"/partner/en/invite/{token}").headers.get("set-cookie", "")
    assert set_cookie == ""  # a used invitation sets nothing
    home = client.get("/partner/en/")
    assert home.status_code == 200
    assert "Pacchi alimentari" in home.text and "Mensa" in home.text and "Accoglienza notturna" not in home.text
    assert "Services to check: 1" in home.text
    again = browser(world, clock).get(f"/partner/en/invite/{token}")
    assert again.status_code == 410 and "already been used" in again.text
    with session_factory(world.engine)() as session:
        account = session.execute(select(PartnerAccount)).scalar_one()
        assert account.password_hash.startswith("$argon2id$")
        assert session.execute(select(func.count()).select_from(PartnerInvitation)).scalar_one() == 1


def test_an_invitation_expires_after_seven_days_and_an_unknown_one_is_refused(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    clock = Clock()
    token = invite(world, "bruno@banco.example.org")
    clock.now = NOW + accounts.INVITATION_VALID + dt.timedelta(seconds=1)
    client = browser(world, clock)
    late = client.get(f"/partner/en/invite/{token}")
    assert late.status_code == 410 and "expired" in late.text
    posted = client.post(f"/partner/en/invite/{token}", data={"password": PARTNER_PASSWORD, "again": PARTNER_PASSWORD})
    assert posted.status_code == 410 and "prossimo_partner" not in client.cookies
    unknown = client.get("/partner/fi/invite/not-a-token")
    assert unknown.status_code == 404 and "Tämä kutsu ei ole voimassa" in unknown.text
    clock.now = NOW + accounts.INVITATION_VALID - dt.timedelta(minutes=1)
    accept(browser(world, clock), token)


def test_a_provider_missing_from_the_directory_cannot_be_invited(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    with session_factory(world.engine)() as session:
        with pytest.raises(accounts.UnknownProvider, match="ORG: no service in the directory"):
            accounts.find_provider(session, world.org_id, "Nobody at all")
        by_id = accounts.find_provider(
            session, world.org_id, accounts.find_provider(session, world.org_id, SHELTER).hsds_organization_id
        )
    assert by_id.name == SHELTER and by_id.services == 1


def test_another_providers_service_is_not_found_on_every_route(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    other_org = Organisation(id=uuid.uuid4(), name="Altra")
    with session_factory(world.engine).begin() as session:
        session.add(other_org)
    seed_directory(world, tmp_path, other_org.id)  # the same providers' names in another organisation
    clock = Clock()
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org"))
    token = form_token(client.get("/partner/en/").text)
    with session_factory(world.engine)() as session:
        elsewhere = [str(e.row.id) for e in directory.entries(session, other_org.id)]
    foreign = services_of(world, SHELTER) + elsewhere + [str(uuid.uuid4()), "not-an-id"]
    before = _audit(world)
    for resource_id in foreign:
        shown = client.get(f"/partner/en/services/{resource_id}")
        assert shown.status_code == 404, resource_id
        verified = client.post(f"/partner/en/services/{resource_id}/verified", data={"token": token})
        assert verified.status_code == 404, resource_id
    assert _audit(world) == before  # nothing was changed
    for own in services_of(world, FOOD_BANK):
        assert client.get(f"/partner/en/services/{own}").status_code == 200
    # Signed out, every route goes to the login, telling nothing about the id.
    anonymous = browser(world, clock)
    for resource_id in foreign[:1] + services_of(world, FOOD_BANK)[:1]:
        assert anonymous.get(f"/partner/en/services/{resource_id}").headers["location"] == "/partner/en/login"
        posted = anonymous.post(f"/partner/en/services/{resource_id}/verified", data={"token": token})
        assert posted.headers["location"] == "/partner/en/login"
    assert anonymous.get("/partner/en/").headers["location"] == "/partner/en/login"


def _audit(world: World) -> int:
    with session_factory(world.engine)() as session:
        return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def test_still_correct_reaches_a_device_at_its_next_sync(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    world.add_operator("anna", [world.team_a])
    device = world.enrol("anna")
    device.sync_all()  # the directory as it was
    clock = Clock(utc_now())
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org", now=clock.now))
    home = client.get("/partner/en/")
    due = services_of(world, FOOD_BANK)[0]
    foreign_token = "0" * 32
    refused = client.post(f"/partner/en/services/{due}/verified", data={"token": foreign_token})
    assert refused.status_code == 403  # a post without the page's token (another site's) changes nothing
    done = client.post(f"/partner/en/services/{due}/verified", data={"token": form_token(home.text)})
    assert done.status_code == 303 and done.headers["location"] == "/partner/en/?confirmed=1"
    assert "Thank you" in client.get(done.headers["location"]).text
    changes = device.sync_all()
    pulled = [c for c in changes if c["record"]["id"] == due]
    assert len(pulled) == 1 and pulled[0]["entity"] == "resource"
    assert pulled[0]["record"]["last_verified_on"] == clock.now.date().isoformat()
    assert [c for c in changes if c["record"]["id"] != due] == []  # only that service changed
    with session_factory(world.engine)() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "partner.verify")).scalar_one()
    assert entry.subject == f"resource:{due}" and entry.details["fields"] == ["last_verified_on"]


def test_failed_logins_are_throttled_as_operators_are(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    clock = Clock()
    accept(browser(world, clock), invite(world, "anna@banco.example.org"))
    client = browser(world, clock)
    wrong = client.post("/partner/en/login", data={"email": "anna@banco.example.org", "password": "wrong password!"})
    assert wrong.status_code == 401 and "The e-mail address or the password is wrong." in wrong.text
    unknown = client.post("/partner/en/login", data={"email": "nobody@example.org", "password": "wrong password!"})
    assert unknown.status_code == 429 and unknown.headers["retry-after"] == "1"  # the address waits, whoever
    right = client.post("/partner/en/login", data={"email": "anna@banco.example.org", "password": PARTNER_PASSWORD})
    assert right.status_code == 429  # not even the right password while the wait lasts
    clock.now += dt.timedelta(seconds=2)
    right = client.post("/partner/en/login", data={"email": "ANNA@banco.example.org", "password": PARTNER_PASSWORD})
    assert right.status_code == 303 and right.headers["location"] == "/partner/en/"
    assert client.get("/partner/en/").status_code == 200
    signed_out = client.post("/partner/en/logout")
    assert signed_out.status_code == 303 and client.get("/partner/en/").status_code == 303


def _enrol(client: TestClient, now: dt.datetime) -> str:
    page = client.get("/partner/en/totp/enrol")
    assert page.status_code == 200 and "<svg" in page.text
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page.text)
    sealed = re.search(r'name="sealed" value="([^"]+)"', page.text)
    assert secret and sealed
    key = secret.group(1).replace(" ", "")
    fields = {"token": form_token(page.text), "sealed": sealed.group(1)}
    wrong = client.post("/partner/en/totp/enrol", data={**fields, "code": "000000"})
    assert wrong.status_code == 422 and "Code: this is not the code" in wrong.text
    done = client.post("/partner/en/totp/enrol", data={**fields, "code": pyotp.TOTP(key).at(now)})
    assert done.status_code == 303
    return key


def test_the_second_factor_is_accepted_and_refused(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    clock = Clock()
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org"))
    key = _enrol(client, clock.now)
    with session_factory(world.engine)() as session:
        sealed = session.execute(select(PartnerAccount.totp_sealed)).scalar_one()
    assert sealed is not None and key not in sealed  # never in clear
    client.post("/partner/en/logout")
    clock.now += dt.timedelta(minutes=5)
    login = client.post("/partner/en/login", data={"email": "anna@banco.example.org", "password": PARTNER_PASSWORD})
    assert login.headers["location"] == "/partner/en/totp"
    assert client.get("/partner/en/").headers["location"] == "/partner/en/totp"  # no services without the code
    wrong = client.post("/partner/en/totp", data={"code": "123456"})
    assert wrong.status_code == 401 and "Code: this is not the code" in wrong.text
    at_once = client.post("/partner/en/totp", data={"code": pyotp.TOTP(key).at(clock.now)})
    assert at_once.status_code == 429 and "Too many tries" in at_once.text  # even the right code waits
    clock.now += dt.timedelta(seconds=2)  # the throttle's wait after a wrong code
    right = client.post("/partner/en/totp", data={"code": pyotp.TOTP(key).at(clock.now)})
    assert right.status_code == 303 and client.get("/partner/en/").status_code == 200


def test_a_second_factor_code_is_good_once(world: World, tmp_path: Path) -> None:
    """RFC 6238 5.2: a code seen over a shoulder or replayed from a captured form, with the
    password, must not open a second session within the 90 s the code is otherwise valid."""
    seed_directory(world, tmp_path)
    clock = Clock()
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org"))
    key = _enrol(client, clock.now)
    enrolment_code = pyotp.TOTP(key).at(clock.now)
    client.post("/partner/en/logout")

    def sign_in(code: str) -> int:
        client.post("/partner/en/login", data={"email": "anna@banco.example.org", "password": PARTNER_PASSWORD})
        answer = client.post("/partner/en/totp", data={"code": code})
        if answer.status_code == 303:
            client.post("/partner/en/logout")
        return answer.status_code

    assert sign_in(enrolment_code) == 401  # the code that proved the app cannot sign in as well
    clock.now += dt.timedelta(seconds=31)  # the next step; also past the throttle's wait
    code = pyotp.TOTP(key).at(clock.now)
    assert sign_in(code) == 303
    clock.now += dt.timedelta(seconds=5)  # the throttle: the refused code waits 2 s
    assert sign_in(code) == 401  # the same code again, still within its window
    clock.now += dt.timedelta(seconds=30)
    assert sign_in(pyotp.TOTP(key).at(clock.now)) == 303


def test_a_provider_can_require_the_second_factor(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    with session_factory(world.engine).begin() as session:
        provider = accounts.find_provider(session, world.org_id, FOOD_BANK)
        accounts.set_setting(session, world.org_id, provider, totp_required=True)
    clock = Clock()
    client = browser(world, clock)
    token = invite(world, "anna@banco.example.org")
    answer = client.post(f"/partner/en/invite/{token}", data={"password": PARTNER_PASSWORD, "again": PARTNER_PASSWORD})
    assert answer.headers["location"] == "/partner/en/totp/enrol"
    assert client.get("/partner/en/").headers["location"] == "/partner/en/totp"
    assert client.get("/partner/en/totp").headers["location"] == "/partner/en/totp/enrol"
    assert "Not now" not in client.get("/partner/en/totp/enrol").text
    _enrol(client, clock.now)
    assert client.get("/partner/en/").status_code == 200


def test_partner_invite_and_directory_stale_as_it_runs_them(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    assert run(db, "init").returncode == 0
    assert run(db, "org", "add", "Cooperativa Lodi").returncode == 0
    entries = [
        _resource(FOOD_BANK, "Pacchi alimentari", "Codogno", utc_now().date() - dt.timedelta(days=400)),
        _resource(FOOD_BANK, "Mensa", "Codogno", utc_now().date()),
        _resource(SHELTER, "Accoglienza notturna", "Lodi", None),
        _resource(SHELTER, "Dormitorio chiuso", "Lodi", None).model_copy(update={"status": "defunct"}),
    ]
    hsds.export_directory(entries, tmp_path / "directory.json")
    assert run(db, "directory", "import", str(tmp_path / "directory.json")).returncode == 0
    missing = run(db, "partner", "invite", "Nessuno", "--email", "a@example.org")
    assert missing.returncode == 2 and "ORG: no service in the directory is provided by 'Nessuno'" in missing.stderr
    bad = run(db, "partner", "invite", FOOD_BANK, "--email", "not an address")
    assert bad.returncode == 2 and "--email: not an e-mail address" in bad.stderr
    made = run(db, "partner", "invite", FOOD_BANK, "--email", "anna@example.org", "--base-url", "https://p.example/")
    assert made.returncode == 0, made.stderr
    link = re.search(r"https://p\.example/partner/it/invite/[A-Za-z0-9_-]{40,}", made.stdout)
    assert link, made.stdout
    token = link.group(0).rsplit("/", 1)[1]
    engine = make_engine(db)
    try:
        with session_factory(engine).begin() as session:
            accounts.accept(session, token, PARTNER_PASSWORD, utc_now())
    finally:
        engine.dispose()
    listed = run(db, "partner", "list")
    assert listed.stdout == f"anna@example.org\t{FOOD_BANK}\tpassword only\tactive\n", listed.stderr
    assert run(db, "partner", "disable", "Anna@example.org").returncode == 0
    assert run(db, "partner", "list").stdout.endswith("\tdisabled\n")
    nobody = run(db, "partner", "disable", "nobody@example.org")
    assert nobody.returncode == 2 and "email: no partner account for 'nobody@example.org'" in nobody.stderr
    stale = run(db, "directory", "stale", "--format", "csv")
    assert stale.returncode == 0, stale.stderr
    lines = stale.stdout.splitlines()
    assert lines[0] == "provider,provider_hsds_id,service,municipality,last_verified_on,service_id"
    assert [line.split(",")[2] for line in lines[1:]] == ["Accoglienza notturna", "Pacchi alimentari"]
    assert lines[2].split(",")[4] == (utc_now().date() - dt.timedelta(days=400)).isoformat()


def test_the_partner_pages_catalogues_are_complete() -> None:
    from tests.help.test_catalogues import _script

    assert _script().check(package="partners") == []


def test_a_disabled_partner_is_signed_out_and_cannot_sign_in(world: World, tmp_path: Path) -> None:
    seed_directory(world, tmp_path)
    clock = Clock()
    client = browser(world, clock)
    accept(client, invite(world, "anna@banco.example.org"))
    assert client.get("/partner/en/").status_code == 200
    with session_factory(world.engine).begin() as session:
        accounts.disable(session, "anna@banco.example.org")
    assert client.get("/partner/en/").headers["location"] == "/partner/en/login"
    login = client.post("/partner/en/login", data={"email": "anna@banco.example.org", "password": PARTNER_PASSWORD})
    assert login.status_code == 401
    clock.now += dt.timedelta(seconds=2)
    accept(client, invite(world, "anna@banco.example.org", now=clock.now))  # invited again: enabled
    assert client.get("/partner/en/").status_code == 200
