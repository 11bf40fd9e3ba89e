"""The reads behind the Contacts screen: ordered ids, row blocks, search, filter options, detail.

Owns: every SQL statement the contact list and the contact detail need, shaped
for a list of 100k contacts that is never loaded whole:
- `ordered_ids` / `search_ids`: only the ids, in list order (the covering index
  contact_by_name; a search is capped at `SEARCH_LIMIT`, and sorts a small match set
  itself rather than walk the index);
- `rows_for`: the columns of one block of rows, as small frozen dataclasses;
- `filter_options_chunk`: municipalities and tags, a slice of the table at a time,
  so the one full scan they need never holds the store thread for long;
- `contact_bundle`: one contact with its consents, relationships, timeline, referrals.

Filters: `municipality` is a projected column, tags live in the JSON body. Both also
sit in contact_fts's `details` column, so a filter first narrows the candidates
through the FTS index and then checks the exact value on the row (the index alone
would also match a municipality word inside an email address). The team has no
index (see `ContactFilter`).

Must never import Qt, never return every row's contents at once, and never pass
typed text to MATCH unquoted (`desktop.store.search` builds the expressions).
"""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from desktop.store import search
from desktop.store.session import StoreSession
from protocol import Appointment, Consent, Contact, Note, Referral, Relationship, directory_search

SEARCH_LIMIT = 1_000
# Up to this many matches, a search reads them all and sorts them here; beyond, it walks
# the name index (see search_ids).
SORT_AT_MOST = 1_500
# The store has no ANALYZE statistics, so on `deleted = 0` SQLite picks the name index
# and walks all 100k entries; the unary + keeps it on the id / rowid lookups instead.
_LIVE = "+c.deleted = 0"
# The property's getter, applied to a stand-in holding the three name fields (see _row).
_DISPLAY_NAME: Callable[[Any], str] = Contact.display_name.fget  # type: ignore[attr-defined]  # mypy reads a property on its class as its getter
OPTIONS_CHUNK = 5_000  # rows per filter-options step: ~15-20 ms of store time


@dataclass(frozen=True)
class ContactFilter:
    """What the list is narrowed to; None means "any".

    A team-only filter scans the table (~0.2 s at 100k contacts): there is no
    index on team_id, and adding one is a schema migration.
    """

    team_id: uuid.UUID | None = None
    municipality: str | None = None
    tag: str | None = None

    @property
    def empty(self) -> bool:
        return self.team_id is None and self.municipality is None and self.tag is None


@dataclass(frozen=True)
class ContactRow:
    """What one line of the contact list shows."""

    id: uuid.UUID
    name: str  # display name; the alias alone for a pseudonymous contact
    pseudonymous: bool
    municipality: str | None
    team_id: uuid.UUID | None
    phone: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class SearchResult:
    ids: list[str]
    truncated: bool  # more matches exist than `ids` holds
    # A first sync is still to build the search index (`Replica.search_index_complete`): some are missed.
    incomplete: bool = False


# --- the list -----------------------------------------------------------------------------


def _phrase(column: str, text: str) -> str | None:
    """`details : "città di castello"`: the words of `text` as one phrase in one FTS column."""
    words = directory_search.words(text)
    if not words or not any(ch.isalnum() for ch in text):
        return None  # no word the tokenizer would index ("-"): the exact test alone decides
    return f'{column} : "{" ".join(words)}"'


def _filter_sql(filters: ContactFilter) -> tuple[list[str], list[object], list[str]]:
    """(conditions on contact `c`, their parameters, FTS expressions that must also match)."""
    conditions: list[str] = []
    params: list[object] = []
    fts: list[str] = []
    if filters.team_id is not None:
        conditions.append("c.team_id = ?")
        params.append(str(filters.team_id))
    if filters.municipality is not None:
        conditions.append("c.municipality = ?")
        params.append(filters.municipality)
        phrase = _phrase("details", filters.municipality)
        if phrase:
            fts.append(phrase)
    if filters.tag is not None:
        conditions.append("EXISTS (SELECT 1 FROM json_each(c.body, '$.tags') WHERE value = ?)")
        params.append(filters.tag)
        phrase = _phrase("details", filters.tag)
        if phrase:
            fts.append(phrase)
    return conditions, params, fts


