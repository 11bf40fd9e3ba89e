"""Numbered, forward-only schema migrations keyed by `PRAGMA user_version`.

Owns: the store's schema and how it moves from one version to the next. Each
migration runs in one transaction together with the `user_version` bump, so a
crash leaves the database at the old version or the new one, never between.
Must never go backwards, never touch a database from a newer version, and never
edit a released migration (tests open a frozen v1 database and upgrade it).

Design notes:
- Every entity table has the same core columns: `rowid` (integer, the FTS key),
  `id` (UUIDv7 text), `body` (the record as protocol JSON), `updated_at`,
  `server_version`, `deleted`. Extra columns are projections for sorting,
  filtering and foreign keys; the body stays the single source of truth.
- Foreign keys are DEFERRABLE INITIALLY DEFERRED so a sync page can insert a
  note before its contact within one transaction.
- FTS tables are contentless (`content=''`): the index stores no second copy of
  the text. Since v5 they are 'secure-delete' and without `contentless_delete`: a
  row leaves through the 'delete' command and its terms leave the index blocks at
  once (erasure must leave nothing in the file).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from desktop.store.database import Connection, transaction
from desktop.store.errors import StoreTooNew


@dataclass(frozen=True)
class Migration:
    version: int
    summary: str
    apply: Callable[[Connection], None]


def _deferred_fk(column: str, table: str) -> str:
    return f"{column} TEXT REFERENCES {table}(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"


def _entity_table(name: str, *extra_columns: str) -> str:
    columns = [
        "rowid INTEGER PRIMARY KEY",
        "id TEXT NOT NULL UNIQUE",
        "body TEXT NOT NULL",
        "updated_at TEXT NOT NULL",
        "server_version INTEGER",
        "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))",
        *extra_columns,
    ]
    return f"CREATE TABLE {name} (\n  " + ",\n  ".join(columns) + "\n)"


FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', content = '', contentless_delete = 1"


def _v1_initial(conn: Connection) -> None:
    statements = [
        _entity_table("contact", "sort_name TEXT NOT NULL", "municipality TEXT", "team_id TEXT"),
        "CREATE INDEX contact_by_name ON contact(deleted, sort_name, id)",
        _entity_table(
            "relationship",
            _deferred_fk("from_contact_id", "contact") + " NOT NULL",
            _deferred_fk("to_contact_id", "contact") + " NOT NULL",
        ),
        "CREATE INDEX relationship_by_from ON relationship(from_contact_id)",
        "CREATE INDEX relationship_by_to ON relationship(to_contact_id)",
        _entity_table("consent", _deferred_fk("contact_id", "contact") + " NOT NULL"),
        "CREATE INDEX consent_by_contact ON consent(contact_id)",
        _entity_table(
            "appointment",
            "starts_at TEXT NOT NULL",
            "operator_id TEXT NOT NULL",
            "status TEXT NOT NULL",
        ),
        "CREATE INDEX appointment_by_start ON appointment(deleted, starts_at, id)",
        """CREATE TABLE appointment_contact (
  appointment_id TEXT NOT NULL REFERENCES appointment(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  contact_id TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (appointment_id, contact_id)
) WITHOUT ROWID""",
        "CREATE INDEX appointment_contact_by_contact ON appointment_contact(contact_id)",
        _entity_table("resource", "sort_name TEXT NOT NULL", "municipality TEXT NOT NULL"),
        "CREATE INDEX resource_by_name ON resource(deleted, sort_name, id)",
        _entity_table(
            "note",
            _deferred_fk("contact_id", "contact") + " NOT NULL",
            "occurred_at TEXT NOT NULL",
        ),
        "CREATE INDEX note_by_contact ON note(contact_id, occurred_at)",
        _entity_table(
            "referral",
            _deferred_fk("contact_id", "contact") + " NOT NULL",
            _deferred_fk("resource_id", "resource") + " NOT NULL",
            _deferred_fk("consent_id", "consent"),
        ),
        "CREATE INDEX referral_by_contact ON referral(contact_id)",
        _entity_table("intake_request", "received_at TEXT NOT NULL", "status TEXT NOT NULL", "team_id TEXT"),
        "CREATE INDEX intake_by_received ON intake_request(deleted, received_at, id)",
        # The mutations waiting to be pushed; `seq` is the device sequence number.
        """CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  changed TEXT NOT NULL,
  base_version INTEGER,
  created_at TEXT NOT NULL
)""",
        "CREATE INDEX outbox_by_record ON outbox(entity, record_id)",
        f"CREATE VIRTUAL TABLE contact_fts USING fts5(names, details, {FTS_OPTIONS})",
    ]
    for statement in statements:
        conn.execute(statement)


def _v2_directory_and_note_search(conn: Connection) -> None:
    """Search over the directory and case notes; a place for the sync cursor."""
    conn.execute(f"CREATE VIRTUAL TABLE resource_fts USING fts5(names, details, {FTS_OPTIONS})")
    conn.execute(f"CREATE VIRTUAL TABLE note_fts USING fts5(body, {FTS_OPTIONS})")
    conn.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    # Backfill: records written before v2 must be findable after the upgrade.
    # Imported lazily: the indexing rules live with the repositories.
    from desktop.store.search import index_note, index_resource

    for rowid, body in conn.execute("SELECT rowid, body FROM resource WHERE deleted = 0").fetchall():
        index_resource(conn, rowid, body)
    for rowid, body in conn.execute("SELECT rowid, body FROM note WHERE deleted = 0").fetchall():
        index_note(conn, rowid, body)


def _v3_sync_conflicts_and_refusals(conn: Connection) -> None:
    """What sync brings that is not an entity of the caseload: conflicts, refused mutations."""
    # Same-field races kept by the service for a person to resolve (protocol Conflict).
    conn.execute(
        _entity_table(
            "conflict",
            "status TEXT NOT NULL",
            "record_entity TEXT NOT NULL",
            "record_id TEXT NOT NULL",
            "team_id TEXT",
        )
    )
    conn.execute("CREATE INDEX conflict_by_status ON conflict(deleted, status, id)")
    conn.execute("CREATE INDEX conflict_by_record ON conflict(record_id)")
    # Mutations the service refused, kept whole with its reason: an operator's work is
    # never dropped silently, it waits here to be looked at (and fixed or discarded).
    conn.execute("""CREATE TABLE rejected_mutation (
  seq INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL,
  changed TEXT NOT NULL,
  base_version INTEGER,
  created_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT,
  rejected_at TEXT NOT NULL
)""")
    conn.execute("CREATE INDEX rejected_by_record ON rejected_mutation(record_id)")


def _v4_contact_filters(conn: Connection) -> None:
    # The Contacts screen filters 100k contacts by team and by municipality, in name
    # order; without these the team filter alone scanned every row (~260 ms).
    conn.execute("CREATE INDEX contact_by_team ON contact(deleted, team_id, sort_name, id)")
    conn.execute("CREATE INDEX contact_by_municipality ON contact(deleted, municipality, sort_name, id)")


# Since v5: contentless without `contentless_delete` (see `_v5_erasure_leaves_nothing`).
FTS_OPTIONS_V5 = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', content = ''"
_FTS_V5 = {
    "contact_fts": ("contact", "names, details"),
    "resource_fts": ("resource", "names, details"),
    "note_fts": ("note", "body"),
}


def _v5_erasure_leaves_nothing(conn: Connection) -> None:
    """Erasure and purge (GDPR) leave no value behind and find what hangs from a person by index."""
    # A contentless_delete table deletes a row by marking its rowid: the terms stay in the
    # index blocks until a merge, whatever 'secure-delete' says. So the search tables are
    # rebuilt as plain contentless tables, whose rows leave through the 'delete' command
    # with their text, and 'secure-delete' (kept in each table's %_config, so it holds for
    # every connection) then removes the terms from the blocks at once.
    from desktop.store.search import index_new

    for fts, (table, columns) in _FTS_V5.items():
        conn.execute(f"DROP TABLE {fts}")
        conn.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, {FTS_OPTIONS_V5})")
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('secure-delete', 1)")  # noqa: S608 - fixed names
        rows = conn.execute(f"SELECT rowid, body FROM {table} WHERE deleted = 0")  # noqa: S608 - fixed names
        while batch := rows.fetchmany(1000):
            index_new(conn, fts, [(rowid, json.loads(body)) for rowid, body in batch])
    # A help-desk request linked to a person is theirs (protocol.relations): erasure,
    # purge and the subject-access export look it up by person, so it gets a column.
    conn.execute("ALTER TABLE intake_request ADD COLUMN contact_id TEXT")
    conn.execute("UPDATE intake_request SET contact_id = json_extract(body, '$.contact_id')")
    conn.execute("CREATE INDEX intake_by_contact ON intake_request(contact_id)")
    # Losing a team removes its help-desk requests and conflicts: found by index, not by a scan.
    conn.execute("CREATE INDEX intake_by_team ON intake_request(team_id)")
    conn.execute("CREATE INDEX conflict_by_team ON conflict(team_id)")


def _rebuild_search_table(conn: Connection, fts: str, table: str, columns: str) -> None:
    """`fts` made anew (v5 options, 'secure-delete') and filled from every live row of `table`."""
    from desktop.store.search import index_new

    conn.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, {FTS_OPTIONS_V5})")
    conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('secure-delete', 1)")  # noqa: S608 - fixed names
    rows = conn.execute(f"SELECT rowid, body FROM {table} WHERE deleted = 0")  # noqa: S608 - fixed names
    while batch := rows.fetchmany(1000):
        index_new(conn, fts, [(rowid, json.loads(body)) for rowid, body in batch])


def _v6_numbers_and_ranked_directory(conn: Connection) -> None:
    """Phone numbers found however they are typed; the directory ranks what a service is first.

    Contacts are indexed again with every form of their number (`protocol.phones`). The
    directory's two-column `resource_fts` becomes `directory_fts`, whose columns keep a
    service's name and categories apart from its organisation and place (bm25 weights and
    ranking tiers, `desktop.store.search.directory_query`). Both are rebuilt from the stored
    bodies inside this migration's transaction: a crash leaves the v5 tables as they were.
    """
    from desktop.store.search import DIRECTORY_COLUMNS, DIRECTORY_FTS

    conn.execute("DROP TABLE contact_fts")
    _rebuild_search_table(conn, "contact_fts", "contact", "names, details")
    conn.execute("DROP TABLE resource_fts")
    _rebuild_search_table(conn, DIRECTORY_FTS, "resource", ", ".join(DIRECTORY_COLUMNS))


def _v7_deferred_search(conn: Connection) -> None:
    """A first sync may leave the search index of contacts and notes to be built once, at the
    end (`desktop.store.search.defer`): this table names the FTS tables still to be built."""
    conn.execute("CREATE TABLE search_deferred (fts TEXT PRIMARY KEY) WITHOUT ROWID")


def _v8_help_desk_slots(conn: Connection) -> None:
    """The slots a team offers at the help desk, and which request holds each (by index: the
    calendar shows every slot of a week with its hold)."""
    conn.execute(
        _entity_table("bookable_slot", "starts_at TEXT NOT NULL", "team_id TEXT NOT NULL", "state TEXT NOT NULL")
    )
    conn.execute("CREATE INDEX bookable_slot_by_start ON bookable_slot(deleted, starts_at, id)")
    conn.execute("CREATE INDEX bookable_slot_by_team ON bookable_slot(team_id)")  # losing a team purges them
    conn.execute("ALTER TABLE intake_request ADD COLUMN slot_id TEXT")
    conn.execute("UPDATE intake_request SET slot_id = json_extract(body, '$.slot_id')")
    conn.execute("CREATE INDEX intake_by_slot ON intake_request(slot_id)")


def _v9_street_outreach(conn: Connection) -> None:
    """Shifts, encounters, supply items and the stock ledger (issue 18). `team_id` on each
    team-scoped table: losing a team purges them by index (replica._purge_teams); encounters
    by shift (a summary) and by code (the near-miss hook asks `client_code IN (...)`)."""
    conn.execute(_entity_table("shift", "started_at TEXT NOT NULL", "team_id TEXT NOT NULL", "ended_at TEXT"))
    conn.execute("CREATE INDEX shift_by_start ON shift(deleted, started_at, id)")
    conn.execute("CREATE INDEX shift_by_team ON shift(team_id)")
    conn.execute(
        _entity_table(
            "encounter", "at TEXT NOT NULL", "team_id TEXT NOT NULL", "shift_id TEXT NOT NULL", "client_code TEXT"
        )
    )
    conn.execute("CREATE INDEX encounter_by_shift ON encounter(shift_id, at)")
    conn.execute("CREATE INDEX encounter_by_team ON encounter(team_id)")
    conn.execute("CREATE INDEX encounter_by_code ON encounter(client_code) WHERE client_code IS NOT NULL")
    # What each live encounter gave, one row per item: the stock of a few items is then an
    # indexed sum, not a read of every encounter (recording one flags discrepancies). Kept by
    # the repository on every write, emptied with its encounter (a purge follows `links`).
    conn.execute(
        """CREATE TABLE encounter_given (
  encounter_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (encounter_id, item_id)
) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX encounter_given_by_item ON encounter_given(team_id, item_id)")
    conn.execute(_entity_table("supply_item", "sort_name TEXT NOT NULL"))
    conn.execute(_entity_table("stock_movement", "at TEXT NOT NULL", "team_id TEXT NOT NULL", "item_id TEXT NOT NULL"))
    conn.execute("CREATE INDEX stock_movement_by_team ON stock_movement(team_id, item_id)")


