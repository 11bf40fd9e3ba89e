"""Issue 14 item 7: a note names its author, through the real service, on a colleague's laptop."""

import datetime as dt

from desktop.settings import Settings
from desktop.ui.contacts.detail import ContactDetail
from desktop.ui.context import Navigator, UiContext
from desktop.ui.store_client import StoreClient
from tests.sync_world import Device, World
from tests.ui.conftest import wait_for_store


def timeline(qtbot, device: Device, contact_id) -> list[str]:
    identity = device.profile.identity()
    client, navigator = StoreClient(device.store), Navigator()
    context = UiContext(
        store=client,
        navigator=navigator,
        settings=Settings(language="en"),
        profile_dir=device.profile.directory,
        device_id=identity.device_id,
        operator_id=identity.operator_id,
    )
    detail = ContactDetail(context)
    qtbot.addWidget(detail)
    detail.load(contact_id)
    wait_for_store(qtbot, context)
    texts = [detail.timeline.item(row).text() for row in range(detail.timeline.count())]
    detail.close()
    client.deleteLater()
    navigator.deleteLater()
    return texts


def test_a_colleagues_note_shows_their_name_and_mine_says_you(qtbot, world: World) -> None:
    """Issue 14 item 7: notes did not show their author; the service stamps the author's name on a note,
    a device never sets it, and an id is never shown."""
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    person = laptop_a.store.call(lambda s: s.contacts.create(given_name="Sara", municipality="Lodi"))
    note = laptop_a.store.call(
        lambda s: s.notes.create(contact_id=person.id, body="Primo incontro in stazione", occurred_at=person.created_at)
    )
    assert note.author_name is None  # not the device's to say
    assert laptop_a.sync().rejected == 0
    assert laptop_b.sync().rejected == 0
    assert laptop_b.store.call(lambda s: s.notes.get(note.id)).author_name == anna

    seen_by_bruno = next(t for t in timeline(qtbot, laptop_b, person.id) if "Primo incontro" in t)
    assert seen_by_bruno.splitlines()[-1].endswith(f"by {anna}"), seen_by_bruno
    operator_a = str(laptop_a.profile.identity().operator_id)
    assert operator_a not in seen_by_bruno
    seen_by_anna = next(t for t in timeline(qtbot, laptop_a, person.id) if "Primo incontro" in t)
    assert seen_by_anna.splitlines()[-1].endswith("by you"), seen_by_anna


def test_a_device_cannot_name_a_notes_author(world: World) -> None:
    """Issue 14 item 7: `author_name` is the service's to set: a device that sends one is refused by name."""
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    person = laptop.store.call(lambda s: s.contacts.create(given_name="Sara", municipality="Lodi"))
    try:
        laptop.store.call(
            lambda s: s.notes.create(
                contact_id=person.id, body="x", author_name="Someone else", occurred_at=dt.datetime.now(dt.UTC)
            )
        )
    except Exception as refused:  # noqa: BLE001 - the store's own refusal, named below
        assert "author_name" in str(refused)
    else:
        raise AssertionError("the store accepted an author name from the device")
