"""Partner accounts: invitations, passwords, signed-in sessions, the second factor, and which
directory entries an account may touch.

Owns: inviting a provider's person (`invite`: a one-time token, only its SHA-256 kept, valid
INVITATION_VALID), accepting it (`accept`: the operators' password rule and Argon2id hash from
central.security), checking a login's password (`check_login`; the throttle is central.throttle's,
asked by the pages before this), sessions (`open_session`, `session_of`, `close_session`), TOTP
(pyotp; the secret sealed with AES-GCM under a key derived from the service's key file) and the
provider's settings. `own_entry` is the one gate between an account and a directory entry: an
entry of another provider is None, exactly as one that does not exist (the pages answer 404).
Must never store or log a password, token, code or TOTP secret in clear, and never tell whether
an e-mail address has an account.
"""

import datetime as dt
import hmac
import uuid
from dataclasses import dataclass
from typing import Literal

import pyotp
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from central import audit, directory, security
from central.models import PartnerAccount, PartnerInvitation, PartnerSession, PartnerSetting
from protocol.entities import Email

INVITATION_VALID = dt.timedelta(days=7)
SESSION_LENGTH = dt.timedelta(hours=12)  # a working day; then the partner signs in again
TOTP_WINDOW = 1  # one 30 s step either side: a phone's clock a little off still works
_EMAIL = TypeAdapter(Email)


class UnknownProvider(LookupError):
    """No live directory entry names this provider."""


@dataclass
class InvitationProblem(Exception):
    reason: Literal["unknown", "expired", "used"]


def normalised_email(email: str) -> str:
    """The login name: the address as typed, trimmed and lower-cased; ValueError naming the field."""
    try:
        return _EMAIL.validate_python(email.strip()).lower()
    except ValidationError:
        raise ValueError("email: not an e-mail address") from None


@dataclass(frozen=True)
class Provider:
    hsds_organization_id: str
    name: str
    services: int


def find_provider(session: Session, organisation_id: uuid.UUID, named: str) -> Provider:
    """The provider `named` (its HSDS organization id, or its name exactly as the directory
    spells it, case aside) among the live entries of the organisation's directory."""
    wanted = named.strip()
    matches: dict[str, list[str]] = {}
    for entry in directory.entries(session, organisation_id):
        pid = directory.provider_id(entry.resource)
        if wanted == pid or wanted.casefold() == entry.resource.organization_name.casefold():
            matches.setdefault(pid, []).append(entry.resource.organization_name)
    if not matches:
        raise UnknownProvider(f"ORG: no service in the directory is provided by {wanted!r}")
    if len(matches) > 1:
        ids = ", ".join(sorted(matches))
        raise UnknownProvider(f"ORG: {wanted!r} names several providers; give one's HSDS organization id: {ids}")
    pid, names = next(iter(matches.items()))
    return Provider(pid, names[0], len(names))


def invite(
    session: Session, organisation_id: uuid.UUID, provider: Provider, email: str, now: dt.datetime
) -> tuple[str, PartnerInvitation]:
    """A new invitation; the token is returned once, for the link, and never stored."""
    token = security.new_token()
    invitation = PartnerInvitation(
        token_hash=security.token_hash(token),
        organisation_id=organisation_id,
        hsds_organization_id=provider.hsds_organization_id,
        email=normalised_email(email),
        created_at=now,
        expires_at=now + INVITATION_VALID,
    )
    session.add(invitation)
    session.flush()
    audit.append(
        session,
        "partner.invite",
        f"organisation:{organisation_id}",
        details={"provider": provider.hsds_organization_id, "expires": invitation.expires_at.date().isoformat()},
    )
    return token, invitation


def invitation(session: Session, token: str, now: dt.datetime, *, lock: bool = False) -> PartnerInvitation:
    """The invitation behind a link's token, if it can still be used; InvitationProblem if not."""
    query = select(PartnerInvitation).where(PartnerInvitation.token_hash == security.token_hash(token))
    found = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if found is None:
        raise InvitationProblem("unknown")
    if found.used_at is not None:
        raise InvitationProblem("used")
    if now >= found.expires_at:
        raise InvitationProblem("expired")
    return found


