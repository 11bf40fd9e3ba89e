"""Every value of every enumeration a screen shows has words, in schema order."""

import typing

import pytest

from desktop.ui.labels import label, labels
from protocol import entities

ENUMERATIONS = {
    "contact_kind": entities.ContactKind,
    "relationship_kind": entities.RelationshipKind,
    "consent_purpose": entities.ConsentPurpose,
    "consent_method": entities.ConsentMethod,
    "place_kind": entities.PlaceKind,
    "appointment_status": entities.AppointmentStatus,
    "phone_kind": entities.ResourcePhone.model_fields["kind"].annotation,
    "resource_category": entities.ResourceCategory,
    "note_kind": entities.NoteKind,
    "resource_status": entities.ResourceStatus,
    "referral_status": entities.ReferralStatus,
    "intake_kind": entities.IntakeKind,
    "intake_channel": entities.IntakeChannel,
    "intake_status": entities.IntakeStatus,
    "slot_mode": entities.SlotMode,
    "shift_kind": entities.ShiftKind,
    "gender": entities.Gender,
    "age_band": entities.AgeBand,
    "supply_kind": entities.SupplyKind,
    "movement_kind": entities.MovementKind,
    # a slot's state, then what a request makes of it (slot_taken_by)
    "slot_hold": typing.Literal[typing.get_args(entities.SlotState) + typing.get_args(entities.SlotTaken)],  # type: ignore[misc]
}


@pytest.mark.parametrize("kind", sorted(ENUMERATIONS))
def test_each_schema_value_has_a_label(qapp, kind: str) -> None:
    assert list(labels(kind)) == list(typing.get_args(ENUMERATIONS[kind]))


def test_an_unknown_value_from_a_newer_service_is_shown_as_it_is(qapp) -> None:
    assert label("appointment_status", "no_show") == "Did not come"
    assert label("appointment_status", "rescheduled") == "rescheduled"


def test_category_labels_follow_the_ui_language(qapp) -> None:
    from desktop.ui import i18n

    try:
        i18n.install("fi")
        assert label("resource_category", "youth") == "Nuoret"
        i18n.install("it")
        assert label("resource_category", "women") == "Donne"
    finally:
        i18n.install("en")
    assert label("resource_category", "care") == "Care"
