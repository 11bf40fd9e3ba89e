"""Migration 0007 (partner accounts) applies whole or not at all, on SQLite and PostgreSQL: a
database where its last table cannot be made keeps the schema it had, no partner table half made."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from central.db import alembic_config, make_engine, upgrade
from tests import pg_server


@pytest.fixture(params=["sqlite", "postgresql"])
def bare_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        server = request.getfixturevalue("postgres")
        if server is None:
            pytest.skip(pg_server.skip_reason() or "PostgreSQL unavailable")
        url = server.create_database(f"m_{uuid.uuid4().hex[:12]}")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _revision(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def test_a_failing_partner_migration_leaves_the_schema_as_it_was(bare_engine: Engine) -> None:
    command.upgrade(alembic_config(bare_engine), "0006_help_counts")
    with bare_engine.begin() as connection:  # in the way of the migration's last table
        connection.execute(text("CREATE TABLE partner_setting (x INTEGER)"))
    with pytest.raises(Exception, match="partner_setting"):
        upgrade(bare_engine)
    tables = set(inspect(bare_engine).get_table_names())
    assert not {"partner_account", "partner_invitation", "partner_session"} & tables
    assert _revision(bare_engine) == "0006_help_counts"
    with bare_engine.begin() as connection:
        connection.execute(text("DROP TABLE partner_setting"))
    upgrade(bare_engine)
    # The head (later migrations, 0008 and on, apply after 0007 in the same upgrade).
    assert _revision(bare_engine) == ScriptDirectory.from_config(alembic_config(bare_engine)).get_current_head()
    assert {"partner_account", "partner_invitation", "partner_session", "partner_setting"} <= set(
        inspect(bare_engine).get_table_names()
    )
