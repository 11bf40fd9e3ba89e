"""A TCP fault-injection proxy for the sync tests: it sits between an HTTP client and a real
service on this machine and breaks chosen connections in chosen ways.

Owns: one listening socket on 127.0.0.1 (a free port), one accepting thread and one thread
per accepted connection, the choice of fault for each connection (planned in order, or drawn
from a seeded random generator) and the counters tests assert on.
Must never connect anywhere but the single loopback target it was given, never listen beyond
127.0.0.1, and never outlive `stop()`: every socket is closed and every thread joined within a
bounded time (the threads are daemons, so even a stuck one cannot keep the interpreter alive).

Faults are per TCP connection, not per HTTP request. `requests` keeps connections alive, so one
connection can carry several requests; the fault chosen when the connection was accepted
applies to all of them. The cut faults count bytes over the whole connection: CUT_REQUEST cuts
once the request stream passes `cut_after` bytes in total, CUT_RESPONSE once the response stream
does. A stream that never gets that long passes untouched. Tests that want one fault per
request should use a fresh connection per request (a new `requests.Session`, or
`Connection: close`).

With a `LinkModel` (tests/link_model.py), connections that PASS cross a modelled bad link instead:
bandwidth, pipelined latency, stalls and cuts, shared by all connections as one link is. The bytes
before a cut are delivered (the proxy waits, briefly, until the peer's kernel has them) and only then
both sides are reset, so `bytes_to_client` is what the client could read, byte for byte.
"""

import enum
import fcntl
import ipaddress
import random
import selectors
import socket
import struct
import termios
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType

from tests.link_model import CHUNK, Lane, LinkModel

_CHUNK = 65536
# A peer that stops reading must not pin a connection thread for ever; stop() also wakes them.
_IO_TIMEOUT_S = 10.0
_CONNECT_TIMEOUT_S = 2.0
# SO_LINGER on with a zero timeout: close() then sends RST instead of FIN, an abortive close.
_LINGER_ABORT = struct.pack("ii", 1, 0)
_DRAIN_S = 2.0  # at most, for the bytes before a cut to reach the peer
THREAD_NAME_PREFIX = "fault-proxy"


class Fault(enum.Enum):
    PASS = "pass"
    REFUSE = "refuse"
    DELAY = "delay"
    CUT_REQUEST = "cut_request"
    CUT_RESPONSE = "cut_response"
    BLACKHOLE = "blackhole"


_CUTS = (Fault.CUT_REQUEST, Fault.CUT_RESPONSE)


@dataclass(frozen=True)
class FaultSpec:
    """One connection's fault. `delay_s` matters only for DELAY, `cut_after` only for the cuts."""

    fault: Fault
    delay_s: float = 0.1
    cut_after: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.fault, Fault):
            raise TypeError(f"fault must be a Fault, not {self.fault!r}")
        if self.delay_s < 0:
            raise ValueError(f"delay_s must not be negative, got {self.delay_s}")
        if self.cut_after < 0:
            raise ValueError(f"cut_after must not be negative, got {self.cut_after}")


_PASS = FaultSpec(Fault.PASS)


def _loopback_only(host: str) -> str:
    """The target as an IP literal, refusing anything that is not loopback.

    Host names other than "localhost" are refused rather than resolved, so that no name lookup
    can ever send the proxy off this machine.
    """
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"the target must be a loopback IP address or 'localhost', not {host!r}") from None
    if not address.is_loopback:
        raise ValueError(f"the target must be a loopback address, not {host!r}")
    return str(address)


