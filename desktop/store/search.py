"""Full-text search: what text of a record is indexed, and how a typed query is read.

Owns: the FTS5 rows of contacts, resources and notes (keyed by the entity
table's rowid) and the expressions typed text becomes: `match_expression`, which
turns what an operator types into a safe FTS5 query with prefix matching on every
word, and `directory_query`, its ranked form for the Resources screen; and the order matches
are read in (`best_first`: bm25 for up to RANK_AT_MOST matches, list order beyond, and
`list_order_sql`, the one walk of a name index). Accents are
folded by the `unicode61 remove_diacritics 2` tokenizer, so `lodi` finds "Lòdi".

Phone numbers (issue 14 item 6) are indexed in every form `protocol.phones.search_forms`
gives (as written, E.164, national with trunk prefix, digits only), and a query that is
a number also looks for the forms of what was typed: "3331234567", "+39 333 123 4567"
and "0039 333 1234567" find the same person, as do "040 123 4567" and "+358 40 1234567".

The directory index (`directory_fts`, migration 6) keeps what a service is apart from
where it is and who runs it: name, category codes, organisation, place, details. A
search ranks, word by word, services named with a typed word first, then those filed
under a category the word names (its label in it/en/fi, `protocol.taxonomy.codes_named`:
"casa", "asunto"), then prefix matches in those two, then the rest (a town, an
organisation); then by bm25 with the name and category weighing most.
Category words are read at query time, so the labels can change without a migration.
These rules (words, fields, weights, tiers, category words) are protocol.directory_search's;
this module only writes them as FTS5 expressions. The public directory on the service
(central/help/directory_index.py) applies the same rules in process.

The tables are contentless and 'secure-delete' (migration 5): a row leaves the
index through FTS5's 'delete' command, given the text it was indexed with, which
is recomputed here from the record's stored body; FTS5 then removes its terms
from the index blocks at once (a plain contentless_delete row delete only marks
them deleted, and the values stay in the file until a merge).

A first sync into an empty store defers the contacts' and notes' indexes (`defer`,
migration 7's `search_deferred` table): while a table is named there it holds no row and
every index or 'delete' write to it is skipped; `build_deferred` then indexes every live
record once, notes in one INSERT ... SELECT (`_SQL_TEXT`, the same text `_note_text`
gives), and clears the marker, in the caller's transaction.

Must never pass user text to MATCH unquoted (FTS5 syntax errors or injection
of operators), never index a tombstoned record, never index a record twice, and
never 'delete' text that is not what was indexed (that corrupts the index): so
the text of a record is only ever computed by `_INDEXED` from its stored body,
and changing what is indexed needs a migration that rebuilds the tables.
"""

import json
from dataclasses import dataclass
from typing import Any

import orjson

from desktop.store.database import Connection, OperationalError
from protocol import directory_search, phones
from protocol.directory_search import words

DIRECTORY_FTS = "directory_fts"
# Columns of `directory_fts` and their bm25 weights: the fields and weights of protocol.directory_search.
DIRECTORY_COLUMNS = directory_search.FIELDS
DIRECTORY_WEIGHTS = directory_search.WEIGHTS


def _all_words(query: str) -> str | None:
    found = words(query)
    return " AND ".join(f'"{word}"*' for word in found) if found else None


_number_forms = directory_search.number_forms


def match_expression(query: str) -> str | None:
    """`"lor"* AND "ros"*` for "Lor Ros"; None when there is nothing to look for. A number
    also matches its other forms: `("333"* AND "1234567"*) OR "3331234567"* OR "393331234567"*`."""
    expression = _all_words(query)
    forms = _number_forms(query)
    if expression is None or not forms:
        return expression
    return " OR ".join([f"({expression})", *(f'"{form}"*' for form in forms)])


# --- reading the matches in an order --------------------------------------------------------

# Up to this many matches are ranked by bm25; more are read in list order instead. Ranking
# every hit of a one-letter prefix (tens of thousands at 100k contacts) is what cost a
# search its p95, and no operator reads past the first screen of such a set anyway.
RANK_AT_MOST = 5_000


def match_count(conn: Connection, fts: str, expression: str, at_most: int) -> int:
    """How many rows of `fts` match, counted no further than `at_most` + 1 (so the count
    itself stays cheap for a query that matches everything)."""
    count: int = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",  # noqa: S608 - fixed names
        (expression, at_most + 1),
    ).fetchone()[0]
    return count


