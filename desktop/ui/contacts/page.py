"""The Contacts screen: a searchable, filterable list of every contact, and one contact's detail.

Owns: `ContactsPage`. The list is a `ContactListModel` (ids only, rows fetched
lazily in blocks), so 100k contacts open as fast as 100. Typing searches the FTS
index at once, one query at a time (`LatestQuery`): only the newest question's answer is shown. Team,
municipality and tag filters combine with the search. The municipality and tag
choices come from a scan of the whole table, done in slices on the store thread
after the list has painted (tags exist only inside the records' bodies).

Must never load every contact's contents, never block the UI thread on the
store, and never reload for a change to something it does not show.
"""

import uuid

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store import contact_queries
from desktop.store.contact_queries import ContactFilter, FilterOptions, SearchResult
from desktop.store.session import StoreSession
from desktop.ui.contacts.detail import ContactDetail
from desktop.ui.contacts.dialogs import dispose
from desktop.ui.contacts.form import ContactForm
from desktop.ui.contacts.model import ID_ROLE, MUNICIPALITY, NAME, PHONE, TAGS, TEAM, ContactListModel
from desktop.ui.context import UiContext
from desktop.ui.latest_query import LatestQuery
from protocol import Contact

CHANGE_PAUSE_MS = 150  # a sync applying pages emits bursts of changes: reload once per burst
OPTIONS_PAUSE_MS = 2_000  # the filter choices may lag a little behind new contacts


class ContactsPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.list_query = LatestQuery(context.store, self)  # the list's ids: search text and filters
        self.contact_form: ContactForm | None = None
        self._options_generation = 0
        self._options_started = False
        self._stale = False
        self._keep_id: uuid.UUID | None = None
        self.truncated = False

        self.model = ContactListModel(context, self)
        self.list_panel = self._build_list_panel()
        self.detail = ContactDetail(context)
        self.detail.closed.connect(self.show_list)
        self.detail.openContact.connect(self.show_record)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_panel)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.team_filter)
        self.setTabOrder(self.team_filter, self.municipality_filter)
        self.setTabOrder(self.municipality_filter, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.table)
        self._build_triggers()
        context.store.changed.connect(self._store_changed)
        self.reload()

    def _build_list_panel(self) -> QWidget:
        """Search and "New contact", the filters, the status line and the table."""
        top = self._build_search()
        filters = self._build_filters()
        self.status = QLabel(self.tr("Loading contacts…"))
        self.status.setAccessibleName(self.tr("List status"))
        self._build_table()
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.status)
        list_layout.addWidget(self.table, 1)
        return list_panel

    def _build_search(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a name, alias, municipality, phone or tag"))
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        self.new_button = QPushButton(self.tr("&New contact…"))
        self.new_button.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_button.clicked.connect(self.new_contact)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        return top

    def _build_filters(self) -> QHBoxLayout:
        """Team, municipality and tag; the last two are filled from the contacts once loaded."""
        self.team_filter = self._combo(self.tr("Filter by team"), self.tr("All teams"))
        for team in self.context.teams:
            self.team_filter.addItem(team.name, team.id)
        self.municipality_filter = self._combo(self.tr("Filter by municipality"), self.tr("All municipalities"))
        self.tag_filter = self._combo(self.tr("Filter by tag"), self.tr("All tags"))
        for combo in (self.team_filter, self.municipality_filter, self.tag_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        filters = QHBoxLayout()
        for caption, combo in (
            (self.tr("&Team:"), self.team_filter),
            (self.tr("&Municipality:"), self.municipality_filter),
            (self.tr("Ta&g:"), self.tag_filter),
        ):
            label = QLabel(caption)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        return filters

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never asks 100k rows for their size.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.fontMetrics().height() * 1.6))
        self._size_columns()
        self.table.activated.connect(self._activated)
        self.model.visible_rows = self._visible_rows
        self.model.blockArrived.connect(lambda _first, _last: self._start_options())

    def _build_triggers(self) -> None:
        """Ctrl+F, and the timers that gather typing and bursts of store changes into one reload."""
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._focus_search)
        find.setWhatsThis(self.tr("Go to the search"))  # listed by the shortcuts help (F1)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.search.returnPressed.connect(self._search_entered)
        self._change_timer = QTimer(self, singleShot=True, interval=CHANGE_PAUSE_MS)
        self._change_timer.timeout.connect(self.reload)
        self._options_timer = QTimer(self, singleShot=True, interval=OPTIONS_PAUSE_MS)
        self._options_timer.timeout.connect(self._scan_options)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    # --- navigation ----------------------------------------------------------------------------

    def show_record(self, contact_id: uuid.UUID) -> None:
        """Open one contact's detail (the main window calls this on navigation)."""
        row = self.model.row_of(contact_id)
        if row is not None:
            self.table.selectRow(row)
        self._keep_id = contact_id
        self.stack.setCurrentWidget(self.detail)
        self.detail.load(contact_id)
        self.detail.back_button.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_panel)
        self.table.setFocus()

    def _activated(self, index: object) -> None:
        contact_id = self.model.data(index, ID_ROLE)  # type: ignore[arg-type]
        if isinstance(contact_id, uuid.UUID):
            self.show_record(contact_id)

    def _focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def _search_entered(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow in the search box goes to the results, as in any search field.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
                self._search_entered()
                return True
        return super().eventFilter(watched, event)

    def new_contact(self) -> None:
        dispose(self.contact_form)
        self.contact_form = ContactForm(self.context, None, self)
        self.contact_form.saved.connect(lambda contact: self._created(contact))
        self.contact_form.open()

    def _created(self, contact: Contact) -> None:
        self.show_record(contact.id)

    # --- the list --------------------------------------------------------------------------------

    def filters(self) -> ContactFilter:
        return ContactFilter(
            team_id=self.team_filter.currentData(),
            municipality=self.municipality_filter.currentData(),
            tag=self.tag_filter.currentData(),
        )

    def reload(self) -> None:
        """Ask for the ids the list should show now (search text and filters)."""
        self._change_timer.stop()
        text, filters = self.search.text().strip(), self.filters()
        current = self.selected_id()
        if current is not None:
            self._keep_id = current

        def query(session: StoreSession) -> SearchResult:
            if text:
                return contact_queries.search_ids(session, text, filters)
            return SearchResult(contact_queries.ordered_ids(session, filters), False)

        self.list_query.ask(query, lambda result: self._show_ids(text, result))

    def _show_ids(self, text: str, result: SearchResult) -> None:
        keep = self._keep_id
        self.truncated = result.truncated
        self.model.set_ids(result.ids)
        row = self.model.row_of(keep)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        count = len(result.ids)
        status = self._status_text(count, bool(text), result.truncated)
        if result.incomplete:  # a first sync has not finished: its records are not all findable yet
            notice = self.tr("The search index is being built: some contacts are not found yet.")
            status = f"{status} {notice}"
        self.status.setText(status)
        if count == 0:
            self._start_options()

    def _status_text(self, count: int, searching: bool, truncated: bool) -> str:
        # Separate literals for one and many: English has no catalogue to supply "%n" plurals.
        number = QLocale().toString(count)
        if truncated:
            return self.tr("Showing the first {count} matches; type more to narrow the search.").format(count=number)
        if searching:
            return self.tr("1 match") if count == 1 else self.tr("{count} matches").format(count=number)
        if not self.filters().empty:
            return (
                self.tr("1 contact matches the filters")
                if count == 1
                else self.tr("{count} contacts match the filters").format(count=number)
            )
        return self.tr("1 contact") if count == 1 else self.tr("{count} contacts").format(count=number)

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _size_columns(self) -> None:
        """Phone fits a whole number, Name takes the room left, Tags gets a fair share and
        is elided past it (it took half the table, and cut Phone short, as the last section)."""
        columns = self.table.horizontalHeader()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # Cell padding: the focus frame either side, and a little air before the next column.
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        char = metrics.averageCharWidth()
        widths = {
            MUNICIPALITY: char * 27,
            TEAM: char * 18,
            TAGS: char * 32,
            PHONE: metrics.horizontalAdvance("+39 0371 123 45678") + padding,
        }
        for column, width in widths.items():
            columns.resizeSection(column, width)
        columns.setMinimumSectionSize(char * 8)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

    def _visible_rows(self) -> tuple[int, int]:
        first = self.table.rowAt(0)
        if first < 0:
            return -1, -1
        last = self.table.rowAt(self.table.viewport().height() - 1)
        return first, last if last >= 0 else self.model.rowCount() - 1

    def _store_changed(self, entities: frozenset[str]) -> None:
        if "contact" not in entities:
            return
        if self.isVisible():
            self._change_timer.start()
        else:
            self._stale = True  # reload when shown again, not for every sync page meanwhile
        if self._options_started:
            self._options_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    # --- filter choices ------------------------------------------------------------------------------

    def _start_options(self) -> None:
        """After the first rows are on screen: the choices are not worth delaying the list for."""
        if not self._options_started:
            self._options_started = True
            self._scan_options()

    def _scan_options(self) -> None:
        self._options_generation += 1
        self._scan_slice(self._options_generation, 0, set(), set())

    def _scan_slice(self, generation: int, after: int, municipalities: set[str], tags: set[str]) -> None:
        def slice_done(found: FilterOptions) -> None:
            if generation != self._options_generation:
                return
            municipalities.update(found.municipalities)
            tags.update(found.tags)
            if found.next_rowid is not None:
                self._scan_slice(generation, found.next_rowid, municipalities, tags)
            else:
                self._set_choices(self.municipality_filter, municipalities)
                self._set_choices(self.tag_filter, tags)

        # One slice per store call: a search typed meanwhile runs between two slices.
        self.context.store.run(lambda s: contact_queries.filter_options_chunk(s, after), slice_done, owner=self)

    def _set_choices(self, combo: QComboBox, values: set[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in sorted(values, key=str.casefold):
            combo.addItem(value, value)
        index = combo.findData(current) if current is not None else 0
        if current is not None and index < 0:
            combo.addItem(current, current)  # the chosen value stays until the operator changes it
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
