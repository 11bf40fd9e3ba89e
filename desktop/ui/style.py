"""The app's stylesheet: the few colours the UI adds to the system's palette, by role, each
one readable on that palette (WCAG 2.2 AA: 4.5:1 for text) and with its focus shown.

Owns: the roles a widget can be given (`set_role(widget, "error")`: an error under a field,
a "not verified" warning, the overlap panel, a muted past item), `stylesheet(palette)` (each
styled widget carries it, restyled when the palette changes: a dark or high-contrast system
theme), `colour(role, palette)` for item views and painted text, and `contrast_ratio`.

A colour of ours is used only where it reaches 4.5:1 on the palette's background; on any
other palette (dark, high contrast) the palette's own text colour is used instead, so a
high-contrast theme is always followed. Must never hard-code a background without its text
colour, and never style a focusable class without a `:focus` rule.
"""

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Our hues on a light palette; each checked against the palette's window and base colours.
HUES: dict[str, str] = {
    "error": "#b00020",
    "warning": "#8a4b00",
    "muted": "#5f5f5f",
    "panel-text": "#1a1a1a",
}
PANEL_BACKGROUND = "#fff4d6"  # the overlap warning's pale amber, with "panel-text" on it
PANEL_BORDER = "#b7791f"
AA_TEXT = 4.5

# Widget classes our rules style, and so must show focus when they can take it (a
# selectable label takes the keyboard focus).
STYLED_CLASSES = ("QLabel", "QFrame")


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""
    return 0.2126 * _linear(colour.redF()) + 0.7152 * _linear(colour.greenF()) + 0.0722 * _linear(colour.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.2 contrast ratio, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _backgrounds(palette: QPalette) -> list[QColor]:
    return [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]


def colour(role: str, palette: QPalette | None = None) -> QColor:
    """The text colour for `role` on `palette`: our hue where it is readable there,
    otherwise the palette's own text colour (a dark or high-contrast theme)."""
    palette = palette or QApplication.palette()
    hue = QColor(HUES[role])
    if all(contrast_ratio(hue, background) >= AA_TEXT for background in _backgrounds(palette)):
        return hue
    return palette.color(QPalette.ColorRole.WindowText)


def _panel_follows_palette(palette: QPalette) -> bool:
    """The pale amber panel belongs on a light theme only (its dark text would glare there)."""
    window = palette.color(QPalette.ColorRole.Window)
    return contrast_ratio(window, QColor(PANEL_BACKGROUND)) > 1.6


def stylesheet(palette: QPalette) -> str:
    error, warning, muted = (colour(role, palette).name() for role in ("error", "warning", "muted"))
    if _panel_follows_palette(palette):
        panel = "background: palette(base); border: 2px solid palette(window-text);"
        panel_text = "color: palette(text);"
    else:
        panel = f"background: {PANEL_BACKGROUND}; border: 1px solid {PANEL_BORDER};"
        panel_text = f"color: {HUES['panel-text']};"
    focus = "border: 2px solid palette(highlight);"
    return "\n".join(
        [
            f'QLabel[role="error"] {{ color: {error}; }}',
            f'QLabel[role="warning"] {{ color: {warning}; font-weight: bold; }}',
            f'QLabel[role="muted"] {{ color: {muted}; }}',
            f'QFrame[role="panel"] {{ {panel} }}',
            f'QFrame[role="panel"] QLabel {{ {panel_text} border: none; background: transparent; }}',
            # The focus, wherever one of our rules styles a widget that can take it.
            f'QLabel[role="error"]:focus, QLabel[role="warning"]:focus, QLabel[role="muted"]:focus {{ {focus} }}',
            f'QFrame[role="panel"]:focus, QFrame[role="panel"] QLabel:focus {{ {focus} }}',
        ]
    )


class _PaletteFollower(QObject):
    """Restyles every widget given a role when the application palette changes (a theme
    switched while the app runs). A signal, not an application-wide event filter: that
    would run Python for every event of every widget."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.styled: list[QWidget] = []

    def restyle(self, palette: QPalette) -> None:
        self.styled = [w for w in self.styled if shiboken6.isValid(w)]
        sheet = stylesheet(palette)
        for widget in self.styled:
            widget.setStyleSheet(sheet)


_follower: _PaletteFollower | None = None


def _following() -> _PaletteFollower | None:
    global _follower
    app = QApplication.instance()
    if _follower is None and isinstance(app, QApplication):  # paletteChanged is a GUI application's
        _follower = _PaletteFollower(app)
        app.paletteChanged.connect(_follower.restyle)
    return _follower


def set_role(widget: QWidget, role: str | None) -> None:
    """Style `widget` as `role` ("error", "warning", "muted", "panel"), or plainly with None.

    The sheet goes on the widget itself, not the application: an application-wide sheet
    puts every widget under Qt's stylesheet style, which changes how all of them are drawn."""
    widget.setProperty("role", role or "")
    widget.setStyleSheet(stylesheet(QApplication.palette()) if role else "")
    follower = _following()
    if role and follower is not None and not any(w is widget for w in follower.styled):
        follower.styled.append(widget)
