"""Starting the desktop app: the Qt application, the shell, and the demo when asked.

Owns: `run(profile_dir, demo=False)`, called by `prossimo` (no command) and
`prossimo --demo`: application metadata, the window icon, a tidy exit that stops
syncing and closes the store, and for the demo the embedded service and the
temporary folder it lives in (deleted on exit).

Must never run before the log redaction is installed (the CLI installs it) and
never leave the demo's temporary folder behind.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.ui import icons
from desktop.ui.shell import Shell


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Prossimo")
    app.setOrganizationName("Prossimo")
    app.setApplicationDisplayName("Prossimo")
    app.setWindowIcon(icons.icon("app"))
    return app


def run(profile_dir: Path, demo: bool = False) -> int:
    app = _application()
    if not demo:
        shell = Shell(profile_dir)
        shell.start()
        try:
            return app.exec()
        finally:
            shell.shutdown()

    from desktop.demo import prepare_demo

    folder = Path(tempfile.mkdtemp(prefix="prossimo-demo-"))
    try:
        prepared = prepare_demo(folder)
        hint = QApplication.translate("Demo", "Demo passphrase: {passphrase}").format(passphrase=prepared.passphrase)
        shell = Shell(prepared.profile.directory, vault=prepared.profile.keys.vault, unlock_hint=hint)
        shell.open_session(prepared.worker)
        try:
            return app.exec()
        finally:
            shell.shutdown()
            prepared.service.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
