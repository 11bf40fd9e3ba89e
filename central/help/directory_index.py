"""The public directory's search: protocol.directory_search's rules, applied in process.

Owns: an in-memory index of the service's directory (every live resource row: a few thousand
at most), the text split into words as the desktop's SQLite FTS5 index splits it (its
`unicode61 remove_diacritics 2` tokenizer: runs of letters, digits and private-use characters,
case and accents folded), phrase and prefix matching by field, and the ranking the desktop's
`directory_queries._matching` gets from FTS5: every word must match, the tiers of
`protocol.directory_search.TIERS` summed over the words, then FTS5's bm25() formula with the
fields' weights (its IDF per phrase over every indexed row, inactive and defunct services
included, as on a device), then the name order, then id. Filters (category, municipality,
HIDDEN_BY_DEFAULT) apply after matching, as there. tests/central/test_public_directory.py
checks the order equals the desktop's on the Lodi demo directory.

Works the same on SQLite and PostgreSQL: the database is only read for the rows' bodies.
Must never keep anything but the directory (no query, no visitor), and never be changed in
place: a new index replaces the old one when the directory changes (central/help/services.py).
"""

import math
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from protocol import Resource, directory_search
from protocol.directory import is_public

_NAME = directory_search.FIELDS.index("name")
_CATEGORY = directory_search.FIELDS.index("category")
_RANKED = tuple(directory_search.FIELDS.index(f) for f in directory_search.RANKED_FIELDS)
_EVERY = tuple(range(len(directory_search.FIELDS)))
_NO_TIER = directory_search.TIERS.index("other")  # a word that earned none of the tiers before it


