"""Every screen and dialog fits, in English and Finnish, at 1366x768 and 1280x720, and with
the application font at 150 % (issue 14 items 2 and 5), offscreen.

The same walk runs in a real window under openbox (tests/ui_real/test_fit_real.py); here it
runs without a window manager, so the window is given the screen's size itself.
"""

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from desktop.settings import Settings
from desktop.ui import i18n
from tests.ui.conftest import Caseload, wait_for_store
from tests.ui.every_view import walk
from tests.ui.layout_checks import fit_problems

CASES = [
    ("en", 1366, 768, 1.0),
    ("fi", 1366, 768, 1.0),
    ("en", 1280, 720, 1.0),
    ("fi", 1280, 720, 1.0),
    ("en", 1366, 768, 1.5),
    ("fi", 1366, 768, 1.5),
]


def _shots(language: str, width: int, height: int, scale: float) -> Path | None:
    """PROSSIMO_FIT_SHOTS=folder keeps a picture of every view (to look at what the test judged)."""
    folder = os.environ.get("PROSSIMO_FIT_SHOTS")
    return Path(folder) / f"{language}-{width}x{height}-font{int(scale * 100)}" if folder else None


@pytest.fixture()
def font_scale(request: pytest.FixtureRequest) -> Iterator[float]:
    """The application font at this scale while the test runs (a person's system font size)."""
    scale = request.param
    app = QApplication.instance()
    before = app.font()
    if scale != 1.0:
        bigger = app.font()
        bigger.setPointSizeF(before.pointSizeF() * scale)
        app.setFont(bigger)
    yield scale
    app.setFont(before)


@pytest.mark.parametrize(
    ("language", "width", "height", "font_scale"),
    CASES,
    indirect=["font_scale"],
    ids=[f"{lang}-{w}x{h}-font{int(s * 100)}" for lang, w, h, s in CASES],
)
def test_every_screen_and_dialog_fits(
    qtbot,
    ui_context,
    ui_profile,
    caseload: Caseload,
    language: str,
    width: int,
    height: int,
    font_scale: float,
) -> None:
    """Issue 14 items 2 and 5: no label, button, group or field is cut, overlaps a sibling or
    lies off a screen of this size, on any screen or dialog, in this language and font size."""
    i18n.install(language)
    context = dataclasses.replace(ui_context, settings=Settings(language=language))
    screen = QRect(0, 0, width, height)

    def check(widget: QWidget) -> list:
        return fit_problems(widget, screen)

    found = walk(
        context,
        caseload,
        ui_profile,
        check,
        wait=lambda: wait_for_store(qtbot, context),
        size=(width, height),
        shots=_shots(language, width, height, font_scale),
    )
    assert not found, (
        f"{len(found)} layout problem(s) in {language} at {width}x{height}, font {font_scale:.0%}:\n" + "\n".join(found)
    )
