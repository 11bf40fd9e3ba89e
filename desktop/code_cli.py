"""`prossimo code make`: a person's anonymous client code from their answers (issue 18, part 3).

Owns: asking the organisation recipe's inputs one by one on a terminal, or reading them from
stdin (a JSON object by input name, or one line per input in the recipe's order), printing the
code (and with `--known FILE` the near misses among those codes), in text or `--json`.
Must never take an answer as a command-line argument (visible in `ps` and shell history), never
print, log or keep an answer (only the code leaves this module), and never run SQL: the key
comes from the store through `StoreWorker`. The rules are protocol.client_codes'.
"""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.store.replica import CodeKey
from desktop.store.session import StoreSession
from protocol.cli_support import EXIT_USAGE, CliError
from protocol.client_codes import CodeError, Recipe, among, make_code, near_misses, parse_code

# How the default recipe's inputs are asked (the CLI is English, like the rest of it).
_LABELS = {
    "mother_first_name": "Mother's first name",
    "father_first_name": "Father's first name",
    "birth_day": "Day of birth (1-31)",
    "birth_month": "Month of birth (1-12)",
    "birth_year": "Year of birth",
    "gender": "Gender (F, M or X)",
}
_HINTS = {"letters": "letters", "day": "1-31", "month": "1-12", "year": "year", "gender": "F, M or X"}


def label(name: str, kind: str) -> str:
    return _LABELS.get(name) or f"{name.replace('_', ' ').capitalize()} ({_HINTS[kind]})"


def _from_stdin(recipe: Recipe) -> dict[str, object]:
    text = sys.stdin.read()
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise CliError("stdin: not a JSON object of the recipe's inputs", EXIT_USAGE) from None
        if not isinstance(data, dict):
            raise CliError("stdin: not a JSON object of the recipe's inputs", EXIT_USAGE)
        return data
    lines = text.splitlines()
    # A missing line is a missing input: normalise_all then names it.
    return {item.name: lines[n] for n, item in enumerate(recipe.inputs) if n < len(lines)}


def _from_prompt(recipe: Recipe) -> dict[str, object]:
    # Prompts go to stderr, so stdout carries only the code.
    answers: dict[str, object] = {}
    for item in recipe.inputs:
        print(f"{label(item.name, item.kind)}: ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            break
        answers[item.name] = line.rstrip("\r\n")
    return answers


def _known(path: str) -> set[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").split()
    except OSError as exc:
        raise CliError(f"--known: cannot read {path} ({exc.strerror})", EXIT_USAGE) from None
    except UnicodeDecodeError:
        raise CliError(f"--known: {path} is not UTF-8 text", EXIT_USAGE) from None
    try:
        return {parse_code(line) for line in lines}
    except CodeError as exc:
        raise CliError(f"--known: {path}: {exc}", EXIT_USAGE) from None


def make(args: argparse.Namespace, with_store: Callable[[argparse.Namespace, Any], Any]) -> int:
    # Read before asking anything: an unreadable --known file or a device without key fails fast.
    known = _known(args.known) if args.known else None

    def key_of(session: StoreSession) -> CodeKey:
        return session.replica.code_key()

    codes = with_store(args, key_of)
    answers = _from_prompt(codes.recipe) if sys.stdin.isatty() else _from_stdin(codes.recipe)
    try:
        code = make_code(codes.key, codes.recipe, answers)
        misses = near_misses(codes.key, codes.recipe, answers, among(known)) if known is not None else []
    except CodeError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if args.json:
        out: dict[str, object] = {"ok": True, "code": code}
        if known is not None:
            out["known"] = code in known
            out["near_misses"] = [{"code": m.code, "differs_in": m.differs_in} for m in misses]
        print(json.dumps(out))
        return 0
    print(code)
    if known is not None:
        print("Already known." if code in known else "Not among the known codes.", file=sys.stderr)
        for miss in misses:
            print(f"Did you mean {miss.code}? (one answer differs: {label_of(codes.recipe, miss.differs_in)})")
    return 0


def label_of(recipe: Recipe, name: str) -> str:
    item = next(i for i in recipe.inputs if i.name == name)
    return label(item.name, item.kind)