def _folded(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_token_char(char: str) -> bool:
    # unicode61's default token characters: the categories L*, N* and Co.
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"


def tokens(text: str) -> list[str]:
    """`text` as FTS5's unicode61 tokenizer (remove_diacritics 2) reads it: "Sant’Angelo" -> sant, angelo."""
    found: list[str] = []
    current: list[str] = []
    for char in text:
        if _is_token_char(char):
            current.append(_folded(char))
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


@dataclass(frozen=True)
class Phrase:
    """One FTS5 phrase: its tokens, whether the last one is a prefix, and the fields it may match in."""

    tokens: tuple[str, ...]
    prefix: bool
    fields: tuple[int, ...]


def _phrase(text: str, *, prefix: bool, fields: tuple[int, ...] = _EVERY) -> Phrase:
    return Phrase(tuple(tokens(text)), prefix, fields)


def _category_phrase(code: str) -> Phrase:
    # A code is a phrase of its words ("mental_health" -> mental health), as the tokenizer splits it.
    return _phrase(code, prefix=False, fields=(_CATEGORY,))


@dataclass(frozen=True)
class Entry:
    """One indexed row: its service, its tokens per field, and what filters and ties read."""

    resource: Resource
    fields: tuple[tuple[str, ...], ...]
    size: int  # tokens over every field (bm25's document length)
    sort_name: str


def _instances(entry: Entry, phrase: Phrase) -> list[int]:
    """The field of every place `phrase` occurs in `entry` (one item per occurrence)."""
    found: list[int] = []
    width = len(phrase.tokens)
    if width == 0:
        return found
    head, last = phrase.tokens[:-1], phrase.tokens[-1]
    for field in phrase.fields:
        words = entry.fields[field]
        for start in range(len(words) - width + 1):
            if words[start : start + width - 1] != head:
                continue
            word = words[start + width - 1]
            if word == last or (phrase.prefix and word.startswith(last)):
                found.append(field)
    return found


@dataclass(frozen=True)
class _Word:
    """One typed word: the phrases that select it (any of them), and its tiers' phrases."""

    anywhere: tuple[Phrase, ...]
    tiers: tuple[tuple[Phrase, ...], ...]  # per tier but "other", best first: any of these phrases earns it


def _plan(query: str) -> tuple[list[_Word], list[Phrase]]:
    """The desktop's `search.directory_query` for `query`, as phrases: per word, and the numbers'."""
    planned = []
    for rule in directory_search.word_rules(query):
        word = rule.word
        anywhere = (_phrase(word, prefix=True), *map(_category_phrase, rule.named_by_prefix))
        tiers = (
            (_phrase(word, prefix=False, fields=(_NAME,)),),
            (_phrase(word, prefix=False, fields=_RANKED), *map(_category_phrase, rule.named_whole)),
            (_phrase(word, prefix=True, fields=_RANKED), *map(_category_phrase, rule.named_by_prefix)),
        )
        planned.append(_Word(anywhere, tiers))
    numbers = [_phrase(form, prefix=True) for form in directory_search.number_forms(query)] if planned else []
    return planned, numbers


class DirectoryIndex:
    """Every live resource of the directory, searchable as the desktop searches its own."""

    def __init__(self, bodies: Iterable[str]) -> None:
        entries = []
        for body in bodies:
            resource = Resource.model_validate_json(body)
            data: dict[str, Any] = orjson.loads(body)  # the stored body, as a device indexes it
            fields = tuple(tuple(tokens(text)) for text in directory_search.indexed_text(data))
            sort_name = directory_search.sort_name(resource.service_name, resource.organization_name)
            entries.append(Entry(resource, fields, sum(map(len, fields)), sort_name))
        self.entries = entries
        self.by_id = {entry.resource.id: entry for entry in entries}
        self._average_size = sum(e.size for e in entries) / len(entries) if entries else 0.0
        # token -> the rows holding it in any field: a phrase reads only the rows that may hold it
        self._vocabulary: dict[str, set[int]] = {}
        for row, entry in enumerate(entries):
            for field in entry.fields:
                for token in field:
                    self._vocabulary.setdefault(token, set()).add(row)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, resource_id: uuid.UUID) -> Resource | None:
        """A service shown to the public, or None (unknown, or inactive or defunct)."""
        entry = self.by_id.get(resource_id)
        if entry is None or not is_public(entry.resource.status):
            return None
        return entry.resource

    def _occurrences(self, phrase: Phrase) -> dict[int, list[int]]:
        """Row -> the field of each occurrence of `phrase`, for every row it occurs in. Only rows
        holding a word the phrase's last token matches (and its other tokens) are read."""
        if not phrase.tokens:
            return {}
        last = phrase.tokens[-1]
        rows: set[int] = set()
        for token, holding in self._vocabulary.items():
            if token == last or (phrase.prefix and token.startswith(last)):
                rows |= holding
        for token in phrase.tokens[:-1]:
            rows &= self._vocabulary.get(token, set())
        found = {row: _instances(self.entries[row], phrase) for row in rows}
        return {row: fields for row, fields in found.items() if fields}

    def search(self, text: str = "", category: str | None = None, municipality: str | None = None) -> list[Resource]:
        """Published services matching every word of `text`, best first, or without text all of
        them by name; narrowed to one category and one (exactly named) municipality."""

        def kept(entry: Entry) -> bool:
            resource = entry.resource
            return (
                is_public(resource.status)
                and (category is None or category in resource.categories)
                and (municipality is None or resource.location.municipality == municipality)
            )

        planned, numbers = _plan(text)
        if not planned:
            if text.strip():
                return []  # only separators were typed: nothing to look for
            listed = sorted(filter(kept, self.entries), key=lambda e: (e.sort_name, str(e.resource.id)))
            return [e.resource for e in listed]
        seen: dict[Phrase, dict[int, list[int]]] = {}

        def occurrences(phrase: Phrase) -> dict[int, list[int]]:
            if phrase not in seen:
                seen[phrase] = self._occurrences(phrase)
            return seen[phrase]

        phrases = [p for word in planned for p in word.anywhere] + numbers
        every_word: set[int] | None = None
        for word in planned:
            rows = set().union(*(occurrences(p).keys() for p in word.anywhere))
            every_word = rows if every_word is None else every_word & rows
        by_words = every_word or set()
        by_number = set().union(*(occurrences(p).keys() for p in numbers))
        at = sum(len(word.anywhere) for word in planned)
        total = len(self.entries)
        idf = []
        for phrase in phrases:
            hits = len(occurrences(phrase))
            value = math.log((total - hits + 0.5) / (hits + 0.5))
            idf.append(value if value > 0.0 else 1e-6)
        k1, b = directory_search.BM25_K1, directory_search.BM25_B
        ranked: list[tuple[int, float, str, str, Resource]] = []
        for row in by_words | by_number:
            entry = self.entries[row]
            if not kept(entry):
                continue
            found = [occurrences(p).get(row, []) for p in phrases]
            if row not in by_words:
                # Matched by a number only: FTS5 reports no occurrence of the words' phrases then.
                found = [[] for _ in range(at)] + found[at:]
            tier = 0
            for word in planned:
                tier += next(
                    (i for i, group in enumerate(word.tiers) if any(row in occurrences(p) for p in group)),
                    _NO_TIER,
                )
            score = 0.0
            for weight_idf, fields in zip(idf, found, strict=True):
                frequency = 0.0
                for field in fields:
                    frequency += directory_search.WEIGHTS[field]
                score += weight_idf * (
                    (frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * entry.size / self._average_size))
                )
            ranked.append((tier, -1.0 * score, entry.sort_name, str(entry.resource.id), entry.resource))
        ranked.sort(key=lambda row: row[:4])
        return [row[4] for row in ranked]
