"""The UI's language: Italian, English or Finnish, switchable while the app runs.

Owns: installing the translators (ours, compiled from `translations/*.ts` into
`.qm` next to them, and Qt's own `qtbase_*.qm` for standard buttons and dialogs,
"Annulla", "Peru") and the default QLocale, so dates, times and numbers follow
the language too (see `desktop.ui.formats`). English is the source language: its
catalogue holds only the singular and plural forms of texts with a count ("1 change",
"2 changes").

Also owns the two typed ways of marking texts for Qt's lupdate outside a widget:
`QT_TRANSLATE_NOOP` (a source text kept in a table, translated when shown) and
`TextContext` (a translation context whose plural texts are `Ctx.tr(text, "", n)`).

Must never translate at import time, and never fail to start because a catalogue
is missing (the UI falls back to English and logs it).
"""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from desktop.settings import LANGUAGES, Language

log = logging.getLogger(__name__)

CATALOGUES = Path(__file__).with_name("translations")
# The language names as their speakers write them, for the language chooser.
NATIVE_NAMES: dict[Language, str] = {"it": "Italiano", "en": "English", "fi": "Suomi"}

_installed: list[QTranslator] = []
_current: Language = "en"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the exact name Qt's lupdate looks for
    """Mark `text` for lupdate in `context` and give it back unchanged, as Qt's own does.

    Qt's is typed as returning `object` in PySide6's stubs, which makes every table of
    source texts a type error; lupdate finds the call by its name, whoever defines it."""
    return text


class TextContext(QObject):
    """A translation context for texts outside a widget: subclass it and call
    `Ctx.tr("%n change(s)", "", n)`, the only form in which Qt's Python lupdate sees plural
    (%n) texts outside a class body (never in QCoreApplication.translate). lupdate and
    PySide6 both take the context from the class's name."""

    if TYPE_CHECKING:
        # PySide6's QObject.tr also works on the class (as a class method); its stubs know
        # only the instance method, so they say so here, for the type checker alone.
        @classmethod
        def tr(cls, text: str, /, disambiguation: str | None = None, n: int = -1) -> str: ...


def current_language() -> Language:
    """The language the UI speaks now (for texts that do not come from Qt catalogues)."""
    return _current


def catalogue_path(language: str) -> Path:
    return CATALOGUES / f"prossimo_{language}.qm"


def install(language: str) -> None:
    """Make `language` the UI's language from now on (widgets built later use it)."""
    if language not in LANGUAGES:
        raise ValueError(f"language: must be one of {', '.join(LANGUAGES)}")
    global _current
    _current = language
    app = QCoreApplication.instance()
    if app is None:  # translators live in the application object
        raise RuntimeError("i18n.install: create the QApplication first")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            {"it": QLocale.Language.Italian, "en": QLocale.Language.English, "fi": QLocale.Language.Finnish}[language],
            {"it": QLocale.Country.Italy, "en": QLocale.Country.UnitedKingdom, "fi": QLocale.Country.Finland}[language],
        )
    )
    qt_catalogues = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(f"prossimo_{language}", str(CATALOGUES))]
    if language != "en":  # Qt's own texts are written in English
        wanted.append((f"qtbase_{language}", qt_catalogues))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no %s catalogue in %s; those texts stay in English", name, folder)
