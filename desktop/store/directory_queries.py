"""Reads and writes behind the Resources screen: the directory and referrals.

Owns: searching the directory of local services (keyword over `directory_fts`,
ranked as `search.directory_query` says; category, municipality), ordering and
limiting those results by distance from a point (`find_resources_near`,
`by_distance`: `protocol.directory.order_by_distance`),
the municipalities and categories the directory holds, leaving out services that no longer
run (HSDS inactive, defunct: `protocol.directory.HIDDEN_BY_DEFAULT`) unless `include_closed`,
a contact's consents that allow a referral, and writing a referral, together
with the consent it rests on when that consent is recorded on the spot, in one
transaction (`in_one_transaction`).

Must never import Qt, never pass typed text to MATCH other than through
`search.directory_query`, and never keep a consent whose referral failed.
"""

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desktop.store import search
from desktop.store.database import transaction
from desktop.store.errors import RuleViolation
from desktop.store.repositories import RecordRepository
from desktop.store.session import StoreSession
from protocol import Consent, Referral, Resource
from protocol.directory import HIDDEN_BY_DEFAULT, Point, order_by_distance

# Consent purposes that allow a person's details to be passed to a service.
REFERRAL_PURPOSES = ("referral", "information_sharing")
DEFAULT_LIMIT = 500


# --- several repository writes, all or nothing --------------------------------------


@dataclass(frozen=True)
class Writes:
    """The repositories a multi-record write uses, bound to one open transaction."""

    contacts: RecordRepository[Any]
    consents: RecordRepository[Any]
    appointments: RecordRepository[Any]
    referrals: RecordRepository[Any]
    intake_requests: RecordRepository[Any]


@contextlib.contextmanager
def in_one_transaction(session: StoreSession) -> Iterator[Writes]:
    """Repositories whose writes commit together, or not at all (any exception rolls back)."""
    # The repositories' own transactions become savepoints of this one.
    with transaction(session.conn):
        yield Writes(
            session.contacts, session.consents, session.appointments, session.referrals, session.intake_requests
        )


# --- the directory ----------------------------------------------------------------------


def _matching(
    columns: str, text: str, category: str | None, municipality: str | None, *, include_closed: bool = False
) -> tuple[str, list[Any]] | None:
    """SELECT `columns` of the live resources matching every word of `text` (best match
    first) or, without text, all of them by name; narrowed to one category and one
    municipality. None when only separators were typed: nothing to look for."""
    conditions = ["r.deleted = 0"]
    params: list[Any] = []
    if municipality:
        conditions.append("r.municipality = ?")
        params.append(municipality)
    if category:
        conditions.append("EXISTS (SELECT 1 FROM json_each(r.body, '$.categories') c WHERE c.value = ?)")
        params.append(category)
    if not include_closed:  # a body from before statuses were kept has none: it is active
        hidden = sorted(HIDDEN_BY_DEFAULT)
        marks = ",".join("?" * len(hidden))
        conditions.append(f"COALESCE(json_extract(r.body, '$.status'), 'active') NOT IN ({marks})")
        params.extend(hidden)
    where = " AND ".join(conditions)
    query = search.directory_query(text)
    if query is not None:
        # The directory is small (hundreds, a few thousand): filter every hit, then rank,
        # so a narrow filter never hides matches cut off by an early LIMIT.
        ctes, order, tier_params = _tier_ctes(query)
        fts, weights = search.DIRECTORY_FTS, ", ".join(str(w) for w in search.DIRECTORY_WEIGHTS)
        sql = (
            f"WITH hits AS (SELECT rowid, bm25({fts}, {weights}) AS score FROM {fts} WHERE {fts} MATCH ?), "  # noqa: S608 - fixed names and weights
            f"{ctes} SELECT {columns} FROM hits JOIN resource r ON r.rowid = hits.rowid WHERE {where} "
            f"ORDER BY {order}, hits.score, r.sort_name, r.id"
        )
        return sql, [query.anywhere, *tier_params, *params]
    if text.strip():
        return None
    return f"SELECT {columns} FROM resource r WHERE {where} ORDER BY r.sort_name, r.id", params  # noqa: S608 - fixed conditions, values are parameters


def _tier_ctes(query: search.DirectoryQuery) -> tuple[str, str, list[str]]:
    """(CTEs t<word>_<tier> of the rowids in each ranking tier, the ORDER BY term adding up each
    word's first tier, their MATCH parameters): see `search.DirectoryQuery`."""
    fts = search.DIRECTORY_FTS
    ctes, terms, params = [], [], []
    for word, expressions in enumerate(query.tiers):
        cases = []
        for tier, expression in enumerate(expressions):
            name = f"t{word}_{tier}"
            ctes.append(f"{name} AS (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")  # noqa: S608 - fixed names
            cases.append(f"WHEN hits.rowid IN (SELECT rowid FROM {name}) THEN {tier}")  # noqa: S608 - fixed names
            params.append(expression)
        terms.append(f"CASE {' '.join(cases)} ELSE {len(expressions)} END")
    return ", ".join(ctes), " + ".join(terms), params


