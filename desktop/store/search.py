"""Full-text search: what text of a record is indexed, and how a typed query is read.

Owns: the FTS5 rows of contacts, resources and notes (keyed by the entity
table's rowid) and `match_expression`, which turns what an operator types into a
safe FTS5 query with prefix matching on every word. Accents are folded by the
`unicode61 remove_diacritics 2` tokenizer, so `lodi` finds "Lòdi".

The tables are contentless and 'secure-delete' (migration 5): a row leaves the
index through FTS5's 'delete' command, given the text it was indexed with, which
is recomputed here from the record's stored body; FTS5 then removes its terms
from the index blocks at once (a plain contentless_delete row delete only marks
them deleted, and the values stay in the file until a merge).

Must never pass user text to MATCH unquoted (FTS5 syntax errors or injection
of operators), never index a tombstoned record, never index a record twice, and
never 'delete' text that is not what was indexed (that corrupts the index): so
the text of a record is only ever computed by `_INDEXED` from its stored body,
and changing what is indexed needs a migration that rebuilds the tables.
"""

import json
import re

from desktop.store.database import Connection

# Characters that separate words for our purposes; FTS5 tokenizes the rest.
_WORD = re.compile(r"[^\s\"'*^:(){}\[\],;+]+")
MAX_QUERY_WORDS = 8


def match_expression(query: str) -> str | None:
    """`"lor"* AND "ros"*` for "Lor Ros"; None when there is nothing to look for."""
    words = _WORD.findall(query)[:MAX_QUERY_WORDS]
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


def _join(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


def _contact_text(data: dict) -> tuple[str, ...]:
    names = _join(data.get("given_name"), data.get("family_name"), data.get("alias"))
    details = _join(
        data.get("municipality"), data.get("phone"), data.get("email"), " ".join(data.get("tags", []))
    )
    return names, details


def _resource_text(data: dict) -> tuple[str, ...]:
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


def _note_text(data: dict) -> tuple[str, ...]:
    return (data.get("body", ""),)


# FTS table -> (its columns, what of a record goes in them)
_INDEXED = {
    "contact_fts": ("names, details", _contact_text),
    "resource_fts": ("names, details", _resource_text),
    "note_fts": ("body", _note_text),
}


def index_contact(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, "contact_fts", [(rowid, json.loads(body))])


def index_resource(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, "resource_fts", [(rowid, json.loads(body))])


def index_note(conn: Connection, rowid: int, body: str) -> None:
    index_new(conn, "note_fts", [(rowid, json.loads(body))])


def index_new(conn: Connection, table: str, rows: list[tuple[int, dict]]) -> None:
    """Index live records that have no row in `table` (new, or just unindexed), in one statement."""
    _write(conn, table, "", rows)


def unindex(conn: Connection, table: str, rows: list[tuple[int, dict]]) -> None:
    """Take indexed (live) records out of `table`: `rows` are their rowids and their stored
    bodies, parsed. Through the 'delete' command, so 'secure-delete' erases their terms."""
    _write(conn, table, "'delete', ", rows)


def _write(conn: Connection, table: str, command: str, rows: list[tuple[int, dict]]) -> None:
    if not rows:
        return
    columns, text_of = _INDEXED[table]
    width = columns.count(",") + 1
    placeholders = ", ".join("?" for _ in range(width))
    into = f"{table}, rowid, {columns}" if command else f"rowid, {columns}"
    conn.executemany(
        f"INSERT INTO {table}({into}) VALUES ({command}?, {placeholders})",  # noqa: S608 - fixed names
        [(rowid, *text_of(data)) for rowid, data in rows],
    )
