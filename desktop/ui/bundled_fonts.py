"""The fonts a frozen build ships for handouts (DejaVu Sans), registered with Qt's font database.

Owns: finding `handout_fonts/` next to this module (only PyInstaller builds have it:
installers/prossimo.spec puts it there; from source the system's fonts are used) and
registering its .ttf files once per process, so a handout's text has glyphs even on a
machine with no fonts installed. The handout's own list of families still decides
which installed font wins. Must never fetch a font or fail a handout when a file is
missing or unreadable (Qt falls back to any font it has; the failure is logged).
"""

import functools
import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

FOLDER = Path(__file__).with_name("handout_fonts")


@functools.cache
def register_bundled_fonts() -> tuple[str, ...]:
    """Register the bundled fonts (once; needs a QGuiApplication) and give back their families."""
    families: list[str] = []
    for path in sorted(FOLDER.glob("*.ttf")) if FOLDER.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("bundled font %s could not be loaded", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(sorted(set(families)))
