"""The app's icons: small SVG line drawings, sharp at any screen scale.

Owns: the SVG files next to this module and `icon(name)`. SVG keeps them crisp on
high-DPI screens without a set of PNG sizes. Must never reach the network.
"""

from pathlib import Path

from PySide6.QtGui import QIcon

FOLDER = Path(__file__).parent


def icon(name: str) -> QIcon:
    path = FOLDER / f"{name}.svg"
    if not path.exists():
        raise KeyError(f"icon: no {name}.svg in {FOLDER}")
    return QIcon(str(path))
