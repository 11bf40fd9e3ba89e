"""The partner pages' gettext catalogues (central/partners/locale, domain "partners"), in the
help desk's languages (central.help.i18n.LANGUAGES), compiled in memory at start as the help
desk's are. scripts/help_translations.py extracts, updates and checks them with the help desk's.
Must never fall back silently for a listed language: a missing catalogue fails at start.
"""

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from central.help.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, from_accept_language

__all__ = ["DEFAULT", "LANGUAGES", "LANGUAGE_NAMES", "LOCALE_DIR", "catalogue_path", "from_accept_language"]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "partners"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.GNUTranslations:
    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
