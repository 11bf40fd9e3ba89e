"""HTTP to the central service: one requests.Session, TLS verified, gzip both ways, retried.

Owns: the two calls a device makes (`/v1/enrol`, `/v1/sync`), turning every
answer that is not a success into a typed error an operator can act on, the
protocol-version header and the range of service versions this client accepts,
retries with exponential backoff and jitter, and counting requests and bytes on
the wire (headers included, bodies as compressed on the wire).

Rules:
- TLS verification is always on. An organisation CA bundle may be given; plain
  http is accepted only for a service on this machine (tests, demos).
- A sync call is idempotent (the service applies each device_seq at most once),
  so it is retried after a timeout or a cut connection. An enrolment creates a
  device, so it is retried only when the request certainly did not leave.

Must never log or put into an exception a token, a password or a body, and
never hold the store's thread (it knows nothing of the store).
"""

import gzip
import json
import random
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
import urllib3.exceptions

from protocol import PROTOCOL_VERSION
from protocol.messages import PROTOCOL_HEADER, EnrolRequest, EnrolResponse

# Service protocol versions this client can talk to.
SUPPORTED_PROTOCOLS = range(1, PROTOCOL_VERSION + 1)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
GZIP_MIN_BYTES = 1024  # smaller bodies are not worth compressing
RETRY_STATUSES = {502, 503, 504}


class TransportError(Exception):
    """Base of everything the transport raises. Messages are for people and hold no secret."""


class Offline(TransportError):
    """The service could not be reached, or did not answer in time, after every retry."""


