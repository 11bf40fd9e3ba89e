"""The organisation's client-code key on the service (central.client_codes), on SQLite and
PostgreSQL: made once, the same for every device, sealed under the key file, and not given out
(one log line, no secret) under another key file."""

import logging
import secrets
import uuid

import pytest
from sqlalchemy import Engine

from central import client_codes
from central.db import session_factory
from central.models import Organisation
from protocol.client_codes import DEFAULT_RECIPE


def _org(engine: Engine) -> uuid.UUID:
    with session_factory(engine).begin() as session:
        org = Organisation(id=uuid.uuid4(), name=f"Org {uuid.uuid4().hex[:8]}")
        session.add(org)
    return org.id


def test_the_key_is_made_once_sealed_and_refused_under_another_key_file(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    key_file = secrets.token_bytes(32)
    org, other_org = _org(engine), _org(engine)
    with engine.begin() as connection:
        first = client_codes.issue(connection, key_file, org)
    with engine.begin() as connection:
        again = client_codes.issue(connection, key_file, org)
        other = client_codes.issue(connection, key_file, other_org)
    assert first is not None and again == first and first.recipe == DEFAULT_RECIPE.as_json()
    assert other is not None and other.key != first.key
    with session_factory(engine)() as session:
        sealed = session.get(Organisation, org).code_key_sealed
        assert sealed is not None and first.key not in sealed and bytes.fromhex(first.key).hex() not in sealed
    with caplog.at_level(logging.ERROR, logger="central.client_codes"), engine.begin() as connection:
        assert client_codes.issue(connection, secrets.token_bytes(32), org) is None
    assert [r.getMessage() for r in caplog.records] == [
        f"organisation {org}: its client-code key was sealed under another key file; restore this "
        "deployment's key file (devices get no code key until then)"
    ]
    with engine.begin() as connection:  # nothing was replaced: the right key file still opens it
        assert client_codes.issue(connection, key_file, org) == first
