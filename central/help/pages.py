"""The help desk's pages and their routes under /help/.

Owns: the routes (`/help/` chooses a language; `/help/{lang}/` home, `/help/{lang}/contact` the first
contact, `/help/{lang}/book` a booking, `/help/{lang}/status` the status and reply check,
`/help/{lang}/info/{slug}` a published page, `/help/{lang}/services` the public directory and
`/help/{lang}/services/{id}` a service's page (central.help.services), `/help/static/...` the
style sheet and script),
rendering them with Jinja2 (one environment per language, autoescaped, gettext from
central.help.i18n), the check of where a posted form came from, and what each outcome of a post
shows. First contacts, bookings and status checks go to central.help_desk and nothing below it;
what happened is counted by central.help.counts (no one's data).
Must never answer a traceback or a bare error: every outcome is a page in the visitor's language;
never set a cookie; never log or keep the visitor's address (intake keeps only its HMAC).
"""

import datetime as dt
import math
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date, format_time
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central import help_desk
from central.help import content, counts, form_token, forms, services
from central.help.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, from_accept_language, page_environment, translations
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
    return page_environment(HERE / "templates", translations(language))


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

    def visited(self, language: str, page: counts.Page) -> None:
        counts.visit(self.sessions, self.clock(), language, page)

    def home(self, language: str) -> HTMLResponse:
        self.visited(language, "home")
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
            answer = self.page(language, "info.html", f"info/{slug}", page=row, body=body)
        self.visited(language, "info")  # a published page: a made-up slug is no visit
        return answer

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
            **self._person_form(language, token),
            **extra,
        )

    def _person_form(self, language: str, token: str | None) -> dict[str, Any]:
        """What the person fields of both forms (contact, booking) need: their token (the first
        view's, when a form comes back with errors), the ways to reach them and the languages."""
        return {
            "token": token or form_token.issue(self.key, language, self.clock()),
            "reach_options": forms.REACH,
            "own_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "other_languages": sorted(forms.OTHER_LANGUAGES.items()),
        }

    def contact_post(self, language: str, fields: dict[str, str], address: str) -> HTMLResponse:
        return self._post(language, forms.draft_of(fields), address, "first_contact")

    def _post(self, language: str, draft: forms.Draft, address: str, kind: forms.Kind) -> HTMLResponse:
        """A first contact or a booking, from its form to its receipt: the one path both take, so
        the token, the team, the rate limit and the protocol's rules are told the same way."""
        _ = translations(language).gettext
        form: counts.Form = "book" if kind == "booking" else "contact"

        def again(errors: dict[str, str], **extra: Any) -> HTMLResponse:
            draft.tried = True
            if kind == "booking":
                return self.book_form(language, draft.team, draft, errors, **extra)
            return self.contact_form(language, draft, errors, **extra)

        if draft.honeypot:
            # A robot: it is told what a person is told, and nothing is kept.
            return self.page(
                language,
                "sent.html",
                "contact",
                reference=secrets.token_hex(3).upper(),
                words=help_desk.new_words(language),
                reach="",
            )
        if not draft.tried:
            counts.started(self.sessions, self.clock(), language, form)
        try:
            form_token.check(self.key, language, draft.token, self.clock())
        except form_token.TokenProblem as problem:
            notice = {
                "too_fast": _("The form was sent very quickly. Check what you wrote and send it again."),
                "expired": _("The form was open for a long time. Check what you wrote and send it again."),
            }.get(problem.reason, _("The form could not be checked. Check what you wrote and send it again."))
            return again({}, notice=notice, status=400)
        with self.sessions() as session:
            team_ids = [choice.id for choice in teams(session)]
        if not team_ids:
            return again({}, status=503)
        built, errors = forms.submission(draft, team_ids, _, kind)
        if built is None:
            return again(errors, token=draft.token)
        slot: help_desk.FreeSlot | None = None
        try:
            if kind == "booking":
                slot = self._free_slot(built.team_id, draft.slot)
                if slot is None:
                    raise help_desk.SlotTaken()
                receipt = help_desk.book(
                    self.sessions, built, slot.id, language=language, address=address, key=self.key, now=self.clock()
                )
            else:
                receipt = help_desk.submit(
                    self.sessions, built, language=language, address=address, key=self.key, now=self.clock()
                )
        except help_desk.RateLimited as limited:
            minutes = max(1, round(limited.retry_after.total_seconds() / 60))
            notice = _("Too many requests came from this connection. Try again in {minutes} minutes.").format(
                minutes=minutes
            )
            response = again({}, token=draft.token, notice=notice, status=429)
            response.headers["Retry-After"] = str(max(1, int(limited.retry_after.total_seconds())))
            return response
        except help_desk.UnknownTeam:
            return again({"team": forms.team_problem(_)}, token=draft.token)
        except help_desk.SlotTaken:
            notice = _("Someone has just taken this time. Choose another one: the free times are shown again.")
            draft.slot = ""
            return again({"slot": forms.slot_problem(_)}, token=draft.token, notice=notice, status=409)
        except help_desk.BadInput as bad:  # a slot that is not one of this team's
            return again({"slot" if bad.field == "slot_id" else "form": forms.slot_problem(_)}, token=draft.token)
        except ValidationError as exc:  # the request's own rules (protocol.entities.IntakeRequest)
            return again(forms.problems(exc, draft.reach, _), token=draft.token)
        counts.completed(self.sessions, self.clock(), language, form)
        values: dict[str, Any] = {"reference": receipt.reference, "words": receipt.words}
        if slot is not None:
            shown = self._slot_view(language, slot)
            return self.page(language, "booked.html", "book", when=shown.when, how=shown.how, **values)
        return self.page(language, "sent.html", "contact", reach=draft.reach, **values)

    # --- booking ------------------------------------------------------------------------

    def _free_slot(self, team_id: uuid.UUID, slot: str) -> help_desk.FreeSlot | None:
        """The chosen slot if it is still offered (its time is what the confirmation tells)."""
        for day in help_desk.free_slots(self.sessions, team_id, now=self.clock()):
            for free in day.slots:
                if str(free.id) == slot:
                    return free
        return None

    def _slot_view(self, language: str, slot: help_desk.FreeSlot | help_desk.Meeting) -> "SlotView":
        _ = translations(language).gettext
        how = {
            "in_person": _("In person"),
            "phone": _("By phone: we call you"),
            "video": _("By video call"),
        }[slot.mode]
        start, end = (format_time(t, "short", locale=language) for t in (slot.starts_at, slot.ends_at))
        time = f"{start}–{end}"
        day = format_date(slot.starts_at.date(), "full", locale=language)
        return SlotView(slot.id if isinstance(slot, help_desk.FreeSlot) else None, f"{day}, {time}", time, how)

    def book_form(
        self,
        language: str,
        team: str = "",
        draft: forms.Draft | None = None,
        errors: dict[str, str] | None = None,
        token: str | None = None,
        **extra: Any,
    ) -> HTMLResponse:
        """Without a team chosen (and several teams), the team's choice; then that team's free times
        of the next weeks by day and the person's fields; no free time: the first contact instead."""
        with self.sessions() as session:
            choices = teams(session)
        errors = dict(errors or {})
        chosen = choices[0] if len(choices) == 1 else next((c for c in choices if str(c.id) == team), None)
        if team and chosen is None:
            errors["team"] = forms.team_problem(translations(language).gettext)
        status = extra.pop("status", 422 if errors else 200)
        days: list[DayView] = []
        if chosen is not None:
            for day in help_desk.free_slots(self.sessions, chosen.id, now=self.clock()):
                label = format_date(day.day, "full", locale=language)
                days.append(DayView(label, [self._slot_view(language, slot) for slot in day.slots]))
        extra.setdefault("notice", None)
        draft = draft or forms.Draft(language=language)
        return self.page(
            language,
            "book.html",
            "book",
            status=status,
            draft=draft,
            errors=errors,
            teams=choices,
            team=chosen,
            days=days,
            **self._person_form(language, token),
            **extra,
        )

    def book_post(self, language: str, fields: dict[str, str], address: str) -> HTMLResponse:
        return self._post(language, forms.draft_of(fields), address, "booking")

    # --- status -------------------------------------------------------------------------

    def status_form(
        self, language: str, reference: str = "", words: str = "", errors: dict[str, str] | None = None, **extra: Any
    ) -> HTMLResponse:
        status = extra.pop("status", 422 if errors else 200)
        extra.setdefault("notice", None)
        extra.setdefault("tried", False)
        return self.page(
            language,
            "status.html",
            "status",
            status=status,
            found=None,
            reference=reference,
            words=words,
            errors=errors or {},
            **extra,
        )

    def status_post(self, language: str, fields: dict[str, str], address: str) -> HTMLResponse:
        _ = translations(language).gettext
        reference, words = fields.get("reference", "")[:40], fields.get("words", "")[:200]
        if fields.get(forms.TRIED) != "yes":
            counts.started(self.sessions, self.clock(), language, "status")
        try:
            found = help_desk.status(self.sessions, reference, words, address=address, key=self.key, now=self.clock())
        except help_desk.BadInput as bad:
            message = {
                "reference": _("Reference: write the six letters and digits you were given, for example 3F9A0C."),
                "words": _("Check words: write the four words you were given, in their order."),
            }.get(bad.field, _("Something in the form could not be read: check it and send it again."))
            return self.status_form(
                language, reference, words, {bad.field if bad.field == "words" else "reference": message}
            )
        except help_desk.Throttled as throttled:
            seconds = max(1, math.ceil(throttled.retry_after.total_seconds()))
            notice = (
                _("Too many tries. Wait {seconds} seconds and try again.").format(seconds=seconds)
                if seconds < 120
                else _("Too many tries. Try again in {minutes} minutes.").format(minutes=math.ceil(seconds / 60))
            )
            response = self.status_form(language, reference, words, notice=notice, status=429, tried=True)
            response.headers["Retry-After"] = str(seconds)
            return response
        except help_desk.NotFound:
            notice = _(
                "We found no request with this reference and these words. Check them and try again. "
                "A request is shown until some time after it is closed."
            )
            return self.status_form(language, reference, words, notice=notice, status=404, tried=True)
        titles = {
            "received": (_("Received"), _("Your request has arrived. A worker of the team will read it soon.")),
            "being_handled": (_("Being handled"), _("A worker of the team is taking care of your request.")),
            "confirmed": (_("Appointment confirmed"), _("The team has confirmed your appointment.")),
            "declined": (
                _("Not possible"),
                _("The team could not accept this request; their message says more. You can book another time."),
            ),
        }
        if found.state == "received" and found.kind == "booking":
            titles["received"] = (
                _("Received: time kept for you"),
                _("Your time is kept for you until the team confirms it."),
            )
        title, explained = titles[found.state]
        meeting = None
        if found.meeting is not None:
            shown = self._slot_view(language, found.meeting)
            meeting = MeetingView(shown.when, shown.how, found.meeting.place)
        counts.completed(self.sessions, self.clock(), language, "status")
        view = StatusView(title, explained, meeting, found.reply)
        return self.page(language, "status.html", "status", found=view, errors={}, notice=None)


