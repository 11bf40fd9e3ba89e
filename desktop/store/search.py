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


def index_contact(conn: Connection, rowid: int, body: str) -> None:
    data = json.loads(body)
    names = _join(data.get("given_name"), data.get("family_name"), data.get("alias"))
    details = _join(
        data.get("municipality"), data.get("phone"), data.get("email"), " ".join(data.get("tags", []))
    )
    _insert(conn, "contact_fts", rowid, names, details)


def index_resource(conn: Connection, rowid: int, body: str) -> None:
    data = json.loads(body)
    location = data.get("location") or {}
    names = _join(data.get("service_name"), data.get("organization_name"))
    details = _join(
        location.get("municipality"),
        location.get("address_1"),
        " ".join(data.get("categories", [])),
        " ".join(data.get("keywords", [])),
        data.get("description"),
    )
    _insert(conn, "resource_fts", rowid, names, details)


def index_note(conn: Connection, rowid: int, body: str) -> None:
    _insert(conn, "note_fts", rowid, json.loads(body).get("body", ""))


def _insert(conn: Connection, table: str, rowid: int, *columns: str) -> None:
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # noqa: S608 - fixed names
    placeholders = ", ".join("?" for _ in columns)
    conn.execute(
        f"INSERT INTO {table}(rowid, {_column_names(table)}) VALUES (?, {placeholders})",  # noqa: S608
        (rowid, *columns),
    )


_COLUMNS = {"contact_fts": "names, details", "resource_fts": "names, details", "note_fts": "body"}


def _column_names(table: str) -> str:
    return _COLUMNS[table]


def unindex(conn: Connection, table: str, rowid: int) -> None:
    conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # noqa: S608 - fixed names
