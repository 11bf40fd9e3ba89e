"""The words a person reads for the schema's enumerations, in their language.

Owns: `label(kind, value)`, e.g. label("appointment_status", "no_show") ->
"Did not come" / "Non si è presentato" / "Ei saapunut". Every value of every
`Literal` in `protocol.entities` that a screen shows has an entry here, and a
test checks that none is missing.

Must never translate at import time (the language can change while the app
runs): the tables are built on each call, through Qt's translator.
"""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def _tables() -> dict[str, Callable[[], dict[str, str]]]:
    return {
        "contact_kind": lambda: {"person": _t("Person"), "pseudonymous": _t("Pseudonymous (alias only)")},
        "relationship_kind": lambda: {
            "family_member": _t("Family member"), "parent": _t("Parent"), "child": _t("Child"),
            "sibling": _t("Sibling"), "partner": _t("Partner"), "caregiver": _t("Caregiver"),
            "guardian": _t("Guardian"), "friend": _t("Friend"), "other": _t("Other"),
        },
        "consent_purpose": lambda: {
            "case_management": _t("Case management"), "referral": _t("Referral to services"),
            "information_sharing": _t("Information sharing"), "contact": _t("Being contacted"),
            "research": _t("Research"), "other": _t("Other"),
        },
        "consent_method": lambda: {"verbal": _t("Verbal"), "written": _t("Written"), "digital": _t("Digital")},
        "place_kind": lambda: {
            "office": _t("Office"), "home_visit": _t("Home visit"), "outreach": _t("Street outreach"),
            "phone": _t("Phone call"), "video": _t("Video call"),
        },
        "appointment_status": lambda: {
            "requested": _t("Requested"), "confirmed": _t("Confirmed"), "done": _t("Done"),
            "no_show": _t("Did not come"), "cancelled": _t("Cancelled"),
        },
        "phone_kind": lambda: {"voice": _t("Voice"), "text": _t("Text messages"), "fax": _t("Fax"),
                               "hotline": _t("Hotline")},
        "resource_category": lambda: {
            "housing": _t("Housing"), "work": _t("Work"), "food": _t("Food"), "health": _t("Health"),
            "addiction": _t("Addiction"), "mental_health": _t("Mental health"), "legal": _t("Legal advice"),
            "training": _t("Training"), "family": _t("Family"), "income": _t("Income support"),
            "shelter": _t("Shelter"), "harm_reduction": _t("Harm reduction"), "other": _t("Other"),
        },
        "note_kind": lambda: {
            "observation": _t("Observation"), "phone_call": _t("Phone call"), "home_visit": _t("Home visit"),
            "outreach": _t("Street outreach"), "meeting": _t("Meeting"), "other": _t("Other"),
        },
        "referral_status": lambda: {
            "draft": _t("Draft"), "sent": _t("Sent"), "accepted": _t("Accepted"), "declined": _t("Declined"),
            "completed": _t("Completed"), "cancelled": _t("Cancelled"),
        },
        "intake_kind": lambda: {"first_contact": _t("First contact"), "booking": _t("Appointment request")},
        "intake_channel": lambda: {"phone": _t("Phone"), "email": _t("Email"), "none": _t("Do not contact")},
        "intake_status": lambda: {"new": _t("New"), "accepted": _t("Accepted"), "declined": _t("Declined"),
                                  "converted": _t("Became a contact")},
        "weekday": lambda: {
            "1": _t("Monday"), "2": _t("Tuesday"), "3": _t("Wednesday"), "4": _t("Thursday"),
            "5": _t("Friday"), "6": _t("Saturday"), "7": _t("Sunday"),
        },
    }


def labels(kind: str) -> dict[str, str]:
    """value -> label for one enumeration, in schema order."""
    return _tables()[kind]()


def label(kind: str, value: object) -> str:
    """The label of one value; an unknown value (a newer service) is shown as it is."""
    return labels(kind).get(str(value), str(value))
