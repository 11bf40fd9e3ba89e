"""HTTP to the central service: one urllib3 connection pool, TLS verified, gzip both ways, retried.

Owns: the calls a device makes (`/v1/enrol`, `/v1/sync`, and a team lead's review queue,
`/v1/review/waiting` and `/v1/review/decision`), turning every
answer that is not a success into a typed error an operator can act on, the
protocol-version header and the range of service versions this client accepts,
the retry policy (urllib3's `Retry`), the bounds on what an answer may cost to
read (size unpacked, nesting depth), validating answers against
`protocol.messages`, and counting requests and bytes on the wire (headers
included, bodies as compressed on the wire, every attempt: a body cut halfway
counts what arrived), and each answer's wire bytes and body time (`last_answer`,
for the page sizer).

Rules:
- TLS verification is always on. An organisation CA bundle may be given; plain
  http is accepted only for a service on this machine (tests, demos).
- No redirect is ever followed: the pool talks to the one configured host, and a
  3xx answer is an error naming its target. A redirect would re-send the body (the
  enrolment password, clients' names) to a host the operator never chose.
- A sync call is idempotent (the service applies each device_seq at most once),
  so it is retried after a timeout, a cut connection or 502/503/504. An enrolment
  creates a device, so it is retried only when the request surely never left
  (the connection was refused or never opened), never on an answer. A sync whose
  answer broke off is resent as the caller's `resend` rebuilds it (a smaller page;
  the same mutations and cursor, so it can never apply anything twice).
- An address that leads nowhere says which way it failed, so the operator knows to check
  what they typed: the name does not resolve (`AddressUnknown`), nothing listens there
  (`ConnectionRefused`), or something answers but it is not a Prossimo service
  (`NotProssimo`: 404/405, or a page that is not JSON without our protocol header).
- An answer is trusted for nothing: at most `max_answer_bytes` on the wire and
  once unpacked, JSON parsed with a bounded depth, and the success bodies
  validated against the protocol's models before anyone reads a field.

Must never log or put into an exception a token, a password or a body (error
messages quote only the service's `error`/`message` strings and field paths),
and never hold the store's thread (it knows nothing of the store).
"""

import gzip
import json
import logging
import time
import unicodedata
import urllib.parse
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Self, TypeVar

import orjson
import pydantic
import requests.certs
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    InvalidHeader,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util.retry import Retry

from protocol import PROTOCOL_VERSION, SUPPORTED_PROTOCOLS
from protocol.messages import (
    CLIENT_CODES_HEADER,
    CLIENT_CODES_WANTED,
    NO_RESTORE_EPOCH,
    PROTOCOL_HEADER,
    RESTORE_EPOCH_HEADER,
    EnrolRequest,
    EnrolResponse,
    ReviewDecision,
    ReviewOutcome,
    ReviewQueue,
    SyncResponse,
    WipeAnswer,
)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
GZIP_MIN_BYTES = 1024  # smaller bodies are not worth compressing
RETRY_STATUSES = frozenset({502, 503, 504})
CONNECT_RETRIES = 3  # connect failures retried at most this often in one call (about 3.5 s of backoff)
# A page of 2,000 records is about 3 MB unpacked: 64 MiB leaves room for big records
# and still stops a gzip bomb (1,000:1) long before it costs the laptop its memory.
# IT may set another limit per device (`prossimo enroll --max-answer-mib`), within this range.
MAX_ANSWER_MIB, MAX_ANSWER_MIB_RANGE = 64, (1, 1024)
MAX_ANSWER_BYTES = MAX_ANSWER_MIB * 2**20
READ_CHUNK = 64 * 1024
INFLATE_STEP = 1024 * 1024  # output of one zlib step
MAX_QUOTED_CHARS = 300  # of a service's error message
MAX_LISTED_PROBLEMS = 3  # validation problems named in one error
M = TypeVar("M", bound=pydantic.BaseModel)
# urllib3 warns of every retry in its own words ("Retrying (_Retry(total=2…)) after connection
# broken by 'NameResolutionError(…)'"): on the operator's terminal and in the app's log that is
# noise before the one typed error we raise, which says what to check. Retries are counted in
# `WireStats` instead.
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)


class TransportError(Exception):
    """Base of everything the transport raises. Messages are for people and hold no secret."""


