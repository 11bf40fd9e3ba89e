"""Issue 13 item 12: a full disk is a full disk, never "your store is damaged".

Black-box: a real, small tmpfs (mounted for the test; skipped where mounting is not
permitted), filled to the last page, and the real `prossimo` command run against a
profile on it. Each test then frees the space and checks that the store still opens,
`store check` is fine and nothing that was saved before was lost.
"""

import errno
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_cli import PASSPHRASE, fingerprint, run

EXIT_DISK = 8
CHUNK = 64 * 1024


class SmallDisk:
    """A tmpfs of a fixed size and a filler file that takes what is left of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler"

    def fill(self, leave: int = 0) -> None:
        """Take every free page, then give back `leave` bytes (rounded to pages by tmpfs)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (CHUNK, 4096, 1):
                while True:
                    try:
                        os.write(fd, b"\0" * size)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC
                        break
            if leave:
                os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


def _mount(path: Path, size: str) -> SmallDisk:
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
    return SmallDisk(path)


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    disk = _mount(tmp_path / "disk", "4m")
    yield disk
    subprocess.run(["umount", "-l", str(disk.root)], check=False)


def assert_disk_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == EXIT_DISK, result.stdout + result.stderr
    assert "the disk is full or could not be written" in result.stderr
    assert "damaged" not in result.stderr and "Traceback" not in result.stderr


def assert_store_fine(profile: Path, *names: str) -> None:
    check = run(profile, "store", "check")
    assert check.returncode == 0, check.stderr
    assert "integrity_check: ok" in check.stdout and "cipher_integrity_check: ok" in check.stdout
    for name in names:
        found = run(profile, "contacts", "search", name, "--json")
        assert [json.loads(line)["given_name"] for line in found.stdout.splitlines()] == [name]


@pytest.mark.parametrize("leave", [0, 48 * 1024], ids=["full", "nearly-full"])
def test_contacts_add_on_a_full_disk_says_so_and_loses_nothing(small_disk: SmallDisk, leave: int) -> None:
    """Issue 13 item 12: exit 8 with its own message, never exit 4 "damaged"; the store is fine."""
    profile = small_disk.root / "profile"
    assert run(profile, "init").returncode == 0
    assert run(profile, "contacts", "add", "--given", "Aino").returncode == 0
    small_disk.fill(leave=leave)
    tags = [arg for n in range(20) for arg in ("--tag", f"{n}-" + "x" * 30)]
    result = run(
        profile, "contacts", "add", "--given", "Siiri", "--family", "Mäkinen", "--municipality", "Jyväskylä", *tags
    )
    assert_disk_error(result)
    assert "nothing already saved was lost" in result.stderr
    if leave:  # room to open and read: the store is fine on the full disk itself
        assert run(profile, "store", "check").returncode == 0
    small_disk.free()
    assert_store_fine(profile, "Aino")
    assert run(profile, "contacts", "search", "Siiri", "--json").stdout == ""


def test_passphrase_change_on_a_full_disk_keeps_the_old_passphrase(small_disk: SmallDisk) -> None:
    """Issue 13 item 12: a clear error instead of an OSError traceback; keys.json is untouched."""
    profile = small_disk.root / "profile"
    assert run(profile, "init").returncode == 0
    assert run(profile, "contacts", "add", "--given", "Aino").returncode == 0
    before = fingerprint(profile)
    small_disk.fill()
    result = run(profile, "passphrase", "change", PROSSIMO_NEW_PASSPHRASE="another long passphrase")
    assert_disk_error(result)
    assert "passphrase was not changed" in result.stderr
    assert fingerprint(profile) == before
    assert sorted(p.name for p in profile.iterdir()) == ["keys.json", "profile.json", "store.db"]
    small_disk.free()
    assert_store_fine(profile, "Aino")  # with the old passphrase
    assert run(profile, "store", "check", passphrase="another long passphrase").returncode == 3


def test_init_on_a_nearly_full_disk_leaves_no_half_made_profile(small_disk: SmallDisk) -> None:
    """Issue 13 item 12: a failed init removes what it made, so a later init just works."""
    profile = small_disk.root / "profile"
    small_disk.fill(leave=64 * 1024)  # room for keys.json and profile.json, not for the store
    result = run(profile, "init")
    assert_disk_error(result)
    assert "no profile was created" in result.stderr
    assert not profile.exists()
    small_disk.free()
    again = run(profile, "init")
    assert again.returncode == 0, again.stderr
    assert run(profile, "contacts", "add", "--given", "Aino").returncode == 0
    assert_store_fine(profile, "Aino")


def test_store_export_to_a_full_disk_leaves_no_partial_file(small_disk: SmallDisk, tmp_path: Path) -> None:
    """Issue 13 item 12: the export's disk is full: exit 8, no half-written export, store fine."""
    profile = tmp_path / "profile"  # on the ordinary disk; only the export's target is full
    assert run(profile, "init").returncode == 0
    anna = run(profile, "contacts", "add", "--given", "Anna", "--family", "Virtanen").stdout.strip()
    small_disk.fill()
    target = small_disk.root / "anna.json"
    result = run(profile, "store", "export", "--contact", anna, "--output", str(target))
    assert_disk_error(result)
    assert not target.exists()
    assert [p.name for p in small_disk.root.iterdir()] == ["filler"]
    small_disk.free()
    assert_store_fine(profile, "Anna")
    assert PASSPHRASE not in result.stderr
