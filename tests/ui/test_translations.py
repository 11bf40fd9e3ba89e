"""Every text the UI shows is in the Italian and Finnish catalogues, and can be found there.

Qt's lupdate only extracts literal strings, so a text passed through a helper
function is silently never translated: the AST check below refuses that pattern.
"""

import ast
import importlib.util
from pathlib import Path

import desktop.ui

UI = Path(desktop.ui.__file__).parent
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "translations.py"
# Functions that translate a source text marked elsewhere with QT_TRANSLATE_NOOP.
TRANSLATES_MARKED_TEXT = {
    ("labels.py", "labels"),
    ("main_window.py", "title"),
    ("messages.py", "_say"),
    ("formats.py", "language_name"),
    ("code_maker.py", "asked"),
    ("quick.py", "topic_label"),
    ("shift_form.py", "primary_text"),
}


def _translations_script():  # the module
    spec = importlib.util.spec_from_file_location("translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_complete_and_compiled() -> None:
    assert _translations_script().check() == []


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _non_literal_calls(path: Path, root: Path = UI) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]:
        if (path.name, function.name) in TRANSLATES_MARKED_TEXT:
            continue
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            name, args = call.func.attr, call.args
            if name == "tr" and args:
                texts = args[:1]
            elif name == "translate" and len(args) >= 2 and _is_text(args[0]):
                texts = args[:2]  # QCoreApplication.translate("Context", …); QPainter.translate(x, y) is geometry
            else:
                continue
            if not all(_is_text(a) for a in texts):
                found.append(f"{path.relative_to(root)}:{call.lineno} in {function.name}()")
    return found


def test_every_translated_text_is_a_literal_lupdate_can_see() -> None:
    offenders = [line for path in sorted(UI.rglob("*.py")) for line in _non_literal_calls(path)]
    assert offenders == []


def test_the_check_notices_a_text_hidden_behind_a_helper(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def words(text):\n    return QCoreApplication.translate('Ctx', text)\n\n"
        "def fine():\n    return QCoreApplication.translate('Ctx', 'Literal')\n"
    )
    assert _non_literal_calls(sample, tmp_path) == ["sample.py:2 in words()"]
