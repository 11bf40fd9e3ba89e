"""Passwords, device tokens and the login throttle.

Owns: Argon2id password hashes (argon2-cffi), random device tokens stored only
as SHA-256 hashes, and the growing delay / lockout after failed logins.
Must never store or log a password or token in clear, never reveal whether a
username exists (unknown users cost the same hash work), never sleep in a
request thread (a throttled login is refused with a retry time instead).
"""

import datetime as dt
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
_DUMMY_HASH = _hasher.hash("prossimo-dummy-password-for-unknown-users")

PASSWORD_MIN_LENGTH = 12
LOCKOUT_AFTER = 10  # failures; then the operator must wait LOCKOUT_FOR
LOCKOUT_FOR = dt.timedelta(minutes=15)
TOKEN_ROTATE_AFTER = dt.timedelta(days=7)


class WeakPassword(ValueError):
    pass


def check_password_strength(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise WeakPassword(f"password: must be at least {PASSWORD_MIN_LENGTH} characters")


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def delay_after(failures: int) -> dt.timedelta:
    """Growing delay: 1 s, 2 s, 4 s ... after each failure, then the lockout."""
    if failures <= 0:
        return dt.timedelta(0)
    if failures >= LOCKOUT_AFTER:
        return LOCKOUT_FOR
    return dt.timedelta(seconds=min(2 ** (failures - 1), 300))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # A token has 256 random bits: a plain SHA-256 is enough (no dictionary to guard against).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
