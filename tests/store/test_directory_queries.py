"""Store queries behind the Resources and Intake screens, on a real encrypted store:
directory search and filters, referral consents, all-or-nothing referral and intake writes."""

import datetime as dt
import uuid

import pytest
from pydantic import ValidationError

from desktop.store import directory_queries as directory
from desktop.store import intake_queries as intake
from desktop.store.errors import RuleViolation
from desktop.store.session import StoreSession
from desktop.store.worker import StoreWorker

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
OPERATOR = uuid.UUID("00000000-0000-4000-8000-0000000000a1")


def _resource(service: str, organisation: str, municipality: str, categories: list[str], **extra: object) -> dict:
    return {
        "service_name": service,
        "organization_name": organisation,
        "categories": categories,
        "location": {"municipality": municipality},
        **extra,
    }


@pytest.fixture()
def directory_store(store: StoreWorker) -> StoreWorker:
    def load(s: StoreSession) -> None:
        s.resources.create_many(
            [
                _resource("Mensa solidale", "Caritas", "Bologna", ["food"], keywords=["pasti"]),
                _resource("Mensa dei poveri", "San Vincenzo", "Forlì", ["food", "shelter"]),
                _resource("Dormitorio", "Comune", "Bologna", ["shelter", "housing"], description="Posti letto e mensa"),
                _resource("Sportello lavoro", "Centro per l'impiego", "Lodi", ["work"]),
            ]
        )
        doomed = s.resources.create(**_resource("Mensa chiusa", "Vecchia", "Bologna", ["food"]))
        s.resources.tombstone(doomed.id)

    store.call(load)
    return store


def services(store: StoreWorker, **filters: object) -> list[str]:
    return [r.service_name for r in store.call(lambda s: directory.find_resources(s, **filters))]


def test_search_ranks_names_and_filters_by_category_and_municipality(directory_store: StoreWorker) -> None:
    assert set(services(directory_store, text="mensa")) == {"Mensa solidale", "Mensa dei poveri", "Dormitorio"}
    assert services(directory_store, text="mensa", municipality="Bologna")[0] == "Mensa solidale"
    assert services(directory_store, text="mensa", category="shelter") == ["Mensa dei poveri", "Dormitorio"]
    assert services(directory_store, category="shelter", municipality="Bologna") == ["Dormitorio"]
    assert services(directory_store, text="forli") == ["Mensa dei poveri"]  # accents folded
    assert services(directory_store, text="pasti mens") == ["Mensa solidale"]  # every word, as a prefix
    assert services(directory_store, text="ospedale") == []
    assert services(directory_store, text='"*') == []  # nothing searchable typed: no syntax error


def test_without_text_everything_live_by_name(directory_store: StoreWorker) -> None:
    assert services(directory_store) == ["Dormitorio", "Mensa dei poveri", "Mensa solidale", "Sportello lavoro"]
    assert services(directory_store, limit=2) == ["Dormitorio", "Mensa dei poveri"]


def test_municipalities_and_categories_present(directory_store: StoreWorker) -> None:
    assert directory_store.call(directory.municipalities) == ["Bologna", "Forlì", "Lodi"]
    assert directory_store.call(directory.categories) == {"food", "shelter", "housing", "work"}


def _person_and_resource(s: StoreSession) -> tuple[uuid.UUID, uuid.UUID]:
    person = s.contacts.create(given_name="Anna")
    resource = s.resources.create(**_resource("Mensa", "Caritas", "Bologna", ["food"]))
    return person.id, resource.id


