"""Schemas of every record the desktop store and the central service exchange.

Owns: the shape and the validation rules of contacts, relationships, consents,
appointments, directory resources (Open Referral HSDS 3.x aligned), case notes,
referrals, help-desk intake requests and the slots the help desk offers for booking,
street outreach (shifts, encounters, a team's named spots, supply items and the team stock
ledger, issue 18),
plus the metadata every record carries.

Rules of the house:
- Strict pydantic v2 models: no silent coercion ("12" is not a birth year),
  unknown fields are rejected, every error names the field and the rule.
- Enumerations are `Literal` strings: they travel as plain JSON strings and
  validate the same from a form, the CLI and the wire.
- Must never import anything but pydantic, the standard library, `protocol.phones`
  (phone numbers follow its rules, so the schema and the search read them alike) and
  `protocol.client_codes` (an encounter's code is read by its one rule).
"""

import datetime as dt
import re
import uuid
import zoneinfo
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from protocol import phones
from protocol.client_codes import CodeError, parse_code
from protocol.clock import utc_now
from protocol.ids import is_uuid7
from protocol.recurrence import MAX_OCCURRENCES, Recurrence

# --- reusable field types ----------------------------------------------------

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[^\s,][^,]*$"),
]
# A phone number as people write it (the rules are `protocol.phones`'); its digits are checked apart.
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=30, pattern=phones.PATTERN),
]
# The one email rule: a contact's or a service's email field, and a help-desk request
# that asks to be reached by email, are checked by it alike.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=EMAIL_PATTERN)]
# BCP 47 language tag, the common subset: "it", "fi", "en-GB", "sme".
Url = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://\S+$")]
LanguageTag = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]

_check_phone_digits = phones.check_digits


