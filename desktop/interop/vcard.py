"""Directory services as vCard 4.0 (RFC 6350) contact cards, one card per service, written by hand.

Owns: the card of a `protocol.Resource`, and a .vcf of several cards. A service is
an organisation's contact point, so the card is KIND:org:
- FN = the service's name, ORG = the organisation; UID = urn:uuid:<record id>, so an
  address book that imports the card twice updates it instead of adding a copy;
  REV = the record's last change (UTC).
- TEL;VALUE=uri;TYPE=voice|text|fax with a `tel:` URI (RFC 6350 §6.4.1, RFC 3966). A
  number with a leading + or 00 is global already; one written nationally becomes
  global in the numbering plan of the service's country (`protocol.phones.tel_uri`:
  Italy keeps the leading 0, Finland drops it); one the plan does not recognise stays
  as written, VALUE=text, rather than be guessed. A hotline is TYPE=voice (vCard has
  no hotline); what a number reaches goes in the NOTE.
- EMAIL, URL; ADR = ;<place name>;<street>;<municipality>;<region>;<postal code>;<country>
  with the ISO country code, also as the CC parameter (RFC 8605); GEO = geo:<lat>,<lon>.
- NOTE: the description, then the opening hours in plain text, then what each number
  reaches; CATEGORIES: the category labels (in the caller's language); LANG: the
  languages spoken, in the record's order as preferences.
Text values escape backslash, comma, semicolon and newline (§3.4); URI values are
not escaped. Lines end in CRLF and are folded at 75 octets without splitting a
UTF-8 sequence (§3.2).

Must never read or write a file, nor import Qt or the store: the caller writes the bytes.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from protocol import Resource, phones
from protocol.entities import ResourcePhone
from protocol.taxonomy import category_label

PRODID = "-//Prossimo//Prossimo directory//EN"
LINE_OCTETS = 75
CRLF = "\r\n"
PHONE_TYPES = {"voice": "voice", "text": "text", "fax": "fax", "hotline": "voice"}


@dataclass(frozen=True)
class CardTexts:
    """The words a card shows; English unless the caller translates them."""

    opening_hours: str = "Opening hours:"
    weekdays: Mapping[int, str] = field(
        default_factory=lambda: {
            1: "Monday",
            2: "Tuesday",
            3: "Wednesday",
            4: "Thursday",
            5: "Friday",
            6: "Saturday",
            7: "Sunday",
        }
    )
    day_line: str = "{weekday}: {spans}"
    span: str = "{opens}–{closes}"
    phone_line: str = "{number}: {description}"
    category: Callable[[str], str] = field(default=lambda code: category_label(code, "en"))


def escape_text(value: str) -> str:
    """A TEXT value as RFC 6350 §3.4 writes it."""
    value = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets (continuations start with a
    space, which counts), never inside a UTF-8 sequence; joined with CRLF, no final CRLF."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


tel_uri = phones.tel_uri  # the global `tel:` URI of a number, or None when it would be a guess


def _line(name: str, value: str, params: str = "") -> str:
    return fold(f"{name}{params}:{value}")


def _hours(resource: Resource, texts: CardTexts) -> list[str]:
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for slot in resource.opening_hours:
        by_day.setdefault(slot.weekday, []).append((slot.opens_at, slot.closes_at))
    lines = []
    for day in sorted(by_day):
        spans = ", ".join(
            texts.span.format(opens=a.strftime("%H:%M"), closes=b.strftime("%H:%M")) for a, b in sorted(by_day[day])
        )
        lines.append(texts.day_line.format(weekday=texts.weekdays.get(day, str(day)), spans=spans))
    return lines


def _phone(phone: ResourcePhone, country: str) -> str:
    kind = PHONE_TYPES.get(phone.kind, "voice")
    uri = tel_uri(phone.number, country)
    if uri is None:
        return _line("TEL", escape_text(phone.number), f";VALUE=text;TYPE={kind}")
    return _line("TEL", uri, f";VALUE=uri;TYPE={kind}")


def resource_card(resource: Resource, texts: CardTexts | None = None) -> str:
    """One BEGIN:VCARD ... END:VCARD block, each line ending in CRLF."""
    texts = texts or CardTexts()
    location = resource.location
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        _line("PRODID", escape_text(PRODID)),
        "KIND:org",
        _line("UID", f"urn:uuid:{resource.id}"),
        _line("FN", escape_text(resource.service_name)),
        _line("ORG", escape_text(resource.organization_name)),
    ]
    lines.extend(_phone(phone, location.country) for phone in resource.phones)
    if resource.email:
        lines.append(_line("EMAIL", escape_text(resource.email)))
    if resource.url:
        lines.append(_line("URL", resource.url))
    address = [
        location.name,
        location.address_1,
        location.municipality,
        location.region,
        location.postal_code,
        location.country,
    ]
    lines.append(_line("ADR", ";" + ";".join(escape_text(part or "") for part in address), f";CC={location.country}"))
    if location.latitude is not None and location.longitude is not None:
        lines.append(_line("GEO", f"geo:{location.latitude:.6f},{location.longitude:.6f}"))
    note: list[str] = []
    if resource.description:
        note.append(resource.description)
    hours = _hours(resource, texts)
    if hours:
        note.append("\n".join([texts.opening_hours, *hours]))
    described = [
        texts.phone_line.format(number=p.number, description=p.description) for p in resource.phones if p.description
    ]
    if described:
        note.append("\n".join(described))
    if note:
        lines.append(_line("NOTE", escape_text("\n\n".join(note))))
    if resource.categories:
        lines.append(_line("CATEGORIES", ",".join(escape_text(texts.category(c)) for c in resource.categories)))
    lines.extend(_line("LANG", tag, f";PREF={rank}") for rank, tag in enumerate(resource.languages, start=1))
    lines.append("REV:" + resource.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return CRLF.join(lines) + CRLF


def resources_vcf(resources: Iterable[Resource], texts: CardTexts | None = None) -> bytes:
    """A .vcf file: the cards one after another, UTF-8."""
    return "".join(resource_card(resource, texts) for resource in resources).encode("utf-8")
