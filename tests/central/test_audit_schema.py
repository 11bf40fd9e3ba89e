"""The audit chain catches tampering; the migrated schema matches the models; OpenAPI is current."""

import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from central import audit
from central.app import create_app
from central.db import session_factory
from central.models import Base
from tests.central.conftest import World

OPENAPI = Path(__file__).parents[2] / "docs" / "openapi.json"


def _with_some_history(world: World) -> None:
    world.add_operator("anna", [world.team_a])
    anna = world.enrol("anna")
    for name in ("Aino", "Eino", "Siiri"):
        anna.create("contact", given_name=name)


def _verify(world: World) -> audit.AuditReport:
    with session_factory(world.engine)() as session:
        return audit.verify(session)


def test_untouched_log_verifies(world: World) -> None:
    _with_some_history(world)
    report = _verify(world)
    assert report.ok and report.entries >= 5


def test_an_edited_entry_is_detected(world: World) -> None:
    _with_some_history(world)
    with world.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET action = 'contact.read' WHERE seq = 3"))
    problems = _verify(world).problems
    assert problems == ["entry 3: content was changed after it was written"]


def test_a_deleted_middle_entry_is_detected(world: World) -> None:
    _with_some_history(world)
    with world.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
    problems = _verify(world).problems
    assert "entries 2..2 are missing" in problems


def test_deleting_the_newest_entries_is_detected(world: World) -> None:
    _with_some_history(world)
    with world.engine.begin() as conn:
        last = conn.execute(text("SELECT max(seq) FROM audit_entry")).scalar_one()
        conn.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": last})
    assert any("newest entries removed" in p for p in _verify(world).problems)


def test_migrations_build_exactly_the_models(world: World) -> None:
    with world.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_openapi_document_is_current(world: World) -> None:
    current = create_app(world.engine).openapi()
    assert OPENAPI.exists(), "run: python -m central.openapi"
    assert json.loads(OPENAPI.read_text(encoding="utf-8")) == current, (
        "docs/openapi.json is stale: run `python -m central.openapi`"
    )
