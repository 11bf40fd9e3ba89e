"""One middleware that watches every request: its log line and its metrics.

Owns: `Observer`, the outermost ASGI middleware of the API (outside errors.CrashGuard, so
it sees the guard's 500 and 503 answers too). Per request it makes a random request id
(json_logs.REQUEST_ID: every line logged while answering carries it), puts a
sync_service.Tally in place for a sync, and once the answer is sent writes one `central.access`
line (method, route template, status, duration_ms, shed: whether central.shedding refused
it; written only when that logger is at INFO, i.e. `serve --log-format json`) and, when the
app has central.metrics, counts it.

Must never read the body, a header, the query string or the client's address, and never
label or log the raw path (it can hold ids): a path that matches no route is "(unknown route)".
"""

import logging
import secrets
import time
from typing import TYPE_CHECKING, Any

from starlette.routing import BaseRoute, Match
from starlette.types import Message, Receive, Scope, Send

from central import json_logs, shedding, sync_service

if TYPE_CHECKING:  # prometheus-client is imported only by a process that serves metrics
    from central.metrics import Metrics

log = logging.getLogger("central.access")

UNKNOWN_ROUTE = "(unknown route)"  # as errors.CrashGuard logs it
SYNC_PATH = "/v1/sync"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# A sync's answer, as the syncs counter's `outcome`; other 5xx are "error", anything else "other".
SYNC_OUTCOMES = {
    200: "ok",
    401: "unauthorized",
    410: "wipe",
    413: "too_large",
    422: "invalid",
    426: "protocol",
    429: "throttled",
    503: "busy",
}


class Observer:
    def __init__(self, app: Any, routes: list[BaseRoute], metrics: "Metrics | None" = None) -> None:
        self.app = app
        self.routes = routes  # the router's own list: routes added after this middleware count too
        self.metrics = metrics

    def template(self, scope: Scope) -> str:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is not Match.NONE:  # PARTIAL: the path is a route's, the method not (405)
                return str(getattr(route, "path", UNKNOWN_ROUTE))
        return UNKNOWN_ROUTE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # CrashGuard always answers; this is only if nothing was sent at all
        tally = sync_service.Tally() if scope["path"] == SYNC_PATH else None
        request_id = json_logs.REQUEST_ID.set(secrets.token_hex(8))
        tally_token = sync_service.TALLY.set(tally)

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            elapsed = time.perf_counter() - started
            method = scope["method"] if scope["method"] in METHODS else "other"
            route = self.template(scope)
            shed = bool(scope.get(shedding.SHED_KEY))
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %d",
                    method,
                    route,
                    status,
                    extra={
                        "event": "http.request",
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 1),
                        "shed": shed,
                    },
                )
            if self.metrics is not None:
                self.count(method, route, status, elapsed, tally, shed=shed)
            sync_service.TALLY.reset(tally_token)
            json_logs.REQUEST_ID.reset(request_id)

    def count(
        self, method: str, route: str, status: int, elapsed: float, tally: sync_service.Tally | None, *, shed: bool
    ) -> None:
        metrics = self.metrics
        assert metrics is not None  # called only with metrics
        metrics.responses.labels(route, method, f"{status // 100}xx").inc()
        metrics.request_seconds.labels(route, method).observe(elapsed)
        if tally is None:
            return
        kind = "unread" if tally.received is None else ("push" if tally.received else "pull")
        outcome = "shed" if shed else SYNC_OUTCOMES.get(status, "error" if status >= 500 else "other")
        metrics.syncs.labels(kind, outcome).inc()
        metrics.sync_seconds.labels(kind).observe(elapsed)
        # Only an answered sync: a failed one was rolled back. (Rare: a push that committed before
        # its pull failed is counted as `replayed` when the device's retry is answered.)
        if status == 200:
            metrics.mutations.labels("applied").inc(tally.applied)
            metrics.mutations.labels("rejected").inc(tally.rejected)
            metrics.mutations.labels("replayed").inc(tally.replayed)
            metrics.conflicts.inc(tally.conflicts)
