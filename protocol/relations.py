"""Which field of which entity references what, declared once for both sides.

Owns: the list of every reference field of every protocol entity (`REFERENCES`),
what each one means for privacy (does the record hang from the contact it names,
so that it is erased, purged and exported with that person?), and which fields a
device may change in the records the service authors (`DEVICE_WRITABLE`).

Everything that follows a reference is derived from this table and nothing else:
the service's scope and reference checks, the device's purge when access is
lost, erasure on both sides, and the subject-access export. A test walks every
UUID-typed field of every entity and fails when one is neither declared here
nor listed in `NOT_REFERENCES`, so a new entity cannot silently escape them.

Must never import anything but the standard library and `protocol`.
"""

from dataclasses import dataclass
from typing import Literal

from protocol.entities import ENTITY_TYPES

# What a reference may point at:
# - an entity name ("contact", "resource", ...);
# - "operator": an operator account of the same organisation (the service's table);
# - "team": a team of the organisation, the record's scope;
# - "record": any entity, named by the record's `entity` field (a Conflict is about one record).
Target = Literal[
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
    "conflict",
    "operator",
    "team",
    "record",
]


@dataclass(frozen=True)
class Reference:
    """One reference field.

    `owner`: the record hangs from the contact it names; it belongs to that
    person. Erasing the person erases it, losing the person's team purges it,
    and the person's subject-access export includes it. For a list field
    (`many`), the record hangs from each contact listed: erasing one of them
    takes that id out of the list, and erases the record only when none is left.

    `same_contact`: the referenced record must hang from the same contact as the
    referring record (a referral's consent is that person's consent).

    `required`: the field never holds None (a missing target is always an error).
    """

    entity: str
    field: str
    target: Target
    many: bool = False
    owner: bool = False
    same_contact: bool = False
    required: bool = True


REFERENCES: tuple[Reference, ...] = (
    Reference("contact", "team_id", "team", required=False),  # None: the service picks the only team
    Reference("relationship", "from_contact_id", "contact", owner=True),
    Reference("relationship", "to_contact_id", "contact", owner=True),
    Reference("consent", "contact_id", "contact", owner=True),
    Reference("appointment", "contact_ids", "contact", many=True, owner=True),
    Reference("appointment", "operator_id", "operator"),
    Reference("note", "contact_id", "contact", owner=True),
    Reference("note", "amends_note_id", "note", same_contact=True, required=False),
    Reference("referral", "contact_id", "contact", owner=True),
    Reference("referral", "resource_id", "resource"),
    Reference("referral", "consent_id", "consent", same_contact=True, required=False),
    # A help-desk request holds what a person typed about themselves: once it is
    # linked to the contact made from it, it is that person's data.
    Reference("intake_request", "contact_id", "contact", owner=True, required=False),
    Reference("intake_request", "team_id", "team", required=False),
    # The slot a booking request holds: set by the service, never by a device.
    Reference("intake_request", "slot_id", "bookable_slot", required=False),
    # A slot hangs from no person: its team places it (an operator may offer only their own team's).
    Reference("bookable_slot", "team_id", "team"),
    # Street outreach (issue 18): placed by their team alone, like slots. An encounter names
    # no person (a code at most); its alias contact is a plain reference, not an owner (see
    # docs/ARCHITECTURE.md "Street outreach": what erasing that contact does not yet do).
    Reference("shift", "team_id", "team"),
    Reference("shift", "member_ids", "operator", many=True),
    Reference("encounter", "team_id", "team"),
    Reference("encounter", "shift_id", "shift"),
    Reference("encounter", "referral_resource_id", "resource", required=False),
    Reference("encounter", "contact_id", "contact", required=False),
    # A team's named places: an encounter may name one of its own team's (the service refuses
    # another team's, like a shift of another team).
    Reference("spot", "team_id", "team"),
    Reference("encounter", "spot_id", "spot", required=False),
    Reference("stock_movement", "team_id", "team"),
    Reference("stock_movement", "item_id", "supply_item"),
    # A Conflict quotes values of the record it is about: it goes wherever that record goes.
    Reference("conflict", "record_id", "record", owner=True),
    Reference("conflict", "team_id", "team", required=False),
    Reference("conflict", "other_operator_id", "operator", required=False),
)