def list_order_sql(fts: str, table: str, alias: str, columns: str, order: str, conditions: str = "") -> str:
    """The walk of a table's name (order) index that stops at the LIMIT: the rows of
    `table` (as `alias`) whose rowid matches the `fts` expression, in (`order`, id) order.

    Parameters, in order: those of `conditions` (extra tests on `alias`), the MATCH
    expression, the limit. `alias`.deleted = 0 is left without a unary + on purpose, so
    SQLite walks the (deleted, order, id) index and reads no more rows than the limit
    needs; the matches become a rowid set it probes. The one copy of this statement
    (contact_queries' id search and `best_first` use it)."""
    where = f"{alias}.deleted = 0" + (f" AND {conditions}" if conditions else "")
    return (
        f"SELECT {columns} FROM {table} {alias} WHERE {where} AND {alias}.rowid IN "  # noqa: S608 - fixed names
        f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ?) ORDER BY {alias}.{order}, {alias}.id LIMIT ?"
    )


def best_first(conn: Connection, fts: str, table: str, order: str, expression: str, limit: int) -> list[str]:
    """Bodies of at most `limit` live rows of `table` matching `expression`: best match
    first (bm25) when no more than RANK_AT_MOST match, else in list order (`order`, id).

    Both give the whole answer when fewer than `limit` match; only which `limit` rows of a
    large set come back differs (the first in the list rather than the best ranked)."""
    if match_count(conn, fts, expression, RANK_AT_MOST) > RANK_AT_MOST:
        rows = conn.execute(list_order_sql(fts, table, "t", "t.body", order), (expression, limit)).fetchall()
    else:
        # Rank inside FTS5 first and fetch only the winners: joining every match to its
        # row before the LIMIT would decrypt thousands of pages. Tombstones are never in
        # the index; the `deleted` test is a guard.
        rows = conn.execute(
            f"WITH hits AS (SELECT rowid, rank FROM {fts} WHERE {fts} MATCH ? "  # noqa: S608 - fixed names
            f"ORDER BY rank LIMIT ?) "
            f"SELECT t.body FROM hits JOIN {table} t ON t.rowid = hits.rowid "
            f"WHERE t.deleted = 0 ORDER BY hits.rank",
            (expression, limit),
        ).fetchall()
    return [row[0] for row in rows]


@dataclass(frozen=True)
class DirectoryQuery:
    """What one typed query looks for in `directory_fts`, as MATCH expressions.

    `anywhere` selects the hits. `tiers` rank them: for each typed word, whether it is a
    whole word of the name; a whole word of the name or a category the word names; a
    prefix in the name or a category. A hit's rank adds up, word by word, the first of
    these it matches (0, 1, 2; 3 for none), so in "casa lodi" the service named "Sportello
    casa" in Lodi comes before one whose name merely starts with "Casa…" and "Lodi…"."""

    anywhere: str
    tiers: tuple[tuple[str, str, str], ...]  # per word: (named, filed, led)


def _in_categories(codes: tuple[str, ...]) -> list[str]:
    # A code is a phrase of its words ("mental_health" -> mental health), as the tokenizer split it.
    return [f'category : "{code}"' for code in codes]


def _either(*alternatives: str) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def directory_query(query: str) -> DirectoryQuery | None:
    """The ranked search of the directory for `query`; None when there is nothing to look for."""
    rules = directory_search.word_rules(query)
    if not rules:
        return None
    anywhere, tiers = [], []
    for rule in rules:
        word, whole, prefix = rule.word, rule.named_whole, rule.named_by_prefix
        anywhere.append(_either(f'"{word}"*', *_in_categories(prefix)))
        tiers.append(
            (
                f'name : "{word}"',
                _either(f'{{name category}} : "{word}"', *_in_categories(whole)),
                _either(f'{{name category}} : "{word}"*', *_in_categories(prefix)),
            )
        )
    every = " AND ".join(anywhere)
    forms = _number_forms(query)
    if forms:  # a service's phone numbers are in its details, in every form
        every = " OR ".join([f"({every})", *(f'"{form}"*' for form in forms)])
    return DirectoryQuery(every, tuple(tiers))


