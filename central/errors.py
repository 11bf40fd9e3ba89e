"""The service's one error shape, and everything that turns a bad or failed request into it.

Owns: `problem` (every error answer is a protocol.messages.ProblemAnswer), the strict JSON
reader every route's body goes through (bounded depth, valid unicode only, no NUL, finite
numbers), the handlers for validation and HTTP errors, and `CrashGuard`, the catch-all
that answers an unexpected exception with a bare 500, or a busy database (a lock held past
the wait, a serialisation failure, no pooled connection free) with 503 `busy` and a
Retry-After: a transient fault the client may retry, not a failure of the service.

Must never put a request value into an answer or a log line: not the body, not a header,
not an exception's text or traceback (a failed query's exception carries its parameters,
i.e. passwords, names and phones). A crash is logged as one line: route and exception type.
"""

import logging
import math
import re
import sqlite3
from collections.abc import Callable, Coroutine, Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic_core import from_json
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from protocol.messages import MAX_JSON_DEPTH, FieldProblem, ProblemAnswer
from protocol.validation import field_problems

log = logging.getLogger("central.errors")

MAX_FIELDS = 50  # a batch of 5,000 broken mutations gets a readable answer, not 5,000 lines
HTTP_ERRORS = {404: "not_found", 405: "method_not_allowed"}
BUSY_RETRY_AFTER_S = 5  # whole seconds: a lock held past the wait is usually a backup or a long writer
_BUSY_SQLITE_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
# PostgreSQL: lock_not_available (lock_timeout), serialization_failure, deadlock_detected.
_BUSY_SQLSTATES = frozenset({"55P03", "40001", "40P01"})


def problem(
    status: int,
    error: str,
    message: str,
    *,
    fields: list[FieldProblem] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ProblemAnswer(error=error, message=message, fields=fields).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, headers=headers)


# --- reading a body -------------------------------------------------------------------------


class BadBody(ValueError):
    """The body is not JSON this service reads. The message names the rule, never the content."""


# Only bodies that could break a rule are walked: the walk is Python, the checks below are C.
# A number that may overflow a float to infinity: one in number position (first, or after
# `:`, `,` or `[`) with 200+ integer digits or a three-digit exponent. Conservative (a string
# that looks like one only costs the walk); never misses one: a float overflows only past
# 10^308, and with an exponent of two digits at most that takes 210+ digits. In number
# position only: record ids are hex UUIDs, and "e" then three digits is in most of them.
_MAY_OVERFLOW = re.compile(rb"(?:^|[:,\[])\s*-?(?:[0-9]{200}|[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]{3})")
_NUL_ESCAPE = b"\\u0000"


def read_json(raw: bytes) -> Any:
    """The parsed body, or BadBody. No RecursionError, no lone surrogates, no NaN can get through."""
    try:
        # jiter (via pydantic-core): rejects invalid UTF-8 and lone surrogate escapes itself,
        # and stops at its own recursion limit (200) instead of the interpreter's.
        value = from_json(raw, allow_inf_nan=False)
    except ValueError as exc:
        raise BadBody(_parse_rule(str(exc))) from None
    if raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH and _too_deep(value):
        raise BadBody(f"body: nested deeper than {MAX_JSON_DEPTH} levels")
    if _NUL_ESCAPE in raw or _MAY_OVERFLOW.search(raw):  # rare: only then is every scalar looked at
        _check_scalars(value)
    return value


def _parse_rule(reason: str) -> str:
    # jiter's reasons name the rule and a position ("... at line 1 column 8"), never the content.
    if "recursion limit" in reason:
        return f"body: nested deeper than {MAX_JSON_DEPTH} levels"
    if any(word in reason for word in ("unicode", "surrogate", "hex escape", "utf-8", "UTF-8")):
        return f"body: not valid unicode text (invalid UTF-8 or a lone surrogate escape): {reason}"
    return f"body: not valid JSON: {reason}"


def _too_deep(value: Any) -> bool:
    """Level by level over containers only: about a third of the parse's own time on a large batch."""
    level = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            return True
        below = []
        for node in level:
            for child in node.values() if type(node) is dict else node:
                kind = type(child)
                if kind is dict or kind is list:
                    below.append(child)
        level = below
    return False


