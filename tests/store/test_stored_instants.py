"""Instants the store keeps as text come back aware, by one rule (`database.stored_instant`)."""

import datetime as dt

from desktop.store.database import stored_instant
from desktop.store.sync_queries import sync_overview
from desktop.store.worker import StoreWorker
from tests.store.test_replica_ui_additions import enrol_locally, push_and_answer

NINE_UTC = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_stored_instant_keeps_an_offset_and_reads_none_as_utc() -> None:
    assert stored_instant("2026-11-23T10:00:00+01:00") == NINE_UTC
    assert stored_instant("2026-11-23T09:00:00Z") == NINE_UTC
    assert stored_instant("2026-11-23T09:00:00").tzinfo is dt.UTC


def test_every_reader_of_stored_instants_applies_the_one_rule(store: StoreWorker) -> None:
    """Issue 15 item 3: the Sync screen's overview patched `tzinfo` itself, while the last
    sync time (`Replica.status`) came back naive and retrying a refused create stopped on
    comparing a naive and an aware time. Text without an offset now reads as UTC everywhere."""
    enrol_locally(store)
    store.call(lambda s: s.contacts.create(given_name="Rifiutata"))
    seq = push_and_answer(store, "rejected", "forbidden_team")
    naive = "2026-11-23T09:00:00"

    def write_naive(s) -> None:  # as a store written by something else than this version might hold
        s.conn.execute("UPDATE sync_state SET value = ? WHERE key = 'last_sync_at'", (naive,))
        s.conn.execute("INSERT OR IGNORE INTO sync_state(key, value) VALUES ('last_sync_at', ?)", (naive,))
        s.conn.execute(
            "UPDATE rejected_mutation SET created_at = ?, rejected_at = ? WHERE seq = ?", (naive, naive, seq)
        )

    store.call(write_naive)
    assert store.call(lambda s: s.replica.status().last_sync_at) == NINE_UTC
    assert [r.refused_at for r in store.call(sync_overview).refused] == [NINE_UTC]
    queued = store.call(lambda s: s.replica.retry_rejected(seq))
    assert [m.seq for m in store.call(lambda s: s.outbox.pending())] == [queued]
