"""The redaction filter masks secrets that slip into log messages."""

import logging

import pytest

from desktop.log_redaction import MASK, RedactingFilter, redact


@pytest.mark.parametrize(
    "secret",
    [
        "x'" + "ab" * 32 + "'",
        "0f" * 32,
        "dGhpcy1pcy1hLWRldmljZS10b2tlbi1vZi1zb21lLWxlbmd0aA",
        "anna.virtanen@example.org",
    ],
)
def test_secrets_are_masked(secret: str) -> None:
    assert secret not in redact(f"failed with {secret} in it")
    assert MASK in redact(f"failed with {secret} in it")


def test_ordinary_messages_pass_unchanged() -> None:
    text = "system keyring did not answer load within 3.0 s; profile 0190f0c2-0000-7000-8000-000000000001"
    assert redact(text) == text


def test_filter_rewrites_records_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("redaction-test")
    logger.addFilter(RedactingFilter())
    key = "9c" * 32
    with caplog.at_level(logging.WARNING, logger="redaction-test"):
        logger.warning("opening with %s", key)
        try:
            raise RuntimeError(f"bad key {key}")
        except RuntimeError:
            logger.exception("open failed")
    assert key not in caplog.text
    assert caplog.text.count(MASK) >= 2
