"""vCard 4.0 cards of directory services, read back by a small RFC 6350 reader written here:
escaping, folding at 75 octets without splitting UTF-8, CRLF, tel: URIs, several cards per file."""

import datetime as dt
import re

import pytest

from desktop.interop.vcard import CardTexts, escape_text, fold, resource_card, resources_vcf, tel_uri
from desktop.store.worker import StoreWorker
from protocol.taxonomy import category_label

# --- a reader for the test: unfold, split NAME;PARAMS:VALUE, unescape ------------------------------------


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split on `separator` where it is not escaped, then unescape each part."""
    return [unescape(part) for part in re.split(r"(?<!\\)" + re.escape(separator), value)]


def read_cards(data: bytes) -> list[list[tuple[str, dict[str, str], str]]]:
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    cards: list[list[tuple[str, dict[str, str], str]]] = []
    for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n"):
        if not line:
            continue
        head, value = line.split(":", 1)  # no parameter value of ours contains ':'
        name, *params = head.split(";")
        parsed = dict(param.split("=", 1) for param in params)
        if name == "BEGIN":
            cards.append([])
        cards[-1].append((name, parsed, value))
    return cards


def values(card: list, name: str) -> list[str]:
    return [value for prop, _params, value in card if prop == name]


# --- the cards ---------------------------------------------------------------------------------------------------

LONG_DESCRIPTION = (
    "Mensa serale per chi è in difficoltà; pasti caldi, docce, cambio d'abito, "
    "e un po' di ascolto.\nPortare un documento, se c'è. Back\\slash 🍲 perché sì " * 3
).strip()


@pytest.fixture()
def services(store: StoreWorker) -> list:
    return store.call(
        lambda s: s.resources.create_many(
            [
                {
                    "organization_name": "Caritas Lodigiana; Onlus",
                    "service_name": "Mensa della sera, Lodi",
                    "description": LONG_DESCRIPTION,
                    "categories": ["food", "shelter"],
                    "location": {
                        "name": "Casa San Giuseppe",
                        "address_1": "Via Cavour 31",
                        "postal_code": "26900",
                        "municipality": "Lodi",
                        "region": "Lombardia",
                        "latitude": 45.3141,
                        "longitude": 9.5031,
                    },
                    "phones": [
                        {"number": "0371 409 111", "kind": "voice", "description": "Segreteria, mattina"},
                        {"number": "+39 333 123 4567", "kind": "text"},
                        {"number": "0371.409112", "kind": "fax"},
                        {"number": "800 123 456", "kind": "hotline"},
                    ],
                    "email": "mensa@example.org",
                    "url": "https://example.org/mensa?x=1,2",
                    "opening_hours": [
                        {"weekday": 1, "opens_at": dt.time(18, 30), "closes_at": dt.time(20, 0)},
                        {"weekday": 1, "opens_at": dt.time(12, 0), "closes_at": dt.time(13, 30)},
                        {"weekday": 5, "opens_at": dt.time(18, 30), "closes_at": dt.time(20, 0)},
                    ],
                    "languages": ["it", "en", "ar"],
                },
                {
                    "organization_name": "Helsingin kaupunki",
                    "service_name": "Nuorten neuvonta",
                    "categories": ["youth"],
                    "location": {"municipality": "Helsinki", "country": "FI"},
                    "phones": [{"number": "040 1234567"}],
                },
            ]
        )
    )


def test_a_card_has_every_field_escaped_and_readable(services: list) -> None:
    mensa = services[0]
    data = resource_card(mensa).encode("utf-8")
    (card,) = read_cards(data)
    assert [prop for prop, _p, _v in card][:2] == ["BEGIN", "VERSION"] and values(card, "VERSION") == ["4.0"]
    assert card[-1] == ("END", {}, "VCARD")
    assert values(card, "KIND") == ["org"] and values(card, "UID") == [f"urn:uuid:{mensa.id}"]
    assert [unescape(v) for v in values(card, "FN")] == ["Mensa della sera, Lodi"]
    assert values(card, "FN") == ["Mensa della sera\\, Lodi"]
    assert split_unescaped(values(card, "ORG")[0], ";") == ["Caritas Lodigiana; Onlus"]

    phones = [(params["TYPE"], params["VALUE"], value) for prop, params, value in card if prop == "TEL"]
    assert phones == [
        ("voice", "uri", "tel:+390371409111"),
        ("text", "uri", "tel:+393331234567"),
        ("fax", "uri", "tel:+390371409112"),
        ("voice", "uri", "tel:+39800123456"),
    ]
    assert values(card, "EMAIL") == ["mensa@example.org"]
    assert values(card, "URL") == ["https://example.org/mensa?x=1,2"]  # a URI is not escaped
    (adr,) = [(params, value) for prop, params, value in card if prop == "ADR"]
    assert adr[0] == {"CC": "IT"}
    assert split_unescaped(adr[1], ";") == [
        "",
        "Casa San Giuseppe",
        "Via Cavour 31",
        "Lodi",
        "Lombardia",
        "26900",
        "IT",
    ]
    assert values(card, "GEO") == ["geo:45.314100,9.503100"]

    note = unescape(values(card, "NOTE")[0])
    assert note.startswith(LONG_DESCRIPTION)
    assert "Opening hours:\nMonday: 12:00–13:30, 18:30–20:00\nFriday: 18:30–20:00" in note
    assert note.endswith("0371 409 111: Segreteria, mattina")
    assert split_unescaped(values(card, "CATEGORIES")[0], ",") == ["Food", "Shelter"]
    assert [(params["PREF"], value) for prop, params, value in card if prop == "LANG"] == [
        ("1", "it"),
        ("2", "en"),
        ("3", "ar"),
    ]
    assert values(card, "REV") == [mensa.updated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")]


def test_lines_are_folded_at_75_octets_without_splitting_utf8(services: list) -> None:
    data = resource_card(services[0]).encode("utf-8")
    physical = data.split(b"\r\n")
    assert physical[-1] == b""  # the file ends with CRLF
    assert max(len(line) for line in physical) == 75  # the long NOTE was folded right at the limit
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a multi-byte character was cut in two
    continuations = [line for line in physical if line.startswith(b" ")]
    assert len(continuations) > 5


@pytest.mark.parametrize("text", ["è" * 200, "🍲a" * 60, "a" * 74, "a" * 75, "a" * 76, "x" + "€" * 40])
def test_fold_keeps_characters_whole_and_unfolds_to_the_original(text: str) -> None:
    folded = fold("NOTE:" + text)
    for line in folded.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert re.sub(r"\r\n ", "", folded) == "NOTE:" + text


def test_escaping_of_text_values() -> None:
    assert escape_text("a\\b, c; d\ne\r\nf") == "a\\\\b\\, c\\; d\\ne\\nf"
    assert unescape(escape_text("a\\b, c; d\ne")) == "a\\b, c; d\ne"


def test_numbers_become_global_tel_uris_only_when_that_is_certain() -> None:
    assert tel_uri("0371 409 111", "IT") == "tel:+390371409111"  # Italy keeps the leading 0
    assert tel_uri("040 1234567", "FI") == "tel:+358401234567"  # Finland drops it
    assert tel_uri("0049 30 1234567", "IT") == "tel:+49301234567"
    assert tel_uri("+33 1 23 45 67 89", "DE") == "tel:+33123456789"
    assert tel_uri("030 1234567", "DE") == "tel:+49301234567"  # every country's plan (protocol.phones)
    assert tel_uri("12 34", "DE") is None  # not a number of that plan: left as text, never guessed


def test_several_services_make_one_file_of_cards_in_the_callers_language(services: list) -> None:
    texts = CardTexts(
        opening_hours="Orari:", weekdays={1: "lunedì", 5: "venerdì"}, category=lambda code: category_label(code, "it")
    )
    data = resources_vcf(services, texts)
    cards = read_cards(data)
    assert [unescape(values(card, "FN")[0]) for card in cards] == ["Mensa della sera, Lodi", "Nuorten neuvonta"]
    mensa, neuvonta = cards
    assert "Orari:\nlunedì: 12:00–13:30, 18:30–20:00" in unescape(values(mensa, "NOTE")[0])
    assert split_unescaped(values(mensa, "CATEGORIES")[0], ",") == [
        category_label("food", "it"),
        category_label("shelter", "it"),
    ]
    assert values(neuvonta, "TEL") == ["tel:+358401234567"]
    assert split_unescaped(values(neuvonta, "ADR")[0], ";") == ["", "", "", "Helsinki", "", "", "FI"]
    assert values(neuvonta, "GEO") == [] and values(neuvonta, "NOTE") == []
