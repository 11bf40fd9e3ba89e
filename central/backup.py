"""`prossimo-central backup PATH` and `restore PATH`: the whole database in one checked file.

Owns: the backup file's format: a magic line, then one JSON header line (format version,
backend, Alembic schema revision, SHA-256 of the payload), then the payload: a SQLite copy
made with sqlite3's backup API, or a `pg_dump -Fc` archive. Files are written 0600.
`restore` checks everything before it touches the database: not a Prossimo backup, a hash
mismatch, a schema revision this code does not know, or the other backend are refused. After
the copy it brings the schema to the newest migration and lets central.restore_state carry
across what the replaced database knew (change sequence, erasures, device credentials) and
start a new restore epoch.
Must never put a password on a command line (pg_dump/pg_restore get it as PGPASSWORD in
their environment) and never print one.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url

from central import restore_state
from central.db import alembic_config, upgrade

MAGIC = b"PROSSIMO-CENTRAL-BACKUP\n"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore refused; the message names the file and the rule."""


@dataclass(frozen=True)
class Header:
    backend: str
    schema: str
    sha256: str


def _backend(engine: Engine) -> str:
    return "sqlite" if engine.dialect.name == "sqlite" else "postgresql"


def _schema_revision(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _known_revisions(engine: Engine) -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config(engine))
    return {script.revision for script in scripts.walk_revisions()}


def _pg_tool(name: str) -> str:
    # The same places tests/pg_server.py looks: $PROSSIMO_PG_BIN, Debian's versioned folders, PATH.
    env = os.environ.get("PROSSIMO_PG_BIN")
    if env and (Path(env) / name).exists():
        return str(Path(env) / name)
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return str(found[-1])
    which = shutil.which(name)
    if which is None:
        raise BackupError(f"{name}: not found; install PostgreSQL's client programs or set PROSSIMO_PG_BIN")
    return which


def _pg_args(url: URL) -> tuple[list[str], dict[str, str]]:
    args = ["--host", url.host or "127.0.0.1", "--dbname", url.database or ""]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # environment, never argv: argv is visible to `ps`
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603 - our own argv
    if done.returncode != 0:
        # Only the exit code: the tool's text can name hosts, users and table contents.
        raise BackupError(f"{what} failed (exit {done.returncode}); the database is unchanged")


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT


def backup(engine: Engine, path: Path) -> Header:
    backend = _backend(engine)
    schema = _schema_revision(engine)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "payload"
        if backend == "sqlite":
            source = sqlite3.connect(str(make_url(str(engine.url)).database))
            target = sqlite3.connect(copy)
            try:
                source.backup(target)  # a consistent copy even while the service writes
            finally:
                target.close()
                source.close()
        else:
            url = engine.url
            args, env = _pg_args(url)
            _run([_pg_tool("pg_dump"), "-Fc", "--no-owner", "--file", str(copy), *args], env, "pg_dump")
        payload = copy.read_bytes()
    header = Header(backend=backend, schema=schema, sha256=hashlib.sha256(payload).hexdigest())
    line = json.dumps({"format": FORMAT_VERSION, **header.__dict__}, sort_keys=True).encode() + b"\n"
    _write_private(path, MAGIC + line + payload)
    return header


def read(path: Path) -> tuple[Header, bytes]:
    """The header and payload of a backup file, or BackupError naming the rule it breaks."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data.startswith(MAGIC):
        raise BackupError(f"{path}: not a Prossimo backup (it does not start with the backup's magic line)")
    line, sep, payload = data[len(MAGIC) :].partition(b"\n")
    try:
        fields = json.loads(line) if sep else {}
        header = Header(backend=fields["backend"], schema=fields["schema"], sha256=fields["sha256"])
        version = fields["format"]
    except (ValueError, TypeError, KeyError):
        raise BackupError(f"{path}: not a Prossimo backup (its header line is not readable)") from None
    if version != FORMAT_VERSION:
        raise BackupError(f"{path}: backup format {version}; this version reads format {FORMAT_VERSION}")
    if hashlib.sha256(payload).hexdigest() != header.sha256:
        raise BackupError(f"{path}: corrupted (the payload's SHA-256 does not match the header's)")
    return header, payload


def restore(engine: Engine, path: Path) -> tuple[Header, restore_state.Settled]:
    header, payload = read(path)
    backend = _backend(engine)
    if header.backend != backend:
        raise BackupError(f"{path}: a {header.backend} backup; this database is {backend}")
    if header.schema not in _known_revisions(engine):
        raise BackupError(
            f"{path}: schema revision {header.schema} is newer than this version of prossimo-central knows; "
            "restore it with the version that made it"
        )
    before = restore_state.capture(engine)  # what only the replaced database knows
    engine.dispose()  # no pooled connection of ours may hold the database while it is replaced
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "payload"
        _write_private(copy, payload)
        if backend == "sqlite":
            source = sqlite3.connect(copy)
            target = sqlite3.connect(str(make_url(str(engine.url)).database))
            try:
                source.backup(target)  # page by page under SQLite's lock: all or nothing
            finally:
                target.close()
                source.close()
        else:
            args, env = _pg_args(engine.url)
            _run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",  # a failure leaves the database as it was
                    *args,
                    str(copy),
                ],
                env,
                "pg_restore",
            )
    upgrade(engine)  # an older backup's schema is brought up before anything is written to it
    return header, restore_state.settle(engine, before)