def _check_time_zone(value: str) -> str:
    """A named IANA zone (meetings keep their local time when the laptop travels)."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise ValueError("must be an IANA time zone name such as Europe/Rome") from None
    return value


def _check_ends_after_start(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    """The one rule of every time window (appointments, bookable slots)."""
    if ends_at <= starts_at:
        raise ValueError("ends_at: must be later than starts_at")


def _no_duplicates(values: list[Any]) -> list[Any]:
    if len(set(values)) != len(values):
        raise ValueError("must not contain duplicates")
    return values


# --- metadata shared by every record ----------------------------------------------

META_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "author_operator_id",
        "author_device_id",
        "deleted",
        "server_version",
        "author_name",
    }
)


class Record(BaseModel):
    """Fields every record carries, whatever its kind.

    `id` is a UUIDv7 made by the device that created the record. `server_version`
    is the central service's change sequence at the last accepted write, None
    until the record has been synced. `deleted` is a tombstone: a deleted record
    stays until the service has confirmed the deletion.
    """

    model_config = ConfigDict(strict=True, extra="forbid", validate_default=True)

    ENTITY: ClassVar[str] = ""

    id: uuid.UUID
    created_at: AwareDatetime
    updated_at: AwareDatetime
    author_operator_id: uuid.UUID | None = None
    author_device_id: uuid.UUID
    deleted: bool = False
    server_version: int | None = Field(default=None, ge=1)

    @field_validator("id")
    @classmethod
    def _id_is_uuid7(cls, value: uuid.UUID) -> uuid.UUID:
        if not is_uuid7(value):
            raise ValueError("must be a UUIDv7")
        return value

    @model_validator(mode="after")
    def _updated_not_before_created(self) -> Self:
        if self.updated_at < self.created_at:
            raise ValueError("updated_at: must not be earlier than created_at")
        return self

    @classmethod
    def content_fields(cls) -> list[str]:
        """Fields a person edits (everything but the metadata), in declaration order."""
        return [name for name in cls.model_fields if name not in META_FIELDS]

    def content(self) -> dict[str, Any]:
        return self.model_dump(include=set(self.content_fields()))


# --- contacts and their relationships -------------------------------------------------

ContactKind = Literal["person", "pseudonymous"]


class Contact(Record):
    """A person the service works with, or a pseudonymous first contact.

    A pseudonymous contact carries an alias and no names: someone reaching out
    for the first time may not want to be identified, and must not have to be.
    """

    ENTITY: ClassVar[str] = "contact"

    kind: ContactKind = "person"
    given_name: Name | None = None
    family_name: Name | None = None
    alias: Name | None = None
    birth_year: int | None = Field(default=None, ge=1900)
    phone: Phone | None = None
    email: Email | None = None
    address: ShortText | None = None
    municipality: Name | None = None
    preferred_language: LanguageTag | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=30)
    team_id: uuid.UUID | None = None

    @field_validator("birth_year")
    @classmethod
    def _birth_year_not_in_future(cls, value: int | None) -> int | None:
        if value is None:  # most contacts: no clock read (an initial sync validates 50k of them)
            return value
        this_year = utc_now().year  # the same year on the device and the service
        if value > this_year:
            raise ValueError(f"must be at most {this_year}")
        return value

    @field_validator("phone")
    @classmethod
    def _phone_digits(cls, value: str | None) -> str | None:
        return _check_phone_digits(value)

    @field_validator("tags")
    @classmethod
    def _tags_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value)

    @model_validator(mode="after")
    def _names_match_kind(self) -> Self:
        has_name = self.given_name is not None or self.family_name is not None
        if self.kind == "person" and not has_name and self.alias is None:
            raise ValueError("given_name: a person needs a given name, a family name or an alias")
        if self.kind == "pseudonymous":
            if self.alias is None:
                raise ValueError("alias: required for a pseudonymous contact")
            if has_name:
                raise ValueError("given_name: a pseudonymous contact has an alias only, no names")
        return self

    @property
    def display_name(self) -> str:
        names = " ".join(part for part in (self.given_name, self.family_name) if part)
        if names and self.alias:
            return f"{names} ({self.alias})"
        return names or self.alias or ""

    @property
    def sort_name(self) -> str:
        """Ordering key for lists: family name first, then given name, else alias."""
        parts = [self.family_name, self.given_name] if self.family_name else [self.given_name]
        key = " ".join(part for part in parts if part) or self.alias or ""
        return key.casefold()


RelationshipKind = Literal[
    "family_member",
    "parent",
    "child",
    "sibling",
    "partner",
    "caregiver",
    "guardian",
    "friend",
    "other",
]


class Relationship(Record):
    """A directed tie between two contacts: `from_contact` is the `kind` of `to_contact`."""

    ENTITY: ClassVar[str] = "relationship"

    from_contact_id: uuid.UUID
    to_contact_id: uuid.UUID
    kind: RelationshipKind
    note: ShortText | None = None

    @model_validator(mode="after")
    def _two_different_contacts(self) -> Self:
        if self.from_contact_id == self.to_contact_id:
            raise ValueError("to_contact_id: must differ from from_contact_id")
        return self


# --- consent -------------------------------------------------------------------

ConsentPurpose = Literal["case_management", "referral", "information_sharing", "contact", "research", "other"]
ConsentMethod = Literal["verbal", "written", "digital"]


def start_of_day(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Local midnight at the start of `day` in `zone` (a named zone: summer time counts)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


def end_of_day(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The first moment after `day` in `zone`: when a consent "valid until `day`" lapses."""
    return start_of_day(day + dt.timedelta(days=1), zone)


