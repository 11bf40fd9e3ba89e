"""Resolving a conflict is one unit of work (issue 13 item 14, first bullet)."""

import datetime as dt
import uuid

import pytest

from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from protocol import new_id
from protocol.messages import Conflict


def _conflict_change(record_id: uuid.UUID, kept: str, other: str) -> dict:
    now = dt.datetime.now(dt.UTC)
    conflict = Conflict(
        id=new_id(),
        created_at=now,
        updated_at=now,
        author_device_id=uuid.uuid4(),
        server_version=4,
        entity="contact",
        record_id=record_id,
        field="phone",
        kept_value=kept,
        other_value=other,
        other_device_id=uuid.uuid4(),
    )
    return {"entity": "conflict", "version": 4, "record": conflict.model_dump(mode="json")}


def _setup(s: StoreSession) -> tuple[str, str]:
    contact = s.contacts.create(given_name="Teresa", phone="+39 02 1111111")
    change = _conflict_change(contact.id, "+39 02 1111111", "+39 02 2222222")
    s.replica.apply_answer({"results": [], "changes": [change], "purge_teams": [], "cursor": "c", "more": False}, [])
    return str(contact.id), change["record"]["id"]


def test_a_failed_conflict_update_leaves_the_record_unchanged(store: StoreWorker) -> None:
    """Issue 13 item 14: the record's field and the Conflict are written in ONE transaction, so
    when the Conflict's write fails the record keeps its value and no mutation is queued."""
    contact_id, conflict_id = store.call(_setup)
    before = store.call(lambda s: s.outbox.count())

    def resolve_with_failing_conflict_write(s: StoreSession) -> None:
        # A real SQLite failure of the second write (as a full disk or a constraint would give).
        s.conn.execute(
            "CREATE TEMP TRIGGER refuse_conflict BEFORE UPDATE ON main.conflict"
            " BEGIN SELECT RAISE(ABORT, 'conflict write failed'); END"
        )
        try:
            s.resolve_conflict(conflict_id, "other")
        finally:
            s.conn.execute("DROP TRIGGER refuse_conflict")

    with pytest.raises(Exception, match="conflict write failed"):
        store.call(resolve_with_failing_conflict_write)
    phone, after, status = store.call(
        lambda s: (s.contacts.get(contact_id).phone, s.outbox.count(), s.conflicts.get(conflict_id).status)
    )
    assert (phone, after, status) == ("+39 02 1111111", before, "open")


def test_resolving_writes_both(store: StoreWorker) -> None:
    contact_id, conflict_id = store.call(_setup)
    resolved = store.call(lambda s: s.resolve_conflict(conflict_id, "other"))
    assert resolved.status == "resolved" and resolved.resolution == "other"
    assert store.call(lambda s: s.contacts.get(contact_id).phone) == "+39 02 2222222"
