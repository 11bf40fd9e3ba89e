"""`prossimo-central demo`: a demo organisation with two teams, operators, a directory, a caseload,
a month of street outreach for the street team, and the help desk's pages.

Owns: creating that demo through the same code paths real data takes (operators
through `security`; the directory imported from the HSDS package shipped in
protocol/resources/lodi/directory by `directory.import_package`, as an organisation's
own directory arrives; caseload and outreach records (protocol.demo_outreach) through
`sync_service.apply_mutations` from a demo loader device), so permissions, versions, the
synced data's validation and the audit log are all real. Given the deployment's key, the
organisation's client-code key is made (central.client_codes.issue) and the demo's codes come
from it, so a device typing a regular's invented inputs gets that regular's code.
Passwords are random and printed once; every person and service is invented.
Must never run against an organisation that already exists.
"""

import datetime as dt
import secrets
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import audit, client_codes, directory, intake, security, sync_service
from central.auth import teams_of
from central.help import content
from central.models import Device, Membership, Operator, Organisation, StoredRecord, Team
from protocol import Resource, demo_data, demo_outreach, new_id
from protocol.clock import utc_now
from protocol.messages import IntakeSubmission, Mutation

ORGANISATION = "Cooperativa Prossimo (demo)"
TEAMS = ("Unità di strada", "Servizio famiglie")
OPERATORS = (
    ("anna", "operator", (0,)),
    ("mikko", "operator", (1,)),
    ("marco", "team_lead", (0, 1)),
    ("admin", "admin", (0, 1)),
)
# The Lodi-area demo directory (scripts/generate_lodi_directory.py writes it).
DIRECTORY = "resources/lodi/directory"


def shipped_directory() -> Path:
    """The folder of the demo directory's HSDS package, installed with the `protocol` package."""
    return Path(str(resources.files("protocol").joinpath(DIRECTORY)))


def create(
    session: Session, contacts_per_team: int = 150, package: Path | None = None, key: bytes | None = None
) -> dict[str, Any]:
    """Create the demo organisation; `package` is the directory to import (default: the shipped one).
    `key`: the deployment's key (central.keyfile), to make the organisation's client-code key; None
    (tests) makes the demo's codes with a throwaway key, which no device will share."""
    if session.execute(select(Organisation).where(Organisation.name == ORGANISATION)).first():
        raise ValueError(f"organisation: {ORGANISATION!r} already exists; the demo was not created again")
    org = Organisation(id=uuid.uuid4(), name=ORGANISATION)
    session.add(org)
    session.flush()
    teams = [Team(id=uuid.uuid4(), organisation_id=org.id, name=name) for name in TEAMS]
    session.add_all(teams)
    session.flush()
    passwords = {}
    operators = {}
    for username, role, team_indexes in OPERATORS:
        passwords[username] = secrets.token_urlsafe(12)
        operator = Operator(
            id=uuid.uuid4(),
            organisation_id=org.id,
            username=f"demo-{username}",
            password_hash=security.hash_password(passwords[username]),
            role=role,
        )
        session.add(operator)
        session.flush()
        session.add_all(Membership(operator_id=operator.id, team_id=teams[i].id) for i in team_indexes)
        operators[username] = operator
    session.flush()
    audit.append(session, "demo.create", f"organisation:{org.id}")
    # All or nothing: a package that does not import raises hsds.HsdsError and the demo is not created.
    services = directory.import_package(session, org.id, package or shipped_directory())

    lead = operators["marco"]
    loader = Device(
        id=uuid.uuid4(),
        operator_id=lead.id,
        name="demo data loader",
        token_hash=security.token_hash(security.new_token()),
    )
    session.add(loader)
    session.flush()
    caller = sync_service.Caller(
        operator_id=lead.id,
        organisation_id=lead.organisation_id,
        role=lead.role,
        device_id=loader.id,
        team_ids=frozenset(t.id for t in teams_of(session, lead.id)),
    )
    mutations: list[Mutation] = []
    now = utc_now()

    def add(entity: str, fields: dict[str, Any], record_id: uuid.UUID | None = None) -> uuid.UUID:
        record_id = record_id or new_id()
        mutations.append(
            Mutation(
                device_seq=len(mutations) + 1,
                mutation_id=new_id(),
                entity=entity,
                record_id=record_id,
                op="create",
                changed=_json(fields),
                at=now,
            )
        )
        return record_id

    for index, team in enumerate(teams):
        contact_ids = [
            add("contact", {**fields, "team_id": team.id})
            for fields in demo_data.contacts(contacts_per_team, seed=10 + index)
        ]
        for fields in demo_data.appointments(contacts_per_team, contact_ids, operators["anna"].id, seed=20 + index):
            add("appointment", fields)
        for fields in demo_data.upcoming_appointments(
            contact_ids, operators["anna" if index == 0 else "mikko"].id, now, seed=30 + index
        ):
            add("appointment", fields)
        # Times the team offers at the help desk over the next three weeks, so the demo can be booked.
        for fields in demo_data.bookable_slots(now, seed=40 + index):
            add("bookable_slot", {**fields, "team_id": team.id})
        for contact_id in contact_ids[::3]:
            add(
                "note",
                {
                    "contact_id": contact_id,
                    "kind": "outreach",
                    "occurred_at": now - dt.timedelta(days=3),
                    "body": "Primo contatto in stazione; interessato al dormitorio e alla mensa.",
                },
            )
    outreach = _outreach(session, org.id, key, [t.id for t in teams], [operators[n].id for n in ("anna", "marco")], add)
    results = sync_service.apply_mutations(session, caller, mutations)
    rejected = [r for r in results if r.status != "applied"]
    if rejected:
        raise RuntimeError(f"demo data rejected: {rejected[0].reason}: {rejected[0].message}")
    # Help-desk requests arrive through the public door, as real ones do (one invented
    # address each, so the per-address rate limit is exercised but never reached).
    for number, fields in enumerate(demo_data.intake_submissions(6)):
        intake.receive(
            session, IntakeSubmission(team_id=teams[number % 2].id, **fields), address=f"demo-{number}", key=b"demo"
        )
    # The help desk's information pages and testimonies (central/help/demo), published.
    pages = content.add_demo_pages(session)
    return {
        "organisation": str(org.id),
        "teams": {team.name: str(team.id) for team in teams},
        "operators": {f"demo-{name}": {"password": passwords[name], "role": role} for name, role, _ in OPERATORS},
        "directory": services,
        "records": services + len(mutations),
        "help_pages": pages,
        "outreach": outreach,
        "note": "Passwords are shown only now; they protect invented demo data only.",
    }


