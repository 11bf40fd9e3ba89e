"""What the two command lines (`prossimo`, `prossimo-central`) share: the error a command
raises to stop with a message, and the parser that turns a usage mistake into exit code 2.

It lives in `protocol` because that is the one package both sides may import (see the
import-linter contracts in pyproject.toml); it is not part of the wire.
Owns: `CliError`, `EXIT_USAGE` and `CommandParser`. Must never print anything but the
usage line and the one-line message argparse gives, and never import beyond the standard
library: each command line decides itself how it reports a `CliError` (text or JSON).
"""

import argparse
import sys
from typing import ClassVar, NoReturn

EXIT_USAGE = 2  # a usage or validation error, in both command lines


class CliError(Exception):
    """Stops a command with a message naming the field and the rule, and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class CommandParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors end as `<usage>` then `<program>: <message>`,
    exit code 2 (argparse's own layout, but with the command line's name, not the subcommand's).

    Subclass it per command line and set `program`; pass the subclass as `parser_class` to
    `add_subparsers`, so subcommands fail the same way.
    """

    program: ClassVar[str] = ""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.program}: {message}\n")
