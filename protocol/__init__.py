"""The wire contract shared by the desktop client and the central service.

Owns: the pydantic schemas of every entity and of the sync messages, record ids
(UUIDv7) and PROTOCOL_VERSION. Must never import Qt, a database driver, HTTP
clients, or the `desktop` / `central` packages: both sides depend on it, it
depends on nothing of theirs (enforced by import-linter, see pyproject.toml).
"""

from protocol.entities import (
    ENTITY_TYPES,
    Appointment,
    Consent,
    Contact,
    IntakeRequest,
    Note,
    Record,
    Referral,
    Relationship,
    Resource,
)
from protocol.ids import new_id
from protocol.validation import describe_validation_error

PROTOCOL_VERSION = 1

__all__ = [
    "ENTITY_TYPES",
    "PROTOCOL_VERSION",
    "Appointment",
    "Consent",
    "Contact",
    "IntakeRequest",
    "Note",
    "Record",
    "Referral",
    "Relationship",
    "Resource",
    "describe_validation_error",
    "new_id",
]