class FaultProxy:
    """A threaded TCP proxy from 127.0.0.1:<port> to one loopback target, breaking connections on demand.

    Use as a context manager, or call `start()` and `stop()`. Choose faults with `plan()`,
    `randomise()` or `clear()`; all methods and counters are safe to use from any thread.
    """

    def __init__(self, target_host: str, target_port: int, *, link: LinkModel | None = None) -> None:
        self.target_host = _loopback_only(target_host)
        if not isinstance(target_port, int) or not 0 < target_port < 65536:
            raise ValueError(f"target_port must be 1..65535, got {target_port!r}")
        self.target_port = target_port

        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._state = "new"  # new -> running -> stopped; a proxy runs once
        self._port: int | None = None
        self._listener: socket.socket | None = None
        # One byte written here at stop makes it readable in every selector at once (nobody reads it).
        self._wake_reader: socket.socket | None = None
        self._wake_writer: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._threads: set[threading.Thread] = set()
        self._sockets: set[socket.socket] = set()

        self._planned: deque[FaultSpec] = deque()
        self._rng: random.Random | None = None
        self._probabilities: tuple[tuple[Fault, float], ...] = ()
        self._random_delay_s = 0.0
        self._cut_range = (0, 0)

        self._connections = 0
        self._faults: Counter[Fault] = Counter()
        self._history: list[Fault] = []
        self._bytes_to_target = 0
        self._bytes_to_client = 0
        self._delayed_chunks = 0
        # One lane per direction, shared by every connection: one link, one bucket, one fault sequence.
        self._up: Lane | None = link.lane("up") if link else None
        self._down: Lane | None = link.lane("down") if link else None

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> "FaultProxy":
        with self._lock:
            if self._state != "new":
                raise RuntimeError("a FaultProxy can be started only once")
            self._state = "running"
        listener = socket.create_server(("127.0.0.1", 0))
        listener.setblocking(False)
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._listener = listener
        self._port = listener.getsockname()[1]
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"{THREAD_NAME_PREFIX}:{self._port}:accept", daemon=True
        )
        self._accept_thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Close every socket and join every thread, waiting at most about `timeout` seconds. Idempotent."""
        with self._lock:
            was_running = self._state == "running"
            self._state = "stopped"
        if not was_running:
            return
        deadline = time.monotonic() + timeout
        self._stop_event.set()
        try:
            self._wake_writer.send(b"x")
        except OSError:
            pass
        self._accept_thread.join(max(0.0, deadline - time.monotonic()))
        # No socket or thread is added once the state is "stopped", so these snapshots are complete.
        with self._lock:
            for sock in self._sockets:
                # shutdown wakes a thread blocked in sendall to a peer that stopped reading; close would not.
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()
        for sock in (self._listener, self._wake_reader, self._wake_writer):
            sock.close()

    def __enter__(self) -> "FaultProxy":
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the proxy has no port until start()")
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- choosing faults --------------------------------------------------------------------

    def plan(self, specs: Iterable[FaultSpec | Fault]) -> None:
        """The next connections get these faults in order, then PASS. Replaces any plan or randomisation."""
        queued = deque(spec if isinstance(spec, FaultSpec) else FaultSpec(spec) for spec in specs)
        with self._lock:
            self._planned = queued
            self._rng = None

    def randomise(
        self,
        seed: int,
        probabilities: Mapping[Fault, float],
        delay_s: float = 0.1,
        cut_range: tuple[int, int] = (0, 1024),
    ) -> None:
        """Draw each connection's fault from `random.Random(seed)`; whatever probability is left over is PASS.

        Cut positions are drawn uniformly from `cut_range` (both ends included). The same seed
        gives the same sequence of faults for the same sequence of connections. Replaces any plan.
        """
        total = 0.0
        for fault, probability in probabilities.items():
            if not isinstance(fault, Fault):
                raise TypeError(f"probabilities must be keyed by Fault, not {fault!r}")
            if not 0.0 <= probability <= 1.0:
                raise ValueError(f"probability of {fault.name} must be within 0..1, got {probability}")
            total += probability
        if total > 1.0 + 1e-9:
            raise ValueError(f"probabilities add up to {total}, more than 1")
        low, high = cut_range
        if not 0 <= low <= high:
            raise ValueError(f"cut_range must be (low, high) with 0 <= low <= high, got {cut_range}")
        FaultSpec(Fault.DELAY, delay_s=delay_s)  # the same checks as a planned spec
        # Enum order, not the mapping's order, so that equal mappings give equal sequences.
        ordered = tuple((fault, probabilities[fault]) for fault in Fault if fault in probabilities)
        with self._lock:
            self._planned.clear()
            self._rng = random.Random(seed)  # reproducible test faults, not secrets
            self._probabilities = ordered
            self._random_delay_s = delay_s
            self._cut_range = (low, high)

    def clear(self) -> None:
        """Every following connection passes untouched."""
        with self._lock:
            self._planned.clear()
            self._rng = None

    def _next_spec_locked(self) -> FaultSpec:
        if self._planned:
            return self._planned.popleft()
        if self._rng is None:
            return _PASS
        draw = self._rng.random()
        cumulative = 0.0
        for fault, probability in self._probabilities:
            cumulative += probability
            if draw < cumulative:
                cut_after = self._rng.randint(*self._cut_range) if fault in _CUTS else 0
                return FaultSpec(fault, delay_s=self._random_delay_s, cut_after=cut_after)
        return _PASS

    # -- counters ---------------------------------------------------------------------------

    @property
    def connections(self) -> int:
        """Client connections accepted so far."""
        with self._lock:
            return self._connections

    @property
    def faults_injected(self) -> Counter[Fault]:
        """How many connections got each fault; PASS is counted too, so the total equals `connections`."""
        with self._lock:
            return Counter(self._faults)

    @property
    def history(self) -> list[Fault]:
        """The fault chosen for each accepted connection, in the order they were accepted."""
        with self._lock:
            return list(self._history)

    @property
    def bytes_to_target(self) -> int:
        """Bytes handed on to the target; a chunk whose sending a reset interrupted still counts."""
        with self._lock:
            return self._bytes_to_target

    @property
    def bytes_to_client(self) -> int:
        """Bytes handed on to the client; a chunk whose sending a reset interrupted still counts."""
        with self._lock:
            return self._bytes_to_client

    @property
    def link_cuts(self) -> int:
        """Connections the link model reset, both directions."""
        with self._lock:
            return sum(lane.cuts for lane in (self._up, self._down) if lane is not None)

    @property
    def link_stalls(self) -> int:
        with self._lock:
            return sum(lane.stalls for lane in (self._up, self._down) if lane is not None)

    @property
    def link_stalled_s(self) -> float:
        """Seconds the link stood still, both directions."""
        with self._lock:
            return sum(lane.stalled_s for lane in (self._up, self._down) if lane is not None)

    @property
    def delayed_chunks(self) -> int:
        """Response chunks that waited `delay_s` before being forwarded (proof the DELAY path ran)."""
        with self._lock:
            return self._delayed_chunks

    # -- sockets and threads ----------------------------------------------------------------

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ, "listener")
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            while not self._stop_event.is_set():
                for key, _ in selector.select():
                    if key.data == "wake":
                        return
                    try:
                        client, _ = self._listener.accept()
                    except (BlockingIOError, InterruptedError):
                        continue  # the client went away between readiness and accept
                    except OSError:
                        return
                    self._admit(client)

    def _admit(self, client: socket.socket) -> None:
        """Choose the connection's fault, count it and hand it to its own thread."""
        client.settimeout(_IO_TIMEOUT_S)
        with self._lock:
            if self._state != "running":
                _abort(client)
                return
            spec = self._next_spec_locked()
            self._connections += 1
            self._faults[spec.fault] += 1
            self._history.append(spec.fault)
            self._sockets.add(client)
            # Only finished threads are pruned, never by themselves: a thread is still alive for a moment
            # after its last line, and stop() must join it rather than miss it.
            self._threads = {thread for thread in self._threads if thread.is_alive()}
            thread = threading.Thread(
                target=self._serve,
                args=(client, spec),
                name=f"{THREAD_NAME_PREFIX}:{self._port}:conn-{self._connections}",
                daemon=True,
            )
            self._threads.add(thread)
            # Started under the lock so stop() never sees (and tries to join) a thread not yet started.
            thread.start()

    def _serve(self, client: socket.socket, spec: FaultSpec) -> None:
        upstream: socket.socket | None = None
        try:
            if spec.fault is Fault.REFUSE:
                self._release(client, abort=True)
            elif spec.fault is Fault.BLACKHOLE:
                self._swallow(client)
            else:
                upstream = self._connect_upstream()
                if upstream is None:
                    # The target is down (or we are stopping): the client sees what a dead service looks like.
                    self._release(client, abort=True)
                elif spec.fault is Fault.PASS and self._up is not None and self._down is not None:
                    self._relay_link(client, upstream, self._up, self._down)
                else:
                    self._relay(client, upstream, spec)
        except OSError:
            # A peer reset, a timeout or stop() shutting the sockets: pass the abrupt end on to both sides.
            self._release(client, abort=True)
            if upstream is not None:
                self._release(upstream, abort=True)
        finally:
            self._release(client)
            if upstream is not None:
                self._release(upstream)

    def _connect_upstream(self) -> socket.socket | None:
        try:
            upstream = socket.create_connection((self.target_host, self.target_port), timeout=_CONNECT_TIMEOUT_S)
        except OSError:
            return None
        upstream.settimeout(_IO_TIMEOUT_S)
        with self._lock:
            if self._state != "running":
                upstream.close()
                return None
            self._sockets.add(upstream)
        return upstream

    def _swallow(self, client: socket.socket) -> None:
        """BLACKHOLE: read and discard whatever the client sends, answer nothing, until it or the proxy gives up."""
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, "client")
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            while True:
                for key, _ in selector.select():
                    if key.data == "wake" or not client.recv(_CHUNK):
                        return

    def _relay(self, client: socket.socket, upstream: socket.socket, spec: FaultSpec) -> None:
        """Forward both ways until both sides have finished, applying PASS, DELAY or a cut."""
        fault = spec.fault
        sent_to_target = 0
        sent_to_client = 0
        open_directions = 2
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, "request")
            selector.register(upstream, selectors.EVENT_READ, "response")
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            while open_directions:
                for key, _ in selector.select():
                    if key.data == "wake":
                        return
                    if key.data == "request":
                        data = client.recv(_CHUNK)
                        if not data:
                            selector.unregister(client)
                            open_directions -= 1
                            _half_close(upstream)  # pass the client's end of request on
                            continue
                        if fault is Fault.CUT_REQUEST and sent_to_target + len(data) > spec.cut_after:
                            self._send(upstream, data[: spec.cut_after - sent_to_target], to_target=True)
                            self._release(upstream, abort=True)
                            self._release(client, abort=True)
                            return
                        self._send(upstream, data, to_target=True)
                        sent_to_target += len(data)
                    else:
                        data = upstream.recv(_CHUNK)
                        if not data:
                            selector.unregister(upstream)
                            open_directions -= 1
                            _half_close(client)
                            continue
                        if fault is Fault.CUT_RESPONSE and sent_to_client + len(data) > spec.cut_after:
                            # The service has begun to answer, so it has processed the request: lose the answer.
                            self._send(client, data[: spec.cut_after - sent_to_client], to_target=False)
                            self._release(client, abort=True)
                            self._release(upstream)
                            return
                        if fault is Fault.DELAY:
                            if self._stop_event.wait(spec.delay_s):
                                return
                            with self._lock:
                                self._delayed_chunks += 1
                        self._send(client, data, to_target=False)
                        sent_to_client += len(data)

    def _relay_link(self, client: socket.socket, upstream: socket.socket, up: Lane, down: Lane) -> None:
        """Forward both ways across the link model: each chunk waits in its lane's queue until the
        model says it arrives, while the next ones are read (so latency is pipelined)."""
        # name -> (source, destination, lane, queue of (arrives at, bytes, cut after them))
        lanes = {
            "up": (client, upstream, up, deque[tuple[float, bytes, bool]]()),
            "down": (upstream, client, down, deque[tuple[float, bytes, bool]]()),
        }
        ended: set[str] = set()  # the source sent FIN (or a cut was queued): read no more
        closed: set[str] = set()  # FIN passed on
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, "up")
            selector.register(upstream, selectors.EVENT_READ, "down")
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            while len(closed) < 2:
                now = time.monotonic()
                for name, (_, destination, _, queue) in lanes.items():
                    while queue and queue[0][0] <= now:
                        _, data, cut = queue.popleft()
                        self._send(destination, data, to_target=name == "up")
                        if cut:
                            self._drain(destination)
                            self._release(client, abort=True)
                            self._release(upstream, abort=True)
                            return
                    if name in ended and not queue and name not in closed:
                        closed.add(name)
                        _half_close(destination)
                due = [queue[0][0] for *_, queue in lanes.values() if queue]
                for key, _ in selector.select(max(0.0, min(due) - now) if due else None):
                    if key.data == "wake":
                        return
                    source, _, lane, queue = lanes[key.data]
                    data = source.recv(CHUNK)
                    ready = time.monotonic()
                    if not data:
                        selector.unregister(source)
                        ended.add(key.data)
                        continue
                    with self._lock:
                        while data:
                            carried = lane.carry(len(data), ready)
                            queue.append((carried.at, data[: carried.size], carried.cut))
                            data = data[carried.size :]
                            if carried.cut:
                                selector.unregister(source)  # what follows dies with the connection
                                ended.add(key.data)
                                break

    def _drain(self, sock: socket.socket) -> None:
        """Wait until the peer's kernel has every byte sent (Linux: nothing left in the send queue)."""
        deadline = time.monotonic() + _DRAIN_S
        while time.monotonic() < deadline:
            try:
                pending = struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0" * 4))[0]
            except OSError:
                return
            if pending == 0 or self._stop_event.wait(0.002):
                return

    def _send(self, sock: socket.socket, data: bytes, *, to_target: bool) -> None:
        if not data:
            return
        # Counted before sending: a peer that has received the bytes then always finds them counted.
        with self._lock:
            if to_target:
                self._bytes_to_target += len(data)
            else:
                self._bytes_to_client += len(data)
        sock.sendall(data)

    def _release(self, sock: socket.socket, *, abort: bool = False) -> None:
        """Close a tracked socket once. Under the lock, so stop() never shuts a descriptor already reused."""
        with self._lock:
            if sock not in self._sockets:
                return
            self._sockets.discard(sock)
            if abort:
                _abort(sock)
            else:
                sock.close()


def _abort(sock: socket.socket) -> None:
    """Close with RST rather than FIN, as a crashed peer or a dropped network would look."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_ABORT)
    except OSError:
        pass
    sock.close()


def _half_close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the other side is already gone; the relay notices on its next read
