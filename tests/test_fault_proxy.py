"""The fault proxy breaks connections exactly as documented, against a small real HTTP server.

The server counts the POSTs whose body it received in full, so every assertion is about counts
(did the service process it? did the client get the answer?), never about timings.
"""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.fault_proxy import THREAD_NAME_PREFIX, Fault, FaultProxy, FaultSpec
from tests.link_model import LinkModel

RESPONSE_BODY = bytes(range(256)) * 200  # 51,200 bytes: several chunks through the proxy
REQUEST_BODY = b"r" * 20_000
TIMEOUT = (2.0, 5.0)  # (connect, read): a broken test fails instead of hanging
BROKEN = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


class CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the sync engine will see it
    timeout = 5  # a handler thread left waiting on a dead connection ends on its own
    server: "CountingServer"

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        if len(body) < length:
            self.close_connection = True
            return
        # Counted before answering: once any byte of the answer exists, the request was processed.
        with self.server.lock:
            self.server.received += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(RESPONSE_BODY)))
        self.end_headers()
        self.wfile.write(RESPONSE_BODY)

    def log_message(self, format: str, *args: object) -> None:
        pass


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), CountingHandler)
        self.lock = threading.Lock()
        self.received = 0

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets and cut bodies are what these tests cause on purpose

    @property
    def port(self) -> int:
        return self.server_address[1]


@pytest.fixture
def server() -> Iterator[CountingServer]:
    httpd = CountingServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def proxy(server: CountingServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


def post(url: str, session: requests.Session | None = None, **kwargs: object) -> requests.Response:
    """One POST on a fresh connection (or on `session`'s), ignoring any proxy set in the environment."""
    kwargs.setdefault("timeout", TIMEOUT)
    if session is not None:
        return session.post(url + "/sync", data=REQUEST_BODY, **kwargs)
    with requests.Session() as fresh:
        fresh.trust_env = False
        return fresh.post(url + "/sync", data=REQUEST_BODY, **kwargs)


def outcome(url: str) -> str:
    try:
        response = post(url)
    except BROKEN:
        return "broken"
    return "ok" if response.content == RESPONSE_BODY else "wrong body"


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def proxy_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(THREAD_NAME_PREFIX) and t.is_alive()]


def test_pass_forwards_both_ways_untouched(server: CountingServer, proxy: FaultProxy) -> None:
    response = post(proxy.url)

    assert response.status_code == 200
    assert response.content == RESPONSE_BODY
    assert server.received == 1
    assert proxy.connections == 1
    assert proxy.faults_injected == {Fault.PASS: 1}
    assert proxy.bytes_to_target > len(REQUEST_BODY)
    assert proxy.bytes_to_client > len(RESPONSE_BODY)


def test_refuse_resets_before_the_service_sees_anything(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.REFUSE)])

    with pytest.raises(requests.ConnectionError):
        post(proxy.url)

    assert server.received == 0
    assert proxy.bytes_to_target == 0
    assert proxy.faults_injected[Fault.REFUSE] == 1


def test_delay_delivers_everything_through_the_delay_path(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.DELAY, delay_s=0.02)])

    response = post(proxy.url)

    assert response.content == RESPONSE_BODY
    assert server.received == 1
    assert proxy.delayed_chunks >= 1
    assert proxy.faults_injected[Fault.DELAY] == 1


def test_cut_request_leaves_the_service_without_the_whole_request(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.CUT_REQUEST, cut_after=1_000)])

    with pytest.raises(BROKEN):
        post(proxy.url)

    assert server.received == 0
    assert proxy.bytes_to_target <= 1_000
    assert proxy.bytes_to_client == 0


def test_cut_response_loses_the_answer_of_a_processed_request(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=5_000)])

    with pytest.raises(BROKEN):
        post(proxy.url)

    assert server.received == 1  # processed, answer lost: what idempotency must survive
    assert proxy.bytes_to_target > len(REQUEST_BODY)
    assert proxy.bytes_to_client <= 5_000


