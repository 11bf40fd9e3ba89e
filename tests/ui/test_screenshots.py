"""The screenshot script renders every screen from the real demo set-up, with content."""

from pathlib import Path

from PySide6.QtGui import QImage

from desktop.ui.main_window import SCREENS
from desktop.ui.screenshots import render


def distinct_colours(path: Path) -> int:
    image = QImage(str(path))
    step = 8
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_every_main_screen_is_rendered_with_something_on_it(qapp, tmp_path: Path) -> None:
    written = render(tmp_path, "en")
    names = {path.stem for path in written}
    assert names == {screen.key for screen in SCREENS} | {
        "first-run",
        "contact-detail",
        "unlock",
        "resources-map",
        "handout",
        "outreach-shift",
        "outreach-encounter",
    }
    for path in written:
        image = QImage(str(path))
        if path.stem == "handout":  # a page, not a window: A4 upright
            assert abs(image.height() / image.width() - 297 / 210) < 0.01, path.name
        else:
            assert (image.width(), image.height()) == (1280, 800), path.name
        assert distinct_colours(path) > 8, f"{path.name} looks blank"
