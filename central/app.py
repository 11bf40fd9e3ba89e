"""The central service's HTTP API: a FastAPI app factory.

Owns: the routes (`/v1/health`, `/v1/enrol`, `/v1/sync`, `/v1/intake`), their
status codes, the request body limits, gzip in both directions and the
protocol-version check. All state lives in the database given to
`create_app`, so any number of these processes can serve one PostgreSQL.
Must never log a request body or a token, and never answer a revoked device
with anything but the wipe answer.
"""

import datetime as dt
import secrets
import zlib
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.gzip import GZipMiddleware

from central import auth, intake, sync_service
from central.db import session_factory
from central.models import ServiceSetting, utc_now
from protocol import PROTOCOL_VERSION, describe_validation_error
from protocol.messages import (
    PROTOCOL_HEADER,
    EnrolRequest,
    EnrolResponse,
    IntakeReceipt,
    IntakeSubmission,
    ProblemAnswer,
    SyncRequest,
    SyncResponse,
    WipeAnswer,
)

SUPPORTED_PROTOCOLS = range(1, PROTOCOL_VERSION + 1)


@dataclass(frozen=True)
class Limits:
    sync_body_bytes: int = 5 * 1024 * 1024
    enrol_body_bytes: int = 16 * 1024
    intake_body_bytes: int = 16 * 1024


def _problem(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(ProblemAnswer(error=error, message=message).model_dump(), status_code=status, headers=headers)


class BodyLimitMiddleware:
    """Refuse bodies over the route's limit (413) and unpack gzip bodies within it.

    A gzip body is measured after decompression too, so a small bomb cannot
    expand past the limit in memory.
    """

    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    def _limit_for(self, path: str) -> int:
        if path.startswith("/v1/intake"):
            return self.limits.intake_body_bytes
        if path.startswith("/v1/enrol"):
            return self.limits.enrol_body_bytes
        return self.limits.sync_body_bytes

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
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
                await _problem(400, "bad_encoding", "body: not valid gzip")(scope, receive, send)
                return
            if len(raw) > limit or unpacker.unconsumed_tail:
                await _problem(413, "too_large", f"body: at most {limit} bytes once unpacked")(scope, receive, send)
                return
            body = bytearray(raw)
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                          if k.lower() not in (b"content-encoding", b"content-length")]
                     + [(b"content-length", str(len(body)).encode())]}
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


def _address_salt(sessions: sessionmaker[Session]) -> bytes:
    """One salt per service, shared by every API process through the database."""
    with sessions.begin() as session:
        row = session.get(ServiceSetting, "address_salt")
        if row is None:
            row = ServiceSetting(name="address_salt", value=secrets.token_hex(32))
            session.add(row)
        return bytes.fromhex(row.value)


def create_app(engine: Engine, limits: Limits | None = None) -> FastAPI:
    limits = limits or Limits()
    sessions = session_factory(engine)
    salt = _address_salt(sessions)
    app = FastAPI(
        title="Prossimo central service",
        version=str(PROTOCOL_VERSION),
        description="Sync, device enrolment and the public help-desk intake for Prossimo field devices.",
    )
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(BodyLimitMiddleware, limits=limits)

    @contextmanager
    def transaction() -> Iterator[Session]:
        with sessions.begin() as session:
            yield session

    @app.middleware("http")
    async def protocol_version(request: Request, call_next: Callable) -> Any:
        asked = request.headers.get(PROTOCOL_HEADER)
        if asked is not None and (not asked.isdigit() or int(asked) not in SUPPORTED_PROTOCOLS):
            return _problem(
                426, "protocol_unsupported",
                f"this service speaks sync protocol {SUPPORTED_PROTOCOLS.start}-{SUPPORTED_PROTOCOLS.stop - 1}; "
                f"the device speaks {asked}: update Prossimo",
                headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            )
        response = await call_next(request)
        response.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        return response

    def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str | None:
        if authorization and authorization.lower().startswith("bearer "):
            return authorization[7:].strip()
        return None

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol_version": PROTOCOL_VERSION}

    @app.post("/v1/enrol", response_model=EnrolResponse,
              responses={401: {"model": ProblemAnswer}, 429: {"model": ProblemAnswer}})
    def enrol(body: EnrolRequest) -> Any:
        try:
            with transaction() as session:
                return auth.enrol(session, body)
        except auth.LoginRefused:
            # The failure counter was committed by the handler below, not lost with a rollback.
            _count_failure(body.username)
            return _problem(401, "login_refused", "username or password is wrong")
        except auth.LoginThrottled as throttled:
            seconds = max(1, int(throttled.retry_after.total_seconds()))
            return _problem(429, "login_throttled", f"too many failed logins; try again in {seconds} s",
                            headers={"Retry-After": str(seconds)})

    def _count_failure(username: str) -> None:
        with transaction() as session:
            auth.record_failed_login(session, username)

    @app.post("/v1/sync", response_model=SyncResponse,
              responses={401: {"model": ProblemAnswer}, 410: {"model": WipeAnswer}, 400: {"model": ProblemAnswer}})
    def sync(body: SyncRequest, token: Annotated[str | None, Depends(bearer_token)]) -> Any:
        if token is None:
            return _problem(401, "no_token", "Authorization: a device token is required (Bearer ...)")
        try:
            with transaction() as session:
                caller, new_token = auth.authenticate(session, token)
                results = sync_service.apply_mutations(session, caller, body.mutations)
        except auth.UnknownToken:
            return _problem(401, "unknown_token", "Authorization: this device is not enrolled; enrol it again")
        except auth.WipeRequired as wipe:
            return JSONResponse(WipeAnswer(reason=wipe.reason).model_dump(), status_code=410)
        try:
            with transaction() as session:
                pulled = sync_service.pull(session, caller, body.cursor, body.page_size)
        except sync_service.InvalidCursor as exc:
            return _problem(400, "invalid_cursor", str(exc))
        # Everything but `changes` goes through the schema; the stored records are already
        # protocol JSON and are spliced in (see sync_service.Pulled).
        head = SyncResponse(results=results, changes=[], purge_teams=pulled.purge_teams, cursor=pulled.cursor,
                            more=pulled.more, server_time=utc_now(), new_device_token=new_token)
        text = head.model_dump_json().replace('"changes":[]', '"changes":' + pulled.changes_json(), 1)
        return Response(content=text, media_type="application/json")

    @app.post("/v1/intake", status_code=202, response_model=IntakeReceipt,
              responses={429: {"model": ProblemAnswer}, 413: {"model": ProblemAnswer}})
    def receive_intake(body: IntakeSubmission, request: Request) -> Any:
        address = request.client.host if request.client else "unknown"
        try:
            with transaction() as session:
                return intake.receive(session, body, address, salt)
        except intake.RateLimited as limited:
            seconds = max(1, int(limited.retry_after.total_seconds()))
            return _problem(429, "rate_limited", f"too many requests; try again in {seconds} s",
                            headers={"Retry-After": str(seconds)})
        except intake.UnknownTeam:
            return _problem(422, "unknown_team", "team_id: no such team")
        except ValidationError as exc:  # the IntakeRequest rules (consent, channel)
            return _problem(422, "invalid", "; ".join(describe_validation_error(exc)))

    app.state.sessions = sessions
    app.state.started_at = dt.datetime.now(dt.UTC)
    return app


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several worker processes: each builds its own
    engine from $PROSSIMO_CENTRAL_DB (state is only in the database, so they agree)."""
    from central.db import default_url, make_engine

    return create_app(make_engine(default_url()))