def _check_scalars(value: Any) -> None:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and "\x00" in node:
            # PostgreSQL cannot store NUL in text or JSON; no field of the protocol needs one.
            raise BadBody("body: text must not contain the NUL character (\\u0000)")
        elif isinstance(node, float) and not math.isfinite(node):
            raise BadBody("body: numbers must be finite (this one overflows a 64-bit float)")


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is read by `read_json` instead of Starlette's `json.loads`.

    FastAPI calls `request.json()`, which caches its result on the request: setting that
    cache first means FastAPI validates what `read_json` parsed, once, and a body it
    refuses never reaches FastAPI's own decoder (RecursionError there answers 400).
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def read_strictly(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                raw = await request.body()
                if raw:
                    try:
                        request._json = read_json(raw)  # Starlette's cache of request.json()
                    except BadBody as bad:
                        return problem(422, "invalid_body", str(bad))
            return await handler(request)

        return read_strictly


# --- answering errors -----------------------------------------------------------------------


def validation_problem(items: Iterable[Mapping[str, Any]], skip: int = 1) -> JSONResponse:
    """422 naming each field and rule; `skip` drops FastAPI's leading "body" from the paths."""
    problems = [FieldProblem(field=path, message=rule) for path, rule in field_problems(items, skip)]
    shown = problems[:MAX_FIELDS]
    message = "; ".join(_line(p) for p in shown)
    if len(problems) > len(shown):
        message += f"; and {len(problems) - len(shown)} more"
    return problem(422, "invalid", message, fields=shown)


def _line(problem: FieldProblem) -> str:
    if problem.field:
        return f"{problem.field}: {problem.message}"
    # A rule of the body as a whole: cross-field rules already start with their field.
    return problem.message if ": " in problem.message else f"body: {problem.message}"


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # registered for this type only
    # exc.errors() holds the rejected input: only loc, type and msg are read from it.
    return validation_problem(exc.errors())


async def _on_http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # registered for this type only
    status = exc.status_code
    if status < 400:
        return Response(status_code=status, headers=exc.headers)
    # The phrase, never exc.detail: a detail is free text and may be built from the request.
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return problem(status, HTTP_ERRORS.get(status, f"http_{status}"), phrase, headers=exc.headers)


def install(app: FastAPI) -> None:
    """Route class, handlers and the catch-all; call before any route is added."""
    app.router.route_class = StrictJSONRoute
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)


def is_busy(exc: BaseException) -> bool:
    """The database could not be had in time: locked, a transaction to be tried again, or no free
    pooled connection. Decided by error codes, never by the exception's text."""
    if isinstance(exc, sa_exc.TimeoutError):  # the connection pool had none free in time
        return True
    if not isinstance(exc, sa_exc.DBAPIError):
        return False
    driver = exc.orig
    return (
        getattr(driver, "sqlite_errorcode", None) in _BUSY_SQLITE_CODES
        or getattr(driver, "sqlstate", None) in _BUSY_SQLSTATES
    )


class CrashGuard:
    """Outermost middleware: an unexpected exception answers 500 and logs route and type, nothing else.

    Not an `Exception` handler: Starlette's ServerErrorMiddleware re-raises after calling it,
    and the server then logs the traceback, whose text holds the request's values.
    """

    def __init__(self, app: Any, routes: Iterable[str] = ()) -> None:
        self.app = app
        self.routes = frozenset(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - the point: nothing unexpected leaves without this answer
            route = scope["path"] if scope["path"] in self.routes else "(unknown route)"
            kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
            if is_busy(exc):
                log.warning("%s %s: the database was busy (%s); answered 503", scope["method"], route, kind)
                if not started:
                    await problem(
                        503,
                        "busy",
                        "the service's database is busy: try again in a few seconds",
                        headers={"Retry-After": str(BUSY_RETRY_AFTER_S)},
                    )(scope, receive, send)
                return
            log.error(
                "%s %s failed: %s (details withheld: they may hold request values)",
                scope["method"],
                route,
                kind,
            )
            if not started:
                await problem(
                    500,
                    "internal",
                    "the service failed while answering; the failure was logged without the request's content",
                )(scope, receive, send)
