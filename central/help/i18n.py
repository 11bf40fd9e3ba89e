"""The help desk's languages and their gettext catalogues.

Owns: LANGUAGES (the order of the language switcher; the first is the default), choosing a
language from Accept-Language, and the translations, read from the .po catalogues under
locale/ (compiled in memory when the process starts, so no compiled file can go stale).
scripts/help_translations.py extracts the texts and checks every catalogue is complete.
Must never fall back silently for a language it lists: a missing catalogue fails at start.
"""

import gettext
import io
from functools import cache
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("it", "en", "fi")  # it first: the default (the service's home)
DEFAULT = LANGUAGES[0]
LANGUAGE_NAMES = {"it": "Italiano", "en": "English", "fi": "Suomi"}  # each in its own language
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "help"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(language: str) -> gettext.GNUTranslations:
    return compiled(catalogue_path(language), language)


@cache
def compiled(path: Path, language: str) -> gettext.GNUTranslations:
    """A .po catalogue compiled in memory (the help desk's and the partner pages')."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def page_environment(templates: Path, language_translations: gettext.GNUTranslations) -> jinja2.Environment:
    """Jinja2 for server-rendered pages (the help desk's and the partner pages'): autoescaped, an
    unknown name fails instead of rendering empty, gettext from the page's language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(language_translations, newstyle=True)  # type: ignore[attr-defined]
    return env


def from_accept_language(header: str | None) -> str:
    """The listed language the browser prefers most (RFC 9110 q-values), else the default."""
    best, best_q = DEFAULT, 0.0
    for position, item in enumerate((header or "").split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.strip().lower().split("-")[0]
        # Earlier items win ties: a browser lists its preferences in order.
        q -= position * 1e-6
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best