def ordered_ids(session: StoreSession, filters: ContactFilter = ContactFilter()) -> list[str]:
    """Ids of live contacts sorted by (sort_name, id): the whole list, without contents."""
    if filters.empty:
        # Covering index contact_by_name(deleted, sort_name, id): no table page is read.
        rows = session.conn.execute("SELECT id FROM contact WHERE deleted = 0 ORDER BY sort_name, id").fetchall()
        return [row[0] for row in rows]
    conditions, params, fts = _filter_sql(filters)
    if fts:
        where = " AND ".join([_LIVE, *conditions])
        # FTS candidates first, then the exact test on each candidate row by rowid.
        sql = (
            f"SELECT c.id FROM contact_fts f JOIN contact c ON c.rowid = f.rowid "  # noqa: S608 - fixed text
            f"WHERE contact_fts MATCH ? AND {where} ORDER BY c.sort_name, c.id"
        )
        params.insert(0, " AND ".join(fts))
    else:
        # Team only: the covering index contact_by_team(deleted, team_id, sort_name, id), v4.
        where = " AND ".join(["c.deleted = 0", *conditions])
        sql = f"SELECT c.id FROM contact c WHERE {where} ORDER BY c.sort_name, c.id"  # noqa: S608 - fixed conditions, values are parameters
    return [row[0] for row in session.conn.execute(sql, params).fetchall()]


def search_ids(
    session: StoreSession, text: str, filters: ContactFilter = ContactFilter(), *, limit: int = SEARCH_LIMIT
) -> SearchResult:
    """Ids of live contacts matching every typed word as a prefix, in list order, at most `limit`.

    In list (name) order rather than by FTS rank: the results read like the list they
    replace. Two plans, chosen by a capped count of the matches: up to SORT_AT_MOST
    matches are read by rowid from the index and sorted here (a few ms); more are found
    by walking the name index until `limit` of them turn up (`search.list_order_sql`),
    which reads no more of a one-letter prefix's 25k matches than the first screen needs.
    """
    expression = search.match_expression(text)
    if expression is None:
        return SearchResult([], False)
    conditions, params, fts = _filter_sql(filters)
    match = " AND ".join([f"({expression})", *fts])
    if search.match_count(session.conn, "contact_fts", match, SORT_AT_MOST) <= SORT_AT_MOST:
        where = " AND ".join([_LIVE, *conditions])
        # No ORDER BY: SQLite would walk the name index for it; the FTS hits come first.
        sql = (
            f"SELECT c.sort_name, c.id FROM contact_fts f JOIN contact c ON c.rowid = f.rowid "  # noqa: S608 - fixed text
            f"WHERE contact_fts MATCH ? AND {where}"
        )
        # Python's str order is SQLite's BINARY order (code points, as UTF-8 bytes compare).
        found = sorted(session.conn.execute(sql, [match, *params]).fetchall())
        ids = [row[1] for row in found[: limit + 1]]
    else:
        sql = search.list_order_sql("contact_fts", "contact", "c", "c.id", "sort_name", " AND ".join(conditions))
        ids = [row[0] for row in session.conn.execute(sql, [*params, match, limit + 1]).fetchall()]
    return SearchResult(ids[:limit], len(ids) > limit, not session.replica.search_index_complete())


def _row(contact_id: str, body: str) -> ContactRow:
    data = json.loads(body)
    # The naming rule is the schema's own (Contact.display_name), applied to the three
    # fields alone: building a Contact per row would cost ~80 us, 16 ms per block.
    names = SimpleNamespace(
        given_name=data.get("given_name"), family_name=data.get("family_name"), alias=data.get("alias")
    )
    team = data.get("team_id")
    return ContactRow(
        id=uuid.UUID(contact_id),
        name=_DISPLAY_NAME(names),
        pseudonymous=data.get("kind") == "pseudonymous",
        municipality=data.get("municipality"),
        team_id=uuid.UUID(team) if team else None,
        phone=data.get("phone"),
        tags=tuple(data.get("tags") or ()),
    )


