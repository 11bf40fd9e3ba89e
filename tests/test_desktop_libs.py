"""The desktop's system libraries: `prossimo` names what Qt's xcb plugin is missing and the
command that installs it, instead of Qt aborting (issue 14 item 9)."""

import shutil
from pathlib import Path

import pytest

from desktop import app

ROOT = Path(__file__).resolve().parent.parent


def _plugin_needing(tmp_path: Path, missing: bytes) -> Path:
    """A copy of PySide6's xcb plugin that needs `missing` instead of libxcb-cursor.so.0 (the
    same length: the loader's own name table, edited), beside a link to Qt's libraries."""
    real = app.xcb_plugin()
    if real is None or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd on this platform")
    data = real.read_bytes()
    assert b"libxcb-cursor.so.0\0" in data and len(missing) == len(b"libxcb-cursor.so.0")
    folder = tmp_path / "Qt" / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "Qt" / "lib").symlink_to(real.parent.parent.parent / "lib")  # the plugin's $ORIGIN/../../lib
    copy = folder / "libqxcb.so"
    copy.write_bytes(data.replace(b"libxcb-cursor.so.0\0", missing + b"\0"))
    return copy


def test_a_missing_library_is_found_with_ldd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 9: what the loader cannot find is reported by name; nothing else is."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.missing_libraries(_plugin_needing(tmp_path, b"libxcb-cursor.so.8")) == ["libxcb-cursor.so.8"]
    assert app.missing_libraries(app.xcb_plugin()) == []  # this machine has them all (CI installs them)


def test_only_the_xcb_platform_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = _plugin_needing(tmp_path, b"libxcb-cursor.so.8")
    for platform in ("offscreen", "wayland"):
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
        assert app.missing_libraries(plugin) == []


def test_the_message_names_every_package_and_the_install_command() -> None:
    """Issue 14 item 9: Qt named only the first missing library; the three of a fresh Debian
    are all named, with their packages and one command."""
    message = app.missing_libraries_message(["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "libxcb-icccm.so.4 (package libxcb-icccm4)" in message
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message
    assert "scripts/ensure-desktop-libs.sh" in message


def test_the_install_script_knows_every_package_the_app_names() -> None:
    """One list in two places (Python for the message, bash for the installer): kept equal."""
    script = (ROOT / "scripts" / "ensure-desktop-libs.sh").read_text(encoding="utf-8")
    for package in set(app.XCB_PACKAGES.values()):
        assert f" {package}" in script, package
