"""Names that vulture sees defined but never used, and that are used all the same.

Read by vulture only (see [tool.vulture] in pyproject.toml and tests/test_code_quality.py's
`test_no_dead_code`); never imported. Vulture matches by name, so one line covers every
definition of that name. Each entry says who uses it: a framework calling it by its name, or
a test or benchmark reaching into a widget on purpose. Must never list code that nothing uses:
delete that instead. Decorated framework hooks (FastAPI routes, pydantic validators,
SQLAlchemy event listeners) are covered by `ignore_decorators` in pyproject.toml.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# --- Qt calls these by name ----------------------------------------------------------------
_.paintEvent  # QWidget virtuals
_.mouseDoubleClickEvent
_.wheelEvent
_.headerData  # QAbstractItemModel
_.nextId  # QWizardPage
_.validatePage
_.shape  # QGraphicsItem: the area a click hits
_.drawForeground  # QGraphicsView
_._session_locked  # D-Bus slots of idle.AutoLock, connected by their signature text
_._preparing_for_sleep
_._screensaver

# --- the shell loads its pages by module and class name (main_window.SCREENS) ---------------
_.TodayPage
_.CalendarPage
_.IntakePage
_.ReportsPage
_.SettingsPage
_.SyncPage

# --- the help desk's interface (issue 17): called by its pages under /help/ (central) and by the
# Calendar and Intake screens (desktop), which are being built beside it; tests call them now ----
_.free_slots  # central.help_desk
_.book
_.purge_expired
_.offer_slot  # desktop.store.slot_queries
_.withdraw_slot
_.remove_slot
_.slots_between
_.confirm_booking
_.decline_booking
_.write_reply

# --- the libraries read or call these ------------------------------------------------------
_.model_config  # pydantic
_.new_device_token  # pydantic fields of the wire messages: read from the JSON, by the other side
_.protocol_version
_.impl  # SQLAlchemy TypeDecorator (central.models.UtcTimestamp)
_.cache_ok
_.process_bind_param
_.process_result_value
_.address_hash  # a mapped column, the primary key of intake_rate; SQLAlchemy reads it
_.isolation_level  # set on the DB-API connection: the drivers read it
_.autocommit
_.route_class  # set on FastAPI's router: it builds every later route with it
_.create_app_from_env  # uvicorn imports it by its "central.app:create_app_from_env" text
_.should_exit  # set on uvicorn.Server: its loop reads it
_.exc_text  # set on a logging.LogRecord: the formatter reads it

# --- read by tests and benchmarks on purpose ----------------------------------------------------
# The dialog a page has open, so a test can answer it as a person would.
_.accept_dialog
_.decline_dialog
_.confirm_booking_dialog
_.decline_booking_dialog
_.sign_out_dialog
_.discard_confirmation
_.referral_dialog
_.handout_dialog
_.contact_picker
_.card_chooser
_.yes_button
_.keep_button
# What a screen last said or did, for a test to check without reading pixels.
_.last_result  # calendar import/export
_.last_text  # reminders
_.clash_text  # the appointment form's overlap warning
_.chosen_id  # the contact picker's answer
_.marker_position  # where the map drew a service: the map tests click there
_.rows_fetched  # the contact list's lazy loading: tests and bench/ui_bench.py count fetches
_.is_loaded
_.is_open  # desktop.store.worker.StoreWorker: tests wait for the store to close
_.minutes_before  # a field of calendar_queries.DueReminder, checked by its test
# Rule tables whose test walks them: the rule lives in one place, its test reads it there.
_.named_fields  # messages: every record field has words (tests/ui/test_messages.py)
_.STYLED_CLASSES  # style: every class the stylesheet styles shows focus (test_accessibility)
_.NOT_REFERENCES  # relations: every UUID field is a reference or listed here (test_relations)
# The demo data's published sizes, used by tests, benchmarks and scripts/generate_lodi_directory.py.
_.MUNICIPALITIES
_.DIRECTORY_SIZE
_.DIRECTORY_SEED
# Type-only declarations: their parameters are the signature the checker compares against.
_.__call__  # desktop.ui.context.LockNow, a Protocol
_.disambiguation  # desktop.ui.i18n.TextContext.tr, the stub of Qt's own tr
# TUF: fields python-tuf reads (Timestamp.snapshot_meta) and the fetcher method it calls (_fetch).
_.snapshot_meta
_._fetch
_.downloaded  # desktop.ui.update_notice: where the verified download went (its UI test reads it)
# Named in a logging dictConfig by its import path (central.json_logs.log_config), never called by name.
_.JsonFormatter
_.builds  # central.help.services.PublicDirectory: how often the index was built (its tests count rebuilds)
_.set_heat  # map_view: the heat layer the shift screen (desktop/ui/outreach) draws; tests/ui/test_heat_layer.py