class ServiceError(TransportError):
    """The service answered with an error this client cannot fix by retrying."""

    def __init__(self, message: str, status: int, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


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


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; refuses anything but https, or http on loopback."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("server: must be a URL such as https://prossimo.example.org")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError("server: must use https (plain http is accepted only for a service on this machine)")
    return url.strip().rstrip("/")


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
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.base_url = check_server_url(server_url)
        self.timeout = (connect_timeout_s, read_timeout_s)
        self.attempts = max(1, attempts)
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s
        self._sleep, self._jitter = sleep, jitter
        self.stats = WireStats()
        self.session = requests.Session()
        # True, or the organisation's CA bundle: never False.
        self.session.verify = ca_bundle or True
        self.session.headers.update({
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Accept-Encoding": "gzip",  # the service compresses with gzip only
            "User-Agent": f"Prossimo/{PROTOCOL_VERSION}",
        })

    def close(self) -> None:
        self.session.close()

    # --- the calls -------------------------------------------------------------------

    def enrol(self, username: str, password: str, device_name: str) -> EnrolResponse:
        body = EnrolRequest(username=username, password=password, device_name=device_name).model_dump()
        status, data, headers = self._post("/v1/enrol", body, token=None, idempotent=False)
        if status == 200:
            return EnrolResponse.model_validate(data)
        if status == 401:
            raise LoginRefused("username or password is wrong")
        if status == 429:
            wait = int(headers.get("Retry-After", "60") or 60)
            raise LoginThrottled(f"too many failed logins: try again in {wait} s", wait)
        raise self._unexpected(status, data)

    def sync(self, token: str, body: dict[str, Any]) -> dict[str, Any]:
        """One `POST /v1/sync`; the parsed answer, or a typed error."""
        status, data, _ = self._post("/v1/sync", body, token=token, idempotent=True)
        if status == 200:
            return data
        if status == 410:
            raise WipeOrdered(str(data.get("reason", "")))
        if status == 401:
            raise NotAuthorised("the service does not recognise this device: enrol it again (`prossimo enroll`)")
        raise self._unexpected(status, data)

    # --- plumbing ------------------------------------------------------------------------

    def _unexpected(self, status: int, data: Any) -> TransportError:
        if status == 426:
            message = data.get("message") if isinstance(data, dict) else None
            return UpdateNeeded(message or "the service speaks another protocol version: update Prossimo")
        if isinstance(data, dict) and "error" in data:
            return ServiceError(f"the service refused the request ({status}): {data.get('message')}", status,
                                data.get("error"))
        if isinstance(data, dict) and isinstance(data.get("detail"), list):
            fields = "; ".join(
                f"{'.'.join(str(p) for p in item.get('loc', [])[1:])}: {item.get('msg')}" for item in data["detail"]
            )
            return ServiceError(f"the service refused the request ({status}): {fields}", status, "invalid")
        return ServiceError(f"the service answered {status}", status)

    def _post(self, path: str, body: dict[str, Any], *, token: str | None,
              idempotent: bool) -> tuple[int, Any, requests.structures.CaseInsensitiveDict]:
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if len(raw) >= GZIP_MIN_BYTES:
            raw = gzip.compress(raw, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        last_problem = "no attempt was made"
        for attempt in range(self.attempts):
            if attempt:
                self.stats.retries += 1
                self._sleep(self._delay(attempt))
            request = self.session.prepare_request(requests.Request("POST", self.base_url + path,
                                                                    data=raw, headers=headers))
            self.stats.requests += 1
            self.stats.bytes_sent += _request_size(request)
            try:
                response = self.session.send(request, timeout=self.timeout, stream=True)
                payload = response.raw.read(decode_content=False)
            except requests.exceptions.SSLError as exc:
                # Certificate problems do not heal by retrying; say what to check.
                raise Offline(f"TLS: the service's certificate was not accepted ({type(exc).__name__}); "
                              "check the server address and the organisation CA bundle") from None
            except requests.exceptions.ConnectionError as exc:
                last_problem = _describe(exc)
                if idempotent or _never_sent(exc):
                    continue
                raise Offline(f"the connection broke during enrolment ({last_problem}); try again") from None
            except (requests.exceptions.Timeout, requests.exceptions.ChunkedEncodingError,
                    urllib3.exceptions.HTTPError) as exc:
                last_problem = _describe(exc)
                if idempotent:
                    continue
                raise Offline(f"the service did not answer the enrolment in time ({last_problem}); try again") \
                    from None
            self.stats.bytes_received += _response_size(response, payload)
            self._check_protocol(response)
            if response.status_code in RETRY_STATUSES and attempt + 1 < self.attempts:
                last_problem = f"HTTP {response.status_code}"
                continue
            return response.status_code, _decode(response, payload), response.headers
        raise Offline(f"the service at {self.base_url} could not be reached ({last_problem})")

    def _check_protocol(self, response: requests.Response) -> None:
        # A newer service that still accepted our version is fine (it answers 426 when
        # it does not); a service older than anything this client speaks is not.
        spoken = response.headers.get(PROTOCOL_HEADER, "")
        if spoken.isdigit() and int(spoken) < SUPPORTED_PROTOCOLS.start:
            raise UpdateNeeded(f"the service speaks protocol {spoken}, older than this Prossimo supports "
                               f"({SUPPORTED_PROTOCOLS.start}-{SUPPORTED_PROTOCOLS.stop - 1}): ask IT to update it")

    def _delay(self, attempt: int) -> float:
        # Exponential backoff with jitter between half and all of the step, so a
        # team's laptops coming back online together do not retry in lockstep.
        step = min(self.max_backoff_s, self.backoff_s * (2 ** (attempt - 1)))
        return step * (0.5 + 0.5 * self._jitter())


def _never_sent(exc: Exception) -> bool:
    """True when the connection failed before any byte of the request left."""
    return isinstance(exc, requests.exceptions.ConnectTimeout) or "NewConnectionError" in repr(exc) \
        or "Connection refused" in str(exc)


def _describe(exc: Exception) -> str:
    # The exception text can carry the URL; never anything secret, but keep it short.
    text = str(exc)
    for marker in ("Connection refused", "timed out", "Connection reset", "Connection aborted",
                   "Name or service not known", "Remote end closed"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__


def _request_size(request: requests.PreparedRequest) -> int:
    path = urllib.parse.urlsplit(request.url or "").path or "/"
    head = f"{request.method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in request.headers.items())
    body = request.body or b""
    # + Host header (added by urllib3) and the blank line
    host = urllib.parse.urlsplit(request.url or "").netloc
    return len(head.encode()) + len(f"Host: {host}\r\n\r\n") + len(body)


def _response_size(response: requests.Response, payload: bytes) -> int:
    head = f"HTTP/1.1 {response.status_code} {response.reason}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in response.headers.items())
    return len(head.encode()) + 2 + len(payload)


def _decode(response: requests.Response, payload: bytes) -> Any:
    if response.headers.get("Content-Encoding", "").lower() == "gzip":
        payload = gzip.decompress(payload)
    if not payload:
        return {}
    try:
        return json.loads(payload)
    except ValueError:
        return {"error": "not_json", "message": f"an answer that is not JSON (HTTP {response.status_code})"}
