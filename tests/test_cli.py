"""The `prossimo` command as IT scripts and operators run it: real process, real store."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSPHRASE = "una frase lunga e segreta"
PROSSIMO = str(Path(sys.executable).parent / "prossimo")


def run(profile: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROSSIMO_")}
    environment["PROSSIMO_HOME"] = str(profile)
    if passphrase is not None:
        environment["PROSSIMO_PASSPHRASE"] = passphrase
    environment.update(env)
    return subprocess.run(
        [PROSSIMO, *args],
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


def fingerprint(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    profile = tmp_path / "profile"
    result = run(profile, "init")
    assert result.returncode == 0, result.stderr
    return profile


def add(home: Path, *args: str) -> str:
    result = run(home, "contacts", "add", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_add_search_show_round_trip(home: Path) -> None:
    anna = add(home, "--given", "Anna", "--family", "Lòdi", "--municipality", "Forlì", "--phone", "+39 333 1234567")
    add(home, "--given", "Lorenzo", "--family", "Rossi")
    lupo = add(home, "--alias", "Lupo")

    found = run(home, "contacts", "search", "lodi", "--json")
    assert found.returncode == 0
    lines = found.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [anna]

    assert run(home, "contacts", "search", "lor").stdout.split()[1:3] == ["Lorenzo", "Rossi"]
    shown = json.loads(run(home, "contacts", "show", lupo, "--json").stdout)
    assert shown["kind"] == "pseudonymous" and shown["alias"] == "Lupo" and shown["given_name"] is None
    human = run(home, "contacts", "show", anna).stdout
    assert "Forlì" in human and "+39 333 1234567" in human


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--given", "Anna", "--birth-year", "1850"), "birth_year"),
        (("--given", "Anna", "--phone", "call me maybe"), "phone"),
        (("--given", "Anna", "--email", "anna-at-home"), "email"),
        (
            (
                "--municipality",
                "Lodi",
            ),
            "given_name",
        ),
        (("--given", "Anna", "--language", "Italian"), "preferred_language"),
    ],
)
def test_invalid_contact_exits_2_names_the_field_and_writes_nothing(home: Path, args: tuple, field: str) -> None:
    result = run(home, "contacts", "add", *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"prossimo: {field}:"), result.stderr
    assert run(home, "contacts", "search", "anna", "--json").stdout == ""


def test_usage_error_exits_2(home: Path) -> None:
    assert run(home, "contacts", "frobnicate").returncode == 2
    assert run(home, "contacts", "show", "not-an-id").returncode == 2
    unknown = run(home, "contacts", "show", "0190f0c2-0000-7000-8000-000000000001")
    assert unknown.returncode == 2 and "no contact with id" in unknown.stderr


def test_init_refuses_weak_passphrase_and_existing_profile(tmp_path: Path, home: Path) -> None:
    weak = run(tmp_path / "other", "init", passphrase="short")
    assert weak.returncode == 2
    assert "passphrase: must be at least 10 characters" in weak.stderr
    before = fingerprint(home)
    again = run(home, "init")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert fingerprint(home) == before


def test_wrong_or_missing_passphrase_exits_3_untouched(home: Path) -> None:
    add(home, "--given", "Aino")
    before = fingerprint(home)
    wrong = run(home, "contacts", "search", "aino", passphrase="definitely not it")
    assert wrong.returncode == 3 and "wrong passphrase" in wrong.stderr
    missing = run(home, "contacts", "search", "aino", passphrase=None)
    assert missing.returncode == 3 and "PROSSIMO_PASSPHRASE" in missing.stderr
    assert fingerprint(home) == before


def test_passphrase_file_and_change(home: Path, tmp_path: Path) -> None:
    secret_file = tmp_path / "pass.txt"
    secret_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret_file.chmod(0o600)
    assert run(home, "store", "check", "--passphrase-file", str(secret_file), passphrase=None).returncode == 0
    changed = run(home, "passphrase", "change", PROSSIMO_NEW_PASSPHRASE="another long passphrase")
    assert changed.returncode == 0, changed.stderr
    assert run(home, "store", "check").returncode == 3
    assert run(home, "store", "check", passphrase="another long passphrase").returncode == 0


def test_store_check_passes_then_detects_damage(home: Path) -> None:
    for number in range(3):
        add(home, "--given", f"Persona{number}")
    ok = run(home, "store", "check")
    assert ok.returncode == 0, ok.stderr
    assert "integrity_check: ok" in ok.stdout and "cipher_integrity_check: ok" in ok.stdout
    store = home / "store.db"
    data = bytearray(store.read_bytes())
    data[len(data) - 2000 : len(data) - 1000] = bytes(1000)  # damage the last page
    store.write_bytes(bytes(data))
    damaged = run(home, "store", "check")
    assert damaged.returncode == 4, damaged.stdout + damaged.stderr
    assert store.read_bytes() == bytes(data), "a damaged store must be left as it is"


def test_newer_store_exits_4(home: Path) -> None:
    import sqlcipher3  # the test reaches under the CLI to fake a future version

    from desktop.store.keys import KeyStore, sqlcipher_key_pragma_value

    key = KeyStore(home).unlock(PASSPHRASE)
    conn = sqlcipher3.connect(str(home / "store.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = {sqlcipher_key_pragma_value(bytes(key))}")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = run(home, "contacts", "search", "x")
    assert result.returncode == 4 and "newer Prossimo" in result.stderr


def test_missing_profile_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere", "contacts", "search", "x")
    assert result.returncode == 2 and "prossimo init" in result.stderr


def test_subject_access_export(home: Path, tmp_path: Path) -> None:
    anna = add(home, "--given", "Anna", "--family", "Virtanen")
    printed = run(home, "store", "export", "--contact", anna)
    assert printed.returncode == 0
    export = json.loads(printed.stdout)
    assert export["contact"]["family_name"] == "Virtanen"
    assert export["format"] == "prossimo-subject-access/1"
    target = tmp_path / "anna.json"
    assert run(home, "store", "export", "--contact", anna, "--output", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["contact"]["id"] == anna
    assert target.stat().st_mode & 0o077 == 0


def test_secrets_never_appear_in_output(home: Path) -> None:
    results = [
        run(home, "contacts", "search", "x", passphrase="wrong wrong wrong"),
        run(home, "store", "check"),
        run(home, "contacts", "add", "--given", "A", "--email", "SecretMail"),
    ]
    for result in results:
        assert PASSPHRASE not in result.stdout + result.stderr
        assert "wrong wrong wrong" not in result.stdout + result.stderr
        assert "SecretMail" not in result.stderr


def test_demo_runs_without_a_keyring_and_finds_accented_names(tmp_path: Path) -> None:
    result = run(tmp_path, "demo", "--profile", str(tmp_path / "demo"), passphrase=None)
    assert result.returncode == 0, result.stderr
    assert "search 'lodi'" in result.stdout and "Lòdi" in result.stdout
    assert "Integrity: ok" in result.stdout


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604], ids=["0644", "0640", "0604"])
def test_a_passphrase_file_others_can_read_is_refused(home: Path, tmp_path: Path, mode: int) -> None:
    """Issue 13 item 10: a group- or world-readable --passphrase-file is refused, naming the
    file, the rule and the fix; nothing is opened."""
    secret_file = tmp_path / "pass.txt"
    secret_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret_file.chmod(mode)
    before = fingerprint(home)
    result = run(home, "store", "check", "--passphrase-file", str(secret_file), passphrase=None)
    assert result.returncode == 2, result.stderr
    assert str(secret_file) in result.stderr and f"chmod 600 {secret_file}" in result.stderr
    assert "other users" in result.stderr and oct(mode)[2:] in result.stderr
    assert "Traceback" not in result.stderr and PASSPHRASE not in result.stderr
    assert fingerprint(home) == before


def test_store_export_never_overwrites_unasked_and_names_a_missing_folder(home: Path, tmp_path: Path) -> None:
    """Issue 13 item 12: --output to an existing file is refused (unless --force) and into a
    missing folder is a clear error: exit 2, no traceback, nothing half-written."""
    anna = add(home, "--given", "Anna", "--family", "Virtanen")
    existing = tmp_path / "old.json"
    existing.write_text("keep me", encoding="utf-8")
    refused = run(home, "store", "export", "--contact", anna, "--output", str(existing))
    assert refused.returncode == 2, refused.stderr
    assert f"--output: {existing} already exists" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert existing.read_text(encoding="utf-8") == "keep me"

    forced = run(home, "store", "export", "--contact", anna, "--output", str(existing), "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(existing.read_text(encoding="utf-8"))["contact"]["id"] == anna
    assert existing.stat().st_mode & 0o077 == 0

    nowhere = tmp_path / "no-such-folder" / "anna.json"
    missing = run(home, "store", "export", "--contact", anna, "--output", str(nowhere))
    assert missing.returncode == 2, missing.stderr
    assert f"--output: the folder {nowhere.parent} does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
