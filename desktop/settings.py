"""Per-profile preferences that must be readable before the store is unlocked.

Owns: `Settings` (language, auto-lock minutes, where the window was) and
`settings.json` in the profile folder, written atomically and 0600. The language is
needed to draw the unlock screen, and the window's place to put the unlock screen
where the window was, so neither can live inside the encrypted store.

Must never hold a secret, a name, a server token or anything about a client:
the file is in clear. The service URL and CA bundle live in the encrypted store
with the enrolment (`desktop.store.replica.Enrolment`).
"""

import json
import locale
import logging
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop.store.private_files import private_dir, write_private

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
Language = Literal["it", "en", "fi"]
LANGUAGES: tuple[Language, ...] = ("it", "en", "fi")


def system_language() -> Language:
    """The operating system's language when it is one of ours, else Italian (the first
    organisations are Italian). Read from the usual variables, then Python's locale."""
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        value = value.lower()
        if value.startswith(("fi", "finnish")):
            return "fi"
        if value.startswith(("en", "english")):
            return "en"
        if value.startswith(("it", "italian")):
            return "it"
    return "it"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    language: Language = Field(default_factory=system_language)
    auto_lock_minutes: int = Field(default=10, ge=1, le=240)
    # Qt's saveGeometry() in base64: position, size, maximised or not, and on which screen.
    # Empty until the window has been shown once (it then opens maximised).
    window_geometry: str = Field(default="", max_length=4096, pattern=r"^[A-Za-z0-9+/=]*$")

    @classmethod
    def load(cls, profile_dir: Path) -> "Settings":
        """The saved settings, or the defaults when there are none or they are damaged
        (preferences are not worth refusing to start over; the damage is logged)."""
        path = Path(profile_dir) / SETTINGS_FILE
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, ValidationError) as exc:
            log.warning("%s is unreadable (%s); using the defaults", SETTINGS_FILE, type(exc).__name__)
            return cls()

    def save(self, profile_dir: Path) -> None:
        """Atomically, 0600 in a 0700 folder (the first-run wizard saves the language
        before the profile exists, so this may be what makes the folder)."""
        directory = Path(profile_dir)
        private_dir(directory)
        write_private(directory / SETTINGS_FILE, self.model_dump_json(indent=2))
