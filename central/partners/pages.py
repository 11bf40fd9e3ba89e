"""The partner pages and their routes under /partner/.

Owns: the routes (`/partner/` chooses a language; under `/partner/{lang}/`: the home page with the
provider's services, `login`, `logout`, `invite/{token}` to set the password, `totp` for the code
at login, `totp/enrol` to add the second factor, `services/{id}` one service and
`services/{id}/verified` its "still correct", `services/{id}/edit/{section}` its editing forms,
central.partners.editing's sections), the session cookie (Secure, HttpOnly,
SameSite=Strict, path /partner), the signed-in forms' token (an HMAC of the session, so another
site cannot post one), and what each outcome shows. Rendering follows the help desk: Jinja2,
autoescaped, gettext, no script. Accounts and the directory are central.partners.accounts'; the
login throttle is central.throttle's, the operators' own rules.
Must never answer a traceback or a bare error; never show another provider's service (404, as for
one that does not exist); never log a password, token, code or address.
"""

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import jinja2
import segno
from babel.dates import format_date
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central import directory, security, throttle
from central.help.i18n import page_environment
from central.help.pages import _sent_from_elsewhere as sent_from_elsewhere
from central.models import PartnerAccount, PartnerSession
from central.partners import accounts, editing, review
from central.partners.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, from_accept_language, translations
from protocol.directory import HIDDEN_BY_DEFAULT, is_stale

HERE = Path(__file__).parent
COOKIE = "prossimo_partner"
HTML = "text/html; charset=utf-8"
CSS = (HERE / "static" / "partner.css").read_bytes()
MAX_BODY = 4096  # the longest sign-in form is two passwords and a token
# An editing form: a description and an eligibility of up to 20 000 characters each, which
# URL-encoding makes up to six bytes a character (central.app's body limit asks this one).
MAX_EDIT_BODY = 256 * 1024

PREFIX = "/partner"  # every route and the session cookie's path


@cache
def environment(language: str) -> jinja2.Environment:
    return page_environment(HERE / "templates", translations(language))


def form_token(key: bytes, session_token: str) -> str:
    return hmac.new(key, b"partner-form\0" + session_token.encode(), hashlib.sha256).hexdigest()[:32]


def read_fields(body: bytes, limit: int = MAX_BODY) -> dict[str, str]:
    if len(body) > limit:
        return {}
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