def accept(session: Session, token: str, password: str, now: dt.datetime) -> PartnerAccount:
    """Use the invitation once: its address's account gets this password (a new account, or a
    returning person's, enabled again). security.WeakPassword: nothing written."""
    found = invitation(session, token, now, lock=True)
    password_hash = security.hash_password(password)  # the operators' rule; raises WeakPassword
    account = session.execute(
        select(PartnerAccount).where(PartnerAccount.email == found.email).with_for_update()
    ).scalar_one_or_none()
    if account is None:
        account = PartnerAccount(
            id=uuid.uuid4(),
            organisation_id=found.organisation_id,
            hsds_organization_id=found.hsds_organization_id,
            email=found.email,
            password_hash=password_hash,
            disabled=False,
            created_at=now,
        )
        session.add(account)
    else:  # the same person invited again (a forgotten password, or another provider)
        account.organisation_id = found.organisation_id
        account.hsds_organization_id = found.hsds_organization_id
        account.password_hash, account.disabled = password_hash, False
        session.execute(delete(PartnerSession).where(PartnerSession.account_id == account.id))
    found.used_at = now
    session.flush()
    audit.append(session, "partner.accept", f"partner:{account.id}", details={"provider": found.hsds_organization_id})
    return account


def check_login(session: Session, email: str, password: str) -> PartnerAccount | None:
    """The account if the password is right and the account enabled. An unknown address costs
    the same Argon2 work (security.verify_password), so the answer's time tells nothing."""
    try:
        name = normalised_email(email)
    except ValueError:
        name = ""
    account = session.execute(select(PartnerAccount).where(PartnerAccount.email == name)).scalar_one_or_none()
    ok = security.verify_password(account.password_hash if account else None, password)
    if account is None or not ok or account.disabled:
        if account is not None:
            audit.append(session, "partner.login_failed", f"partner:{account.id}")
        return None
    return account


def setting(session: Session, account: PartnerAccount) -> PartnerSetting:
    """The provider's settings, the defaults (no second factor required, publish at once) if unset."""
    found = session.get(PartnerSetting, (account.organisation_id, account.hsds_organization_id))
    return found or PartnerSetting(
        organisation_id=account.organisation_id,
        hsds_organization_id=account.hsds_organization_id,
        totp_required=False,
        hold_for_review=False,
    )


def set_setting(
    session: Session,
    organisation_id: uuid.UUID,
    provider: Provider,
    *,
    totp_required: bool | None = None,
    hold_for_review: bool | None = None,
) -> PartnerSetting:
    found = session.get(PartnerSetting, (organisation_id, provider.hsds_organization_id))
    if found is None:
        found = PartnerSetting(
            organisation_id=organisation_id,
            hsds_organization_id=provider.hsds_organization_id,
            totp_required=False,
            hold_for_review=False,
        )
        session.add(found)
    if totp_required is not None:
        found.totp_required = totp_required
    if hold_for_review is not None:
        found.hold_for_review = hold_for_review
    session.flush()
    audit.append(
        session,
        "partner.setting",
        f"organisation:{organisation_id}",
        details={
            "provider": provider.hsds_organization_id,
            "totp_required": found.totp_required,
            "hold_for_review": found.hold_for_review,
        },
    )
    return found


def disable(session: Session, email: str) -> PartnerAccount:
    """The person no longer signs in (their sessions end at once); a new invitation enables them."""
    account = session.execute(
        select(PartnerAccount).where(PartnerAccount.email == normalised_email(email))
    ).scalar_one_or_none()
    if account is None:
        raise LookupError(f"email: no partner account for {email.strip()!r}")
    session.execute(delete(PartnerSession).where(PartnerSession.account_id == account.id))
    if not account.disabled:
        account.disabled = True
        audit.append(session, "partner.disable", f"partner:{account.id}")
    return account


def listing(session: Session, organisation_id: uuid.UUID) -> list[tuple[PartnerAccount, str]]:
    """The organisation's partner accounts with their provider's name (the HSDS id if it has gone)."""
    names = {
        directory.provider_id(e.resource): e.resource.organization_name
        for e in directory.entries(session, organisation_id)
    }
    rows = session.execute(
        select(PartnerAccount).where(PartnerAccount.organisation_id == organisation_id).order_by(PartnerAccount.email)
    ).scalars()
    return [(row, names.get(row.hsds_organization_id, row.hsds_organization_id)) for row in rows]


# --- sessions -------------------------------------------------------------------------------


def needs_second_factor(session: Session, account: PartnerAccount) -> bool:
    return account.totp_sealed is not None or setting(session, account).totp_required


