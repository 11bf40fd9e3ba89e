"""A team lead's review queue as the device reaches it: the partners' changes held on the service.

Owns: `may_review` (whether this enrolment's role may review: the protocol's DIRECTORY_WRITERS),
and `waiting` / `decide`, each one call to the service with this device's token, read from the
store through its worker. Nothing of the queue is kept on this computer: it lives on the service,
and an approved change comes back with the next sync like any directory change.
Must never run on the store's thread or the UI thread (it waits on the network: the UI calls it
through `run_in_background`), and never keep or log the token.
"""

from collections.abc import Callable
from typing import TypeVar

from desktop.store.replica import Enrolment, NotEnrolled
from desktop.store.worker import StoreWorker
from desktop.sync.engine import TransportFactory, default_transport
from desktop.sync.transport import Transport
from protocol.messages import DIRECTORY_WRITERS, ReviewOutcome, ReviewQueue

T = TypeVar("T")


def may_review(enrolment: Enrolment | None) -> bool:
    return enrolment is not None and enrolment.role in DIRECTORY_WRITERS


def _call(worker: StoreWorker, factory: TransportFactory, call: Callable[[Transport, str], T]) -> T:
    enrolment, token = worker.call(lambda s: (s.replica.enrolment(), s.replica.device_token()))
    if enrolment is None or token is None:
        raise NotEnrolled("this computer is not connected to a service")
    transport = factory(enrolment)
    try:
        return call(transport, token)
    finally:
        transport.close()


def waiting(worker: StoreWorker, factory: TransportFactory = default_transport) -> ReviewQueue:
    return _call(worker, factory, lambda transport, token: transport.review_waiting(token))


def decide(
    worker: StoreWorker, change_id: str, *, approve: bool, factory: TransportFactory = default_transport
) -> ReviewOutcome:
    return _call(worker, factory, lambda transport, token: transport.review_decide(token, change_id, approve=approve))
