"""What the Sync and Settings screens ask of the replica: discard or retry a refused change, move the service."""

import uuid

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from central.models import Membership, Operator, StoredRecord
from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.replica import Enrolment, NotEnrolled
from desktop.store.worker import StoreWorker
from tests.sync_world import World


def answer(results: list | None = None, changes: list | None = None) -> dict:
    return {"results": results or [], "changes": changes or [], "purge_teams": [], "cursor": "next", "more": False}


def enrol_locally(store: StoreWorker) -> Enrolment:
    enrolment = Enrolment(
        server_url="https://prossimo.example.org",
        ca_bundle=None,
        device_id=uuid.uuid4(),
        operator_id=uuid.uuid4(),
        organisation_id=uuid.uuid4(),
        role="operator",
        teams=[],
    )
    store.call(lambda s: s.replica.save_enrolment(enrolment, "token-1"))
    return enrolment


def push_and_answer(store: StoreWorker, status: str, reason: str | None = None, record: dict | None = None) -> int:
    """Settle the only pending mutation as the service would; returns its device seq."""
    (mutation,) = store.call(lambda s: s.outbox.pending())
    sent = {
        "device_seq": mutation.seq,
        "mutation_id": mutation.mutation_id,
        "entity": mutation.entity,
        "record_id": mutation.record_id,
        "op": mutation.op,
        "changed": mutation.changed,
        "base_version": mutation.base_version,
        "at": mutation.created_at,
    }
    result = {
        "device_seq": mutation.seq,
        "mutation_id": mutation.mutation_id,
        "status": status,
        "reason": reason,
        "message": f"{reason}: refused for the test" if reason else None,
        "record": record,
        "server_version": None if reason else 1,
    }
    changes = [{"entity": mutation.entity, "version": 1, "record": record}] if status == "applied" else []
    store.call(lambda s: s.replica.apply_answer(answer([result], changes), [sent]))
    return mutation.seq


def test_discarding_forgets_only_the_refused_change(store: StoreWorker) -> None:
    enrol_locally(store)
    store.call(lambda s: s.contacts.create(given_name="Rifiutata"))
    seq = push_and_answer(store, "rejected", "invalid")
    store.call(lambda s: s.contacts.create(given_name="In attesa"))
    store.call(lambda s: s.replica.discard_rejected(seq))
    assert store.call(lambda s: (s.replica.rejected_mutations(), s.outbox.count())) == ([], 1)
    with pytest.raises(RecordNotFound):
        store.call(lambda s: s.replica.discard_rejected(seq))


def test_a_refused_edit_is_queued_again_on_top_of_the_services_copy(store: StoreWorker) -> None:
    enrol_locally(store)
    contact = store.call(lambda s: s.contacts.create(given_name="Ugo", municipality="Lodi"))
    served = {**contact.model_dump(mode="json"), "server_version": 1}
    push_and_answer(store, "applied", record=served)
    store.call(lambda s: s.contacts.update(contact.id, municipality="Pavia", phone="+39 333 1234567"))
    seq = push_and_answer(store, "rejected", "forbidden_role", record=served)
    assert store.call(lambda s: s.contacts.get(contact.id).municipality) == "Lodi"  # the service's copy again

    new_seq = store.call(lambda s: s.replica.retry_rejected(seq))
    shown = store.call(lambda s: s.contacts.get(contact.id))
    assert (shown.municipality, shown.phone, shown.server_version) == ("Pavia", "+39 333 1234567", 1)
    (queued,) = store.call(lambda s: s.outbox.pending())
    assert (queued.seq, queued.op, queued.changed, queued.base_version) == (
        new_seq,
        "update",
        {"municipality": "Pavia", "phone": "+39 333 1234567"},
        1,
    )
    assert new_seq > seq
    assert store.call(lambda s: (s.replica.rejected_mutations(), [c.id for c in s.contacts.search("pavia")])) == (
        [],
        [contact.id],
    )


