"""Load shedding for POST /v1/sync: past saturation, answer 503 at once rather than queue.

Owns: `Shedder`, an ASGI middleware (inside errors.CrashGuard, outside everything else of
ours) that counts the syncs waiting in this API process and a moving average of one sync's
service time. When the waiting syncs add up to more than `PROSSIMO_SYNC_QUEUE_S` seconds of
work (default 0.25), a new sync is answered 503 `overloaded` with `Retry-After` (whole seconds)
before its body is read and before any database work, so nothing of it is applied and the
device retries the same batch (same device_seq) later.

Only /v1/sync is shed: it is the bulk of the load and safe to retry. Health and readiness
must keep answering a load balancer, enrolment is throttled on its own (central.throttle),
intake is rate-limited, and update files are static and cheap.

A sync runs on the event loop's thread, one at a time per process (see central.app): the
requests uvicorn has read while a sync ran become tasks that enter here one after another.
Each counts itself, then yields once, so every request already read is counted before the
first of them starts its (blocking) work.

Must never read the body or a header, and never shed anything but POST /v1/sync.
"""

import asyncio
import math
import os
import time
from typing import Any

from starlette.types import Receive, Scope, Send

from central import errors

QUEUE_ENV = "PROSSIMO_SYNC_QUEUE_S"
# A quarter of a second, not one: an admitted sync waits up to the limit, then runs, and the
# requests not yet read from the sockets wait beside it uncounted. At 1.5x capacity
# (bench/central_bench.py, 200 devices, 4 processes, shared 2 cores, one run each) the accepted
# syncs' p99 was 1.7 s with a limit of 1.0, 1.6 s with 0.5, and 0.88 s with 0.25.
DEFAULT_QUEUE_S = 0.25
SHED_KEY = "prossimo.shed"  # set in the scope of a shed request, for central.observe
SYNC_PATH = "/v1/sync"
# Weight of the newest sync in the moving average: about the last 20 syncs count.
_SMOOTHING = 0.05


def queue_limit_from_env() -> float:
    """Seconds of queued work past which syncs are shed; a bad value is refused by name."""
    raw = os.environ.get(QUEUE_ENV)
    if raw is None or raw == "":
        return DEFAULT_QUEUE_S
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{QUEUE_ENV}: a number of seconds, e.g. 1.0 (got {raw!r})") from None
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"{QUEUE_ENV}: more than 0 seconds (got {raw!r})")
    return value


class Shedder:
    def __init__(self, app: Any, limit_s: float) -> None:
        self.app = app
        self.limit_s = limit_s
        self.waiting = 0  # syncs admitted in this process and not yet answered
        self.service_s = 0.0  # moving average of one sync's time; 0 until one has run

    def queued_seconds(self) -> float:
        return self.waiting * self.service_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != SYNC_PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        queued = self.queued_seconds()
        if queued > self.limit_s:
            scope[SHED_KEY] = True
            seconds = max(1, math.ceil(queued))
            answer = errors.problem(
                503,
                "overloaded",
                f"the service is past its capacity; try again in {seconds} s",
                headers={"Retry-After": str(seconds)},
            )
            await answer(scope, receive, send)
            return
        self.waiting += 1
        try:
            await asyncio.sleep(0)  # let every request already read count itself (see above)
            started = time.perf_counter()
            await self.app(scope, receive, send)
            took = time.perf_counter() - started
            self.service_s = took if self.service_s == 0.0 else self.service_s + _SMOOTHING * (took - self.service_s)
        finally:
            self.waiting -= 1
