"""The Sync screen: waiting changes, refused changes and conflicts, with real stores and the real service."""

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from central.models import Membership, Operator, StoredRecord
from desktop.settings import Settings
from desktop.store.sync_queries import sync_overview
from desktop.store.worker import StoreWorker
from desktop.sync.engine import SyncEngine
from desktop.sync.scheduler import SyncScheduler, Timing
from desktop.ui.conflict_view import edit_kind, subject_text, value_text
from desktop.ui.context import Navigator, Team, UiContext
from desktop.ui.store_client import StoreClient
from desktop.ui.sync_bridge import SyncBridge
from desktop.ui.sync_panel import SyncPage
from tests.sync_world import Device, World
from tests.ui.conftest import NOW, TEAM_B, Caseload, wait_for_store

FAST = Timing(debounce_s=0.05, periodic_s=60, first_retry_s=0.05, max_retry_s=0.2, probe_s=0.05)


@dataclass
class Screen:
    context: UiContext
    bridge: SyncBridge


@pytest.fixture()
def screens(qapp) -> Iterator[list[Screen]]:
    """Contexts made by `screen_for`, taken down after the test (sync threads stopped first)."""
    made: list[Screen] = []
    yield made
    for screen in made:
        screen.bridge.stop()
        screen.context.store.deleteLater()
        screen.context.navigator.deleteLater()
        screen.bridge.deleteLater()


def screen_for(
    screens: list[Screen],
    store: StoreWorker,
    engine: SyncEngine,
    server_url: str | None,
    profile_dir: Path,
    device_id: uuid.UUID,
    operator_id: uuid.UUID | None,
    teams: list[Team],
    context: UiContext | None = None,
) -> UiContext:
    """A UiContext like the shell builds for a syncing profile: a store client and a real
    scheduler behind its bridge (started only when there is a service to talk to)."""
    bridge = SyncBridge(SyncScheduler(engine, lambda: server_url, timing=FAST))
    if context is None:
        context = UiContext(
            store=StoreClient(store),
            navigator=Navigator(),
            settings=Settings(language="en"),
            profile_dir=profile_dir,
            device_id=device_id,
            operator_id=operator_id,
            teams=teams,
        )
    context.sync = bridge
    bridge.follow(context.store)  # as the shell wires it
    screens.append(Screen(context, bridge))
    if server_url is not None:
        bridge.start()
    return context


def device_screen(screens: list[Screen], world: World, device: Device) -> UiContext:
    identity = device.profile.identity()
    return screen_for(
        screens,
        device.store,
        device.engine,
        device.server_url,
        device.profile.directory,
        identity.device_id,
        identity.operator_id,
        [Team(world.team_a, "A"), Team(world.team_b, "B")],
    )


def open_page(qtbot, context: UiContext) -> SyncPage:
    page = SyncPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None)
    wait_for_store(qtbot, context)
    return page


