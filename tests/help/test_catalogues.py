"""Every text of the help desk is in the Italian, English and Finnish catalogues, translated and
not fuzzy (scripts/help_translations.py check, as tests/ui/test_translations.py does for the app)."""

import importlib.util
import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from central.help.i18n import LOCALE_DIR, translations

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "help_translations.py"


def _script():  # the module
    spec = importlib.util.spec_from_file_location("help_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_complete() -> None:
    assert _script().check() == []


def test_the_check_notices_a_missing_an_empty_and_a_fuzzy_translation(tmp_path: Path) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    fi = copy / "fi" / "LC_MESSAGES" / "help.po"
    with fi.open("rb") as po:
        catalog = read_po(po, locale="fi")
    catalog.delete("Send")
    catalog["Welcome"].string = ""
    catalog["Call me"].flags.add("fuzzy")
    with fi.open("wb") as po:
        write_po(po, catalog)
    problems = _script().check(copy)
    assert "fi: 'Send' is not in the catalogue; run update" in problems
    assert "fi: no translation for 'Welcome'" in problems
    assert "fi: the translation of 'Call me' is fuzzy (to be checked)" in problems
    assert len(problems) == 3


def test_the_service_reads_the_catalogues_it_ships() -> None:
    assert translations("fi").gettext("Send") == "Lähetä"
    assert translations("it").gettext("Send") == "Invia"
    assert translations("en").gettext("Send") == "Send"