# UUID fields that are not references to be followed: metadata the service sets
# itself (authorship, the record's own id), and the device a Conflict's losing
# value came from (kept for people to read, never looked up).
NOT_REFERENCES: frozenset[tuple[str, str]] = frozenset(
    {
        (entity, name)
        for entity in [*ENTITY_TYPES, "conflict"]
        for name in ("id", "author_operator_id", "author_device_id")
    }
    | {("conflict", "other_device_id")}
    # The other side of a move between teams: for people to read. Never followed, and never a
    # scope (losing that team must not purge this team's own ledger entry).
    | {("stock_movement", "other_team_id")}
)

# Records the service authors (the help desk's requests, the merge's conflicts).
# A device may only update them, and only these fields; everything else is what a
# member of the public typed, or what the service decided, and is refused.
DEVICE_WRITABLE: dict[str, frozenset[str]] = {
    # `reply` is the team's message the person reads on the help desk's status page.
    "intake_request": frozenset({"status", "decline_reason", "contact_id", "reply"}),
    "conflict": frozenset({"status", "resolution"}),
}


def references_of(entity: str) -> tuple[Reference, ...]:
    """The reference fields of one entity, in declaration order."""
    return tuple(ref for ref in REFERENCES if ref.entity == entity)


def owner_fields(entity: str) -> tuple[Reference, ...]:
    """The fields that hang a record of `entity` from a contact (or, for a Conflict, from a record)."""
    return tuple(ref for ref in REFERENCES if ref.entity == entity and ref.owner)


def contact_owned_entities() -> tuple[str, ...]:
    """Entities whose records hang from a contact through at least one field."""
    return tuple(dict.fromkeys(ref.entity for ref in REFERENCES if ref.owner and ref.target == "contact"))


def entity_references(entity: str) -> tuple[Reference, ...]:
    """References of `entity` that point at another protocol entity (not operators or teams)."""
    return tuple(ref for ref in references_of(entity) if ref.target not in ("operator", "team"))


def contact_owner_fields(entity: str) -> tuple[Reference, ...]:
    """The fields that hang a record of `entity` from a contact (list fields included)."""
    return tuple(ref for ref in owner_fields(entity) if ref.target == "contact")


def team_placed_entities() -> tuple[str, ...]:
    """Entities a device creates that hang from no contact and are placed by their own
    (required) team field: the team a device names must be one of the caller's."""
    return tuple(
        ref.entity
        for ref in REFERENCES
        if ref.target == "team" and ref.required and ref.entity not in DEVICE_WRITABLE and not owner_fields(ref.entity)
    )


def team_fields() -> tuple[Reference, ...]:
    """Every field naming the team a record belongs to (its scope)."""
    return tuple(ref for ref in REFERENCES if ref.target == "team")


def parent_reference(entity: str) -> Reference | None:
    """The owner field that places a record: its first declared one.

    For a record hung from contacts it names the contact whose team the record
    belongs to (the first id of a list); for a Conflict it is the record it is about.
    None for entities that hang from nothing (contacts, the directory, bookable slots).
    """
    owners = owner_fields(entity)
    return owners[0] if owners else None


def record_hung_references() -> tuple[Reference, ...]:
    """Owner fields that hang a record from another record rather than from a contact
    (a Conflict from the record it quotes): erasure follows them from the erased records."""
    return tuple(ref for ref in REFERENCES if ref.owner and ref.target != "contact")


def reference_ids(ref: Reference, value: object) -> list[str]:
    """The ids a field's value names, as strings: none for None, each item of a list field."""
    if value is None:
        return []
    if ref.many:
        return [str(item) for item in value] if isinstance(value, list) else []
    return [str(value)]
