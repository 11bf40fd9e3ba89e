"""The one source of "now" for stamping records: an aware UTC instant.

Owns: `utc_now()`, used by the device's store and the central service alike, so both
sides stamp `created_at`, `updated_at`, audit entries and expiries the same way.

Must never return a naive or a local datetime (SQLite hands back naive ones: they are
made aware where they are read, not here), and never read a clock other than the
system's (tests that need another time pass a clock of their own to the code that
takes one).
"""

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