def _v10_outreach_spots(conn: Connection) -> None:
    """A team's named spots (issue 18, part 6); `team_id` so losing the team purges them. An
    encounter's place stays in its body: the map's counts read a period's encounters anyway.
    The per-item sums a recorded encounter asks (stock discrepancies) read a covering index: with
    a year in the store (50,000 encounters) the old index looked up each row's quantity in the
    table, 60-100 ms for three items; the covering one is about 15 (bench/outreach_bench.py)."""
    conn.execute(_entity_table("spot", "sort_name TEXT NOT NULL", "team_id TEXT NOT NULL"))
    conn.execute("CREATE INDEX spot_by_team ON spot(team_id, sort_name)")
    conn.execute("CREATE INDEX encounter_by_team_at ON encounter(team_id, at)")
    conn.execute("DROP INDEX encounter_given_by_item")
    conn.execute("CREATE INDEX encounter_given_sums ON encounter_given(team_id, item_id, quantity)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: records, outbox, contact search", _v1_initial),
    Migration(2, "directory and case-note search, sync state", _v2_directory_and_note_search),
    Migration(3, "sync: conflicts and refused mutations", _v3_sync_conflicts_and_refusals),
    Migration(4, "contact list filters by team and municipality", _v4_contact_filters),
    Migration(5, "secure-delete search indexes; records by person and team", _v5_erasure_leaves_nothing),
    Migration(6, "phone numbers in every form, directory by name and category", _v6_numbers_and_ranked_directory),
    Migration(7, "search index built once at the end of a first sync", _v7_deferred_search),
    Migration(8, "help-desk bookable slots and the requests holding them", _v8_help_desk_slots),
    Migration(9, "street outreach: shifts, encounters, supply items, stock ledger", _v9_street_outreach),
    Migration(10, "street outreach: named spots, encounters by team and time", _v10_outreach_spots),
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def check_not_newer(conn: Connection) -> int:
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise StoreTooNew(
            f"this store has schema version {version}, written by a newer Prossimo; "
            f"this version understands up to {LATEST_VERSION}. Update Prossimo; the store "
            "was left untouched"
        )
    return version


def migrate(conn: Connection, target: int = LATEST_VERSION) -> list[int]:
    """Apply every pending migration up to `target`; return the versions applied."""
    current = check_not_newer(conn)
    applied = []
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            with transaction(conn):
                migration.apply(conn)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            applied.append(migration.version)
            current = migration.version
    return applied
