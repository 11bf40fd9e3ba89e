"""The review queue's HTTP routes: a team lead's device lists and decides the partners' held changes.

Owns: `POST /v1/review/waiting` (the organisation's changes waiting, oldest first, each field's
value now and the partner's) and `POST /v1/review/decision` (approve or reject one), their
answers and status codes. The caller is a device, known by its token as on /v1/sync (the same
`auth.authenticate`, without offering a token rotation: these answers cannot carry one); only
the directory's writers (`protocol.messages.DIRECTORY_WRITERS`) may use them. The rule of a
decision is central.partners.review's `decide` (an approved change goes through the directory's
one change path, so devices pull it at their next sync); this module only names who decided.
Must never answer another organisation's change as anything but an unknown one (404), never offer
a token rotation, and never put a value of a change into a log line or an error message.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from central import auth, errors
from central.partners import review
from central.sync_service import Caller
from protocol.messages import (
    DIRECTORY_WRITERS,
    ProblemAnswer,
    ReviewDecision,
    ReviewOutcome,
    ReviewQueue,
    WipeAnswer,
)

PREFIX = "/v1/review"
AUTH_HEADER = [
    {
        "name": "authorization",
        "in": "header",
        "required": True,
        "schema": {"type": "string", "title": "Authorization"},
        "description": "`Bearer` and the device token, as on /v1/sync",
    }
]
ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"model": ProblemAnswer, "description": "`no_token` or `unknown_token`: enrol the device again."},
    403: {"model": ProblemAnswer, "description": "`forbidden_role`: only team leads and administrators review."},
    410: {"model": WipeAnswer, "description": "The device was revoked or its operator disabled: wipe it."},
    422: {"model": ProblemAnswer, "description": "The body breaks a rule; `fields` names each field and rule."},
}


class _Refused(Exception):
    def __init__(self, answer: JSONResponse) -> None:
        self.answer = answer


def _reviewer(session: Session, request: Request) -> Caller:
    token = auth.bearer_token(request.headers.get("authorization"))
    if token is None:
        raise _Refused(errors.problem(401, "no_token", "Authorization: a device token is required (Bearer ...)"))
    try:
        caller, *_ = auth.authenticate(session, token, rotate=False)
    except auth.UnknownToken:
        raise _Refused(
            errors.problem(401, "unknown_token", "Authorization: this device is not enrolled; enrol it again")
        ) from None
    except auth.WipeRequired as wipe:
        raise _Refused(JSONResponse(WipeAnswer(reason=wipe.reason).model_dump(), status_code=410)) from None
    if caller.role not in DIRECTORY_WRITERS:
        raise _Refused(
            errors.problem(403, "forbidden_role", "only team leads and administrators review partners' changes")
        )
    return caller


def add_routes(app: FastAPI, sessions: sessionmaker[Session]) -> None:
    @contextmanager
    def transaction() -> Iterator[Session]:
        with sessions.begin() as session:
            yield session

    @app.post(
        f"{PREFIX}/waiting",
        response_model=ReviewQueue,
        responses=ANSWERS,
        openapi_extra={"parameters": AUTH_HEADER},
        description="The partners' changes waiting for review in the caller's organisation, oldest first. "
        "The body is an empty object.",
    )
    def waiting(request: Request) -> Any:
        try:
            with transaction() as session:
                caller = _reviewer(session, request)
                return ReviewQueue(changes=review.queue(session, caller.organisation_id))
        except _Refused as refused:
            return refused.answer

    @app.post(
        f"{PREFIX}/decision",
        response_model=ReviewOutcome,
        responses={
            **ANSWERS,
            404: {
                "model": ProblemAnswer,
                "description": "`no_such_change`: no change of the caller's organisation waits under that id "
                "(decided already, replaced, another organisation's, or its service is gone).",
            },
        },
        openapi_extra={"parameters": AUTH_HEADER},
    )
    def decision(body: ReviewDecision, request: Request) -> Any:
        try:
            with transaction() as session:
                caller = _reviewer(session, request)
                change = review.decide(
                    session,
                    caller.organisation_id,
                    str(body.change_id),
                    approve=body.approve,
                    by=f"operator:{caller.operator_id}",
                )
                return ReviewOutcome(change_id=change.id, status="approved" if body.approve else "rejected")
        except _Refused as refused:
            return refused.answer
        except review.ReviewProblem:  # its text quotes the id: the answer names the field instead
            return errors.problem(404, "no_such_change", "change_id: no change of this organisation waits under it")
        except ValidationError as exc:  # the entry changed since, and the change no longer fits the rules
            return errors.validation_problem(exc.errors(include_input=False, include_url=False), skip=0)