def test_only_active_referral_consents_are_offered(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[list, dict]:
        person, _ = _person_and_resource(s)
        made = {
            "referral": s.consents.create(
                contact_id=person, purpose="referral", method="verbal", given_at=NOW - dt.timedelta(days=3)
            ),
            "sharing": s.consents.create(
                contact_id=person, purpose="information_sharing", method="written", given_at=NOW - dt.timedelta(days=1)
            ),
            "expired": s.consents.create(
                contact_id=person,
                purpose="referral",
                method="verbal",
                given_at=NOW - dt.timedelta(days=30),
                expires_at=NOW - dt.timedelta(days=1),
            ),
            "withdrawn": s.consents.create(
                contact_id=person,
                purpose="referral",
                method="verbal",
                given_at=NOW - dt.timedelta(days=30),
                withdrawn_at=NOW - dt.timedelta(days=2),
            ),
            "other purpose": s.consents.create(
                contact_id=person, purpose="research", method="verbal", given_at=NOW - dt.timedelta(days=3)
            ),
        }
        return directory.referral_consents(s, person, NOW), made

    offered, made = store.call(work)
    assert [c.id for c in offered] == [made["sharing"].id, made["referral"].id]


def test_a_refused_referral_keeps_no_consent_and_no_outbox_row(store: StoreWorker) -> None:
    person, resource = store.call(_person_and_resource)
    pending = store.call(lambda s: s.outbox.count())
    store.call(lambda s: s.resources.tombstone(resource))
    with pytest.raises(RuleViolation, match="resource_id"):
        store.call(
            lambda s: directory.refer_with_new_consent(
                s,
                contact_id=person,
                resource_id=resource,
                reason="Needs a meal",
                consent={"purpose": "referral", "method": "verbal", "given_at": NOW},
            )
        )
    assert store.call(lambda s: s.consents.where("contact_id", str(person))) == []
    assert store.call(lambda s: s.outbox.count()) == pending + 1  # the tombstone only


def test_consent_and_referral_are_written_together(store: StoreWorker) -> None:
    person, resource = store.call(_person_and_resource)
    consent, referral = store.call(
        lambda s: directory.refer_with_new_consent(
            s,
            contact_id=person,
            resource_id=resource,
            reason=None,
            consent={"purpose": "referral", "method": "written", "given_at": NOW},
        )
    )
    stored = store.call(lambda s: s.referrals.get(referral.id))
    assert stored.consent_id == consent.id and stored.status == "sent"
    # the store is usable afterwards: the outer transaction was committed, not left open
    assert store.call(lambda s: s.contacts.create(given_name="Bea")).given_name == "Bea"


def test_refer_refuses_a_consent_that_does_not_allow_it(store: StoreWorker) -> None:
    def work(s: StoreSession) -> None:
        person, resource = _person_and_resource(s)
        research = s.consents.create(contact_id=person, purpose="research", method="verbal", given_at=NOW)
        directory.refer(s, contact_id=person, resource_id=resource, consent_id=research.id, reason=None, at=NOW)

    with pytest.raises(RuleViolation, match="consent_id"):
        store.call(work)


# --- intake -------------------------------------------------------------------------


def _request(s: StoreSession, minutes_ago: int, **extra: object) -> uuid.UUID:
    fields = {
        "kind": "booking",
        "alias": "Stella",
        "contact_channel": "phone",
        "contact_detail": "+39 333 123 4567",
        "language": "it",
        "consent_to_contact": True,
        "received_at": NOW - dt.timedelta(minutes=minutes_ago),
        **extra,
    }
    return s.intake_requests.create(**fields).id


def test_queue_is_newest_first_and_counts_by_status(store: StoreWorker) -> None:
    def work(s: StoreSession) -> tuple[list[uuid.UUID], ...]:
        old, new, handled = _request(s, 60), _request(s, 5), _request(s, 30)
        intake.decline_intake(s, handled, "Duplicate of another request")
        return [old, new, handled]

    old, new, handled = store.call(work)
    assert [r.id for r in store.call(intake.intake_queue)] == [new, old]
    assert [r.id for r in store.call(lambda s: intake.intake_queue(s, None))] == [new, handled, old]
    assert store.call(intake.intake_counts) == {"new": 2, "declined": 1}
    assert store.call(lambda s: s.intake_requests.get(handled)).decline_reason == "Duplicate of another request"


def test_accepting_is_all_or_nothing(store: StoreWorker) -> None:
    request = store.call(lambda s: _request(s, 5))
    contacts = store.call(lambda s: s.contacts.count())
    bad_appointment = {
        "operator_id": OPERATOR,
        "starts_at": NOW,
        "ends_at": NOW - dt.timedelta(minutes=45),
        "time_zone": "Europe/Rome",
        "place_kind": "office",
    }
    with pytest.raises(ValidationError, match="ends_at"):
        store.call(
            lambda s: intake.accept_intake(
                s, request, new_contact={"kind": "pseudonymous", "alias": "Stella"}, appointment=bad_appointment
            )
        )
    assert store.call(lambda s: s.contacts.count()) == contacts
    assert store.call(lambda s: s.intake_requests.get(request)).status == "new"

    good = {**bad_appointment, "ends_at": NOW + dt.timedelta(minutes=45)}
    accepted = store.call(
        lambda s: intake.accept_intake(
            s, request, new_contact={"kind": "pseudonymous", "alias": "Stella"}, appointment=good
        )
    )
    stored = store.call(lambda s: s.intake_requests.get(request))
    assert stored.status == "converted" and stored.contact_id == accepted.contact_id
    assert store.call(lambda s: s.appointments.get(accepted.appointment_id)).contact_ids == [accepted.contact_id]
    with pytest.raises(RuleViolation, match="status"):
        store.call(lambda s: intake.accept_intake(s, request, existing_contact_id=accepted.contact_id))


def test_declining_needs_a_reason(store: StoreWorker) -> None:
    request = store.call(lambda s: _request(s, 5))
    with pytest.raises(RuleViolation, match="decline_reason"):
        store.call(lambda s: intake.decline_intake(s, request, "   "))
    assert store.call(lambda s: s.intake_requests.get(request)).status == "new"


def test_inactive_and_defunct_services_are_kept_but_listed_only_when_asked(store: StoreWorker) -> None:
    """Issue 15 item 7: the status filter belongs to the directory query, by text, by name and by distance."""

    def load(s: StoreSession) -> None:
        for status in ("active", "temporarily closed", "inactive", "defunct"):
            s.resources.create(
                **_resource(
                    f"Mensa {status}",
                    "Caritas",
                    "Lodi",
                    ["food"],
                    status=status,
                    location={"municipality": "Lodi", "latitude": 45.31, "longitude": 9.5},
                )
            )

    store.call(load)

    shown = ["Mensa active", "Mensa temporarily closed"]
    everything = ["Mensa active", "Mensa defunct", "Mensa inactive", "Mensa temporarily closed"]
    assert sorted(services(store)) == shown
    assert sorted(services(store, text="mensa")) == shown
    assert sorted(services(store, include_closed=True)) == everything
    near = store.call(lambda s: directory.find_resources_near(s, 45.3, 9.5, 50, "mensa"))
    assert sorted(item.resource.service_name for item in near.found) == shown
    near = store.call(lambda s: directory.find_resources_near(s, 45.3, 9.5, 50, include_closed=True))
    assert sorted(item.resource.service_name for item in near.found) == everything
    assert store.call(lambda s: s.resources.count()) == 4  # hidden is not deleted
