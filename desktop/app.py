"""Starting the desktop app: the Qt application, the shell, and the demo when asked.

Owns: `run(profile_dir, demo=False)`, called by `prossimo` (no command) and
`prossimo --demo`: the system-library check, application metadata, the window
icon, a tidy exit that stops syncing and closes the store, and for the demo the
embedded service and the temporary folder it lives in (deleted on exit).

The system-library check: on Linux with the X11 (xcb) platform, Qt aborts the
process (exit 134) when a library its platform plugin needs is missing, and names
only the first. Before the QApplication is made, `missing_libraries()` asks `ldd`
about PySide6's plugin; when anything is missing, `run` prints every missing
library, the Debian/Ubuntu packages that hold them and the exact
`sudo apt-get install` command, and returns EXIT_SYSTEM_LIBRARIES (9).
`scripts/ensure-desktop-libs.sh` installs the same packages.

Must never run before the log redaction is installed (the CLI installs it) and
never leave the demo's temporary folder behind.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.ui import icons
from desktop.ui.shell import Shell

EXIT_SYSTEM_LIBRARIES = 9

# The system libraries Qt's xcb plugin loads (`ldd` of PySide6's libqxcb.so), and the
# Debian/Ubuntu package of each; scripts/ensure-desktop-libs.sh installs the same list.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def _platform() -> str:
    """The Qt platform that will be used: QT_QPA_PLATFORM, else what Qt picks on Linux."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def xcb_plugin() -> Path | None:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """The libraries Qt's xcb plugin needs and cannot find ([] when none, or when this is
    not Linux on xcb, or when there is no `ldd` to ask)."""
    if not sys.platform.startswith("linux") or _platform() != "xcb":
        return []
    plugin = plugin or xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    try:
        # Our own plugin file, by absolute path; ldd only lists what the loader would load.
        found = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False)  # noqa: S603 - see above
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted(set(_NOT_FOUND.findall(found.stdout)))


def missing_libraries_message(missing: list[str]) -> str:
    packages = sorted({XCB_PACKAGES[name] for name in missing if name in XCB_PACKAGES})
    unknown = [name for name in missing if name not in XCB_PACKAGES]
    lines = ["prossimo: the window cannot open: Qt's X11 (xcb) platform needs system libraries that are not installed:"]
    lines += [f"  {name}" + (f" (package {XCB_PACKAGES[name]})" if name in XCB_PACKAGES else "") for name in missing]
    if packages:
        lines += ["Install them with:", "  sudo apt-get install -y " + " ".join(packages)]
    if unknown:
        lines.append("For the others, ask your package manager which package holds them.")
    lines.append("(From the source folder, `sudo bash scripts/ensure-desktop-libs.sh` installs everything.)")
    return "\n".join(lines)


def _application() -> QApplication:
    existing = QApplication.instance()  # typed as the QCoreApplication base
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Prossimo")
    app.setOrganizationName("Prossimo")
    app.setApplicationDisplayName("Prossimo")
    app.setWindowIcon(icons.icon("app"))
    return app


def run(profile_dir: Path, demo: bool = False) -> int:
    if QApplication.instance() is None:
        missing = missing_libraries()
        if missing:
            print(missing_libraries_message(missing), file=sys.stderr)
            return EXIT_SYSTEM_LIBRARIES
    app = _application()
    if not demo:
        shell = Shell(profile_dir)
        shell.start()
        try:
            return app.exec()
        finally:
            shell.shutdown()

    from desktop.demo import run_demo  # its folder goes on exit and on SIGTERM/SIGINT/SIGHUP

    return run_demo(app)
