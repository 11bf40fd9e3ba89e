"""Keep the UI's Italian, Finnish and English catalogues in step with the code.

    python scripts/translations.py update   # refresh the .ts files from the code, then compile .qm
    python scripts/translations.py check    # exit 1 if a text is untranslated or a .qm is stale

The `.ts` files (XML, reviewed like code) are the source; the `.qm` files next to
them are what the app loads, compiled by Qt's lrelease and committed so an
installed app needs no Qt tools. `check` runs in the test suite.
Texts are found by Qt's lupdate: only literal `self.tr("…")`, `X.translate("Context", "…")`
and `QT_TRANSLATE_NOOP("Context", "…")` calls are seen.
English is the source language, so its catalogue holds only the texts with a count
(`%n`), whose singular and plural forms ("1 change", "2 changes") the source cannot say.
"""

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop" / "ui"
CATALOGUES = SOURCES / "translations"
LANGUAGES = ("it", "fi", "en")
PLURALS_ONLY = {"en"}  # the source language needs only its numerus forms
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    return sorted(str(path) for path in SOURCES.rglob("*.py"))


def lupdate(ts_file: Path, language: str) -> None:
    only = ["-pluralonly"] if language in PLURALS_ONLY else []
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            *only,
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts_file),
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True, capture_output=True
    )


def untranslated(ts_file: Path) -> list[str]:
    """Source texts with no finished translation."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or "").strip()
            and not translation.findall("numerusform")
        ):
            missing.append(message.findtext("source") or "")
    return missing


def update() -> int:
    for language in LANGUAGES:
        ts_file = CATALOGUES / f"prossimo_{language}.ts"
        lupdate(ts_file, language)
        lrelease(ts_file, ts_file.with_suffix(".qm"))
        print(f"{ts_file.name}: {len(untranslated(ts_file))} text(s) still to translate")
    return 0


def check() -> list[str]:
    """Problems as sentences; empty when every catalogue is complete and compiled."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            committed = CATALOGUES / f"prossimo_{language}.ts"
            if not committed.exists():
                problems.append(f"{committed.name} is missing; run scripts/translations.py update")
                continue
            fresh = Path(scratch) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh, language)
            for text in untranslated(fresh):
                problems.append(f"{committed.name}: no translation for {text!r}")
            compiled = Path(scratch) / f"prossimo_{language}.qm"
            lrelease(committed, compiled)
            shipped = committed.with_suffix(".qm")
            if not shipped.exists() or shipped.read_bytes() != compiled.read_bytes():
                problems.append(f"{shipped.name} is stale; run scripts/translations.py update")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        return update()
    if argv[1:] == ["check"]:
        problems = check()
        print("\n".join(problems) or "catalogues complete and compiled")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
