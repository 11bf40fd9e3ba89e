# Types for sqlcipher3, which ships none (read by mypy: see mypy_path in pyproject.toml).
#
# sqlcipher3 is pysqlite3, the standard library's sqlite3 module packaged apart, built against
# SQLCipher: the same DB-API, classes and constants under another name. What SQLCipher adds is
# reached through PRAGMAs in SQL, so the standard module's types describe it exactly.

from sqlite3 import *  # noqa: F403 - the point: every name of sqlite3, under sqlcipher3
