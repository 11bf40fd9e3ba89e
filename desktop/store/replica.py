"""The device's side of sync inside the store: enrolment, the outgoing batch, applying answers.

Owns:
- the `sync_state` table: where this device is enrolled, its token and its organisation's
  client-code key and recipe (the store is encrypted, so neither is ever on disk in clear),
  the pull cursor, the time of the last good sync;
- taking the oldest pending outbox mutations as wire dicts for a push;
- applying one sync answer - mutation results, a page of changes, purged teams,
  the new cursor and token - in ONE transaction, so a crash or a kill leaves the
  store at the page before or the page after, never between, and an interrupted
  sync resumes from the last applied page;
- the `rejected_mutation` table and the local copies of Conflict records.

Rules:
- A mutation the service confirmed leaves the outbox in the same transaction
  that applies the page; a refused one moves, whole, to `rejected_mutation` with
  the service's reason: an operator's work is never dropped silently.
- A record from the service never overwrites a local change that is still in the
  outbox: pending updates are replayed on top of the service's copy (rebase), so
  the screen keeps showing what the operator typed until the service answers.
- Records from the service are written with foreign-key checks off: the service
  checked every reference, and a page may carry a case note before the contact
  it hangs from (the contact's newest version is in a later page).
- A first sync into an empty store leaves the contacts' and notes' search index to be
  built once, in the transaction of its last page (`desktop.store.search.defer`): the
  marker is set with the first page and, if the sync is killed or fails before its end,
  the index is built when the store is next opened (or by the engine as it gives up).
- Purged teams (access lost) and erased records (GDPR) leave nothing behind:
  records, what hangs from them, their search rows, conflicts quoting their values,
  their pending and refused mutations; and, once committed, not in the file either
  (secure delete, then the WAL is checkpointed and truncated). What hangs from what
  is read from `protocol.relations`, never written out here.

Must never make an HTTP call (the sync engine does I/O on its own thread and
hands the parsed answer here) and never be used from another thread than the
store's.
"""

import contextlib
import datetime as dt
import gc
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, overload

import orjson
from pydantic import ValidationError

from desktop.store import search
from desktop.store.database import Connection, stored_instant, transaction
from desktop.store.errors import RecordNotFound, RuleViolation, StoreError
from desktop.store.outbox import record_mutation
from desktop.store.repositories import (
    SPECS,
    RecordRepository,
    hung_from_contacts,
    mutation_hangs_from_contacts,
)
from desktop.store.restore_recovery import Recovery
from protocol import describe_validation_error
from protocol.client_codes import Recipe, recipe_from_json
from protocol.clock import utc_now
from protocol.messages import Conflict
from protocol.relations import contact_owned_entities, contact_owner_fields, record_hung_references, team_fields

# sync_state keys
SERVER_URL = "server_url"
CA_BUNDLE = "ca_bundle"
MAX_ANSWER_MIB = "max_answer_mib"
DEVICE_TOKEN = "device_token"  # noqa: S105 - the name of a key, not a secret
DEVICE_ID = "device_id"
OPERATOR_ID = "operator_id"
ORGANISATION_ID = "organisation_id"
ROLE = "role"
TEAMS = "teams"
CURSOR = "cursor"
LAST_SYNC_AT = "last_sync_at"
CODE_KEY = "client_code_key"  # hex; with the recipe, from the enrolment or a later sync answer
CODE_RECIPE = "client_code_recipe"

# Refusals a later sync may accept unchanged: access to a team or a role can be given
# (back), and a referenced record can reach the service meanwhile. Other reasons would
# be refused again, so the operator is only offered to discard them.
RETRYABLE_REASONS = frozenset({"forbidden_team", "forbidden_role", "missing_reference"})

# Rows whose id is in a JSON list given as the one parameter (any number of ids, one statement).
_BY_IDS = "id IN (SELECT value FROM json_each(?))"


class NotEnrolled(StoreError):
    """This profile has not been enrolled with a central service yet."""


