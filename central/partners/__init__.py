"""The partner pages: people of a provider named in the directory keep their services current.

Owns: partner accounts, invitations, sessions and the second factor (central.partners.accounts),
the pages under /partner/ (central.partners.pages), their security headers
(central.help.headers.PageHeaders, shared with the help desk) and catalogues
(central.partners.i18n). A change to a service goes
through central.directory.change_resource, the directory's one path with a change sequence and
an audit entry, so devices receive it at their next sync.
Must never show or change another provider's service (404, never 403), load anything from
another origin, run inline script, or log a password, token, code or address.
"""