def last_day_before(lapse: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The "valid until" date as written: the day whose end `lapse` is, read in `zone`.

    Half a day back from the lapse and then the date: a local midnight (what the forms
    store) gives the day before it, also when read a zone or two away from where it was
    written, and any other instant gives a day it is valid on, never a later one (so a
    lapse is never shown later than it is).
    """
    return (lapse.astimezone(zone) - dt.timedelta(hours=12)).date()


class Consent(Record):
    """What a contact agreed to, with whom, how and until when.

    A withdrawn consent is kept (withdrawn_at set), never deleted: the record
    of what was allowed when is itself evidence a privacy officer needs.

    The form asks for dates ("valid until 01/12/2027"); the wire keeps instants, so
    the lawfulness check is one comparison wherever it runs: `expires_at` is the end of
    the last valid day where it was written (`end_of_day`), `given_at` the moment
    given or the start of the day given. `first_valid_day`/`last_valid_day` turn
    them back into the dates written (docs/ARCHITECTURE.md, "Consent dates").
    """

    ENTITY: ClassVar[str] = "consent"

    contact_id: uuid.UUID
    purpose: ConsentPurpose
    scope: ShortText | None = None
    recipients: list[ShortText] = Field(default_factory=list, max_length=50)
    method: ConsentMethod
    given_at: AwareDatetime
    expires_at: AwareDatetime | None = None
    withdrawn_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.expires_at is not None and self.expires_at <= self.given_at:
            raise ValueError("expires_at: must be later than given_at")
        if self.withdrawn_at is not None and self.withdrawn_at < self.given_at:
            raise ValueError("withdrawn_at: must not be earlier than given_at")
        return self

    def is_active(self, at: dt.datetime) -> bool:
        """Whether sharing on this consent is lawful at `at`: given, not withdrawn, and
        before `expires_at` (the local midnight after the last valid day)."""
        if at < self.given_at:
            return False
        if self.withdrawn_at is not None and at >= self.withdrawn_at:
            return False
        return self.expires_at is None or at < self.expires_at

    def first_valid_day(self, zone: dt.tzinfo) -> dt.date:
        """The date it was given on, as a person in `zone` wrote it."""
        return self.given_at.astimezone(zone).date()

    def last_valid_day(self, zone: dt.tzinfo) -> dt.date | None:
        """The "valid until" date as written (`last_day_before` its lapse), None if open-ended."""
        return None if self.expires_at is None else last_day_before(self.expires_at, zone)


# --- appointments ----------------------------------------------------------------

PlaceKind = Literal["office", "home_visit", "outreach", "phone", "video"]
AppointmentStatus = Literal["requested", "confirmed", "done", "no_show", "cancelled"]


class Appointment(Record):
    """A meeting with one or more contacts, in a named IANA time zone.

    `starts_at`/`ends_at` are absolute instants; `time_zone` is where the meeting
    happens, so "10:00 in Helsinki" stays 10:00 when the laptop travels.

    A repeating appointment is one record: `starts_at`/`ends_at` are its first
    meeting, `recurrence` how it repeats and ends, `exceptions` the local dates of
    meetings that do not happen (see `protocol.recurrence` for the rules).
    """

    ENTITY: ClassVar[str] = "appointment"

    contact_ids: list[uuid.UUID] = Field(min_length=1, max_length=20)
    operator_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    time_zone: str
    place_kind: PlaceKind
    location: ShortText | None = None
    status: AppointmentStatus = "requested"
    topic: ShortText | None = None
    outcome_note: LongText | None = None
    reminder_minutes_before: int | None = Field(default=None, ge=0, le=43_200)
    recurrence: Recurrence | None = None
    exceptions: list[dt.date] = Field(default_factory=list, max_length=MAX_OCCURRENCES)

    @field_validator("exceptions")
    @classmethod
    def _exceptions_unique(cls, value: list[dt.date]) -> list[dt.date]:
        return sorted(_no_duplicates(value))

    @field_validator("contact_ids")
    @classmethod
    def _contacts_unique(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        return _no_duplicates(value)

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        return _check_time_zone(value)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        _check_ends_after_start(self.starts_at, self.ends_at)
        return self

    @model_validator(mode="after")
    def _series_ends_after_start(self) -> Self:
        recurrence = self.recurrence
        if recurrence is not None and recurrence.until is not None:
            first_day = self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()
            if recurrence.until < first_day:
                raise ValueError("recurrence.until: must not be earlier than the first meeting's date")
        return self


# --- the directory of local services (Open Referral HSDS 3.x) ---------------------------


class ResourcePhone(BaseModel):
    """HSDS `phone`: a number and what it reaches."""

    model_config = ConfigDict(strict=True, extra="forbid")

    number: Phone
    kind: Literal["voice", "text", "fax", "hotline"] = "voice"
    description: ShortText | None = None

    @field_validator("number")
    @classmethod
    def _phone_digits(cls, value: str) -> str:
        return _check_phone_digits(value)  # type: ignore[return-value]


class OpeningHours(BaseModel):
    """HSDS `schedule` reduced to a weekly slot: ISO weekday 1 (Monday) to 7."""

    model_config = ConfigDict(strict=True, extra="forbid")

    weekday: int = Field(ge=1, le=7)
    opens_at: dt.time
    closes_at: dt.time

    @model_validator(mode="after")
    def _closes_after_opening(self) -> Self:
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at: must be later than opens_at")
        return self


class OpeningException(BaseModel):
    """One day that differs from the weekly hours (a holiday, a day with other hours): closed when
    it has no times, else open from `opens_at` to `closes_at`; a day open twice is two of them.
    Kept by the service and the devices; the HSDS files do not carry them (HSDS has no "closed"
    schedule), so an import leaves an entry's exceptions as they are."""

    model_config = ConfigDict(strict=True, extra="forbid")

    date: dt.date
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None

    @model_validator(mode="after")
    def _closed_or_open_range(self) -> Self:
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValueError("opens_at: give both times, or neither for a closed day")
        if self.opens_at is not None and self.closes_at is not None and self.closes_at <= self.opens_at:
            raise ValueError("closes_at: must be later than opens_at")
        return self

    @property
    def closed(self) -> bool:
        return self.opens_at is None


class ResourceLocation(BaseModel):
    """HSDS `location` with its physical `address`."""

    model_config = ConfigDict(strict=True, extra="forbid")

    name: ShortText | None = None
    address_1: ShortText | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    municipality: Name
    region: Name | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "IT"
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _both_coordinates_or_none(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude: latitude and longitude go together")
        return self


# The directory's taxonomy (labels in three languages, HSDS terms) is protocol/taxonomy.py;
# the first eleven are the categories the Lodi "Bacheca Digitale" groups its services by.
ResourceCategory = Literal[
    "housing",
    "work",
    "food",
    "care",
    "training",
    "health",
    "addiction",
    "legal",
    "family",
    "women",
    "youth",
    "mental_health",
    "income",
    "shelter",
    "harm_reduction",
    "other",
]


# HSDS 3 service statuses, spelled as HSDS spells them. Every one is kept: a temporarily closed
# service is still worth knowing about (and saying so), an inactive or defunct one is hidden by
# default but never dropped (`protocol.directory.HIDDEN_BY_DEFAULT`).
ResourceStatus = Literal["active", "inactive", "defunct", "temporarily closed"]


class Resource(Record):
    """One service offered at one location: an HSDS `service_at_location`, flattened.

    The `hsds_*` ids keep the link to the organisation's HSDS data package so an
    import/export round trip is lossless; `last_verified_on` is HSDS `assured_date`;
    `status` is the HSDS service status.
    """

    ENTITY: ClassVar[str] = "resource"

    organization_name: ShortText
    service_name: ShortText
    status: ResourceStatus = "active"
    description: LongText | None = None
    location: ResourceLocation
    categories: list[ResourceCategory] = Field(min_length=1, max_length=10)
    keywords: list[Tag] = Field(default_factory=list, max_length=30)
    phones: list[ResourcePhone] = Field(default_factory=list, max_length=10)
    email: Email | None = None
    url: Url | None = None
    opening_hours: list[OpeningHours] = Field(default_factory=list, max_length=28)
    hours_exceptions: list[OpeningException] = Field(default_factory=list, max_length=60)
    eligibility: LongText | None = None
    languages: list[LanguageTag] = Field(default_factory=list, max_length=20)
    last_verified_on: dt.date | None = None
    hsds_organization_id: ShortText | None = None
    hsds_service_id: ShortText | None = None
    hsds_location_id: ShortText | None = None

    @field_validator("categories")
    @classmethod
    def _categories_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value)


# --- case notes and referrals -----------------------------------------------------

NoteKind = Literal["observation", "phone_call", "home_visit", "outreach", "meeting", "other"]


class Note(Record):
    """An append-only case note. The author is the record's `author_operator_id`, and
    `author_name` their account name: both stamped by the service when it accepts the
    note (None before, and on an offline-only profile), so the note names its author
    even after they leave the team.

    Notes are never edited: a correction is a new note with `amends_note_id`
    pointing at the one it corrects, so the history a person was judged on stays.
    """

    ENTITY: ClassVar[str] = "note"

    contact_id: uuid.UUID
    kind: NoteKind = "observation"
    body: LongText
    occurred_at: AwareDatetime
    amends_note_id: uuid.UUID | None = None
    author_name: Name | None = None  # metadata (META_FIELDS): set by the service, never by a device


ReferralStatus = Literal["draft", "sent", "accepted", "declined", "completed", "cancelled"]


class Referral(Record):
    """A contact sent to a directory resource, on the strength of a consent.

    Only a draft (or a cancelled draft) may lack a consent: nothing about a
    person leaves the service without one.
    """

    ENTITY: ClassVar[str] = "referral"

    contact_id: uuid.UUID
    resource_id: uuid.UUID
    consent_id: uuid.UUID | None = None
    status: ReferralStatus = "draft"
    reason: LongText | None = None

    @model_validator(mode="after")
    def _consent_unless_draft(self) -> Self:
        if self.consent_id is None and self.status not in ("draft", "cancelled"):
            raise ValueError(f"consent_id: required when status is {self.status}")
        return self


# --- requests from the public help desk ------------------------------------------

IntakeKind = Literal["first_contact", "booking"]
# A reply to someone who may be reading it on a shared phone: a few paragraphs at most.
ReplyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
IntakeChannel = Literal["phone", "sms", "email", "none"]  # "none": they check back at the help desk
IntakeStatus = Literal["new", "accepted", "declined", "converted"]
SlotTaken = Literal["held", "booked"]


class IntakeFields(BaseModel):
    """What a person tells the help desk, declared once for the message and the record.

    `protocol.messages.IntakeSubmission` (what the help desk sends) and `IntakeRequest`
    (the record a worker sees) both derive from it; each keeps its own configuration
    (the record is strict) and its own `team_id` (required in the message, optional on
    the record). Never used on its own, and holds no rule beyond the field types: the
    consent and channel rules belong to the record.

    Put it FIRST among the bases: pydantic orders fields from the last base to the
    first, and the field order is what the wire, the schema and `content_fields` show.
    """

    kind: IntakeKind
    alias: Name
    contact_channel: IntakeChannel
    contact_detail: ShortText | None = None
    preferred_times: ShortText | None = None
    topic: ShortText | None = None
    language: LanguageTag
    consent_to_contact: bool
    # Whether a call or message may say it comes from the service: on a shared phone, saying so
    # can reveal treatment to the family. False unless the person said yes.
    may_say_who_from: bool = False


class IntakeRequest(IntakeFields, Record):
    """A first-contact or booking request from the organisation's online help desk.

    It holds the minimum a worker needs to reply: an alias, how (and whether) to
    reach the person, when, about what, in which language.
    """

    ENTITY: ClassVar[str] = "intake_request"

    received_at: AwareDatetime
    team_id: uuid.UUID | None = None
    status: IntakeStatus = "new"
    contact_id: uuid.UUID | None = None
    # The short code the help desk showed the person, so they can quote it on the phone.
    reference: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{6}$")] | None = None
    # Why a worker turned the request down, for whoever looks at the queue next (never shown
    # to the person: `reply` is what they read).
    decline_reason: ShortText | None = None
    # The bookable slot a booking request holds (set by the service when it takes the hold;
    # the hold's state is this request's status, see `slot_taken_by`).
    slot_id: uuid.UUID | None = None
    # The team's message to the person, shown on the help desk's status page with the
    # reference and the check words (the only way back to someone who left no contact).
    reply: ReplyText | None = None

    @model_validator(mode="after")
    def _slot_only_for_booking(self) -> Self:
        if self.slot_id is not None and self.kind != "booking":
            raise ValueError("slot_id: only a booking request holds a slot")
        return self

    @model_validator(mode="after")
    def _decline_reason_only_when_declined(self) -> Self:
        if self.decline_reason is not None and self.status != "declined":
            raise ValueError("decline_reason: only set when status is declined")
        return self

    @model_validator(mode="after")
    def _reachable_only_with_consent(self) -> Self:
        if self.status == "converted" and self.contact_id is None:
            raise ValueError("contact_id: required when status is converted")
        if self.contact_channel == "none":
            if self.contact_detail is not None:
                raise ValueError("contact_detail: must be empty when contact_channel is none")
            return self
        if not self.consent_to_contact:
            raise ValueError("consent_to_contact: required to be reached by " + self.contact_channel)
        if self.contact_detail is None:
            raise ValueError(f"contact_detail: required when contact_channel is {self.contact_channel}")
        if self.contact_channel == "email" and not re.fullmatch(EMAIL_PATTERN, self.contact_detail):
            raise ValueError("contact_detail: must be an email address")
        if self.contact_channel in ("phone", "sms"):
            try:
                _check_phone_digits(self.contact_detail)
            except ValueError as exc:
                raise ValueError(f"contact_detail: {exc}") from None
        return self


# Statuses of a booking request that keep its slot: a new request holds it, an accepted (or
# converted) one has it booked; a declined or deleted request gives it back.
HOLDING_STATUSES: frozenset[str] = frozenset({"new", "accepted", "converted"})


def slot_taken_by(request: IntakeRequest) -> SlotTaken | None:
    """What a booking request makes of the slot it names: "held" until the team answers,
    "booked" once it accepted, None (free again) once declined or deleted.

    The one rule for a slot's hold, read by the help desk (central.help_desk) and by the
    desktop's calendar alike: the hold is the request's status, never a second field
    that could disagree with it.
    """
    if request.slot_id is None or request.deleted or request.status not in HOLDING_STATUSES:
        return None
    return "held" if request.status == "new" else "booked"


# --- slots the help desk offers for booking -------------------------------------------

SlotMode = Literal["in_person", "phone", "video"]
SlotState = Literal["open", "withdrawn"]
MAX_SLOT_LENGTH = dt.timedelta(hours=12)


class BookableSlot(Record):
    """A time a team offers at the public help desk for a first meeting (colloquio).

    Made and removed by operators on their devices; the help desk lists the open ones to
    the public by day, without names. `state` is the operators' choice (open, or withdrawn:
    no longer offered, kept because a request may name it). Whether it is held or booked
    is not stored here: it is the status of the booking request that names it
    (`IntakeRequest.slot_id`, `slot_taken_by`). `place` is how or where the meeting
    happens (an address, "we call you", a video link's instructions): shown to the person
    only once the team has confirmed.
    """

    ENTITY: ClassVar[str] = "bookable_slot"

    team_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    time_zone: str
    mode: SlotMode
    place: ShortText | None = None
    state: SlotState = "open"

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        return _check_time_zone(value)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        _check_ends_after_start(self.starts_at, self.ends_at)
        if self.ends_at - self.starts_at > MAX_SLOT_LENGTH:
            raise ValueError("ends_at: a slot lasts at most 12 hours")
        return self


# --- street outreach (issue 18): shifts, encounters, supplies and stock -------------------

ShiftKind = Literal["street", "mobile_unit", "drop_in", "event"]
# How many, at most: a quantity on a form or a movement (a pallet of 100,000 syringes is real).
MAX_QUANTITY = 1_000_000


class Shift(Record):
    """A team's outreach shift: who went, where (gazetteer municipalities or a free route
    name), what kind, when. `ended_at` is None while it runs. Only its members edit it
    (the service refuses anyone else, docs/ARCHITECTURE.md "Street outreach")."""

    ENTITY: ClassVar[str] = "shift"

    team_id: uuid.UUID
    member_ids: list[uuid.UUID] = Field(min_length=1, max_length=12)
    municipalities: list[Name] = Field(default_factory=list, max_length=30)
    route_name: ShortText | None = None
    kind: ShiftKind = "street"
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    notes: LongText | None = None

    @field_validator("member_ids", "municipalities")
    @classmethod
    def _unique(cls, value: list[Any]) -> list[Any]:
        return _no_duplicates(value)

    @model_validator(mode="after")
    def _has_area_and_order(self) -> Self:
        if not self.municipalities and self.route_name is None:
            raise ValueError("municipalities: a shift needs an area: municipalities or a route name")
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at: must not be earlier than started_at")
        return self


class Spot(Record):
    """A place a team names for its outreach ("Stazione FS Lodi"), with the coordinates of the
    place, not of anyone met there. Encounters name a spot or a municipality: a place at that
    level, never a GPS trace (issue 18, part 6). `municipality`: the one it lies in, for people
    to read and for counts by municipality."""

    ENTITY: ClassVar[str] = "spot"

    team_id: uuid.UUID
    name: Name
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    municipality: Name | None = None


Gender = Literal["not_asked", "woman", "man", "other"]
AgeBand = Literal["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]
AGE_BANDS: tuple[str, ...] = AgeBand.__args__  # type: ignore[attr-defined]
Quantity = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]


class Given(BaseModel):
    """One supply item handed out in an encounter, and how many (whole, never negative)."""

    model_config = ConfigDict(strict=True, extra="forbid")

    item_id: uuid.UUID
    quantity: Quantity


class Encounter(Record):
    """One meeting on a shift, with one person or a group (`people` counts them).

    Nothing here identifies anyone: at most an anonymous client code (protocol.client_codes); an
    alias contact's id is refused until erasure clears it. What was given out is the encounter's
    own list: the team's stock is derived from these lists and the ledger's movements (`protocol.outreach`),
    never kept as a number that could disagree with them.
    """

    ENTITY: ClassVar[str] = "encounter"

    team_id: uuid.UUID
    shift_id: uuid.UUID
    at: AwareDatetime
    people: int = Field(default=1, ge=1, le=1_000)
    gender: Gender = "not_asked"
    age_band: AgeBand | None = None
    new_person: bool | None = None  # None: not asked or not known
    topics: list[Tag] = Field(default_factory=list, max_length=20)
    referral_resource_id: uuid.UUID | None = None
    note: ShortText | None = None
    client_code: str | None = None
    contact_id: uuid.UUID | None = None
    given: list[Given] = Field(default_factory=list, max_length=100)
    sharps_returned: Quantity = 0
    # Where: a municipality (by name) or one of the team's spots, never both and never finer.
    # Neither: the shift's area (protocol.outreach.place_of reads it).
    municipality: Name | None = None
    spot_id: uuid.UUID | None = None

    @field_validator("topics")
    @classmethod
    def _topics_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value)

    @field_validator("contact_id")
    @classmethod
    def _no_contact_yet(cls, value: uuid.UUID | None) -> uuid.UUID | None:
        # Erasing a contact does not yet clear the encounters that name it (protocol.relations:
        # a plain reference, neither owner nor cleared), so a link would outlive the person's
        # erasure. Refused on both sides until it does (issue 18, part 4).
        if value is not None:
            raise ValueError("linking an encounter to a contact is not available yet; use the anonymous code")
        return value

    @field_validator("client_code")
    @classmethod
    def _code_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return parse_code(value)
        except CodeError as exc:
            raise ValueError(exc.rule) from None

    @field_validator("given")
    @classmethod
    def _one_line_per_item(cls, value: list[Given]) -> list[Given]:
        if len({line.item_id for line in value}) != len(value):
            raise ValueError("must name each supply item once")
        return value

    @model_validator(mode="after")
    def _one_place(self) -> Self:
        if self.municipality is not None and self.spot_id is not None:
            raise ValueError("spot_id: give a spot or a municipality, not both")
        return self


