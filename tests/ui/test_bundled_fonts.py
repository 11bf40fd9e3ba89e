"""desktop.ui.bundled_fonts: a frozen build's handout fonts are registered with Qt, and a
source checkout (no handout_fonts folder) registers none. Real font files from the system
(Debian's fonts-dejavu-core), copied to tmp_path; skips with the reason when absent."""

from pathlib import Path

import pytest

from desktop.ui import bundled_fonts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_source_checkout_has_no_bundled_fonts(qapp: object) -> None:
    assert not bundled_fonts.FOLDER.exists()
    assert bundled_fonts.register_bundled_fonts() == ()


@pytest.mark.skipif(not DEJAVU.is_file(), reason="fonts-dejavu-core absent")
def test_bundled_fonts_are_registered_and_a_broken_file_is_skipped(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / DEJAVU.name).write_bytes(DEJAVU.read_bytes())
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(bundled_fonts, "FOLDER", tmp_path)
    assert bundled_fonts.register_bundled_fonts.__wrapped__() == ("DejaVu Sans",)
