"""What a restore must carry across, so that replacing the database loses, duplicates and undoes nothing.

Owns: `capture()` (read, before the restore, what the database being replaced knows that the
backup cannot: how far the change sequence went, the erasures, the devices' credentials and
revocations, disabled operators, team memberships, the key file's check value, partner accounts
and which partner invitations were used), `settle()`
(write it into the restored database in one transaction, with a new restore epoch and the
change sequence ranges the restore lost), and `current()` (the epoch and lost ranges the sync
route answers).

Why: a restored database has an older change sequence and older records. Without this, new
changes would get numbers devices already passed (they would never pull them), devices would
keep records the service lost, an erasure made after the backup would come back, and a device
revoked after the backup would sync again; a partner's invitation link used after the backup would
open the account a second time, and a password set or an account disabled since would go back.
Partner sessions all end (people sign in again). The devices' side of the recovery is
desktop/store/restore_recovery.py; docs/PROTOCOL.md "After a restore" describes both.

Must never lower the change sequence, never reuse a sequence number, never bring back an
erased value, and never log or return a record's content or a token hash.
"""

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from central import audit
from central.db import session_factory
from central.erasure import erase_contact
from central.models import (
    Counter,
    Device,
    Membership,
    Operator,
    Organisation,
    PartnerAccount,
    PartnerInvitation,
    PartnerSession,
    ServiceSetting,
    StoredRecord,
    Team,
)
from central.sync_sql import Bind, SyncSQL
from protocol.clock import utc_now
from protocol.messages import RestoreInfo

SETTING = "restore"  # service_setting row: RestoreInfo as JSON; absent until the first restore
KEY_CHECK = "key_check"  # central.keyfile's: the key file on disk did not go back in time
# When the database being replaced cannot be read (a disaster restore onto a new server), how far
# its change sequence went is unknown: the restore then assumes at most this many changes were
# made after the backup, and the new sequence starts past them.
UNKNOWN_GAP = 1_000_000_000
RECORD = StoredRecord.__table__
DEVICE = Device.__table__
PARTNER = PartnerAccount.__table__


@dataclass
class Before:
    """What the database being replaced knew, read before the restore."""

    change_seq: int
    erased: list[dict[str, Any]]  # id, entity, organisation_id, team_id, contact_id
    devices: list[dict[str, Any]]
    operators: set[uuid.UUID]
    teams: set[uuid.UUID]
    disabled: set[uuid.UUID]
    memberships: set[tuple[uuid.UUID, uuid.UUID]]
    key_check: str | None
    partners: list[dict[str, Any]] = field(default_factory=list)
    used_invitations: set[str] = field(default_factory=set)


@dataclass
class Settled:
    """What `settle` did, for the administrator."""

    epoch: str
    restored_seq: int  # the backup's change sequence
    new_seq: int  # where the sequence continues (never below restored_seq or the replaced one)
    lost: list[tuple[int, int]]
    known_before: bool  # False: the replaced database could not be read (see UNKNOWN_GAP)
    erasures: int = 0  # records erased again (erased after the backup)
    devices: int = 0  # devices whose credentials or revocation came across
    notes: list[str] = field(default_factory=list)


def capture(engine: Engine) -> Before | None:
    """The replaced database's state, or None when it has none to give (empty, missing, foreign)."""
    try:
        with session_factory(engine)() as session:
            seq = session.execute(select(Counter.value).where(Counter.name == "change_seq")).scalar_one_or_none()
            if seq is None:
                return None
            erased = [
                dict(row._mapping)
                for row in session.execute(
                    select(
                        RECORD.c.id, RECORD.c.entity, RECORD.c.organisation_id, RECORD.c.team_id, RECORD.c.contact_id
                    ).where(RECORD.c.erased.is_(True))
                )
            ]
            devices = [dict(row._mapping) for row in session.execute(select(DEVICE))]
            operators = set(session.execute(select(Operator.id)).scalars())
            teams = set(session.execute(select(Team.id)).scalars())
            disabled = set(session.execute(select(Operator.id).where(Operator.disabled.is_(True))).scalars())
            memberships = {(m.operator_id, m.team_id) for m in session.execute(select(Membership)).scalars()}
            key_check = session.get(ServiceSetting, KEY_CHECK)
            partners = [dict(row._mapping) for row in session.execute(select(PARTNER))]
            used = set(
                session.execute(
                    select(PartnerInvitation.token_hash).where(PartnerInvitation.used_at.is_not(None))
                ).scalars()
            )
            return Before(
                int(seq),
                erased,
                devices,
                operators,
                teams,
                disabled,
                memberships,
                key_check.value if key_check else None,
                partners,
                used,
            )
    except SQLAlchemyError:
        return None  # no schema yet, or not ours: a restore onto a new server
    finally:
        engine.dispose()


