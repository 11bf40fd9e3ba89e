"""Schemas: strictness, the rules of each entity, and messages that name field and rule."""

import datetime as dt
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from protocol import (
    ENTITY_TYPES,
    Appointment,
    Consent,
    Contact,
    IntakeRequest,
    Referral,
    Relationship,
    Resource,
    describe_validation_error,
    new_id,
)
from protocol.ids import is_uuid7

NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


def meta() -> dict:
    return {"id": new_id(), "created_at": NOW, "updated_at": NOW, "author_device_id": uuid.uuid4()}


def problems(model: type, **fields: object) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        model(**meta(), **fields)
    return describe_validation_error(exc.value)


def test_ids_are_uuid7_and_time_ordered() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(is_uuid7(i) for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


@given(
    st.integers(min_value=0, max_value=2**128 - 1),
    st.sampled_from([None, 1, 4, 6, 7, 8, 15]),
    st.sampled_from([None, 0b00, 0b01, 0b10, 0b11]),
)
@settings(max_examples=2_000)
def test_is_uuid7_says_what_the_uuid_module_says(bits: int, version: int | None, variant: int | None) -> None:
    """Issue 23: the check read from the integer agrees with `UUID.version` and `UUID.variant`."""
    if version is not None:
        bits = bits & ~(0xF << 76) | version << 76
    if variant is not None:
        bits = bits & ~(0b11 << 62) | variant << 62
    value = uuid.UUID(int=bits)
    assert is_uuid7(value) == (value.version == 7 and value.variant == uuid.RFC_4122)


def test_record_id_must_be_uuid7() -> None:
    with pytest.raises(ValidationError) as exc:
        Contact(**{**meta(), "id": uuid.uuid4()}, given_name="A")
    assert describe_validation_error(exc.value) == ["id: must be a UUIDv7"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"given_name": "A", "birth_year": "1990"}, "birth_year: Input should be a valid integer"),
        ({"given_name": "A", "birth_year": 1850}, "birth_year: Input should be greater than or equal to 1900"),
        ({"given_name": "A", "birth_year": 2999}, "birth_year: must be at most"),
        ({"given_name": "A", "phone": "call me"}, "phone: String should match pattern"),
        ({"given_name": "A", "phone": "+39 12"}, "phone: must contain between 5 and 20 digits"),
        ({"given_name": "A", "email": "nobody"}, "email: String should match pattern"),
        ({"given_name": "A", "preferred_language": "Italian"}, "preferred_language: String should match pattern"),
        ({"given_name": "A", "tags": ["x", "x"]}, "tags: must not contain duplicates"),
        ({"given_name": "  "}, "given_name: String should have at least 1 character"),
        ({"given_name": "A", "nickname": "B"}, "nickname: Extra inputs are not permitted"),
        ({}, "given_name: a person needs a given name, a family name or an alias"),
        ({"kind": "pseudonymous"}, "alias: required for a pseudonymous contact"),
        (
            {"kind": "pseudonymous", "alias": "Lupo", "family_name": "Rossi"},
            "given_name: a pseudonymous contact has an alias only",
        ),
    ],
)
def test_contact_rules_name_field_and_rule(fields: dict, expected: str) -> None:
    lines = problems(Contact, **fields)
    assert any(line.startswith(expected) for line in lines), lines


def test_the_birth_year_rule_reads_the_one_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 item 2 (DTZ): "not in the future" is judged by protocol.clock's UTC year, not by
    the machine's local date, so a device and the service never disagree about the same contact."""
    monkeypatch.setattr("protocol.entities.utc_now", lambda: dt.datetime(2031, 6, 1, tzinfo=dt.UTC))
    assert Contact(**meta(), given_name="A", birth_year=2031).birth_year == 2031
    assert problems(Contact, given_name="A", birth_year=2032) == ["birth_year: must be at most 2031"]


def test_messages_never_echo_the_rejected_value() -> None:
    secret = "Sensitive-Value-123"
    lines = problems(Contact, given_name="A", email=secret)
    assert secret not in " ".join(lines)


def test_pseudonymous_contact_with_alias_only_is_valid() -> None:
    contact = Contact(**meta(), kind="pseudonymous", alias="Lupo", municipality="Cantù")
    assert contact.display_name == "Lupo" and contact.sort_name == "lupo"


def test_sort_name_is_family_first_and_casefolded() -> None:
    assert Contact(**meta(), given_name="Élodie", family_name="Öztürk").sort_name == "öztürk élodie"


def test_relationship_needs_two_people() -> None:
    same = new_id()
    assert problems(Relationship, from_contact_id=same, to_contact_id=same, kind="sibling") == [
        "to_contact_id: must differ from from_contact_id"
    ]


