"""The HSDS 3.1 read API: `/hsds/`, `/hsds/services`, `/hsds/services/{id}`; public, read-only, no login.

Owns: which services the public sees (`protocol.directory.is_public`: live, and not HIDDEN_BY_DEFAULT:
inactive and defunct services are left out; "temporarily closed" ones are listed with that
status), the API's pages (the HSDS `Page` envelope, 1-based `page`, `per_page` up to
PER_PAGE_MAX) and filters (`modified_after`, `organization_id`, `taxonomy_term_id`,
`taxonomy_id`, `full`), the per-address rate limit, and the caching headers (a weak ETag from
the directory's change sequence, answered 304 when the client has it).

The service objects are `protocol.hsds.compiled_services`, the same mapping as the HSDS JSON
export, under the same ids (`protocol.hsds.common.place_all` over every live entry, hidden ones
included, so an id does not change when another service is hidden or shown again). The API adds
`last_modified` (the newest `updated_at` of the service's entries; the service's own clock). The
directories of every organisation on this service are listed together, oldest entry first, so a
new service lands on the last page and a harvester paging through misses nothing.

The compiled directory is kept in memory per process, keyed by a tag of the directory rows (per
organisation: highest change sequence and row count); every request reads the tag (an index
read), and only a changed directory is read again. The rate limit is per process too (fixed,
clock-aligned windows per client address, IPv6 by /64): with `serve --workers N` an address may
get up to N times the limit. It lives in memory, not in the database, so that reading the API
never writes (a write per GET would queue behind the syncs for the writers' lock).

Must never write to the database, answer a hidden service other than as an unknown one (404),
silently ignore a filter of the HSDS API it does not offer (`search`, `minimal` answer 422),
hold a client address in clear (HMAC under the service's key, as the other throttles), or put a
request value into a log line or an error message.
"""

import dataclasses
import datetime as dt
import hashlib
import ipaddress
import math
import threading
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from central import errors, security
from central.models import Organisation, StoredRecord
from protocol import Resource
from protocol import directory as directory_rules
from protocol.hsds import compiled_services
from protocol.hsds.common import place_all
from protocol.messages import FieldProblem, ProblemAnswer

PREFIX = "/hsds"
HSDS_VERSION = "3.1"
# Part of every ETag: bump it when the answers' shape changes, so a client's old copy is not "current".
API_REVISION = "1"
PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 100  # full services are a few kB each: a page stays well under a megabyte
ID_MAX = 200  # characters of an id given as a filter; HSDS ids are UUIDs (36)
REQUESTS_PER_WINDOW = 300  # per client address: a harvest of 300 services one by one fits in a minute
RATE_WINDOW = dt.timedelta(minutes=1)
TRACKED_MAX = 50_000  # addresses counted at once; past it, new ones share one count (a flood from many)
CACHE_CONTROL = "public, max-age=60"
# Filters of the HSDS API this one does not offer: asked for, they answer 422 rather than an
# unfiltered list the client would take for a filtered one.
NOT_OFFERED = {
    "search": "not offered by this API; filter by taxonomy_term_id, taxonomy_id or organization_id",
    "minimal": "not offered by this API; use modified_after to fetch only what changed",
    "postcode": "not offered by this API",
    "proximity": "not offered by this API",
}
SPEC = "https://raw.githubusercontent.com/openreferral/specification/abc731c8ac11825010e9d74a0ab61dcd48e880ec/schema"
MODIFIED_AFTER_RULE = "must be a date and time in ISO 8601, such as 2026-05-01T00:00:00Z (in a URL, write + as %2B)"


# --- what the public sees ---------------------------------------------------------------------


def is_public(resource: Resource) -> bool:
    """A live entry whose service still runs (temporarily closed counts: it is listed, with its status)."""
    return directory_rules.is_public(resource.status, resource.deleted)


@dataclasses.dataclass(frozen=True)
class Listed:
    """One public service: the full object, its one-to-one fields (list items), and what filters read."""

    full: dict[str, Any]
    summary: dict[str, Any]
    modified: dt.datetime
    organization_id: str
    term_ids: frozenset[str]
    taxonomies: frozenset[str]


