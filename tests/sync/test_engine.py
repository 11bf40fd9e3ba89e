"""End to end: devices with real encrypted stores syncing with the real central service."""

import uuid
from pathlib import Path
from typing import Any

import pytest

from desktop.store.errors import RuleViolation
from desktop.store.replica import NotEnrolled
from desktop.sync.engine import carry_out_wipe
from desktop.sync.transport import Transport, WipeOrdered
from tests.sync_world import World


def contacts_of(device) -> dict[str, dict]:
    def read(s):
        return {str(c.id): c.model_dump(mode="json") for c in s.contacts.page(limit=10_000).records}

    return device.store.call(read)


def test_two_devices_share_a_caseload_in_one_request_each(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    ids = laptop_a.store.call(
        lambda s: [s.contacts.create(given_name=f"Persona {n}", municipality="Lodi").id for n in range(5)]
    )
    note = laptop_a.store.call(
        lambda s: s.notes.create(
            contact_id=ids[0], body="Primo incontro in stazione", occurred_at=s.contacts.get(ids[0]).created_at
        )
    )

    pushed = laptop_a.sync()
    assert (pushed.pushed, pushed.rejected, pushed.pending) == (6, 0, 0)
    assert pushed.wire.requests == 1
    assert laptop_a.store.call(lambda s: s.outbox.count()) == 0

    pulled = laptop_b.sync()
    assert pulled.wire.requests == 1 and pulled.pulled == 6
    assert contacts_of(laptop_b) == contacts_of(laptop_a)
    assert laptop_b.store.call(lambda s: s.notes.get(note.id).body) == "Primo incontro in stazione"
    assert [c.given_name for c in laptop_b.store.call(lambda s: s.contacts.search("persona 3"))] == ["Persona 3"]
    # Every record on both devices now carries the service's version.
    assert all(c["server_version"] for c in contacts_of(laptop_b).values())


def test_an_operator_never_receives_another_teams_records(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    carla = world.add_operator("carla", [world.team_b])
    laptop_a, laptop_c = world.device(anna), world.device(carla)
    laptop_a.store.call(lambda s: s.contacts.create(given_name="Solo A"))
    laptop_a.sync()
    assert laptop_c.sync().pulled == 0
    assert contacts_of(laptop_c) == {}


def test_different_fields_merge_and_the_same_field_becomes_a_conflict(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    contact_id = laptop_a.store.call(lambda s: s.contacts.create(given_name="Marta", municipality="Lodi").id)
    laptop_a.sync()
    laptop_b.sync()
    # Both offline: different fields, and the same field with different values.
    laptop_a.store.call(lambda s: s.contacts.update(contact_id, phone="+39 333 1111111", municipality="Cesena"))
    laptop_b.store.call(lambda s: s.contacts.update(contact_id, birth_year=1990, municipality="Forlì"))
    assert laptop_a.sync().conflicts == 0  # first to reach the service: its values stand
    second = laptop_b.sync()
    assert second.conflicts == 1
    laptop_a.sync()

    for laptop in (laptop_a, laptop_b):
        contact = laptop.store.call(lambda s: s.contacts.get(contact_id))
        assert (contact.phone, contact.birth_year, contact.municipality) == ("+39 333 1111111", 1990, "Cesena")
        conflicts = laptop.store.call(lambda s: s.replica.open_conflicts())
        assert [(c.field, c.kept_value, c.other_value) for c in conflicts] == [("municipality", "Cesena", "Forlì")]
    assert contacts_of(laptop_a) == contacts_of(laptop_b)


def test_a_hundred_offline_changes_go_in_one_request(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    laptop.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(60)]))
    first = laptop.store.call(lambda s: s.contacts.page(limit=40).records)
    laptop.store.call(lambda s: [s.contacts.update(c.id, municipality="Oulu") for c in first])
    assert laptop.store.call(lambda s: s.outbox.count()) == 100
    report = laptop.sync()
    assert (report.pushed, report.wire.requests) == (100, 1)


def test_idle_and_single_change_syncs_are_one_small_request(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    contact_id = laptop_a.store.call(
        lambda s: (
            s.contacts.create(given_name="Ilaria", family_name="Conti", municipality="Lodi", phone="+39 333 7654321").id
        )
    )
    laptop_a.sync()
    laptop_b.sync()

    idle = laptop_b.sync()
    assert idle.wire.requests == 1
    assert idle.wire.bytes_sent + idle.wire.bytes_received <= 1024

    laptop_a.store.call(lambda s: s.contacts.update(contact_id, municipality="Cremona"))
    push = laptop_a.sync()
    pull = laptop_b.sync()
    for report in (push, pull):
        assert report.wire.requests == 1
        assert report.wire.bytes_sent + report.wire.bytes_received <= 2048, report.as_dict()
    assert laptop_b.store.call(lambda s: s.contacts.get(contact_id).municipality) == "Cremona"


def test_pages_resume_from_the_last_applied_page(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    laptop_a.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(25)]))
    laptop_a.sync()
    laptop_b.engine.page_size = 10
    seen = []
    report = laptop_b.sync(progress=lambda p: seen.append((p.round, p.pulled, p.more)))
    assert report.pulled == 25 and report.wire.requests == 3
    assert seen == [(1, 10, True), (2, 20, True), (3, 25, False)]
    # Nothing new: one request, nothing pulled again.
    again = laptop_b.sync()
    assert (again.pulled, again.wire.requests) == (0, 1)


