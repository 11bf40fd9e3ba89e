"""Key wrapping: passphrase (Argon2id + AES-GCM), keyring copy with a timeout, keys.json."""

import json
import threading
from pathlib import Path

import keyring
import pytest
import sqlcipher3

from desktop.store.keys import (
    KeyFileCorrupt,
    KeyFileMissing,
    KeyringVault,
    KeyStore,
    PassphraseRequired,
    ProfileExists,
    WeakPassphrase,
    WrongPassphrase,
    sqlcipher_key_pragma_value,
)
from tests.conftest import FailingKeyring, MemoryKeyring

PASSPHRASE = "correct horse battery staple"


class HangingKeyring(MemoryKeyring):
    """A Secret Service that never answers (seen with locked GNOME keyrings over SSH)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(60)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(60)


def test_create_then_unlock_returns_the_same_key(tmp_path: Path) -> None:
    store = KeyStore(tmp_path)
    key = bytes(store.create(PASSPHRASE))
    assert len(key) == 32
    assert bytes(store.unlock(PASSPHRASE)) == key
    text = store.path.read_text(encoding="utf-8")
    for secret in (PASSPHRASE, key.hex(), key.hex().upper()):
        assert secret not in text
    assert key not in store.path.read_bytes()
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert json.loads(text)["passphrase_wrap"]["kdf"] == "argon2id"


def test_wrong_passphrase_changes_nothing(tmp_path: Path) -> None:
    store = KeyStore(tmp_path)
    store.create(PASSPHRASE)
    before = store.path.read_bytes()
    with pytest.raises(WrongPassphrase):
        store.unlock("Correct horse battery staple")
    assert store.path.read_bytes() == before


def test_keyring_copy_unlocks_without_passphrase(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = KeyStore(tmp_path)
    key = bytes(store.create(PASSPHRASE))
    assert json.loads(store.path.read_text())["keyring_copy"] is True
    assert bytes(store.unlock(None)) == key
    memory_keyring.items.clear()
    with pytest.raises(PassphraseRequired):
        store.unlock(None)
    # a passphrase unlock puts the copy back for next time
    store.unlock(PASSPHRASE)
    assert bytes(store.unlock(None)) == key


def test_failing_keyring_falls_back_to_the_passphrase(tmp_path: Path) -> None:
    keyring.set_keyring(FailingKeyring())
    store = KeyStore(tmp_path)
    key = bytes(store.create(PASSPHRASE))
    assert json.loads(store.path.read_text())["keyring_copy"] is False
    with pytest.raises(PassphraseRequired):
        store.unlock(None)
    assert bytes(store.unlock(PASSPHRASE)) == key


def test_hanging_keyring_is_abandoned_after_the_timeout(tmp_path: Path) -> None:
    hanging = HangingKeyring()
    keyring.set_keyring(hanging)
    try:
        vault = KeyringVault(timeout=0.2)
        assert vault.load("someone") is None
        assert vault.store("someone", bytes(32)) is False
        store = KeyStore(tmp_path, vault)
        key = bytes(store.create(PASSPHRASE))
        assert bytes(store.unlock(PASSPHRASE)) == key
        with pytest.raises(PassphraseRequired):
            store.unlock(None)
    finally:
        hanging.release.set()


def test_garbled_keyring_entry_is_ignored(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = KeyStore(tmp_path)
    store.create(PASSPHRASE)
    for key in list(memory_keyring.items):
        memory_keyring.items[key] = "not hex at all"
    with pytest.raises(PassphraseRequired):
        store.unlock(None)


def test_change_passphrase_rewraps_the_same_key(tmp_path: Path) -> None:
    store = KeyStore(tmp_path)
    key = bytes(store.create(PASSPHRASE))
    old_wrap = json.loads(store.path.read_text())["passphrase_wrap"]
    store.change_passphrase(PASSPHRASE, "another long passphrase")
    new_wrap = json.loads(store.path.read_text())["passphrase_wrap"]
    assert new_wrap["salt"] != old_wrap["salt"] and new_wrap["nonce"] != old_wrap["nonce"]
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    assert bytes(store.unlock("another long passphrase")) == key


def test_weak_passphrases_are_refused_with_the_rule(tmp_path: Path) -> None:
    store = KeyStore(tmp_path)
    with pytest.raises(WeakPassphrase, match="passphrase: must be at least 10 characters"):
        store.create("short")
    assert not store.exists()
    store.create(PASSPHRASE)
    before = store.path.read_bytes()
    with pytest.raises(WeakPassphrase):
        store.change_passphrase(PASSPHRASE, "short")
    assert store.path.read_bytes() == before


def test_create_refuses_an_existing_key_file(tmp_path: Path) -> None:
    store = KeyStore(tmp_path)
    store.create(PASSPHRASE)
    before = store.path.read_bytes()
    with pytest.raises(ProfileExists):
        store.create(PASSPHRASE)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (lambda text: text[: len(text) // 2], KeyFileCorrupt),
        (
            lambda text: json.dumps({k: v for k, v in json.loads(text).items() if k != "passphrase_wrap"}),
            KeyFileCorrupt,
        ),
        (lambda text: json.dumps({**json.loads(text), "format": 9}), KeyFileCorrupt),
        # Tampered ciphertext fails GCM authentication exactly like a wrong passphrase.
        (
            lambda text: json.dumps(
                _with_wrap(text, ciphertext="AAAA" + json.loads(text)["passphrase_wrap"]["ciphertext"][4:])
            ),
            WrongPassphrase,
        ),
        # A wrap moved to another profile id no longer authenticates (associated data).
        (lambda text: json.dumps({**json.loads(text), "profile_id": "someone-else"}), WrongPassphrase),
    ],
)
def test_damaged_key_file_is_reported(tmp_path: Path, damage, error) -> None:
    store = KeyStore(tmp_path)
    store.create(PASSPHRASE)
    store.path.write_text(damage(store.path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(error):
        store.unlock(PASSPHRASE)


def _with_wrap(text: str, **changes: str) -> dict:
    data = json.loads(text)
    data["passphrase_wrap"] = {**data["passphrase_wrap"], **changes}
    return data


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing):
        KeyStore(tmp_path).unlock(PASSPHRASE)


def test_pragma_value_opens_sqlcipher_and_a_different_key_does_not(tmp_path: Path) -> None:
    key = bytes(range(32))
    value = sqlcipher_key_pragma_value(key)
    assert value == "\"x'" + key.hex() + "'\""
    path = str(tmp_path / "x.db")
    conn = sqlcipher3.connect(path)
    conn.execute(f"PRAGMA key = {value}")
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    again = sqlcipher3.connect(path)
    again.execute(f"PRAGMA key = {value}")
    assert again.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
    again.close()
    other = sqlcipher3.connect(path)
    other.execute(f"PRAGMA key = {sqlcipher_key_pragma_value(bytes(32))}")
    with pytest.raises(sqlcipher3.DatabaseError):
        other.execute("SELECT count(*) FROM sqlite_master").fetchone()
    other.close()
    with pytest.raises(ValueError, match="32 bytes"):
        sqlcipher_key_pragma_value(b"short")
