"""What must hold for a privacy officer: nothing readable on disk, nothing lost or recreated."""

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.settings import Settings
from desktop.store import database
from desktop.store.errors import StoreCorrupt, StoreTooNew
from desktop.store.keys import PassphraseRequired, WrongPassphrase
from desktop.store.migrations import LATEST_VERSION
from desktop.store.profile import Profile
from tests.conftest import FailingKeyring, MemoryKeyring
from tests.store.conftest import PASSPHRASE

CANARY = "CANARY-Zq8Lx1-Pellegrino-Mäkinen"


def _fingerprint(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
        if path.is_file()
    }


def _every_file_below(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def test_canary_appears_in_no_file(profile: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written through the store, the canary is in no database, WAL, or temp file."""
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp_dir))
    monkeypatch.setenv("TMPDIR", str(temp_dir))
    worker = profile.open(PASSPHRASE)

    def write(s):
        contact = s.contacts.create(given_name=CANARY, family_name="Rossi", municipality=CANARY)
        s.notes.create(contact_id=contact.id, body=f"note {CANARY} " * 200, occurred_at=contact.created_at)
        # A sort big enough to need temporary storage.
        s.conn.execute("SELECT body FROM contact ORDER BY body DESC").fetchall()
        return s.contacts.search(CANARY[:10])

    assert len(worker.call(write)) == 1
    wal = profile.store_path.with_name("store.db-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the write should still sit in the WAL"
    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), b"Pellegrino"]
    files = _every_file_below(profile.directory, temp_dir)
    assert len(files) >= 4  # keys.json, profile.json, store.db, store.db-wal
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"plaintext found in {path.name}"
    worker.close()
    for path in _every_file_below(profile.directory, temp_dir):
        assert CANARY.encode() not in path.read_bytes(), f"plaintext found in {path.name} after close"


def test_wrong_passphrase_leaves_every_file_untouched(profile: Profile) -> None:
    before = _fingerprint(profile.directory)
    with pytest.raises(WrongPassphrase):
        profile.open("not the passphrase at all")
    assert _fingerprint(profile.directory) == before


def test_keyring_opens_without_passphrase(profile: Profile, memory_keyring: MemoryKeyring) -> None:
    assert memory_keyring.items, "create() should have stored a keyring copy"
    with profile.open(None) as worker:
        assert worker.call(lambda s: s.contacts.count()) == 0


def test_without_a_keyring_the_passphrase_alone_opens_the_store(tmp_path: Path) -> None:
    keyring.set_keyring(FailingKeyring())
    profile = Profile.create(tmp_path / "headless", PASSPHRASE)
    with pytest.raises(PassphraseRequired):
        profile.open(None)
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create(given_name="Aino"))
        assert worker.call(lambda s: s.contacts.count()) == 1


def test_passphrase_change_rewraps_without_rewriting_the_store(profile: Profile) -> None:
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create(given_name="Siiri"))
    store_before = hashlib.sha256(profile.store_path.read_bytes()).hexdigest()
    profile.keys.change_passphrase(PASSPHRASE, "a brand new passphrase")
    assert hashlib.sha256(profile.store_path.read_bytes()).hexdigest() == store_before
    with pytest.raises(WrongPassphrase):
        profile.open(PASSPHRASE)
    with profile.open("a brand new passphrase") as worker:
        assert worker.call(lambda s: s.contacts.count()) == 1


def _close_cleanly(profile: Profile) -> None:
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create_many([{"given_name": f"P{i}"} for i in range(300)]))


@pytest.mark.parametrize("damage", ["truncate_half", "empty", "zero_header", "flip_page_bytes"])
def test_damaged_store_is_reported_and_never_recreated(profile: Profile, damage: str) -> None:
    _close_cleanly(profile)
    path = profile.store_path
    data = bytearray(path.read_bytes())
    if damage == "truncate_half":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = bytearray()
    elif damage == "zero_header":
        data[:4096] = bytes(4096)
    else:
        middle = (len(data) // 4096 // 2) * 4096 + 100
        data[middle : middle + 16] = bytes(16)
    path.write_bytes(bytes(data))
    damaged = hashlib.sha256(path.read_bytes()).hexdigest()

    outcome: list[str] = []
    try:
        with profile.open(PASSPHRASE) as worker:
            report = worker.call(lambda s: s.check_integrity())
            outcome.append("check-failed" if not report.ok else "check-passed")
    except StoreCorrupt:
        outcome.append("refused")
    except database.DatabaseError:
        outcome.append("refused")
    assert outcome in (["refused"], ["check-failed"])
    assert path.exists()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == damaged, "the damaged file was modified"


def test_missing_store_is_not_recreated(profile: Profile) -> None:
    os.remove(profile.store_path)
    with pytest.raises(StoreCorrupt, match="will not be recreated"):
        profile.open(PASSPHRASE)
    assert not profile.store_path.exists()


def test_store_from_newer_version_is_refused_untouched(profile: Profile) -> None:
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}"))
    before = _fingerprint(profile.directory)
    with pytest.raises(StoreTooNew, match="newer Prossimo"):
        profile.open(PASSPHRASE)
    assert _fingerprint(profile.directory) == before


def test_profile_is_private_to_its_user(profile: Profile) -> None:
    assert profile.directory.stat().st_mode & 0o077 == 0
    assert (profile.directory / "keys.json").stat().st_mode & 0o077 == 0


def test_create_refuses_an_existing_profile(profile: Profile) -> None:
    before = _fingerprint(profile.directory)
    with pytest.raises(StoreCorrupt, match="already exists"):
        Profile.create(profile.directory, PASSPHRASE)
    assert _fingerprint(profile.directory) == before


def test_cipher_version_is_4_or_newer(store) -> None:
    assert int(store.call(lambda s: s.cipher_version()).split(".")[0]) >= 4


# --- Issue 13 item 10: file modes -------------------------------------------------------------


def _loose_modes(*roots: Path) -> dict[str, str]:
    """Every file below the roots that is not 0600 and every folder that is not 0700."""
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            wanted = 0o700 if path.is_dir() else 0o600
            mode = path.stat().st_mode & 0o777
            if mode != wanted:
                found[str(path.relative_to(root.parent))] = oct(mode)
    return found


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_every_file_prossimo_creates_is_0600_and_every_folder_0700(tmp_path: Path, umask: int) -> None:
    """Issue 13 item 10: store.db, -wal, -shm, profile.json, keys.json, settings.json are 0600,
    the profile folder and the folders made for it 0700, whatever the umask."""
    root = tmp_path / "made-by-prossimo"
    profile = Profile.create(root / "nested" / "profile", PASSPHRASE)
    Settings(language="fi").save(profile.directory)
    profile.record_enrolment(uuid.uuid4(), uuid.uuid4())
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create(given_name="Aino"))
        names = {path.name for path in profile.directory.iterdir()}
        assert {"store.db", "store.db-wal", "store.db-shm", "keys.json", "profile.json", "settings.json"} <= names
        assert _loose_modes(root) == {}
    assert _loose_modes(root) == {}


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_an_existing_loose_profile_is_tightened_when_it_opens(profile: Profile) -> None:
    """Issue 13 item 10: a profile folder left 0755 (and files left 0644 by an older version)
    is made 0700/0600 on open, before SQLite copies the store's mode to -wal and -shm."""
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create(given_name="Aino"))
    profile.directory.chmod(0o755)
    for path in profile.directory.iterdir():
        path.chmod(0o644)
    with profile.open(PASSPHRASE) as worker:
        worker.call(lambda s: s.contacts.create(given_name="Siiri"))
        assert (profile.directory / "store.db-wal").exists()
        assert _loose_modes(profile.directory) == {}
