"""Calendar files: the dialogs that export appointments to an iCalendar (.ics) file and import one.

Owns: `ExportDialog` (which period: the one shown or a date range; whose
appointments; whether clients' names go into the file, off by default with the
reason beside it; where to save) and `ImportDialog` (which file; optionally the
contact that events from other calendar programs are with, and their kind of
place; then the result or the problems, shown in the dialog). The work runs on the
store thread (`desktop.store.calendar_files`); the words the file shows in other
programs are translated here.

Must never read or write the file on the UI thread, never include names unless
the operator ticked the box, and never block: both dialogs open with `.open()`,
report through signals, and take a path typed into their field, so tests and
keyboard users need no file chooser.
"""

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.interop.icalendar_files import CalendarFileError, CalendarTexts
from desktop.store.calendar_files import ForeignEvents, ImportResult, export_appointments, import_appointments
from desktop.ui import style
from desktop.ui.calendar import local_zone, pydate, qdate, zone_name
from desktop.ui.contact_picker import ContactPicker, contact_label
from desktop.ui.context import UiContext
from desktop.ui.forms import error_label
from desktop.ui.labels import labels
from protocol import Contact

SUFFIX = ".ics"
MAX_PROBLEMS_SHOWN = 10
EVERYONE = "everyone"  # the "whose" choice for every appointment on this computer


