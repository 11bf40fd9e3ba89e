"""The frozen desktop app, for real: installers/build-linux.sh freezes this checkout with
PyInstaller into a tmp folder, the frozen `prossimo --self-test` runs offscreen, and
installers/build-deb.sh packs it; the .deb is installed with `dpkg --root` into an empty
directory tree and the installed app's self-test runs too; the .deb is signed with a
throwaway minisign key (installers/sign.sh) and verified (installers/verify.sh).

The build is the slow part (about 3 CPU minutes, see the README's "Building the desktop
app"); it runs once per session (a module fixture) and the tests share it. It uses the
test venv's PyInstaller (the dev extra pins the lock's version) instead of making a build
venv from the lock, which build-linux.sh does for releases and check-reproducible.sh
proves. Skips with a reason when a tool is missing (installers/ensure-release-tools.sh
installs them). The bad-input tests (dirty tree, missing tool, no bundle) take seconds.
"""

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from desktop.selftest import CHECKS

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
TARBALL = f"prossimo-{VERSION}-linux-x86_64.tar.gz"
DEB = f"prossimo_{VERSION}_amd64.deb"
BUILD_TOOLS = ("git", "tar", "gzip", "ldd", "objdump", "dpkg-deb", "dpkg", "desktop-file-validate", "appstreamcli")
MISSING = [tool for tool in BUILD_TOOLS if shutil.which(tool) is None]
needs_build_tools = pytest.mark.skipif(
    not sys.platform.startswith("linux") or bool(MISSING) or not (Path(sys.prefix) / "bin" / "pyinstaller").exists(),
    reason=f"Linux build tools or PyInstaller absent ({', '.join(MISSING) or 'pyinstaller'}): "
    "run installers/ensure-release-tools.sh and install the dev extra",
)
# The self-test's checks by name: those of desktop.selftest plus the update metadata line.
EXPECTED_CHECKS = {name for name, _ in CHECKS} | {"update metadata"}
LINE = re.compile(r"^(PASS|SKIP|FAIL) ([^:(]+?)(?: \(|:|$)")


def _run(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=timeout, check=False)


def _offscreen() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _assert_self_test_passes(executable: Path) -> list[str]:
    result = _run(executable, "--self-test", env=_offscreen(), timeout=120)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    seen = {}
    for line in lines:
        match = LINE.match(line)
        assert match, f"not a check line: {line!r}"
        seen[match.group(2)] = match.group(1)
    assert set(seen) == EXPECTED_CHECKS
    assert set(seen.values()) <= {"PASS", "SKIP"}
    assert [name for name, _ in CHECKS if seen[name] == "PASS"] == [name for name, _ in CHECKS]
    return lines


