"""The Calendar screen: a day, a week or a month of appointments, mine or my team's.

Owns: `CalendarPage`: navigation (previous / today / next, a date to go to),
the day/week/month switch (weeks start on Monday), the "Mine" / team filter, the
time grid (`views.CalendarView`) or the month (`views.MonthGrid`, Enter or a
double click on a day opens it in the day view) beside a plain list of the same
meetings (for screen readers and quick keyboard use; a meeting that overlaps
another says so), and opening `form.AppointmentForm` to book or edit. Keys:
Alt+Left / Alt+Right previous / next (a month in the month view), T today, Ctrl+N
new appointment (at the grid's cursor), Enter on an appointment edits it, Enter or
a double click on a free slot books one there. "Export…" and "Import…" open the
iCalendar dialogs of `desktop.ui.calendar.files`. Under the list, the help desk's
bookable slots of the same period (`desktop.ui.calendar.slots.SlotsPanel`), apart from
the appointments: nobody is in a slot until the team confirms a booking.

Must never run SQL (see `desktop.store.calendar_queries`), and never reload for
a write that touched nothing it shows.
"""

import datetime as dt
import uuid

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.calendar_queries import Booked, BookedKey, appointments_between, booked, overlaps_among
from desktop.store.slot_queries import SlotView
from desktop.ui import style
from desktop.ui.calendar import (
    date_text,
    day_name,
    local_now,
    local_zone,
    monday_of,
    month_day,
    pydate,
    qdate,
)
from desktop.ui.calendar.files import ExportDialog, ImportDialog
from desktop.ui.calendar.form import AppointmentForm
from desktop.ui.calendar.slots import SlotsPanel, band_text
from desktop.ui.calendar.views import CalendarView, MonthGrid, block_summary, month_days
from desktop.ui.context import UiContext

SHOWN_ENTITIES = frozenset({"appointment", "contact"})
SLOT_ENTITIES = frozenset({"bookable_slot", "intake_request"})  # a request holds or frees a slot
FIRST_HOUR = 7  # the grid opens scrolled to the working day


class CalendarPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = local_zone(context)
        self.mode = "day"
        self.anchor = local_now(context).date()
        self.items: list[Booked] = []
        self.form: AppointmentForm | None = None
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._generation = 0
        self._loaded = False
        self._select_after_load: uuid.UUID | None = None
        self._open_after_load = False
        self._syncing_selection = False
        self._build()
        self._shortcuts()
        context.store.changed.connect(self._store_changed)
        self.reload()

    # --- building ------------------------------------------------------------------------------------

    def _build(self) -> None:
        top = self._build_navigation()
        options = self._build_options()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_views())
        splitter.addWidget(self._build_side())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([3000, 1000])  # proportions: the grid gets three quarters

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.import_button, self.view)  # both rows of buttons first, in reading order
        self.setTabOrder(self.view, self.grid)
        self.setTabOrder(self.grid, self.month_grid)
        self.setTabOrder(self.month_grid, self.list)

    def _build_navigation(self) -> QHBoxLayout:
        """The top row: previous, today, next, the period shown and "New appointment"."""
        self.previous_button = QPushButton(self.tr("‹ Previous"))
        self.previous_button.setToolTip(self.tr("Previous day or week (Alt+Left)"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Back to today (T)"))
        self.next_button = QPushButton(self.tr("Next ›"))
        self.next_button.setToolTip(self.tr("Next day or week (Alt+Right)"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title.setFont(title_font)
        self.title.setAccessibleName(self.tr("Period shown"))
        self.new_button = QPushButton(self.tr("New &appointment"))
        self.new_button.setToolTip(self.tr("Book a new appointment (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_appointment)

        top = QHBoxLayout()
        for button in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(button)
        top.addSpacing(self.fontMetrics().height())
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        return top

    def _build_options(self) -> QHBoxLayout:
        """The second row: go to a date, day/week/month, whose appointments, export and import."""
        self.go_to = QDateEdit()
        self.go_to.setCalendarPopup(True)
        self.go_to.setAccessibleName(self.tr("Go to date"))
        self.go_to.dateChanged.connect(lambda value: self.go_to_date(pydate(value)))
        go_label = QLabel(self.tr("&Go to:"))
        go_label.setBuddy(self.go_to)
        self._build_modes()
        self.show_filter = QComboBox()
        self.show_filter.setAccessibleName(self.tr("Whose appointments"))
        self.show_filter.addItem(self.tr("Mine"), None)
        for team in self.context.teams:
            self.show_filter.addItem(self.tr("My team: {name}").format(name=team.name), team.id)
        self.show_filter.currentIndexChanged.connect(lambda _i: self.reload())
        show_label = QLabel(self.tr("&Show:"))
        show_label.setBuddy(self.show_filter)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Save appointments as a calendar file (.ics) for other programs"))
        self.export_button.clicked.connect(self.export_calendar)
        self.import_button = QPushButton(self.tr("I&mport…"))
        self.import_button.setToolTip(self.tr("Read appointments from a calendar file (.ics)"))
        self.import_button.clicked.connect(self.import_calendar)

        options = QHBoxLayout()
        for widget in (
            go_label,
            self.go_to,
            self.day_button,
            self.week_button,
            self.month_button,
            show_label,
            self.show_filter,
        ):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.export_button)
        options.addWidget(self.import_button)
        return options

    def _build_modes(self) -> None:
        """Day, Week and Month: checkable buttons, one of them checked."""
        self.day_button = QPushButton(self.tr("&Day"))
        self.week_button = QPushButton(self.tr("&Week"))
        self.month_button = QPushButton(self.tr("M&onth"))
        self.mode_group = QButtonGroup(self)
        names = {"day": self.tr("Show one day"), "week": self.tr("Show one week"), "month": self.tr("Show one month")}
        for button, mode in ((self.day_button, "day"), (self.week_button, "week"), (self.month_button, "month")):
            button.setCheckable(True)
            button.setAccessibleName(names[mode])
            button.clicked.connect(lambda _checked=False, m=mode: self.set_mode(m))
            self.mode_group.addButton(button)
        self.day_button.setChecked(True)

    def _build_views(self) -> QStackedWidget:
        """The time grid (day and week) and the month grid, one shown at a time."""
        self.view = CalendarView()
        self.grid = self.view.grid
        self.grid.appointmentActivated.connect(self.edit_appointment)
        self.grid.slotActivated.connect(self.new_appointment_at)
        self.grid.currentChanged.connect(self._grid_selection)
        self.view.header.dayClicked.connect(self._day_clicked)
        self.month_grid = MonthGrid()
        self.month_grid.dayActivated.connect(self._day_clicked)
        self.views = QStackedWidget()
        self.views.addWidget(self.view)
        self.views.addWidget(self.month_grid)
        return self.views

    def _build_side(self) -> QWidget:
        """Beside the grid: the appointments shown as a list (for keyboards and screen readers) and the status."""
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Appointments shown"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda item, _previous: self._list_selection(item))
        self.list.itemActivated.connect(lambda item: self.edit_appointment(item.data(Qt.ItemDataRole.UserRole)))
        list_label = QLabel(self.tr("Appo&intments:"))
        list_label.setBuddy(self.list)
        self.status = QLabel()
        self.status.setWordWrap(True)
        appointments = QWidget()
        appointments_layout = QVBoxLayout(appointments)
        appointments_layout.setContentsMargins(0, 0, 0, 0)
        appointments_layout.addWidget(list_label)
        appointments_layout.addWidget(self.list, 1)
        appointments_layout.addWidget(self.status)
        # The help desk's slots are not appointments (nobody is in them until a team confirms
        # a booking): listed apart, below, each with what holds it.
        self.slots = SlotsPanel(self.context)
        self.slots.loaded.connect(self._slots_loaded)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(appointments)
        side.addWidget(self.slots)
        side.setChildrenCollapsible(False)
        side.setSizes([3000, 2000])
        return side

    def _shortcuts(self) -> None:
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, action, description in (
            ("Alt+Left", lambda: self.step(-1), self.tr("Previous day or week")),
            ("Alt+Right", lambda: self.step(1), self.tr("Next day or week")),
            ("T", self.go_today, self.tr("Back to today")),
            ("Ctrl+N", self.new_appointment, self.tr("Book a new appointment")),
        ):
            QShortcut(QKeySequence(keys), self, action, context=within).setWhatsThis(description)  # for F1

    # --- navigation ----------------------------------------------------------------------------------

    def days(self) -> list[dt.date]:
        if self.mode == "day":
            return [self.anchor]
        if self.mode == "month":
            return month_days(self.anchor)
        monday = monday_of(self.anchor)
        return [monday + dt.timedelta(days=i) for i in range(7)]

    def step(self, direction: int) -> None:
        if self.mode == "month":
            total = self.anchor.month - 1 + direction
            self.go_to_date(dt.date(self.anchor.year + total // 12, total % 12 + 1, 1))
            return
        self.go_to_date(self.anchor + dt.timedelta(days=direction * (1 if self.mode == "day" else 7)))

    def go_today(self) -> None:
        self.go_to_date(local_now(self.context).date())

    def go_to_date(self, day: dt.date) -> None:
        if day == self.anchor:
            return
        self.anchor = day
        self.reload()

    def set_mode(self, mode: str) -> None:
        {"day": self.day_button, "week": self.week_button, "month": self.month_button}[mode].setChecked(True)
        if mode != self.mode:
            self.mode = mode
            self.views.setCurrentWidget(self.month_grid if mode == "month" else self.view)
            self.reload()

    def _day_clicked(self, day: dt.date) -> None:
        self.anchor = day
        self.set_mode("day")
        self.reload()
        self.grid.setFocus()

    def team_filter(self) -> uuid.UUID | None:
        """The team whose appointments are shown, None for "Mine"."""
        return self.show_filter.currentData()

    # --- loading -----------------------------------------------------------------------------------------

    def _store_changed(self, entities: frozenset[str]) -> None:
        if entities & SHOWN_ENTITIES:
            self.reload()
        elif entities & SLOT_ENTITIES:
            self.slots.reload()

    def reload(self) -> None:
        days = self.days()
        start = dt.datetime.combine(days[0], dt.time(), tzinfo=self.zone)
        end = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)
        team = self.team_filter()
        me = None if team is not None else self.context.me
        self._generation += 1
        generation = self._generation
        self._show_period(days)
        self.slots.default_day = self.anchor if self.mode == "day" else max(days[0], local_now(self.context).date())
        self.slots.load(start, end)
        self.status.setText(self.tr("Loading…"))
        self.context.store.run(
            lambda s: appointments_between(s, start, end, operator_id=me, team_id=team),
            lambda items: self._loaded_items(generation, days, items),
            self._failed,
            owner=self,
        )

    def _show_period(self, days: list[dt.date]) -> None:
        if self.mode == "month":
            self.title.setText(QLocale().toString(qdate(self.anchor), "MMMM yyyy"))
        elif len(days) == 1:
            self.title.setText(date_text(days[0]))
        else:
            self.title.setText(
                self.tr("Week {number}: {monday} to {sunday}").format(
                    number=days[0].isocalendar().week, monday=month_day(days[0]), sunday=month_day(days[-1], year=True)
                )
            )
        self.go_to.blockSignals(True)
        self.go_to.setDate(qdate(self.anchor))
        self.go_to.blockSignals(False)

    def _loaded_items(self, generation: int, days: list[dt.date], items: list[Booked]) -> None:
        if generation != self._generation:
            return  # a newer period or filter is on its way
        self.items = items
        keep = self._select_after_load or self.grid.selected_key
        if self.mode == "month":
            self.month_grid.set_content(self.anchor, self.zone, items, self.context.clock(), cursor=self.anchor)
            self.view.set_content([self.anchor], self.zone, [], self.context.clock())
        else:
            self.view.set_content(days, self.zone, items, self.context.clock())
        self._slots_loaded(self.slots.views)  # the bands, on the days just set
        if not self._loaded:
            self._loaded = True
            self.view.scroll_to_hour(FIRST_HOUR)
        self._fill_list(items)
        if not items:
            self.status.setText(
                {
                    "day": self.tr("No appointments on this day."),
                    "week": self.tr("No appointments this week."),
                    "month": self.tr("No appointments this month."),
                }[self.mode]
            )
        else:
            self.status.setText(self.tr("%n appointment(s)", "", len(items)))
        if self._select_after_load is not None:
            self.grid.select(self._select_after_load)  # and scroll to it
        elif keep is not None:
            self.grid.select(keep, move_cursor=False)  # a refresh must not move the operator's view
        self._grid_selection(self.grid.selected_key)
        if self._open_after_load and self._select_after_load is not None:
            self.edit_appointment(self._select_after_load)
        self._select_after_load, self._open_after_load = None, False

    def _fill_list(self, items: list[Booked]) -> None:
        self._syncing_selection = True
        self.list.clear()
        overlaps = overlaps_among(items)
        for item in items:
            start = item.starts_at.astimezone(self.zone)
            text = block_summary(item, self.zone, overlaps.get(item.key))
            if self.mode == "week":
                text = day_name(start.date()) + " " + text
            elif self.mode == "month":  # six weeks: the days of the next month need its name
                text = QLocale().toString(qdate(start.date()), "ddd d MMM") + " " + text
            row = QListWidgetItem(("⚠ " if item.key in overlaps else "") + text)
            row.setData(Qt.ItemDataRole.UserRole, item.key)
            if item.status == "cancelled":
                font = row.font()
                font.setStrikeOut(True)
                row.setFont(font)
                row.setForeground(QBrush(style.colour("muted")))  # grey that still reads 4.5:1
            self.list.addItem(row)
        self._syncing_selection = False

    def _slots_loaded(self, views: list[SlotView]) -> None:
        """Behind the day's or week's appointments; the month's cells list meetings only."""
        shown = [] if self.mode == "month" else views
        self.grid.set_help_desk([(v.slot.starts_at, v.slot.ends_at, band_text(v)) for v in shown])

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The calendar could not be read: {reason}").format(reason=type(error).__name__))

    # --- selection ---------------------------------------------------------------------------------------------

    def _grid_selection(self, key: BookedKey | None) -> None:
        if self._syncing_selection or self.mode == "month":
            return
        self._syncing_selection = True
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                break
        else:
            self.list.setCurrentRow(-1)
        self._syncing_selection = False

    def _list_selection(self, item: QListWidgetItem | None) -> None:
        if self._syncing_selection or item is None:
            return
        self._syncing_selection = True
        key = item.data(Qt.ItemDataRole.UserRole)
        if self.mode == "month":
            found = next((i for i in self.items if i.key == key), None)
            if found is not None:
                self.month_grid.cursor_date = found.starts_at.astimezone(self.zone).date()
                self.month_grid.update()
        else:
            self.grid.select(key)
        self._syncing_selection = False

    def selected(self) -> Booked | None:
        return self.grid.selected()

    # --- booking and editing --------------------------------------------------------------------------------------

    def new_appointment(self) -> None:
        """Ctrl+N: a new appointment at the grid's cursor; from elsewhere on a view of today, at
        the next half hour."""
        if self.mode == "month":
            if self.month_grid.hasFocus() or local_now(self.context).date() not in self.days():
                self._open_form(None, dt.datetime.combine(self.month_grid.cursor_date, dt.time(9), tzinfo=self.zone))
            else:
                self._open_form(None, None)
            return
        on_grid = self.grid.hasFocus() or local_now(self.context).date() not in self.days()
        self._open_form(None, self.grid.cursor_start() if on_grid else None)

    def new_appointment_at(self, start: dt.datetime) -> None:
        self._open_form(None, start)

    def edit_appointment(self, wanted: BookedKey | uuid.UUID) -> None:
        """Open a shown meeting (by key) or an appointment (by id; read from the store when not shown)."""
        found = next((item for item in self.items if wanted in (item.key, item.id)), None)
        if found is not None:
            self._open_form(found, None)
            return
        appointment_id = wanted[0] if isinstance(wanted, tuple) else wanted
        self.context.store.run(
            lambda s: booked(s, appointment_id), lambda item: self._open_form(item, None), self._failed, owner=self
        )

    def show_record(self, appointment_id: uuid.UUID) -> None:
        """Jump to the appointment's day and open it."""
        self.context.store.run(lambda s: booked(s, appointment_id), self._show_found, self._failed, owner=self)

    def _show_found(self, item: Booked) -> None:
        self.anchor = item.starts_at.astimezone(self.zone).date()
        self._select_after_load, self._open_after_load = item.id, True
        if self.mode != "day":
            self.set_mode("day")  # reloads
        else:
            self.reload()

    def _open_form(self, item: Booked | None, start: dt.datetime | None) -> None:
        if self.form is not None:
            self.form.raise_()
            self.form.activateWindow()
            return
        form = AppointmentForm(self.context, self, booked=item, start=start)
        self.form = form
        form.saved.connect(self._saved)
        form.finished.connect(lambda _result: self._form_closed(form))
        form.open()

    def _form_closed(self, form: AppointmentForm) -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()
        (self.month_grid if self.mode == "month" else self.grid).setFocus()

    def _saved(self, appointment) -> None:  # a protocol Appointment
        # The write's change notice reloads; make the new or moved appointment the one in view.
        self._select_after_load = appointment.id
        day = appointment.starts_at.astimezone(self.zone).date()
        if day not in self.days():
            self.anchor = day
            self.reload()

    # --- calendar files ---------------------------------------------------------------------------------------------

    def export_calendar(self) -> None:
        """Open the export dialog for the period and filter shown (non-blocking)."""
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return
        dialog = ExportDialog(
            self.context, self, days=self.days(), period_text=self.title.text(), team_id=self.team_filter()
        )
        self.export_dialog = dialog
        dialog.exported.connect(self._exported)
        dialog.finished.connect(lambda _result: self._file_dialog_closed(dialog))
        dialog.open()

    def import_calendar(self) -> None:
        """Open the import dialog (non-blocking); the store's change notice reloads the calendar."""
        if self.import_dialog is not None:
            self.import_dialog.raise_()
            return
        dialog = ImportDialog(self.context, self)
        self.import_dialog = dialog
        dialog.finished.connect(lambda _result: self._file_dialog_closed(dialog))
        dialog.open()

    def _exported(self, count: int, path: str) -> None:
        self.status.setText(self.tr("%n appointment(s) saved to {file}", "", count).format(file=path))

    def _file_dialog_closed(self, dialog: ExportDialog | ImportDialog) -> None:
        if self.export_dialog is dialog:
            self.export_dialog = None
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()
