"""After `restore`: the change sequence never goes back, a new restore epoch is served, and what only
the replaced database knew (erasures, revocations) is carried across. SQLite and PostgreSQL."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from central import audit, auth, backup, restore_state
from central.cli import main
from central.db import make_engine, session_factory
from central.erasure import erase_contact
from central.models import Counter, StoredRecord
from protocol.messages import RESTORE_EPOCH_HEADER
from tests.central.conftest import Device, World


def _seq(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.execute(select(Counter.value).where(Counter.name == "change_seq")).scalar_one())


def _sync(device: Device, epoch: str | None, *mutations: dict, cursor: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {device.token}"}
    if epoch is not None:
        headers[RESTORE_EPOCH_HEADER] = epoch
    answer = device.world.client.post(
        "/v1/sync", json={"cursor": cursor, "mutations": list(mutations)}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_restore_keeps_the_sequence_serves_an_epoch_and_carries_erasures_and_revocations(
    world: World, tmp_path: Path
) -> None:
    world.add_operator("anna", [world.team_a])
    world.add_operator("bruno", [world.team_a])
    laptop, other = world.enrol("anna"), world.enrol("bruno")
    kept = uuid.UUID(laptop.create("contact", given_name="Ada"))
    doomed = uuid.UUID(laptop.create("contact", given_name="Eva"))
    first = _sync(laptop, "none")
    assert first["restore"] is None  # never restored: no epoch yet
    assert "restore" not in _sync(laptop, None)  # a device of an older release never gets the field
    target = tmp_path / "central.backup"
    backup.backup(world.engine, target)

    laptop.create("contact", given_name="Cloe")  # after the backup: lost by the restore
    late = world.enrol("anna", "enrolled after the backup")
    with session_factory(world.engine).begin() as session:
        erase_contact(session, doomed)
        auth.revoke_device(session, other.id)
    before = _seq(world.engine)

    _, settled = backup.restore(world.engine, target)
    restored_at = settled.restored_seq
    assert restored_at < before and settled.new_seq == before and _seq(world.engine) >= before
    assert settled.lost == [(restored_at + 1, before)]
    assert settled.erasures == 1 and settled.devices == 2  # the revocation, and the device enrolled later
    after_restore = _seq(world.engine)  # the erasure taken again got a number past `before`
    assert after_restore == before + 1
    with session_factory(world.engine)() as session:
        assert session.get(StoredRecord, doomed).erased  # not undone
        assert session.get(StoredRecord, kept) is not None
        assert audit.verify(session).ok

    # A device that has not seen this epoch: its pushes wait, nothing is applied.
    held = _sync(laptop, "none", laptop.mutation("contact", "create", given_name="Held"), cursor=first["cursor"])
    assert held["results"] == [] and held["changes"] == []
    assert held["restore"]["epoch"] == settled.epoch and held["restore"]["lost"] == [[restored_at + 1, before]]
    assert _seq(world.engine) == after_restore  # the held request wrote nothing
    # A device of an older release (no header) is not held, and never gets the unknown field.
    old_release = _sync(
        laptop, None, laptop.mutation("contact", "create", given_name="Vecchia"), cursor=first["cursor"]
    )
    assert old_release["results"][0]["status"] == "applied" and "restore" not in old_release
    # With the epoch: applied, numbered after everything handed out before the restore.
    answer = _sync(laptop, settled.epoch, laptop.mutation("contact", "create", given_name="Nuova"))
    assert answer["results"][0]["status"] == "applied" and answer["results"][0]["server_version"] > before
    erased = [c for c in answer["changes"] if c.get("erased")]
    assert [c["record"]["id"] for c in erased] == [str(doomed)]  # devices are told to delete it again
    assert _sync(late, settled.epoch)["results"] == []  # the later enrolment's token still works
    # The device revoked after the backup stays revoked.
    refused = world.client.post(
        "/v1/sync", json={"cursor": None, "mutations": []}, headers={"Authorization": f"Bearer {other.token}"}
    )
    assert refused.status_code == 410


def test_a_second_restore_keeps_the_first_ones_lost_range(world: World, tmp_path: Path) -> None:
    world.add_operator("anna", [world.team_a])
    laptop = world.enrol("anna")
    laptop.create("contact", given_name="Ada")
    old = tmp_path / "old.backup"
    backup.backup(world.engine, old)
    laptop.create("contact", given_name="Bea")
    _, first = backup.restore(world.engine, old)
    newer = tmp_path / "newer.backup"
    backup.backup(world.engine, newer)  # carries the first restore's lost range
    _sync(laptop, first.epoch, laptop.mutation("contact", "create", given_name="Cloe"))
    top = _seq(world.engine)
    _, second = backup.restore(world.engine, newer)
    assert second.epoch != first.epoch
    assert second.lost == [*first.lost, (second.restored_seq + 1, top)]
    assert _seq(world.engine) >= top


def test_a_restore_onto_a_new_server_jumps_the_sequence_and_says_what_it_cannot_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = f"sqlite:///{tmp_path / 'old.db'}", f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["--db", old, "init", "--key-file", str(tmp_path / "k")]) == 0
    assert main(["--db", old, "org", "add", "Lodi"]) == 0
    target = tmp_path / "central.backup"
    assert main(["--db", old, "backup", str(target)]) == 0
    capsys.readouterr()
    assert main(["--db", new, "restore", str(target)]) == 0  # nothing there to read: a disaster restore
    said = capsys.readouterr().out
    assert "was empty or could not be read" in said and "1,000,000,000 numbers left" in said
    engine = make_engine(new)
    try:
        assert _seq(engine) == restore_state.UNKNOWN_GAP + 0
        with session_factory(engine)() as session:
            info = restore_state.current(session)
        assert info is not None and info.lost == [(1, restore_state.UNKNOWN_GAP)]
    finally:
        engine.dispose()
