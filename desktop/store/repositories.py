"""Repositories: every SQL statement that reads or writes records lives here.

Owns: create / read / update / tombstone of each entity, paged sorted lists,
full-text search, and the rule that every write records its outbox mutation in
the same transaction. Writes are validated by the protocol schema before any
SQL runs, so invalid input writes nothing. Reads return protocol records,
re-validated from the stored JSON (a guard against a damaged row).

Must never be called from a thread other than the store thread (the sqlite
connection enforces it), never commit a write without its outbox row, and never
edit or delete a case note (notes are append-only).
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from desktop.store import search
from desktop.store.database import Connection, transaction
from desktop.store.errors import RecordNotFound, RuleViolation, problems_of
from desktop.store.outbox import record_mutation
from protocol import (
    Appointment,
    BookableSlot,
    Consent,
    Contact,
    Encounter,
    IntakeRequest,
    Note,
    Record,
    Referral,
    Relationship,
    Resource,
    Shift,
    Spot,
    StockMovement,
    SupplyItem,
    describe_validation_error,
    directory_search,
    new_id,
)
from protocol.clock import utc_now
from protocol.entities import APPEND_ONLY, META_FIELDS
from protocol.messages import Conflict
from protocol.relations import contact_owned_entities, contact_owner_fields, entity_references

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Identity:
    """Who writes: stamped on every record this device creates or changes."""

    device_id: uuid.UUID
    operator_id: uuid.UUID | None = None


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class EntitySpec(Generic[R]):
    """How one entity is laid out in SQL: its table, projections, links and index."""

    model: type[R]
    table: str
    order_column: str  # keyset paging is on (order_column, id)
    projections: Callable[[R], dict[str, Any]]
    fts_table: str | None = None
    index: Callable[[Connection, int, str], None] | None = None
    append_only: bool = False
    # A list reference kept in a link table: field -> (link table, its column naming this
    # record, its column naming the referenced one). Lets a purge find records by index.
    links: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def references(self) -> dict[str, str]:
        """field -> referenced table, for every reference to a record of this store
        (from protocol.relations; operators and teams are the service's, a Conflict's
        record may be of any entity)."""
        return {ref.field: ref.target for ref in entity_references(self.model.ENTITY) if ref.target != "record"}


SPECS: dict[str, EntitySpec[Any]] = {
    spec.model.ENTITY: spec
    for spec in (
        EntitySpec(
            Contact,
            "contact",
            "sort_name",
            lambda c: {
                "sort_name": c.sort_name,
                "municipality": c.municipality,
                "team_id": str(c.team_id) if c.team_id else None,
            },
            fts_table="contact_fts",
            index=search.index_contact,
        ),
        EntitySpec(
            Relationship,
            "relationship",
            "id",
            lambda r: {"from_contact_id": str(r.from_contact_id), "to_contact_id": str(r.to_contact_id)},
        ),
        EntitySpec(
            Consent,
            "consent",
            "id",
            lambda c: {"contact_id": str(c.contact_id)},
        ),
        EntitySpec(
            Appointment,
            "appointment",
            "starts_at",
            lambda a: {"starts_at": _utc_text(a.starts_at), "operator_id": str(a.operator_id), "status": a.status},
            links={"contact_ids": ("appointment_contact", "appointment_id", "contact_id")},
        ),
        EntitySpec(
            Resource,
            "resource",
            "sort_name",
            lambda r: {
                "sort_name": directory_search.sort_name(r.service_name, r.organization_name),
                "municipality": r.location.municipality,
            },
            fts_table=search.DIRECTORY_FTS,
            index=search.index_directory,
        ),
        EntitySpec(
            Note,
            "note",
            "occurred_at",
            lambda n: {"contact_id": str(n.contact_id), "occurred_at": _utc_text(n.occurred_at)},
            fts_table="note_fts",
            index=search.index_note,
            append_only=True,
        ),
        EntitySpec(
            Referral,
            "referral",
            "id",
            lambda r: {
                "contact_id": str(r.contact_id),
                "resource_id": str(r.resource_id),
                "consent_id": str(r.consent_id) if r.consent_id else None,
            },
        ),
        EntitySpec(
            IntakeRequest,
            "intake_request",
            "received_at",
            lambda i: {
                "received_at": _utc_text(i.received_at),
                "status": i.status,
                "team_id": str(i.team_id) if i.team_id else None,
                "contact_id": str(i.contact_id) if i.contact_id else None,
                "slot_id": str(i.slot_id) if i.slot_id else None,
            },
        ),
        # Offered by operators at the help desk; held or booked through the request naming it.
        EntitySpec(
            BookableSlot,
            "bookable_slot",
            "starts_at",
            lambda b: {"starts_at": _utc_text(b.starts_at), "team_id": str(b.team_id), "state": b.state},
        ),
        # Street outreach (issue 18): team-scoped by their own team_id; the ledger is append-only.
        EntitySpec(
            Shift,
            "shift",
            "started_at",
            lambda s: {
                "started_at": _utc_text(s.started_at),
                "team_id": str(s.team_id),
                "ended_at": _utc_text(s.ended_at) if s.ended_at else None,
            },
        ),
        EntitySpec(Spot, "spot", "sort_name", lambda p: {"sort_name": p.name.casefold(), "team_id": str(p.team_id)}),
        EntitySpec(
            Encounter,
            "encounter",
            "at",
            lambda e: {
                "at": _utc_text(e.at),
                "team_id": str(e.team_id),
                "shift_id": str(e.shift_id),
                "client_code": e.client_code,
            },
            links={"given": ("encounter_given", "encounter_id", "item_id")},
        ),
        EntitySpec(SupplyItem, "supply_item", "sort_name", lambda i: {"sort_name": i.name_en.casefold()}),
        EntitySpec(
            StockMovement,
            "stock_movement",
            "at",
            lambda m: {"at": _utc_text(m.at), "team_id": str(m.team_id), "item_id": str(m.item_id)},
            append_only=True,
        ),
        # Created only by the service; a device resolves them (an update).
        EntitySpec(
            Conflict,
            "conflict",
            "id",
            lambda c: {
                "status": c.status,
                "record_entity": c.entity,
                "record_id": str(c.record_id),
                "team_id": str(c.team_id) if c.team_id else None,
            },
        ),
    )
}


def table_columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def hung_from_contacts(conn: Connection, entity: str, contacts: str) -> str:
    """SQL condition on `entity`'s table: the row hangs from a contact whose id is in
    `contacts` (a table name), through any owner field of protocol.relations.

    Each field is looked up the cheapest way the schema allows: its link table, its
    projection column (both indexed), or, for a field without either, the JSON body
    (a scan: give a new owner field a column and an index).
    """
    spec, columns = SPECS[entity], table_columns(conn, SPECS[entity].table)
    parts = []
    for ref in contact_owner_fields(entity):
        if ref.field in spec.links:
            link, own, other = spec.links[ref.field]
            parts.append(f"id IN (SELECT {own} FROM {link} WHERE {other} IN {contacts})")  # noqa: S608 - fixed names
        elif ref.many:
            parts.append(
                f"EXISTS (SELECT 1 FROM json_each(body, '$.{ref.field}')"  # noqa: S608 - fixed names
                f" WHERE value IN {contacts})"
            )
        elif ref.field in columns:
            parts.append(f"{ref.field} IN {contacts}")
        else:
            parts.append(f"json_extract(body, '$.{ref.field}') IN {contacts}")
    return " OR ".join(parts) or "0"


def mutation_hangs_from_contacts(contacts: str) -> str:
    """SQL condition on `outbox` / `rejected_mutation` rows: the change puts its record under
    a contact in `contacts` (e.g. a refused create of a note, whose content is nowhere else)."""
    parts = []
    for entity in contact_owned_entities():
        names = []
        for ref in contact_owner_fields(entity):
            if ref.many:
                names.append(
                    f"EXISTS (SELECT 1 FROM json_each(changed, '$.{ref.field}')"  # noqa: S608 - fixed names
                    f" WHERE value IN {contacts})"
                )
            else:
                names.append(f"json_extract(changed, '$.{ref.field}') IN {contacts}")
        parts.append(f"(entity = '{entity}' AND ({' OR '.join(names)}))")
    return " OR ".join(parts) or "0"


@dataclass(frozen=True)
class Page(Generic[R]):
    records: list[R]
    next_after: tuple[Any, str] | None  # pass back as `after` for the next page


class RecordRepository(Generic[R]):
    """Create, read, update, tombstone, list and search one entity."""

    def __init__(
        self,
        conn: Connection,
        spec: EntitySpec[R],
        identity: Identity,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._conn = conn
        self._spec = spec
        self._identity = identity
        self._clock = clock

    @property
    def entity(self) -> str:
        return self._spec.model.ENTITY

    # --- reads --------------------------------------------------------------------

    def _load(self, body: str) -> R:
        return self._spec.model.model_validate_json(body)

    def get(self, record_id: uuid.UUID | str, *, include_deleted: bool = False) -> R:
        row = self._conn.execute(
            f"SELECT body, deleted FROM {self._spec.table} WHERE id = ?",  # noqa: S608 - fixed names
            (str(record_id),),
        ).fetchone()
        if row is None or (row[1] and not include_deleted):
            raise RecordNotFound(f"no {self.entity} with id {record_id}")
        return self._load(row[0])

    def exists(self, record_id: uuid.UUID | str) -> bool:
        row = self._conn.execute(
            f"SELECT 1 FROM {self._spec.table} WHERE id = ? AND deleted = 0",  # noqa: S608 - the spec's table
            (str(record_id),),
        ).fetchone()
        return row is not None

    def count(self) -> int:
        count: int = self._conn.execute(
            f"SELECT count(*) FROM {self._spec.table} WHERE deleted = 0"  # noqa: S608 - the spec's table
        ).fetchone()[0]
        return count

    def page(self, *, after: tuple[Any, str] | None = None, limit: int = 50) -> Page[R]:
        """Live records sorted by the entity's order column, `limit` at a time.

        Keyset paging (WHERE (key, id) > after) keeps page 2,000 as fast as page 1.
        """
        table, column = self._spec.table, self._spec.order_column
        key_sql = f"{column}, id" if column != "id" else "id"
        if after is None:
            sql = f"SELECT body, {key_sql} FROM {table} WHERE deleted = 0 ORDER BY {key_sql} LIMIT ?"  # noqa: S608 - the spec's names
            params: tuple[Any, ...] = (limit,)
        elif column == "id":
            sql = f"SELECT body, id FROM {table} WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ?"  # noqa: S608 - the spec's table
            params = (after[1], limit)
        else:
            sql = (
                f"SELECT body, {key_sql} FROM {table} WHERE deleted = 0 "  # noqa: S608 - the spec's names
                f"AND ({column}, id) > (?, ?) ORDER BY {key_sql} LIMIT ?"
            )
            params = (after[0], after[1], limit)
        rows = self._conn.execute(sql, params).fetchall()
        records = [self._load(row[0]) for row in rows]
        next_after = None
        if len(rows) == limit:
            last = rows[-1]
            next_after = (last[1], last[2]) if column != "id" else (None, last[1])
        return Page(records, next_after)

    def search(self, query: str, *, limit: int = 50) -> list[R]:
        """Live records matching every word of `query` as a prefix: best match first, or in
        list order when too many match to rank (`search.best_first`)."""
        if self._spec.fts_table is None:
            raise RuleViolation(f"{self.entity}: not searchable")
        expression = search.match_expression(query)
        if expression is None:
            return []
        bodies = search.best_first(
            self._conn, self._spec.fts_table, self._spec.table, self._spec.order_column, expression, limit
        )
        return [self._load(body) for body in bodies]

    def where(self, column: str, value: str) -> list[R]:
        """Live records whose projected `column` equals `value` (e.g. notes of a contact)."""
        if column not in self._projection_columns():
            raise ValueError(f"{self.entity}: {column} is not a stored column")
        rows = self._conn.execute(
            f"SELECT body FROM {self._spec.table} WHERE {column} = ? AND deleted = 0 "  # noqa: S608 - a checked column name
            f"ORDER BY {self._spec.order_column}, id",
            (value,),
        ).fetchall()
        return [self._load(row[0]) for row in rows]

    def _projection_columns(self) -> set[str]:
        return table_columns(self._conn, self._spec.table)

    # --- writes ---------------------------------------------------------------------

    def create(self, **fields: Any) -> R:
        """Validate and insert a new record with its `create` outbox mutation."""
        return self.create_many([fields])[0]

    def create_many(self, batch: list[dict[str, Any]]) -> list[R]:
        """Insert a batch in one transaction: every record is validated first, so
        one bad entry rejects the whole batch and nothing is written."""
        now = self._clock()
        records = []
        for position, fields in enumerate(batch, start=1):
            self._refuse_metadata(fields)
            candidate = {
                **fields,
                "id": new_id(),
                "created_at": now,
                "updated_at": now,
                "author_operator_id": self._identity.operator_id,
                "author_device_id": self._identity.device_id,
            }
            try:
                records.append(self._spec.model.model_validate(candidate))
            except ValidationError as exc:
                if len(batch) == 1:
                    raise
                problems = "; ".join(describe_validation_error(exc))
                raise RuleViolation(
                    f"entry {position}: {problems}",
                    [
                        replace(problem, ctx={**problem.ctx, "entry": position})
                        for problem in problems_of(exc, self.entity)
                    ],
                ) from None
        content = set(self._spec.model.content_fields())
        with transaction(self._conn):
            for record in records:
                self._check_references(record)
                self._insert(record)
                record_mutation(
                    self._conn,
                    entity=self.entity,
                    record_id=str(record.id),
                    op="create",
                    changed=record.model_dump(mode="json", include=content),
                    base_version=None,
                    at=now,
                )
        return records

    def update(self, record_id: uuid.UUID | str, **changes: Any) -> R:
        """Apply `changes` to a live record; only fields whose value changed are pushed."""
        self._refuse_append_only("update")
        self._refuse_metadata(changes)
        with transaction(self._conn):
            current = self.get(record_id)
            now = self._clock()
            merged = self._spec.model.model_validate(
                {**current.model_dump(), **changes, "updated_at": max(now, current.updated_at)}
            )
            changed = [name for name in changes if getattr(merged, name) != getattr(current, name)]
            if not changed:
                return current
            self._check_references(merged, changed)
            self._write_existing(merged)
            record_mutation(
                self._conn,
                entity=self.entity,
                record_id=str(merged.id),
                op="update",
                changed=merged.model_dump(mode="json", include=set(changed)),
                base_version=current.server_version,
                at=now,
            )
        return merged

    def tombstone(self, record_id: uuid.UUID | str) -> R:
        """Mark a record deleted; it stays until the service confirms the deletion."""
        self._refuse_append_only("delete")
        with transaction(self._conn):
            current = self.get(record_id)
            now = self._clock()
            dead = current.model_copy(update={"deleted": True, "updated_at": max(now, current.updated_at)})
            self._write_existing(dead)
            record_mutation(
                self._conn,
                entity=self.entity,
                record_id=str(dead.id),
                op="delete",
                changed={},
                base_version=current.server_version,
                at=now,
            )
        return dead

    # --- the service's copy ----------------------------------------------------------------

    def store_from_service(self, records: list[R], sources: list[tuple[str, dict[str, Any]]]) -> None:
        """Insert or replace records as the service sent them, a page at a time.

        `sources[i]` is the JSON text `records[i]` was validated from and its parsed
        form: the text is stored as the body and the dict feeds the search index, so
        an initial sync of 100k records never re-serialises or re-parses one.

        No outbox row (they are not local changes) and no reference check (the service
        checked; a page may carry a note before the contact it hangs from, see
        `desktop.store.replica`). Batched: one lookup of which ids exist, then one
        statement per kind of write, because an initial sync writes 100k records.
        """
        table = self._spec.table
        values = [self._row_values(record, body) for record, (body, _) in zip(records, sources, strict=True)]
        data_of = {v["id"]: data for v, (_, data) in zip(values, sources, strict=True)}
        existing = self._rowids([v["id"] for v in values])
        columns = list(values[0]) if values else []
        fresh = [v for v in values if v["id"] not in existing]
        known = [v for v in values if v["id"] in existing]
        fts = self._spec.fts_table
        if fts is not None and fts in search.deferred(self._conn):
            fts = None  # a first sync's index is built whole at its end (desktop.store.search.defer)
        if fts is not None and known:
            # Before the rows change: the index forgets exactly the text it was given.
            search.unindex(self._conn, fts, self._indexed([v["id"] for v in known]))
        if fresh:
            self._conn.executemany(
                f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",  # noqa: S608 - the spec's names, placeholders
                [tuple(v.values()) for v in fresh],
            )
        if known:
            assignments = ", ".join(f"{name} = ?" for name in columns if name != "id")
            self._conn.executemany(
                f"UPDATE {table} SET {assignments} WHERE id = ?",  # noqa: S608 - fixed names
                [(*(v[name] for name in columns if name != "id"), v["id"]) for v in known],
            )
        if fts is not None:
            # Live records get new index rows (tombstones are never indexed).
            rowids = {**existing, **self._rowids([v["id"] for v in fresh])}
            search.index_new(self._conn, fts, [(rowids[v["id"]], data_of[v["id"]]) for v in values if not v["deleted"]])
        for record in records:
            if isinstance(record, Appointment):
                self._link_appointment_contacts(record)
            elif isinstance(record, Encounter):
                self._link_encounter_given(record)

    def _indexed(self, ids: list[str]) -> list[tuple[int, dict[str, Any]]]:
        """(rowid, parsed body) of the live records among `ids`: those the search index holds."""
        found: list[tuple[int, dict[str, Any]]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found += [
                (rowid, json.loads(body))
                for rowid, body in self._conn.execute(
                    f"SELECT rowid, body FROM {self._spec.table} WHERE deleted = 0"  # noqa: S608 - fixed names
                    f" AND id IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                )
            ]
        return found

    def _rowids(self, ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found.update(
                self._conn.execute(
                    f"SELECT id, rowid FROM {self._spec.table} WHERE id IN ({', '.join('?' for _ in chunk)})",  # noqa: S608 - placeholders only
                    chunk,
                ).fetchall()
            )
        return found

    # --- helpers -------------------------------------------------------------------------

    def _refuse_metadata(self, fields: dict[str, Any]) -> None:
        for name in sorted(set(fields) & META_FIELDS):
            raise RuleViolation(f"{name}: set by the store, not by the caller")

    def _refuse_append_only(self, what: str) -> None:
        if self._spec.append_only:
            raise RuleViolation(f"{self.entity}: cannot {what}: {APPEND_ONLY[self.entity]}")

    def _check_references(self, record: R, fields: list[str] | None = None) -> None:
        """Name the field when a referenced record is missing (FKs alone would not).

        An update checks only the `fields` it sets, as the service does: a request declined
        after its slot was removed still names that slot, and must still be declinable."""
        for name, table in self._spec.references.items():
            if fields is not None and name not in fields:
                continue
            value = getattr(record, name)
            for ref in value if isinstance(value, list) else [value]:
                if ref is None:
                    continue
                row = self._conn.execute(
                    f"SELECT deleted FROM {table} WHERE id = ?",  # noqa: S608 - table from the declared relations
                    (str(ref),),
                ).fetchone()
                if row is None or row[0]:
                    raise RuleViolation.of(name, "no_such_record", f"no {table} with id {ref}", table=table)

    def _row_values(self, record: R, body: str | None = None) -> dict[str, Any]:
        return {
            "id": str(record.id),
            "body": body if body is not None else record.model_dump_json(),
            "updated_at": _utc_text(record.updated_at),
            "server_version": record.server_version,
            "deleted": int(record.deleted),
            **self._spec.projections(record),
        }

    def _insert(self, record: R) -> None:
        values = self._row_values(record)
        columns = ", ".join(values)
        placeholders = ", ".join("?" for _ in values)
        cursor = self._conn.execute(
            f"INSERT INTO {self._spec.table}({columns}) VALUES ({placeholders})",  # noqa: S608 - the spec's names, placeholders
            tuple(values.values()),
        )
        assert cursor.lastrowid is not None  # set by the INSERT just run
        self._after_write(cursor.lastrowid, record, values["body"])

    def _write_existing(self, record: R) -> None:
        values = self._row_values(record)
        if self._spec.fts_table is not None:  # before the row changes (see search.unindex)
            search.unindex(self._conn, self._spec.fts_table, self._indexed([values["id"]]))
        assignments = ", ".join(f"{name} = ?" for name in values if name != "id")
        params = [value for name, value in values.items() if name != "id"]
        self._conn.execute(
            f"UPDATE {self._spec.table} SET {assignments} WHERE id = ?",  # noqa: S608 - the spec's names, placeholders
            (*params, values["id"]),
        )
        rowid = self._conn.execute(
            f"SELECT rowid FROM {self._spec.table} WHERE id = ?",  # noqa: S608 - table from the spec
            (values["id"],),
        ).fetchone()[0]
        self._after_write(rowid, record, values["body"])

    def _after_write(self, rowid: int, record: R, body: str) -> None:
        """Index a live record whose old text (if any) was already taken out."""
        if self._spec.index is not None and not record.deleted:
            self._spec.index(self._conn, rowid, body)
        if isinstance(record, Appointment):
            self._link_appointment_contacts(record)
        elif isinstance(record, Encounter):
            self._link_encounter_given(record)

    def _link_encounter_given(self, encounter: Encounter) -> None:
        """What a live encounter gave, by item (a tombstone gives nothing: an undo gives back)."""
        self._conn.execute("DELETE FROM encounter_given WHERE encounter_id = ?", (str(encounter.id),))
        if encounter.deleted:
            return
        self._conn.executemany(
            "INSERT INTO encounter_given(encounter_id, team_id, item_id, quantity) VALUES (?, ?, ?, ?)",
            [(str(encounter.id), str(encounter.team_id), str(g.item_id), g.quantity) for g in encounter.given],
        )

    def _link_appointment_contacts(self, appointment: Appointment) -> None:
        self._conn.execute("DELETE FROM appointment_contact WHERE appointment_id = ?", (str(appointment.id),))
        self._conn.executemany(
            "INSERT INTO appointment_contact(appointment_id, contact_id) VALUES (?, ?)",
            [(str(appointment.id), str(contact_id)) for contact_id in appointment.contact_ids],
        )
