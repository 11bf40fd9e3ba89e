"""The Contacts screen: the lazy contact list, search and filters, a contact's detail and forms.

Owns the package layout: `page` (the screen), `model` (ids and lazily fetched
rows), `detail` (one contact), `form` (create and edit), `dialogs` (note,
consent, relationship, confirmation). The SQL behind them lives in
`desktop.store.contact_queries`; nothing here may talk to the database directly.
"""

from desktop.ui.contacts.page import ContactsPage

__all__ = ["ContactsPage"]
