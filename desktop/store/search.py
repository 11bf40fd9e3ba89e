"""Full-text search: what text of a record is indexed, and how a typed query is read.

Owns: the FTS5 rows of contacts, resources and notes (keyed by the entity
table's rowid) and `match_expression`, which turns what an operator types into a
safe FTS5 query with prefix matching on every word. Accents are folded by the
`unicode61 remove_diacritics 2` tokenizer, so `lodi` finds "Lòdi".
Must never pass user text to MATCH unquoted (FTS5 syntax errors or injection
of operators) and never index a tombstoned record.
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
    _insert(conn, "contact_fts", rowid, body)


def index_resource(conn: Connection, rowid: int, body: str) -> None:
    _insert(conn, "resource_fts", rowid, body)


def index_note(conn: Connection, rowid: int, body: str) -> None:
    _insert(conn, "note_fts", rowid, body)


def _insert(conn: Connection, table: str, rowid: int, body: str) -> None:
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # noqa: S608 - fixed names
    index_new(conn, table, [(rowid, json.loads(body))])


def index_new(conn: Connection, table: str, rows: list[tuple[int, dict]]) -> None:
    """Index records that have no row in `table` yet, in one statement (a sync page)."""
    columns, text_of = _INDEXED[table]
    width = columns.count(",") + 1
    placeholders = ", ".join("?" for _ in range(width))
    conn.executemany(
        f"INSERT INTO {table}(rowid, {columns}) VALUES (?, {placeholders})",  # noqa: S608 - fixed names
        [(rowid, *text_of(data)) for rowid, data in rows],
    )


def unindex(conn: Connection, table: str, rowid: int) -> None:
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # noqa: S608 - fixed names
