"""Issue 22's review queue on the Resources screen, against the real central service on loopback.

A partner edits the food bank's hours through the partner pages (the service's own app on the
same database); the edit is held; the team lead's Resources screen says "Waiting for review (1)",
the queue shows the service, the partner organisation and the before/after of the hours, the lead
approves with the keyboard; another operator's laptop has the new hours after its next sync, and
the decision is audited with the lead's id. Offline, the queue says it needs a connection; an
operator (not a lead) is never offered it."""

import datetime as dt
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from PySide6.QtCore import Qt
from sqlalchemy import select

from central import directory
from central.app import create_app
from central.db import session_factory
from central.models import AuditEntry
from central.partners import accounts, review
from desktop.settings import Settings
from desktop.sync.transport import Transport
from desktop.ui import labels
from desktop.ui.context import Navigator, UiContext
from desktop.ui.resources.page import ResourcesPage
from desktop.ui.resources.review_queue import ReviewQueueDialog
from desktop.ui.store_client import StoreClient
from protocol import Resource, hsds, new_id
from protocol.clock import utc_now
from protocol.entities import OpeningHours
from tests.service_process import free_port
from tests.sync_world import Device, World
from tests.ui.conftest import wait_for_store

FOOD_BANK = "Banco Alimentare Codogno"
PARTNER_PASSWORD = "pane e latte ogni giorno"


def seed(world: World, tmp_path: Path) -> str:
    """The food bank's one service, imported by the directory's HSDS import, its changes held
    for review; its id."""
    now = utc_now()
    entry = Resource(
        id=new_id(),
        created_at=now,
        updated_at=now,
        author_device_id=uuid.uuid4(),
        organization_name=FOOD_BANK,
        service_name="Pacchi alimentari",
        location={"municipality": "Codogno"},
        categories=["food"],
    )
    hsds.export_directory([entry], tmp_path / "directory.json")
    with world.service.admin() as session:
        directory.import_package(session, world.org_id, tmp_path / "directory.json")
        provider = accounts.find_provider(session, world.org_id, FOOD_BANK)
        accounts.set_setting(session, world.org_id, provider, hold_for_review=True)
    with session_factory(world.service.engine)() as session:
        (found,) = directory.entries(session, world.org_id)
    return str(found.row.id)


def partner_edits_hours(world: World, service_id: str) -> None:
    """The partner accepts an invitation and sets Wednesday 10-12 through the partner pages."""
    with world.service.admin() as session:
        provider = accounts.find_provider(session, world.org_id, FOOD_BANK)
        token, _ = accounts.invite(session, world.org_id, provider, "anna@banco.example.org", utc_now())
    app = create_app(world.service.engine)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as browser:
        accepted = browser.post(
            f"/partner/en/invite/{token}", data={"password": PARTNER_PASSWORD, "again": PARTNER_PASSWORD}
        )
        assert accepted.status_code == 303, accepted.text
        form = browser.get(f"/partner/en/services/{service_id}/edit/hours").text
        form_token = form.split('name="token" value="', 1)[1].split('"', 1)[0]
        saved = browser.post(
            f"/partner/en/services/{service_id}/edit/hours",
            data={"token": form_token, "d3-0-o": "10:00", "d3-0-c": "12:00"},
        )
        assert saved.headers["location"].endswith("?saved=held"), saved.text


def screen(qtbot, device: Device, port: int | None = None) -> ResourcesPage:
    """The Resources screen of `device`'s profile; `port`: a loopback port the review calls go to
    instead of the service (nothing listens there: offline)."""
    identity = device.profile.identity()
    context = UiContext(
        store=StoreClient(device.store),
        navigator=Navigator(),
        settings=Settings(language="en"),
        profile_dir=device.profile.directory,
        device_id=identity.device_id,
        operator_id=identity.operator_id,
    )
    page = ResourcesPage(context)
    url = f"http://127.0.0.1:{port}" if port else None
    page.review_transport = lambda e: Transport(url or e.server_url, attempts=1 if port else 4, backoff_s=0.01)
    qtbot.addWidget(page)
    wait_for_store(qtbot, context)
    return page