class Offline(TransportError):
    """The service could not be reached, or did not answer in time, after every retry."""


class AddressUnknown(Offline):
    """The server's name does not resolve: mistyped, most likely (or no network at all)."""


class ConnectionRefused(Offline):
    """The host is there, but nothing listens on that port: a wrong port, or the service is down."""


class ServiceError(TransportError):
    """The service answered with an error this client cannot fix by retrying."""

    def __init__(self, message: str, status: int, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


class BadAnswer(TransportError):
    """The service's answer was refused unread: a redirect, too large, too deep, or not the protocol's shape."""


class NotProssimo(BadAnswer):
    """Something answers at the address, but it is not a Prossimo service (a web site, a router)."""


class UpdateNeeded(TransportError):
    """This Prossimo and the service speak no common protocol version."""


class NotAuthorised(TransportError):
    """The service does not know this device's token (401): enrol the device again."""


class LoginRefused(TransportError):
    """Wrong username or password at enrolment."""


class LoginThrottled(TransportError):
    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class WipeOrdered(TransportError):
    """The organisation revoked this device or disabled its operator (HTTP 410)."""

    REASONS = {
        "device_revoked": "this device was revoked by the organisation",
        "operator_disabled": "the operator account was disabled by the organisation",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(self.REASONS.get(reason, "the organisation ordered this device wiped"))
        self.reason = reason


@dataclass
class WireStats:
    requests: int = 0  # HTTP requests sent, retries included
    bytes_sent: int = 0
    bytes_received: int = 0
    retries: int = 0


@dataclass(frozen=True)
class AnswerStats:
    """One whole answer: bytes on the wire (head and body) and the seconds its body took to arrive."""

    wire_bytes: int
    body_s: float


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; refuses anything but https, or http on loopback."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("server: must be a URL such as https://prossimo.example.org")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError("server: must use https (plain http is accepted only for a service on this machine)")
    return url.strip().rstrip("/")


def answer_limit_bytes(mib: object, setting: str = "max_answer_mib") -> int:
    """The answer limit in bytes for a setting given in MiB (None: the default); refuses anything but a
    whole number in `MAX_ANSWER_MIB_RANGE`, naming `setting` (the option as the caller knows it)."""
    if mib is None:
        return MAX_ANSWER_BYTES
    low, high = MAX_ANSWER_MIB_RANGE
    text = str(mib).strip()
    if isinstance(mib, bool) or not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ValueError(f"{setting}: must be a whole number of MiB from {low} to {high} (default {MAX_ANSWER_MIB})")
    return int(text) * 2**20


def service_pool(
    base_url: str, *, ca_bundle: str | None, connect_timeout_s: float, read_timeout_s: float
) -> urllib3.HTTPConnectionPool:
    """A connection pool for the one service at `base_url` (checked by `check_server_url`) and
    nothing else: TLS verified against the organisation's CA bundle or the public CAs, no
    retries of its own. Every caller sends with `redirect=False, assert_same_host=True`.
    Also the update check's (desktop.updates), so both follow one set of rules."""
    tls: dict[str, Any] = {}
    if urllib.parse.urlsplit(base_url).scheme == "https":
        # The organisation's CA bundle, or the same public CAs `requests` trusts: never unverified.
        tls = {"cert_reqs": "CERT_REQUIRED", "ca_certs": ca_bundle or requests.certs.where()}  # type: ignore[attr-defined]  # certifi's where(), re-exported without __all__
    # A pool for the one configured host and nothing else: no code path can reach another.
    return urllib3.connection_from_url(
        base_url,
        maxsize=1,
        block=False,
        retries=False,
        timeout=urllib3.Timeout(connect=connect_timeout_s, read=read_timeout_s),
        **tls,
    )


class _Retry(Retry):
    """urllib3's policy, plus two things it lacks: a report of each retry (for `WireStats`),
    and a ceiling on `Retry-After`, so a service cannot park the sync thread for hours."""

    def __init__(self, *args: Any, on_retry: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_retry = on_retry  # called with the failed attempt's error (None: a retried status)

    def new(self, **kw: Any) -> Self:
        kw.setdefault("on_retry", self.on_retry)
        return super().new(**kw)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> Self:
        retry = super().increment(method, url, response, error, _pool, _stacktrace)  # raises when out of attempts
        if self.on_retry is not None:
            self.on_retry(error)
        return retry

    def parse_retry_after(self, retry_after: str) -> float:
        try:
            return min(super().parse_retry_after(retry_after), self.backoff_max)
        except InvalidHeader:
            return 0.0  # not a number nor a date: the usual backoff applies


class Transport:
    """Calls to one central service. Not thread-safe: one per sync thread."""

    def __init__(
        self,
        server_url: str,
        *,
        ca_bundle: str | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
        attempts: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 30.0,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.base_url = check_server_url(server_url)
        self.attempts = max(1, attempts)
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s
        self.max_answer_bytes = max_answer_bytes
        self.stats = WireStats()
        self.last_answer: AnswerStats | None = None  # of the last call that got a whole answer
        self.headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Accept-Encoding": "gzip",  # the service compresses with gzip only
            "User-Agent": f"Prossimo/{PROTOCOL_VERSION}",
        }
        self._pool = service_pool(
            self.base_url, ca_bundle=ca_bundle, connect_timeout_s=connect_timeout_s, read_timeout_s=read_timeout_s
        )
        self._base_path = urllib.parse.urlsplit(self.base_url).path
        # The restore epoch the store last saw, sent with every sync (the engine sets it from the
        # store before each call; docs/PROTOCOL.md, "After a restore").
        self.restore_epoch: str | None = None
        # The store has no client-code key yet: ask for it (the engine sets it before a sync).
        self.wants_codes = False

    def close(self) -> None:
        self._pool.close()

    # --- the calls -------------------------------------------------------------------

    def enrol(self, username: str, password: str, device_name: str) -> EnrolResponse:
        body = EnrolRequest(username=username, password=password, device_name=device_name).model_dump()
        # A new device has no code key: always asked for (an older service ignores the header).
        extra = {CLIENT_CODES_HEADER: CLIENT_CODES_WANTED}
        status, data, headers = self._post("/v1/enrol", body, token=None, idempotent=False, extra_headers=extra)
        if status == 200:
            return _validated(EnrolResponse, data)
        if status == 401:
            raise LoginRefused("username or password is wrong")
        if status == 429:
            wait = _seconds(headers.get("Retry-After"), default=60)
            raise LoginThrottled(f"too many failed logins: try again in {wait} s", wait)
        raise self._unexpected(status, data)

    def sync(
        self, token: str, body: dict[str, Any], *, resend: Callable[[], dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """One `POST /v1/sync`; the parsed answer (checked against `SyncResponse`), or a typed error.
        `resend`: the body to send after an answer broke off (default: `body` again); it must keep
        the cursor and the mutations, and may change only what the service reads from them (`page_size`)."""
        extra = {RESTORE_EPOCH_HEADER: self.restore_epoch or NO_RESTORE_EPOCH}
        if self.wants_codes:
            extra[CLIENT_CODES_HEADER] = CLIENT_CODES_WANTED
        status, data, _ = self._post("/v1/sync", body, token=token, idempotent=True, extra_headers=extra, resend=resend)
        if status == 200:
            _validated(SyncResponse, data)
            answer: dict[str, Any] = data  # an object: SyncResponse just accepted it
            return answer  # the parsed JSON itself: the store reads it as a mapping, as sent
        if status == 410:
            raise _wipe_order(data)
        if status == 401:
            # No command named here: the app shows this too (the CLI adds how to do it there).
            raise NotAuthorised("the service does not recognise this device: it must be connected again")
        raise self._unexpected(status, data)

    def review_waiting(self, token: str) -> ReviewQueue:
        """The partners' changes waiting for review in this operator's organisation (a team lead's)."""
        status, data, _ = self._post("/v1/review/waiting", {}, token=token, idempotent=True)
        return self._review_answer(ReviewQueue, status, data)

    def review_decide(self, token: str, change_id: str, *, approve: bool) -> ReviewOutcome:
        """Approve or reject one waiting change. Not idempotent (a second answer is a 404), so
        retried only when the request surely never left, like an enrolment."""
        body = ReviewDecision.model_validate({"change_id": change_id, "approve": approve}).model_dump(mode="json")
        status, data, _ = self._post("/v1/review/decision", body, token=token, idempotent=False)
        return self._review_answer(ReviewOutcome, status, data)

    def _review_answer(self, model: type[M], status: int, data: Any) -> M:
        if status == 200:
            return _validated(model, data)
        if status == 410:
            raise _wipe_order(data)
        if status == 401:
            raise NotAuthorised("the service does not recognise this device: it must be connected again")
        error, message = _problem(data)
        if status == 404 and error == "no_such_change":
            raise ServiceError(message or "no such change waits for review", status, error)
        if status == 404 and error == "not_found":  # a Prossimo service (our error shape) without the queue
            raise ServiceError("this service has no review queue yet: ask IT to update it", status, error)
        raise self._unexpected(status, data)

    # --- plumbing ------------------------------------------------------------------------

    def retry_policy(self, *, idempotent: bool, on_retry: Any = None) -> Retry:
        """Connect failures are retried for every call (nothing left); cut connections, read
        timeouts and 502/503/504 only for sync calls. Backoff doubles from `backoff_s` with up
        to `backoff_s` of jitter, so a team's laptops coming back online do not retry in lockstep."""
        again = self.attempts - 1
        # A refused or unanswered connect means the service or the network is not there: a few
        # quick tries, then "offline" and the scheduler's own slower schedule. Answers that
        # break off mid-way are what a flaky link does, and get every attempt.
        connect_again = min(again, CONNECT_RETRIES)
        # `other=0`: TLS and other errors are final. An enrolment allows no method for answer
        # retries (an empty set would mean "every method" to urllib3) and no status retries.
        return _Retry(
            total=again,
            connect=connect_again,
            other=0,
            redirect=0,
            raise_on_redirect=False,
            read=again if idempotent else False,
            status=again if idempotent else 0,
            status_forcelist=RETRY_STATUSES if idempotent else None,
            raise_on_status=False,
            allowed_methods=frozenset({"POST"}) if idempotent else frozenset({"GET"}),
            respect_retry_after_header=idempotent,
            backoff_factor=self.backoff_s,
            backoff_max=self.max_backoff_s,
            backoff_jitter=self.backoff_s,
            on_retry=on_retry,
        )

    def _unexpected(self, status: int, data: Any) -> TransportError:
        error, message = _problem(data)
        if status in (404, 405):  # a Prossimo service has both calls: this is another server, or another path
            return self._not_prossimo(status)
        if status == 426:
            return UpdateNeeded(message or "the service speaks another protocol version: update Prossimo")
        if status in RETRY_STATUSES:
            return Offline(
                f"the service at {self.base_url} is unavailable (HTTP {status})"
                + (f": {message}" if message else "")
                + "; try again later"
            )
        if message:
            return ServiceError(f"the service refused the request ({status}): {message}", status, error)
        return ServiceError(f"the service answered {status}", status, error)

    def _post(
        self,
        path: str,
        body: dict[str, Any],
        *,
        token: str | None,
        idempotent: bool,
        extra_headers: Mapping[str, str] | None = None,
        resend: Callable[[], dict[str, Any]] | None = None,
    ) -> tuple[int, Any, Mapping[str, str]]:
        url = self._base_path + path
        raw, headers = self._encoded(body, token, extra_headers)
        size = _request_size(url, self._pool, headers, raw)
        sizes = [size]  # the request's size as now sent: a resend may be smaller

        def on_retry(error: Exception | None) -> None:
            self._count_attempt(sizes[-1], error, retry=True)

        retry = self.retry_policy(idempotent=idempotent, on_retry=on_retry)
        self._count_attempt(size, None, retry=False)
        self.last_answer = None
        while True:
            response, head = self._send(url, raw, headers, retry, sizes[-1])
            try:
                payload = self._read(response, head)
            except (ProtocolError, ReadTimeoutError) as exc:
                # The answer broke off: the same policy decides (a sync is resent, an enrolment is not).
                response.close()
                retry = self._after_broken_answer(response.retries or retry, url, exc)  # counts the resend
                if resend is not None:
                    raw, headers = self._encoded(resend(), token, extra_headers)
                    sizes.append(_request_size(url, self._pool, headers, raw))
                    self.stats.bytes_sent += sizes[-1] - sizes[-2]  # it was counted at the old size
                retry.sleep()
                continue
            except BaseException:
                response.close()  # unread bytes: this connection must not serve another request
                raise
            finally:
                response.release_conn()  # back to the pool (a closed one is reopened when next used)
            self._check_protocol(response.headers)
            if 300 <= response.status < 400:
                raise BadAnswer(_redirect_message(response.headers.get("Location")))
            if (
                response.status == 200
                and PROTOCOL_HEADER not in response.headers
                and bytes(payload.lstrip()[:1]) not in (b"", b"{", b"[")
            ):
                raise self._not_prossimo(response.status)  # a web page, not our JSON: another server
            return response.status, self._decode(response.status, payload), response.headers

    def _encoded(
        self, body: dict[str, Any], token: str | None, extra_headers: Mapping[str, str] | None
    ) -> tuple[bytes, dict[str, str]]:
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        headers = {**self.headers, **(extra_headers or {}), "Content-Type": "application/json"}
        if len(raw) >= GZIP_MIN_BYTES:
            raw = gzip.compress(raw, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return raw, headers

    def _not_prossimo(self, status: int) -> "NotProssimo":
        return NotProssimo(
            f"{self.base_url} answered, but it is not a Prossimo service (HTTP {status}); check the address"
        )

    def _send(
        self, url: str, raw: bytes, headers: dict[str, str], retry: Retry, size: int
    ) -> tuple[urllib3.BaseHTTPResponse, int]:
        """The answer's head (its size counted, and returned), its body still to be read."""
        try:
            response = self._pool.urlopen(
                "POST",
                url,
                body=raw,
                headers=headers,
                retries=retry,
                redirect=False,
                assert_same_host=True,
                preload_content=False,
                decode_content=False,
            )
        except MaxRetryError as exc:
            raise self._failed(exc.reason, size) from None
        except (ProtocolError, ReadTimeoutError, SSLError, ConnectTimeoutError) as exc:  # not to be retried
            raise self._failed(exc, size) from None
        head = _head_size(response)
        self.stats.bytes_received += head
        return response, head

    def _after_broken_answer(self, retry: Retry, url: str, exc: Exception) -> Retry:
        try:
            return retry.increment("POST", url, error=exc)
        except MaxRetryError as final:
            raise self._failed(final.reason, 0) from None
        except (ProtocolError, ReadTimeoutError):
            raise self._failed(exc, 0) from None

    def _count_attempt(self, size: int, error: Exception | None, *, retry: bool) -> None:
        if isinstance(error, ConnectTimeoutError):
            self.stats.bytes_sent -= size  # the failed attempt never connected: nothing left
        self.stats.requests += 1
        self.stats.bytes_sent += size
        self.stats.retries += retry

    def _failed(self, reason: Exception | None, size: int) -> TransportError:
        """The error for a request that got no usable answer, from urllib3's exception classes."""
        if isinstance(reason, SSLError):
            # Certificate problems do not heal by retrying; say what to check.
            cause = reason.args[0] if reason.args and isinstance(reason.args[0], Exception) else reason
            return Offline(
                f"TLS: the service's certificate was not accepted ({type(cause).__name__}); "
                "check the server address and the organisation CA bundle"
            )
        if isinstance(reason, ConnectTimeoutError):
            self.stats.bytes_sent -= size  # refused or never opened: the request did not leave
            return self._unreachable(reason)
        what = "did not answer in time" if isinstance(reason, ReadTimeoutError) else "cut the connection"
        return Offline(f"the service at {self.base_url} could not be reached (it {what}); try again: nothing is lost")

    def _unreachable(self, reason: ConnectTimeoutError) -> Offline:
        """Which way the connection failed, and what the operator can check."""
        where = f"the service at {self.base_url} could not be reached"
        problem = _connect_problem(reason)
        if isinstance(reason, NameResolutionError):
            return AddressUnknown(
                f"{where} (the server name {self._pool.host} is not known); check the "
                "address, and that this computer is online"
            )
        if problem == "connection refused":
            return ConnectionRefused(
                f"{where} (connection refused: nothing answers at {self._pool.host}:"
                f"{self._pool.port}); check the address and the port, or ask IT whether "
                "the service is running"
            )
        return Offline(f"{where} ({problem})")

    def _read(self, response: urllib3.BaseHTTPResponse, head: int) -> bytearray:
        """The body, unpacked, refusing more than `max_answer_bytes` on the wire or unpacked. Every
        chunk is counted as it arrives, so a body cut halfway counts what crossed the link; a whole
        one also sets `last_answer`."""
        limit = self.max_answer_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BadAnswer(f"the service's answer is larger than {_mib(limit)}")
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip"):
            raise BadAnswer(
                "the service sent an answer this Prossimo does not understand (an encoding other than gzip)"
            )
        body = _Unpacked(limit, gzip=encoding == "gzip")
        received = 0
        started = time.monotonic()
        for chunk in _chunks(response):
            received += len(chunk)
            self.stats.bytes_received += len(chunk)
            if received > limit:
                raise BadAnswer(f"the service's answer is larger than {_mib(limit)}")
            body.feed(chunk)
        unpacked = body.finish()
        self.last_answer = AnswerStats(head + received, time.monotonic() - started)
        return unpacked

    def _decode(self, status: int, payload: bytearray) -> Any:
        if not payload:
            return None
        try:
            return orjson.loads(payload)  # C, with a nesting limit (1,024): never a RecursionError
        except ValueError as exc:
            if status == 200:
                raise BadAnswer(
                    f"the service sent an answer this Prossimo cannot read ({_parser_problem(exc)})"
                ) from None
            return None  # an error page from a proxy: the status says enough

    def _check_protocol(self, headers: Mapping[str, str]) -> None:
        # A newer service that still accepted our version is fine (it answers 426 when
        # it does not); a service older than anything this client speaks is not.
        spoken = headers.get(PROTOCOL_HEADER, "")
        if spoken.isdigit() and int(spoken) < SUPPORTED_PROTOCOLS.start:
            raise UpdateNeeded(
                f"the service speaks protocol {spoken}, older than this Prossimo supports "
                f"({SUPPORTED_PROTOCOLS.start}-{SUPPORTED_PROTOCOLS.stop - 1}): ask IT to update it"
            )


class _Unpacked:
    """Collects a body, inflating gzip incrementally: never more than `limit` bytes of output exist."""

    def __init__(self, limit: int, *, gzip: bool) -> None:
        self.limit = limit
        self.body = bytearray()
        self.inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if gzip else None

    def feed(self, chunk: bytes) -> None:
        if self.inflater is None:
            self._keep(chunk)
            return
        if self.inflater.eof:
            raise BadAnswer("the service sent an answer this Prossimo cannot read (data after the gzip stream)")
        data = chunk
        while data:
            # Small steps (zlib allocates each step's output whole), never more than one byte past
            # the limit: enough to know it was passed.
            self._keep(self._inflate(data, min(INFLATE_STEP, self.limit - len(self.body) + 1)))
            data = self.inflater.unconsumed_tail

    def finish(self) -> bytearray:
        if self.inflater is not None:
            self._keep(self._inflate_flush())
            if not self.inflater.eof:
                raise BadAnswer("the service sent an answer this Prossimo cannot read (the gzip stream is cut)")
        return self.body

    def _inflate(self, data: bytes, max_length: int) -> bytes:
        assert self.inflater is not None
        try:
            return self.inflater.decompress(data, max_length)
        except zlib.error:
            raise BadAnswer("the service sent an answer this Prossimo cannot read (invalid gzip)") from None

    def _inflate_flush(self) -> bytes:
        assert self.inflater is not None
        try:
            return self.inflater.flush(self.limit - len(self.body) + 1)
        except zlib.error:
            raise BadAnswer("the service sent an answer this Prossimo cannot read (invalid gzip)") from None

    def _keep(self, part: bytes) -> None:
        self.body += part
        if len(self.body) > self.limit:
            raise BadAnswer(f"the service's answer is larger than {_mib(self.limit)} once unpacked")


def _chunks(response: urllib3.BaseHTTPResponse) -> Iterator[bytes]:
    # read1: what one receive brought, at most READ_CHUNK. read() would wait to fill the chunk, and a
    # reset in the middle would lose the bytes it had already received (uncounted).
    while chunk := response.read1(READ_CHUNK, decode_content=False):
        yield chunk


def _validated(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise BadAnswer(f"the service sent an answer this Prossimo does not understand: {_problems(exc)}") from None


def _problems(exc: pydantic.ValidationError) -> str:
    """Field paths and rules only: pydantic's input values (the answer's contents) are left out."""
    named = []
    for problem in exc.errors(include_url=False, include_input=False, include_context=False)[:MAX_LISTED_PROBLEMS]:
        where = ".".join(str(part) for part in problem["loc"]) or "the answer"
        rule = problem["msg"]
        if problem["type"].endswith("_parsing"):
            rule = rule.split(",")[0]  # "…a valid UUID, invalid character: found `x`…" quotes the input
        named.append(f"{where}: {rule}")
    more = exc.error_count() - len(named)
    return "; ".join(named) + (f" (and {more} more)" if more > 0 else "")


def _wipe_order(data: Any) -> TransportError:
    """A 410 wipes the device only when it says so in the protocol's words: a proxy's "410 Gone" page must not."""
    try:
        return WipeOrdered(WipeAnswer.model_validate(data).reason)
    except pydantic.ValidationError as exc:
        if isinstance(data, dict) and data.get("wipe") is True and isinstance(data.get("reason"), str):
            return WipeOrdered(data["reason"])  # a reason newer than this client: still an order
        return BadAnswer(f"the service answered 410 with an answer this Prossimo does not understand: {_problems(exc)}")


def _problem(data: Any) -> tuple[str | None, str | None]:
    """(error, message) of an error answer, from its `error` and `message` strings only
    (an older service's FastAPI `detail` list: field paths and rules only)."""
    if not isinstance(data, dict):
        return None, None
    error = data.get("error") if isinstance(data.get("error"), str) else None
    message = data.get("message") if isinstance(data.get("message"), str) else None
    if message is None and isinstance(data.get("detail"), list):
        items = [item for item in data["detail"] if isinstance(item, dict)][:MAX_LISTED_PROBLEMS]
        message = (
            "; ".join(f"{'.'.join(str(p) for p in item.get('loc', [])[1:])}: {item.get('msg')}" for item in items)
            or None
        )
        error = error or "invalid"
    return (_printable(error, 100) if error else None), (_printable(message, MAX_QUOTED_CHARS) if message else None)


def _printable(text: str, limit: int) -> str:
    # A hostile service must not paint the operator's terminal or fill a dialog.
    clean = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return clean if len(clean) <= limit else clean[:limit] + "…"


def _redirect_message(location: str | None) -> str:
    try:
        target = urllib.parse.urlsplit(location or "")
        port = target.port
    except ValueError:  # a garbled target (bad port, bad brackets) is named as such
        return (
            "the service answered with a redirect to an invalid address: check the server address; "
            "nothing was sent there"
        )
    # Scheme, host, port and path only: a query string could carry anything.
    where = f"{target.scheme}://{target.hostname}" + (f":{port}" if port else "") if target.hostname else ""
    shown = _printable(where + target.path, 200)
    return (
        f"the service answered with a redirect{f' to {shown}' if shown else ''}: check the server address; "
        "nothing was sent there"
    )


def _connect_problem(reason: ConnectTimeoutError) -> str:
    if isinstance(reason, NameResolutionError):
        return "the server name is not known"
    if isinstance(reason, NewConnectionError):
        cause = reason.__cause__ or reason.__context__
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, TimeoutError):
            return "timed out"
        return f"no connection: {type(cause).__name__ if cause else 'network unreachable'}"
    return "timed out"


def _parser_problem(exc: ValueError) -> str:
    # orjson's messages name the problem and its position, never the text.
    return _printable(str(exc), 120)


def _seconds(value: str | None, *, default: int) -> int:
    return int(value) if value and value.strip().isdigit() else default


def _mib(size: int) -> str:
    return f"{size / 2**20:g} MiB"


def _request_size(path: str, pool: urllib3.HTTPConnectionPool, headers: Mapping[str, str], body: bytes) -> int:
    host = f"{pool.host}:{pool.port}" if pool.port else pool.host
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        + "\r\n"
    )
    return len(head.encode()) + len(body)


def _head_size(response: urllib3.BaseHTTPResponse) -> int:
    head = (
        f"HTTP/1.1 {response.status} {response.reason}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items())
        + "\r\n"
    )
    return len(head.encode())