@dataclasses.dataclass(frozen=True)
class Snapshot:
    tag: str
    services: list[Listed]
    by_id: dict[str, Listed]

    @property
    def etag(self) -> str:
        return f'W/"{self.tag}"'


def _directory_rows() -> Any:
    return (StoredRecord.entity == "resource", StoredRecord.team_id.is_(None))


def _tag_query() -> Any:
    # One correlated lookup per organisation: each uses the (organisation_id, team_id, version)
    # index, where a plain GROUP BY over the record table would read every team's records.
    where = (StoredRecord.organisation_id == Organisation.id, *_directory_rows())
    highest = select(func.max(StoredRecord.version)).where(*where).scalar_subquery()
    rows = select(func.count()).select_from(StoredRecord).where(*where).scalar_subquery()
    return select(Organisation.id, highest, rows)


def _tag(per_organisation: list[tuple[Any, Any, Any]]) -> str:
    # Every change of a directory row takes a new change sequence number, so the highest one and
    # the count (which also sees a row removed) name the directory's content.
    parts = sorted(f"{org}:{int(top)}:{int(n)}" for org, top, n in per_organisation if n)
    return hashlib.sha256(f"{API_REVISION}|{'|'.join(parts)}".encode()).hexdigest()[:32]


def _load(session: Session) -> Snapshot:
    """The public directory and its tag, from one statement (one snapshot of the rows)."""
    orgs = [org for org, _, n in session.execute(_tag_query()).all() if n]
    rows = session.execute(
        select(
            StoredRecord.organisation_id,
            StoredRecord.version,
            StoredRecord.deleted,
            StoredRecord.erased,
            StoredRecord.body,
        )
        .where(StoredRecord.organisation_id.in_(orgs), *_directory_rows())
        .order_by(StoredRecord.created_version, StoredRecord.id)
    ).all()
    counts: dict[Any, list[int]] = {}
    resources = []
    for org, version, deleted, erased, body in rows:
        top, n = counts.get(org, [0, 0])
        counts[org] = [max(top, version), n + 1]
        if not (deleted or erased):
            resources.append(Resource.model_validate_json(body))
    placed = [one for one in place_all(resources) if is_public(one.resource)]
    modified: dict[str, dt.datetime] = {}
    for one in placed:
        when = one.resource.updated_at
        modified[one.service_id] = max(when, modified.get(one.service_id, when))
    services = []
    for service in compiled_services(placed):
        service["last_modified"] = modified[service["id"]].isoformat()
        terms = [attribute["taxonomy_term"] for attribute in service["attributes"]]
        services.append(
            Listed(
                full=service,
                summary={key: value for key, value in service.items() if not isinstance(value, list)},
                modified=modified[service["id"]],
                organization_id=service["organization"]["id"],
                term_ids=frozenset(term["id"] for term in terms),
                taxonomies=frozenset(term.get("taxonomy_id") or term["taxonomy"] for term in terms),
            )
        )
    tag = _tag([(org, top, n) for org, (top, n) in counts.items()])
    return Snapshot(tag, services, {listed.full["id"]: listed for listed in services})


