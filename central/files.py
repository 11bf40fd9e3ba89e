"""Private files and folders of the central service: 0600 files in 0700 folders, whatever the umask.

Owns: the platform data folder (the default home of the SQLite database and of the key
file), making folders and files that did not exist with private modes, and the rule for
what already exists: the data folder is Prossimo's by its name, so it and the database
files in it are tightened; a folder someone else made (e.g. the parent of a `--db` path
that already existed) is left as it is, since it may hold other things.
Must never chmod anything it did not make outside the Prossimo data folder.
"""

import os
import secrets
from pathlib import Path

import platformdirs

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite gives these the database file's mode


def data_folder() -> Path:
    """The platform data folder ("Prossimo Central"), made or tightened to 0700."""
    folder = Path(platformdirs.user_data_dir("Prossimo Central", appauthor=False))
    make_folder(folder)
    folder.chmod(FOLDER_MODE)  # ours by name: an older version made it 0755
    return folder


def is_data_folder(folder: Path) -> bool:
    return folder.resolve() == Path(platformdirs.user_data_dir("Prossimo Central", appauthor=False)).resolve()


def make_folder(folder: Path) -> None:
    """Make `folder` and any missing parents 0700 (the umask cannot loosen them); existing ones
    are left alone."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # another process made it meanwhile; theirs, keep its mode
        path.chmod(FOLDER_MODE)


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file if `path` does not exist; True if this call made it."""
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.fchmod(handle, FILE_MODE)
    finally:
        os.close(handle)
    return True


def write_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Temp file in the same folder (exactly `mode`, whatever the umask), fsync, rename: a
    reader sees the old file or the new one, never half of one, and no temp file is left."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        if os.name != "nt":
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def prepare_sqlite_file(database: Path) -> None:
    """Before SQLite opens `database`: its folder exists (made 0700 if new) and the file exists
    0600, so the -wal and -shm SQLite makes beside it are 0600 too. In the data folder, files an
    older version made 0644 are tightened."""
    folder = database.parent
    make_folder(folder)
    if is_data_folder(folder):
        folder.chmod(FOLDER_MODE)
        for suffix in SQLITE_COMPANIONS:
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                companion.chmod(FILE_MODE)
    create_private_file(database)