SupplyKind = Literal["harm_reduction", "hygiene", "food", "information"]


class SupplyItem(Record):
    """Something the organisation hands out (syringes, naloxone kits, leaflets, blankets).

    Organisation-level, like the directory: team leads and administrators define them.
    `low_stock_at`: a team's stock at or below it is low. `grams_per_unit`: for an item whose
    used units come back weighed (sharps in a bin), how many grams one unit weighs.
    """

    ENTITY: ClassVar[str] = "supply_item"

    name_it: Name
    name_en: Name
    name_fi: Name
    unit: Name
    kind: SupplyKind
    low_stock_at: Quantity | None = None
    grams_per_unit: float | None = Field(default=None, gt=0, le=10_000)


# What a movement does to the team's stock of its item (+1 in, -1 out, 0 not stock at all:
# used sharps come back as waste, never as units to hand out again).
MOVEMENT_SIGN: dict[str, int] = {
    "received": 1,
    "moved_in": 1,
    "corrected_up": 1,
    "moved_out": -1,
    "expired": -1,
    "discarded": -1,
    "corrected_down": -1,
    "sharps_returned": 0,
}
MovementKind = Literal[
    "received", "moved_in", "corrected_up", "moved_out", "expired", "discarded", "corrected_down", "sharps_returned"
]


