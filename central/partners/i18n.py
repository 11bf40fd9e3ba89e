"""The partner pages' gettext catalogues (central/partners/locale, domain "partners"), in the
help desk's languages (central.help.i18n.LANGUAGES), compiled in memory at start as the help
desk's are. scripts/help_translations.py extracts, updates and checks them with the help desk's.
Must never fall back silently for a listed language: a missing catalogue fails at start.
"""

import gettext
from pathlib import Path

from central.help.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, compiled, from_accept_language

__all__ = ["DEFAULT", "LANGUAGES", "LANGUAGE_NAMES", "LOCALE_DIR", "catalogue_path", "from_accept_language"]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "partners"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(language: str) -> gettext.GNUTranslations:
    return compiled(catalogue_path(language), language)
