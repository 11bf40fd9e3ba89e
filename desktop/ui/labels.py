"""The words a person reads for the schema's enumerations, in their language.

Owns: `label(kind, value)`, e.g. label("appointment_status", "no_show") ->
"Did not come" / "Non si è presentato" / "Ei saapunut". Every value of every
`Literal` in `protocol.entities` that a screen shows has an entry here, and a
test checks that none is missing.

Resource categories are the exception: their labels live in `protocol.taxonomy`
(the central service writes them into HSDS exports, and handouts need them in the
client's language), so they are looked up there in the UI's current language.

Must never translate at import time (the language can change while the app
runs): the tables hold English source texts, translated on each call.
"""

from PySide6.QtCore import QCoreApplication

from desktop.ui import i18n
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from protocol import taxonomy

# Source texts only (QT_TRANSLATE_NOOP marks them for lupdate and returns them as they
# are); `labels()` translates at call time, so a language switch takes effect.
_TABLES: dict[str, dict[str, str]] = {
    "contact_kind": {
        "person": QT_TRANSLATE_NOOP("Labels", "Person"),
        "pseudonymous": QT_TRANSLATE_NOOP("Labels", "Pseudonymous (alias only)"),
    },
    "relationship_kind": {
        "family_member": QT_TRANSLATE_NOOP("Labels", "Family member"),
        "parent": QT_TRANSLATE_NOOP("Labels", "Parent"),
        "child": QT_TRANSLATE_NOOP("Labels", "Child"),
        "sibling": QT_TRANSLATE_NOOP("Labels", "Sibling"),
        "partner": QT_TRANSLATE_NOOP("Labels", "Partner"),
        "caregiver": QT_TRANSLATE_NOOP("Labels", "Caregiver"),
        "guardian": QT_TRANSLATE_NOOP("Labels", "Guardian"),
        "friend": QT_TRANSLATE_NOOP("Labels", "Friend"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    "consent_purpose": {
        "case_management": QT_TRANSLATE_NOOP("Labels", "Case management"),
        "referral": QT_TRANSLATE_NOOP("Labels", "Referral to services"),
        "information_sharing": QT_TRANSLATE_NOOP("Labels", "Information sharing"),
        "contact": QT_TRANSLATE_NOOP("Labels", "Being contacted"),
        "research": QT_TRANSLATE_NOOP("Labels", "Research"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    "consent_method": {
        "verbal": QT_TRANSLATE_NOOP("Labels", "Verbal"),
        "written": QT_TRANSLATE_NOOP("Labels", "Written"),
        "digital": QT_TRANSLATE_NOOP("Labels", "Digital"),
    },
    "place_kind": {
        "office": QT_TRANSLATE_NOOP("Labels", "Office"),
        "home_visit": QT_TRANSLATE_NOOP("Labels", "Home visit"),
        "outreach": QT_TRANSLATE_NOOP("Labels", "Street outreach"),
        "phone": QT_TRANSLATE_NOOP("Labels", "Phone call"),
        "video": QT_TRANSLATE_NOOP("Labels", "Video call"),
    },
    "appointment_status": {
        "requested": QT_TRANSLATE_NOOP("Labels", "Requested"),
        "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
        "done": QT_TRANSLATE_NOOP("Labels", "Done"),
        "no_show": QT_TRANSLATE_NOOP("Labels", "Did not come"),
        "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    },
    "phone_kind": {
        "voice": QT_TRANSLATE_NOOP("Labels", "Voice"),
        "text": QT_TRANSLATE_NOOP("Labels", "Text messages"),
        "fax": QT_TRANSLATE_NOOP("Labels", "Fax"),
        "hotline": QT_TRANSLATE_NOOP("Labels", "Hotline"),
    },
    "note_kind": {
        "observation": QT_TRANSLATE_NOOP("Labels", "Observation"),
        "phone_call": QT_TRANSLATE_NOOP("Labels", "Phone call"),
        "home_visit": QT_TRANSLATE_NOOP("Labels", "Home visit"),
        "outreach": QT_TRANSLATE_NOOP("Labels", "Street outreach"),
        "meeting": QT_TRANSLATE_NOOP("Labels", "Meeting"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    "referral_status": {
        "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
        "sent": QT_TRANSLATE_NOOP("Labels", "Sent"),
        "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
        "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
        "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
        "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    },
    "resource_status": {  # HSDS service statuses; "temporarily closed" is also the badge text
        "active": QT_TRANSLATE_NOOP("Labels", "Active"),
        "inactive": QT_TRANSLATE_NOOP("Labels", "Inactive"),
        "defunct": QT_TRANSLATE_NOOP("Labels", "Closed for good"),
        "temporarily closed": QT_TRANSLATE_NOOP("Labels", "Temporarily closed"),
    },
    "intake_kind": {
        "first_contact": QT_TRANSLATE_NOOP("Labels", "First contact"),
        "booking": QT_TRANSLATE_NOOP("Labels", "Appointment request"),
    },
    "intake_channel": {
        "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
        "sms": QT_TRANSLATE_NOOP("Labels", "Text message (SMS)"),
        "email": QT_TRANSLATE_NOOP("Labels", "Email"),
        "none": QT_TRANSLATE_NOOP("Labels", "Do not contact"),
    },
    "intake_status": {
        "new": QT_TRANSLATE_NOOP("Labels", "New"),
        "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
        "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
        "converted": QT_TRANSLATE_NOOP("Labels", "Became a contact"),
    },
    "slot_mode": {
        "in_person": QT_TRANSLATE_NOOP("Labels", "In person"),
        "phone": QT_TRANSLATE_NOOP("Labels", "By phone"),
        "video": QT_TRANSLATE_NOOP("Labels", "By video"),
    },
    "slot_hold": {  # what holds a help-desk slot: its state, or the request naming it
        "open": QT_TRANSLATE_NOOP("Labels", "Open for booking"),
        "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
        "held": QT_TRANSLATE_NOOP("Labels", "Held by a request, waiting for your answer"),
        "booked": QT_TRANSLATE_NOOP("Labels", "Booked"),
    },
    "shift_kind": {
        "street": QT_TRANSLATE_NOOP("Labels", "On foot in the street"),
        "mobile_unit": QT_TRANSLATE_NOOP("Labels", "Mobile unit"),
        "drop_in": QT_TRANSLATE_NOOP("Labels", "Drop-in"),
        "event": QT_TRANSLATE_NOOP("Labels", "Event"),
    },
    "gender": {
        "not_asked": QT_TRANSLATE_NOOP("Labels", "Not asked"),
        "woman": QT_TRANSLATE_NOOP("Labels", "Woman"),
        "man": QT_TRANSLATE_NOOP("Labels", "Man"),
        "other": QT_TRANSLATE_NOOP("Labels", "Another gender"),
    },
    "age_band": {
        "under_18": QT_TRANSLATE_NOOP("Labels", "Under 18"),
        "18_24": QT_TRANSLATE_NOOP("Labels", "18-24"),
        "25_34": QT_TRANSLATE_NOOP("Labels", "25-34"),
        "35_44": QT_TRANSLATE_NOOP("Labels", "35-44"),
        "45_54": QT_TRANSLATE_NOOP("Labels", "45-54"),
        "55_64": QT_TRANSLATE_NOOP("Labels", "55-64"),
        "65_plus": QT_TRANSLATE_NOOP("Labels", "65 or over"),
    },
    "supply_kind": {
        "harm_reduction": QT_TRANSLATE_NOOP("Labels", "Harm reduction"),
        "hygiene": QT_TRANSLATE_NOOP("Labels", "Hygiene"),
        "food": QT_TRANSLATE_NOOP("Labels", "Food"),
        "information": QT_TRANSLATE_NOOP("Labels", "Information"),
    },
    "movement_kind": {
        "received": QT_TRANSLATE_NOOP("Labels", "Received"),
        "moved_in": QT_TRANSLATE_NOOP("Labels", "Moved in from another team"),
        "corrected_up": QT_TRANSLATE_NOOP("Labels", "Correction (more)"),
        "moved_out": QT_TRANSLATE_NOOP("Labels", "Moved to another team"),
        "expired": QT_TRANSLATE_NOOP("Labels", "Expired"),
        "discarded": QT_TRANSLATE_NOOP("Labels", "Discarded"),
        "corrected_down": QT_TRANSLATE_NOOP("Labels", "Correction (less)"),
        "sharps_returned": QT_TRANSLATE_NOOP("Labels", "Used sharps returned"),
    },
    "weekday": {
        "1": QT_TRANSLATE_NOOP("Labels", "Monday"),
        "2": QT_TRANSLATE_NOOP("Labels", "Tuesday"),
        "3": QT_TRANSLATE_NOOP("Labels", "Wednesday"),
        "4": QT_TRANSLATE_NOOP("Labels", "Thursday"),
        "5": QT_TRANSLATE_NOOP("Labels", "Friday"),
        "6": QT_TRANSLATE_NOOP("Labels", "Saturday"),
        "7": QT_TRANSLATE_NOOP("Labels", "Sunday"),
    },
}


def labels(kind: str) -> dict[str, str]:
    """value -> label for one enumeration, in schema order, in the current language."""
    if kind == "resource_category":
        language = i18n.current_language()
        return {code: category.label(language) for code, category in taxonomy.CATEGORIES.items()}
    return {value: QCoreApplication.translate("Labels", text) for value, text in _TABLES[kind].items()}


def label(kind: str, value: object) -> str:
    """The label of one value; an unknown value (a newer service) is shown as it is."""
    return labels(kind).get(str(value), str(value))