def tree_rows(page: SyncPage) -> list[list[str]]:
    tree = page.pending_tree
    return [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def test_an_offline_only_profile_says_so(qtbot, ui_context: UiContext) -> None:
    page = SyncPage(ui_context)
    qtbot.addWidget(page)
    page.show()
    assert "works offline only" in page.status_label.text()
    assert not page.sync_button.isVisible() and not page.tabs.isVisible()


def test_waiting_changes_are_listed_in_words_with_their_counts(
    qtbot,
    ui_context: UiContext,
    ui_store: StoreWorker,
    caseload: Caseload,
    screens: list[Screen],
) -> None:
    screen_for(
        screens,
        ui_store,
        SyncEngine(ui_store),
        None,
        ui_context.profile_dir,
        ui_context.device_id,
        ui_context.operator_id,
        ui_context.teams,
        ui_context,
    )
    page = open_page(qtbot, ui_context)
    assert page.status_label.text() == "Not synced yet"
    assert page.pending_summary.text().startswith(
        "77 changes waiting to be sent: Contact: 40, Directory service: 30, Appointment: 7."
    )
    assert page.tabs.tabText(2) == "&Waiting to be sent (77)"
    assert page.tabs.tabText(0) == "&Conflicts (0)" and page.no_conflicts.isVisible()
    rows = tree_rows(page)
    assert len(rows) == 77
    first_contact = caseload.contacts[0]
    assert [first_contact.display_name, "contact", "New"] in [row[1:] for row in rows]
    appointment = caseload.appointments[0]
    people = ui_store.call(lambda s: s.contacts.get(appointment.contact_ids[0]).display_name)
    appointment_rows = [row for row in rows if row[2] == "appointment"]
    assert len(appointment_rows) == 7
    assert all(row[1].startswith("appointment ") for row in appointment_rows)
    assert any(row[1].endswith(f" · {people}") for row in appointment_rows)
    assert not any("{" in cell or "given_name" in cell for row in rows for cell in row)  # never raw JSON

    # A write through the store client: the list follows without being asked.
    ui_context.store.run(lambda s: s.contacts.update(first_contact.id, phone="+39 333 7654321", municipality="Lodi"))
    qtbot.waitUntil(lambda: page.pending_tree.topLevelItemCount() == 78)
    wait_for_store(qtbot, ui_context)
    assert tree_rows(page)[-1][1:] == [first_contact.display_name, "contact", "Changed: Phone, Municipality"]
    assert "Contact: 41" in page.pending_summary.text()


def test_refused_changes_say_why_and_can_be_discarded_or_tried_again(
    qtbot,
    world: World,
    screens: list[Screen],
) -> None:
    anna = world.add_operator("anna", [world.team_a, world.team_b])
    laptop = world.device(anna)
    # In two teams, a contact without a team is refused: the service cannot tell whose it is.
    laptop.store.call(lambda s: s.contacts.create(given_name="Senza squadra"))
    assert [r[1] for r in laptop.sync().rejections] == ["team_required"]
    # Out of team B, a contact for team B is refused.
    world.remove_from_team(anna, world.team_b)
    laptop.store.call(lambda s: s.contacts.create(given_name="Fuori", municipality="Lodi", team_id=world.team_b))
    assert [r[1] for r in laptop.sync().rejections] == ["forbidden_team"]

    context = device_screen(screens, world, laptop)
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.overview.refused and page._state.phase == "idle", timeout=10_000)
    wait_for_store(qtbot, context)
    assert page.tabs.tabText(1) == "&Refused changes (2)"
    assert "2 changes refused" in page.status_label.text()
    page.tabs.setCurrentIndex(1)
    listed = [page.refused_list.item(i).text() for i in range(page.refused_list.count())]
    assert [text.split(" (")[0] for text in listed] == ["Senza squadra", "Fuori"]

    page.refused_list.setCurrentRow(0)
    assert page.refused_reason.text() == "Why: The record needs a team, because you work in more than one."
    assert page.refused_message.isVisible() and page.refused_message.text().startswith("The service said: ")
    assert not page.retry_button.isVisible()  # it would be refused again
    assert page.refused_changes.text() == "What you entered:\nGiven name: Senza squadra"

    page.refused_list.setCurrentRow(1)
    assert page.refused_reason.text() == "Why: You are not (or no longer) in the team this record belongs to."
    assert page.retry_button.isVisible()
    assert page.refused_changes.text().splitlines() == [
        "What you entered:",
        "Given name: Fuori",
        "Municipality: Lodi",
        "Team: B",
    ]

    # Discard the first, after saying yes.
    page.refused_list.setCurrentRow(0)
    page.discard_button.click()
    box = page.discard_confirmation
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert page.overview.refused[0].subject.name == "Senza squadra"
    page.discard_button.click()
    page.discard_confirmation.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: page.refused_list.count() == 1)
    assert page.refused_feedback.text() == "The change was discarded."
    assert [r.changed["given_name"] for r in laptop.store.call(lambda s: s.replica.rejected_mutations())] == ["Fuori"]

    # Anna is given team B again: "Try again" sends the contact, with its own id.
    with world.service.admin() as session:
        operator = session.query(Operator).filter_by(username=anna).one()
        session.add(Membership(operator_id=operator.id, team_id=world.team_b))
    record_id = uuid.UUID(laptop.store.call(lambda s: s.replica.rejected_mutations())[0].record_id)
    page.refused_list.setCurrentRow(0)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.refused_list.count() == 0 and page.no_refused.isVisible(), timeout=10_000)

    def on_service() -> bool:
        with world.service.admin() as session:
            return session.get(StoredRecord, record_id) is not None

    qtbot.waitUntil(on_service, timeout=10_000)  # the retry queued an outbox row: the scheduler synced
    qtbot.waitUntil(lambda: page.pending_tree.topLevelItemCount() == 0 and page._state.rejected == 0, timeout=10_000)


