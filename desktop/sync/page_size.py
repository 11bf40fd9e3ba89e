"""The page size a device asks for, so that one pull answer takes a few seconds on the current link.

Owns: `PageSizer`, a pure rule (no I/O, no clock): from each answer's records, bytes on the wire and
the seconds its body took (the transport's `AnswerStats`: the round trip and the service's work are
left out, they do not grow with the page) it learns the link's throughput and the bytes per record
(both smoothed). While a page of the current size would take `band` seconds (2 to 5) it is kept;
outside the band the next `page_size` aims at `target_s` (4 s). A page the link cannot carry
before the next cut is lost whole, so the size halves after a failed or cut attempt; it stays within
bounds (the protocol's maximum at most). Must never read the clock or the network.
"""

from dataclasses import dataclass

from protocol.messages import SyncRequest

PROTOCOL_MAX = SyncRequest.model_fields["page_size"].metadata[1].le  # the service refuses more


@dataclass
class PageSizer:
    size: int = 250  # the first page, on a link not yet measured: about 45 KB, 1.5 s at 256 kbit/s
    minimum: int = 20
    maximum: int = PROTOCOL_MAX
    target_s: float = 4.0  # what a resized page aims at...
    band: tuple[float, float] = (2.0, 5.0)  # ...when the current size would take a time outside this
    smoothing: float = 0.5  # weight of the newest measurement
    max_growth: float = 4.0  # per answer, so one lucky answer cannot overshoot a slow link
    _rate: float | None = None  # bytes/s
    _per_record: float | None = None  # wire bytes per record

    def answered(self, records: int, wire_bytes: int, seconds: float) -> None:
        """A whole answer arrived: learn from it and choose the next size."""
        if records <= 0 or wire_bytes <= 0:
            return  # an empty page says nothing about records' size
        rate = wire_bytes / max(seconds, 1e-3)
        per_record = wire_bytes / records
        a = self.smoothing
        self._rate = rate if self._rate is None else a * rate + (1 - a) * self._rate
        self._per_record = per_record if self._per_record is None else a * per_record + (1 - a) * self._per_record
        seconds_per_record = self._per_record / self._rate
        low, high = self.band
        if low <= self.size * seconds_per_record <= high:
            return  # fits the link: a steady size, not one that follows every stall
        wanted = self.target_s / seconds_per_record
        self.size = self._bounded(min(wanted, self.size * self.max_growth))

    def failed(self) -> None:
        """An attempt was cut or failed: a smaller page is likelier to get through."""
        self.size = self._bounded(self.size / 2)

    def _bounded(self, size: float) -> int:
        return max(self.minimum, min(self.maximum, int(size)))