def rows_for(session: StoreSession, ids: list[str]) -> dict[str, ContactRow]:
    """{id: row} for the live contacts among `ids` (a block of the list, a few hundred)."""
    found: dict[str, ContactRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.conn.execute(
            f"SELECT id, body FROM contact WHERE +deleted = 0 AND id IN ({', '.join('?' for _ in chunk)})",  # noqa: S608 - placeholders only
            chunk,
        ).fetchall()
        for contact_id, body in rows:
            found[contact_id] = _row(contact_id, body)
    return found


# --- filter options -------------------------------------------------------------------------


@dataclass(frozen=True)
class FilterOptions:
    municipalities: frozenset[str]
    tags: frozenset[str]
    next_rowid: int | None  # pass back as `after_rowid`; None when the table is done


def filter_options_chunk(session: StoreSession, after_rowid: int = 0, size: int = OPTIONS_CHUNK) -> FilterOptions:
    """Distinct municipalities and tags of `size` contacts after `after_rowid`.

    Tags exist only inside the JSON bodies (the FTS index is contentless and splits
    them into words), so finding them all reads every body once. Done in slices so
    a search typed meanwhile waits for one slice, not for the whole table.
    """
    rows = session.conn.execute(
        "SELECT rowid, municipality, deleted, json_extract(body, '$.tags') FROM contact "
        "WHERE rowid > ? ORDER BY rowid LIMIT ?",
        (after_rowid, size),
    ).fetchall()
    municipalities: set[str] = set()
    tags: set[str] = set()
    for _rowid, municipality, deleted, tag_json in rows:
        if deleted:
            continue
        if municipality:
            municipalities.add(municipality)
        if tag_json and tag_json != "[]":
            tags.update(json.loads(tag_json))
    next_rowid = rows[-1][0] if len(rows) == size else None
    return FilterOptions(frozenset(municipalities), frozenset(tags), next_rowid)


# --- the detail -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedContact:
    relationship: Relationship
    other_id: uuid.UUID
    other_name: str
    outgoing: bool  # True: this contact is the `kind` of the other one


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    note: Note | None = None
    appointment: Appointment | None = None


@dataclass(frozen=True)
class ReferralLine:
    referral: Referral
    resource_name: str


@dataclass(frozen=True)
class ContactBundle:
    contact: Contact
    consents: list[Consent] = field(default_factory=list)
    relationships: list[RelatedContact] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)  # newest first
    referrals: list[ReferralLine] = field(default_factory=list)
    amended_note_ids: frozenset[uuid.UUID] = frozenset()  # notes a later note corrects


def contact_bundle(session: StoreSession, contact_id: uuid.UUID | str) -> ContactBundle:
    """Everything the detail page shows about one live contact (RecordNotFound if gone)."""
    contact = session.contacts.get(contact_id)
    key = str(contact.id)
    conn = session.conn
    consents = [
        Consent.model_validate_json(row[0])
        for row in conn.execute("SELECT body FROM consent WHERE contact_id = ? AND deleted = 0 ORDER BY id", (key,))
    ]
    related = []
    for body, other_body in conn.execute(
        "SELECT r.body, o.body FROM relationship r JOIN contact o ON o.id = "
        "CASE WHEN r.from_contact_id = ?1 THEN r.to_contact_id ELSE r.from_contact_id END "
        "WHERE (r.from_contact_id = ?1 OR r.to_contact_id = ?1) AND r.deleted = 0 AND o.deleted = 0 "
        "ORDER BY r.id",
        (key,),
    ):
        relationship = Relationship.model_validate_json(body)
        other = Contact.model_validate_json(other_body)
        related.append(
            RelatedContact(
                relationship, other.id, other.display_name, outgoing=relationship.from_contact_id == contact.id
            )
        )
    notes = [
        Note.model_validate_json(row[0])
        for row in conn.execute("SELECT body FROM note WHERE contact_id = ? AND deleted = 0", (key,))
    ]
    appointments = [
        Appointment.model_validate_json(row[0])
        for row in conn.execute(
            "SELECT a.body FROM appointment a JOIN appointment_contact l ON l.appointment_id = a.id "
            "WHERE l.contact_id = ? AND a.deleted = 0",
            (key,),
        )
    ]
    timeline = [TimelineEntry(n.occurred_at, note=n) for n in notes]
    timeline += [TimelineEntry(a.starts_at, appointment=a) for a in appointments]
    timeline.sort(key=lambda entry: (entry.at, (entry.note or entry.appointment).id), reverse=True)  # type: ignore[union-attr]
    referrals = []
    for body, resource_body in conn.execute(
        "SELECT r.body, s.body FROM referral r LEFT JOIN resource s ON s.id = r.resource_id "
        "WHERE r.contact_id = ? AND r.deleted = 0 ORDER BY r.id DESC",
        (key,),
    ):
        referral = Referral.model_validate_json(body)
        name = ""
        if resource_body:
            resource = json.loads(resource_body)
            parts = (resource.get("service_name"), resource.get("organization_name"))
            name = " · ".join(part for part in parts if part)
        referrals.append(ReferralLine(referral, name))
    amended = frozenset(n.amends_note_id for n in notes if n.amends_note_id is not None)
    return ContactBundle(contact, consents, related, timeline, referrals, amended)
