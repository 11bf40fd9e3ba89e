"""Issue 14 item 7: the service stamps a case note with its author's name (SQLite and PostgreSQL)."""

import datetime as dt

from tests.central.conftest import World

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def test_a_note_carries_its_authors_name_and_a_device_cannot_set_it(world: World) -> None:
    """Issue 14 item 7: notes did not show their author; the name comes from the service, never the device."""
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_a])
    anna, bruno = world.enrol("anna"), world.enrol("bruno")
    contact = anna.create("contact", given_name="Omar")
    note = anna.create("note", contact_id=contact, body="prima", occurred_at=T0)
    seen = {c["record"]["id"]: c["record"] for c in bruno.sync_all()}
    assert seen[note]["author_name"] == "anna"
    assert seen[contact].get("author_name") is None  # only notes carry it

    forged = anna.sync(
        anna.mutation("note", "create", contact_id=contact, body="x", occurred_at=T0, author_name="bruno")
    )["results"][0]
    assert (forged["status"], forged["reason"]) == ("rejected", "invalid")
    assert forged["message"].startswith("author_name:")
