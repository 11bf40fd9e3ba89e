"""The store's data key and the two ways it is kept: OS keyring and passphrase wrap.

Owns: making the random 32-byte SQLCipher key, wrapping it under the operator's
passphrase (Argon2id -> AES-256-GCM, parameters stored beside the wrapped key),
the best-effort copy in the OS keyring, `keys.json`, and passphrase changes
(which re-wrap the key and never touch the database).

Must never log, print or write a key or passphrase in clear, never block on the
keyring for longer than its timeout (a hanging Secret Service must not freeze
the app), and never overwrite an existing key file except by an atomic re-wrap.
"""

import base64
import json
import logging
import os
import secrets
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.store.private_files import private_dir, write_private

log = logging.getLogger(__name__)

PASSPHRASE_MIN_LENGTH = 10
KEY_FILE_NAME = "keys.json"
KEYRING_SERVICE = "prossimo"
KEYRING_TIMEOUT_SECONDS = 3.0
KEY_BYTES = 32
FORMAT = 1


class KeyStoreError(Exception):
    """Base of the key errors."""


class WrongPassphrase(KeyStoreError):
    """The passphrase does not unwrap the key (or the wrapped key was tampered with:
    under AES-GCM the two are indistinguishable, and both must refuse to open)."""


class PassphraseRequired(KeyStoreError):
    """No passphrase was given and the keyring could not supply the key."""


class WeakPassphrase(KeyStoreError):
    """The new passphrase breaks the length rule."""


class KeyFileMissing(KeyStoreError):
    """The profile has no keys.json."""


class KeyFileCorrupt(KeyStoreError):
    """keys.json cannot be read or lacks what it must hold."""


class ProfileExists(KeyStoreError):
    """create() on a profile that already has a key file."""


@dataclass(frozen=True)
class Argon2Params:
    # RFC 9106's second recommended option (64 MiB); stored per wrap so it can be raised.
    time_cost: int = 3
    memory_cost_kib: int = 65_536
    parallelism: int = 4


def sqlcipher_key_pragma_value(key: bytes) -> str:
    """The text after `PRAGMA key = ` for a raw key: `"x'<64 hex digits>'"`."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"key: must be {KEY_BYTES} bytes")
    return "\"x'" + bytes(key).hex() + "'\""


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        raise WeakPassphrase(f"passphrase: must be at least {PASSPHRASE_MIN_LENGTH} characters")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _associated_data(profile_id: str) -> bytes:
    # Binds a wrapped key to its profile: copying keys.json between profiles fails.
    return b"prossimo-key-v1:" + profile_id.encode("utf-8")


def _derive(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def wrap(
    key: bytes | bytearray, passphrase: str, profile_id: str, params: Argon2Params | None = None
) -> dict[str, Any]:
    params = params or Argon2Params()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(passphrase, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, bytes(key), _associated_data(profile_id))
    return {
        "kdf": "argon2id",
        "time_cost": params.time_cost,
        "memory_cost_kib": params.memory_cost_kib,
        "parallelism": params.parallelism,
        "salt": _b64(salt),
        "cipher": "aes-256-gcm",
        "nonce": _b64(nonce),
        "ciphertext": _b64(ciphertext),
    }


def unwrap(wrapped: dict[str, Any], passphrase: str, profile_id: str) -> bytearray:
    try:
        if wrapped["kdf"] != "argon2id" or wrapped["cipher"] != "aes-256-gcm":
            raise KeyFileCorrupt("keys.json: unknown kdf or cipher")
        params = Argon2Params(int(wrapped["time_cost"]), int(wrapped["memory_cost_kib"]), int(wrapped["parallelism"]))
        salt, nonce = _unb64(wrapped["salt"]), _unb64(wrapped["nonce"])
        ciphertext = _unb64(wrapped["ciphertext"])
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileCorrupt(f"keys.json: wrapped key is incomplete ({type(exc).__name__})") from None
    kek = _derive(passphrase, salt, params)
    try:
        key = AESGCM(kek).decrypt(nonce, ciphertext, _associated_data(profile_id))
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase") from None
    if len(key) != KEY_BYTES:
        raise KeyFileCorrupt("keys.json: wrapped key has the wrong length")
    return bytearray(key)


class KeyringVault:
    """The OS keyring, where every call runs in a daemon thread abandoned after `timeout`.

    Any failure (no backend, locked collection, D-Bus error, timeout) reads as
    "not available": the passphrase path always remains.
    """

    def __init__(self, service: str = KEYRING_SERVICE, timeout: float = KEYRING_TIMEOUT_SECONDS) -> None:
        self.service = service
        self.timeout = timeout

    def _call(self, what: str, fn: Any, *args: str) -> tuple[bool, Any]:
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def target() -> None:
            try:
                outcome["value"] = fn(*args)
            except Exception as exc:  # noqa: BLE001 - any keyring failure means unavailable
                outcome["error"] = type(exc).__name__
            finally:
                done.set()

        threading.Thread(target=target, name=f"keyring-{what}", daemon=True).start()
        if not done.wait(self.timeout):
            log.warning("system keyring did not answer %s within %.1f s; not using it", what, self.timeout)
            return False, None
        if "error" in outcome:
            # Normal on headless machines: informational, the passphrase path remains.
            log.info("system keyring unavailable for %s (%s)", what, outcome["error"])
            return False, None
        return True, outcome.get("value")

    def store(self, profile_id: str, key: bytes | bytearray) -> bool:
        ok, _ = self._call("store", keyring.set_password, self.service, profile_id, bytes(key).hex())
        return ok

    def load(self, profile_id: str) -> bytes | None:
        ok, value = self._call("load", keyring.get_password, self.service, profile_id)
        if not ok or value is None:
            return None
        try:
            key = bytes.fromhex(value)
        except (ValueError, TypeError):
            log.warning("system keyring holds a garbled Prossimo key; ignoring it")
            return None
        return key if len(key) == KEY_BYTES else None

    def delete(self, profile_id: str) -> bool:
        ok, _ = self._call("delete", keyring.delete_password, self.service, profile_id)
        return ok


class NoKeyring(KeyringVault):
    """A vault that never stores anything: for throwaway profiles (demo, benchmarks)
    whose keys must not end up in the operator's real keyring."""

    def store(self, profile_id: str, key: bytes | bytearray) -> bool:
        return False

    def load(self, profile_id: str) -> bytes | None:
        return None

    def delete(self, profile_id: str) -> bool:
        return True