def test_a_same_field_conflict_is_decided_on_screen_and_reaches_the_other_device(
    qtbot,
    world: World,
    screens: list[Screen],
) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    contact_id = laptop_a.store.call(
        lambda s: s.contacts.create(given_name="Marta", family_name="Rossi", municipality="Lodi").id
    )
    laptop_a.sync()
    laptop_b.sync()
    # Both offline: the same two fields, different values.
    laptop_a.store.call(lambda s: s.contacts.update(contact_id, municipality="Cesena", phone="+39 333 1111111"))
    laptop_b.store.call(lambda s: s.contacts.update(contact_id, municipality="Forlì", phone="+39 333 2222222"))
    laptop_a.sync()
    assert laptop_b.sync().conflicts == 2
    laptop_a.sync()  # Anna's laptop receives the conflicts too

    context = device_screen(screens, world, laptop_a)
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page._state.phase == "idle" and page._state.last_success_at is not None, timeout=10_000)
    assert "Up to date at" in page.status_label.text() and "2 conflicts to resolve" in page.status_label.text()
    assert page.tabs.tabText(0) == "&Conflicts (2)"
    assert page.conflict_list.count() == 1
    assert page.conflict_list.item(0).text() == "Marta Rossi\nPhone, Municipality"
    view = page.conflict_view
    assert [row.conflict.field for row in view.rows] == ["phone", "municipality"]
    phone, town = view.rows
    assert (town.kept_heading.text(), town.kept_value.text(), town.other_value.text()) == (
        "On this computer",
        "Cesena",
        "Forlì",
    )
    assert town.other_heading.text().startswith("From a colleague's device, sent at ")
    assert (town.keep_kept_button.text(), town.keep_other_button.text()) == ("Keep &mine", "Keep &theirs")

    # Municipality: take Bruno's value.
    town.keep_other_button.click()
    qtbot.waitUntil(lambda: len(view.rows) == 1)
    # Phone: type a third value; the schema refuses a wrong one beside the input.
    phone.edit_button.click()
    assert phone.edit_area.isVisible() and phone.edit_input.text() == "+39 333 1111111"
    phone.edit_input.clear()
    qtbot.keyClicks(phone.edit_input, "chiamare dopo")
    qtbot.keyClick(phone.edit_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: phone.edit_error.isVisible())
    assert "pattern" in phone.edit_error.text() or "digits" in phone.edit_error.text()
    assert view.rows == [phone]
    phone.edit_input.clear()
    qtbot.keyClicks(phone.edit_input, "+39 333 3333333")
    qtbot.keyClick(phone.edit_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.conflict_list.count() == 0 and page.no_conflicts.isVisible(), timeout=10_000)
    assert page.tabs.tabText(0) == "&Conflicts (0)"

    # The decisions went out with the sync their outbox rows asked for; "Sync now" finds nothing left.
    qtbot.waitUntil(
        lambda: page._state.phase == "idle" and page._state.pending == 0 and page._state.open_conflicts == 0,
        timeout=10_000,
    )
    page.sync_button.click()
    qtbot.waitUntil(lambda: page._state.phase == "idle" and page._state.pending == 0, timeout=10_000)
    with world.service.admin() as session:
        body = json.loads(session.get(StoredRecord, contact_id).body)
    assert (body["municipality"], body["phone"]) == ("Forlì", "+39 333 3333333")
    laptop_b.sync()
    seen_by_bruno = laptop_b.store.call(lambda s: (s.contacts.get(contact_id), s.replica.open_conflicts()))
    assert (seen_by_bruno[0].municipality, seen_by_bruno[0].phone, seen_by_bruno[1]) == ("Forlì", "+39 333 3333333", [])


def test_records_are_named_as_a_person_would_name_them(
    qapp,
    ui_context: UiContext,
    ui_store: StoreWorker,
    caseload: Caseload,
) -> None:
    marta, luca = caseload.contacts[0], caseload.contacts[1]

    def write(s):
        s.notes.create(contact_id=marta.id, body="colloquio", occurred_at=NOW)
        s.relationships.create(from_contact_id=marta.id, to_contact_id=luca.id, kind="sibling")
        s.consents.create(contact_id=luca.id, purpose="referral", method="verbal", given_at=NOW)
        return sync_overview(s)

    overview = ui_store.call(write)
    named = {change.entity: subject_text(change.subject) for change in overview.pending}
    assert named["note"] == f"case note about {marta.display_name}"
    assert named["relationship"] == f"relationship about {marta.display_name} → {luca.display_name}"
    assert named["consent"] == f"consent about {luca.display_name}"
    assert " · " in named["resource"]  # service · organisation


@pytest.mark.parametrize(
    ("entity", "field", "kind"),
    [
        ("contact", "phone", "text"),
        ("contact", "birth_year", "number"),
        ("contact", "tags", "list"),
        ("contact", "team_id", None),
        ("contact", "kind", None),
        ("appointment", "starts_at", None),
        ("resource", "location", None),
        ("resource", "categories", None),
    ],
)
def test_only_fields_a_person_can_type_offer_edit(entity: str, field: str, kind: str | None) -> None:
    assert edit_kind(entity, field) == kind


def test_values_are_shown_in_words(qapp, ui_context: UiContext) -> None:
    assert value_text(ui_context, "appointment", "status", "no_show") == "Did not come"
    assert value_text(ui_context, "resource", "categories", ["food", "legal"]) == "Food, Legal advice"
    assert value_text(ui_context, "contact", "team_id", str(TEAM_B.id)) == TEAM_B.name
    assert value_text(ui_context, "contact", "phone", None) == "(empty)"
    assert value_text(ui_context, "intake_request", "consent_to_contact", True) == "Yes"
    assert (
        value_text(
            ui_context, "resource", "location", {"municipality": "Lodi", "address_1": "Via Roma 1", "latitude": None}
        )
        == "Lodi, Via Roma 1"
    )
    assert "2026" in value_text(ui_context, "appointment", "starts_at", NOW.isoformat())
