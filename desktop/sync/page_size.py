"""The page size a device asks for, so that one pull answer takes a few seconds on the current link.

Owns: `PageSizer`, a pure rule (no I/O, no clock): from each answer's records, bytes on the wire and
seconds it learns the link's throughput and the bytes per record (both smoothed), and proposes the
next `page_size` so a page takes about `target_s`; it halves after a failed or cut attempt, and
stays within bounds (the protocol's maximum at most). Must never read the clock or the network.
"""

from dataclasses import dataclass

from protocol.messages import SyncRequest

PROTOCOL_MAX = SyncRequest.model_fields["page_size"].metadata[1].le  # the service refuses more


@dataclass
class PageSizer:
    size: int = 250  # the first page, on a link not yet measured: about 45 KB, 1.5 s at 256 kbit/s
    minimum: int = 20
    maximum: int = PROTOCOL_MAX
    target_s: float = 3.0  # within the 2-5 s a page should take
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
        wanted = self.target_s * self._rate / self._per_record
        self.size = self._bounded(min(wanted, self.size * self.max_growth))

    def failed(self) -> None:
        """An attempt was cut or failed: a smaller page is likelier to get through."""
        self.size = self._bounded(self.size / 2)

    def _bounded(self, size: float) -> int:
        return max(self.minimum, min(self.maximum, int(size)))
