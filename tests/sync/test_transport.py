"""The transport's promises: TLS verified (with an organisation CA bundle), typed answers, backoff."""

import os

import pytest
from urllib3.exceptions import ProtocolError

from desktop.sync.transport import (
    CONNECT_RETRIES,
    LoginRefused,
    Offline,
    Transport,
    UpdateNeeded,
    check_server_url,
)
from protocol.messages import PROTOCOL_HEADER
from tests.central.test_admin_cli import _self_signed
from tests.service_process import running_service
from tests.sync_world import PASSWORD, World


def test_only_https_or_loopback_http() -> None:
    assert check_server_url("https://prossimo.example.org/") == "https://prossimo.example.org"
    assert check_server_url("http://127.0.0.1:8443") == "http://127.0.0.1:8443"
    for bad in ("http://prossimo.example.org", "ftp://x", "prossimo.example.org", ""):
        with pytest.raises(ValueError, match="server:"):
            check_server_url(bad)


def test_tls_with_the_organisations_ca_bundle(world: World, tmp_path) -> None:
    cert, key = _self_signed(tmp_path)
    with running_service(world.service.db_url, env=dict(os.environ), tls=(cert, key)) as service:
        url = service.url
        anna = world.add_operator("anna", [world.team_a])
        # The system's CAs do not know this certificate: refused, and said so, without retrying.
        untrusting = Transport(url, attempts=3, backoff_s=0)
        with pytest.raises(Offline, match="certificate was not accepted"):
            untrusting.enrol(anna, PASSWORD, "laptop")
        assert untrusting.stats.requests == 1
        trusting = Transport(url, ca_bundle=str(cert))
        assert trusting.enrol(anna, PASSWORD, "laptop").teams[0].name == "A"
        with pytest.raises(LoginRefused):
            trusting.enrol(world.add_operator("bruno", [world.team_a]), "wrong password!", "laptop")


def test_a_protocol_the_service_does_not_speak_means_update(world: World) -> None:
    transport = Transport(world.service.url)
    transport.headers[PROTOCOL_HEADER] = "99"
    with pytest.raises(UpdateNeeded, match="update Prossimo"):
        transport.sync("any token", {"cursor": None, "mutations": [], "page_size": 10})
    assert transport.stats.requests == 1  # no retry can fix a version mismatch


def test_backoff_doubles_with_jitter_up_to_a_ceiling() -> None:
    """urllib3's Retry: no wait before the first retry, then doubling from backoff_s, plus up to
    backoff_s of jitter, never past the ceiling; Retry-After is respected up to the same ceiling."""
    transport = Transport("http://127.0.0.1:9", attempts=6, backoff_s=1.0, max_backoff_s=5.0)
    retry = transport.retry_policy(idempotent=True)
    waits = []
    for _ in range(5):
        retry = retry.increment("POST", "/v1/sync", error=ProtocolError("cut mid-answer"))
        waits.append(retry.get_backoff_time())
    assert waits[0] == 0
    for wait, step in zip(waits[1:], (2.0, 4.0, 5.0, 5.0), strict=True):
        assert step <= wait <= min(5.0, step + 1.0)
    assert retry.parse_retry_after("3600") == 5.0 and retry.parse_retry_after("soon") == 0.0


def test_a_refused_port_is_retried_and_counted() -> None:
    """A refused connect gets CONNECT_RETRIES resends, not all the attempts a cut answer gets:
    the service is not there, and "offline" should not wait 15 s."""
    transport = Transport("http://127.0.0.1:9", attempts=6, backoff_s=0.001, max_backoff_s=0.01, connect_timeout_s=0.2)
    with pytest.raises(Offline, match="could not be reached"):
        transport.sync("token", {"cursor": None, "mutations": [], "page_size": 10})
    assert (transport.stats.requests, transport.stats.retries) == (1 + CONNECT_RETRIES, CONNECT_RETRIES)
    assert CONNECT_RETRIES < transport.attempts - 1
    assert transport.stats.bytes_sent == 0  # never connected: nothing left
