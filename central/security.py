"""Passwords, device tokens, keyed hashes, sealed secrets and the login throttle's rules.

Owns: Argon2id password and check-word hashes (argon2-cffi), random device tokens stored only
as SHA-256 hashes, the HMAC that turns a client address or a username into a
throttle key (under the service's key file, never the database), sealing a secret the service
must read back (AES-GCM under a key derived from the key file for one purpose, bound to its
owner's id: partners' TOTP secrets, organisations' client-code keys), and the
numbers of the login throttle (central.throttle applies them).
Must never store or log a password or token in clear, never reveal whether a
username exists (unknown users cost the same hash work), never sleep in a
request thread (a throttled login is refused with a retry time instead).
"""

import base64
import datetime as dt
import hashlib
import hmac
import math
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
_DUMMY_HASH = _hasher.hash("prossimo-dummy-password-for-unknown-users")

PASSWORD_MIN_LENGTH = 12
# Login throttle (see central.throttle). Per client address: after its n-th recent failure an
# address waits 2**(n-1) s, at most ADDRESS_WAIT_MAX; it is "failing" until ADDRESS_MEMORY after
# its last failure (or its next success). Per account: failing addresses together get at most
# ACCOUNT_FAILURES_PER_WINDOW wrong guesses per ACCOUNT_WINDOW; an address that has not failed is
# never refused for the account's sake, so an attack cannot lock the real user out.
ADDRESS_WAIT_MAX = dt.timedelta(minutes=15)
ADDRESS_MEMORY = dt.timedelta(hours=1)
ACCOUNT_WINDOW = dt.timedelta(minutes=1)
ACCOUNT_FAILURES_PER_WINDOW = 5
# Logins one address may have being checked at once before any of them failed (people behind one
# office NAT logging in together); one more waits a second. A failing address gets one at a time.
ADDRESS_LOGINS_AT_ONCE = 2
ADDRESS_BUSY_WAIT = dt.timedelta(seconds=1)
ADDRESS_LOGIN_CHECK_MAX = dt.timedelta(seconds=30)  # a check still unfinished after this is taken as lost
TOKEN_ROTATE_AFTER = dt.timedelta(days=7)


class WeakPassword(ValueError):
    pass


def check_password_strength(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise WeakPassword(f"password: must be at least {PASSWORD_MIN_LENGTH} characters")


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def hash_secret(secret: str) -> str:
    """Argon2id hash of a secret the service made itself (the help desk's check words, already
    at least 44 bits): no strength rule, the same verification as a password's."""
    return _hasher.hash(secret)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def address_wait(failures: int) -> dt.timedelta:
    """The wait after an address's n-th recent failure: 1 s, 2 s, 4 s ... up to ADDRESS_WAIT_MAX."""
    if failures <= 0:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** min(failures - 1, 20)), ADDRESS_WAIT_MAX)


def retry_after_seconds(wait: dt.timedelta) -> int:
    """Whole seconds for a Retry-After header: rounded up (a client that waits what it is told
    must find the wait over), and never 0."""
    return max(1, math.ceil(wait.total_seconds()))


def normalised_username(username: str) -> str:
    """The form a username is throttled under: "Anna", "anna" and "ａｎｎａ" share one bucket."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def keyed_hash(key: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` for one `purpose` ("intake-address", "login-address", "login-user").

    Without the key (kept in the service's key file, never in the database) the digests
    cannot be brute-forced back to the few billion IPv4 addresses or to likely usernames.
    """
    return hmac.new(key, f"{purpose}\0{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # A token has 256 random bits: a plain SHA-256 is enough (no dictionary to guard against).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


def _aead(key: bytes, purpose: str) -> AESGCM:
    # Its own key per purpose, derived from the key file's secret: the throttles' HMACs never share it.
    return AESGCM(hashlib.sha256(f"prossimo {purpose}\0".encode("ascii") + key).digest())


def seal(key: bytes, purpose: str, secret: bytes, owner: bytes) -> str:
    """`secret` encrypted for the database: readable only with this key file, for this purpose
    and this `owner` (an id's bytes), so a sealed value copied to another row is refused."""
    nonce = secrets.token_bytes(12)
    return base64.urlsafe_b64encode(nonce + _aead(key, purpose).encrypt(nonce, secret, owner)).decode("ascii")


def unseal(key: bytes, purpose: str, sealed: str, owner: bytes) -> bytes | None:
    """The secret, or None for anything this key did not seal for this purpose and owner (another
    deployment's key, another owner's, a tampered or made-up value)."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        return _aead(key, purpose).decrypt(raw[:12], raw[12:], owner)
    except (InvalidTag, ValueError):  # binascii.Error and UnicodeError are ValueErrors
        return None
