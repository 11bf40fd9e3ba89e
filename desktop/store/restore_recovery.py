"""After the service was restored from a backup: re-read everything, and send back what it lost.

Owns: the device's reaction to a new restore epoch (protocol.messages.RestoreInfo): the
`sync_state` keys `restore_epoch` (the epoch last seen), `restore_recovery` (the lost change
sequence ranges, while a recovery runs) and `restore_recovery_seqs` (the outbox rows it queued,
sent before older ones); the merge of each re-read record with the device's copy; and, once the
re-read is complete, a create for every record the service no longer has.

How (docs/PROTOCOL.md, "After a restore"): a record whose `server_version` lies in a lost range
holds a state the service lost. When the service sends that record again (older, or changed
since the restore by someone else), the device keeps its own values and queues an update of the
fields that differ, with its old version as the base: a field nobody touched since the restore
takes the device's value, a field someone changed since becomes a Conflict for a person, never a
silent overwrite. A record the full re-read never brought is not on the service any more: it is
queued as a create. Everything happens in the transaction of the page it belongs to, so a
crash resumes where it stopped.

Must never send a record that was erased (the re-read deletes those first, and the service
refuses them), never re-create what the service makes (help-desk requests, conflicts) nor
another device's case note (its author is part of it), and never run outside the store thread.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from desktop.store.database import Connection
from desktop.store.outbox import record_mutation
from desktop.store.repositories import SPECS
from protocol.clock import utc_now
from protocol.messages import DIRECTORY_WRITERS
from protocol.relations import DEVICE_WRITABLE

EPOCH = "restore_epoch"
RECOVERY = "restore_recovery"
RECOVERY_SEQS = "restore_recovery_seqs"  # JSON list of outbox seqs
# Parents before what hangs from them, so a create never names a record the service lacks.
CREATE_ORDER = ("contact", "resource", "consent", "relationship", "appointment", "note", "referral")


class Recovery:
    """The recovery state of one store; its methods run inside the caller's transaction."""

    def __init__(
        self,
        conn: Connection,
        get: Callable[[str], str | None],
        put: Callable[[str, str | None], None],
        device_id: str | None,
        role: str | None,
    ) -> None:
        self._conn, self._get, self._put = conn, get, put
        self._device_id, self._role = device_id, role
        self.queued = 0

    @property
    def lost(self) -> list[tuple[int, int]] | None:
        """The lost ranges while a recovery runs, else None."""
        text = self._get(RECOVERY)
        return [(int(a), int(b)) for a, b in json.loads(text)] if text else None

    def known_epoch(self) -> str | None:
        return self._get(EPOCH)

    def notice(self, restore: Any, cursor: str | None) -> bool:
        """Read an answer's `restore`; True when a recovery starts now (the answer's page is then
        not applied: the re-read starts from the beginning)."""
        if not isinstance(restore, dict) or not restore.get("epoch"):
            return False  # a service that was never restored, or of a release before restore epochs
        epoch = str(restore["epoch"])
        known = self._get(EPOCH)
        if epoch == known:
            return False
        # A first sync (no epoch, no cursor, nothing from the service yet): nothing to recover.
        first = known is None and cursor is None and self.lost is None and not self._has_synced_records()
        self._put(EPOCH, epoch)
        if first:
            return False
        self._put(RECOVERY, json.dumps([list(pair) for pair in restore.get("lost") or []]))
        return True

    def _has_synced_records(self) -> bool:
        return any(
            self._conn.execute(f"SELECT 1 FROM {SPECS[e].table} WHERE server_version IS NOT NULL LIMIT 1").fetchone()  # noqa: S608 - the spec's table
            for e in SPECS
        )

    def _in_lost(self, version: Any) -> bool:
        lost = self.lost or []
        return isinstance(version, int) and any(first <= version <= last for first, last in lost)

    def _may_send(self, entity: str, body: dict[str, Any], create: bool) -> bool:
        if entity == "resource":
            return self._role in DIRECTORY_WRITERS
        if entity in DEVICE_WRITABLE:
            return not create  # made by the service: only its device-writable fields go back
        if entity == "note":
            return create and body.get("author_device_id") == self._device_id
        return True

    def merge(self, entity: str, data: dict[str, Any]) -> dict[str, Any]:
        """A re-read record (already rebased on pending changes): the device's values where it
        holds a state the service lost, with an update of them queued."""
        row = self._conn.execute(
            f"SELECT body, server_version FROM {SPECS[entity].table} WHERE id = ?",  # noqa: S608 - the spec's table
            (str(data["id"]),),
        ).fetchone()
        if row is None or not self._in_lost(row[1]):
            return data
        mine = json.loads(row[0])
        if not self._may_send(entity, mine, create=False):
            return data
        fields = DEVICE_WRITABLE.get(entity) or SPECS[entity].model.content_fields()
        ours, theirs = _meaning(entity, mine), _meaning(entity, data)
        changed = {name: mine.get(name) for name in fields if name in mine and ours.get(name) != theirs.get(name)}
        if mine.get("deleted") and not data.get("deleted"):
            self._queue(entity, str(data["id"]), "delete", {}, row[1], utc_now())
            return {**data, "deleted": True}
        if not changed:
            return data
        self._queue(entity, str(data["id"]), "update", changed, row[1], utc_now())
        return {**data, **changed}

    def finish(self) -> None:
        """The re-read is complete: queue a create for each record still at a lost version (the
        service does not have it), drop that record's older pending mutations (the create carries
        the record as it is now), and end the recovery."""
        lost = self.lost or []
        for entity in CREATE_ORDER:
            table, model = SPECS[entity].table, SPECS[entity].model
            for first, last in lost:
                rows = self._conn.execute(
                    f"SELECT id, body FROM {table} WHERE server_version BETWEEN ? AND ? AND deleted = 0 ORDER BY id",  # noqa: S608 - the spec's table
                    (first, last),
                ).fetchall()
                # A record deleted here that the service lost: nothing to bring back, nothing to send.
                gone = f"SELECT id FROM {table} WHERE server_version BETWEEN ? AND ? AND deleted = 1"  # noqa: S608 - the spec's table
                self._conn.execute(
                    f"DELETE FROM outbox WHERE entity = ? AND record_id IN ({gone})",  # noqa: S608 - fixed text
                    (entity, first, last),
                )
                for record_id, text in rows:
                    body = json.loads(text)
                    if not self._may_send(entity, body, create=True):
                        continue
                    changed = {name: body[name] for name in model.content_fields() if name in body}
                    self._conn.execute("DELETE FROM outbox WHERE entity = ? AND record_id = ?", (entity, record_id))
                    # `at` is when the record was made: the service keeps it as created_at.
                    made = dt.datetime.fromisoformat(body["created_at"].replace("Z", "+00:00"))
                    self._queue(entity, record_id, "create", changed, None, made)
                    self._conn.execute(
                        f"UPDATE {table} SET server_version = NULL,"  # noqa: S608 - the spec's table
                        " body = json_set(body, '$.server_version', json('null')) WHERE id = ?",
                        (record_id,),
                    )
        self._put(RECOVERY, None)

    def _queue(
        self, entity: str, record_id: str, op: Any, changed: dict[str, Any], base: int | None, at: dt.datetime
    ) -> None:
        seq = record_mutation(
            self._conn, entity=entity, record_id=record_id, op=op, changed=changed, base_version=base, at=at
        )
        self._put(RECOVERY_SEQS, json.dumps([*self.seqs(), seq]))
        self.queued += 1

    def seqs(self) -> list[int]:
        """The outbox rows a recovery queued and the service has not confirmed yet."""
        text = self._get(RECOVERY_SEQS)
        return [int(seq) for seq in json.loads(text)] if text else []

    def settle_seqs(self) -> None:
        """Forget the rows the service has confirmed (they have left the outbox)."""
        seqs = self.seqs()
        if not seqs:
            return
        left = [
            row[0]
            for row in self._conn.execute(
                "SELECT seq FROM outbox WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq", (json.dumps(seqs),)
            )
        ]
        if left != seqs:
            self._put(RECOVERY_SEQS, json.dumps(left) if left else None)


def _meaning(entity: str, body: dict[str, Any]) -> dict[str, Any]:
    """A record as its meaning, not its spelling ("...Z" and "...+00:00" are one instant), so a
    value written the other way is not given back as a change."""
    try:
        meaning: dict[str, Any] = SPECS[entity].model.model_validate_json(json.dumps(body)).model_dump(mode="json")
    except ValueError:  # pydantic's ValidationError: compare as stored
        return body
    return meaning