def current(bind: Bind) -> RestoreInfo | None:
    """The restore epoch and lost ranges, None when this database was never restored."""
    sql = SyncSQL.of(bind)
    rows = sql.run(sql.sql.text("SELECT value FROM service_setting WHERE name = %s"), (SETTING,))
    return parse(rows[0][0] if rows else None)


def parse(setting: str | None) -> RestoreInfo | None:
    """The `SETTING` row's value as `current` answers it (the sync route reads the value in its
    caller statement, auth.authenticate, to save a round trip)."""
    return RestoreInfo.model_validate_json(setting) if setting is not None else None


def settle(engine: Engine, before: Before | None) -> Settled:
    """In the restored database, one transaction: the sequence, the epoch, erasures, access."""
    with session_factory(engine).begin() as session:
        restored = int(session.execute(select(Counter.value).where(Counter.name == "change_seq")).scalar_one())
        setting = session.get(ServiceSetting, SETTING, with_for_update=True)
        earlier = RestoreInfo.model_validate_json(setting.value).lost if setting else []
        # Every number up to `top` was handed out, in the replaced database or (unknown) after the backup.
        # A replaced database behind the backup is a new one (`init` on a new server): it knows nothing.
        known = before is not None and before.change_seq >= restored
        top = before.change_seq if before is not None and known else restored + UNKNOWN_GAP
        lost = [tuple(pair) for pair in earlier]
        if top > restored:
            lost.append((restored + 1, top))
        epoch = uuid.uuid4().hex
        info = RestoreInfo(epoch=epoch, lost=[(a, b) for a, b in lost], since=top)
        session.execute(update(Counter).where(Counter.name == "change_seq").values(value=top))
        if setting is None:
            session.add(ServiceSetting(name=SETTING, value=info.model_dump_json()))
        else:
            setting.value = info.model_dump_json()
        outcome = Settled(epoch, restored, top, info.lost, known_before=known)
        if before is not None:
            _carry(session, before, outcome)
        audit.append(
            session,
            "service.restore",
            "service",
            details={
                "restored_seq": restored,
                "new_seq": top,
                "lost_ranges": len(info.lost),
                "erased_again": outcome.erasures,
                "devices_carried": outcome.devices,
                "replaced_database_read": before is not None,
            },
        )
    if not known:
        outcome.notes.append(
            "the database being replaced was empty or could not be read: erasures, revocations and new "
            f"device tokens made after the backup are not known; the change sequence jumps by {UNKNOWN_GAP:,}"
        )
    return outcome


def _carry(session: Session, before: Before, outcome: Settled) -> None:
    # Erasures first: an erased person must not be back even for the length of this transaction.
    contacts = sorted(row["id"] for row in before.erased if row["entity"] == "contact")
    for contact_id in contacts:
        if session.get(StoredRecord, contact_id) is not None:
            outcome.erasures += erase_contact(session, contact_id).erased
    outcome.erasures += _tombstones(session, before.erased)
    outcome.devices = _devices(session, before.devices)
    operators = set(session.execute(select(Operator.id)).scalars())
    teams = set(session.execute(select(Team.id)).scalars())
    for operator_id in before.disabled & operators:
        session.execute(update(Operator).where(Operator.id == operator_id).values(disabled=True))
    # Memberships of operators and teams both databases know are the replaced database's: access
    # given or taken away after the backup stays given or taken away.
    operators &= before.operators
    teams &= before.teams
    restored = {
        (m.operator_id, m.team_id)
        for m in session.execute(select(Membership)).scalars()
        if m.operator_id in operators and m.team_id in teams
    }
    wanted = {(o, t) for o, t in before.memberships if o in operators and t in teams}
    for operator_id, team_id in sorted(restored - wanted):
        session.execute(delete(Membership).where(Membership.operator_id == operator_id, Membership.team_id == team_id))
    for operator_id, team_id in sorted(wanted - restored):
        session.add(Membership(operator_id=operator_id, team_id=team_id))
    _partners(session, before)
    if before.key_check is not None:
        check = session.get(ServiceSetting, KEY_CHECK)
        if check is None:
            session.add(ServiceSetting(name=KEY_CHECK, value=before.key_check))
        else:
            check.value = before.key_check


