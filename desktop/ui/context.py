"""What every screen is given: the store client, who is working, settings, navigation.

Owns: `UiContext`, built once per unlocked session by `desktop.ui.shell`, and
`Navigator`, the one way a screen asks for another ("open this contact").
Screens are constructed as `Page(context, parent)` and never reach for globals.

Must never hold the key or the passphrase, and never outlive a lock: locking
drops the context with the main window.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from desktop.settings import Settings
from desktop.ui.store_client import StoreClient
from desktop.ui.sync_bridge import SyncBridge


class Navigator(QObject):
    """Screens emit requests; the main window switches page and shows the record.

    Page keys: today, contacts, calendar, resources, intake, outreach, sync, reports, settings;
    and "refer" with a contact id: Resources, with that person chosen for the next referral.
    """

    pageRequested = Signal(str, object)  # page key, record id (uuid.UUID) or None

    def open(self, page: str, record_id: uuid.UUID | None = None) -> None:
        self.pageRequested.emit(page, record_id)


@dataclass(frozen=True)
class Team:
    id: uuid.UUID
    name: str


class LockNow(Protocol):
    """Lock the session now; `reason` picks what the lock screen says ("manual", "connected")."""

    def __call__(self, reason: str = "manual", /) -> None: ...


def _no_lock(reason: str = "manual", /) -> None:
    """Without a shell (in tests) there is no session to lock."""


@dataclass
class UiContext:
    store: StoreClient
    navigator: Navigator
    settings: Settings
    profile_dir: Path
    device_id: uuid.UUID
    operator_id: uuid.UUID | None  # None on an offline-only profile
    teams: list[Team] = field(default_factory=list)  # the operator's teams, from the enrolment
    # The UI's notion of "now"; tests and screenshots pin it. Always timezone-aware.
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone()
    # Set by the shell when the profile syncs (None on an offline-only profile).
    sync: SyncBridge | None = None
    # What the shell does for a screen; tests pass their own to observe the calls.
    apply_settings: Callable[[Settings], None] = lambda settings: None  # save, relocalise, re-lock timer
    lock_now: LockNow = _no_lock
    sign_out: Callable[[], None] = lambda: None  # the device forgets this profile (after a confirmation)

    @property
    def me(self) -> uuid.UUID:
        """The id appointments are booked under: the operator, or on an offline-only
        profile (no operator account) this device."""
        return self.operator_id or self.device_id

    def team_name(self, team_id: uuid.UUID | None) -> str:
        for team in self.teams:
            if team.id == team_id:
                return team.name
        return ""