def open_session(session: Session, account: PartnerAccount, now: dt.datetime) -> str:
    """A new signed-in session; its token goes in the cookie, only its hash here."""
    session.execute(delete(PartnerSession).where(PartnerSession.expires_at < now))
    token = security.new_token()
    session.add(
        PartnerSession(
            token_hash=security.token_hash(token),
            account_id=account.id,
            created_at=now,
            expires_at=now + SESSION_LENGTH,
            second_factor_done=not needs_second_factor(session, account),
        )
    )
    session.flush()
    audit.append(session, "partner.login", f"partner:{account.id}")
    return token


def session_of(session: Session, token: str | None, now: dt.datetime) -> tuple[PartnerSession, PartnerAccount] | None:
    """The live session behind a cookie's token and its (enabled) account, else None."""
    if not token or len(token) > 100:
        return None
    found = session.get(PartnerSession, security.token_hash(token))
    if found is None or found.expires_at <= now:
        return None
    account = session.get(PartnerAccount, found.account_id)
    if account is None or account.disabled:
        return None
    return found, account


def close_session(session: Session, token: str | None) -> None:
    if token and len(token) <= 100:
        session.execute(delete(PartnerSession).where(PartnerSession.token_hash == security.token_hash(token)))


# --- the second factor ----------------------------------------------------------------------


_TOTP = "partner totp"  # the sealing purpose (central.security.seal)


def seal(key: bytes, secret: str, account_id: uuid.UUID) -> str:
    return security.seal(key, _TOTP, secret.encode("ascii"), account_id.bytes)  # bound to its account


def unseal(key: bytes, sealed: str, account_id: uuid.UUID) -> str | None:
    """The secret, or None for anything this key did not seal for this account (another
    deployment's key, another account's, a tampered or made-up value from a form)."""
    secret = security.unseal(key, _TOTP, sealed, account_id.bytes)
    try:
        return None if secret is None else secret.decode("ascii")
    except UnicodeError:
        return None


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, account: PartnerAccount, issuer: str = "Prossimo") -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=issuer)


def matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The 30 s step (within TOTP_WINDOW of now) whose code `code` is, or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(now)
    for step in range(now_step - TOTP_WINDOW, now_step + TOTP_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def enrol_totp(session: Session, key: bytes, account: PartnerAccount, secret: str, code: str, now: dt.datetime) -> bool:
    """Keep the secret if `code` proves the person's app has it; False and nothing kept if not."""
    step = matching_step(secret, code, now)
    if step is None:
        return False
    account.totp_sealed = seal(key, secret, account.id)
    account.totp_last_step = step  # the code that proved it cannot then sign in
    audit.append(session, "partner.totp_enrol", f"partner:{account.id}")
    return True


def check_totp(session: Session, key: bytes, account: PartnerAccount, code: str, now: dt.datetime) -> bool:
    """Whether `code` is the account's current code and not one already used: a code seen over a
    shoulder, or replayed from a captured form, is refused even within its 90 s. The step is
    recorded by one conditional UPDATE, so two logins racing with one code cannot both pass."""
    if account.totp_sealed is None:
        return False
    secret = unseal(key, account.totp_sealed, account.id)
    step = matching_step(secret, code, now) if secret is not None else None
    if step is None:
        return False
    table = PartnerAccount.__table__
    taken = session.execute(
        update(table)
        .where(
            table.c.id == account.id,
            or_(table.c.totp_last_step.is_(None), table.c.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .returning(table.c.id)
    ).first()
    session.expire(account, ["totp_last_step"])
    return taken is not None


# --- the account's own directory entries ----------------------------------------------------


def own_entries(session: Session, account: PartnerAccount) -> list[directory.Entry]:
    return [
        entry
        for entry in directory.entries(session, account.organisation_id)
        if directory.provider_id(entry.resource) == account.hsds_organization_id
    ]


def own_entry(session: Session, account: PartnerAccount, resource_id: str) -> directory.Entry | None:
    """The entry if it is this account's provider's; None for another's exactly as for none."""
    try:
        wanted = uuid.UUID(resource_id)
    except ValueError:
        return None
    return next((entry for entry in own_entries(session, account) if entry.row.id == wanted), None)


def still_correct(session: Session, account: PartnerAccount, entry: directory.Entry, today: dt.date) -> None:
    """The partner confirms the entry: its verification date becomes today, through the
    directory's one change path (a change sequence devices pull, and an audit entry)."""
    directory.change_resource(
        session, entry.row, {"last_verified_on": today}, action="partner.verify", by=f"partner:{account.id}"
    )
