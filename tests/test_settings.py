"""Preferences kept in clear beside the encrypted store: language and auto-lock minutes."""

from pathlib import Path

import pytest

from desktop.settings import SETTINGS_FILE, Settings, system_language


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LANG", "fi_FI.UTF-8", "fi"),
        ("LC_ALL", "en_GB.UTF-8", "en"),
        ("LANG", "it_IT.UTF-8", "it"),
    ],
)
def test_the_first_language_follows_the_system(monkeypatch, variable: str, value: str, expected: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    assert system_language() == expected
    assert Settings().language == expected


def test_saved_settings_come_back_and_a_damaged_file_gives_defaults(tmp_path: Path) -> None:
    Settings(language="fi", auto_lock_minutes=3).save(tmp_path)
    assert Settings.load(tmp_path) == Settings(language="fi", auto_lock_minutes=3)
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert Settings.load(tmp_path).auto_lock_minutes == 10


def test_auto_lock_minutes_are_bounded() -> None:
    with pytest.raises(ValueError, match="auto_lock_minutes"):
        Settings(auto_lock_minutes=0)