def _file_row(edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


class ExportDialog(QDialog):
    """Export appointments; `days` is the period the calendar shows, `team_id` its filter."""

    exported = Signal(int, str)  # how many appointments, the file written

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
        *,
        days: list[dt.date],
        period_text: str,
        team_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.days = days
        self.zone = local_zone(context)
        self.chooser: QFileDialog | None = None
        self.setWindowTitle(self.tr("Export appointments"))
        self._build(period_text, team_id)

    def _build(self, period_text: str, team_id: uuid.UUID | None) -> None:
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Period:")), self._build_period(period_text))
        whose_label = self._build_whose(team_id)
        form.addRow(whose_label, self.whose)
        form.addRow(QLabel(self.tr("Privacy:")), self._build_privacy())
        path_label, path_box = self._build_path()
        form.addRow(path_label, path_box)
        self.message = error_label()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)
        self.path.setFocus()

    def _build_period(self, period_text: str) -> QVBoxLayout:
        """The period shown, or a date range whose day inputs are live only when it is chosen."""
        self.shown_period = QRadioButton(self.tr("The &period shown: {period}").format(period=period_text))
        self.date_range = QRadioButton(self.tr("&These dates:"))
        self.period_group = QButtonGroup(self)
        self.period_group.addButton(self.shown_period)
        self.period_group.addButton(self.date_range)
        self.shown_period.setChecked(True)
        self.first_day = QDateEdit(qdate(self.days[0]))
        self.first_day.setCalendarPopup(True)
        self.first_day.setAccessibleName(self.tr("First day"))
        self.last_day = QDateEdit(qdate(self.days[-1]))
        self.last_day.setCalendarPopup(True)
        self.last_day.setAccessibleName(self.tr("Last day"))
        self._range_chosen(False)
        self.date_range.toggled.connect(self._range_chosen)
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_range)
        range_row.addWidget(self.first_day)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.last_day)
        range_row.addStretch(1)
        self.range_error = error_label()
        period_box = QVBoxLayout()
        period_box.addWidget(self.shown_period)
        period_box.addLayout(range_row)
        period_box.addWidget(self.range_error)
        return period_box

    def _range_chosen(self, on: bool) -> None:
        for edit in (self.first_day, self.last_day):
            edit.setEnabled(on)

    def _build_whose(self, team_id: uuid.UUID | None) -> QLabel:
        """Mine, one of my teams' (the calendar's filter preselected), or everyone's; returns its label."""
        self.whose = QComboBox()
        self.whose.setAccessibleName(self.tr("Whose appointments"))
        self.whose.addItem(self.tr("Mine"), None)
        for team in self.context.teams:
            self.whose.addItem(self.tr("My team: {name}").format(name=team.name), team.id)
        self.whose.addItem(self.tr("Everyone's on this computer"), EVERYONE)
        if team_id is not None and self.whose.findData(team_id) >= 0:
            self.whose.setCurrentIndex(self.whose.findData(team_id))
        whose_label = QLabel(self.tr("&Whose:"))
        whose_label.setBuddy(self.whose)
        return whose_label

    def _build_privacy(self) -> QVBoxLayout:
        self.include_names = QCheckBox(self.tr("Include clients' &names"))
        self.include_names.setAccessibleName(self.tr("Include clients' names in the file"))
        self.names_warning = QLabel(
            self.tr(
                "Off by default: anyone who gets the file, or sees the calendar it is imported into, could read "
                "who the appointments are with. With names, home visit addresses are included too."
            )
        )
        self.names_warning.setWordWrap(True)
        names_box = QVBoxLayout()
        names_box.addWidget(self.include_names)
        names_box.addWidget(self.names_warning)
        return names_box

    def _build_path(self) -> tuple[QLabel, QVBoxLayout]:
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File to save"))
        self.path.setPlaceholderText(self.tr("appointments.ics"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_label = QLabel(self.tr("&File:"))
        path_label.setBuddy(self.path)
        self.path_error = error_label()
        path_box = QVBoxLayout()
        path_box.addLayout(_file_row(self.path, self.browse_button))
        path_box.addWidget(self.path_error)
        return path_label, path_box

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("E&xport"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    # --- choosing the file ----------------------------------------------------------------------------

    def browse(self) -> None:
        chooser = QFileDialog(self, self.tr("Save appointments as"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setNameFilter(self.tr("Calendar files (*.ics)"))
        chooser.setDefaultSuffix("ics")
        chooser.selectFile(self.path.text() or "appointments.ics")
        chooser.fileSelected.connect(self.path.setText)
        chooser.finished.connect(lambda _r: chooser.deleteLater())
        self.chooser = chooser
        chooser.open()

    # --- exporting -----------------------------------------------------------------------------------------

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) in local time: midnight of the first day to midnight after the last."""
        if self.date_range.isChecked():
            first, last = pydate(self.first_day.date()), pydate(self.last_day.date())
        else:
            first, last = self.days[0], self.days[-1]
        start = dt.datetime.combine(first, dt.time(), tzinfo=self.zone)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)
        return start, end

    def target(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)

    def texts(self) -> CalendarTexts:
        return CalendarTexts(
            appointment=self.tr("Appointment"),
            place_kinds=labels("place_kind"),
            summary=self.tr("{what} ({place})"),
            with_names=self.tr("{summary} – {names}"),
            description=self.tr("The details are in Prossimo."),
            names_line=self.tr("With: {names}"),
            reminder=self.tr("Appointment reminder"),
        )

    def export(self) -> None:
        for label in (self.range_error, self.path_error, self.message):
            label.hide()
        start, end = self.period()
        if end <= start:
            self._show(self.range_error, self.tr("The last day must not be before the first."), self.first_day)
            return
        path = self.target()
        if path is None:
            self._show(self.path_error, self.tr("Type or choose where to save the file."), self.path)
            return
        whose = self.whose.currentData()
        operator_id = self.context.me if whose is None else None
        team_id = whose if isinstance(whose, uuid.UUID) else None
        include_names, texts, now = self.include_names.isChecked(), self.texts(), self.context.clock()
        self.export_button.setEnabled(False)
        self.context.store.run(
            lambda s: export_appointments(
                s,
                path,
                start=start,
                end=end,
                operator_id=operator_id,
                team_id=team_id,
                include_names=include_names,
                texts=texts,
                now=now,
            ),
            lambda count: self._exported(count, path),
            self._failed,
            owner=self,
        )

    def _exported(self, count: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        if count == 0:
            self._show(
                self.message,
                self.tr("There are no appointments to export in this period: no file was written."),
                self.shown_period,
            )
            return
        self.exported.emit(count, str(path))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        self._show(self.message, self.tr("The file could not be written: {reason}").format(reason=reason), self.path)

    @staticmethod
    def _show(label: QLabel, text: str, focus: QWidget) -> None:
        label.setText(text)
        label.show()
        focus.setAccessibleDescription(text)
        focus.setFocus()


class ImportDialog(QDialog):
    """Import an iCalendar file; the result or the problems are shown in the dialog itself."""

    imported = Signal(object)  # the ImportResult

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact: Contact | None = None
        self.picker: ContactPicker | None = None
        self.chooser: QFileDialog | None = None
        self.last_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import appointments"))
        self._build()

    def _build(self) -> None:
        path_label = self._build_path()
        explanation = QLabel(
            self.tr(
                "Appointments exported from Prossimo are updated. Events made by other calendar programs do not say "
                "which client they are with: choose the contact to add them to, or they are skipped."
            )
        )
        explanation.setWordWrap(True)
        self._build_foreign()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Import result"))
        self.message.hide()
        self._build_buttons()

        form = QFormLayout()
        form.addRow(path_label, _file_row(self.path, self.browse_button))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.foreign_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.import_button.setDefault(True)
        self.path.setFocus()

    def _build_path(self) -> QLabel:
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File to import"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_label = QLabel(self.tr("&File:"))
        path_label.setBuddy(self.path)
        return path_label

    def _build_foreign(self) -> None:
        """The box for events from other programs: the contact they are with and their kind of place."""
        self.foreign_box = QGroupBox(self.tr("Events from other calendar programs"))
        self.contact_text = QLabel(self.tr("No contact chosen: these events will be skipped."))
        self.contact_text.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose &contact…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_contact)
        self.clear_button = QPushButton(self.tr("C&lear"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.setAccessibleName(self.tr("Clear the chosen contact"))
        self.clear_button.clicked.connect(lambda: self.set_contact(None))
        self.place_kind = QComboBox()
        self.place_kind.setAccessibleName(self.tr("Kind of place for these events"))
        for value, text in labels("place_kind").items():
            self.place_kind.addItem(text, value)
        place_label = QLabel(self.tr("Kind of &place:"))
        place_label.setBuddy(self.place_kind)
        contact_row = QHBoxLayout()  # under the text: beside it, a wrapped text was cut (no height for width)
        contact_row.addWidget(self.choose_button)
        contact_row.addWidget(self.clear_button)
        contact_row.addStretch(1)
        foreign_form = QFormLayout(self.foreign_box)
        foreign_form.addRow(QLabel(self.tr("Contact:")), self.contact_text)
        foreign_form.addRow("", contact_row)
        foreign_form.addRow(place_label, self.place_kind)
        self.set_contact(None)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

    # --- inputs ------------------------------------------------------------------------------------------

    def browse(self) -> None:
        chooser = QFileDialog(self, self.tr("Import appointments from"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilter(self.tr("Calendar files (*.ics *.ical *.ifb *.icalendar)"))
        chooser.fileSelected.connect(self.path.setText)
        chooser.finished.connect(lambda _r: chooser.deleteLater())
        self.chooser = chooser
        chooser.open()

    def choose_contact(self) -> None:
        picker = ContactPicker(self.context, self)
        self.picker = picker
        picker.accepted.connect(lambda: self.set_contact(picker.chosen))
        picker.finished.connect(lambda _r: picker.deleteLater())
        picker.open()

    def set_contact(self, contact: Contact | None) -> None:
        self.contact = contact
        self.picker = None
        if contact is None:
            self.contact_text.setText(self.tr("No contact chosen: these events will be skipped."))
        else:
            self.contact_text.setText(contact_label(contact))
        self.contact_text.setAccessibleName(self.contact_text.text())
        self.clear_button.setEnabled(contact is not None)
        self.place_kind.setEnabled(contact is not None)

    # --- importing --------------------------------------------------------------------------------------------

    def run_import(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._say(self.tr("Type or choose the file to import."), problem=True)
            self.path.setFocus()
            return
        path = Path(text).expanduser()
        foreign = None
        if self.contact is not None:
            foreign = ForeignEvents(self.contact.id, self.place_kind.currentData(), self.context.me)
        zone = zone_name(self.context)
        self.import_button.setEnabled(False)
        self.message.hide()
        self.context.store.run(
            lambda s: import_appointments(s, path, foreign=foreign, local_time_zone=zone),
            self._imported,
            self._failed,
            owner=self,
        )

    def _imported(self, result: ImportResult) -> None:
        self.last_result = result
        self.import_button.setEnabled(True)
        self._say(self.summary(result), problem=False)
        self.close_button.setFocus()
        self.imported.emit(result)

    def summary(self, result: ImportResult) -> str:
        total = result.created + result.updated + result.unchanged + len(result.skipped)
        if total == 0:
            return self.tr("The file holds no events: nothing was imported.")
        lines = [
            self.tr("{created} new, {updated} updated, {unchanged} already up to date.").format(
                created=result.created, updated=result.updated, unchanged=result.unchanged
            )
        ]
        foreign, deleted, elsewhere = (result.skipped_for(r) for r in ("foreign", "deleted", "not_on_device"))
        if foreign:
            lines.append(
                self.tr(
                    "%n event(s) from other calendar programs skipped: choose the contact they are "
                    "with to import them.",
                    "",
                    foreign,
                )
            )
        if deleted:
            lines.append(self.tr("%n event(s) skipped: the appointment was deleted on this computer.", "", deleted))
        if elsewhere:
            lines.append(
                self.tr(
                    "%n event(s) skipped: the appointment is not on this computer (it may not have synchronised yet).",
                    "",
                    elsewhere,
                )
            )
        return "\n".join(lines)

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(error, CalendarFileError):
            shown = error.problems[:MAX_PROBLEMS_SHOWN]
            lines = [self.tr("Nothing was imported. The file has these problems:"), *shown]
            if len(error.problems) > len(shown):
                lines.append(self.tr("…and {n} more.").format(n=len(error.problems) - len(shown)))
            text = "\n".join(lines)
        elif isinstance(error, OSError):
            text = self.tr("The file could not be read: {reason}").format(reason=error.strerror or type(error).__name__)
        else:
            text = self.tr("Nothing was imported: {reason}").format(reason=type(error).__name__)
        self._say(text, problem=True)
        self.path.setFocus()

    def _say(self, text: str, *, problem: bool) -> None:
        self.message.setText(text)
        style.set_role(self.message, "error" if problem else None)
        self.message.setAccessibleDescription(text)
        self.message.show()
