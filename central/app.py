"""The central service's HTTP API: a FastAPI app factory.

Owns: the routes (`/v1/health`, `/v1/ready`, `/v1/enrol`, `/v1/sync`, `/v1/intake`; `/v1/updates` is
central.updates_http's, `/v1/review/` central.review_http's, the help desk's pages under `/help/`
central.help.pages', the HSDS API under `/hsds/` central.hsds_api's, the partner pages under
`/partner/` central.partners.pages'), their status codes, the request body limits, gzip in both directions and the
protocol-version check. All state lives in the database given to
`create_app`, so any number of these processes can serve one PostgreSQL.
Must never log a request body or a token, and never answer a revoked device
with anything but the wipe answer.
"""

import datetime as dt
import os
import secrets
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Body, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from isal import isal_zlib
from pydantic import PlainValidator, ValidationError
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from central import (
    auth,
    client_codes,
    errors,
    hsds_api,
    intake,
    observe,
    review_http,
    security,
    shedding,
    sync_service,
    throttle,
    updates_http,
)
from central.db import session_factory
from central.help import headers as help_headers
from central.help import pages as help_pages
from central.help.headers import PageHeaders
from central.partners import pages as partner_pages
from central.sync_sql import SyncSQL
from protocol import PROTOCOL_VERSION, SUPPORTED_PROTOCOLS, describe_validation_error
from protocol.clock import utc_now
from protocol.messages import (
    CLIENT_CODES_HEADER,
    CLIENT_CODES_WANTED,
    PROTOCOL_HEADER,
    RESTORE_EPOCH_HEADER,
    EnrolRequest,
    EnrolResponse,
    FieldProblem,
    IntakeReceipt,
    IntakeSubmission,
    Mutation,
    MutationResult,
    ProblemAnswer,
    SyncEnvelope,
    SyncRequest,
    SyncResponse,
    WipeAnswer,
)

if TYPE_CHECKING:  # prometheus-client is imported only by a process that serves metrics
    from central.metrics import Metrics

_READY_PROBE = text("SELECT 1")

# Documented on every route with a body, in place of FastAPI's own 422 shape (which is not used).
PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ProblemAnswer,
        "description": "The body cannot be read (JSON, UTF-8, nesting) or breaks a rule; "
        "`fields` names each field and rule.",
    },
    500: {"model": ProblemAnswer, "description": "Unexpected failure; the answer and the log hold no detail."},
    503: {
        "model": ProblemAnswer,
        "description": "`busy`: the database could not be had in time; or, on /v1/sync only, `overloaded`: "
        "more than about a second of syncs wait in this process (central.shedding), nothing of the request "
        "was read or applied. Either way, try again after `Retry-After` seconds.",
    },
}
SYNC_ERRORS = (
    "A mutation whose `device_seq` or `mutation_id` is missing or out of range, a `cursor` or "
    "`page_size` breaking a rule, or an unknown top-level field: 422, nothing applied. Any other rule a "
    "mutation breaks (e.g. `base_version` out of range, an unknown `entity`, a bad `at`): that "
    "mutation's result is `rejected` with reason `invalid`, and the rest of the batch is applied."
)

RESTORE_EPOCH_MAX = 64
# The headers /v1/sync reads (see the route: read from the request, not declared as parameters).
SYNC_HEADERS = [
    {
        "name": RESTORE_EPOCH_HEADER,
        "in": "header",
        "required": False,
        "schema": {
            "anyOf": [{"type": "string", "maxLength": RESTORE_EPOCH_MAX}, {"type": "null"}],
            "description": "The restore epoch this device last saw, or `none` (docs/PROTOCOL.md, After a restore)",
            "title": RESTORE_EPOCH_HEADER,
        },
        "description": "The restore epoch this device last saw, or `none` (docs/PROTOCOL.md, After a restore)",
    },
    {
        "name": CLIENT_CODES_HEADER,
        "in": "header",
        "required": False,
        "schema": {
            "anyOf": [{"type": "string", "enum": [CLIENT_CODES_WANTED]}, {"type": "null"}],
            "description": "`wanted` from a device without the organisation's code key (docs/PROTOCOL.md)",
            "title": CLIENT_CODES_HEADER,
        },
        "description": "`wanted` from a device without the organisation's code key (docs/PROTOCOL.md)",
    },
    {
        "name": "authorization",
        "in": "header",
        "required": False,
        "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Authorization"},
    },
]


