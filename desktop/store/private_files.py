"""Files and folders only their owner can read: 0600 and 0700, whatever the umask.

Owns: `private_dir()` (make a folder and its missing parents 0700, and tighten an
existing one this user owns), `tighten()` (an existing file this user owns becomes
0600), `write_private()` (an atomic 0600 write: temp file, fsync, rename, fsync of the
folder), and `is_disk_failure()` (which OS errors mean "the disk is full or could not
be written" rather than a missing file or a refused permission).

Every file the desktop writes into a profile folder goes through here, so the rule
lives in one place. Must never loosen a mode, never change a file or folder another
user owns (a shared parent such as ~/.local/share is left alone), and never leave a
half-written file under the real name.
"""

import errno
import os
import secrets
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
# Out of space, out of quota, over the file-size limit, or the device failed.
DISK_FAILURE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
_POSIX = os.name != "nt"  # Windows has ACLs instead; the per-user folder is private there


def is_disk_failure(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FAILURE_ERRNOS


def _tighten(path: Path, mode: int) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid != os.getuid():
        return  # not ours to change
    if info.st_mode & 0o777 & ~mode:
        path.chmod(info.st_mode & mode)


def tighten(path: Path) -> None:
    """An existing file of this user loses every group and other bit (0600 at most)."""
    if _POSIX:
        _tighten(Path(path), FILE_MODE)


def private_dir(path: Path) -> list[Path]:
    """Make `path` (and any missing parent) 0700; an existing `path` this user owns is
    tightened to 0700. Returns the folders created, outermost first, so a failed set-up
    can remove exactly what it made."""
    path = Path(path)
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing.append(folder)
    created = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to remove
        created.append(folder)
        if _POSIX:
            folder.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask
    if _POSIX:
        _tighten(path, DIR_MODE)
    return created


def create_private(path: Path) -> int:
    """Create a new file 0600 (never an existing one) and return its descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    if _POSIX:
        os.fchmod(fd, FILE_MODE)  # a umask can only take bits away, but be explicit
    return fd


def _fsync_dir(directory: Path) -> None:
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not possible on Windows; the rename is still atomic there
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_private(path: Path, data: bytes | str) -> None:
    """Atomic replace with a 0600 file: a crash or a full disk leaves the old file or the
    new one, never half of one, and no temp file behind."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = create_private(temp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
