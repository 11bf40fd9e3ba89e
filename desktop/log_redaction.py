"""Logging set-up for the desktop side, with a redaction filter in front of every handler.

Owns: `install_logging()` and `RedactingFilter`. The filter is a second line of
defence: code must not log secrets in the first place, but if a raw key, a
SQLCipher key literal, a device token or an email address slips into a message
(an exception text, say), it is masked before it reaches a terminal or a file.
Must never be the only protection, and never log the text it removed.
"""

import logging
import re

_PATTERNS = (
    re.compile(r"x'[0-9A-Fa-f]{16,}'"),  # SQLCipher raw-key literal
    re.compile(r"\b[0-9A-Fa-f]{48,}\b"),  # raw keys and tokens in hex
    re.compile(r"\b[A-Za-z0-9_\-]{40,}={0,2}(?![A-Za-z0-9_\-])"),  # base64url tokens (a UUID is 36)
    re.compile(r"[^@\s'\"]+@[^@\s'\"]+\.[A-Za-z]{2,}"),  # email addresses
)
MASK = "[redacted]"


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_logging(level: int = logging.WARNING, fmt: str = "prossimo: %(message)s") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(fmt))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