def _outreach(
    session: Session,
    organisation_id: uuid.UUID,
    key: bytes | None,
    teams: list[uuid.UUID],
    members: list[uuid.UUID],
    add: Any,
) -> dict[str, int]:
    """The street team's month of outreach (its shifts' members: anna and marco), queued as the
    loader's mutations; referrals go to a few of the directory's services."""
    issued = client_codes.issue(session.connection(), key, organisation_id) if key is not None else None
    code_key = bytes.fromhex(issued.key) if issued is not None else secrets.token_bytes(32)
    rows = session.execute(
        select(StoredRecord.body).where(
            StoredRecord.organisation_id == organisation_id, StoredRecord.entity == "resource"
        )
    ).scalars()
    services = [Resource.model_validate_json(body) for body in rows]
    # Where a street team refers people: a SerD, a shelter, a meal, harm reduction.
    referral_ids = sorted(
        r.id for r in services if {"addiction", "shelter", "food", "harm_reduction"} & set(r.categories)
    )
    today = utc_now().astimezone(demo_outreach.ROME).date()
    records, shape = demo_outreach.month(today, members, code_key, referral_ids)
    for record in records:
        fields = dict(record.fields)
        if record.entity != "supply_item":  # supply items are the organisation's, like the directory
            fields["team_id"] = teams[record.team]
        if record.other_team is not None:
            fields["other_team_id"] = teams[record.other_team]
        add(record.entity, fields, record.id)
    return {
        "shifts": shape.shifts,
        "encounters": shape.encounters,
        "group_encounters": shape.group_encounters,
        "people": shape.people,
        "codes": len(shape.codes),
    }


def _json(fields: dict[str, Any]) -> dict[str, Any]:
    """Field values as they travel on the wire (ids and dates as strings)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, (uuid.UUID, dt.datetime, dt.date, dt.time)):
            out[key] = value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
        elif isinstance(value, list):
            out[key] = [_json({"v": v})["v"] for v in value]
        elif isinstance(value, dict):
            out[key] = _json(value)
        else:
            out[key] = value
    return out