class StockMovement(Record):
    """One entry of a team's stock ledger. Append-only: a mistake is corrected by another
    movement (`corrected_up` / `corrected_down`), never by editing or deleting this one.

    A move between teams is two entries, one in each team's ledger (each team writes its
    own: a device writes only its teams' records); `other_team_id` names the other side for
    people to read. Returned sharps are counted (`quantity`) or weighed (`weight_grams`,
    turned into a count by the item's `grams_per_unit`).
    """

    ENTITY: ClassVar[str] = "stock_movement"

    team_id: uuid.UUID
    item_id: uuid.UUID
    kind: MovementKind
    quantity: Quantity | None = None
    weight_grams: float | None = Field(default=None, gt=0, le=1_000_000)
    other_team_id: uuid.UUID | None = None
    at: AwareDatetime
    note: ShortText | None = None

    @model_validator(mode="after")
    def _amount_fits_kind(self) -> Self:
        if self.weight_grams is not None and self.kind != "sharps_returned":
            raise ValueError("weight_grams: only returned sharps are weighed")
        if self.weight_grams is not None and self.quantity is not None:
            raise ValueError("quantity: give a count or a weight, not both")
        if self.weight_grams is None and self.quantity is None:
            raise ValueError("quantity: required")
        if self.other_team_id is not None and self.kind not in ("moved_in", "moved_out"):
            raise ValueError("other_team_id: only a move names another team")
        if self.other_team_id == self.team_id:
            raise ValueError("other_team_id: a move goes to another team")
        return self


# Entities whose records are never updated or deleted once written (both sides refuse it).
APPEND_ONLY: dict[str, str] = {
    "note": "case notes are append-only; add a note with amends_note_id",
    "stock_movement": "the stock ledger is append-only; add a correcting movement",
}

ENTITY_TYPES: dict[str, type[Record]] = {
    model.ENTITY: model
    for model in (
        Contact,
        Relationship,
        Consent,
        Appointment,
        Resource,
        Note,
        Referral,
        IntakeRequest,
        BookableSlot,
        Shift,
        Spot,
        Encounter,
        SupplyItem,
        StockMovement,
    )
}