def test_consent_dates_and_activity() -> None:
    assert problems(
        Consent,
        contact_id=new_id(),
        purpose="referral",
        method="verbal",
        given_at=NOW,
        expires_at=NOW - dt.timedelta(days=1),
    ) == ["expires_at: must be later than given_at"]
    consent = Consent(
        **meta(),
        contact_id=new_id(),
        purpose="referral",
        method="written",
        given_at=NOW,
        withdrawn_at=NOW + dt.timedelta(days=10),
    )
    assert consent.is_active(NOW + dt.timedelta(days=1))
    assert not consent.is_active(NOW + dt.timedelta(days=10))
    assert not consent.is_active(NOW - dt.timedelta(seconds=1))


def test_appointment_rules() -> None:
    base = {
        "contact_ids": [new_id()],
        "operator_id": uuid.uuid4(),
        "starts_at": NOW,
        "ends_at": NOW + dt.timedelta(hours=1),
        "time_zone": "Europe/Rome",
        "place_kind": "office",
    }
    assert Appointment(**meta(), **base).status == "requested"
    assert problems(Appointment, **{**base, "ends_at": NOW}) == ["ends_at: must be later than starts_at"]
    assert problems(Appointment, **{**base, "time_zone": "Mars/Olympus"})[0].startswith(
        "time_zone: must be an IANA time zone name"
    )
    assert problems(Appointment, **{**base, "starts_at": dt.datetime(2026, 5, 4, 12)})[0].startswith(  # noqa: DTZ001 - naive on purpose
        "starts_at: Input should have timezone info"
    )
    assert problems(Appointment, **{**base, "contact_ids": []})[0].startswith(
        "contact_ids: List should have at least 1"
    )
    assert problems(Appointment, **{**base, "place_kind": "pub"})[0].startswith("place_kind: Input should be")


def test_resource_rules() -> None:
    base = {
        "organization_name": "Comune",
        "service_name": "Dormitorio",
        "location": {"municipality": "Lodi"},
        "categories": ["housing"],
    }
    assert Resource(**meta(), **base).location.country == "IT"
    assert problems(Resource, **{**base, "location": {"municipality": "Lodi", "latitude": 45.3}}) == [
        "location: latitude: latitude and longitude go together"
    ]
    assert problems(Resource, **{**base, "categories": []})[0].startswith("categories: List should have at least 1")
    assert problems(
        Resource, **{**base, "opening_hours": [{"weekday": 8, "opens_at": dt.time(9), "closes_at": dt.time(12)}]}
    )[0].startswith("opening_hours.0.weekday: Input should be less than or equal to 7")


def test_referral_needs_consent_once_sent() -> None:
    base = {"contact_id": new_id(), "resource_id": new_id()}
    assert Referral(**meta(), **base).status == "draft"
    assert problems(Referral, **base, status="sent") == ["consent_id: required when status is sent"]


def test_intake_request_rules() -> None:
    base = {"kind": "booking", "alias": "Stella", "language": "it", "received_at": NOW}
    assert IntakeRequest(**meta(), **base, contact_channel="none", consent_to_contact=False)
    assert problems(
        IntakeRequest, **base, contact_channel="phone", contact_detail="+39 333 1234567", consent_to_contact=False
    ) == ["consent_to_contact: required to be reached by phone"]
    assert problems(
        IntakeRequest, **base, contact_channel="email", contact_detail="not-an-email", consent_to_contact=True
    ) == ["contact_detail: must be an email address"]


def test_every_entity_is_registered_and_strict() -> None:
    assert set(ENTITY_TYPES) == {
        "contact",
        "relationship",
        "consent",
        "appointment",
        "resource",
        "note",
        "referral",
        "intake_request",
        "bookable_slot",
        "shift",
        "spot",
        "encounter",
        "supply_item",
        "stock_movement",
    }
    for model in ENTITY_TYPES.values():
        assert model.model_config["strict"] and model.model_config["extra"] == "forbid"
        assert "id" not in model.content_fields()


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    given=names,
    family=st.none() | names,
    year=st.none() | st.integers(1900, 2020),
    tags=st.lists(st.sampled_from(["a", "b", "outreach", "casa"]), unique=True),
)
def test_contact_survives_the_wire(given: str, family: str | None, year: int | None, tags: list[str]) -> None:
    contact = Contact(**meta(), given_name=given, family_name=family, birth_year=year, tags=tags)
    assert Contact.model_validate_json(contact.model_dump_json()) == contact


def test_an_encounter_cannot_name_a_contact_until_erasure_clears_the_link() -> None:
    """Erasing a contact would leave an encounter's `contact_id` behind (see protocol.relations):
    refused, naming the field, until the clearing rule exists."""
    from protocol.entities import Encounter

    with pytest.raises(ValidationError) as refused:
        Encounter(id=new_id(), team_id=new_id(), shift_id=new_id(), at=NOW, contact_id=new_id())
    assert any(error["loc"] == ("contact_id",) for error in refused.value.errors())
