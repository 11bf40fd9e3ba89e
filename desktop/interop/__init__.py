"""File formats other programs read and write: iCalendar for appointments, vCard for services.

Owns: turning protocol records into the bytes of an interchange file and, for
iCalendar, reading such a file back into validated appointment fields
(`icalendar_files`, `vcard`). Pure functions over records and bytes.

Must never import Qt, the store or a database driver (the store calls these
modules, the UI reaches them only through the store or with a record in hand),
never read or write a file itself, and never put a person's name or home
address into a file unless the caller asked for it.
"""
