"""What the Sync screen reads from the store: waiting, refused and colliding changes, and whom they are about.

Owns: `sync_overview()` (one read for the whole screen) and
`RecordSubject`, the facts a person recognises a record by (a contact's name, an
appointment's time and the people in it, a service's name), found for the record as it
is on this computer or, when it is not here any more (a refused create), from the
change itself.

Must never write, never return raw stored JSON for the screen to print, and never be
called from another thread than the store's (it runs inside `StoreClient.run` work).
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desktop.store.database import stored_instant
from desktop.store.replica import RETRYABLE_REASONS, SyncStatus
from desktop.store.repositories import SPECS
from desktop.store.session import StoreSession
from protocol.messages import Conflict

PENDING_SHOWN = 500  # the screen lists this many waiting changes; the counts cover all of them


@dataclass(frozen=True)
class RecordSubject:
    """Who or what a record is about, for a label such as "appointment 12/11 10:00 · Marta Rossi"."""

    entity: str
    record_id: str
    name: str | None = None  # contact: display name; resource: service and organisation; intake: alias
    about: str | None = None  # records hung from contacts: the contacts' names ("Marta → Luca" for a tie)
    starts_at: dt.datetime | None = None  # appointments
    field: str | None = None  # conflict records: the field they are about...
    inner: "RecordSubject | None" = None  # ...and the record they are about
    on_this_computer: bool = True


@dataclass(frozen=True)
class PendingChange:
    seq: int
    entity: str
    op: str  # create, update, delete
    made_at: dt.datetime
    fields: tuple[str, ...]  # the fields an update changes (empty for create and delete)
    subject: RecordSubject


@dataclass(frozen=True)
class RefusedChange:
    seq: int
    entity: str
    op: str
    changed: dict[str, Any]  # the refused values, for the screen to show field by field
    reason: str  # protocol.messages.RejectReason (or a newer one this version does not know)
    message: str | None  # the service's words: names the field and the rule
    refused_at: dt.datetime
    retryable: bool
    subject: RecordSubject


@dataclass(frozen=True)
class ConflictItem:
    conflict: Conflict
    subject: RecordSubject


@dataclass(frozen=True)
class SyncOverview:
    status: SyncStatus
    pending_by_entity: dict[str, int]  # every waiting change, counted per entity
    pending: list[PendingChange]  # the oldest PENDING_SHOWN of them
    refused: list[RefusedChange]
    conflicts: list[ConflictItem]


def _body(session: StoreSession, entity: str, record_id: str) -> dict[str, Any] | None:
    table = SPECS[entity].table
    row = session.conn.execute(f"SELECT body FROM {table} WHERE id = ?", (record_id,)).fetchone()  # noqa: S608 - the spec's table
    return json.loads(row[0]) if row else None


def _contact_name(data: dict[str, Any]) -> str:
    # Same rule as protocol.Contact.display_name, on a dict that may be a partial change.
    names = " ".join(part for part in (data.get("given_name"), data.get("family_name")) if part)
    alias = data.get("alias")
    if names and alias:
        return f"{names} ({alias})"
    return names or alias or ""


class _Names:
    """Contact names by id, read once per overview."""

    def __init__(self, session: StoreSession) -> None:
        self._session = session
        self._known: dict[str, str | None] = {}

    def __call__(self, contact_id: object) -> str | None:
        key = str(contact_id)
        if key not in self._known:
            data = _body(self._session, "contact", key)
            self._known[key] = _contact_name(data) if data else None
        return self._known[key]


def record_subject(
    session: StoreSession,
    entity: str,
    record_id: str,
    fallback: dict[str, Any] | None = None,
    names: _Names | None = None,
) -> RecordSubject:
    """The subject of one record; `fallback` (a change's values) stands in when the record
    is not on this computer."""
    names = names or _Names(session)
    stored = _body(session, entity, record_id) if entity in SPECS else None
    data = stored if stored is not None else (fallback or {})
    here = stored is not None
    if entity == "contact":
        return RecordSubject(entity, record_id, name=_contact_name(data) or None, on_this_computer=here)
    if entity == "resource":
        parts = [data.get("service_name"), data.get("organization_name")]
        return RecordSubject(entity, record_id, name=" · ".join(p for p in parts if p) or None, on_this_computer=here)
    if entity == "intake_request":
        return RecordSubject(entity, record_id, name=data.get("alias"), on_this_computer=here)
    if entity == "appointment":
        people = [n for n in (names(c) for c in data.get("contact_ids", [])) if n]
        starts = stored_instant(data["starts_at"]) if data.get("starts_at") else None
        return RecordSubject(
            entity, record_id, about=", ".join(people) or None, starts_at=starts, on_this_computer=here
        )
    if entity == "relationship":
        ends = [names(data[k]) if data.get(k) else None for k in ("from_contact_id", "to_contact_id")]
        about = " → ".join(n or "?" for n in ends) if any(ends) else None
        return RecordSubject(entity, record_id, about=about, on_this_computer=here)
    if entity == "conflict":
        if not data.get("record_id") or data.get("entity") not in SPECS:
            return RecordSubject(entity, record_id, on_this_computer=here)
        inner = record_subject(session, data["entity"], str(data["record_id"]), names=names)
        return RecordSubject(entity, record_id, field=data.get("field"), inner=inner, on_this_computer=here)
    # note, consent, referral: about one contact
    contact = data.get("contact_id")
    return RecordSubject(entity, record_id, about=names(contact) if contact else None, on_this_computer=here)


def sync_overview(session: StoreSession, pending_shown: int = PENDING_SHOWN) -> SyncOverview:
    """Everything the Sync screen lists, read in one go on the store thread."""
    names = _Names(session)
    counts = dict(session.conn.execute("SELECT entity, count(*) FROM outbox GROUP BY entity").fetchall())
    pending = [
        PendingChange(
            m.seq,
            m.entity,
            m.op,
            stored_instant(m.created_at),
            tuple(m.changed) if m.op == "update" else (),
            record_subject(session, m.entity, m.record_id, m.changed, names),
        )
        for m in session.outbox.pending(limit=pending_shown)
    ]
    refused = [
        RefusedChange(
            r.seq,
            r.entity,
            r.op,
            r.changed,
            r.reason,
            r.message,
            stored_instant(r.rejected_at),
            r.reason in RETRYABLE_REASONS,
            record_subject(session, r.entity, r.record_id, r.changed, names),
        )
        for r in session.replica.rejected_mutations()
    ]
    conflicts = [
        ConflictItem(c, record_subject(session, c.entity, str(c.record_id), names=names))
        for c in session.replica.open_conflicts()
    ]
    return SyncOverview(session.replica.status(), counts, pending, refused, conflicts)
