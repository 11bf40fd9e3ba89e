"""An operator profile on disk: its folder, identity, wrapped key and encrypted store.

Owns: the profile folder layout and the two ways in:
- `Profile.create()` makes the folder (0700), the data key (wrapped by the
  passphrase and, where available, the OS keyring), the identity file and a new
  SQLCipher database at the latest schema;
- `Profile.open()` unlocks the key, opens the existing database on its owner
  thread, upgrades its schema, and returns the `StoreWorker`.

Layout: `keys.json` (wrapped key, no secret in clear), `profile.json` (ids of
this profile, device and operator; nothing personal), `store.db` (+ -wal, -shm),
`settings.json`. Every file 0600 and the folder 0700 whatever the umask; `open()`
tightens a profile left looser. A `create()` that fails leaves nothing behind.

Must never recreate or overwrite a store that failed to open, never write the
key or passphrase anywhere, and never touch a database from a newer version.
"""

import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.store import database, migrations
from desktop.store.errors import StoreCorrupt, StoreLocked
from desktop.store.keys import (
    KEY_FILE_NAME,
    KeyringVault,
    KeyStore,
    PassphraseRequired,
    check_passphrase_strength,
)
from desktop.store.private_files import private_dir, tighten, write_private
from desktop.store.repositories import Identity
from desktop.store.worker import StoreWorker

log = logging.getLogger(__name__)

STORE_FILE = "store.db"
IDENTITY_FILE = "profile.json"
PROFILE_ENV = "PROSSIMO_HOME"


