"""The street-outreach screens (issue 18, parts 1, 2, 3 and the stock warning of part 5).

Owns: the Street outreach screen (`page.OutreachPage`: start, end and edit a shift), its
quick-encounter panel (`quick.QuickEncounter`), the shift form (`shift_form.ShiftForm`), the
code maker (`code_maker.CodeMakerDialog`) and the low-stock words Today shows too (`stock`).
Must never hold a rule of its own: every count, rule and query is protocol.outreach's,
protocol.client_codes' or desktop.store.outreach_queries', the same the CLI calls.
"""
