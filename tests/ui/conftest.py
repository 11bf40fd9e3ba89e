"""UI test fixtures: a real encrypted store with a small caseload, and a leak check.

Every UI test runs offscreen against a real SQLCipher profile opened on its own
store thread; nothing of ours is mocked. `NOW` pins the UI's clock so "today"
means the same thing on every run; the demo appointments are placed around it.
"""

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from desktop.settings import Settings
from desktop.store.profile import Profile
from desktop.store.replica import Enrolment
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker
from desktop.ui import i18n
from desktop.ui.context import Navigator, Team, UiContext
from desktop.ui.shell import Shell
from desktop.ui.store_client import StoreClient
from protocol import demo_data
from protocol.client_codes import DEFAULT_RECIPE

PASSPHRASE = "correct horse battery staple"
ROME = ZoneInfo("Europe/Rome")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ROME)  # a Monday
TEAM_A = Team(uuid.UUID("00000000-0000-4000-8000-00000000000a"), "Unità di strada")
TEAM_B = Team(uuid.UUID("00000000-0000-4000-8000-00000000000b"), "Servizio famiglie")
OPERATOR = uuid.UUID("00000000-0000-4000-8000-0000000000a1")


@pytest.fixture(autouse=True)
def no_leaked_widgets(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a top-level widget alive (pytest-qt closes those given
    to `qtbot.addWidget`; anything else must be parented or deleted by the code)."""
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    names = [f"{type(w).__name__}({w.objectName() or w.windowTitle()!r})" for w in leaked]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    assert not names, f"top-level widgets leaked by the test: {names}"


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> Iterator[None]:
    """Every UI test starts and ends in English (a Shell installs the profile's language)."""
    i18n.install("en")
    yield
    i18n.install("en")


@dataclass
class Caseload:
    """What the demo store holds, for tests to look up."""

    contacts: list  # protocol.Contact
    resources: list  # protocol.Resource
    appointments: list  # protocol.Appointment


def fill_demo_store(session: StoreSession, now: dt.datetime = NOW, contacts: int = 40) -> Caseload:
    """A small, realistic caseload around `now` (used by tests and screenshots)."""
    made = session.contacts.create_many(
        [
            {**fields, "team_id": TEAM_A.id if i % 3 else TEAM_B.id}
            for i, fields in enumerate(demo_data.contacts(contacts, seed=7))
        ]
    )
    resources = session.resources.create_many(list(demo_data.resources(30)))
    day = now.replace(hour=9, minute=0, second=0, microsecond=0)
    booked = []
    for offset, (hours, minutes, contact) in enumerate(
        [(0, 60, 0), (2, 45, 1), (5, 30, 2), (24, 60, 3), (26, 30, 4), (48, 60, 5), (-24, 60, 6)]
    ):
        starts = day + dt.timedelta(hours=hours)
        booked.append(
            session.appointments.create(
                contact_ids=[made[contact].id],
                operator_id=OPERATOR,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=minutes),
                time_zone="Europe/Rome",
                place_kind=("office", "home_visit", "outreach", "phone")[offset % 4],
                status="confirmed" if offset % 2 else "requested",
                topic=("colloquio", "casa", "lavoro")[offset % 3],
                reminder_minutes_before=15,
            )
        )
    return Caseload(made, resources, booked)


UNREACHABLE = "https://127.0.0.1:9"  # nothing listens: every sync fails, as offline (or in the street)
TEST_CODE_KEY = bytes(range(32))  # the organisation's client-code key in the tests that make codes


def enrol_offline(
    session: StoreSession, operator_id: uuid.UUID, teams: list[Team], *, code_key: bytes | None = None
) -> None:
    """Enrolled with a service out of reach, in `teams`, and with the organisation's client-code
    key (default recipe) when `code_key` is given: what a real enrolment leaves on a device."""
    enrolment = Enrolment(
        server_url=UNREACHABLE,
        ca_bundle=None,
        device_id=uuid.uuid4(),
        operator_id=operator_id,
        organisation_id=uuid.uuid4(),
        role="operator",
        teams=[{"id": str(team.id), "name": team.name} for team in teams],
    )
    codes = {"key": code_key.hex(), "recipe": DEFAULT_RECIPE.as_json()} if code_key is not None else None
    session.replica.save_enrolment(enrolment, "token", codes)


@pytest.fixture()
def ui_profile(tmp_path: Path) -> Profile:
    profile = Profile.create(tmp_path / "profile", PASSPHRASE)
    profile.record_enrolment(device_id=uuid.uuid4(), operator_id=OPERATOR)
    return profile


@pytest.fixture()
def ui_store(ui_profile: Profile) -> Iterator[StoreWorker]:
    worker = ui_profile.open(PASSPHRASE)
    yield worker
    if worker.is_open:
        worker.close()


@pytest.fixture()
def caseload(ui_store: StoreWorker) -> Caseload:
    return ui_store.call(fill_demo_store)


@pytest.fixture()
def ui_context(qapp: QApplication, ui_profile: Profile, ui_store: StoreWorker) -> Iterator[UiContext]:
    """The context a screen is given, on the demo store, with the clock at `NOW`."""
    client = StoreClient(ui_store)
    navigator = Navigator()
    identity = ui_profile.identity()
    context = UiContext(
        store=client,
        navigator=navigator,
        settings=Settings(language="en"),
        profile_dir=ui_profile.directory,
        device_id=identity.device_id,
        operator_id=identity.operator_id,
        teams=[TEAM_A, TEAM_B],
        clock=lambda: NOW,
    )
    yield context
    client.deleteLater()
    navigator.deleteLater()


def wait_for_store(qtbot, context: UiContext, timeout: int = 10_000) -> None:
    """Until every store call the UI made has delivered its answer."""
    qtbot.waitUntil(lambda: context.store.pending == 0, timeout=timeout)


def english_shell(profile_dir: Path) -> Shell:
    Settings(language="en").save(profile_dir)  # the tests read English words
    return Shell(profile_dir, listen_to_desktop=False)


@pytest.fixture()
def shell(tmp_path: Path):
    made = english_shell(tmp_path / "profile")
    yield made
    made.shutdown()
    if made.window is not None:
        made.window.close()
        made.window.deleteLater()