class Directory:
    """The compiled public directory of this process, read again only when its tag changes."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._snapshot: Snapshot | None = None
        self._loading = threading.Lock()  # one reload at a time; the others wait and share it

    def current(self) -> Snapshot:
        with self.sessions() as session:
            tag = _tag([tuple(row) for row in session.execute(_tag_query()).all()])
        snapshot = self._snapshot
        if snapshot is not None and snapshot.tag == tag:
            return snapshot
        with self._loading:
            snapshot = self._snapshot
            if snapshot is None or snapshot.tag != tag:
                with self.sessions() as session:
                    snapshot = self._snapshot = _load(session)
            return snapshot


# --- the rate limit ---------------------------------------------------------------------------


class RateLimited(Exception):
    def __init__(self, retry_after: dt.timedelta) -> None:
        super().__init__("too many requests from this address")
        self.retry_after = retry_after


def _bucket(address: str) -> str:
    # One IPv6 subscriber usually has a whole /64: counting single addresses would not limit it.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class RateLimit:
    """REQUESTS_PER_WINDOW requests per address in each clock-aligned RATE_WINDOW, in this process."""

    OVERFLOW = "overflow"

    def __init__(
        self,
        key: bytes,
        limit: int = REQUESTS_PER_WINDOW,
        window: dt.timedelta = RATE_WINDOW,
        tracked: int = TRACKED_MAX,
    ) -> None:
        self.key, self.limit, self.window, self.tracked = key, limit, window, tracked
        self._start: dt.datetime | None = None
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def admit(self, address: str, now: dt.datetime) -> None:
        """Count one request, or raise RateLimited with the wait until the next window."""
        seconds = self.window.total_seconds()
        start = dt.datetime.fromtimestamp(now.timestamp() // seconds * seconds, dt.UTC)
        who = security.keyed_hash(self.key, "hsds-address", _bucket(address))
        with self._lock:
            if start != self._start:  # a new window: every count starts again, memory too
                self._start, self._counts = start, {}
            if who not in self._counts and len(self._counts) >= self.tracked:
                who = self.OVERFLOW
            count = self._counts.get(who, 0)
            if count >= self.limit:
                raise RateLimited(start + self.window - now)
            self._counts[who] = count + 1


# --- answers ------------------------------------------------------------------------------------


def _bad(field: str, rule: str) -> JSONResponse:
    return errors.problem(422, "invalid", f"{field}: {rule}", fields=[FieldProblem(field=field, message=rule)])


def _since(text: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _current(request: Request, snapshot: Snapshot, body: dict[str, Any]) -> Response:
    headers = {"ETag": snapshot.etag, "Cache-Control": CACHE_CONTROL}
    asked = request.headers.get("if-none-match", "")
    if asked.strip() == "*" or snapshot.etag in (tag.strip() for tag in asked.split(",")):
        return Response(status_code=304, headers=headers)
    return JSONResponse(body, headers=headers)


def _page(services: list[Listed], page: int, per_page: int, full: bool) -> dict[str, Any]:
    total = len(services)
    pages = max(1, math.ceil(total / per_page))
    chunk = services[(page - 1) * per_page : page * per_page]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not chunk,
        "contents": [listed.full if full else listed.summary for listed in chunk],
    }


def _answer(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# The specification's own schemas (its openapi.json and compiled objects), pinned to the commit
# tests/fixtures/hsds-3.1-schema holds, rather than a copy of them in this document.
PAGE_SCHEMA = {
    "allOf": [{"$ref": f"{SPEC}/openapi.json#/components/schemas/Page"}],
    "properties": {"contents": {"type": "array", "items": {"$ref": f"{SPEC}/compiled/service_list.json"}}},
}
SERVICE_SCHEMA = {"$ref": f"{SPEC}/compiled/service.json"}


LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ProblemAnswer,
        "description": "`rate_limited`: too many requests from this address; see Retry-After",
    },
}


def add_routes(
    app: FastAPI,
    sessions: sessionmaker[Session],
    key: bytes,
    clock: Callable[[], dt.datetime],
    client_address: Callable[[Request], str],
) -> None:
    """The HSDS API's routes under PREFIX; the rate limit is this app's own (see the module's docstring)."""
    directory = Directory(sessions)
    limit = RateLimit(key)

    async def _on_limited(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RateLimited)  # registered for this type only
        seconds = security.retry_after_seconds(exc.retry_after)
        return errors.problem(
            429, "rate_limited", f"too many requests; try again in {seconds} s", headers={"Retry-After": str(seconds)}
        )

    app.add_exception_handler(RateLimited, _on_limited)

    def admitted(request: Request) -> None:
        # A dependency: counted before the parameters are read, so a flood of bad requests is limited too.
        limit.admit(client_address(request), clock())

    tags: list[str | Enum] = ["HSDS 3.1 (public directory)"]

    @app.get(
        f"{PREFIX}/",
        tags=tags,
        dependencies=[Depends(admitted)],
        responses={200: {"description": "HSDS version and where this API's OpenAPI file is."}, **LIMITED},
    )
    def hsds_root(request: Request) -> dict[str, str]:
        """HSDS's `/` endpoint. No `profile`: this API is HSDS 3.1 itself, with no profile of ours."""
        openapi = app.openapi_url or "/openapi.json"
        return {"version": HSDS_VERSION, "openapi_url": f"{str(request.base_url).rstrip('/')}{openapi}"}

    @app.get(
        f"{PREFIX}/services",
        tags=tags,
        dependencies=[Depends(admitted)],
        response_class=JSONResponse,
        responses={
            200: _answer(
                PAGE_SCHEMA,
                "An HSDS `Page` of published services, oldest first; `contents` items are "
                "compiled/service_list.json (one-to-one fields), or compiled/service.json with `full=true`.",
            ),
            304: {"description": "Unchanged since the ETag given in If-None-Match."},
            422: {"model": ProblemAnswer, "description": "A parameter breaks its rule; `fields` names it."},
            **LIMITED,
        },
    )
    def hsds_services(
        request: Request,
        page: Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")] = 1,
        per_page: Annotated[int, Query(ge=1, le=PER_PAGE_MAX, description="Services per page.")] = PER_PAGE_DEFAULT,
        modified_after: Annotated[
            str | None,
            Query(max_length=64, description="ISO 8601 date-time: services modified on or after it (HSDS)."),
        ] = None,
        organization_id: Annotated[str | None, Query(max_length=ID_MAX)] = None,
        taxonomy_term_id: Annotated[str | None, Query(max_length=ID_MAX)] = None,
        taxonomy_id: Annotated[
            str | None, Query(max_length=ID_MAX, description="prossimo-categories or prossimo-keywords")
        ] = None,
        full: Annotated[bool, Query(description="Fully nested services (locations, phones, schedules...).")] = False,
        format: Annotated[Literal["json"], Query(description="Only json (no ndjson).")] = "json",
    ) -> Response:
        """HSDS's `/services`: published services, paginated; filters combine (AND), as HSDS says."""
        for name, rule in NOT_OFFERED.items():
            if name in request.query_params:
                return _bad(name, rule)
        since = None
        if modified_after is not None:
            since = _since(modified_after)
            if since is None:
                return _bad("modified_after", MODIFIED_AFTER_RULE)
        snapshot = directory.current()
        chosen = [
            listed
            for listed in snapshot.services
            if (since is None or listed.modified >= since)
            and (organization_id is None or listed.organization_id == organization_id)
            and (taxonomy_term_id is None or taxonomy_term_id in listed.term_ids)
            and (taxonomy_id is None or taxonomy_id in listed.taxonomies)
        ]
        return _current(request, snapshot, _page(chosen, page, per_page, full))

    @app.get(
        f"{PREFIX}/services/{{service_id}}",
        tags=tags,
        dependencies=[Depends(admitted)],
        response_class=JSONResponse,
        responses={
            200: _answer(SERVICE_SCHEMA, "The fully nested service."),
            304: {"description": "Unchanged since the ETag given in If-None-Match."},
            422: {"model": ProblemAnswer, "description": f"The id is longer than {ID_MAX} characters."},
            404: {"model": ProblemAnswer, "description": "`not_found`: no published service has this id."},
            **LIMITED,
        },
    )
    def hsds_service(request: Request, service_id: Annotated[str, PathParam(max_length=ID_MAX)]) -> Response:
        """HSDS's `/services/{id}`: one published service with its locations, phones, schedules, languages."""
        snapshot = directory.current()
        listed = snapshot.by_id.get(service_id)
        if listed is None:  # unknown and hidden alike: the public cannot tell them apart
            return errors.problem(404, "not_found", "id: no published service has this id")
        return _current(request, snapshot, listed.full)
