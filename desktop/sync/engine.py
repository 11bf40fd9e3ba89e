"""One sync with the central service: push the outbox and pull changes, round after round.

Owns: `SyncEngine.sync()`, the loop of rounds until nothing is left to push or
pull, what a sync reports (pushed, pulled, conflicts, requests, bytes), the
clock-skew check, enrolment of a profile, and carrying out a wipe order; and
how hard one sync tries on a flaky link (`SYNC_ATTEMPTS`, the page size after a cut).

Each round is one `POST /v1/sync` carrying the oldest pending mutations and the
stored cursor; its answer is applied by `desktop.store.replica` in one store
transaction together with the new cursor. While a pulled page is being applied,
the next page is already being fetched (pure pulls only; see `_may_prefetch`). So a cut connection or a killed
process resumes at the last applied page, a lost answer is resent and confirmed
without being applied twice, and nothing is ever re-downloaded wholesale.

On a flaky link a sync does not give up at the first cut: each request is resent up to
`SYNC_ATTEMPTS` times within the same sync (the transport's urllib3 `Retry`: backoff from
0.5 s doubling, with jitter, at most 30 s, `Retry-After` honoured up to that), and an answer
cut mid-page is asked again as a page half the size (desktop.sync.page_size). Resending is
safe: a pull is idempotent by its cursor, and a push resends the very same mutations, which
the service applies at most once each by (device, device_seq). Only then does the sync fail
(Offline) and the scheduler's slow schedule take over; what it carried stays counted in
`last_report`.

Must never run on the UI thread, never hold the store's thread during HTTP (the
store work of a round is two short submissions, before and after the request),
and never touch Qt (the UI adapts `SyncEngine` in `desktop.ui`).
"""

import datetime as dt
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.store.database import DatabaseError
from desktop.store.errors import StoreError
from desktop.store.profile import Profile
from desktop.store.replica import AppliedAnswer, Enrolment, NotEnrolled, Outgoing
from desktop.store.session import StoreSession
from desktop.store.worker import StoreClosed, StoreWorker
from desktop.sync.page_size import PageSizer
from desktop.sync.transport import Offline, Transport, WireStats, answer_limit_bytes

log = logging.getLogger(__name__)

PUSH_BATCH = 1_000  # mutations per request
PAGE_SIZE = 2_000  # changes per answer: ~2 MB of JSON, half the commits and round trips of 1,000
CLOCK_SKEW_REPORTED_AFTER = dt.timedelta(minutes=2)
MAX_ROUNDS = 100_000  # a bound, so a service that always says `more` cannot spin us forever
SYNC_ATTEMPTS = 6  # per request, within one sync: 5 resends, about 15 s of backoff in all


