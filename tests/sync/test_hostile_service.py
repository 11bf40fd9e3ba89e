"""Issue 13 items 1 and 13: the device against a hostile or broken service.

A tiny HTTP(S) server on a loopback address answers what each test tells it and counts
what it receives: redirects (to plain http, to a host the client refuses), 503s, cut
answers, a gzip bomb, a deeply nested answer, malformed envelopes and error answers.
A second server, the "sink", stands where a redirect points; it must never see a byte.
TLS uses a throwaway CA made here with `cryptography`; the transport trusts it through
its `ca_bundle`. Real stores and the real engine where a device is involved.
"""

import datetime as dt
import gzip
import ipaddress
import json
import os
import ssl
import subprocess
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desktop.store.profile import Profile
from desktop.sync.engine import SyncEngine, enrol
from desktop.sync.transport import (
    LoginThrottled,
    Offline,
    ServiceError,
    Transport,
    TransportError,
    WipeOrdered,
)
from tests.service_process import free_port
from tests.sync_world import PASSPHRASE, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SECRET = "hunter2-CANARY-password"
CLIENT_NAME = "Zaccaria-CANARY-Pellegrini"
SYNC_BODY = {"cursor": None, "mutations": [{"name": CLIENT_NAME}], "page_size": 10}


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


# What the evil server answers: given the path and the count of requests so far; None cuts the connection.
Script = Callable[[str, int], Answer | None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def do_POST(self) -> None:  # http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            self.server.received.append((self.path, body))
            count = len(self.server.received)
        answer = self.server.script(self.path, count)
        if answer is None:
            self.close_connection = True  # read the request, then hang up without a word
            return
        self.send_response(answer.status)
        for name, value in {"Content-Length": str(len(answer.body)), **answer.headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, script: Script, tls: ssl.SSLContext | None) -> None:
        super().__init__((host, 0), _Handler)
        self.script, self.tls = script, tls
        self.lock = threading.Lock()
        self.received: list[tuple[str, bytes]] = []
        self.connections = 0

    def verify_request(self, request, client_address) -> bool:  # socketserver's signature
        with self.lock:
            self.connections += 1
        return True

    def finish_request(self, request, client_address) -> None:
        if self.tls is not None:  # the handshake in the connection's thread, not the accepting one
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


class EvilServer:
    def __init__(self, script: Script, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.server = _Server(host, script, tls)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://{host}:{self.server.server_address[1]}"

    @property
    def received(self) -> list[tuple[str, bytes]]:
        return self.server.received

    @property
    def connections(self) -> int:
        return self.server.connections

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def serve() -> Iterator[Callable[..., EvilServer]]:
    started: list[EvilServer] = []

    def start(script: Script, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> EvilServer:
        started.append(EvilServer(script, host, tls))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def throwaway_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    """A CA made for this module only, and a server context with a certificate it signed for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("ca")
    now = dt.datetime.now(dt.UTC)
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Throwaway test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return ca_path, context


def _valid_enrolment() -> bytes:
    return json.dumps(
        {
            "device_id": str(uuid.uuid4()),
            "device_token": "t" * 43,
            "operator_id": str(uuid.uuid4()),
            "organisation_id": str(uuid.uuid4()),
            "role": "operator",
            "teams": [{"id": str(uuid.uuid4()), "name": "A"}],
            "protocol_version": 1,
        }
    ).encode()


def _json(status: int, body: object, **headers: str) -> Answer:
    return Answer(status, json.dumps(body).encode(), {"Content-Type": "application/json", **headers})


def _call(transport: Transport, endpoint: str) -> None:
    if endpoint == "enrol":
        transport.enrol("anna", SECRET, "laptop")
    else:
        transport.sync("device-token", SYNC_BODY)


# --- item 1: redirects ---------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["enrol", "sync"])
@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("route", ["http->other loopback port", "http->refused host", "https->http"])
def test_a_redirect_is_never_followed(serve, throwaway_ca, route: str, status: int, endpoint: str) -> None:
    """Issue 13 item 1: a 3xx answer is an error naming its target; the target sees no request, no byte
    (not the enrolment password, not a sync body with a client's name), whatever the scheme or host."""
    ca_path, server_tls = throwaway_ca
    sink_host = "127.0.0.2" if route == "http->refused host" else "127.0.0.1"
    sink = serve(lambda path, n: _json(200, {}), host=sink_host)
    if route == "http->refused host":
        with pytest.raises(ValueError, match="must use https"):
            Transport(sink.url)  # the client would refuse this host if it were given directly
    target = f"{sink.url}/v1/{endpoint}"
    evil = serve(
        lambda path, n: Answer(status, headers={"Location": target + "?next=CANARY"}),
        tls=server_tls if route == "https->http" else None,
    )
    transport = Transport(evil.url, ca_bundle=str(ca_path), attempts=4, backoff_s=0.001)
    with pytest.raises(
        TransportError, match=f"redirect to {target}: check the server address; nothing was sent"
    ) as raised:
        _call(transport, endpoint)
    assert "CANARY" not in str(raised.value)  # the target's query string is not repeated
    assert sink.connections == 0 and sink.received == []
    assert len(evil.received) == 1 and transport.stats.requests == 1  # not retried either
    sent = evil.received[0][1]
    assert (SECRET.encode() in sent) if endpoint == "enrol" else (CLIENT_NAME.encode() in sent)  # it was there


# --- item 1: retries -----------------------------------------------------------------------


def test_an_enrolment_is_never_resent_after_a_503(serve) -> None:
    """Issue 13 item 1: an answer proves the request arrived, so an enrolment answered 503 is sent once."""
    evil = serve(lambda path, n: _json(503, {"error": "unavailable", "message": "busy"}))
    transport = Transport(evil.url, attempts=4, backoff_s=0.001)
    with pytest.raises(TransportError) as raised:
        transport.enrol("anna", SECRET, "laptop")
    assert len(evil.received) == 1 and transport.stats.requests == 1
    assert isinstance(raised.value, Offline) and "unavailable (HTTP 503)" in str(raised.value)


def test_an_enrolment_whose_answer_is_cut_is_not_resent(serve) -> None:
    """Issue 13 item 1: the request left (the service read it), so the enrolment is not sent again."""
    evil = serve(lambda path, n: None)
    transport = Transport(evil.url, attempts=4, backoff_s=0.001)
    with pytest.raises(Offline) as raised:
        transport.enrol("anna", SECRET, "laptop")
    assert len(evil.received) == 1 and "cut the connection" in str(raised.value)


def test_an_enrolment_that_never_left_is_retried() -> None:
    """Issue 13 item 1: a refused connection proves nothing left: the enrolment is tried again."""
    transport = Transport(f"http://127.0.0.1:{free_port()}", attempts=3, backoff_s=0.001, connect_timeout_s=0.5)
    with pytest.raises(Offline, match="connection refused"):
        transport.enrol("anna", SECRET, "laptop")
    assert (transport.stats.requests, transport.stats.retries, transport.stats.bytes_sent) == (3, 2, 0)


def test_a_sync_is_resent_on_503_up_to_the_attempts(serve) -> None:
    """Issue 13 item 1: a sync is idempotent, so 503 is retried (urllib3 Retry), Retry-After respected."""
    evil = serve(lambda path, n: _json(503, {"error": "unavailable", "message": "busy"}, **{"Retry-After": "0"}))
    transport = Transport(evil.url, attempts=3, backoff_s=0.001)
    with pytest.raises(TransportError) as raised:
        transport.sync("device-token", SYNC_BODY)
    assert len(evil.received) == 3
    assert (transport.stats.requests, transport.stats.retries) == (3, 2)
    assert isinstance(raised.value, Offline) and "unavailable (HTTP 503): busy" in str(raised.value)


def test_a_sync_whose_answer_is_cut_is_resent_and_succeeds(serve) -> None:
    empty = {"results": [], "changes": [], "cursor": "c", "more": False, "server_time": "2024-01-01T00:00:00Z"}
    evil = serve(lambda path, n: None if n < 3 else _json(200, empty))
    transport = Transport(evil.url, attempts=4, backoff_s=0.001)
    assert transport.sync("device-token", SYNC_BODY)["cursor"] == "c"
    assert len(evil.received) == 3 and (transport.stats.requests, transport.stats.retries) == (3, 2)


# --- item 13: bounded answers --------------------------------------------------------------

BOMB_UNPACKED = 512 * 2**20


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """512 MiB of JSON whitespace, gzip-compressed as a stream: about half a megabyte on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block, parts = b" " * 2**20, []
    for _ in range(BOMB_UNPACKED // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.compress(b"{}") + packer.flush())
    return b"".join(parts)


_CHILD = """
import sys
sys.path.insert(0, sys.argv[2])
from desktop.sync.transport import Transport, TransportError
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
transport = Transport(sys.argv[1], attempts=1)
transport.sync("device-token", {"cursor": None, "mutations": [], "page_size": 10})  # warm up: imports, pool
before = hwm()
try:
    transport.sync("device-token", {"cursor": None, "mutations": [], "page_size": 10})
    print("no error")
except TransportError as exc:
    print(type(exc).__name__, exc)
print(hwm() - before)
"""


def test_a_gzip_bomb_is_refused_without_inflating_it(serve, gzip_bomb: bytes) -> None:
    """Issue 13 item 13: a 512 MiB gzip answer is refused once 64 MiB are unpacked; the device process's
    peak memory grows by far less than the bomb (measured as VmHWM in a child process)."""
    assert len(gzip_bomb) < 2**20
    small = _json(
        200, {"results": [], "changes": [], "cursor": "c", "more": False, "server_time": "2024-01-01T00:00:00Z"}
    )
    bomb = Answer(200, gzip_bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    evil = serve(lambda path, n: small if n == 1 else bomb)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, evil.url, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    message, growth = out.stdout.strip().splitlines()[-2:]
    assert int(growth) < 100 * 2**20  # the limit plus a little, far below 512 MiB
    assert message == "BadAnswer the service's answer is larger than 64 MiB once unpacked", out.stderr[-2000:]
    assert len(evil.received) == 2  # refused, not retried


def test_an_answer_too_large_on_the_wire_is_refused(serve) -> None:
    """Issue 13 item 13: the raw bytes read are bounded too (declared or not)."""
    evil = serve(lambda path, n: Answer(200, b" " * (2 * 2**20)))
    transport = Transport(evil.url, attempts=1, max_answer_bytes=2**20)
    with pytest.raises(TransportError, match="larger than 1 MiB$"):
        transport.sync("device-token", SYNC_BODY)


PROSSIMO = str(Path(sys.executable).parent / "prossimo")


def _prossimo(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `prossimo` command as IT runs it (a real process on a real profile)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    environment |= {"PROSSIMO_HOME": str(profile), "PROSSIMO_PASSPHRASE": PASSPHRASE, "PROSSIMO_PASSWORD": PASSWORD}
    return subprocess.run(
        [PROSSIMO, *args], env=environment, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120
    )


def test_the_answer_limit_is_a_setting_it_gives_at_enrolment(serve, tmp_path: Path) -> None:
    """Issue 13 (transport: "bounded decompressed size, configurable, default 64 MiB"): IT sets the limit
    with `prossimo enroll --max-answer-mib`; a 2 MiB answer (gzip, far smaller on the wire) is then refused
    by a device enrolled with 1 MiB, and accepted by a device enrolled with the default."""
    empty = {"results": [], "changes": [], "cursor": "c", "more": False, "server_time": "2024-01-01T00:00:00Z"}
    big = gzip.compress(json.dumps(empty).encode()[:-1] + b" " * (2 * 2**20) + b"}")
    assert len(big) < 2**20
    answer = Answer(200, big, {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    evil = serve(lambda path, n: Answer(200, _valid_enrolment()) if path == "/v1/enrol" else answer)
    for name, limit, expected in (("small", ["--max-answer-mib", "1"], 5), ("default", [], 0)):
        profile = tmp_path / name
        assert _prossimo(profile, "init").returncode == 0
        enrolled = _prossimo(profile, "enroll", "--server", evil.url, "--user", "anna", *limit)
        assert enrolled.returncode == 0, enrolled.stderr
        synced = _prossimo(profile, "sync")
        assert synced.returncode == expected, synced.stderr
        if expected:
            assert "the service's answer is larger than 1 MiB once unpacked" in synced.stderr
    assert [path for path, _ in evil.received].count("/v1/sync") == 2  # refused once, not retried; accepted once


@pytest.mark.parametrize("given", ["0", "1025", "-3", "64.5", "lots"])
def test_an_answer_limit_out_of_range_is_refused_naming_the_setting(serve, tmp_path: Path, given: str) -> None:
    """Issue 13: the limit is a whole number of MiB from 1 to 1024; anything else is a usage error that
    names the option and the range, and nothing is sent."""
    evil = serve(lambda path, n: Answer(200, _valid_enrolment()))
    profile = tmp_path / "device"
    assert _prossimo(profile, "init").returncode == 0
    enrolled = _prossimo(profile, "enroll", "--server", evil.url, "--user", "anna", f"--max-answer-mib={given}")
    assert enrolled.returncode == 2
    assert "--max-answer-mib: must be a whole number of MiB from 1 to 1024" in enrolled.stderr
    assert "Traceback" not in enrolled.stderr and evil.received == []
    other = Profile.create(tmp_path / "other", PASSPHRASE)
    with other.open(PASSPHRASE) as store, pytest.raises(ValueError, match="max_answer_mib: must be a whole number"):
        enrol(other, store, evil.url, "anna", PASSWORD, max_answer_mib=0)
    assert evil.received == []


def test_a_deeply_nested_answer_is_a_clear_error(serve) -> None:
    """Issue 13 item 13: 100,000 nested arrays give an error naming the problem (orjson's
    nesting limit), never RecursionError."""
    deep = b"[" * 100_000 + b"]" * 100_000
    envelope = (
        b'{"results": [], "changes": [{"entity": "note", "version": 1, "record": {"id": '
        + deep
        + b'}}], "cursor": "c", "more": false, "server_time": "2024-01-01T00:00:00Z"}'
    )
    for body in (deep, envelope, gzip.compress(deep)):
        headers = {"Content-Encoding": "gzip"} if body[:2] == b"\x1f\x8b" else {}
        evil = serve(lambda path, n, b=body, h=headers: Answer(200, b, h))
        with pytest.raises(TransportError, match="cannot read .*depth limit"):
            Transport(evil.url, attempts=1).sync("device-token", SYNC_BODY)


# --- item 13: answers validated against protocol.messages ----------------------------------

GOOD_SYNC = {
    "results": [{"device_seq": 1, "mutation_id": str(uuid.uuid4()), "status": "applied"}],
    "changes": [],
    "purge_teams": [],
    "cursor": "c1",
    "more": False,
    "server_time": "2024-01-01T00:00:00Z",
}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"cursor": None}, "cursor: "),
        ({"results": {"0": "applied"}}, "results: Input should be a valid list"),
        ({"results": [{**GOOD_SYNC["results"][0], "status": "maybe"}]}, "results.0.status: Input should be"),
        ({"changes": [{"entity": "contact", "version": "three", "record": {}}]}, "changes.0.version: "),
        ({"more": "perhaps"}, "more: Input should be a valid boolean"),
        ({"server_time": "yesterday"}, "server_time: Input should be a valid datetime"),
    ],
    ids=["missing cursor", "results not a list", "unknown status", "version not a number", "more", "time"],
)
def test_a_malformed_sync_answer_is_named_not_a_keyerror(serve, tmp_path: Path, change: dict, named: str) -> None:
    """Issue 13 item 13: a real device syncing with a service that answers 200 with a malformed envelope
    gets an error naming the field and rule, never "unexpected error (KeyError)"; its store is untouched."""
    bad = {**GOOD_SYNC, **change}
    if change == {"cursor": None}:
        del bad["cursor"]
    evil = serve(lambda path, n: Answer(200, _valid_enrolment()) if path == "/v1/enrol" else _json(200, bad))
    profile = Profile.create(tmp_path / "device", PASSPHRASE)
    store = profile.open(PASSPHRASE)
    engine = SyncEngine(store, lambda e: Transport(e.server_url, attempts=1))
    try:
        enrol(profile, store, evil.url, "anna", PASSWORD, device_name="laptop")
        store.call(lambda s: s.contacts.create(given_name="Ada"))
        with pytest.raises(TransportError, match=f"does not understand: {named}"):
            engine.sync()
        assert store.call(lambda s: (s.replica.pending_count(), s.outbox.count())) == (1, 1)
    finally:
        engine.close()
        store.close()


def test_a_malformed_enrolment_answer_is_named_without_its_values(serve) -> None:
    """Issue 13 item 13: the message names the field and the rule; the answer's values stay out of it."""
    answer = {**json.loads(_valid_enrolment()), "device_token": "TOKEN-CANARY", "role": "superuser-CANARY"}
    evil = serve(lambda path, n: _json(200, answer))
    with pytest.raises(TransportError, match="does not understand: role: Input should be") as raised:
        Transport(evil.url).enrol("anna", SECRET, "laptop")
    assert "CANARY" not in str(raised.value)


def test_a_proxys_410_page_does_not_wipe_the_device(serve) -> None:
    """Issue 13 item 13: only the protocol's wipe answer wipes; an HTML "410 Gone" page is not understood."""
    evil = serve(lambda path, n: Answer(410, b"<html><body>Gone</body></html>", {"Content-Type": "text/html"}))
    with pytest.raises(TransportError, match="410 with an answer this Prossimo does not understand") as raised:
        Transport(evil.url).sync("device-token", SYNC_BODY)
    assert not isinstance(raised.value, WipeOrdered)
    wipe = serve(lambda path, n: _json(410, {"wipe": True, "reason": "device_revoked"}))
    with pytest.raises(WipeOrdered, match="revoked"):
        Transport(wipe.url).sync("device-token", SYNC_BODY)


# --- item 13: error answers ----------------------------------------------------------------


def test_error_answers_quote_only_error_and_message(serve) -> None:
    """Issue 13 item 13: the one error shape ({"error", "message", "fields"}), the older `detail` list,
    and nothing else of the answer in the exception: no other key, no input value, no control character."""
    new_shape = {
        "error": "invalid",
        "message": "mutations.0.device_seq: must be at most 9223372036854775807\x1b[2J",
        "fields": [{"field": "mutations.0.device_seq", "message": "must be at most 9223372036854775807"}],
        "echo": "CANARY",
    }
    old_shape = {
        "detail": [
            {
                "loc": ["body", "mutations", 0, "device_seq"],
                "msg": "Input should be less than 2^63",
                "type": "less_than",
                "input": "CANARY",
            }
        ]
    }
    for body, expected in (
        (new_shape, "(422): mutations.0.device_seq: must be at most 9223372036854775807"),
        (old_shape, "(422): mutations.0.device_seq: Input should be less than 2^63"),
    ):
        evil = serve(lambda path, n, b=body: _json(422, b))
        with pytest.raises(ServiceError) as raised:
            Transport(evil.url).sync("device-token", SYNC_BODY)
        assert expected in str(raised.value)
        assert "CANARY" not in str(raised.value) and "\x1b" not in str(raised.value)
        assert raised.value.status == 422 and raised.value.error == "invalid"


def test_a_throttled_enrolment_with_a_garbled_retry_after(serve) -> None:
    """Issue 13 item 13: a Retry-After that is not a number is not a crash."""
    evil = serve(lambda path, n: _json(429, {"error": "login_throttled", "message": "wait"}, **{"Retry-After": "soon"}))
    with pytest.raises(LoginThrottled) as raised:
        Transport(evil.url, attempts=3).enrol("anna", SECRET, "laptop")
    assert raised.value.retry_after_s == 60 and len(evil.received) == 1
