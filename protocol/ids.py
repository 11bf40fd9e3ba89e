"""Record identifiers: UUIDv7 (RFC 9562) made on the client.

Owns: `new_id()`. Ids are time-ordered so that B-tree inserts stay local and a
device can create records offline with no coordination. Must never reuse an id
or leak anything but the creation millisecond (the rest is random).
"""

import secrets
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_last_counter = 0


def new_id() -> uuid.UUID:
    """Return a fresh UUIDv7, monotonic within this process.

    Within one millisecond the 12-bit `rand_a` field is used as a counter (RFC
    9562 method 1) so ids made in a tight loop still sort in creation order.
    """
    global _last_ms, _last_counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _last_counter = secrets.randbits(11)  # leave headroom for the counter
        else:
            _last_counter += 1
            if _last_counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _last_counter = secrets.randbits(11)
        ms, counter = _last_ms, _last_counter
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= counter << 64
    value |= 0b10 << 62  # RFC 4122/9562 variant
    value |= secrets.randbits(62)
    return uuid.UUID(int=value)


def is_uuid7(value: uuid.UUID) -> bool:
    """Version 7 and the RFC 9562 variant (bits 10), read from the integer at once: what
    `value.version == 7 and value.variant == uuid.RFC_4122` says, without their property calls
    (every record's id is checked, 100k of them in an initial sync)."""
    bits = value.int
    return (bits >> 76) & 0xF == 7 and (bits >> 62) & 0b11 == 0b10