class PartnerPages:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        key: bytes,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.sessions = sessions
        self.key = key
        self.clock = clock

    # --- rendering ----------------------------------------------------------------------

    def page(self, language: str, template: str, path: str, status: int = 200, **values: Any) -> HTMLResponse:
        switch = [(code, LANGUAGE_NAMES[code], f"/partner/{code}/{path}") for code in LANGUAGES]
        values.setdefault("signed_in", False)
        values.setdefault("notice", None)
        values.setdefault("errors", {})
        html = environment(language).get_template(template).render(lang=language, languages=switch, **values)
        return HTMLResponse(html, status_code=status, media_type=HTML)

    def not_found(self, language: str) -> HTMLResponse:
        return self.page(language, "not_found.html", "", status=404)

    def to(self, language: str, path: str) -> RedirectResponse:
        return RedirectResponse(f"/partner/{language}/{path}", status_code=303)

    def throttled(self, language: str, template: str, path: str, wait: dt.timedelta, **values: Any) -> Response:
        _ = translations(language).gettext
        seconds = security.retry_after_seconds(wait)
        notice = (
            _("Too many tries. Wait {seconds} seconds and try again.").format(seconds=seconds)
            if seconds < 120
            else _("Too many tries. Try again in {minutes} minutes.").format(minutes=math.ceil(seconds / 60))
        )
        response = self.page(language, template, path, status=429, notice=notice, **values)
        response.headers["Retry-After"] = str(seconds)
        return response

    # --- who is signed in ---------------------------------------------------------------

    def signed_in(
        self, session: Session, token: str | None, *, second_factor: bool = True
    ) -> tuple[PartnerSession, PartnerAccount] | None:
        found = accounts.session_of(session, token, self.clock())
        if found is None or (second_factor and not found[0].second_factor_done):
            return None
        return found

    def gate(self, language: str, token: str | None) -> Response | None:
        """Where a request without a complete session goes: the login, or the second factor."""
        with self.sessions() as session:
            found = accounts.session_of(session, token, self.clock())
        if found is None:
            return self.to(language, "login")
        if not found[0].second_factor_done:
            return self.to(language, "totp")
        return None

    # --- invitation -------------------------------------------------------------------------

    def invitation_problem(self, language: str, reason: str) -> HTMLResponse:
        return self.page(
            language, "invitation.html", "login", status=404 if reason == "unknown" else 410, reason=reason
        )

    def invite_form(self, language: str, token: str, errors: dict[str, str] | None = None) -> HTMLResponse:
        with self.sessions() as session:
            try:
                found = accounts.invitation(session, token, self.clock())
            except accounts.InvitationProblem as problem:
                return self.invitation_problem(language, problem.reason)
        return self.page(
            language,
            "set_password.html",
            f"invite/{token}",
            status=422 if errors else 200,
            email=found.email,
            errors=errors or {},
            minimum=security.PASSWORD_MIN_LENGTH,
        )

    def invite_post(self, language: str, token: str, fields: dict[str, str]) -> Response:
        _ = translations(language).gettext
        password, again = fields.get("password", ""), fields.get("again", "")
        if len(password) < security.PASSWORD_MIN_LENGTH:
            message = _("Password: write at least {minimum} characters.")
            return self.invite_form(language, token, {"password": message.format(minimum=security.PASSWORD_MIN_LENGTH)})
        if password != again:
            return self.invite_form(language, token, {"again": _("Password again: the two passwords differ.")})
        try:
            with self.sessions.begin() as session:
                account = accounts.accept(session, token, password, self.clock())
                session_token = accounts.open_session(session, account, self.clock())
                enrol = accounts.setting(session, account).totp_required
        except accounts.InvitationProblem as problem:
            return self.invitation_problem(language, problem.reason)
        response = self.to(language, "totp/enrol" if enrol else "")
        self.set_cookie(response, session_token)
        return response

    def set_cookie(self, response: Response, token: str) -> None:
        response.set_cookie(
            COOKIE,
            token,
            max_age=int(accounts.SESSION_LENGTH.total_seconds()),
            path=PREFIX,
            secure=True,
            httponly=True,
            samesite="strict",
        )

    # --- login ------------------------------------------------------------------------------

    def login_form(self, language: str, email: str = "", status: int = 200, **values: Any) -> HTMLResponse:
        return self.page(language, "login.html", "login", status=status, email=email, **values)

    def login_post(self, language: str, fields: dict[str, str], address: str) -> Response:
        _ = translations(language).gettext
        email, password = fields.get("email", "")[:254], fields.get("password", "")[:1000]
        attempt = throttle.Attempt.of(self.key, address, email)
        try:
            with self.sessions.begin() as session:
                throttle.admit(session, attempt, self.clock())
        except throttle.Throttled as throttled:
            return self.throttled(language, "login.html", "login", throttled.retry_after, email=email)
        with self.sessions.begin() as session:
            account = accounts.check_login(session, email, password)
            if account is None:
                throttle.failed(session, attempt, self.clock())
            else:
                throttle.succeeded(session, attempt, self.clock())
                token = accounts.open_session(session, account, self.clock())
                complete = not accounts.needs_second_factor(session, account)
                enrol = account.totp_sealed is None
        if account is None:
            notice = _("The e-mail address or the password is wrong.")
            return self.login_form(language, email, status=401, notice=notice)
        response = self.to(language, "" if complete else ("totp/enrol" if enrol else "totp"))
        self.set_cookie(response, token)
        return response

    def logout(self, language: str, token: str | None) -> Response:
        with self.sessions.begin() as session:
            accounts.close_session(session, token)
        response = self.to(language, "login")
        response.delete_cookie(COOKIE, path=PREFIX, secure=True, httponly=True, samesite="strict")
        return response

    # --- the second factor ------------------------------------------------------------------

    def totp_form(self, language: str, token: str | None, status: int = 200, **values: Any) -> Response:
        with self.sessions() as session:
            found = accounts.session_of(session, token, self.clock())
            if found is None:
                return self.to(language, "login")
            if found[1].totp_sealed is None:
                return self.to(language, "totp/enrol")
        return self.page(language, "totp.html", "totp", status=status, **values)

    def totp_post(self, language: str, token: str | None, fields: dict[str, str], address: str) -> Response:
        _ = translations(language).gettext
        with self.sessions() as session:
            found = accounts.session_of(session, token, self.clock())
        if found is None:
            return self.to(language, "login")
        attempt = throttle.Attempt.of(self.key, address, f"partner-totp\0{found[1].id}")
        try:
            with self.sessions.begin() as session:
                throttle.admit(session, attempt, self.clock())
        except throttle.Throttled as throttled:
            return self.throttled(language, "totp.html", "totp", throttled.retry_after)
        with self.sessions.begin() as session:
            live = accounts.session_of(session, token, self.clock())
            ok = live is not None and accounts.check_totp(
                session, self.key, live[1], fields.get("code", "")[:20], self.clock()
            )
            if live is not None and ok:
                live[0].second_factor_done = True
                throttle.succeeded(session, attempt, self.clock())
            else:
                throttle.failed(session, attempt, self.clock())
        if not ok:
            return self.totp_form(
                language, token, status=401, errors={"code": _("Code: this is not the code your app shows now.")}
            )
        return self.to(language, "")

    def enrol_form(
        self, language: str, token: str | None, sealed: str | None = None, errors: dict[str, str] | None = None
    ) -> Response:
        with self.sessions() as session:
            found = accounts.session_of(session, token, self.clock())
            if found is None:
                return self.to(language, "login")
            live, account = found
            required = accounts.setting(session, account).totp_required
            if not live.second_factor_done and account.totp_sealed is not None:
                return self.to(language, "totp")  # enrolled already: the code, not a new secret
        secret = accounts.unseal(self.key, sealed, account.id) if sealed else None
        if secret is None:
            secret = accounts.new_totp_secret()
            sealed = accounts.seal(self.key, secret, account.id)
        qr = segno.make(accounts.totp_uri(secret, account), error="m").svg_inline(scale=4, title="")
        return self.page(
            language,
            "totp_enrol.html",
            "totp/enrol",
            status=422 if errors else 200,
            signed_in=live.second_factor_done,
            token=form_token(self.key, token or ""),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            sealed=sealed,
            qr=qr,
            required=required,
            errors=errors or {},
        )

    def enrol_post(self, language: str, token: str | None, fields: dict[str, str], address: str) -> Response:
        _ = translations(language).gettext
        if not hmac.compare_digest(fields.get("token", ""), form_token(self.key, token or "")):
            return self.page(language, "refused.html", "", status=403)
        sealed = fields.get("sealed", "")[:300]
        with self.sessions.begin() as session:
            found = accounts.session_of(session, token, self.clock())
            if found is None:
                return self.to(language, "login")
            live, account = found
            if not live.second_factor_done and account.totp_sealed is not None:
                return self.to(language, "totp")
            secret = accounts.unseal(self.key, sealed, account.id) if sealed else None
            ok = secret is not None and accounts.enrol_totp(
                session, self.key, account, secret, fields.get("code", "")[:20], self.clock()
            )
            if ok:
                live.second_factor_done = True
        if not ok:
            errors = {"code": _("Code: this is not the code your app shows now.")}
            return self.enrol_form(language, token, sealed, errors)
        return self.to(language, "?enrolled=1")

    # --- the provider's services ------------------------------------------------------------

    def home(self, language: str, token: str | None, query: dict[str, str]) -> Response:
        _ = translations(language).gettext
        gate = self.gate(language, token)
        if gate is not None:
            return gate
        today = self.clock().date()
        with self.sessions() as session:
            found = self.signed_in(session, token)
            if found is None:
                return self.to(language, "login")
            account = found[1]
            entries = accounts.own_entries(session, account)
            settings = accounts.setting(session, account)
        views = [self.view(language, entry, today) for entry in entries]
        views.sort(key=lambda v: (not v["due"], v["name"]))
        notice = None
        if query.get("confirmed"):
            notice = _("Thank you: the service is confirmed as correct today.")
        elif query.get("enrolled"):
            notice = _("The second factor is on: from now on you give a code from your app when you sign in.")
        provider = entries[0].resource.organization_name if entries else account.hsds_organization_id
        return self.page(
            language,
            "home.html",
            "",
            signed_in=True,
            provider=provider,
            services=views,
            due=sum(1 for v in views if v["due"]),
            token=form_token(self.key, token or ""),
            totp=account.totp_sealed is not None,
            totp_required=settings.totp_required,
            notice=notice,
        )

    def view(self, language: str, entry: directory.Entry, today: dt.date) -> dict[str, Any]:
        r = entry.resource
        verified = r.last_verified_on
        return {
            "id": str(entry.row.id),
            "name": r.service_name,
            "place": r.location.name or r.location.address_1 or "",
            "municipality": r.location.municipality,
            "verified": format_date(verified, "long", locale=language) if verified else None,
            "due": directory.is_due(r, today),
            "stale": r.status not in HIDDEN_BY_DEFAULT and is_stale(verified, today),
            "today": verified == today,
            "status": r.status,
        }

    def service(
        self, language: str, token: str | None, resource_id: str, query: dict[str, str] | None = None
    ) -> Response:
        gate = self.gate(language, token)
        if gate is not None:
            return gate
        with self.sessions() as session:
            found = self.signed_in(session, token)
            if found is None:
                return self.to(language, "login")
            entry = accounts.own_entry(session, found[1], resource_id)
            held = [] if entry is None else [c.section for c in review.pending_for(session, entry.row.id)]
            reviewed = accounts.setting(session, found[1]).hold_for_review
        if entry is None:
            return self.not_found(language)
        r = entry.resource
        titles = self.section_titles(language)
        return self.page(
            language,
            "service.html",
            f"services/{resource_id}",
            waiting=[titles.get(section, section) for section in held],
            reviewed=reviewed,
            signed_in=True,
            service=self.view(language, entry, self.clock().date()),
            resource=r,
            hours=self.hours_view(language, r),
            token=form_token(self.key, token or ""),
            notice=self.saved_notice(language, (query or {}).get("saved")),
        )

    def saved_notice(self, language: str, saved: str | None) -> str | None:
        _ = translations(language).gettext
        if saved == "1":
            return _("Saved and published: operators' laptops get the change at their next sync.")
        if saved == "0":
            return _("Nothing had changed: nothing was saved.")
        if saved == "held":
            return _("Saved for review: the office that keeps the directory publishes it once checked.")
        return None

    def hours_view(self, language: str, r: Any) -> list[tuple[str, str]]:
        """Each day's hours as one line, for the service page (empty days left out)."""
        names = editing.day_names(language)
        lines = []
        for day in range(1, 8):
            slots = sorted((s for s in r.opening_hours if s.weekday == day), key=lambda s: s.opens_at)
            if slots:
                text = ", ".join(f"{editing.clock_text(s.opens_at)}–{editing.clock_text(s.closes_at)}" for s in slots)
                lines.append((names[day - 1], text))
        return lines

    # --- the editing forms --------------------------------------------------------------------

    def edit_form(
        self,
        language: str,
        token: str | None,
        resource_id: str,
        section: str,
        values: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> Response:
        gate = self.gate(language, token)
        if gate is not None:
            return gate
        if section not in editing.SECTIONS:
            return self.not_found(language)
        with self.sessions() as session:
            found = self.signed_in(session, token)
            if found is None:
                return self.to(language, "login")
            entry = accounts.own_entry(session, found[1], resource_id)
            held = entry is not None and any(c.section == section for c in review.pending_for(session, entry.row.id))
            reviewed = accounts.setting(session, found[1]).hold_for_review
        if entry is None:
            return self.not_found(language)
        r = entry.resource
        _ = translations(language).gettext
        notice = _("Some things need correcting: see the messages beside them.") if errors else None
        if held and not errors:
            notice = _("Your last change to this part is waiting for review. Saving again replaces it.")
        shown = values if values is not None else editing.shown(section, r, language)
        return self.page(
            language,
            f"edit_{section}.html",
            f"services/{resource_id}/edit/{section}",
            status=422 if errors else 200,
            signed_in=True,
            service=self.view(language, entry, self.clock().date()),
            values=shown,
            parts=editing.layout(section, r, shown, language),
            reviewed=reviewed,
            kinds=self.phone_kinds(language),
            token=form_token(self.key, token or ""),
            errors=errors or {},
            notice=notice,
        )

    def phone_kinds(self, language: str) -> list[tuple[str, str]]:
        _ = translations(language).gettext
        labels = {"voice": _("Calls"), "text": _("Text messages"), "hotline": _("Helpline"), "fax": _("Fax")}
        return [(kind, labels[kind]) for kind in editing.PHONE_KINDS]

    def edit_post(
        self, language: str, token: str | None, resource_id: str, section: str, fields: dict[str, str]
    ) -> Response:
        gate = self.gate(language, token)
        if gate is not None:
            return gate
        if section not in editing.SECTIONS:
            return self.not_found(language)
        if not hmac.compare_digest(fields.get("token", ""), form_token(self.key, token or "")):
            return self.page(language, "refused.html", "", status=403)
        typed = {k: v for k, v in fields.items() if k != "token"}
        saved = False
        with self.sessions.begin() as session:
            found = self.signed_in(session, token)
            if found is None:
                return self.to(language, "login")
            entry = accounts.own_entry(session, found[1], resource_id)
            if entry is None:
                return self.not_found(language)
            outcome = editing.read(section, typed, entry.resource, language)
            held = accounts.setting(session, found[1]).hold_for_review
            if not outcome.errors:
                before = entry.row.version
                try:
                    if held:  # kept, pending, for `partner review`; the entry is unchanged
                        saved = review.hold(session, found[1], entry, section, outcome.changes, self.clock())
                    else:
                        directory.change_resource(
                            session,
                            entry.row,
                            outcome.changes,
                            action="partner.edit",
                            by=f"partner:{found[1].id}",
                            details={"section": section},
                        )
                        saved = entry.row.version != before
                except ValidationError:  # a rule of the whole record the form could not know of
                    _ = translations(language).gettext
                    outcome.errors["form"] = _("This change is not accepted by the directory's rules.")
        if outcome.errors:
            return self.edit_form(language, token, resource_id, section, typed, outcome.errors)
        result = ("held" if held else "1") if saved else "0"
        return self.to(language, f"services/{resource_id}?saved={result}")

    def section_titles(self, language: str) -> dict[str, str]:
        _ = translations(language).gettext
        return {"hours": _("Opening hours"), "place": _("Place"), "phones": _("Phones"), "about": _("Description")}

    def verified_post(self, language: str, token: str | None, resource_id: str, fields: dict[str, str]) -> Response:
        gate = self.gate(language, token)
        if gate is not None:
            return gate
        if not hmac.compare_digest(fields.get("token", ""), form_token(self.key, token or "")):
            return self.page(language, "refused.html", "", status=403)
        with self.sessions.begin() as session:
            found = self.signed_in(session, token)
            if found is None:
                return self.to(language, "login")
            entry = accounts.own_entry(session, found[1], resource_id)
            if entry is None:
                return self.not_found(language)
            accounts.still_correct(session, found[1], entry, self.clock().date())
        return self.to(language, "?confirmed=1")


def add_routes(
    app: FastAPI,
    sessions: sessionmaker[Session],
    key: bytes,
    clock: Callable[[], dt.datetime],
    address_of: Callable[[Request], str],
) -> None:
    pages = PartnerPages(sessions, key, clock)
    router = APIRouter(route_class=APIRoute, include_in_schema=False)

    def language_of(lang: str) -> str | None:
        return lang if lang in LANGUAGES else None

    @router.get("/partner", response_class=HTMLResponse)
    @router.get("/partner/", response_class=HTMLResponse)
    def choose_language(request: Request) -> Response:
        language = from_accept_language(request.headers.get("accept-language"))
        return RedirectResponse(f"/partner/{language}/", status_code=302, headers={"Vary": "Accept-Language"})

    @router.get("/partner/static/partner.css")
    def style() -> Response:
        return Response(CSS, media_type="text/css; charset=utf-8", headers={"Cache-Control": "public, max-age=86400"})

    async def posted(
        lang: str, request: Request, handle: Callable[[str, dict[str, str]], Response], limit: int = MAX_BODY
    ) -> Response:
        """Every form post: its language, where it came from, its body, then its handler."""
        language = language_of(lang)
        if language is None:
            return pages.not_found(DEFAULT)
        if sent_from_elsewhere(request):
            return pages.page(language, "refused.html", "", status=403)
        fields = read_fields(await request.body(), limit)
        return await run_in_threadpool(handle, language, fields)

    def cookie(request: Request) -> str | None:
        return request.cookies.get(COOKIE)

    @router.get("/partner/{lang}/", response_class=HTMLResponse)
    def home(lang: str, request: Request) -> Response:
        language = language_of(lang)
        if language is None:
            return pages.not_found(DEFAULT)
        query = {k: v for k, v in request.query_params.items() if k in ("confirmed", "enrolled")}
        return pages.home(language, cookie(request), query)

    @router.get("/partner/{lang}/login", response_class=HTMLResponse)
    def login(lang: str) -> Response:
        language = language_of(lang)
        return pages.login_form(language) if language else pages.not_found(DEFAULT)

    @router.post("/partner/{lang}/login", response_class=HTMLResponse)
    async def login_post(lang: str, request: Request) -> Response:
        return await posted(lang, request, lambda language, f: pages.login_post(language, f, address_of(request)))

    @router.post("/partner/{lang}/logout", response_class=HTMLResponse)
    async def logout(lang: str, request: Request) -> Response:
        return await posted(lang, request, lambda language, f: pages.logout(language, cookie(request)))

    @router.get("/partner/{lang}/invite/{token}", response_class=HTMLResponse)
    def invite(lang: str, token: str) -> Response:
        language = language_of(lang)
        return pages.invite_form(language, token[:100]) if language else pages.not_found(DEFAULT)

    @router.post("/partner/{lang}/invite/{token}", response_class=HTMLResponse)
    async def invite_post(lang: str, token: str, request: Request) -> Response:
        return await posted(lang, request, lambda language, f: pages.invite_post(language, token[:100], f))

    @router.get("/partner/{lang}/totp", response_class=HTMLResponse)
    def totp(lang: str, request: Request) -> Response:
        language = language_of(lang)
        return pages.totp_form(language, cookie(request), errors={}) if language else pages.not_found(DEFAULT)

    @router.post("/partner/{lang}/totp", response_class=HTMLResponse)
    async def totp_post(lang: str, request: Request) -> Response:
        return await posted(
            lang, request, lambda language, f: pages.totp_post(language, cookie(request), f, address_of(request))
        )

    @router.get("/partner/{lang}/totp/enrol", response_class=HTMLResponse)
    def enrol(lang: str, request: Request) -> Response:
        language = language_of(lang)
        return pages.enrol_form(language, cookie(request)) if language else pages.not_found(DEFAULT)

    @router.post("/partner/{lang}/totp/enrol", response_class=HTMLResponse)
    async def enrol_post(lang: str, request: Request) -> Response:
        return await posted(
            lang, request, lambda language, f: pages.enrol_post(language, cookie(request), f, address_of(request))
        )

    @router.get("/partner/{lang}/services/{resource_id}", response_class=HTMLResponse)
    def service(lang: str, resource_id: str, request: Request) -> Response:
        language = language_of(lang)
        if language is None:
            return pages.not_found(DEFAULT)
        return pages.service(language, cookie(request), resource_id, {"saved": request.query_params.get("saved", "")})

    @router.get("/partner/{lang}/services/{resource_id}/edit/{section}", response_class=HTMLResponse)
    def edit(lang: str, resource_id: str, section: str, request: Request) -> Response:
        language = language_of(lang)
        if language is None:
            return pages.not_found(DEFAULT)
        return pages.edit_form(language, cookie(request), resource_id, section)

    @router.post("/partner/{lang}/services/{resource_id}/edit/{section}", response_class=HTMLResponse)
    async def edit_post(lang: str, resource_id: str, section: str, request: Request) -> Response:
        return await posted(
            lang,
            request,
            lambda language, f: pages.edit_post(language, cookie(request), resource_id, section, f),
            MAX_EDIT_BODY,
        )

    @router.post("/partner/{lang}/services/{resource_id}/verified", response_class=HTMLResponse)
    async def verified(lang: str, resource_id: str, request: Request) -> Response:
        return await posted(
            lang, request, lambda language, f: pages.verified_post(language, cookie(request), resource_id, f)
        )

    @router.get("/partner/{lang}/{rest:path}", response_class=HTMLResponse)
    def anything_else(lang: str, rest: str) -> Response:
        return pages.not_found(language_of(lang) or DEFAULT)

    app.include_router(router)  # its security headers: central.help.headers.PageHeaders, added by central.app
