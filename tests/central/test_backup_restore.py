"""Restore drill for `prossimo-central backup` / `restore`, on SQLite and on a real PostgreSQL.

Data is made and read with the CLI itself (central.cli.main, in process: seconds, not minutes).
"""

import json
import stat
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from central import backup
from central.cli import main
from central.db import MIGRATIONS_DIR

NEWEST = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()  # the newest migration's revision


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _orgs(url: str) -> set[str]:
    from sqlalchemy import select

    from central.db import make_engine, session_factory
    from central.models import Organisation

    probe = make_engine(url)
    try:
        with session_factory(probe)() as session:
            return set(session.execute(select(Organisation.name)).scalars())
    finally:
        probe.dispose()


def test_backup_change_restore_brings_the_data_back(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    engine.dispose()
    assert main(["--db", url, "org", "add", "Cooperativa Lodi"]) == 0
    target = tmp_path / "central.backup"
    assert main(["--db", url, "backup", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert main(["--db", url, "org", "add", "After the backup"]) == 0
    assert _orgs(url) == {"Cooperativa Lodi", "After the backup"}

    assert main(["--db", url, "restore", str(target)]) == 0
    assert _orgs(url) == {"Cooperativa Lodi"}
    assert main(["--db", url, "audit", "verify"]) == 0  # the restored audit chain is whole


def _refused(url: str, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--db", url, "restore", str(path)]) == 2
    return capsys.readouterr().err


def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    engine.dispose()
    assert main(["--db", url, "org", "add", "Before"]) == 0
    good = tmp_path / "good.backup"
    assert main(["--db", url, "backup", str(good)]) == 0
    assert main(["--db", url, "org", "add", "Kept"]) == 0
    data = good.read_bytes()
    magic, header_line, payload = data.split(b"\n", 2)
    header = json.loads(header_line)

    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert "not a Prossimo backup" in _refused(url, foreign, capsys)

    corrupt = tmp_path / "corrupt.backup"
    flipped = bytes([payload[-1] ^ 0xFF])
    corrupt.write_bytes(data[:-1] + flipped)
    assert "corrupted" in _refused(url, corrupt, capsys)

    def rewritten(name: str, **changes: str) -> Path:
        path = tmp_path / name
        line = json.dumps({**header, **changes}, sort_keys=True).encode()
        path.write_bytes(magic + b"\n" + line + b"\n" + payload)
        return path

    newer = rewritten("newer.backup", schema="9999_" + uuid.uuid4().hex[:6])
    assert "newer than this version" in _refused(url, newer, capsys)
    other = "postgresql" if header["backend"] == "sqlite" else "sqlite"
    message = _refused(url, rewritten("other.backup", backend=other), capsys)
    assert f"a {other} backup" in message and "nothing was restored" in message
    assert "Traceback" not in message

    assert _orgs(url) == {"Before", "Kept"}  # every refusal left the database as it was


def test_a_backup_file_is_read_back_with_its_header(engine: Engine, tmp_path: Path) -> None:
    target = tmp_path / "b"
    written = backup.backup(engine, target)
    read, payload = backup.read(target)
    assert read == written and read.schema == NEWEST and len(payload) > 0


def test_migrate_brings_an_empty_database_to_the_newest_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["--db", url, "migrate"]) == 0
    assert f"revision {NEWEST}" in capsys.readouterr().out
    assert main(["--db", url, "migrate"]) == 0  # a second run finds nothing to do
    assert main(["--db", url, "org", "add", "Lodi"]) == 0  # the tables are there
    assert not (tmp_path / "fresh.key").exists()  # migrate touches the schema only


def test_a_restore_keeps_partner_accounts_and_used_invitations_as_they_became(engine: Engine, tmp_path: Path) -> None:
    """An invitation used after the backup stays used, the account it made stays, sessions end."""
    import datetime as dt

    from sqlalchemy import func, select

    from central.db import make_engine, session_factory
    from central.models import Organisation, PartnerAccount, PartnerSession
    from central.partners import accounts
    from protocol import hsds
    from protocol.clock import utc_now
    from tests.central.test_partners import FOOD_BANK, PARTNER_PASSWORD, _resource

    url = _url(engine)
    engine.dispose()
    assert main(["--db", url, "org", "add", "Cooperativa Lodi"]) == 0
    hsds.export_directory([_resource(FOOD_BANK, "Mensa", "Codogno", dt.date(2026, 1, 1))], tmp_path / "d.json")
    assert main(["--db", url, "directory", "import", str(tmp_path / "d.json")]) == 0
    probe = make_engine(url)
    try:
        with session_factory(probe).begin() as session:
            org_id = session.execute(select(Organisation.id)).scalar_one()
            provider = accounts.find_provider(session, org_id, FOOD_BANK)
            first, _ = accounts.invite(session, org_id, provider, "anna@banco.example.org", utc_now())
            second, _ = accounts.invite(session, org_id, provider, "bruno@banco.example.org", utc_now())
        target = tmp_path / "central.backup"
        assert main(["--db", url, "backup", str(target)]) == 0
        with session_factory(probe).begin() as session:  # after the backup: both used
            for token in (first, second):
                account = accounts.accept(session, token, PARTNER_PASSWORD, utc_now())
                accounts.open_session(session, account, utc_now())
        probe.dispose()
        assert main(["--db", url, "restore", str(target)]) == 0
        with session_factory(probe)() as session:
            for token in (first, second):
                with pytest.raises(accounts.InvitationProblem) as problem:
                    accounts.invitation(session, token, utc_now())
                assert problem.value.reason == "used"
            emails = set(session.execute(select(PartnerAccount.email)).scalars())
            assert emails == {"anna@banco.example.org", "bruno@banco.example.org"}
            assert accounts.check_login(session, "anna@banco.example.org", PARTNER_PASSWORD) is not None
            assert session.execute(select(func.count()).select_from(PartnerSession)).scalar_one() == 0
    finally:
        probe.dispose()
