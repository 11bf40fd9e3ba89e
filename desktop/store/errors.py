"""Errors the store raises, grouped by what the operator can do about them.

Owns: the exception types of `desktop.store` (key errors live in `keys`).
Must never put record contents or key material in a message.
"""


class StoreError(Exception):
    """Base of every store error."""


class StoreLocked(StoreError):
    """The store cannot be opened with the key at hand (wrong key, no key)."""


class StoreCorrupt(StoreError):
    """The database file is missing, truncated, damaged or not ours. Never recreated."""


class StoreTooNew(StoreError):
    """The database was written by a newer Prossimo; it is left untouched."""


class RecordNotFound(StoreError):
    """No record with that id (or it is a tombstone where a live record is needed)."""


class RuleViolation(StoreError):
    """A write breaks a store rule; the message names the field and the rule."""


class StorageFailure(StoreError):
    """The disk is full or could not be read or written (SQLITE_FULL, SQLITE_IOERR, ENOSPC,
    EDQUOT, EFBIG, EIO). An operating-system condition, not damage: the failed write was
    rolled back, and what was stored before is intact."""