def test_a_change_typed_during_the_request_is_not_overwritten(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    contact_id = laptop.store.call(lambda s: s.contacts.create(given_name="Teo", municipality="Lodi").id)

    class TypingWhileSyncing(Transport):
        def sync(self, token: str, body: dict, **options: Any) -> dict:
            answer = super().sync(token, body, **options)
            # The operator edits the record after the request left, before the answer is applied.
            laptop.store.call(lambda s: s.contacts.update(contact_id, municipality="Pavia"))
            return answer

    laptop.engine.transport_factory = lambda e: TypingWhileSyncing(e.server_url)
    report = laptop.sync()
    assert report.pending == 1
    assert laptop.store.call(lambda s: s.contacts.get(contact_id).municipality) == "Pavia"
    laptop.engine.close()
    laptop.engine.transport_factory = lambda e: Transport(e.server_url)
    laptop.sync()
    assert laptop.store.call(lambda s: (s.contacts.get(contact_id).municipality, s.outbox.count())) == ("Pavia", 0)


def test_a_refused_mutation_is_kept_with_its_reason(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    # A contact for a team Anna is not in: the service refuses it alone.
    laptop.store.call(lambda s: s.contacts.create(given_name="Fuori", team_id=world.team_b))
    laptop.store.call(lambda s: s.contacts.create(given_name="Dentro"))
    report = laptop.sync()
    assert (report.pushed, report.rejected) == (1, 1)
    kept = laptop.store.call(lambda s: s.replica.rejected_mutations())
    assert [(r.reason, r.changed["given_name"]) for r in kept] == [("forbidden_team", "Fuori")]
    assert [c["given_name"] for c in contacts_of(laptop).values()] == ["Dentro"]


def test_losing_a_team_purges_its_records(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a, world.team_b])
    laptop = world.device(anna)
    a_id = laptop.store.call(lambda s: s.contacts.create(given_name="In A", team_id=world.team_a).id)
    b_id = laptop.store.call(lambda s: s.contacts.create(given_name="In B", team_id=world.team_b).id)
    laptop.store.call(
        lambda s: s.notes.create(contact_id=b_id, body="nota su B", occurred_at=s.contacts.get(b_id).created_at)
    )
    laptop.sync()
    world.remove_from_team(anna, world.team_b)
    report = laptop.sync()
    assert report.purged == 2
    assert list(contacts_of(laptop)) == [str(a_id)]
    assert laptop.store.call(lambda s: (s.notes.search("nota"), s.contacts.search("in b"))) == ([], [])


def test_a_revoked_device_is_wiped(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    laptop.store.call(lambda s: s.contacts.create(given_name="Riservata"))
    laptop.sync()
    laptop.store.call(lambda s: s.contacts.create(given_name="Non inviata"))
    world.revoke(laptop)
    with pytest.raises(WipeOrdered) as ordered:
        laptop.sync()
    assert ordered.value.reason == "device_revoked"
    removed = carry_out_wipe(laptop.profile, laptop.store)
    assert set(removed) >= {"keys.json", "store.db", "profile.json"}
    folder: Path = laptop.profile.directory
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_profile_that_never_enrolled_says_so(world: World, tmp_path: Path) -> None:
    from desktop.store.profile import Profile
    from desktop.sync.engine import SyncEngine
    from tests.sync_world import PASSPHRASE

    profile = Profile.create(tmp_path / "lonely", PASSPHRASE)
    with profile.open(PASSPHRASE) as store:
        with pytest.raises(NotEnrolled, match="prossimo enroll"):
            SyncEngine(store).sync()


def test_enrolment_stamps_the_services_ids(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    enrolment = laptop.store.call(lambda s: s.replica.enrolment())
    identity = laptop.profile.identity()
    assert identity.device_id == enrolment.device_id and identity.operator_id == enrolment.operator_id
    assert isinstance(enrolment.operator_id, uuid.UUID)
    assert [t["name"] for t in enrolment.teams] == ["A"]


def test_a_person_resolves_a_conflict_and_the_team_sees_it(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    contact_id = laptop_a.store.call(lambda s: s.contacts.create(given_name="Rita", municipality="Lodi").id)
    laptop_a.sync()
    laptop_b.sync()
    laptop_a.store.call(lambda s: s.contacts.update(contact_id, municipality="Cesena"))
    laptop_b.store.call(lambda s: s.contacts.update(contact_id, municipality="Forlì"))
    laptop_a.sync()
    laptop_b.sync()
    conflict = laptop_b.store.call(lambda s: s.replica.open_conflicts())[0]
    with pytest.raises(RuleViolation, match="value: required"):
        laptop_b.store.call(lambda s: s.resolve_conflict(conflict.id, "edited"))
    laptop_b.store.call(lambda s: s.resolve_conflict(conflict.id, "other"))
    laptop_b.sync()
    laptop_a.sync()
    for laptop in (laptop_a, laptop_b):
        assert laptop.store.call(
            lambda s: (
                s.contacts.get(contact_id).municipality,
                s.replica.open_conflicts(),
                s.conflicts.get(conflict.id).resolution,
            )
        ) == ("Forlì", [], "other")
    with pytest.raises(RuleViolation, match="already resolved"):
        laptop_a.store.call(lambda s: s.resolve_conflict(conflict.id, "kept"))


def test_an_erasure_reaches_every_device_and_beats_an_offline_edit(world: World) -> None:
    from central.erasure import erase_contact

    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    person = laptop_a.store.call(lambda s: s.contacts.create(given_name="Nadia", family_name="Dimenticata").id)
    laptop_a.store.call(
        lambda s: s.notes.create(
            contact_id=person, body="storia riservata", occurred_at=s.contacts.get(person).created_at
        )
    )
    laptop_a.sync()
    laptop_b.sync()
    # Bruno edits offline; meanwhile the organisation erases the person.
    laptop_b.store.call(lambda s: s.contacts.update(person, phone="+39 333 5555555"))
    with world.service.admin() as session:
        assert erase_contact(session, person).erased == 2
    for laptop in (laptop_a, laptop_b):
        report = laptop.sync()
        assert report.erased == 2
        assert laptop.store.call(
            lambda s: (
                s.contacts.search("dimenticata"),
                s.notes.search("riservata"),
                s.outbox.count(),
                s.replica.rejected_mutations(),
            )
        ) == ([], [], 0, [])
        assert (
            laptop.store.call(
                lambda s: s.conn.execute("SELECT count(*) FROM contact WHERE body LIKE '%Dimenticata%'").fetchone()[0]
            )
            == 0
        )


def test_a_refused_edit_is_kept_and_the_services_copy_shown_again(world: World) -> None:
    from sqlalchemy import select

    from central.models import AppliedMutation

    anna = world.add_operator("anna", [world.team_a, world.team_b])
    laptop = world.device(anna)
    contact_id = laptop.store.call(lambda s: s.contacts.create(given_name="Ugo", team_id=world.team_a).id)
    laptop.sync()
    # Moving a contact to another team is an administrator's task: the service refuses it.
    laptop.store.call(lambda s: s.contacts.update(contact_id, team_id=world.team_b, municipality="Pavia"))
    report = laptop.sync()
    assert [r[1] for r in report.rejections] == ["forbidden_team"]
    shown = laptop.store.call(lambda s: s.contacts.get(contact_id))
    assert (shown.team_id, shown.municipality) == (world.team_a, None)  # the service's copy again
    kept = laptop.store.call(lambda s: s.replica.rejected_mutations())
    assert [k.changed for k in kept] == [{"team_id": str(world.team_b), "municipality": "Pavia"}]
    with world.service.admin() as session:  # the stored result is no copy of the record
        results = session.execute(select(AppliedMutation.result)).scalars().all()
    assert all("record" not in result for result in results)


def test_the_first_pages_start_small_and_grow_on_a_fast_link(world: World) -> None:
    """Issue 23: the device sizes pages to the link (desktop.sync.page_size). On loopback the
    answers are fast, so after the first, unmeasured page of 250 the next is four times larger."""
    anna = world.add_operator("anna", [world.team_a])
    bruno = world.add_operator("bruno", [world.team_a])
    laptop_a, laptop_b = world.device(anna), world.device(bruno)
    laptop_a.store.call(lambda s: s.contacts.create_many([{"given_name": f"P{n}"} for n in range(1_100)]))
    laptop_a.sync()
    seen = []
    report = laptop_b.sync(progress=lambda p: seen.append((p.round, p.pulled, p.more)))
    assert report.pulled == 1_100
    assert seen == [(1, 250, True), (2, 1_100, False)]
    assert laptop_b.engine.pages.size == laptop_b.engine.page_size  # at the largest the engine asks for