@dataclass(frozen=True)
class SlotView:
    id: uuid.UUID | None
    when: str  # the day and the time, in the page's language
    time: str
    how: str  # in person, by phone, by video


@dataclass(frozen=True)
class DayView:
    label: str
    slots: list[SlotView]


@dataclass(frozen=True)
class MeetingView:
    when: str
    how: str
    place: str | None


@dataclass(frozen=True)
class StatusView:
    state: str  # the state's title in the page's language
    explained: str
    meeting: MeetingView | None
    reply: str | None


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
        if language is None:
            return desk.not_found(DEFAULT)
        desk.visited(language, "contact")
        return desk.contact_form(language)

    async def posted(
        lang: str, request: Request, path: str, handle: Callable[[str, dict[str, str], str], HTMLResponse]
    ) -> Response:
        """Every form post: its language, where it came from, its body, then its page's handler."""
        language = language_of(lang)
        if language is None:
            return desk.not_found(DEFAULT)
        if _sent_from_elsewhere(request):
            return desk.page(language, "refused.html", path, status=403)
        fields = forms.read_body(await request.body())
        return await run_in_threadpool(handle, language, fields, address_of(request))

    @router.post("/help/{lang}/contact", response_class=HTMLResponse)
    async def contact_post(lang: str, request: Request) -> Response:
        return await posted(lang, request, "contact", desk.contact_post)

    @router.get("/help/{lang}/book", response_class=HTMLResponse)
    def book(lang: str, team: str = "") -> Response:
        language = language_of(lang)
        if language is None:
            return desk.not_found(DEFAULT)
        desk.visited(language, "book")
        return desk.book_form(language, team[:40])

    @router.post("/help/{lang}/book", response_class=HTMLResponse)
    async def book_post(lang: str, request: Request) -> Response:
        return await posted(lang, request, "book", desk.book_post)

    @router.get("/help/{lang}/status", response_class=HTMLResponse)
    def status(lang: str) -> Response:
        language = language_of(lang)
        if language is None:
            return desk.not_found(DEFAULT)
        desk.visited(language, "status")
        return desk.status_form(language)

    @router.post("/help/{lang}/status", response_class=HTMLResponse)
    async def status_post(lang: str, request: Request) -> Response:
        return await posted(lang, request, "status", desk.status_post)

    directory = services.PublicDirectory(sessions)

    @router.get("/help/{lang}/services", response_class=HTMLResponse)
    def services_list(lang: str, request: Request) -> Response:
        language = language_of(lang)
        if language is None:
            return desk.not_found(DEFAULT)
        return services.list_page(desk, directory, language, dict(request.query_params))

    @router.get("/help/{lang}/services/{service_id}", response_class=HTMLResponse)
    def service(lang: str, service_id: str) -> Response:
        language = language_of(lang)
        return services.service_page(desk, directory, language, service_id) if language else desk.not_found(DEFAULT)

    @router.get("/help/{lang}/info/{slug}", response_class=HTMLResponse)
    def info(lang: str, slug: str) -> Response:
        language = language_of(lang)
        return desk.info(language, slug) if language else desk.not_found(DEFAULT)

    app.include_router(router)  # its security headers: central.help.headers.PageHeaders, added by central.app
