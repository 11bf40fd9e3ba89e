"""A seeded model of a bad network link, for the fault proxy (tests/fault_proxy.py) and the benches.

Owns: `LinkModel` (the link's settings) and `Lane` (one direction of it): a token bucket for the
bandwidth, a one-way delay added to every chunk without holding the next one back (pipelined, as
TCP keeps a window in flight: a round trip costs one RTT, not one RTT per chunk), stalls (the link
pauses now and then) and cuts (the connection carrying the byte is reset). Stalls and cuts are drawn
once per `window` bytes of the lane from a generator seeded by the model's seed and the lane's name,
so the same bytes meet the same faults in every run. Must never read the clock, sleep or touch a
socket: the caller passes the time a chunk became ready and gets back when it arrives and whether
the link is cut inside it (the proxy does the waiting), so the model can be tested without time.
"""

import random
from dataclasses import dataclass, field

CHUNK = 4096  # bytes handed on at once: the "window" in flight whose delivery the delay shifts


@dataclass(frozen=True)
class LinkModel:
    """Bandwidth in bytes per second, round-trip time, and per-`window` chances of a stall and of a cut."""

    bandwidth: float = 256_000 / 8  # 256 kbit/s
    rtt_s: float = 0.2
    stall_chance: float = 0.05
    stall_s: tuple[float, float] = (1.0, 3.0)
    cut_chance: float = 0.01
    window: int = 16 * 1024
    burst: int = CHUNK  # what the bucket holds after an idle moment
    seed: int = 23

    def __post_init__(self) -> None:
        if self.bandwidth <= 0 or self.rtt_s < 0 or self.window <= 0 or self.burst <= 0:
            raise ValueError("bandwidth, window and burst must be positive, rtt_s not negative")
        for chance in (self.stall_chance, self.cut_chance):
            if not 0.0 <= chance <= 1.0:
                raise ValueError(f"a chance must be within 0..1, got {chance}")
        low, high = self.stall_s
        if not 0 <= low <= high:
            raise ValueError(f"stall_s must be (low, high) with 0 <= low <= high, got {self.stall_s}")

    def lane(self, name: str) -> "Lane":
        """One direction of the link ("up", "down"); each has its own bucket, faults and generator."""
        return Lane(self, random.Random(f"{self.seed}:{name}"))  # reproducible faults, not secrets


@dataclass(frozen=True)
class Delivery:
    """What becomes of a chunk: `size` bytes of it arrive at `at`; `cut`: the link is reset right after."""

    size: int
    at: float
    cut: bool


@dataclass
class Lane:
    model: LinkModel
    rng: random.Random
    position: int = 0  # bytes carried so far
    stalls: int = 0
    stalled_s: float = 0.0  # the stalls' seconds, in all
    cuts: int = 0
    _tokens: float = field(init=False)
    _stamp: float = field(init=False, default=float("-inf"))
    _window_end: int = field(init=False, default=0)
    _stall_at: int | None = field(init=False, default=None)
    _cut_at: int | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._tokens = float(self.model.burst)

    def carry(self, size: int, ready: float) -> Delivery:
        """`size` bytes ready to leave at `ready`: how many of them are carried now (never past the end
        of the current window, nor past a cut: call again for the rest), and when they arrive. A cut
        ends the lane's current connection; later bytes belong to a new one."""
        self._draw_window()
        sent = min(size, self._window_end - self.position)
        cut = self._cut_at is not None and self._cut_at < self.position + sent
        if cut:
            assert self._cut_at is not None
            sent = self._cut_at - self.position
            self._cut_at = None
            self.cuts += 1
        stall = 0.0
        if self._stall_at is not None and self._stall_at < self.position + sent:
            stall = self.rng.uniform(*self.model.stall_s)
            self._stall_at = None
            self.stalls += 1
            self.stalled_s += stall
        self.position += sent
        leaves = self._take(sent, ready) + stall
        if stall:
            self._stamp = leaves  # nothing flows during the stall: the bucket does not fill either
        return Delivery(sent, leaves + self.model.rtt_s / 2, cut)

    def _draw_window(self) -> None:
        # Each window's stall and cut are drawn when its first byte is carried (three draws per
        # window, whatever happens), so the faults depend on byte positions only, not on timing.
        while self.position >= self._window_end:
            start = self._window_end
            self._window_end += self.model.window
            stall = self.rng.random() < self.model.stall_chance
            cut = self.rng.random() < self.model.cut_chance
            offset = self.rng.randrange(self.model.window)
            self._stall_at = start + offset if stall else None
            self._cut_at = start + offset if cut else None

    def _take(self, size: int, ready: float) -> float:
        """The token bucket: the time the last of `size` bytes leaves, starting no earlier than `ready`."""
        now = max(ready, self._stamp)
        self._tokens = min(self.model.burst, self._tokens + (now - self._stamp) * self.model.bandwidth)
        self._tokens -= size
        self._stamp = now
        if self._tokens >= 0:
            return now
        self._stamp = now - self._tokens / self.model.bandwidth
        self._tokens = 0.0
        return self._stamp
