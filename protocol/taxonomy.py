"""The directory's categories: their words in Italian, English and Finnish, and their HSDS terms.

Owns: the one list of resource categories a person can read (the codes are
`entities.ResourceCategory`), each with a label per supported language, and the
Open Referral HSDS `taxonomy_term` each maps to (taxonomy "prossimo-categories",
code = the category code, a stable id per language). Both sides read it: the desktop
shows and prints the labels (a handout is printed in the client's language, not the
operator's), `protocol.hsds` writes the terms into HSDS exports on both sides.

Must never hold anything but data and lookups: no Qt, no I/O. A category added to
`ResourceCategory` without labels here fails the test suite.
"""

import uuid
from dataclasses import dataclass
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

    def label(self, language: str) -> str:
        """The label in `language`; English for a language we do not carry."""
        return self.labels.get(language, self.labels["en"])

    def term_id(self, language: str = "en") -> str:
        """The HSDS taxonomy_term id of this category in `language` (HSDS has one term per language)."""
        return str(uuid.uuid5(_TERM_NAMESPACE, f"{TAXONOMY_ID}/{self.code}/{language}"))


def _category(code: str, it: str, en: str, fi: str) -> Category:
    return Category(code, {"it": it, "en": en, "fi": fi})


CATEGORIES: dict[str, Category] = {category.code: category for category in (
    _category("housing", "Casa", "Housing", "Asuminen"),
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
)}

if list(CATEGORIES) != list(get_args(ResourceCategory)):  # pragma: no cover - caught at import
    raise RuntimeError("protocol.taxonomy.CATEGORIES must list every ResourceCategory, in schema order")


def category_label(code: str, language: str) -> str:
    """The label of a category code in `language`; an unknown code (a newer service) as it is."""
    category = CATEGORIES.get(code)
    return category.label(language) if category else code
