"""The directory's categories: their words in Italian, English and Finnish, and their HSDS terms.

Owns: the one list of resource categories a person can read (the codes are
`entities.ResourceCategory`), each with a label per supported language, and the
Open Referral HSDS `taxonomy_term` each maps to (taxonomy "prossimo-categories",
code = the category code, a stable id per language). Both sides read it: the desktop
shows and prints the labels (a handout is printed in the client's language, not the
operator's), `protocol.hsds` writes the terms into HSDS exports on both sides.

The labels are also the words a category is searched by (`codes_named`): typing
"casa", "asuminen" or "housing" finds the housing services. A few categories carry
`also`, words people type for them that their label does not hold ("asunto", a flat,
for Finnish housing); they are search words only, never shown. The search reads them
at query time, so changing a label or a word never needs a store migration.

Must never hold anything but data and lookups: no Qt, no I/O. A category added to
`ResourceCategory` without labels here fails the test suite.
"""

import functools
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import get_args

from protocol.entities import ResourceCategory

LANGUAGES = ("it", "en", "fi")
TAXONOMY_ID = "prossimo-categories"
TAXONOMY_NAME = "Prossimo service categories"
# Fixed namespace: the same category and language always give the same HSDS term id.
_TERM_NAMESPACE = uuid.UUID("0d3c6f2a-7b1e-5c48-9a20-4e6f8b9d1c3e")


@dataclass(frozen=True)
class Category:
    code: str
    labels: dict[str, str]  # language -> label
    also: tuple[str, ...] = field(default=())  # more words it is searched by, in any language

    def label(self, language: str) -> str:
        """The label in `language`; English for a language we do not carry."""
        return self.labels.get(language, self.labels["en"])

    def term_id(self, language: str = "en") -> str:
        """The HSDS taxonomy_term id of this category in `language` (HSDS has one term per language)."""
        return str(uuid.uuid5(_TERM_NAMESPACE, f"{TAXONOMY_ID}/{self.code}/{language}"))


def _category(code: str, it: str, en: str, fi: str, also: str = "") -> Category:
    return Category(code, {"it": it, "en": en, "fi": fi}, tuple(also.split()))


CATEGORIES: dict[str, Category] = {
    category.code: category
    for category in (
        _category("housing", "Casa", "Housing", "Asuminen", also="alloggio abitazione asunto"),
        _category("work", "Lavoro", "Work", "Työ"),
        _category("food", "Cibo", "Food", "Ruoka"),
        _category("care", "Cura e assistenza", "Care", "Hoiva ja huolenpito"),
        _category("training", "Formazione", "Training", "Koulutus"),
        _category("health", "Salute", "Health", "Terveys"),
        _category("addiction", "Dipendenze", "Addiction", "Riippuvuudet"),
        _category("legal", "Consulenza legale", "Legal advice", "Oikeudellinen neuvonta"),
        _category("family", "Famiglia", "Family", "Perhe"),
        _category("women", "Donne", "Women", "Naiset"),
        _category("youth", "Giovani", "Young people", "Nuoret"),
        _category("mental_health", "Salute mentale", "Mental health", "Mielenterveys"),
        _category("income", "Sostegno al reddito", "Income support", "Toimeentulo"),
        _category("shelter", "Accoglienza", "Shelter", "Hätämajoitus"),
        _category("harm_reduction", "Riduzione del danno", "Harm reduction", "Haittojen vähentäminen"),
        _category("other", "Altro", "Other", "Muu"),
    )
}

if list(CATEGORIES) != list(get_args(ResourceCategory)):  # pragma: no cover - caught at import
    raise RuntimeError("protocol.taxonomy.CATEGORIES must list every ResourceCategory, in schema order")


def category_label(code: str, language: str) -> str:
    """The label of a category code in `language`; an unknown code (a newer service) as it is."""
    category = CATEGORIES.get(code)
    return category.label(language) if category else code


# Typed words shorter than this only find a label word typed whole ("työ"), and the short
# words inside a longer label ("e", "al", "del", "ja") are not search words at all.
_PREFIX_FROM = 3
_SHORT = 3


def fold(text: str) -> str:
    """Compared without case or accents, as the search index does ("Hätä" = "hata")."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def _search_words() -> tuple[tuple[str, str], ...]:
    """(folded word, category code) for every word of every label and every `also` word."""
    pairs: list[tuple[str, str]] = []
    for category in CATEGORIES.values():
        for text in (*category.labels.values(), *category.also):
            words = text.split()
            pairs.extend((fold(word), category.code) for word in words if len(words) == 1 or len(word) > _SHORT)
    return tuple(dict.fromkeys(pairs))


def codes_named(typed: str, *, whole_word: bool = False) -> tuple[str, ...]:
    """The category codes one typed word names, in schema order: a word of a label (in any
    language) or of `also` that is the typed word, or starts with it when `whole_word` is
    False and at least 3 letters were typed. "casa" -> ("housing",); "asunto" -> ("housing",)."""
    word = fold(typed.strip())
    if not word:
        return ()
    prefix = not whole_word and len(word) >= _PREFIX_FROM
    codes = {code for known, code in _search_words() if known == word or (prefix and known.startswith(word))}
    return tuple(code for code in CATEGORIES if code in codes)