class KeyStore:
    """`keys.json` of one profile folder, and the keyring copy beside it."""

    def __init__(self, profile_dir: Path, vault: KeyringVault | None = None) -> None:
        self.profile_dir = Path(profile_dir)
        self.vault = vault if vault is not None else KeyringVault()

    @property
    def path(self) -> Path:
        return self.profile_dir / KEY_FILE_NAME

    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyFileMissing(f"{KEY_FILE_NAME} is missing: the profile is not initialised") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyFileCorrupt(f"{KEY_FILE_NAME} is unreadable ({type(exc).__name__})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileCorrupt(f"{KEY_FILE_NAME}: unknown format")
        for field in ("profile_id", "passphrase_wrap"):
            if field not in data:
                raise KeyFileCorrupt(f"{KEY_FILE_NAME}: {field} is missing")
        return data

    def _write(self, data: dict[str, Any]) -> None:
        """Atomic replace (temp file, fsync, rename): a crash or a full disk leaves the old
        file or the new one, never half of one. 0600, in a 0700 folder."""
        private_dir(self.profile_dir)
        write_private(self.path, json.dumps(data, indent=2))

    def profile_id(self) -> str:
        return str(self._read()["profile_id"])

    def create(self, passphrase: str, profile_id: str | None = None) -> bytearray:
        check_passphrase_strength(passphrase)
        if self.exists():
            raise ProfileExists(f"{KEY_FILE_NAME} already exists; it was not touched")
        profile_id = profile_id or uuid.uuid4().hex
        key = bytearray(secrets.token_bytes(KEY_BYTES))
        in_keyring = self.vault.store(profile_id, key)
        try:
            self._write(
                {
                    "format": FORMAT,
                    "profile_id": profile_id,
                    "passphrase_wrap": wrap(key, passphrase, profile_id),
                    "keyring_copy": in_keyring,
                }
            )
        except BaseException:
            # No keys.json (a full disk): a keyring copy of a key nothing uses must not stay.
            if in_keyring:
                self.vault.delete(profile_id)
            key[:] = bytes(len(key))
            raise
        return key

    def unlock(self, passphrase: str | None) -> bytearray:
        """The data key: from the passphrase when given, else from the keyring."""
        data = self._read()
        profile_id = str(data["profile_id"])
        if passphrase is not None:
            key = unwrap(data["passphrase_wrap"], passphrase, profile_id)
            # Refresh the keyring copy every time (one bounded call): a copy the user
            # or the OS removed comes back, so the next unlock needs no passphrase.
            in_keyring = self.vault.store(profile_id, key)
            if in_keyring != bool(data.get("keyring_copy")):
                self._note_keyring_copy(data, in_keyring)
            return key
        from_keyring = self.vault.load(profile_id)
        if from_keyring is None:
            raise PassphraseRequired("the passphrase is needed to open this profile")
        return bytearray(from_keyring)

    def _note_keyring_copy(self, data: dict[str, Any], in_keyring: bool) -> None:
        # Only a hint for the next unlock: a disk that cannot take it must not stop this one.
        try:
            self._write({**data, "keyring_copy": in_keyring})
        except OSError as exc:
            log.warning(
                "%s: could not note the keyring copy (%s); the store opens anyway", KEY_FILE_NAME, type(exc).__name__
            )

    def change_passphrase(self, old: str, new: str) -> None:
        data = self._read()
        profile_id = str(data["profile_id"])
        key = unwrap(data["passphrase_wrap"], old, profile_id)
        try:
            check_passphrase_strength(new)
            self._write({**data, "passphrase_wrap": wrap(key, new, profile_id)})
        finally:
            key[:] = bytes(len(key))

    def destroy(self) -> None:
        """Remove the keyring copy and keys.json: without them the store is unreadable
        bytes (crypto-shredding), whatever the disk keeps of the database file."""
        try:
            profile_id = str(self._read()["profile_id"])
        except (KeyFileMissing, KeyFileCorrupt):
            profile_id = None
        if profile_id is not None:
            self.vault.delete(profile_id)
        if self.path.exists():
            # Overwrite before unlinking (best effort: journaling file systems and SSDs
            # may keep old blocks; the keyring copy and the passphrase wrap both go).
            size = self.path.stat().st_size
            with open(self.path, "r+b") as handle:
                handle.write(secrets.token_bytes(size))
                handle.flush()
                os.fsync(handle.fileno())
            self.path.unlink()
