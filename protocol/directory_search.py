"""The directory's keyword relevance: the rules both the desktop and the public pages rank by.

Owns: how typed text splits into words (`words`, at most MAX_QUERY_WORDS; contacts use it too),
what text of a service is searched and in which field (`indexed_text`, FIELDS) and how much each
field weighs (WEIGHTS), the category words each typed word names in it/en/fi (`word_rules`, from
`protocol.taxonomy.codes_named`), the ranking tiers a word earns (TIERS), the phone-number forms a
typed number is also found by (`number_forms`) and the name order ties fall back on
(`sort_name`). Every word must match (as a word prefix, accents and case folded, or by naming a
category the service is filed under); a match ranks, word by word, by the first tier it earns,
summed over the words; then by BM25 (k1 1.2, b 0.75, BM25_K1/BM25_B) over the fields, weighted;
then by `sort_name`, then id.

The desktop turns these rules into SQLite FTS5 expressions (desktop/store/search.py); the
central service applies them in process (central/help/directory_index.py). Both read them here,
so they rank the same services in the same order.

Must never hold SQL or FTS syntax, and never do I/O.
"""

import re
from dataclasses import dataclass
from typing import Any

from protocol import phones, taxonomy

# Characters that separate words for our purposes (the tokenizer splits the rest further).
_WORD = re.compile(r"[^\s\"'*^:(){}\[\],;+]+")
MAX_QUERY_WORDS = 8
# The fields of a service a search reads, and their BM25 weights: what a service is counts most.
FIELDS = ("name", "category", "organisation", "place", "details")
WEIGHTS = (10.0, 6.0, 2.0, 1.0, 1.0)
# The fields the ranking tiers look at: what a service is, not where it is or who runs it.
RANKED_FIELDS = ("name", "category")
# A word's tier, best first: a whole word of the name; a whole word of the name or the categories,
# or a category it names whole; a word prefix there, or a category it names by prefix; anything else.
TIERS = ("named", "filed", "led", "other")
# SQLite FTS5's BM25 constants (its bm25() function), which the in-process ranking uses too.
BM25_K1 = 1.2
BM25_B = 0.75


def words(query: str) -> list[str]:
    """The words of `query` as the search reads them (at most MAX_QUERY_WORDS); never a quote."""
    return _WORD.findall(query)[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class WordRule:
    """One typed word: itself, and the categories it names whole and by prefix (in it/en/fi)."""

    word: str
    named_whole: tuple[str, ...]
    named_by_prefix: tuple[str, ...]


def word_rules(query: str) -> tuple[WordRule, ...]:
    """What each word of `query` looks for; empty when there is nothing to look for."""
    return tuple(
        WordRule(word, taxonomy.codes_named(word, whole_word=True), taxonomy.codes_named(word)) for word in words(query)
    )


def number_forms(query: str) -> list[str]:
    """The digit forms of a typed number ("+39 333 123 4567" -> 393331234567, 3331234567);
    none for words, or for fewer digits than a number has (a year, a house number). A service
    whose details hold one of them matches, whatever its words."""
    if not phones.looks_like_phone(query, min_digits=phones.MIN_DIGITS):
        return []
    return list(phones.search_forms(query))


def _join(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


def _number_text(number: str | None, region: str = phones.DEFAULT_REGION) -> str:
    return " ".join(phones.search_forms(number, region)) if number else ""


def indexed_text(data: dict[str, Any]) -> tuple[str, ...]:
    """The text of FIELDS for a service's stored body (a Resource as JSON data); its phone
    numbers in every form, read with the plan of the service's own country."""
    location = data.get("location") or {}
    country = location.get("country") or phones.DEFAULT_REGION
    numbers = " ".join(_number_text(phone.get("number"), country) for phone in data.get("phones", []))
    return (
        data.get("service_name") or "",
        " ".join(data.get("categories", [])),
        data.get("organization_name") or "",
        _join(location.get("municipality"), location.get("address_1")),
        _join(" ".join(data.get("keywords", [])), data.get("description"), numbers),
    )


def sort_name(service_name: str, organization_name: str) -> str:
    """What orders services by name, and breaks ties between equally relevant ones."""
    return f"{service_name} {organization_name}".casefold()