def default_profile_dir() -> Path:
    """`$PROSSIMO_HOME`, else the platform's per-user data folder."""
    env = os.environ.get(PROFILE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Prossimo", appauthor=False)) / "default"


@dataclass(frozen=True)
class ProfileIdentity:
    profile_id: str
    device_id: uuid.UUID
    operator_id: uuid.UUID | None

    def as_identity(self) -> Identity:
        return Identity(device_id=self.device_id, operator_id=self.operator_id)


def _wipe(key: bytearray) -> None:
    # Best effort: Python may have copied the bytes elsewhere, but drop ours.
    key[:] = bytes(len(key))


class Profile:
    def __init__(self, directory: Path, vault: KeyringVault | None = None) -> None:
        self.directory = Path(directory)
        self.keys = KeyStore(self.directory, vault)

    @property
    def store_path(self) -> Path:
        return self.directory / STORE_FILE

    @property
    def identity_path(self) -> Path:
        return self.directory / IDENTITY_FILE

    def exists(self) -> bool:
        return self.keys.exists() or self.store_path.exists()

    def _write_identity(self, identity: dict[str, object]) -> None:
        # Atomic replace: a crash or a full disk leaves the old identity or the new one.
        write_private(self.identity_path, json.dumps(identity, indent=2))

    def _tighten(self) -> None:
        """A profile made by an older version (or loosened by hand) becomes private again:
        the folder 0700, every file in it 0600 (store.db before SQLite makes -wal/-shm)."""
        private_dir(self.directory)
        for path in self.directory.iterdir():
            if path.is_file():
                tighten(path)

    def record_enrolment(self, device_id: uuid.UUID, operator_id: uuid.UUID) -> None:
        """From now on, records are stamped with the ids the central service gave."""
        current = self.identity()
        self._write_identity(
            {
                "format": 1,
                "profile_id": current.profile_id,
                "device_id": str(device_id),
                "operator_id": str(operator_id),
            }
        )

    def destroy(self) -> list[str]:
        """Delete this profile for good (a wipe order): keys first, then the store and its
        -wal/-shm files (the outbox lives inside), then the identity. The store must be
        closed. Returns the names of the files removed."""
        removed = []
        if self.keys.exists():
            self.keys.destroy()
            removed.append("keys.json")
        for name in (STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm", IDENTITY_FILE):
            path = self.directory / name
            if path.exists():
                path.unlink()
                removed.append(name)
        try:
            self.directory.rmdir()  # only when nothing else is left in it
        except OSError:
            pass
        return removed

    def identity(self) -> ProfileIdentity:
        try:
            data = json.loads(self.identity_path.read_text(encoding="utf-8"))
            operator = data.get("operator_id")
            return ProfileIdentity(
                profile_id=data["profile_id"],
                device_id=uuid.UUID(data["device_id"]),
                operator_id=uuid.UUID(operator) if operator else None,
            )
        except FileNotFoundError:
            raise StoreCorrupt(f"{IDENTITY_FILE} is missing from the profile") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreCorrupt(f"{IDENTITY_FILE} is damaged ({type(exc).__name__})") from None

    @classmethod
    def create(cls, directory: Path, passphrase: str, vault: KeyringVault | None = None) -> "Profile":
        """All or nothing: if any step fails (a full disk, most often), every file and
        folder this call made is removed again, so a later `create` starts clean."""
        profile = cls(directory, vault)
        if profile.exists():
            raise StoreCorrupt(f"a profile already exists in {directory}; it was not touched")
        check_passphrase_strength(passphrase)  # before anything is made
        made_folders = private_dir(profile.directory)
        try:
            profile._make(passphrase)
        except BaseException:
            profile._remove_half_made(made_folders)
            raise
        return profile

    def _make(self, passphrase: str) -> None:
        key = self.keys.create(passphrase)
        try:
            identity = {
                "format": 1,
                "profile_id": self.keys.profile_id(),
                "device_id": str(uuid.uuid4()),
                "operator_id": None,
            }
            self._write_identity(identity)
            conn = database.create_new(self.store_path, bytes(key))
            try:
                migrations.migrate(conn)
            finally:
                conn.close()
        finally:
            _wipe(key)

    def _remove_half_made(self, made_folders: list[Path]) -> None:
        """Undo a failed `create`: only the files it writes (keys, identity, store and its
        companions, their temp files) and the folders it made; anything else (the wizard's
        settings.json) stays. Best effort: the original error is what the caller sees."""
        try:
            self.keys.destroy()
        except OSError:
            self.keys.path.unlink(missing_ok=True)
        names = [IDENTITY_FILE, STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm", f"{STORE_FILE}-journal"]
        leftovers = [self.directory / name for name in names]
        leftovers += [
            path
            for path in self.directory.glob(".*.tmp")
            if path.name.startswith((f".{IDENTITY_FILE}.", f".{KEY_FILE_NAME}."))
        ]
        for path in leftovers:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not remove %s of a failed profile set-up (%s)", path.name, type(exc).__name__)
        for folder in reversed(made_folders):  # innermost first; only if nothing else is in it
            try:
                folder.rmdir()
            except OSError:
                break

    def open(self, passphrase: str | None) -> StoreWorker:
        """Unlock and open the store on its owner thread.

        With a passphrase, the key it unwraps is known to be right, so a first
        page that does not decrypt means damage (StoreCorrupt). Without one the
        key comes from the keyring; if that copy does not open the store, the
        operator is asked for the passphrase (PassphraseRequired).
        """
        identity = self.identity()
        if not self.store_path.exists():
            raise StoreCorrupt(f"{STORE_FILE} is missing from the profile; it will not be recreated")
        self._tighten()
        key = self.keys.unlock(passphrase)
        from_keyring = passphrase is None

        def open_connection() -> database.Connection:
            try:
                conn = database.open_existing(self.store_path, bytes(key))
            except StoreLocked as exc:
                if from_keyring:
                    raise PassphraseRequired(
                        "the key in the system keyring does not open this store; enter the passphrase"
                    ) from exc
                raise StoreCorrupt(
                    f"{STORE_FILE} is damaged or is not a Prossimo store "
                    "(the passphrase is right but the file does not decrypt)"
                ) from exc
            finally:
                _wipe(key)
            try:
                migrations.migrate(conn)
            except database.DatabaseError as exc:
                conn.close()
                if database.is_storage_failure(exc):
                    raise database.storage_failure(exc) from exc
                raise StoreCorrupt(f"{STORE_FILE} is damaged: {exc}") from exc
            except BaseException:
                conn.close()
                raise
            return conn

        return StoreWorker(open_connection, identity.as_identity())
