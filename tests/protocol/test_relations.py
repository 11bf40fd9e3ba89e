"""The relations table covers every reference field of every entity, and only real fields."""

import typing
import uuid

from protocol import ENTITY_TYPES
from protocol.messages import Conflict
from protocol.relations import (
    DEVICE_WRITABLE,
    NOT_REFERENCES,
    REFERENCES,
    owner_fields,
    references_of,
    team_placed_entities,
)

MODELS = {**ENTITY_TYPES, "conflict": Conflict}


def _mentions_uuid(annotation: object) -> bool:
    if annotation is uuid.UUID:
        return True
    return any(_mentions_uuid(arg) for arg in typing.get_args(annotation))


def test_every_uuid_field_is_declared_a_reference_or_not():
    undeclared = []
    declared = {(ref.entity, ref.field) for ref in REFERENCES}
    for entity, model in MODELS.items():
        for name, info in model.model_fields.items():
            if _mentions_uuid(info.annotation) and (entity, name) not in declared | NOT_REFERENCES:
                undeclared.append(f"{entity}.{name}")
    assert undeclared == [], "declare these in protocol/relations.py REFERENCES or NOT_REFERENCES"


def test_declared_references_are_real_fields_of_the_right_shape():
    for ref in REFERENCES:
        info = MODELS[ref.entity].model_fields[ref.field]
        is_list = typing.get_origin(info.annotation) is list
        assert is_list == ref.many, f"{ref.entity}.{ref.field}: many={ref.many} but the field is {info.annotation}"
        if ref.target not in ("operator", "team", "record"):
            assert ref.target in MODELS, ref
        assert (ref.entity, ref.field) not in NOT_REFERENCES


def test_every_contact_hung_entity_hangs_through_a_required_field_or_a_link():
    # Contacts own their children; a conflict hangs from the record it is about; a bookable
    # slot holds nothing about a person and hangs from its team alone, and so do street
    # outreach's shifts, encounters (a code at most), stock movements and named spots; supply
    # items are organisation-level like the directory.
    assert team_placed_entities() == ("bookable_slot", "shift", "encounter", "spot", "stock_movement")
    for entity in MODELS:
        if entity in ("contact", "resource", "supply_item", *team_placed_entities()):
            assert owner_fields(entity) == ()
        else:
            assert owner_fields(entity), f"{entity}: nothing says whose data it is"


def test_device_writable_fields_exist():
    for entity, names in DEVICE_WRITABLE.items():
        assert names <= set(MODELS[entity].content_fields()), entity
    assert references_of("intake_request")
