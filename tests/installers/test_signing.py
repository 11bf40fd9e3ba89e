"""Release signatures: installers/sign.sh + verify.sh (minisign) and the Windows
Authenticode script, run for real with throwaway keys made in tmp_path.

Never uses a real release key; skips with a reason when a tool is absent
(installers/ensure-release-tools.sh installs them).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

INSTALLERS = Path(__file__).resolve().parents[2] / "installers"

needs_minisign = pytest.mark.skipif(
    shutil.which("minisign") is None, reason="minisign absent: run installers/ensure-release-tools.sh"
)


def _run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, check=False)


def _keypair(tmp: Path, name: str) -> tuple[Path, Path]:
    pub, sec = tmp / f"{name}.pub", tmp / f"{name}.key"
    result = _run("minisign", "-G", "-W", "-p", pub, "-s", sec)
    assert result.returncode == 0, result.stderr
    return pub, sec


@pytest.fixture
def release(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A signed release dir with two artifacts; returns (dir, public key, secret key)."""
    pub, sec = _keypair(tmp_path, "release")
    rel = tmp_path / "rel"
    rel.mkdir()
    (rel / "prossimo.deb").write_bytes(b"deb payload " * 100)
    (rel / "prossimo.exe").write_bytes(b"exe payload " * 100)
    result = _run(INSTALLERS / "sign.sh", "--key", sec, rel)
    assert result.returncode == 0, result.stderr
    return rel, pub, sec


@needs_minisign
def test_good_artifact_verifies(release: tuple[Path, Path, Path]) -> None:
    rel, pub, _ = release
    assert sorted(p.name for p in rel.iterdir()) == [
        "SHA256SUMS",
        "SHA256SUMS.minisig",
        "prossimo.deb",
        "prossimo.deb.minisig",
        "prossimo.exe",
        "prossimo.exe.minisig",
    ]
    assert len((rel / "SHA256SUMS").read_text().splitlines()) == 2
    result = _run(INSTALLERS / "verify.sh", "--key", pub, rel / "prossimo.deb")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK prossimo.deb")


@needs_minisign
def test_one_byte_changed_fails_signature(release: tuple[Path, Path, Path]) -> None:
    rel, pub, _ = release
    artifact = rel / "prossimo.deb"
    data = bytearray(artifact.read_bytes())
    data[5] ^= 1
    artifact.write_bytes(bytes(data))
    result = _run(INSTALLERS / "verify.sh", "--key", pub, artifact)
    assert result.returncode == 1
    assert "FAILED signature" in result.stderr


@needs_minisign
def test_re_signed_artifact_fails_hash(release: tuple[Path, Path, Path]) -> None:
    # An attacker holding the key for one file but not a new SHA256SUMS: the hash check catches it.
    rel, pub, sec = release
    artifact = rel / "prossimo.deb"
    artifact.write_bytes(b"other payload")
    assert _run("minisign", "-S", "-q", "-s", sec, "-m", artifact).returncode == 0
    result = _run(INSTALLERS / "verify.sh", "--key", pub, artifact)
    assert result.returncode == 1
    assert "FAILED hash" in result.stderr


@needs_minisign
def test_wrong_key_is_named(release: tuple[Path, Path, Path], tmp_path: Path) -> None:
    rel, _, _ = release
    other_pub, _ = _keypair(tmp_path, "other")
    result = _run(INSTALLERS / "verify.sh", "--key", other_pub, rel / "prossimo.deb")
    assert result.returncode == 1
    assert "FAILED wrong key" in result.stderr


@needs_minisign
def test_missing_signature_is_named(release: tuple[Path, Path, Path]) -> None:
    rel, pub, _ = release
    (rel / "prossimo.exe.minisig").unlink()
    result = _run(INSTALLERS / "verify.sh", "--key", pub, rel / "prossimo.exe")
    assert result.returncode == 1
    assert "FAILED missing signature" in result.stderr


@needs_minisign
def test_sign_refuses_missing_key(tmp_path: Path) -> None:
    (tmp_path / "a.deb").write_bytes(b"x")
    env = {k: v for k, v in os.environ.items() if k != "PROSSIMO_MINISIGN_KEY"}
    result = _run(INSTALLERS / "sign.sh", tmp_path, env=env)
    assert result.returncode == 1
    assert "no secret key" in result.stderr
    assert not (tmp_path / "SHA256SUMS").exists()


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck absent")
def test_shellcheck_installer_scripts() -> None:
    # The set-up scripts in scripts/ run on every fresh CI machine and deploy/'s are IT's, so they
    # are held to the same rule.
    root = INSTALLERS.parent
    scripts = (
        sorted(INSTALLERS.rglob("*.sh"))
        + sorted((root / "scripts").glob("*.sh"))
        + sorted((root / "deploy").glob("*.sh"))
    )
    assert len(scripts) >= 8
    result = _run("shellcheck", *scripts)
    assert result.returncode == 0, result.stdout


def _distlib_pe() -> Path | None:
    try:
        import pip._vendor.distlib as distlib
    except ImportError:
        return None
    exe = Path(distlib.__file__).parent / "t32.exe"
    return exe if exe.is_file() else None


@pytest.mark.skipif(
    shutil.which("osslsigncode") is None or shutil.which("openssl") is None or _distlib_pe() is None,
    reason="osslsigncode, openssl or a PE to sign (pip's distlib t32.exe) absent",
)
def test_authenticode_sign_verify_and_tamper(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "cert.key"
    made = _run(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
        "-out", cert, "-days", "2", "-subj", "/CN=Prossimo test",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    pe = _distlib_pe()
    assert pe is not None
    unsigned = tmp_path / "in.exe"
    shutil.copyfile(pe, unsigned)
    script = INSTALLERS / "windows" / "sign-windows.sh"
    env = dict(os.environ, PROSSIMO_AUTHENTICODE_CERT=str(cert), PROSSIMO_AUTHENTICODE_KEY=str(key))
    signed = tmp_path / "out.exe"
    assert _run(script, "sign", unsigned, signed, env=env).returncode == 0
    assert _run(script, "verify", unsigned, cert).returncode == 1
    good = _run(script, "verify", signed, cert)
    assert good.returncode == 0, good.stderr
    data = bytearray(signed.read_bytes())
    data[2000] ^= 1
    tampered = tmp_path / "bad.exe"
    tampered.write_bytes(bytes(data))
    bad = _run(script, "verify", tampered, cert)
    assert bad.returncode == 1
    assert "FAILED signature" in bad.stderr
