"""An operator profile on disk: its folder, identity, wrapped key and encrypted store.

Owns: the profile folder layout and the two ways in:
- `Profile.create()` makes the folder (0700), the data key (wrapped by the
  passphrase and, where available, the OS keyring), the identity file and a new
  SQLCipher database at the latest schema;
- `Profile.open()` unlocks the key, opens the existing database on its owner
  thread, upgrades its schema, and returns the `StoreWorker`.

Layout: `keys.json` (wrapped key, no secret in clear), `profile.json` (ids of
this profile, device and operator; nothing personal), `store.db` (+ -wal, -shm).

Must never recreate or overwrite a store that failed to open, never write the
key or passphrase anywhere, and never touch a database from a newer version.
"""

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.store import database, migrations
from desktop.store.errors import StoreCorrupt, StoreLocked
from desktop.store.keys import KeyringVault, KeyStore, PassphraseRequired
from desktop.store.repositories import Identity
from desktop.store.worker import StoreWorker

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
        # Atomic replace: a crash leaves the old identity or the new one.
        temp = self.identity_path.with_name(f".{IDENTITY_FILE}.tmp")
        temp.write_text(json.dumps(identity, indent=2), encoding="utf-8")
        os.replace(temp, self.identity_path)

    def record_enrolment(self, device_id: uuid.UUID, operator_id: uuid.UUID) -> None:
        """From now on, records are stamped with the ids the central service gave."""
        current = self.identity()
        self._write_identity({"format": 1, "profile_id": current.profile_id, "device_id": str(device_id),
                              "operator_id": str(operator_id)})

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
    def create(
        cls, directory: Path, passphrase: str, vault: KeyringVault | None = None
    ) -> "Profile":
        profile = cls(directory, vault)
        if profile.exists():
            raise StoreCorrupt(f"a profile already exists in {directory}; it was not touched")
        profile.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = profile.keys.create(passphrase)
        try:
            identity = {
                "format": 1,
                "profile_id": profile.keys.profile_id(),
                "device_id": str(uuid.uuid4()),
                "operator_id": None,
            }
            profile._write_identity(identity)
            conn = database.create_new(profile.store_path, bytes(key))
            try:
                migrations.migrate(conn)
            finally:
                conn.close()
        finally:
            _wipe(key)
        return profile

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
        key = self.keys.unlock(passphrase)
        from_keyring = passphrase is None

        def open_connection() -> database.Connection:
            try:
                conn = database.open_existing(self.store_path, bytes(key))
            except StoreLocked as exc:
                if from_keyring:
                    raise PassphraseRequired(
                        "the key in the system keyring does not open this store; "
                        "enter the passphrase"
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
                raise StoreCorrupt(f"{STORE_FILE} is damaged: {exc}") from exc
            except BaseException:
                conn.close()
                raise
            return conn

        return StoreWorker(open_connection, identity.as_identity())
