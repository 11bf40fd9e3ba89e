"""Turning pydantic validation errors into messages an operator can act on.

Owns: `describe_validation_error` and `field_problems`. Every message names the field
and the rule ("birth_year: must be at most 2026"). Must never echo the rejected value:
it may be personal data and these messages reach logs, terminals and error answers.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

# pydantic messages that quote part of the input, and what to say instead.
_QUOTING = {"uuid_parsing": "Input should be a valid UUID"}


def field_problems(items: Iterable[Mapping[str, Any]], skip: int = 0) -> list[tuple[str, str]]:
    """(dotted field path, rule) per pydantic error item; `skip` drops leading path parts (e.g. "body")."""
    problems = []
    for item in items:
        field = ".".join(str(part) for part in tuple(item.get("loc", ()))[skip:])
        message = _QUOTING.get(item.get("type", ""), str(item.get("msg", "")))
        # Cross-field rules raise ValueError whose text already starts with the field.
        problems.append((field, message.removeprefix("Value error, ")))
    return problems


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem: `field: rule`, without the offending input."""
    return [
        f"{field}: {message}" if field else message
        for field, message in field_problems(error.errors(include_input=False, include_url=False))
    ]
