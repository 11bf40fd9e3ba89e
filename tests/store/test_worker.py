"""One thread owns the connection; everyone else submits work and gets a future."""

import threading

import pytest

from desktop.store.worker import StoreClosed, StoreWorker


def test_all_work_runs_on_the_one_store_thread(store: StoreWorker) -> None:
    threads = set()
    futures = [store.submit(lambda s: threads.add(threading.current_thread().name)) for _ in range(50)]
    for future in futures:
        future.result(timeout=30)
    assert threads == {"prossimo-store"}


def test_work_runs_in_submission_order(store: StoreWorker) -> None:
    futures = [store.submit(lambda s, n=n: s.contacts.create(given_name=f"N{n:03d}")) for n in range(40)]
    created = [f.result(timeout=30) for f in futures]
    pending = store.call(lambda s: s.outbox.pending())
    assert [m.record_id for m in pending] == [str(c.id) for c in created]


def test_the_connection_refuses_other_threads(store: StoreWorker) -> None:
    conn = store.call(lambda s: s.conn)
    with pytest.raises(Exception, match="thread"):
        conn.execute("SELECT 1")


def test_errors_come_back_through_the_future(store: StoreWorker) -> None:
    future = store.submit(lambda s: s.contacts.get("0190f0c2-0000-7000-8000-000000000001"))
    with pytest.raises(Exception, match="no contact"):
        future.result(timeout=30)
    assert store.call(lambda s: s.contacts.count()) == 0  # the thread survived the error


def test_lock_finishes_queued_work_then_refuses_more(store: StoreWorker) -> None:
    release = threading.Event()
    blocker = store.submit(lambda s: release.wait(30))
    queued = store.submit(lambda s: s.contacts.create(given_name="Queued"))
    closer = threading.Thread(target=store.close)
    closer.start()
    release.set()
    closer.join(30)
    assert blocker.result(timeout=1) is True
    assert queued.result(timeout=1).given_name == "Queued"
    assert not store.is_open
    with pytest.raises(StoreClosed):
        store.submit(lambda s: None)