def test_a_change_that_would_be_refused_again_is_not_retried(store: StoreWorker) -> None:
    enrol_locally(store)
    store.call(lambda s: s.contacts.create(given_name="Doppia"))
    seq = push_and_answer(store, "rejected", "invalid")
    with pytest.raises(RuleViolation, match="refused again"):
        store.call(lambda s: s.replica.retry_rejected(seq))
    assert [r.seq for r in store.call(lambda s: s.replica.rejected_mutations())] == [seq]
    assert store.call(lambda s: s.outbox.count()) == 0


def test_a_retry_that_no_longer_fits_the_record_writes_nothing(store: StoreWorker) -> None:
    enrol_locally(store)
    contact = store.call(lambda s: s.contacts.create(given_name="Ada"))
    served = {**contact.model_dump(mode="json"), "server_version": 1}
    push_and_answer(store, "applied", record=served)
    store.call(lambda s: s.contacts.update(contact.id, given_name="Adele"))
    seq = push_and_answer(store, "rejected", "forbidden_team", record=served)
    # Meanwhile a colleague made the contact pseudonymous: a given name no longer fits.
    alias_only = {**served, "kind": "pseudonymous", "given_name": None, "alias": "Nina", "server_version": 2}
    store.call(
        lambda s: s.replica.apply_answer(
            answer(changes=[{"entity": "contact", "version": 2, "record": alias_only}]), []
        )
    )
    with pytest.raises(ValidationError):
        store.call(lambda s: s.replica.retry_rejected(seq))
    assert store.call(
        lambda s: (len(s.replica.rejected_mutations()), s.outbox.count(), s.contacts.get(contact.id).alias)
    ) == (1, 0, "Nina")


def test_the_service_address_moves_and_nothing_else_does(store: StoreWorker) -> None:
    with pytest.raises(NotEnrolled):
        store.call(lambda s: s.replica.update_service_address("https://new.example.org", None))
    enrolment = enrol_locally(store)
    store.call(lambda s: s.replica.update_service_address("https://new.example.org", "/etc/org-ca.pem"))
    moved = store.call(lambda s: s.replica.enrolment())
    assert (moved.server_url, moved.ca_bundle) == ("https://new.example.org", "/etc/org-ca.pem")
    assert (moved.device_id, moved.operator_id) == (enrolment.device_id, enrolment.operator_id)
    assert store.call(lambda s: s.replica.outgoing(10).token) == "token-1"
    store.call(lambda s: s.replica.update_service_address("https://new.example.org", None))
    assert store.call(lambda s: s.replica.enrolment().ca_bundle) is None


def test_a_create_refused_for_a_team_is_accepted_once_access_is_given(world: World) -> None:
    anna = world.add_operator("anna", [world.team_a])
    laptop = world.device(anna)
    contact = laptop.store.call(lambda s: s.contacts.create(given_name="Fuori", team_id=world.team_b))
    laptop.store.call(
        lambda s: s.notes.create(contact_id=contact.id, body="primo incontro", occurred_at=contact.created_at)
    )
    report = laptop.sync()
    assert sorted(r[1] for r in report.rejections) == ["forbidden_team", "missing_reference"]
    refused = {r.entity: r.seq for r in laptop.store.call(lambda s: s.replica.rejected_mutations())}
    with world.service.admin() as session:  # the coordinator adds Anna to team B
        operator = session.execute(select(Operator).filter_by(username=anna)).scalar_one()
        session.add(Membership(operator_id=operator.id, team_id=world.team_b))

    laptop.store.call(lambda s: s.replica.retry_rejected(refused["contact"]))
    laptop.store.call(lambda s: s.replica.retry_rejected(refused["note"]))  # its contact is back, same id
    report = laptop.sync()
    assert (report.pushed, report.rejected) == (2, 0)
    with world.service.admin() as session:
        assert session.get(StoredRecord, contact.id) is not None
    assert laptop.store.call(
        lambda s: (
            s.replica.rejected_mutations(),
            s.outbox.count(),
            s.contacts.get(contact.id).server_version is not None,
        )
    ) == ([], 0, True)
