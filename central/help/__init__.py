"""The public help desk: server-rendered pages under /help/ for people who would not walk in.

Owns: its pages (central.help.pages), their languages and catalogues (central.help.i18n), the
first-contact form (central.help.forms), the form token (central.help.form_token), the pages'
security headers (central.help.headers) and the information pages and testimonies
(central.help.content). A first contact is handed to central.intake, which owns its rules.
Must never set a cookie, load anything from another origin, run inline script, or keep a
visitor's address.
"""