def audit(world: World, action: str) -> list[AuditEntry]:
    with session_factory(world.service.engine)() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_a_lead_approves_a_held_partner_edit_and_another_laptop_has_it_after_sync(
    qtbot, world: World, tmp_path: Path
) -> None:
    service_id = seed(world, tmp_path)
    other = world.device(world.add_operator("lina", [world.team_a]))
    other.sync()
    assert other.store.call(lambda s: s.resources.get(service_id)).opening_hours == []
    lead = world.device(world.add_operator("marco", [world.team_a], role="team_lead"))
    lead.sync()
    partner_edits_hours(world, service_id)
    assert other.sync().pulled == 0  # held: nothing published yet

    page = screen(qtbot, lead)
    page.show()
    qtbot.waitUntil(lambda: page.review_button.text() == "Waiting for re&view (1)", timeout=20_000)
    assert page.review_button.isVisible()
    page.review_button.click()
    dialog = page.review_dialog
    assert isinstance(dialog, ReviewQueueDialog)
    qtbot.waitUntil(lambda: dialog.changes.topLevelItemCount() == 1 and not dialog.busy, timeout=20_000)
    row = dialog.changes.topLevelItem(0)
    assert row is not None
    assert (row.text(0), row.text(1), row.text(2)) == ("Pacchi alimentari", "Opening hours", FOOD_BANK)
    assert "anna@banco.example.org" in dialog.about.text()
    (hours,) = [dialog.fields.topLevelItem(i) for i in range(dialog.fields.topLevelItemCount())]
    assert hours is not None and (hours.text(0), hours.text(1)) == ("Opening hours", "(none)")
    assert hours.text(2).startswith(labels.label("weekday", 3) + ": ")
    assert dialog.status.text() == "1 change waiting for review."
    assert dialog.approve_button.isEnabled() and dialog.reject_button.isEnabled()

    dialog.activateWindow()
    dialog.changes.setFocus()
    qtbot.keyClick(dialog.changes, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # "&Approve and publish"
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Approved and published"), timeout=20_000)
    assert dialog.changes.topLevelItemCount() == 0 and not dialog.approve_button.isEnabled()
    qtbot.waitUntil(lambda: page.review_button.text() == "Waiting for re&view (0)", timeout=20_000)

    assert other.sync().pulled == 1
    published = other.store.call(lambda s: s.resources.get(service_id))
    assert published.opening_hours == [OpeningHours(weekday=3, opens_at=dt.time(10), closes_at=dt.time(12))]
    (approval,) = audit(world, "partner.approve")
    assert approval.details["reviewed_by"] == f"operator:{lead.profile.identity().operator_id}"
    with session_factory(world.service.engine)() as session:
        assert review.waiting(session, world.org_id) == []
    dialog.close()


def test_offline_the_queue_says_it_needs_a_connection_and_operators_are_not_offered_it(
    qtbot, world: World, tmp_path: Path
) -> None:
    service_id = seed(world, tmp_path)
    partner_edits_hours(world, service_id)
    lead = world.device(world.add_operator("marco", [world.team_a], role="team_lead"))
    page = screen(qtbot, lead, port=free_port())
    page.show()
    qtbot.waitUntil(lambda: page.review_button.isVisible(), timeout=10_000)
    assert page.review_button.text() == "Waiting for re&view"  # no count while offline
    page.open_review()
    dialog = page.review_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.status.text().startswith("The review queue needs a connection to the service")
    assert dialog.changes.topLevelItemCount() == 0 and not dialog.approve_button.isEnabled()
    dialog.close()

    operator = world.device(world.add_operator("lina", [world.team_a]))
    plain = screen(qtbot, operator)
    plain.show()
    wait_for_store(qtbot, plain.context)
    assert not plain.reviews and not plain.review_button.isVisible()
