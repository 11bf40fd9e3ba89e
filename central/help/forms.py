"""The first-contact form: what the page sends, read into an IntakeSubmission, and its errors.

Owns: the form's fields and their names on the page, reading a posted form body, the form's own
rules (a team chosen, a way to be reached chosen, consent given, the honeypot left empty) and
turning a broken rule into a message that names the field in the page's language. The rules of
the request itself (lengths, a phone number or email address for the chosen way, nothing to
reach when "I'll check back here") are the protocol's (IntakeFields, IntakeRequest), applied by
central.intake: this module only says, per field, what they mean to the person.
Must never log or echo into a log what was typed; it may only be shown back on the page.
"""

import dataclasses
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal
from urllib.parse import parse_qsl

from pydantic import ValidationError

from central.help.i18n import LANGUAGES
from protocol.messages import IntakeSubmission
from protocol.phones import MAX_DIGITS, MIN_DIGITS
from protocol.validation import field_problems

Translate = Callable[[str], str]
Kind = Literal["first_contact", "booking"]
REACH = ("phone", "sms", "email", "none")  # the page's order; each is an IntakeChannel
# The languages a person may ask to be answered in, beyond the page's (each named in itself).
OTHER_LANGUAGES = {
    "fr": "Français",
    "es": "Español",
    "ro": "Română",
    "sq": "Shqip",
    "uk": "Українська",
    "ar": "العربية",
}
# Sent back on a form shown again after a post, so that post is not counted as a new start
# (central.help.counts): no cookie, no identifier.
TRIED = "tried"
HONEYPOT = "website"  # hidden by the style sheet; a person never fills it, a form-filling robot does
MAX_FIELDS = 30
MAX_TEXT = 2_000  # characters kept to show back; the protocol's own limits are lower


@dataclasses.dataclass
class Draft:
    """What was typed, as typed, to show back on the page."""

    team: str = ""
    alias: str = ""
    reach: str = ""
    phone: str = ""
    email: str = ""
    times: str = ""
    say_who: str = "no"
    topic: str = ""
    language: str = ""
    consent: bool = False
    token: str = ""
    honeypot: str = ""
    slot: str = ""  # a booking's chosen time (a bookable slot's id)
    tried: bool = False  # this form was posted before (shown again with errors)


def read_body(body: bytes) -> dict[str, str]:
    """The posted fields (the last value of a repeated name); None-free; undecodable bytes dropped."""
    text = body.decode("utf-8", errors="replace")
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="replace")
    except ValueError:  # more fields than any form of ours has
        return {}
    return {name: value.replace("\x00", "")[:MAX_TEXT] for name, value in pairs}


def draft_of(fields: Mapping[str, str]) -> Draft:
    return Draft(
        team=fields.get("team", ""),
        alias=fields.get("alias", ""),
        reach=fields.get("reach", ""),
        phone=fields.get("phone", ""),
        email=fields.get("email", ""),
        times=fields.get("times", ""),
        say_who="yes" if fields.get("say_who") == "yes" else "no",
        topic=fields.get("topic", ""),
        language=fields.get("language", ""),
        consent=fields.get("consent") == "yes",
        token=fields.get("token", ""),
        honeypot=fields.get(HONEYPOT, ""),
        slot=fields.get("slot", ""),
        tried=fields.get(TRIED) == "yes",
    )


def _blank(text: str) -> str | None:
    return text.strip() or None


def submission(
    draft: Draft, team_ids: Sequence[uuid.UUID], _: Translate, kind: Kind = "first_contact"
) -> tuple[IntakeSubmission | None, dict[str, str]]:
    """The submission, or the errors by field name of the page (never both). A booking's form
    has the first contact's fields and a time; which times are free is central.help_desk's."""
    errors: dict[str, str] = {}
    if kind == "booking" and not draft.slot:
        errors["slot"] = slot_problem(_)
    team_id: uuid.UUID | None = None
    if len(team_ids) == 1:
        team_id = team_ids[0]
    else:
        try:
            team_id = uuid.UUID(draft.team)
        except ValueError:
            team_id = None
        if team_id not in team_ids:
            errors["team"] = team_problem(_)
    if draft.reach not in REACH:
        errors["reach"] = _("How can we reach you: choose one of the ways, or that you will check back here.")
    if draft.language not in LANGUAGES and draft.language not in OTHER_LANGUAGES:
        errors["language"] = _("Language: choose the language you would like us to answer in.")
    if not draft.consent:
        errors["consent"] = _("Consent: tick the box if you agree, or we cannot keep your request.")
    detail = {"phone": draft.phone, "sms": draft.phone, "email": draft.email}.get(draft.reach)
    fields: dict[str, Any] = {
        "team_id": team_id or uuid.UUID(int=0),
        "kind": kind,
        "alias": draft.alias,
        "contact_channel": draft.reach if draft.reach in REACH else "none",
        "contact_detail": _blank(detail or ""),
        "preferred_times": _blank(draft.times),
        "topic": _blank(draft.topic),
        "language": draft.language if "language" not in errors else "it",
        "consent_to_contact": draft.consent,
        "may_say_who_from": draft.say_who == "yes",
    }
    try:
        built = IntakeSubmission.model_validate(fields)
    except ValidationError as exc:
        errors.update(problems(exc, draft.reach, _))
        return None, errors
    return (None, errors) if errors else (built, {})


def problems(exc: ValidationError, reach: str, _: Translate) -> dict[str, str]:
    """The page's field names and messages for the protocol's rules an entry broke."""
    found: dict[str, str] = {}
    for path, rule in field_problems(exc.errors(include_input=False, include_url=False)):
        field = path or rule.partition(":")[0]  # cross-field rules name their field first
        name, message = _explain(field, rule, reach, _)
        found.setdefault(name, message)
    return found


def slot_problem(_: Translate) -> str:
    return _("Time: choose one of the free times.")


def team_problem(_: Translate) -> str:
    return _("Who would you like to talk to: choose one of the teams.")


def _explain(field: str, rule: str, reach: str, _: Translate) -> tuple[str, str]:
    too_long = "at most" in rule
    if field == "alias":
        if too_long:
            return "alias", _("Name: at most 100 characters.")
        return "alias", _("Name: write a name or a nickname (it need not be your real name).")
    if field == "contact_detail":
        if reach == "email":
            return "email", _("Email: write an email address, such as name@example.org.")
        return "phone", _("Phone: write a phone number with {low} to {high} digits.").format(
            low=MIN_DIGITS, high=MAX_DIGITS
        )
    if field == "preferred_times":
        return "times", _("When to contact you: at most 300 characters.")
    if field == "topic":
        return "topic", _("What it is about: at most 300 characters.")
    if field == "language":
        return "language", _("Language: choose the language you would like us to answer in.")
    if field == "consent_to_contact":
        return "consent", _("Consent: tick the box if you agree, or we cannot keep your request.")
    if field == "team_id":
        return "team", team_problem(_)
    if field == "slot_id":
        return "slot", slot_problem(_)
    return "form", _("Something in the form could not be read: check it and send it again.")