def find_resources(
    session: StoreSession,
    *,
    text: str = "",
    category: str | None = None,
    municipality: str | None = None,
    limit: int = DEFAULT_LIMIT,
    include_closed: bool = False,
) -> list[Resource]:
    """Live resources matching every word of `text` (best match first) or, without
    text, all of them by name; narrowed to one category and one municipality; inactive
    and defunct services only with `include_closed`."""
    query = _matching("r.body", text, category, municipality, include_closed=include_closed)
    if query is None:
        return []
    sql, params = query
    rows = session.conn.execute(sql + " LIMIT ?", (*params, limit)).fetchall()
    return [Resource.model_validate_json(row[0]) for row in rows]


@dataclass(frozen=True)
class NearbyResource:
    """A service and how far it is from the chosen point (None: it has no map position)."""

    resource: Resource
    distance_km: float | None


@dataclass(frozen=True)
class NearbyResources:
    """Services ordered by distance, and what the ordering had to leave aside."""

    found: list[NearbyResource]
    unplaced: int  # matches without coordinates: listed last, or left out when a radius is set
    beyond_radius: int  # matches with coordinates farther than the radius
    truncated: bool  # more than `limit` matched: only the nearest are in `found`


def find_resources_near(
    session: StoreSession,
    origin_lat: float,
    origin_lon: float,
    radius_km: float | None = None,
    text: str = "",
    category: str | None = None,
    municipality: str | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    include_closed: bool = False,
) -> NearbyResources:
    """The services `find_resources` would match, nearest to the origin first, within
    `radius_km` when one is given; at most `limit`, the nearest ones."""
    query = _matching(
        "r.id, json_extract(r.body, '$.location.latitude'), json_extract(r.body, '$.location.longitude'), r.sort_name",
        text,
        category,
        municipality,
        include_closed=include_closed,
    )
    if query is None:
        return NearbyResources([], 0, 0, False)
    sql, params = query
    # Every match, but only where it is: ordering thousands of services by distance must
    # not mean reading and validating thousands of records, only the `limit` kept.
    points = [Point(*row) for row in session.conn.execute(sql, params)]
    order = order_by_distance(points, origin_lat, origin_lon, radius_km, limit)
    bodies: dict[str, str] = {}
    kept = [rid for rid, _ in order.ids]
    for start in range(0, len(kept), _IDS_PER_QUERY):
        chunk = kept[start : start + _IDS_PER_QUERY]
        marks = ",".join("?" * len(chunk))
        bodies.update(session.conn.execute(f"SELECT id, body FROM resource WHERE id IN ({marks})", chunk).fetchall())  # noqa: S608 - only marks
    found = [NearbyResource(Resource.model_validate_json(bodies[rid]), km) for rid, km in order.ids]
    return NearbyResources(found, order.unplaced, order.beyond_radius, order.truncated)


_IDS_PER_QUERY = 500  # bound parameters per IN (...): far below SQLite's limit


def municipalities(session: StoreSession) -> list[str]:
    """The municipalities that have at least one live resource, alphabetically."""
    rows = session.conn.execute("SELECT DISTINCT municipality FROM resource WHERE deleted = 0").fetchall()
    return sorted((row[0] for row in rows), key=str.casefold)


def categories(session: StoreSession) -> set[str]:
    """The categories at least one live resource is filed under."""
    rows = session.conn.execute(
        "SELECT DISTINCT c.value FROM resource r, json_each(r.body, '$.categories') c WHERE r.deleted = 0"
    ).fetchall()
    return {row[0] for row in rows}


# --- consents and referrals -------------------------------------------------------------


def referral_consents(session: StoreSession, contact_id: uuid.UUID, at: dt.datetime) -> list[Consent]:
    """The contact's consents active at `at` that allow a referral, newest first."""
    consents = session.consents.where("contact_id", str(contact_id))
    allowed = [c for c in consents if c.purpose in REFERRAL_PURPOSES and c.is_active(at)]
    return sorted(allowed, key=lambda c: c.given_at, reverse=True)


def refer(
    session: StoreSession,
    *,
    contact_id: uuid.UUID,
    resource_id: uuid.UUID,
    consent_id: uuid.UUID | None,
    reason: str | None,
    at: dt.datetime,
) -> Referral:
    """A sent referral on the strength of an existing consent, which must allow it now."""
    if consent_id is None:
        raise RuleViolation("consent_id: choose the consent this referral rests on")
    consent = session.consents.get(consent_id)
    if consent.contact_id != contact_id:
        raise RuleViolation("consent_id: this consent belongs to someone else")
    if consent.purpose not in REFERRAL_PURPOSES or not consent.is_active(at):
        raise RuleViolation("consent_id: this consent does not allow a referral now")
    return session.referrals.create(
        contact_id=contact_id, resource_id=resource_id, consent_id=consent_id, status="sent", reason=reason
    )


def refer_with_new_consent(
    session: StoreSession,
    *,
    contact_id: uuid.UUID,
    resource_id: uuid.UUID,
    reason: str | None,
    consent: dict[str, Any],
) -> tuple[Consent, Referral]:
    """Record the consent given just now and send the referral on it, in one transaction:
    if the referral is refused, the consent is not kept either."""
    with in_one_transaction(session) as writes:
        recorded = writes.consents.create(contact_id=contact_id, **consent)
        referral = writes.referrals.create(
            contact_id=contact_id, resource_id=resource_id, consent_id=recorded.id, status="sent", reason=reason
        )
    return recorded, referral
