"""Errors the store raises, grouped by what the operator can do about them.

Owns: the exception types of `desktop.store` (key errors live in `keys`), and `Problem`,
one broken rule in a form a screen can translate: a `RuleViolation` carries its problems
(the field, the pydantic error type or our own rule's code, and the rule's parameters),
so the UI never re-reads English text to say it in the operator's language.
Must never put record contents or key material in a message or a problem.
"""

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from protocol.validation import field_problems  # the one place pydantic's words are cleaned


class StoreError(Exception):
    """Base of every store error."""


class StoreLocked(StoreError):
    """The store cannot be opened with the key at hand (wrong key, no key)."""


class StoreCorrupt(StoreError):
    """The database file is missing, truncated, damaged or not ours. Never recreated."""


class StoreTooNew(StoreError):
    """The database was written by a newer Prossimo; it is left untouched."""


class RecordNotFound(StoreError):
    """No record with that id (or it is a tombstone where a live record is needed)."""


@dataclass(frozen=True)
class Problem:
    """One broken rule. `field` is the dotted path ("phones.0.number", "" for none), `type`
    the pydantic error type ("string_too_short") or our own rule's code ("no_such_record"),
    `ctx` its parameters (min_length, pattern, entity…, never the rejected value), `rule`
    the English sentence for logs and the CLI, and `entity` the record kind, if known."""

    field: str
    type: str
    rule: str
    # dataclasses.field in full: the `field` attribute above hides the bare name (for mypy).
    ctx: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    entity: str = ""

    def line(self) -> str:
        return f"{self.field}: {self.rule}" if self.field else self.rule


def _plain(value: Any) -> Any:
    """A ctx value as data: pydantic puts the raised exception itself under "error"."""
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def problems_of(error: ValidationError, entity: str = "") -> list[Problem]:
    """The problems of a pydantic error, without the offending input (see protocol.validation)."""
    items = error.errors(include_input=False, include_url=False)
    return [
        Problem(
            field=name,
            type=str(item.get("type", "")),
            rule=rule,
            entity=entity,
            ctx={key: _plain(value) for key, value in (item.get("ctx") or {}).items()},
        )
        for item, (name, rule) in zip(items, field_problems(items), strict=True)
    ]


def _problems_from_text(message: str) -> list[Problem]:
    """ "field: rule" lines (our own rules, written that way) as problems of type "rule"."""
    found = []
    for line in message.splitlines():
        name, sep, rule = line.partition(": ")
        if not sep or " " in name.strip():
            name, rule = "", line
        found.append(Problem(field=name.strip(), type="rule", rule=rule))
    return found


class RuleViolation(StoreError):
    """A write breaks a store rule; the message names the field and the rule.

    `problems` holds them one by one for a screen to translate; when only a message is
    given, each of its "field: rule" lines is one problem of type "rule"."""

    def __init__(self, message: str = "", problems: Iterable[Problem] = ()) -> None:
        self.problems: Sequence[Problem] = tuple(problems) or tuple(_problems_from_text(message))
        super().__init__(message or "\n".join(problem.line() for problem in self.problems))

    @classmethod
    def of(cls, field_name: str, code: str, rule: str, **ctx: Any) -> "RuleViolation":
        """One rule of our own, with a code and parameters the UI can translate."""
        return cls(
            f"{field_name}: {rule}" if field_name else rule, [Problem(field=field_name, type=code, rule=rule, ctx=ctx)]
        )


class StorageFailure(StoreError):
    """The disk is full or could not be read or written (SQLITE_FULL, SQLITE_IOERR, ENOSPC,
    EDQUOT, EFBIG, EIO). An operating-system condition, not damage: the failed write was
    rolled back, and what was stored before is intact."""