@dataclass
class SyncReport:
    pushed: int = 0  # mutations the service confirmed
    pulled: int = 0  # records received and applied
    conflicts: int = 0  # conflicts created by this device's pushes
    purged: int = 0  # records removed because access to a team was lost
    erased: int = 0  # records removed because they were erased (GDPR)
    recovered: int = 0  # changes queued to give back what a restore of the service lost
    pending: int = 0  # mutations still waiting (written while the sync ran)
    rounds: int = 0
    wire: WireStats = field(default_factory=WireStats)
    clock_skew_s: float | None = None  # device clock minus service clock, when it is off by minutes
    # (device_seq, reason, message) of mutations the service refused (kept in rejected_mutation)
    rejections: list[tuple[int, str, str | None]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def as_dict(self) -> dict[str, object]:
        return {
            "pushed": self.pushed,
            "rejected": self.rejected,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "purged": self.purged,
            "erased": self.erased,
            "pending": self.pending,
            "requests": self.wire.requests,
            "bytes_sent": self.wire.bytes_sent,
            "bytes_received": self.wire.bytes_received,
            "retries": self.wire.retries,
            "clock_skew_s": self.clock_skew_s,
        }


@dataclass(frozen=True)
class Progress:
    """After each round: what is done so far, and the sizes known so far."""

    round: int
    pushed: int
    pulled: int
    pending: int  # mutations not yet confirmed
    more: bool  # the service has more pages


TransportFactory = Callable[[Enrolment], Transport]


def default_transport(enrolment: Enrolment) -> Transport:
    limit = answer_limit_bytes(enrolment.max_answer_mib)
    return Transport(
        enrolment.server_url, ca_bundle=enrolment.ca_bundle, max_answer_bytes=limit, attempts=SYNC_ATTEMPTS
    )


class SyncEngine:
    """Syncs one open store. Call `sync()` from a worker thread, never the UI thread."""

    def __init__(
        self,
        worker: StoreWorker,
        transport_factory: TransportFactory = default_transport,
        *,
        push_batch: int = PUSH_BATCH,
        page_size: int = PAGE_SIZE,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.worker = worker
        self.transport_factory = transport_factory
        self.push_batch = push_batch
        self.page_size = page_size  # the largest page asked for; see the property
        self.clock = clock
        self._transport: Transport | None = None
        self._transport_for: tuple[str, str | None, int | None] | None = None
        # The last sync's report, a failed one included (what it applied and what the link carried).
        self.last_report: SyncReport | None = None

    @property
    def page_size(self) -> int:
        return self.pages.maximum

    @page_size.setter
    def page_size(self, largest: int) -> None:
        # Pages sized to the link (desktop.sync.page_size), never above `largest`; the sizer
        # is kept across syncs, so a sync after a cut starts small.
        self.pages = PageSizer(
            maximum=largest, minimum=min(PageSizer.minimum, largest), size=min(PageSizer.size, largest)
        )

    def _transport_of(self, enrolment: Enrolment) -> Transport:
        # One session (and its kept-alive connection) across syncs to the same service.
        # A new address or CA bundle (changed in Settings) means a new session.
        target = (enrolment.server_url, enrolment.ca_bundle, enrolment.max_answer_mib)
        if self._transport is None or self._transport_for != target:
            if self._transport is not None:
                self._transport.close()
            self._transport = self.transport_factory(enrolment)
            self._transport_for = target
        return self._transport

    def _body(self, cursor: str | None, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        return {"cursor": cursor, "mutations": mutations, "page_size": self.pages.size}

    def _exchange(
        self, transport: Transport, token: str, cursor: str | None, mutations: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """One sync request; its answer's wire bytes and body time feed the page sizer. An answer
        cut mid-page is asked again, half the size; a request that finally fails halves it too."""

        def smaller() -> dict[str, Any]:
            self.pages.failed()
            return self._body(cursor, mutations)  # the same cursor and mutations: nothing applies twice

        try:
            answer = transport.sync(token, self._body(cursor, mutations), resend=smaller)
        except Offline:
            self.pages.failed()
            raise
        if answer.get("client_codes"):
            transport.wants_codes = False  # the store keeps it with this answer
        changes, measured = answer.get("changes"), transport.last_answer
        if measured is not None:
            self.pages.answered(len(changes) if isinstance(changes, list) else 0, measured.wire_bytes, measured.body_s)
        return answer

    @staticmethod
    def _may_prefetch(answer: dict[str, Any], outgoing: Outgoing) -> bool:
        """Only pure pull pages are fetched ahead. Not after pushing (their results must
        land first, or the next push would resend them) and not across a token rotation
        (the service retires the old token once the new one is used: it must be stored
        before it is used)."""
        restore = answer.get("restore")
        # Nor when the service was restored: the store starts its re-read over instead (and
        # then sends the new epoch, which the prefetch would not).
        same_epoch = not isinstance(restore, dict) or restore.get("epoch") == outgoing.restore_epoch
        return bool(answer.get("more")) and not outgoing.mutations and not answer.get("new_device_token") and same_epoch

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def sync(self, progress: Callable[[Progress], None] | None = None) -> SyncReport:
        """Push everything pending and pull everything new. Raises the transport's errors
        (Offline, WipeOrdered, NotAuthorised, UpdateNeeded...) with nothing lost: what
        was applied stays applied, the rest is retried by the next sync. Either way
        `last_report` then holds what this sync applied and carried (every attempt counted)."""
        self.last_report = None
        enrolment = self.worker.call(lambda s: s.replica.enrolment())
        if enrolment is None:
            raise NotEnrolled("this device is not enrolled yet: run `prossimo enroll` first")
        transport = self._transport_of(enrolment)
        transport.wants_codes = not self.worker.call(lambda s: s.replica.has_code_key())
        report = SyncReport()
        before = WireStats(**vars(transport.stats))
        try:
            outgoing = self.worker.call(lambda s: s.replica.outgoing(self.push_batch))
            transport.restore_epoch = outgoing.restore_epoch
            answer = self._exchange(transport, outgoing.token, outgoing.cursor, outgoing.mutations)
            for _ in range(MAX_ROUNDS):
                received_at = self.clock()

                # Named, not a lambda: mypy cannot type a lambda whose defaults bind this round's values.
                def apply(s: StoreSession, a: dict[str, Any] = answer, o: Outgoing = outgoing) -> AppliedAnswer:
                    return s.replica.apply_answer(a, o.mutations)

                applying = self.worker.submit(apply)
                prefetched = None
                if self._may_prefetch(answer, outgoing):
                    # Fetch the next page while the store applies this one. The store's cursor
                    # moves only when a page is applied, so a crash here loses nothing.
                    prefetch = Outgoing(
                        token=outgoing.token,
                        cursor=answer["cursor"],
                        mutations=[],
                        pending_total=outgoing.pending_total - len(outgoing.mutations),
                        restore_epoch=outgoing.restore_epoch,
                    )
                    try:
                        prefetched = (
                            prefetch,
                            self._exchange(transport, prefetch.token, prefetch.cursor, []),
                        )
                    finally:
                        applied = applying.result()  # even when the prefetch failed: finish this page
                else:
                    applied = applying.result()
                report.rounds += 1
                report.pushed += applied.confirmed
                report.rejections += applied.rejected
                report.pulled += applied.pulled
                report.conflicts += applied.new_conflicts
                report.purged += applied.purged
                report.erased += applied.erased
                report.recovered += applied.recovered
                report.clock_skew_s = _skew(answer.get("server_time"), received_at)
                if progress is not None:
                    progress(
                        Progress(
                            report.rounds,
                            report.pushed,
                            report.pulled,
                            outgoing.pending_total - len(outgoing.mutations),
                            bool(answer.get("more")),
                        )
                    )
                if prefetched is not None:
                    outgoing, answer = prefetched
                    continue
                if not answer.get("more") and len(outgoing.mutations) < self.push_batch and not applied.again:
                    break
                outgoing = self.worker.call(lambda s: s.replica.outgoing(self.push_batch))
                transport.restore_epoch = outgoing.restore_epoch
                answer = self._exchange(transport, outgoing.token, outgoing.cursor, outgoing.mutations)
        finally:
            self._complete_search()
            after = transport.stats
            report.wire = WireStats(
                requests=after.requests - before.requests,
                bytes_sent=after.bytes_sent - before.bytes_sent,
                bytes_received=after.bytes_received - before.bytes_received,
                retries=after.retries - before.retries,
            )
            self.last_report = report
        report.pending = self.worker.call(lambda s: s.replica.pending_count())
        if report.clock_skew_s is not None:
            log.warning(
                "this computer's clock is off by %+.0f s from the service's; changes are still "
                "ordered by the service, but times shown may be wrong",
                report.clock_skew_s,
            )
        return report

    def _complete_search(self) -> None:
        """A first sync that stops short builds the search index it deferred now, not at the next unlock."""
        try:
            self.worker.call(lambda s: s.replica.complete_search_index())
        except (StoreError, StoreClosed, DatabaseError) as exc:  # the sync's own error matters more
            # The store builds it when next opened.
            log.warning("the search index could not be completed yet (%s)", type(exc).__name__)


def _skew(server_time: str | None, received_at: dt.datetime) -> float | None:
    """Device minus service clock, in seconds, when it is beyond the reporting threshold."""
    if not server_time:
        return None
    try:
        served = dt.datetime.fromisoformat(server_time.replace("Z", "+00:00"))
    except ValueError:
        return None
    skew = received_at - served
    return skew.total_seconds() if abs(skew) > CLOCK_SKEW_REPORTED_AFTER else None


def enrol(
    profile: Profile,
    worker: StoreWorker,
    server_url: str,
    username: str,
    password: str,
    *,
    ca_bundle: str | None = None,
    device_name: str | None = None,
    max_answer_mib: int | None = None,
    transport: Transport | None = None,
) -> Enrolment:
    """Log in once, register this device, and keep its token inside the encrypted store.

    Refuses a profile that is already enrolled: a second enrolment would make a new
    device on the service while this one's history still points at the first.
    """
    limit = answer_limit_bytes(max_answer_mib)  # a wrong setting is refused before anything is sent
    existing = worker.call(lambda s: s.replica.enrolment())
    if existing is not None:
        raise AlreadyEnrolled(
            f"this profile is already enrolled with {existing.server_url} as device "
            f"{existing.device_id}; use a new profile to enrol again"
        )
    transport = transport or Transport(server_url, ca_bundle=ca_bundle, max_answer_bytes=limit)
    answer = transport.enrol(username, password, device_name or socket.gethostname()[:100] or "laptop")
    enrolment = Enrolment(
        server_url=transport.base_url,
        ca_bundle=ca_bundle,
        device_id=answer.device_id,
        operator_id=answer.operator_id,
        organisation_id=answer.organisation_id,
        role=answer.role,
        teams=[{"id": str(team.id), "name": team.name} for team in answer.teams],
        max_answer_mib=max_answer_mib,
    )
    codes = None if answer.client_codes is None else answer.client_codes.model_dump()
    worker.call(lambda s: s.replica.save_enrolment(enrolment, answer.device_token, codes))
    profile.record_enrolment(device_id=answer.device_id, operator_id=answer.operator_id)
    return enrolment


class AlreadyEnrolled(Exception):
    """The profile already syncs with a service."""


def carry_out_wipe(profile: Profile, worker: StoreWorker) -> list[str]:
    """The organisation ordered this device wiped: close the store, then delete it, its
    -wal and -shm files (the outbox is inside), the wrapped keys and the keyring copy."""
    worker.close()
    return profile.destroy()