def _join(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


def _number_text(number: str | None, region: str = phones.DEFAULT_REGION) -> str:
    return " ".join(phones.search_forms(number, region)) if number else ""


def _contact_text(data: dict[str, Any]) -> tuple[str, ...]:
    names = _join(data.get("given_name"), data.get("family_name"), data.get("alias"))
    details = _join(
        data.get("municipality"),
        data.get("phone"),
        _number_text(data.get("phone")),
        data.get("email"),
        " ".join(data.get("tags", [])),
    )
    return names, details


_directory_text = directory_search.indexed_text  # the columns of DIRECTORY_COLUMNS


def _legacy_resource_text(data: dict[str, Any]) -> tuple[str, ...]:
    """The text of `resource_fts` (migrations 2 to 5), which migration 6 replaces by
    `directory_fts`: kept so those migrations still fill the table they made."""
    location = data.get("location") or {}
    names = _join(data.get("service_name"), data.get("organization_name"))
    details = _join(
        location.get("municipality"),
        location.get("address_1"),
        " ".join(data.get("categories", [])),
        " ".join(data.get("keywords", [])),
        data.get("description"),
    )
    return names, details


def _note_text(data: dict[str, Any]) -> tuple[str, ...]:
    return (data.get("body", ""),)


# FTS table -> (its columns, what of a record goes in them)
_INDEXED = {
    "contact_fts": ("names, details", _contact_text),
    DIRECTORY_FTS: (", ".join(DIRECTORY_COLUMNS), _directory_text),
    "resource_fts": ("names, details", _legacy_resource_text),
    "note_fts": ("body", _note_text),
}


# The indexes a first sync may build once at the end, and the table each one indexes.
DEFERRABLE = {"contact_fts": "contact", "note_fts": "note"}
# What `_INDEXED` computes for a table, as SQL over the stored `body`, for a build in one
# statement. Must give the very text of the Python function (tests/store/test_search_deferral.py).
_SQL_TEXT = {"note_fts": "coalesce(json_extract(body, '$.body'), '')"}


def defer(conn: Connection) -> None:
    """Leave the DEFERRABLE indexes empty until `build_deferred`. Only for a store holding no
    contact and no note (the caller checks), so each table named deferred has no row."""
    conn.executemany("INSERT OR IGNORE INTO search_deferred(fts) VALUES (?)", [(fts,) for fts in DEFERRABLE])


def deferred(conn: Connection) -> set[str]:
    """The indexes still to be built (empty when search finds every record)."""
    try:
        return {row[0] for row in conn.execute("SELECT fts FROM search_deferred")}
    except OperationalError:  # before migration 7 (a migration rebuilding an index): nothing is deferred
        return set()


def build_deferred(conn: Connection) -> int:
    """Index every live record of each deferred table and clear the marker; returns the rows indexed."""
    tables = sorted(deferred(conn))
    if not tables:
        return 0
    conn.execute("DELETE FROM search_deferred")
    indexed = 0
    for fts in tables:
        source, columns = DEFERRABLE[fts], _INDEXED[fts][0]
        if fts in _SQL_TEXT:
            indexed += conn.execute(
                f"INSERT INTO {fts}(rowid, {columns}) SELECT rowid, {_SQL_TEXT[fts]}"  # noqa: S608 - fixed names
                f" FROM {source} WHERE deleted = 0"
            ).rowcount
            continue
        rows = conn.execute(f"SELECT rowid, body FROM {source} WHERE deleted = 0")  # noqa: S608 - fixed names
        while batch := rows.fetchmany(2000):
            _write(conn, fts, "", [(rowid, orjson.loads(body)) for rowid, body in batch])
            indexed += len(batch)
    return indexed


def index_contact(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, "contact_fts", [(rowid, json.loads(body))])


def index_resource(conn: Connection, rowid: int, body: str) -> None:
    """Into the old `resource_fts`: only migration 2 calls this (see `_legacy_resource_text`)."""
    index_new(conn, "resource_fts", [(rowid, json.loads(body))])


def index_directory(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, DIRECTORY_FTS, [(rowid, json.loads(body))])


def index_note(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, "note_fts", [(rowid, json.loads(body))])


def index_new(conn: Connection, table: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Index live records that have no row in `table` (new, or just unindexed), in one statement."""
    _write(conn, table, "", rows)


def unindex(conn: Connection, table: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Take indexed (live) records out of `table`: `rows` are their rowids and their stored
    bodies, parsed. Through the 'delete' command, so 'secure-delete' erases their terms."""
    _write(conn, table, "'delete', ", rows)


def _write(conn: Connection, table: str, command: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
    if not rows or (table in DEFERRABLE and table in deferred(conn)):
        return  # a deferred index is built whole at the end (see `build_deferred`)
    columns, text_of = _INDEXED[table]
    width = columns.count(",") + 1
    placeholders = ", ".join("?" for _ in range(width))
    into = f"{table}, rowid, {columns}" if command else f"rowid, {columns}"
    conn.executemany(
        f"INSERT INTO {table}({into}) VALUES ({command}?, {placeholders})",  # noqa: S608 - fixed names
        [(rowid, *text_of(data)) for rowid, data in rows],
    )