@dataclass(frozen=True)
class Limits:
    sync_body_bytes: int = 5 * 1024 * 1024
    enrol_body_bytes: int = 16 * 1024
    intake_body_bytes: int = 16 * 1024


def _problem(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return errors.problem(status, error, message, headers=headers)


def _invalid_cursor(message: str) -> JSONResponse:
    # 422 like every other invalid body, so a client handles one status for "fix the request".
    return errors.problem(
        422, "invalid_cursor", message, fields=[FieldProblem(field="cursor", message=message.removeprefix("cursor: "))]
    )


# --- a sync request, read mutation by mutation -----------------------------------------------


class SyncBatch:
    """A SyncRequest as the route reads it. `items` is in request order: a Mutation to apply,
    or the `rejected` result of one that broke a rule of the schema (answered, not applied).

    A plain class, not a model or dataclass: it has no schema of its own, so the API
    document shows only SyncRequest, the body a client sends.
    """

    def __init__(self, cursor: str | None, page_size: int, items: list[Mutation | MutationResult]) -> None:
        self.cursor = cursor
        self.page_size = page_size
        self.items = items

    @property
    def mutations(self) -> list[Mutation]:
        return [item for item in self.items if isinstance(item, Mutation)]

    def merge(self, applied: list[MutationResult]) -> list[MutationResult]:
        """The results in request order: `applied` answers `mutations`, one each, in order."""
        answers = iter(applied)
        return [next(answers) if isinstance(item, Mutation) else item for item in self.items]


def _read_batch(data: Any) -> SyncBatch:
    """The envelope (cursor, page_size, the list, each device_seq and mutation_id) breaking a rule
    raises, i.e. 422 naming the field, nothing applied. Any other rule a mutation breaks makes it
    `rejected` (reason `invalid`), and the rest of the batch goes on."""
    try:
        whole = SyncRequest.model_validate(data)  # the usual case: one pass, nothing broken
        return SyncBatch(whole.cursor, whole.page_size, list(whole.mutations))
    except ValidationError:
        envelope = SyncEnvelope.model_validate(data)  # raises with the envelope's field paths
    items: list[Mutation | MutationResult] = []
    for key, raw in zip(envelope.mutations, data["mutations"], strict=True):
        try:
            items.append(Mutation.model_validate(raw))
        except ValidationError as exc:
            items.append(
                MutationResult(
                    device_seq=key.device_seq,
                    mutation_id=key.mutation_id,
                    status="rejected",
                    reason="invalid",
                    message="; ".join(describe_validation_error(exc)),
                )
            )
    return SyncBatch(envelope.cursor, envelope.page_size, items)


# The route reads a SyncBatch; its documented body is the SyncRequest schema, which a valid body follows.
SyncBody = Annotated[SyncBatch, PlainValidator(_read_batch, json_schema_input_type=SyncRequest), Body(embed=False)]


class BodyLimitMiddleware:
    """Refuse bodies over the route's limit (413) and unpack gzip bodies within it.

    A gzip body is measured after decompression too, so a small bomb cannot
    expand past the limit in memory.
    """

    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    def _limit_for(self, path: str) -> int:
        if path.startswith("/partner/") and "/edit/" in path:  # a partner's description: 20 000 characters
            return partner_pages.MAX_EDIT_BODY
        if path.startswith(("/v1/intake", "/help/", "/partner/")):  # the pages' forms: a few hundred bytes
            return self.limits.intake_body_bytes
        if path.startswith(("/v1/enrol", review_http.PREFIX)):
            return self.limits.enrol_body_bytes
        return self.limits.sync_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        headers = {k.lower(): v for k, v in scope["headers"]}
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _problem(413, "too_large", f"body: at most {limit} bytes")(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await _problem(413, "too_large", f"body: at most {limit} bytes")(scope, receive, send)
                return
        if headers.get(b"content-encoding", b"").lower() == b"gzip":
            unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                raw = unpacker.decompress(bytes(body), limit + 1)
            except zlib.error:
                await _problem(422, "bad_encoding", "body: not valid gzip")(scope, receive, send)
                return
            if len(raw) > limit or unpacker.unconsumed_tail:
                await _problem(413, "too_large", f"body: at most {limit} bytes once unpacked")(scope, receive, send)
                return
            body = bytearray(raw)
            scope = {
                **scope,
                "headers": [
                    (k, v) for k, v in scope["headers"] if k.lower() not in (b"content-encoding", b"content-length")
                ]
                + [(b"content-length", str(len(body)).encode())],
            }
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


class ProtocolVersionMiddleware:
    """Answer 426 to a device that speaks a protocol this service does not, and name
    the service's protocol on every answer.

    Plain ASGI rather than `@app.middleware("http")`: that kind runs every request
    through extra tasks and memory streams, a measurable share of a sync's CPU.
    """

    HEADER = PROTOCOL_HEADER.lower().encode("latin-1")
    VALUE = str(PROTOCOL_VERSION).encode("latin-1")

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = next((v.decode("latin-1") for k, v in scope["headers"] if k.lower() == self.HEADER), None)
        if asked is not None and (not asked.isdigit() or int(asked) not in SUPPORTED_PROTOCOLS):
            await _problem(
                426,
                "protocol_unsupported",
                f"this service speaks sync protocol {SUPPORTED_PROTOCOLS.start}-{SUPPORTED_PROTOCOLS.stop - 1}; "
                f"the device speaks {asked}: update Prossimo",
                headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            )(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != self.HEADER]
                message = {**message, "headers": [*headers, (self.HEADER, self.VALUE)]}
            await send(message)

        await self.app(scope, receive, send_with_version)


def _client_address(request: Request) -> str:
    # The peer, or what a proxy listed in `serve --forwarded-allow-ips` says the client was
    # (uvicorn rewrites the peer only for those).
    return request.client.host if request.client else "unknown"


def _throttled(error: str, what: str, wait: dt.timedelta) -> JSONResponse:
    seconds = security.retry_after_seconds(wait)
    return _problem(429, error, f"{what}; try again in {seconds} s", headers={"Retry-After": str(seconds)})


GZIP_MINIMUM = 500  # bytes: below this an answer goes as it is, in every route


def _sync_answer(body: bytes, accept_encoding: str | None) -> Response:
    """The sync answer, gzip-packed when the device accepts it, with ISA-L's deflate (isal):
    on a page of 2,000 case notes (~2 MB of JSON) it took ~6 ms of CPU at its level 1 against
    ~23 ms for zlib's level 1 in Starlette's middleware, for slightly fewer bytes. A page is
    most of a sync's API CPU in an initial sync (bench/morning_rush_bench.py)."""
    if len(body) < GZIP_MINIMUM or "gzip" not in (accept_encoding or "").lower():
        return Response(content=body, media_type="application/json")
    return Response(
        content=isal_zlib.compress(body, 1, GZIP_WBITS),
        media_type="application/json",
        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
    )


GZIP_WBITS = 16 + isal_zlib.MAX_WBITS  # the gzip container, as Content-Encoding: gzip names


def create_app(
    engine: Engine,
    limits: Limits | None = None,
    *,
    key: bytes | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    updates_dir: Path | None = None,
    metrics: "Metrics | None" = None,
    sync_queue_s: float | None = None,
) -> FastAPI:
    """The API over `engine`.

    `key` is the deployment's key file's secret (central.keyfile): it keys the throttles'
    HMACs, and every API process of a deployment must be given the same one. None makes a
    random key for this process alone: fine for tests and the desktop demo, wrong for a
    deployment of several processes (`prossimo-central serve` always passes the file's).
    `clock` tells the throttles the time (tests walk it forward).
    `updates_dir`: the TUF update repository served under /v1/updates (central.updates_http);
    None answers 404 there. `metrics`: count every answer there (central.observe; `serve --metrics`).
    `sync_queue_s`: seconds of queued syncs past which a sync is shed with 503 (central.shedding);
    None reads $PROSSIMO_SYNC_QUEUE_S (default 0.25 s).
    """
    limits = limits or Limits()
    sessions = session_factory(engine)
    key = key if key is not None else secrets.token_bytes(32)
    app = FastAPI(
        title="Prossimo central service",
        version=str(PROTOCOL_VERSION),
        description="Sync, device enrolment and the public help-desk intake for Prossimo field devices. "
        "Every error answer is a ProblemAnswer (docs/PROTOCOL.md, Errors).",
    )
    errors.install(app)  # before the routes: they are made with its route class
    # Level 1, not Starlette's default 9: a sync answer carrying a hundred records took
    # ~3 ms of CPU to pack at level 9 and ~0.5 ms at level 1, for ~10% more bytes. The sync
    # answer, the one large and frequent body, is packed by its route instead (_sync_answer);
    # this middleware passes an answer that already has a Content-Encoding through as it is.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM, compresslevel=1)
    app.add_middleware(BodyLimitMiddleware, limits=limits)
    app.add_middleware(ProtocolVersionMiddleware)  # a 426 skips the body limit

    @contextmanager
    def transaction() -> Iterator[Session]:
        with sessions.begin() as session:
            yield session

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol_version": PROTOCOL_VERSION}

    @app.get(
        "/v1/ready",
        responses={503: {"model": ProblemAnswer, "description": "`not_ready`: the database does not answer."}},
    )
    def ready() -> Any:
        # Health says the process runs; readiness says it can reach its database, so a load
        # balancer sends no syncs to a process whose database is gone. The failure's text is
        # never answered or logged: a driver's message can name hosts, users and paths.
        try:
            with engine.connect() as connection:
                connection.execute(_READY_PROBE).scalar_one()
        except Exception:  # noqa: BLE001 - any failure to reach the database means "not ready"
            return _problem(503, "not_ready", "the service cannot reach its database")
        return {"status": "ready"}

    @app.post(
        "/v1/enrol",
        response_model=EnrolResponse,
        responses={**PROBLEMS, 401: {"model": ProblemAnswer}, 429: {"model": ProblemAnswer}},
    )
    def enrol(body: EnrolRequest, request: Request) -> Any:
        wants_codes = request.headers.get(CLIENT_CODES_HEADER) == CLIENT_CODES_WANTED
        attempt = throttle.Attempt.of(key, _client_address(request), body.username)
        # Decided (and counted) before any Argon2 work, in its own short transaction: a refused
        # attempt costs no hashing, whether or not the username exists.
        try:
            with transaction() as session:
                throttle.admit(session, attempt, clock())
        except throttle.Throttled as throttled:
            return _throttled("login_throttled", "too many failed logins", throttled.retry_after)
        try:
            with transaction() as session:
                answer = auth.enrol(session, body)
                throttle.succeeded(session, attempt, clock())
                if wants_codes:
                    answer.client_codes = client_codes.issue(session.connection(), key, answer.organisation_id)
            # `client_codes` only for a device that asked (an older one's schema forbids the field),
            # and absent rather than null when there is none to give.
            unasked = {"client_codes"} if answer.client_codes is None else None
            return JSONResponse(answer.model_dump(mode="json", exclude=unasked))
        except auth.LoginRefused:
            _count_failure(attempt, body.username)  # its own transaction: not lost with the rollback
            return _problem(401, "login_refused", "username or password is wrong")

    def _count_failure(attempt: throttle.Attempt, username: str) -> None:
        with transaction() as session:
            throttle.failed(session, attempt, clock())
            auth.record_failed_login(session, username)

    # `async def` that blocks, on purpose: a sync runs on the process's event-loop thread,
    # one at a time per process, and the service scales with processes (`serve --workers`)
    # and machines. Every sync is CPU in Python plus a few round trips ending in the
    # writers' lock; run in worker threads, syncs of one process queued for the GIL
    # (the lock holder too, after each round trip) and the hand-off to and from the
    # thread cost CPU of its own: measured, ~2 ms of API CPU per sync more and a quarter
    # less throughput than one sync at a time. Other requests wait in the socket for the
    # sync in progress (tens of ms); enrolment and intake still run in threads.
    @app.post(
        "/v1/sync",
        response_model=SyncResponse,
        responses={
            **PROBLEMS,
            401: {"model": ProblemAnswer},
            410: {"model": WipeAnswer},
            400: {"model": ProblemAnswer},
        },
        description=SYNC_ERRORS,
        openapi_extra={"parameters": SYNC_HEADERS},
    )
    async def sync(body: SyncBody, request: Request) -> Any:
        # The headers are read here, not declared as parameters: FastAPI validated each declared
        # header through pydantic, about a twentieth of a small sync's API CPU (bench/api_cost_bench.py).
        # They are documented by SYNC_HEADERS all the same.
        headers = request.headers
        token = auth.bearer_token(headers.get("authorization"))
        accept_encoding = headers.get("accept-encoding")
        restore_epoch = headers.get(RESTORE_EPOCH_HEADER)
        wants_codes = headers.get(CLIENT_CODES_HEADER) == CLIENT_CODES_WANTED
        if restore_epoch is not None and len(restore_epoch) > RESTORE_EPOCH_MAX:
            message = f"String should have at most {RESTORE_EPOCH_MAX} characters"
            return errors.problem(
                422,
                "invalid",
                f"{RESTORE_EPOCH_HEADER}: {message}",
                fields=[FieldProblem(field=RESTORE_EPOCH_HEADER, message=message)],
            )
        sync_service.count_request(len(body.items), len(body.items) - len(body.mutations))
        if token is None:
            return _problem(401, "no_token", "Authorization: a device token is required (Bearer ...)")
        try:
            # Read before anything is applied: a request the service cannot answer whole
            # must change nothing (the device would never learn the results).
            sync_service.Cursor.decode(body.cursor)
        except sync_service.InvalidCursor as exc:
            return _invalid_cursor(str(exc))
        # One pooled connection, no ORM Session (the hot path needs none of its bookkeeping).
        with engine.connect() as connection:
            # Two transactions: the writers' lock is released before the pull reads.
            try:
                with connection.begin():
                    # The restore state comes with the caller, in its statement: read on every
                    # sync, never cached, since a serve that missed a restore (central.service_lock's
                    # limits) must still answer the new epoch.
                    caller, new_token, restore = auth.authenticate(connection, token)
                    # A device that has not seen the latest restore must first re-read what the
                    # service still has: its pushes wait (nothing applied, nothing answered), so
                    # a change of a record the restore lost is not refused before it is sent back.
                    held = (
                        restore_epoch is not None
                        and restore is not None
                        and restore.epoch != restore_epoch
                        and body.cursor is not None
                    )
                    applied = [] if held else sync_service.apply_mutations(connection, caller, body.mutations, restore)
                    results = [] if held else body.merge(applied)
                    if new_token is not None:
                        auth.record_rotation(connection, caller)  # after the batch: lock order, see authenticate
            except auth.UnknownToken:
                return _problem(401, "unknown_token", "Authorization: this device is not enrolled; enrol it again")
            except auth.WipeRequired as wipe:
                return JSONResponse(WipeAnswer(reason=wipe.reason).model_dump(), status_code=410)
            # Nothing is answered before it is on disk: the batch (committed asynchronously
            # on PostgreSQL, see SyncSQL.take_numbers), a rotated token, and every change up
            # to the new cursor (another writer's asynchronous commit). Lost in a crash, a
            # cursor past them would skip the numbers reused after it. A sync that wrote makes
            # its pull durable (the barrier folded into the read); one that only read needs
            # the barrier only when its cursor moved (an idle sync flushes nothing).
            wrote = bool(body.mutations) or new_token is not None
            try:
                with connection.begin():
                    pulled = (
                        sync_service.Pulled([], [], body.cursor or "", more=True)
                        if held
                        else sync_service.pull(connection, caller, body.cursor, body.page_size, durable=wrote)
                    )
            except sync_service.InvalidCursor as exc:
                return _invalid_cursor(str(exc))
            if (held and wrote) or (not wrote and pulled.cursor != (body.cursor or "")):
                SyncSQL(connection).durable_barrier()
            codes = None
            if wants_codes:  # a device without the key yet (one made now commits synchronously)
                with connection.begin():
                    codes = client_codes.issue(connection, key, caller.organisation_id)
        # Everything but `changes` goes through the schema; the stored records are already
        # protocol JSON and are spliced in (see sync_service.Pulled).
        head = SyncResponse(
            results=results,
            changes=[],
            purge_teams=pulled.purge_teams,
            cursor=pulled.cursor,
            more=pulled.more,
            server_time=utc_now(),
            new_device_token=new_token,
            restore=restore if restore_epoch is not None else None,
            client_codes=codes,
        )
        # `restore` and `client_codes` only for a device that asked: an older one's schema forbids them.
        unasked = ({"restore"} if restore_epoch is None else set()) | ({"client_codes"} if codes is None else set())
        text = pulled.answer_json(head.model_dump_json(exclude=unasked or None))
        return _sync_answer(text, accept_encoding)

    @app.post(
        "/v1/intake",
        status_code=202,
        response_model=IntakeReceipt,
        responses={**PROBLEMS, 429: {"model": ProblemAnswer}, 413: {"model": ProblemAnswer}},
    )
    def receive_intake(body: IntakeSubmission, request: Request) -> Any:
        try:
            with transaction() as session:
                return intake.receive(session, body, _client_address(request), key, clock())
        except intake.RateLimited as limited:
            return _throttled("rate_limited", "too many requests", limited.retry_after)
        except intake.UnknownTeam:
            return _problem(422, "unknown_team", "team_id: no such team")
        except ValidationError as exc:  # the IntakeRequest rules (consent, channel)
            return errors.validation_problem(exc.errors(include_input=False, include_url=False), skip=0)

    updates_http.add_routes(app, updates_dir)
    review_http.add_routes(app, sessions)
    help_pages.add_routes(app, sessions, key, clock, _client_address)
    hsds_api.add_routes(app, sessions, key, clock, _client_address)
    partner_pages.add_routes(app, sessions, key, clock, _client_address)
    # The web pages' security headers: one layer for both, the partner pages' session cookie allowed.
    app.add_middleware(PageHeaders, prefixes={help_headers.PREFIX: False, partner_pages.PREFIX: True})

    # Inside the crash guard, before the body is read and before any database work.
    queue_s = shedding.queue_limit_from_env() if sync_queue_s is None else sync_queue_s
    app.add_middleware(shedding.Shedder, limit_s=queue_s)

    # Outermost of ours: whatever fails anywhere inside answers a bare 500 (see errors.CrashGuard).
    # Every route here is an HTTP Route (FastAPI's own, or its docs'): the kind that has a path.
    app.add_middleware(errors.CrashGuard, routes=[route.path for route in app.routes if isinstance(route, Route)])
    app.add_middleware(observe.Observer, routes=app.router.routes, metrics=metrics)  # outside the guard: sees its 500s
    app.state.sessions = sessions
    return app


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several worker processes: each builds its own
    engine from $PROSSIMO_CENTRAL_DB (state is only in the database, so they agree) and reads
    the key file $PROSSIMO_CENTRAL_KEY_FILE names (`serve` made and checked it before)."""
    from central import keyfile
    from central.db import default_url, make_engine

    url = default_url()
    updates = os.environ.get(updates_http.UPDATES_DIR_ENV)
    return create_app(
        make_engine(url), key=keyfile.load(keyfile.resolve(None, url)), updates_dir=Path(updates) if updates else None
    )
