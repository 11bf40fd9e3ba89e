"""The wire contract shared by the desktop client and the central service.

Owns: the pydantic schemas of every entity and of the sync messages, record ids
(UUIDv7) and PROTOCOL_VERSION. Must never import Qt, a database driver, HTTP
clients, or the `desktop` / `central` packages: both sides depend on it, it
depends on nothing of theirs (enforced by import-linter, see pyproject.toml).
"""

from protocol.entities import (
    ENTITY_TYPES,
    Appointment,
    BookableSlot,
    Consent,
    Contact,
    Encounter,
    IntakeRequest,
    Note,
    Record,
    Referral,
    Relationship,
    Resource,
    Shift,
    Spot,
    StockMovement,
    SupplyItem,
)
from protocol.ids import new_id
from protocol.validation import describe_validation_error

# Version 2 added fields that a version-1 device refuses (its models forbid unknown fields):
# Appointment.recurrence/exceptions, Resource.status, Note.author_name. A version-1 device
# would stop syncing at the first such record, so the service no longer accepts it and
# tells it to update instead (426). Raise OLDEST_PROTOCOL again only for the same reason.
# Version 3 added the help desk's BookableSlot entity, IntakeRequest.slot_id, reply and
# may_say_who_from, and the sms channel, which a version-2 device refuses for the same reason.
# Version 4 added street outreach: the shift, encounter, supply_item and stock_movement
# entities; and Resource.hours_exceptions; and the spot entity with Encounter.municipality and
# spot_id (where an encounter happened). A version-3 device stops syncing at the first record
# of an entity it does not know (desktop.store.replica refuses the page), so the service speaks
# only version 4.
PROTOCOL_VERSION = 4
OLDEST_PROTOCOL = 4
SUPPORTED_PROTOCOLS = range(OLDEST_PROTOCOL, PROTOCOL_VERSION + 1)

__all__ = [
    "ENTITY_TYPES",
    "OLDEST_PROTOCOL",
    "PROTOCOL_VERSION",
    "SUPPORTED_PROTOCOLS",
    "Appointment",
    "BookableSlot",
    "Consent",
    "Contact",
    "Encounter",
    "IntakeRequest",
    "Note",
    "Record",
    "Referral",
    "Relationship",
    "Resource",
    "Shift",
    "Spot",
    "StockMovement",
    "SupplyItem",
    "describe_validation_error",
    "new_id",
]
