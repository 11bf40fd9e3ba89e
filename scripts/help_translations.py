"""The help desk's and the partner pages' gettext catalogues (central/help/locale,
central/partners/locale): extract, update, check.

    python scripts/help_translations.py update   # extract the texts, merge them into each .po
    python scripts/help_translations.py check    # exit 1 if a text is missing, untranslated or fuzzy

Texts are extracted from each package's templates (Jinja2's Babel extractor) and its *.py
(`_("...")` calls), into that package's own catalogue (PACKAGES). The English catalogue is the
source text itself; Italian and Finnish are written by people. `check` runs in the test suite
(tests/help/test_catalogues.py), as the desktop's scripts/translations.py check does for its Qt
catalogues. The service compiles the .po files in memory when it starts (central.help.i18n,
central.partners.i18n), so there is no compiled file to go stale.
"""

import sys
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
HELP = ROOT / "central" / "help"
sys.path.insert(0, str(ROOT))

from central.help import i18n as help_i18n  # noqa: E402 - after the path above
from central.help.i18n import LANGUAGES  # noqa: E402
from central.partners import i18n as partner_i18n  # noqa: E402

# package folder -> its catalogue's path for a language
PACKAGES = {
    "help": (HELP, help_i18n.catalogue_path),
    "partners": (ROOT / "central" / "partners", partner_i18n.catalogue_path),
}
catalogue_path = help_i18n.catalogue_path

METHODS = [("templates/**.html", "jinja2.ext:babel_extract"), ("*.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}


def extract(package: str = "help") -> Catalog:
    template = Catalog(project="prossimo-help", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGES[package][0], METHODS, OPTIONS, keywords={"_": None, "gettext": None}, strip_comment_tags=True
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _read(language: str, path: Path) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, project="prossimo-help", fuzzy=False)
    with path.open("rb") as po:
        return read_po(po, locale=language)


def update() -> int:
    for package, (_, path_of) in PACKAGES.items():
        _update(package, path_of)
    return 0


def _update(package: str, path_of: "Callable[[str], Path]") -> None:
    for language in LANGUAGES:
        catalog = _read(language, path_of(language))
        catalog.update(extract(package), no_fuzzy_matching=True)  # a fresh one each: update shares its messages
        catalog.obsolete.clear()
        if language == "en":  # the source texts are English
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        path = path_of(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=0, omit_header=False, sort_output=True, include_lineno=False)
        missing = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path.relative_to(ROOT)}: {missing} text(s) still to translate")


def check(locale_dir: Path | None = None, package: str = "help") -> list[str]:
    """Problems as sentences; empty when every catalogue holds every text, translated, none fuzzy.
    `locale_dir`: another folder laid out as the package's locale (the tests' broken copies)."""
    path_of = PACKAGES[package][1]
    wanted = {message.id for message in extract(package) if message.id}
    problems = []
    for language in LANGUAGES:
        path = path_of(language)
        if locale_dir is not None:
            path = locale_dir / path.relative_to(path.parents[2])
        if not path.exists():
            problems.append(f"{path.name} ({language}) is missing; run scripts/help_translations.py update")
            continue
        catalog = _read(language, path)
        have = {message.id: message for message in catalog if message.id}
        for text in sorted(wanted):
            message = have.get(text)
            if message is None:
                problems.append(f"{language}: {text!r} is not in the catalogue; run update")
            elif not message.string or not str(message.string).strip():
                problems.append(f"{language}: no translation for {text!r}")
            elif message.fuzzy:
                problems.append(f"{language}: the translation of {text!r} is fuzzy (to be checked)")
        for text in sorted(set(have) - wanted):
            problems.append(f"{language}: {text!r} is no longer used; run update")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        return update()
    if argv[1:] == ["check"]:
        problems = [problem for package in PACKAGES for problem in check(package=package)]
        print("\n".join(problems) or "help desk and partner catalogues complete")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
