"""The service's Prometheus metrics: `prossimo-central serve --metrics ADDR:PORT`.

Owns: the metric families (HTTP responses and durations by route template, syncs by kind
and outcome, sync durations, mutations by outcome, conflicts), their own registry (not
prometheus-client's global one, so two apps in one test process count apart), the
`--metrics` value's rules, and the separate listener IT points Prometheus at.
The numbers come from central.observe (one middleware) and from sync_service's Tally,
filled where the batch's results are made; nothing here counts on its own.

Must never be served on the API's port (the API is public; metrics are for an internal
address), never carry a request value in a label (routes are templates, statuses are
classes) and never count in more than one process: `serve --workers N` (N > 1) with
`--metrics` is refused, since each worker would keep counters of its own and a scrape would
see one worker at random (prometheus-client's multiprocess mode is not implemented).
"""

import argparse
import ipaddress
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, start_http_server

# Seconds: a sync on the service is tens of ms; a first pull of a caseload or a login's
# Argon2id is up to a second or two; past 10 s something is wrong.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_address(value: str) -> Address:
    """argparse type for --metrics: an IP address and a port, `127.0.0.1:9464` or `[::1]:9464`."""
    rule = "give ADDRESS:PORT with an IP address IT chooses for the metrics, e.g. 127.0.0.1:9464 or [::1]:9464"
    host, _, port = value.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        ipaddress.ip_address(host)
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: {rule}") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r}: the port must be 1-65535")
    return Address(host, number)


class Metrics:
    """The service's metric families in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        common: dict[str, Any] = {"registry": self.registry}
        self.responses = Counter(
            "prossimo_http_responses",
            "HTTP answers by route template, method and status class (2xx, 4xx, 5xx...)",
            ["route", "method", "status_class"],
            **common,
        )
        self.request_seconds = Histogram(
            "prossimo_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by route template and method",
            ["route", "method"],
            buckets=DURATION_BUCKETS,
            **common,
        )
        self.syncs = Counter(
            "prossimo_syncs",
            "POST /v1/sync requests; kind: push (carried mutations), pull (none) or unread (the body was "
            "refused before it was read); outcome: ok, unauthorized, wipe, invalid, too_large, protocol, "
            "throttled, busy, shed (503 `overloaded`: refused unread past saturation, central.shedding), error",
            ["kind", "outcome"],
            **common,
        )
        self.sync_seconds = Histogram(
            "prossimo_sync_duration_seconds",
            "Time to answer POST /v1/sync, by kind (push, pull, unread)",
            ["kind"],
            buckets=DURATION_BUCKETS,
            **common,
        )
        self.mutations = Counter(
            "prossimo_mutations",
            "Mutations of answered syncs; outcome: applied, rejected, replayed (a retry answered from the "
            "stored result, nothing re-applied)",
            ["outcome"],
            **common,
        )
        self.conflicts = Counter(
            "prossimo_conflicts", "Conflict records made: one per field two devices changed apart", **common
        )
        # Present from the first scrape, so a rate() over them is never "no data".
        for outcome in ("applied", "rejected", "replayed"):
            self.mutations.labels(outcome)

    def serve(self, address: Address) -> None:
        """Start the listener (a daemon thread of this process); raises OSError if it cannot bind."""
        # No `_created` series (a timestamp beside every counter): noise for a scrape, and this
        # process serves only these metrics.
        disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus-client leaves it unannotated
        start_http_server(address.port, addr=address.host, registry=self.registry)