class NoCodeKey(StoreError):
    """This device has not received its organisation's client-code key yet."""


@dataclass(frozen=True)
class CodeKey:
    key: bytes = field(repr=False)  # never in a log or a traceback's locals
    recipe: Recipe


class ServiceDataInvalid(StoreError):
    """The service sent a record that breaks a schema rule; the whole page was refused."""


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    ca_bundle: str | None
    device_id: uuid.UUID
    operator_id: uuid.UUID
    organisation_id: uuid.UUID
    role: str
    teams: list[dict[str, str]]
    # The most an answer may be once unpacked, as IT set it at enrolment; None: the transport's default.
    max_answer_mib: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """Everything one sync request needs from the store."""

    token: str
    cursor: str | None
    mutations: list[dict[str, Any]]  # wire form (protocol.messages.Mutation)
    pending_total: int  # all pending mutations, including those beyond this batch
    restore_epoch: str | None = None  # the service's restore epoch this store last saw


@dataclass
class AppliedAnswer:
    """What one answer changed locally (counts for reports and the UI)."""

    confirmed: int = 0
    rejected: list[tuple[int, str, str | None]] = field(default_factory=list)  # (device_seq, reason, message)
    pulled: int = 0
    rebased: int = 0  # pulled records with local changes replayed on top
    purged: int = 0
    erased: int = 0  # local records removed by erasures (GDPR)
    new_conflicts: int = 0
    recovered: int = 0  # mutations queued to give back what a restore of the service lost
    again: bool = False  # a recovery after a restore began or ended: sync another round now


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    pending: int
    open_conflicts: int
    rejected: int
    last_sync_at: dt.datetime | None


@dataclass(frozen=True)
class RejectedMutation:
    seq: int
    entity: str
    record_id: str
    op: str
    changed: dict[str, Any]
    reason: str
    message: str | None
    rejected_at: str


