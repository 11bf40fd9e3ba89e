"""Turning pydantic validation errors into messages an operator can act on.

Owns: `describe_validation_error`. Every message names the field and the rule
("birth_year: must be at most 2026"). Must never echo the rejected value: it
may be personal data and these messages reach logs and terminals.
"""

from pydantic import ValidationError


def describe_validation_error(error: ValidationError) -> list[str]:
    """One line per problem: `field: rule`, without the offending input."""
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        field = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        # Cross-field rules raise ValueError whose text already starts with the field.
        message = message.removeprefix("Value error, ")
        lines.append(f"{field}: {message}" if field else message)
    return lines
