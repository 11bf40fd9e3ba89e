"""The help desk's pages and their routes under /help/.

Owns: the routes (`/help/` chooses a language; `/help/{lang}/` home, `/help/{lang}/contact` the first
contact, `/help/{lang}/info/{slug}` a published page, `/help/static/...` the style sheet and
script), rendering them with Jinja2 (one environment per language, autoescaped, gettext from
central.help.i18n), the check of where a posted form came from, and what each outcome of a post
shows. A first contact goes to central.intake.receive, in one transaction with its rate count.
Must never answer a traceback or a bare error: every outcome is a page in the visitor's language;
never set a cookie; never log or keep the visitor's address (intake keeps only its HMAC).
"""

import datetime as dt
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central import intake
from central.help import content, form_token, forms
from central.help.headers import HelpHeaders
from central.help.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, from_accept_language, translations
from central.models import Organisation, Team

HERE = Path(__file__).parent
LEAVE_URL_ENV = "PROSSIMO_HELP_LEAVE_URL"
# Where "leave this site quickly" goes: a busy, neutral site that says nothing about help.
DEFAULT_LEAVE_URL = "https://www.wikipedia.org/"
STATIC = {
    "help.css": "text/css; charset=utf-8",
    "help.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",  # browsers ask for an icon on every page: one is served, not a 404
}
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class TeamChoice:
    id: uuid.UUID
    label: str


@cache
def environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def _static(name: str) -> bytes:
    return (HERE / "static" / name).read_bytes()


def teams(session: Session) -> list[TeamChoice]:
    """The teams a person can write to, by name; with the organisation's name when there are several."""
    rows = session.execute(
        select(Team.id, Team.name, Organisation.name)
        .join(Organisation, Organisation.id == Team.organisation_id)
        .order_by(Organisation.name, Team.name)
    ).all()
    several = len({org for _, _, org in rows}) > 1
    return [TeamChoice(team_id, f"{org} – {name}" if several else name) for team_id, name, org in rows]


class HelpDesk:
    def __init__(
        self, sessions: sessionmaker[Session], key: bytes, clock: Callable[[], dt.datetime], leave_url: str
    ) -> None:
        self.sessions = sessions
        self.key = key
        self.clock = clock
        self.leave_url = leave_url

    # --- rendering ----------------------------------------------------------------------

    def page(self, language: str, template: str, path: str, status: int = 200, **values: Any) -> HTMLResponse:
        """`path`: this page's path after /help/{lang}/, for the language switcher."""
        switch = [(code, LANGUAGE_NAMES[code], f"/help/{code}/{path}") for code in LANGUAGES]
        html = (
            environment(language)
            .get_template(template)
            .render(lang=language, languages=switch, leave_url=self.leave_url, **values)
        )
        return HTMLResponse(html, status_code=status, media_type=HTML)

    def not_found(self, language: str) -> HTMLResponse:
        return self.page(language, "not_found.html", "", status=404)

    # --- pages --------------------------------------------------------------------------

    def home(self, language: str) -> HTMLResponse:
        with self.sessions() as session:
            pages = content.listing(session, language, published_only=True)
        return self.page(
            language,
            "home.html",
            "",
            info=[p for p in pages if p.kind == "info"],
            testimonies=[p for p in pages if p.kind == "testimony"],
        )

    def info(self, language: str, slug: str) -> HTMLResponse:
        with self.sessions() as session:
            row = content.published(session, slug, language) if content.SLUG.fullmatch(slug) else None
            if row is None:
                return self.not_found(language)
            body = content.render(row.body)
            return self.page(language, "info.html", f"info/{slug}", page=row, body=body)

    def contact_form(
        self,
        language: str,
        draft: forms.Draft | None = None,
        errors: dict[str, str] | None = None,
        token: str | None = None,
        **extra: Any,
    ) -> HTMLResponse:
        """The form; `token`: the one the person's first view of it carried, kept when the form comes
        back with errors, so the fill time counts from that view and fixing one field is not "too fast"."""
        with self.sessions() as session:
            choices = teams(session)
        status = extra.pop("status", 422 if errors else 200)
        extra.setdefault("notice", None)
        draft = draft or forms.Draft(language=language)
        return self.page(
            language,
            "contact.html",
            "contact",
            status=status,
            draft=draft,
            errors=errors or {},
            teams=choices,
            token=token or form_token.issue(self.key, language, self.clock()),
            reach_options=forms.REACH,
            own_languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            other_languages=sorted(forms.OTHER_LANGUAGES.items()),
            **extra,
        )

    def contact_post(self, language: str, fields: dict[str, str], address: str) -> HTMLResponse:
        _ = translations(language).gettext
        draft = forms.draft_of(fields)
        if draft.honeypot:
            # A robot: it is told what a person is told, and nothing is kept.
            return self.page(language, "sent.html", "contact", reference=secrets.token_hex(3).upper(), reach="")
        try:
            form_token.check(self.key, language, draft.token, self.clock())
        except form_token.TokenProblem as problem:
            notice = {
                "too_fast": _("The form was sent very quickly. Check what you wrote and send it again."),
                "expired": _("The form was open for a long time. Check what you wrote and send it again."),
            }.get(problem.reason, _("The form could not be checked. Check what you wrote and send it again."))
            return self.contact_form(language, draft, {}, notice=notice, status=400)
        with self.sessions() as session:
            team_ids = [choice.id for choice in teams(session)]
        if not team_ids:
            return self.contact_form(language, draft, {}, status=503)
        built, errors = forms.submission(draft, team_ids, _)
        if built is None:
            return self.contact_form(language, draft, errors, token=draft.token)
        try:
            with self.sessions.begin() as session:
                receipt = intake.receive(session, built, address, self.key, self.clock())
        except intake.RateLimited as limited:
            minutes = max(1, round(limited.retry_after.total_seconds() / 60))
            notice = _("Too many requests came from this connection. Try again in {minutes} minutes.").format(
                minutes=minutes
            )
            response = self.contact_form(language, draft, {}, token=draft.token, notice=notice, status=429)
            response.headers["Retry-After"] = str(max(1, int(limited.retry_after.total_seconds())))
            return response
        except intake.UnknownTeam:
            return self.contact_form(language, draft, {"team": forms.team_problem(_)}, token=draft.token)
        except ValidationError as exc:  # the request's own rules (central.intake's IntakeRequest)
            return self.contact_form(language, draft, forms.problems(exc, draft.reach, _), token=draft.token)
        return self.page(language, "sent.html", "contact", reference=receipt.reference, reach=draft.reach)