class Replica:
    """Sync bookkeeping on the store thread. Built by `StoreSession`; one per connection."""

    def __init__(self, conn: Connection, repositories: Mapping[str, RecordRepository[Any]]) -> None:
        self._conn = conn
        self._repos = repositories
        # Scratch lists of ids being removed (purge, erasure); TEMP: in memory, per connection.
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS purge_contact(id TEXT PRIMARY KEY)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS purge_record(id TEXT PRIMARY KEY)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS purge_batch(id TEXT PRIMARY KEY)")
        # A first sync that did not reach its last page (killed): its records become findable now.
        self.complete_search_index()

    # --- the search index of a first sync -------------------------------------------------

    def search_index_complete(self) -> bool:
        """False while a first sync's search index is still to be built: search misses records."""
        return not search.deferred(self._conn)

    def complete_search_index(self) -> None:
        """Build the search index a first sync deferred, if any (one transaction)."""
        if not self.search_index_complete():
            with transaction(self._conn):
                search.build_deferred(self._conn)

    def _defer_search_if_first(self, answer: Mapping[str, Any]) -> None:
        """A first page with more to come, into a store holding no contact and no note: index once at the end."""
        if not answer.get("more") or self._get(CURSOR) is not None or not self.search_index_complete():
            return
        holds = any(
            self._conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()  # noqa: S608 - fixed names
            for table in search.DEFERRABLE.values()
        )
        if not holds:
            search.defer(self._conn)

    # --- sync_state ------------------------------------------------------------------

    def _recovery(self) -> Recovery:
        return Recovery(self._conn, self._get, self._set, self._get(DEVICE_ID), self._get(ROLE))

    def _get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str | None) -> None:
        if value is None:
            self._conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            self._conn.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def enrolment(self) -> Enrolment | None:
        url = self._get(SERVER_URL)
        if url is None or self._get(DEVICE_TOKEN) is None:
            return None
        return Enrolment(
            server_url=url,
            ca_bundle=self._get(CA_BUNDLE),
            device_id=uuid.UUID(self._get(DEVICE_ID)),
            operator_id=uuid.UUID(self._get(OPERATOR_ID)),
            organisation_id=uuid.UUID(self._get(ORGANISATION_ID)),
            role=self._get(ROLE) or "operator",
            teams=json.loads(self._get(TEAMS) or "[]"),
            max_answer_mib=int(limit) if (limit := self._get(MAX_ANSWER_MIB)) else None,
        )

    def device_token(self) -> str | None:
        """The device's token (None: not enrolled), for a call other than the sync (the review queue)."""
        return self._get(DEVICE_TOKEN) if self._get(SERVER_URL) is not None else None

    def code_key(self) -> CodeKey:
        """The organisation's client-code key and recipe, or NoCodeKey saying how to get them."""
        key, recipe = self._get(CODE_KEY), self._get(CODE_RECIPE)
        if key is None or recipe is None:
            if self._get(DEVICE_TOKEN) is None:
                raise NoCodeKey("no client-code key: this device is not enrolled yet; run `prossimo enroll` first")
            raise NoCodeKey(
                "no client-code key yet: this device was enrolled before codes existed, or its service is "
                "older; run `prossimo sync` (the key comes with the next sync from a service that has it)"
            )
        return CodeKey(bytes.fromhex(key), recipe_from_json(json.loads(recipe)))

    def has_code_key(self) -> bool:
        return self._get(CODE_KEY) is not None

    def _save_code_key(self, codes: Mapping[str, Any] | None) -> None:
        # Already checked by the transport (ClientCodeKey); a key once kept is never replaced by
        # another: the organisation's codes must not change under the operator's hands.
        if codes is not None and self._get(CODE_KEY) is None:
            self._set(CODE_KEY, str(codes["key"]))
            self._set(CODE_RECIPE, json.dumps(codes["recipe"], sort_keys=True))

    def save_enrolment(self, enrolment: Enrolment, token: str, client_codes: Mapping[str, Any] | None = None) -> None:
        """Remember where and as whom this device syncs; a fresh enrolment starts a fresh cursor."""
        with transaction(self._conn):
            self._save_code_key(client_codes)
            values = {
                SERVER_URL: enrolment.server_url,
                CA_BUNDLE: enrolment.ca_bundle,
                MAX_ANSWER_MIB: None if enrolment.max_answer_mib is None else str(enrolment.max_answer_mib),
                DEVICE_TOKEN: token,
                DEVICE_ID: str(enrolment.device_id),
                OPERATOR_ID: str(enrolment.operator_id),
                ORGANISATION_ID: str(enrolment.organisation_id),
                ROLE: enrolment.role,
                TEAMS: json.dumps(enrolment.teams),
                CURSOR: None,
                LAST_SYNC_AT: None,
            }
            for key in ("restore_epoch", "restore_recovery", "restore_recovery_seqs"):
                values[key] = None
            for key, value in values.items():
                self._set(key, value)

    # --- pushing ---------------------------------------------------------------------

    def outgoing(self, limit: int) -> Outgoing:
        """The token, the cursor and the oldest `limit` pending mutations, in device order."""
        token = self._get(DEVICE_TOKEN)
        if token is None or self._get(SERVER_URL) is None:
            raise NotEnrolled("this device is not enrolled yet: run `prossimo enroll` first")
        recovery = self._recovery()
        if recovery.lost is not None:
            # Re-reading after a restore of the service: nothing is pushed until it is complete.
            return Outgoing(token, self._get(CURSOR), [], self.pending_count(), recovery.known_epoch())
        # What a recovery queued goes first: it brings back records that older pending ones name.
        recovered = recovery.seqs()
        columns = "SELECT seq, mutation_id, entity, record_id, op, changed, base_version, created_at FROM outbox"
        if recovered:  # a sort of the whole outbox, only while a recovery's rows wait
            rows = self._conn.execute(
                f"{columns} ORDER BY seq IN (SELECT value FROM json_each(?)) DESC, seq LIMIT ?",  # noqa: S608 - fixed text
                (json.dumps(recovered), limit),
            ).fetchall()
        else:
            rows = self._conn.execute(f"{columns} ORDER BY seq LIMIT ?", (limit,)).fetchall()
        mutations = [
            {
                "device_seq": seq,
                "mutation_id": mutation_id,
                "entity": entity,
                "record_id": record_id,
                "op": op,
                "changed": json.loads(changed),
                "base_version": base_version,
                "at": created_at,
            }
            for seq, mutation_id, entity, record_id, op, changed, base_version, created_at in rows
        ]
        if recovered:
            given_back = set(recovered)
            for mutation in mutations:
                if mutation["device_seq"] in given_back:
                    mutation["recovery"] = True  # a lost state given back, not an edit (see restore_recovery)
        total = len(mutations) if len(mutations) < limit else self.pending_count()
        return Outgoing(
            token=token,
            cursor=self._get(CURSOR),
            mutations=mutations,
            pending_total=total,
            restore_epoch=recovery.known_epoch(),
        )

    def pending_count(self) -> int:
        count: int = self._conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return count

    # --- applying an answer ------------------------------------------------------------

    def apply_answer(self, answer: Mapping[str, Any], sent: Iterable[dict[str, Any]]) -> AppliedAnswer:
        """Apply one `SyncResponse` (parsed JSON) whole, or nothing of it.

        `sent` are the mutations of the request this answers: their outbox rows are
        the only ones a result may confirm or refuse.
        """
        by_seq = {m["device_seq"]: m for m in sent}
        report = AppliedAnswer()
        # Records from the service skip FK checks (see the module docstring); the
        # pragma only takes effect outside a transaction, hence around it.
        self._conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with _cyclic_gc_paused(), transaction(self._conn):
                recovery = self._recovery()
                restored = self._apply_results(answer.get("results", []), by_seq, report)
                if recovery.notice(answer.get("restore"), self._get(CURSOR)):
                    # The service was restored: this page is not applied; the re-read starts over.
                    self._set(CURSOR, None)
                    report.again = True
                else:
                    self._defer_search_if_first(answer)
                    self._apply_changes(restored + list(answer.get("changes", [])), report, recovery)
                    purge = [str(team) for team in answer.get("purge_teams", [])]
                    if purge:
                        report.purged = self._purge_teams(purge)
                    self._set(CURSOR, answer["cursor"])
                    if recovery.lost is not None and not answer.get("more"):
                        recovery.finish()
                        report.again = True  # push what it queued, now
                    if not answer.get("more"):  # caught up: a deferred index is built with this page
                        search.build_deferred(self._conn)
                recovery.settle_seqs()
                report.recovered = recovery.queued
                if answer.get("new_device_token"):
                    self._set(DEVICE_TOKEN, answer["new_device_token"])
                self._save_code_key(answer.get("client_codes"))
                self._set(LAST_SYNC_AT, utc_now().isoformat())
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")
        if report.erased or report.purged:
            # The pages as they were before still sit in the WAL until it is reused:
            # copy the new ones into the file and empty the WAL (secure_delete zeroed
            # what the deletes freed), so the removed values leave the disk now.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return report

    def _apply_results(
        self, results: list[dict[str, Any]], by_seq: dict[int, dict[str, Any]], report: AppliedAnswer
    ) -> list[dict[str, Any]]:
        """Settle the outbox rows this request carried; returns the service's copies of
        records whose update or delete was refused, to be written like pulled changes."""
        now = utc_now().isoformat()
        restored = []
        for result in results:
            seq = result["device_seq"]
            mutation = by_seq.get(seq)
            if mutation is None or result["mutation_id"] != str(mutation["mutation_id"]):
                continue  # not ours to settle: never touch a row this request did not carry
            if result["status"] == "rejected":
                self._keep_rejected(mutation, result, now)
                report.rejected.append((seq, result.get("reason") or "invalid", result.get("message")))
                if result.get("record"):
                    restored.append({"entity": mutation["entity"], "record": result["record"]})
            else:
                report.confirmed += 1
            report.new_conflicts += len(result.get("conflicts") or [])
            self._conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
        return restored

    def _keep_rejected(self, mutation: dict[str, Any], result: dict[str, Any], now: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO rejected_mutation(seq, mutation_id, entity, record_id, op, changed,"
            " base_version, created_at, reason, message, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                mutation["device_seq"],
                str(mutation["mutation_id"]),
                mutation["entity"],
                mutation["record_id"],
                mutation["op"],
                json.dumps(mutation["changed"], ensure_ascii=False),
                mutation["base_version"],
                mutation["at"],
                result.get("reason") or "invalid",
                result.get("message"),
                now,
            ),
        )
        if mutation["op"] == "create" and result.get("reason") != "duplicate_id":
            # The service will never have this record: keep it only as the refused
            # mutation (which holds all of its content), so the device converges.
            self._remove_rows(SPECS[mutation["entity"]].table, "id = ?", [mutation["record_id"]])

    def _pending_by_record(self, changes: list[dict[str, Any]]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        """Local mutations still waiting to be pushed, for the records of this page."""
        ids_by_entity: dict[str, list[str]] = defaultdict(list)
        for change in changes:
            ids_by_entity[change["entity"]].append(str(change["record"]["id"]))
        pending: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for entity, ids in ids_by_entity.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                for record_id, op, changed in self._conn.execute(
                    f"SELECT record_id, op, changed FROM outbox WHERE entity = ? AND record_id IN ({marks})"  # noqa: S608 - placeholders only
                    " ORDER BY seq",
                    (entity, *chunk),
                ):
                    pending[record_id].append((op, orjson.loads(changed)))
        return pending

    def _apply_changes(
        self, changes: list[dict[str, Any]], report: AppliedAnswer, recovery: Recovery | None = None
    ) -> None:
        # One write per record: where a record comes twice, the later copy is the newer.
        changes = list({str(change["record"]["id"]): change for change in changes}.values())
        pending = self._pending_by_record(changes)
        records: dict[str, list[Any]] = defaultdict(list)
        sources: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        erased = []
        # Read once per page, not once per record (a sync_state query each time).
        recovering = recovery if recovery is not None and recovery.lost is not None else None
        for change in changes:
            entity, data = change["entity"], change["record"]
            if entity not in self._repos:
                raise ServiceDataInvalid(f"entity: the service sent an unknown kind of record ({entity})")
            if change.get("erased"):
                erased.append((entity, str(data["id"])))
                continue
            local = pending.get(str(data["id"]))
            stored = None
            if local:
                rebased = _rebase(data, local)
                stored = self._validated(entity, rebased, quiet=True)
                if stored is not None:
                    report.rebased += 1
                    data = rebased
            if recovering is not None:
                merged = recovering.merge(entity, data)  # after a restore: keep what the service lost
                if merged is not data:
                    data, stored = merged, None
            if stored is None:
                stored = self._validated(entity, data)
            records[entity].append(stored[0])
            sources[entity].append((stored[1], data))
            report.pulled += 1
        for entity in records:
            self._repos[entity].store_from_service(records[entity], sources[entity])
        # Last, so an erasure also removes anything this page wrote of the same person.
        if erased:
            report.erased += self._erase(erased)

    @overload
    def _validated(self, entity: str, data: dict[str, Any], quiet: Literal[False] = False) -> tuple[Any, str]: ...
    @overload
    def _validated(self, entity: str, data: dict[str, Any], quiet: Literal[True]) -> tuple[Any, str] | None: ...
    def _validated(self, entity: str, data: dict[str, Any], quiet: bool = False) -> tuple[Any, str] | None:
        """The record and the JSON text it was validated from (stored as is)."""
        text = orjson.dumps(data).decode()  # compact UTF-8, as json.dumps(ensure_ascii=False) but faster
        try:
            return SPECS[entity].model.model_validate_json(text), text
        except ValidationError as exc:
            if quiet:  # a rebase the service will refuse: show its copy, the push reports why
                return None
            problems = "; ".join(describe_validation_error(exc))
            raise ServiceDataInvalid(f"{entity} {data.get('id')}: {problems}; the page was not applied") from None

    def _purge_teams(self, team_ids: list[str]) -> int:
        """Remove every record of teams this operator no longer belongs to: their contacts
        with all that hangs from them, and every other record scoped to those teams."""
        marks = ", ".join("?" for _ in team_ids)
        self._start_removal()
        # `deleted IN (0, 1)` lets the (deleted, team_id, ...) index serve the lookup.
        self._conn.execute(
            f"INSERT INTO purge_contact SELECT id FROM contact"  # noqa: S608 - placeholders only
            f" WHERE deleted IN (0, 1) AND team_id IN ({marks})",
            team_ids,
        )
        scoped = [(ref.entity, f"{ref.field} IN ({marks})") for ref in team_fields() if ref.entity != "contact"]
        return self._remove_people([(SPECS[entity].table, where, team_ids) for entity, where in scoped])

    def _erase(self, erased: list[tuple[str, str]]) -> int:
        """The erasures (GDPR) of one page, in one pass: the records, what hangs from them,
        and every trace of their values."""
        self._start_removal()
        ids_by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, record_id in erased:
            ids_by_entity[entity].append(record_id)
        # An erased person not on this device still takes what names them (a refused create).
        self._conn.executemany(
            "INSERT OR IGNORE INTO purge_contact VALUES (?)",
            [(record_id,) for record_id in ids_by_entity.pop("contact", [])],
        )
        removed = sum(
            self._remove_rows(SPECS[entity].table, _BY_IDS, [json.dumps(ids)]) for entity, ids in ids_by_entity.items()
        )
        return removed + self._remove_people([])

    def _start_removal(self) -> None:
        self._conn.execute("DELETE FROM purge_contact")
        self._conn.execute("DELETE FROM purge_record")

    def _remove_people(self, extra: list[tuple[str, str, list[str]]]) -> int:
        """Remove the contacts in `purge_contact` and everything hung from them (derived from
        protocol.relations), then the `extra` rows, the records hung from any removed record
        (conflicts about them) and every pending or refused mutation of them."""
        removed = sum(self._remove_hung(entity) for entity in contact_owned_entities())
        removed += self._remove_rows("contact", "id IN purge_contact", [])
        removed += sum(self._remove_rows(table, where, params) for table, where, params in extra)
        return removed + self._remove_record_hung()

    def _remove_hung(self, entity: str) -> int:
        """Remove the records of `entity` hung from a contact in `purge_contact`. A record hung
        through a list (an appointment's people) only loses those ids while someone is left,
        as the service's erasure does."""
        table = SPECS[entity].table
        where = hung_from_contacts(self._conn, entity, "purge_contact")
        lists = [ref for ref in contact_owner_fields(entity) if ref.many]
        if not lists:
            return self._remove_rows(table, where, [])
        gone = {row[0] for row in self._conn.execute("SELECT id FROM purge_contact")}
        singles = [ref for ref in contact_owner_fields(entity) if not ref.many]
        doomed = []
        for record_id, body in self._conn.execute(f"SELECT id, body FROM {table} WHERE {where}").fetchall():  # noqa: S608 - fixed names and conditions
            data = json.loads(body)
            for ref in lists:
                data[ref.field] = [value for value in data.get(ref.field) or [] if value not in gone]
            if any(data.get(ref.field) in gone for ref in singles) or not any(data[ref.field] for ref in lists):
                doomed.append(record_id)
            else:  # someone is left: the record stays, without the removed people
                record, text = self._validated(entity, data)
                self._repos[entity].store_from_service([record], [(text, data)])
        return self._remove_rows(table, _BY_IDS, [json.dumps(doomed)])

    def _remove_record_hung(self) -> int:
        """Records hung from a removed record (a Conflict quotes values of the record it is
        about), then the pending and refused mutations of everything removed: the service
        would refuse them, and their content is data this device may no longer hold."""
        removed = sum(
            self._remove_rows(SPECS[ref.entity].table, f"{ref.field} IN purge_record", [])
            for ref in record_hung_references()
        )
        # Reading every mutation's JSON is only needed when people go.
        people = self._conn.execute("SELECT 1 FROM purge_contact LIMIT 1").fetchone() is not None
        hung = mutation_hangs_from_contacts("purge_contact") if people else "0"
        for table in ("outbox", "rejected_mutation"):
            self._conn.execute(f"DELETE FROM {table} WHERE record_id IN purge_record OR {hung}")  # noqa: S608 - fixed names
        return removed

    def _remove_rows(self, table: str, where: str, params: list[str]) -> int:
        """Delete rows of `table` with their search rows and links; their ids are added to
        `purge_record` for the conflicts and mutations that follow them."""
        conn, spec = self._conn, SPECS[table]
        # The ids first: `where` may go through a link table that is emptied below.
        conn.execute("DELETE FROM purge_batch")
        conn.execute(f"INSERT INTO purge_batch SELECT id FROM {table} WHERE {where}", params)  # noqa: S608 - fixed names, values are parameters
        conn.execute("INSERT OR IGNORE INTO purge_record SELECT id FROM purge_batch")
        if spec.fts_table is not None:  # live rows are indexed; the 'delete' needs their text
            indexed = conn.execute(
                f"SELECT rowid, body FROM {table} WHERE deleted = 0 AND id IN purge_batch"  # noqa: S608 - fixed names
            ).fetchall()
            search.unindex(conn, spec.fts_table, [(rowid, json.loads(body)) for rowid, body in indexed])
        for link, own, _ in spec.links.values():
            conn.execute(f"DELETE FROM {link} WHERE {own} IN purge_batch")  # noqa: S608 - fixed names
        return conn.execute(f"DELETE FROM {table} WHERE id IN purge_batch").rowcount  # noqa: S608 - fixed names

    # --- what the operator sees about sync --------------------------------------------------

    def status(self) -> SyncStatus:
        last = self._get(LAST_SYNC_AT)
        return SyncStatus(
            enrolled=self._get(DEVICE_TOKEN) is not None,
            pending=self.pending_count(),
            open_conflicts=self._conn.execute(
                "SELECT count(*) FROM conflict WHERE deleted = 0 AND status = 'open'"
            ).fetchone()[0],
            rejected=self._conn.execute("SELECT count(*) FROM rejected_mutation").fetchone()[0],
            last_sync_at=stored_instant(last) if last else None,
        )

    def open_conflicts(self) -> list[Conflict]:
        rows = self._conn.execute(
            "SELECT body FROM conflict WHERE deleted = 0 AND status = 'open' ORDER BY id"
        ).fetchall()
        return [Conflict.model_validate_json(body) for (body,) in rows]

    def rejected_mutations(self) -> list[RejectedMutation]:
        rows = self._conn.execute(
            "SELECT seq, entity, record_id, op, changed, reason, message, rejected_at"
            " FROM rejected_mutation ORDER BY seq"
        ).fetchall()
        return [
            RejectedMutation(seq, entity, record_id, op, json.loads(changed), reason, message, at)
            for seq, entity, record_id, op, changed, reason, message, at in rows
        ]

    # --- what the operator decides (the Sync and Settings screens) ----------------------------

    def discard_rejected(self, seq: int) -> None:
        """Forget one refused change for good. Nothing else changes: the record already
        shows the service's copy (a refused create is not on this computer any more)."""
        with transaction(self._conn):
            if self._conn.execute("DELETE FROM rejected_mutation WHERE seq = ?", (seq,)).rowcount == 0:
                raise RecordNotFound(f"no refused change with number {seq}")

    def retry_rejected(self, seq: int) -> int:
        """Queue one refused change again, as a new outbox mutation against the record as
        it is now (e.g. after the operator was added back to the team); returns its seq.

        Only for `RETRYABLE_REASONS`. In one transaction: the record is written with the
        change on top of the service's copy (as a rebase is; a refused create comes back
        with its own id, so what refers to it still does), the new outbox row is added and
        the refused one removed. Raises RecordNotFound when the record has gone from this
        computer, and the schema's ValidationError or RuleViolation when the change no
        longer fits the record.
        """
        row = self._conn.execute(
            "SELECT entity, record_id, op, changed, created_at, reason FROM rejected_mutation WHERE seq = ?", (seq,)
        ).fetchone()
        if row is None:
            raise RecordNotFound(f"no refused change with number {seq}")
        entity, record_id, op, changed_text, created_at, reason = row
        if reason not in RETRYABLE_REASONS:
            raise RuleViolation(f"reason: a change refused as {reason} would be refused again")
        spec, repository, changed = SPECS[entity], self._repos[entity], json.loads(changed_text)
        now = utc_now()
        with transaction(self._conn):
            if op == "create":
                enrolment = self.enrolment()
                if enrolment is None:
                    raise NotEnrolled("this device is not enrolled: nothing was refused by a service")
                if self._conn.execute(f"SELECT 1 FROM {spec.table} WHERE id = ?", (record_id,)).fetchone():  # noqa: S608 - the spec's table
                    raise RuleViolation("id: this record is already on this computer")
                created = stored_instant(created_at)
                data = {
                    **changed,
                    "id": record_id,
                    "created_at": created.isoformat(),
                    "updated_at": max(now, created).isoformat(),
                    "author_operator_id": str(enrolment.operator_id),
                    "author_device_id": str(enrolment.device_id),
                }
                base_version = None
            else:
                current = repository.get(record_id)
                data = current.model_dump(mode="json")
                data.update(changed if op == "update" else {"deleted": True})
                data["updated_at"] = max(now, current.updated_at).isoformat()
                base_version = current.server_version
            record = spec.model.model_validate_json(json.dumps(data))
            for name, table in spec.references.items():
                value = getattr(record, name)
                for ref in value if isinstance(value, list) else [value]:
                    if ref is not None and not self._repos[table].exists(ref):
                        raise RuleViolation(f"{name}: no {table} with id {ref}")
            body = record.model_dump_json()
            repository.store_from_service([record], [(body, json.loads(body))])
            new_seq = record_mutation(
                self._conn,
                entity=entity,
                record_id=record_id,
                op=op,
                changed=changed,
                base_version=base_version,
                at=now,
            )
            self._conn.execute("DELETE FROM rejected_mutation WHERE seq = ?", (seq,))
        return new_seq

    def update_service_address(self, server_url: str, ca_bundle: str | None) -> None:
        """Point this enrolled device at a new address of its service and/or another
        organisation CA bundle; the token, the cursor and everything else stay.

        The caller checks the URL first (`desktop.sync.transport.check_server_url`).
        """
        with transaction(self._conn):
            if self._get(DEVICE_TOKEN) is None or self._get(SERVER_URL) is None:
                raise NotEnrolled("this device is not enrolled: there is no service address to change")
            self._set(SERVER_URL, server_url)
            self._set(CA_BUNDLE, ca_bundle or None)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while one answer is applied.

    A page of 2,000 records allocates hundreds of thousands of objects (parsed dicts, models,
    row tuples) that live until the page is written, so the collector runs many passes over
    them, and its oldest generation walks every object the process holds: 14-24 % of the CPU
    of applying 100k records into a fresh store. Reference counting still frees what the page
    made as soon as it is no longer used; the few cycles (an exception's traceback) wait for the
    next collection, which runs as usual once the collector is on again, after the page. Left
    as it was if someone else turned it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _rebase(record: dict[str, Any], local: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The service's record with the device's pending changes replayed on top, oldest first."""
    merged = dict(record)
    for op, changed in local:
        if op == "delete":
            merged["deleted"] = True
        else:  # create or update: an edit against a delete brings the record back
            merged.update(changed)
            merged["deleted"] = False
    return merged
