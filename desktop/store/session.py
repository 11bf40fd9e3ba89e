"""What a unit of store work sees: the repositories bound to the owner's connection.

Owns: `StoreSession` (one per store thread), `run_unit` (a unit of work with the
`Changes` it wrote, see `desktop.store.changes`), the integrity checks and the
subject-access export of one contact. Must never be handed to another thread:
work reaches it only through `StoreWorker.submit`.
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter

from desktop.store.changes import ChangeLog, Changes
from desktop.store.database import Connection, DatabaseError, cipher_version, transaction
from desktop.store.errors import RuleViolation
from desktop.store.migrations import schema_version
from desktop.store.outbox import Outbox
from desktop.store.replica import Replica
from desktop.store.repositories import (
    SPECS,
    Identity,
    RecordRepository,
    hung_from_contacts,
    mutation_hangs_from_contacts,
)
from protocol import (
    Appointment,
    BookableSlot,
    Consent,
    Contact,
    IntakeRequest,
    Note,
    Referral,
    Relationship,
    Resource,
)
from protocol.clock import utc_now
from protocol.entities import Encounter, Shift, Spot, StockMovement, SupplyItem
from protocol.messages import Conflict
from protocol.relations import contact_owned_entities, record_hung_references

T = TypeVar("T")


@dataclass(frozen=True)
class IntegrityReport:
    integrity: list[str]  # "ok" or SQLite's findings
    cipher: list[str]  # empty when every page's HMAC verifies

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher


class StoreSession:
    def __init__(self, conn: Connection, identity: Identity, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.conn = conn
        self.identity = identity

        def repo(entity: str) -> RecordRepository[Any]:
            return RecordRepository(conn, SPECS[entity], identity, clock)

        self.contacts: RecordRepository[Contact] = repo("contact")
        self.relationships: RecordRepository[Relationship] = repo("relationship")
        self.consents: RecordRepository[Consent] = repo("consent")
        self.appointments: RecordRepository[Appointment] = repo("appointment")
        self.resources: RecordRepository[Resource] = repo("resource")
        self.notes: RecordRepository[Note] = repo("note")
        self.referrals: RecordRepository[Referral] = repo("referral")
        self.intake_requests: RecordRepository[IntakeRequest] = repo("intake_request")
        self.bookable_slots: RecordRepository[BookableSlot] = repo("bookable_slot")
        self.shifts: RecordRepository[Shift] = repo("shift")
        self.spots: RecordRepository[Spot] = repo("spot")
        self.encounters: RecordRepository[Encounter] = repo("encounter")
        self.supply_items: RecordRepository[SupplyItem] = repo("supply_item")
        self.stock_movements: RecordRepository[StockMovement] = repo("stock_movement")
        self.conflicts: RecordRepository[Conflict] = repo("conflict")
        self.outbox = Outbox(conn)
        self.replica = Replica(conn, {entity: repo(entity) for entity in SPECS})
        self._change_log = ChangeLog(conn, [(entity, spec.table) for entity, spec in SPECS.items()])

    def run_unit(self, work: Callable[["StoreSession"], T]) -> tuple[T, Changes]:
        """Run `work`, and read back what it changed from the rows it wrote: the entities
        of its outbox rows (a push is due) and of the records it wrote without one (a
        directory import). Nothing is declared by the caller. Work that raises reports
        nothing: its error is all the caller learns."""
        self._change_log.start()
        result = work(self)
        return result, self._change_log.finish()

    def schema_version(self) -> int:
        return schema_version(self.conn)

    def cipher_version(self) -> str:
        return cipher_version(self.conn)

    def check_integrity(self) -> IntegrityReport:
        """PRAGMA integrity_check (structure) and cipher_integrity_check (every page's HMAC)."""

        def run(pragma: str) -> list[str]:
            try:
                return [row[0] for row in self.conn.execute(f"PRAGMA {pragma}")]
            except DatabaseError as exc:  # a page so damaged the check itself stops
                return [f"{pragma} stopped: {exc}"]

        integrity = run("integrity_check")
        cipher = run("cipher_integrity_check")
        return IntegrityReport(integrity, cipher)

    def resolve_conflict(self, conflict_id: uuid.UUID | str, resolution: str, value: Any = None) -> Conflict:
        """A person decides a same-field collision: keep the stored value ("kept"), take
        the other one ("other"), or type a new one ("edited", with `value`).

        Both writes go through the repositories, so both reach the service as ordinary
        mutations: the record's field (unless "kept"), then the Conflict marked resolved.
        They are one transaction: a decision is never half-recorded (the record changed
        while the Conflict still asks for a decision, or the other way round).
        """
        conflict = self.conflicts.get(conflict_id)
        if conflict.status == "resolved":
            raise RuleViolation("conflict: already resolved")
        if resolution not in ("kept", "other", "edited"):
            raise RuleViolation("resolution: must be kept, other or edited")
        if resolution == "edited" and value is None:
            raise RuleViolation("value: required when the resolution is edited")
        with transaction(self.conn):
            if resolution != "kept":
                chosen = conflict.other_value if resolution == "other" else value
                # The Conflict carries values as they travel in JSON (a date is a string); the
                # record's strict model wants Python values, so the field's type reads it back.
                field = SPECS[conflict.entity].model.model_fields[conflict.field]
                chosen = TypeAdapter(field.annotation).validate_json(json.dumps(chosen))
                repository = RecordRepository(self.conn, SPECS[conflict.entity], self.identity)
                repository.update(conflict.record_id, **{conflict.field: chosen})
            return self.conflicts.update(conflict.id, status="resolved", resolution=resolution)

    def export_contact(self, contact_id: uuid.UUID | str) -> dict[str, Any]:
        """Everything this device holds about one contact (GDPR subject access).

        Derived from protocol.relations, like erasure and purge: the contact; every
        record hung from them (one list per entity, named by its plural); what hangs
        from those records (the conflicts quoting their values); and the pending and
        refused mutations of any of them, including a refused create of a record hung
        from the person, whose content is only in that refused mutation.

        Tombstones are included, flagged `deleted`: until the service confirms a
        deletion the data is still held, and the person has a right to know.
        """
        contact = self.contacts.get(contact_id, include_deleted=True)
        export: dict[str, Any] = {
            "format": "prossimo-subject-access/1",
            "exported_at": utc_now().isoformat(),
            "contact": contact.model_dump(mode="json"),
        }
        with transaction(self.conn):  # one consistent view of everything
            for table in ("subject_contact", "subject_record"):
                self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id TEXT PRIMARY KEY)")
                self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            self.conn.execute("INSERT INTO subject_contact VALUES (?)", (str(contact.id),))
            self.conn.execute("INSERT INTO subject_record VALUES (?)", (str(contact.id),))
            for entity in contact_owned_entities():
                export[f"{entity}s"] = self._subject_rows(
                    entity, hung_from_contacts(self.conn, entity, "subject_contact")
                )
            for ref in record_hung_references():
                export[f"{ref.entity}s"] = self._subject_rows(ref.entity, f"{ref.field} IN subject_record")
            hung = mutation_hangs_from_contacts("subject_contact")
            export["pending_changes"] = self._subject_mutations("outbox", hung, "")
            export["refused_changes"] = self._subject_mutations(
                "rejected_mutation", hung, ", reason, message, rejected_at"
            )
        return export

    def _subject_rows(self, entity: str, where: str) -> list[dict[str, Any]]:
        """Bodies of `entity`'s rows matching `where`; their ids join `subject_record`."""
        spec = SPECS[entity]
        rows = self.conn.execute(
            f"SELECT id, body FROM {spec.table} WHERE {where} ORDER BY {spec.order_column}, id"  # noqa: S608 - our clauses
        ).fetchall()
        self.conn.executemany("INSERT OR IGNORE INTO subject_record VALUES (?)", [(row[0],) for row in rows])
        return [json.loads(body) for _, body in rows]

    def _subject_mutations(self, table: str, hung: str, extra: str) -> list[dict[str, Any]]:
        cursor = self.conn.execute(
            f"SELECT seq, entity, record_id, op, changed, created_at{extra} FROM {table}"  # noqa: S608 - fixed names
            f" WHERE record_id IN subject_record OR {hung} ORDER BY seq"
        )
        names = [column[0] for column in cursor.description]
        return [{**dict(zip(names, row, strict=True)), "changed": json.loads(row[4])} for row in cursor.fetchall()]