def test_cut_response_at_zero_sends_the_client_nothing(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=0)])

    with pytest.raises(BROKEN):
        post(proxy.url)

    assert server.received == 1
    assert proxy.bytes_to_client == 0


def test_cut_response_counts_bytes_over_the_whole_kept_alive_connection(
    server: CountingServer, proxy: FaultProxy
) -> None:
    # One and a half responses: the first request on the connection is answered, the second is cut.
    proxy.plan([FaultSpec(Fault.CUT_RESPONSE, cut_after=len(RESPONSE_BODY) * 3 // 2)])

    with requests.Session() as session:
        session.trust_env = False
        assert post(proxy.url, session).content == RESPONSE_BODY
        with pytest.raises(BROKEN):
            post(proxy.url, session).content  # noqa: B018 - reading the body is what fails

    assert proxy.connections == 1
    assert server.received == 2


def test_blackhole_swallows_the_request_until_the_client_times_out(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([FaultSpec(Fault.BLACKHOLE)])

    with pytest.raises(requests.ReadTimeout):
        post(proxy.url, timeout=(2.0, 0.5))

    assert server.received == 0
    assert proxy.bytes_to_target == 0
    assert proxy.bytes_to_client == 0


def test_a_dead_target_looks_like_a_reset(server: CountingServer) -> None:
    with socket.socket() as placeholder:  # a port that was free a moment ago, with nothing listening
        placeholder.bind(("127.0.0.1", 0))
        dead_port = placeholder.getsockname()[1]

    with FaultProxy("127.0.0.1", dead_port) as proxy, pytest.raises(requests.ConnectionError):
        post(proxy.url)


def test_plan_is_followed_in_order_then_everything_passes(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([Fault.REFUSE, FaultSpec(Fault.PASS), FaultSpec(Fault.CUT_RESPONSE, cut_after=100)])

    outcomes = [outcome(proxy.url) for _ in range(5)]

    assert outcomes == ["broken", "ok", "broken", "ok", "ok"]
    assert proxy.history == [Fault.REFUSE, Fault.PASS, Fault.CUT_RESPONSE, Fault.PASS, Fault.PASS]
    assert server.received == 4  # everything but the refused one reached the service


def test_clear_goes_back_to_pass(server: CountingServer, proxy: FaultProxy) -> None:
    proxy.plan([Fault.REFUSE, Fault.REFUSE])
    proxy.clear()

    assert outcome(proxy.url) == "ok"
    assert proxy.history == [Fault.PASS]


def test_randomise_with_the_same_seed_repeats_the_same_faults(server: CountingServer) -> None:
    probabilities = {Fault.REFUSE: 0.25, Fault.CUT_RESPONSE: 0.25, Fault.CUT_REQUEST: 0.25}

    def run(seed: int) -> tuple[list[Fault], list[str]]:
        with FaultProxy("127.0.0.1", server.port) as proxy:
            proxy.randomise(seed, probabilities, cut_range=(0, 2_000))
            outcomes = [outcome(proxy.url) for _ in range(12)]
            return proxy.history, outcomes

    first, again, other = run(7), run(7), run(8)

    assert first == again
    assert first[0] != other[0]
    faults, outcomes = first
    assert len(set(faults)) > 1  # the draw really mixes faults
    assert outcomes == ["ok" if fault is Fault.PASS else "broken" for fault in faults]


@pytest.mark.parametrize(
    ("probabilities", "cut_range"),
    [
        ({Fault.REFUSE: 0.7, Fault.BLACKHOLE: 0.7}, (0, 10)),
        ({Fault.REFUSE: -0.1}, (0, 10)),
        ({Fault.REFUSE: 0.1}, (10, 0)),
    ],
)
def test_randomise_refuses_impossible_settings(probabilities: dict[Fault, float], cut_range: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        FaultProxy("127.0.0.1", 9).randomise(1, probabilities, cut_range=cut_range)


def test_stop_with_open_connections_leaves_no_proxy_thread(server: CountingServer) -> None:
    proxy = FaultProxy("127.0.0.1", server.port).start()
    proxy.plan([Fault.PASS, Fault.BLACKHOLE, FaultSpec(Fault.DELAY, delay_s=30)])
    kept_alive = requests.Session()
    kept_alive.trust_env = False
    assert post(proxy.url, kept_alive).content == RESPONSE_BODY  # its connection stays open in the pool
    swallowed = socket.create_connection(("127.0.0.1", proxy.port), timeout=5)
    swallowed.sendall(b"POST /sync HTTP/1.1\r\n")
    in_flight_errors: list[BaseException] = []

    def delayed_request() -> None:
        try:
            post(proxy.url)
        except BaseException as error:  # noqa: BLE001 - any error, expected or not, is handed to the test thread
            in_flight_errors.append(error)

    in_flight = threading.Thread(target=delayed_request, daemon=True)
    in_flight.start()
    wait_until(lambda: proxy.connections == 3 and server.received == 2)

    proxy.stop()
    proxy.stop()  # idempotent

    assert proxy_threads() == []
    in_flight.join(5)
    assert not in_flight.is_alive()
    assert len(in_flight_errors) == 1 and isinstance(in_flight_errors[0], BROKEN)
    try:
        assert swallowed.recv(100) == b""  # closed by the proxy, never answered
    except ConnectionResetError:
        pass
    swallowed.close()
    kept_alive.close()


def test_context_manager_stops_the_proxy(server: CountingServer) -> None:
    with FaultProxy("localhost", server.port) as proxy:
        assert proxy.url == f"http://127.0.0.1:{proxy.port}"
        assert outcome(proxy.url) == "ok"
    assert proxy_threads() == []
    with pytest.raises(RuntimeError):
        proxy.start()


@pytest.mark.parametrize("host", ["10.0.0.1", "0.0.0.0", "192.168.1.10", "example.com", "::", "2001:db8::1"])
def test_a_target_off_this_machine_is_refused(host: str) -> None:
    with pytest.raises(ValueError):
        FaultProxy(host, 8000)


def test_loopback_targets_are_accepted() -> None:
    assert FaultProxy("127.0.0.2", 8000).target_host == "127.0.0.2"
    assert FaultProxy("::1", 8000).target_host == "::1"
    assert FaultProxy("localhost", 8000).target_host == "127.0.0.1"


def raw_exchange(url_port: int) -> int:
    """One POST on a raw socket: the bytes read until the answer ends or the connection is reset."""
    received = 0
    with socket.create_connection(("127.0.0.1", url_port), timeout=10) as sock:
        sock.sendall(b"POST /sync HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
        try:
            while data := sock.recv(65536):
                received += len(data)
        except ConnectionResetError:
            pass
    return received


def test_a_link_model_carries_everything_when_it_never_cuts(server: CountingServer) -> None:
    link = LinkModel(bandwidth=5e6, rtt_s=0.01, stall_chance=0.2, stall_s=(0.01, 0.02), cut_chance=0)
    with FaultProxy("127.0.0.1", server.port, link=link) as proxy:
        assert [outcome(proxy.url) for _ in range(3)] == ["ok"] * 3
        assert proxy.link_cuts == 0 and proxy.link_stalls > 0
        assert proxy.bytes_to_client > 3 * len(RESPONSE_BODY)


def test_a_link_cut_delivers_the_bytes_before_it_and_counts_them_exactly(server: CountingServer) -> None:
    """The client reads exactly what the proxy counts, the bytes before each cut included."""
    link = LinkModel(bandwidth=5e6, rtt_s=0, stall_chance=0, cut_chance=0.5, seed=3)
    with FaultProxy("127.0.0.1", server.port, link=link) as proxy:
        received = sum(raw_exchange(proxy.port) for _ in range(12))
        assert proxy.link_cuts > 0
        assert received == proxy.bytes_to_client