def _sent_from_elsewhere(request: Request) -> bool:
    """A post another site made the browser send. Sec-Fetch-Site says so in current browsers;
    Origin in others (`null` is what our own no-referrer pages send, so it is not refused)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return False
    host = request.headers.get("host", "")
    return origin not in (f"http://{host}", f"https://{host}")


def add_routes(
    app: FastAPI,
    sessions: sessionmaker[Session],
    key: bytes,
    clock: Callable[[], dt.datetime],
    address_of: Callable[[Request], str],
) -> None:
    desk = HelpDesk(sessions, key, clock, os.environ.get(LEAVE_URL_ENV) or DEFAULT_LEAVE_URL)
    # Plain APIRoute: the service's StrictJSONRoute would read a posted form as JSON.
    router = APIRouter(route_class=APIRoute, include_in_schema=False)
    static = {name: _static(name) for name in STATIC}

    def language_of(lang: str) -> str | None:
        return lang if lang in LANGUAGES else None

    @router.get("/help", response_class=HTMLResponse)
    @router.get("/help/", response_class=HTMLResponse)
    def choose_language(request: Request) -> Response:
        language = from_accept_language(request.headers.get("accept-language"))
        return RedirectResponse(f"/help/{language}/", status_code=302, headers={"Vary": "Accept-Language"})

    @router.get("/help/static/{name}")
    def static_file(name: str) -> Response:
        if name not in static:
            return desk.not_found(DEFAULT)
        return Response(static[name], media_type=STATIC[name], headers={"Cache-Control": "public, max-age=86400"})

    @router.get("/help/{lang}", response_class=HTMLResponse)
    def home_without_slash(lang: str) -> Response:
        language = language_of(lang)
        return RedirectResponse(f"/help/{language}/", 301) if language else desk.not_found(DEFAULT)

    @router.get("/help/{lang}/", response_class=HTMLResponse)
    def home(lang: str) -> Response:
        language = language_of(lang)
        return desk.home(language) if language else desk.not_found(DEFAULT)

    @router.get("/help/{lang}/contact", response_class=HTMLResponse)
    def contact(lang: str) -> Response:
        language = language_of(lang)
        return desk.contact_form(language) if language else desk.not_found(DEFAULT)

    @router.post("/help/{lang}/contact", response_class=HTMLResponse)
    async def contact_post(lang: str, request: Request) -> Response:
        language = language_of(lang)
        if language is None:
            return desk.not_found(DEFAULT)
        if _sent_from_elsewhere(request):
            return desk.page(language, "refused.html", "contact", status=403)
        fields = forms.read_body(await request.body())
        return await run_in_threadpool(desk.contact_post, language, fields, address_of(request))

    @router.get("/help/{lang}/info/{slug}", response_class=HTMLResponse)
    def info(lang: str, slug: str) -> Response:
        language = language_of(lang)
        return desk.info(language, slug) if language else desk.not_found(DEFAULT)

    app.include_router(router)
    app.add_middleware(HelpHeaders)