def _partners(session: Session, before: Before) -> None:
    """Partner accounts as the replaced database had them (passwords, second factors, disabled,
    accounts made after the backup), invitations used there used here too, and no session left."""
    session.execute(delete(PartnerSession))
    if before.used_invitations:
        session.execute(
            update(PartnerInvitation)
            .where(PartnerInvitation.token_hash.in_(sorted(before.used_invitations)))
            .where(PartnerInvitation.used_at.is_(None))
            .values(used_at=utc_now())  # when it was used is the replaced database's; used is what counts
            .execution_options(synchronize_session=False)
        )
    organisations = set(session.execute(select(Organisation.id)).scalars())
    for row in before.partners:
        if row["organisation_id"] not in organisations:
            continue  # its organisation is not in the backup: nothing to attach it to
        found = session.get(PartnerAccount, row["id"])
        if found is None:
            if session.execute(select(PartnerAccount.id).where(PartnerAccount.email == row["email"])).first():
                continue  # the address has another account here: keep the backup's
            session.execute(insert(PARTNER).values(**row))
        else:
            session.execute(update(PARTNER).where(PARTNER.c.id == row["id"]).values(**row))


def _tombstones(session: Session, erased: list[dict[str, Any]]) -> int:
    """Every record erased in the replaced database is an erased tombstone here too, with a new
    change number (devices delete their copy; a device re-sending it is refused `erased`)."""
    from central.db import next_sequence

    ids = [row["id"] for row in erased]
    present = (
        {
            row.id: row.erased
            for row in session.execute(select(RECORD.c.id, RECORD.c.erased).where(RECORD.c.id.in_(ids)))
        }
        if ids
        else {}
    )
    organisations = set(session.execute(select(Organisation.id)).scalars())
    teams = set(session.execute(select(Team.id)).scalars())
    todo = [
        row
        for row in erased
        if (row["id"] in present and not present[row["id"]])
        or (
            row["id"] not in present
            and row["organisation_id"] in organisations
            and (row["team_id"] is None or row["team_id"] in teams)
        )
    ]
    if not todo:
        return 0
    version = next_sequence(session, "change_seq", len(todo)) - len(todo)
    for row in sorted(todo, key=lambda r: r["id"]):
        version += 1
        values = {
            "body": json.dumps({"id": str(row["id"])}),
            "deleted": True,
            "erased": True,
            "field_versions": {},
            "version": version,
        }
        if row["id"] in present:
            session.execute(update(RECORD).where(RECORD.c.id == row["id"]).values(**values))
        else:
            session.execute(
                insert(RECORD).values(
                    id=row["id"],
                    entity=row["entity"],
                    organisation_id=row["organisation_id"],
                    team_id=row["team_id"],
                    contact_id=row["contact_id"],
                    created_version=version,
                    **values,
                )
            )
    return len(todo)


def _devices(session: Session, devices: list[dict[str, Any]]) -> int:
    """Tokens rotated, devices enrolled and revoked after the backup: the replaced database's
    rows win (else a device would be locked out, or a revoked one let back in)."""
    operators = set(session.execute(select(Operator.id)).scalars())
    present = {row.id: row for row in session.execute(select(DEVICE))}
    carried = 0
    # Clear first: a token hash is unique, and one may have moved between rows (rotation).
    for row in devices:
        if row["id"] in present and row["operator_id"] in operators:
            session.execute(update(Device).where(Device.id == row["id"]).values(next_token_hash=None))
    for row in devices:
        if row["operator_id"] not in operators:
            continue  # an operator made after the backup: not known here, nor their device
        old = present.get(row["id"])
        if old is None:
            session.execute(insert(DEVICE).values(**row))
            carried += 1
            continue
        changes = {
            name: row[name]
            for name in ("token_hash", "next_token_hash", "token_issued_at", "last_seen_at", "revoked_at")
            if getattr(old, name) != row[name]
        }
        if changes:
            session.execute(update(Device).where(Device.id == row["id"]).values(**changes))
            carried += 1
    return carried


def describe(outcome: Settled) -> list[str]:
    """Lines for the administrator (no record content, no token)."""
    lines = [
        f"Change sequence: backup at {outcome.restored_seq}, continues after {outcome.new_seq} (never goes back"
        + ("" if outcome.known_before else f"; {UNKNOWN_GAP:,} numbers left for changes made after the backup")
        + ").",
        f"Restore epoch {outcome.epoch}: every device re-reads its records at its next sync and sends back "
        f"what this backup lacks ({len(outcome.lost)} lost range(s) of changes).",
        f"Erased again: {outcome.erasures} record(s); device credentials carried over: {outcome.devices}.",
    ]
    return lines + [f"Note: {note}" for note in outcome.notes]
