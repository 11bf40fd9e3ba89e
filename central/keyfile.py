"""The central service's key file: the secret behind the throttles' HMACs, kept outside the database.

Owns: where the key file is (`--key-file`, else $PROSSIMO_CENTRAL_KEY_FILE, else beside a
SQLite database file, else in the platform data folder), making it once (32 random bytes
as hex, 0600, atomically, so API processes starting together read one key), refusing a key
file others can read, and `open_key`: the database keeps an HMAC check value of its key (never
the key), so a process holding another key file refuses to start instead of silently keeping
counters of its own.
Must never write the key into the database, a log line, an error message or a command line.
"""

import os
import secrets
import stat
from pathlib import Path

from sqlalchemy import Engine, delete
from sqlalchemy.engine import make_url

from central import files, security
from central.db import session_factory
from central.models import IntakeRate, LoginThrottle, ServiceSetting

KEY_ENV = "PROSSIMO_CENTRAL_KEY_FILE"
CHECK_SETTING = "key_check"
KEY_BYTES = 32


class KeyFileError(Exception):
    pass


def default_path(db_url: str) -> Path:
    """Beside a SQLite file (central.db -> central.key), else in the platform data folder."""
    url = make_url(db_url)
    if (
        url.get_backend_name() == "sqlite"
        and url.database
        and url.database != ":memory:"
        and not url.database.startswith("file:")
    ):
        return Path(url.database).with_suffix(".key")
    return files.data_folder() / "central.key"


def resolve(option: str | None, db_url: str) -> Path:
    given = option or os.environ.get(KEY_ENV)
    return Path(given).expanduser().absolute() if given else default_path(db_url).absolute()


def load(path: Path) -> bytes:
    """The key in `path`; refused if group or others may read it, or if it is not a key file."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise KeyFileError(f"key file {path}: does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"key file {path}: cannot be read ({type(exc).__name__})") from None
    if mode & 0o077:
        raise KeyFileError(f"key file {path}: readable by others (mode {mode:04o}); run chmod 600 {path}")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        raise KeyFileError(f"key file {path}: not a Prossimo key file (expected {2 * KEY_BYTES} hex digits)")
    return key


def _write_new(path: Path, replace: bool) -> None:
    """A new random key at `path`: written to a private temporary file first, then linked (or,
    to replace, renamed) into place, so no reader ever sees half a key."""
    files.make_folder(path.parent)
    if files.is_data_folder(path.parent):
        path.parent.chmod(files.FOLDER_MODE)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    files.create_private_file(temporary)
    try:
        with temporary.open("w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process made it first: everyone reads that one
    finally:
        temporary.unlink(missing_ok=True)


def load_or_create(path: Path) -> bytes:
    if not path.exists():
        _write_new(path, replace=False)
    return load(path)


def _check_value(key: bytes) -> str:
    return security.keyed_hash(key, "key-check", "prossimo-central")


def open_key(engine: Engine, path: Path, new: bool = False) -> bytes:
    """This deployment's key, from `path`, checked against the database (see the module doc).

    The first start makes the key file and records its check value; `new` replaces a lost key
    (every throttle counter starts again, since they were keyed with the old one).
    """
    with session_factory(engine).begin() as session:
        row = session.get(ServiceSetting, CHECK_SETTING, with_for_update=True)
        if new:
            _write_new(path, replace=True)
        elif not path.exists() and row is not None:
            raise KeyFileError(
                f"key file {path}: does not exist, and this database already has a key: copy the key file "
                "every API process of this deployment uses, or run `prossimo-central init --new-key` "
                "if it is lost (rate-limit and login counters start again)"
            )
        key = load_or_create(path)
        check = _check_value(key)
        if row is None:
            session.add(ServiceSetting(name=CHECK_SETTING, value=check))
        elif not security.same_hash(row.value, check):
            if not new:
                raise KeyFileError(
                    f"key file {path}: not this deployment's key; every API process must read the same key "
                    "file (copy it from the first API machine), or run `prossimo-central init --new-key` "
                    "if it is lost (rate-limit and login counters start again)"
                )
            row.value = check
            session.execute(delete(LoginThrottle))
            session.execute(delete(IntakeRate))
    return key