# A developer who already has a build (installers/build-linux.sh) may point the tests at its
# dist folder instead of building again; CI always builds.
PREBUILT_ENV = "PROSSIMO_TEST_BUNDLE_DIST"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of one real build: dist/prossimo, its tarball and the .deb."""
    if os.environ.get(PREBUILT_ENV):
        dist = Path(os.environ[PREBUILT_ENV])
    else:
        out = tmp_path_factory.mktemp("frozen")
        result = _run(INSTALLERS / "build-linux.sh", "--allow-dirty", "--out", out, "--venv", sys.prefix, timeout=1800)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        dist = out / "dist"
    deb = _run(INSTALLERS / "build-deb.sh", "--dist", dist, timeout=600)
    assert deb.returncode == 0, deb.stdout + deb.stderr
    return dist


@needs_build_tools
def test_frozen_self_test_passes(built: Path) -> None:
    lines = _assert_self_test_passes(built / "prossimo" / "prossimo")
    assert len(lines) == len(EXPECTED_CHECKS)


@needs_build_tools
def test_bundle_holds_what_the_app_needs_and_not_what_it_does_not(built: Path) -> None:
    internal = built / "prossimo" / "_internal"
    names = {path.relative_to(internal).as_posix() for path in internal.rglob("*")}
    for wanted in [
        "desktop/ui/translations/prossimo_it.qm",
        "desktop/ui/translations/prossimo_fi.qm",
        "desktop/ui/icons/app.svg",
        "desktop/ui/handout_fonts/DejaVuSans.ttf",
        "desktop/ui/handout_fonts/DejaVuSans-Bold.ttf",
        "protocol/resources/lodi/municipalities.csv",
        "protocol/resources/lodi/directory/datapackage.json",
        "central/migrations/env.py",
        "PySide6/Qt/translations/qtbase_it.qm",
        "PySide6/Qt/translations/qtbase_fi.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    ]:
        assert wanted in names, wanted
    sqlcipher = [name for name in names if name.startswith("sqlcipher3/_sqlite3") and name.endswith(".so")]
    assert len(sqlcipher) == 1
    # keyring finds its backends through its entry points, in its dist-info.
    entry_points = [
        internal / name for name in names if re.fullmatch(r"keyring-[\d.]+\.dist-info/entry_points\.txt", name)
    ]
    assert len(entry_points) == 1
    assert "keyring.backends.SecretService" in entry_points[0].read_text()
    unwanted = [
        name
        for name in names
        if re.search(r"Qt6(WebEngine|Qml|Quick|3D|Multimedia|Pdf)|plugins/platforms/libq(eglfs|vnc|linuxfb)", name)
    ]
    assert unwanted == []
    with tarfile.open(built / TARBALL) as tar:
        members = tar.getmembers()
    assert {(member.uid, member.gid) for member in members} == {(0, 0)}
    assert len({member.mtime for member in members}) == 1
    assert "prossimo/prossimo" in {member.name for member in members}


@needs_build_tools
def test_deb_installs_into_an_empty_tree_and_its_self_test_passes(built: Path, tmp_path: Path) -> None:
    deb = built / DEB
    fields = _run("dpkg-deb", "--field", deb, "Package", "Version", "Depends").stdout
    assert "Package: prossimo" in fields and f"Version: {VERSION}" in fields
    assert "libxcb-cursor0" in fields and "libxkbcommon-x11-0" in fields
    listing = _run("dpkg-deb", "--contents", deb).stdout.splitlines()
    assert {line.split()[1] for line in listing} == {"root/root"}
    paths = {line.split()[5].removeprefix(".") for line in listing}
    for wanted in [
        "/usr/bin/prossimo",
        "/opt/prossimo/prossimo",
        "/usr/share/applications/org.prossimo.Prossimo.desktop",
        "/usr/share/icons/hicolor/scalable/apps/org.prossimo.Prossimo.svg",
        "/usr/share/metainfo/org.prossimo.Prossimo.metainfo.xml",
    ]:
        assert wanted in paths, wanted
    # A fresh tree with an empty dpkg database: nothing is "installed" in it, so the
    # system libraries of Depends are not either (--force-depends); the host has them.
    root = tmp_path / "root"
    for folder in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log"]:
        (root / folder).mkdir(parents=True)
    for database in ["status", "available"]:
        (root / "var/lib/dpkg" / database).touch()
    installed = _run("dpkg", f"--root={root}", "--log=/dev/null", "--force-depends", "-i", deb)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    status = (root / "var/lib/dpkg/status").read_text()
    assert "Package: prossimo\nStatus: install ok installed" in status
    launcher = (root / "usr/bin/prossimo").read_text()
    assert "exec /opt/prossimo/prossimo" in launcher
    _assert_self_test_passes(root / "opt/prossimo/prossimo")


@needs_build_tools
@pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign absent: run installers/ensure-release-tools.sh")
def test_deb_is_signed_and_verified_and_a_changed_byte_is_caught(built: Path, tmp_path: Path) -> None:
    pub, sec = tmp_path / "release.pub", tmp_path / "release.key"
    assert _run("minisign", "-G", "-W", "-p", pub, "-s", sec).returncode == 0
    release = tmp_path / "release"
    release.mkdir()
    deb = release / DEB
    shutil.copyfile(built / deb.name, deb)
    shutil.copyfile(built / TARBALL, release / TARBALL)
    signed = _run(INSTALLERS / "sign.sh", "--key", sec, release)
    assert signed.returncode == 0, signed.stderr
    assert len((release / "SHA256SUMS").read_text().splitlines()) == 2
    verified = _run(INSTALLERS / "verify.sh", "--key", pub, deb)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith(f"OK {deb.name}")
    data = bytearray(deb.read_bytes())
    data[len(data) // 2] ^= 1
    deb.write_bytes(bytes(data))
    tampered = _run(INSTALLERS / "verify.sh", "--key", pub, deb)
    assert tampered.returncode == 1
    assert "FAILED signature" in tampered.stderr


# --- bad input: seconds, no build ---------------------------------------------------------


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    assert _run("git", "clone", "--quiet", ROOT, clone).returncode == 0
    return clone


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_build_refuses_a_dirty_tree_naming_the_file(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    (clone / "stray.txt").write_text("not committed")
    result = _run("bash", clone / "installers/build-linux.sh", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "uncommitted changes" in result.stderr
    assert "stray.txt" in result.stderr
    assert not (tmp_path / "out").exists()
    assert not (clone / "build").exists()


@pytest.mark.skipif(shutil.which("git") is None or not Path("/usr/bin").is_dir(), reason="git absent")
def test_build_names_a_missing_tool(tmp_path: Path) -> None:
    # A PATH with every command of /usr/bin but objdump.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in Path("/usr/bin").iterdir():
        if tool.name != "objdump":
            (bin_dir / tool.name).symlink_to(tool)
    result = _run("/usr/bin/bash", INSTALLERS / "build-linux.sh", env=dict(os.environ, PATH=str(bin_dir)))
    assert result.returncode == 1
    assert "missing tool: objdump" in result.stderr


def test_deb_refuses_a_folder_without_a_bundle(tmp_path: Path) -> None:
    result = _run("bash", INSTALLERS / "build-deb.sh", "--dist", tmp_path)
    assert result.returncode == 1
    assert "prossimo/prossimo is missing" in result.stderr or "missing tool" in result.stderr
    assert list(tmp_path.iterdir()) == []
