"""Appointment reminders on the desktop, offline.

Owns: `ReminderService`. Every `INTERVAL_MS` (and on `check_now()`) it asks the
store which of my requested/confirmed appointments have reached their reminder
moment (start minus `reminder_minutes_before`, see
`calendar_queries.due_reminders`) and announces each once per session: through
the system tray's notification when there is a tray, else through
`statusMessage` for the main window's status bar. `reminderDue` carries the
appointment id either way (the shell and tests listen to it). An appointment
moved to a new time is reminded again for the new time.

Must never put a contact's name, alias or the topic in a notification: it pops
up on screens other people may see. Time, place kind and minutes left only.
"""

import datetime as dt
import math
import uuid

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from desktop.store.calendar_queries import DueReminder, due_reminders
from desktop.ui.calendar import local_zone, time_text
from desktop.ui.context import UiContext
from desktop.ui.labels import label

INTERVAL_MS = 30_000
SHOWN_MS = 15_000


class ReminderService(QObject):
    reminderDue = Signal(object)  # uuid.UUID of the appointment
    statusMessage = Signal(str)  # the reminder's text, when there is no system tray to show it

    def __init__(
        self,
        context: UiContext,
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
        notified: set[tuple[uuid.UUID, dt.datetime]] | None = None,
    ) -> None:
        """`tray`: the shell's own tray icon, if it has one (else one is made when needed).
        `notified`: the previous service's `notified`, when the shell replaces it in the
        same session (a new window after a language change), so nothing is said twice."""
        super().__init__(parent)
        self.context = context
        self.notified: set[tuple[uuid.UUID, dt.datetime]] = notified if notified is not None else set()
        self._stopped = False
        self.last_text = ""
        self._last_id: uuid.UUID | None = None
        self._checking = False
        self._tray = tray
        self._own_tray = False
        if tray is not None:
            tray.messageClicked.connect(self._open_last)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        """Check now, then every `INTERVAL_MS`."""
        self._stopped = False
        self.timer.start()
        self.check_now()

    def stop(self) -> None:
        """No more checks, and an answer still on its way is not announced."""
        self._stopped = True
        self.timer.stop()
        if self._own_tray and self._tray is not None:
            self._tray.hide()

    def check_now(self) -> None:
        """Ask the store for reminders due at the clock's "now" (tests call it directly)."""
        if self._checking:
            return  # the previous check has not answered yet
        self._checking = True
        me, now = self.context.me, self.context.clock()
        self.context.store.run(
            lambda s: due_reminders(s, operator_id=me, now=now),
            lambda due: self._announce(due, now),
            self._failed,
            owner=self,
        )

    def _failed(self, _error: BaseException) -> None:
        self._checking = False  # the store was locked or busy failing: try again next tick

    def _announce(self, due: list[DueReminder], now: dt.datetime) -> None:
        self._checking = False
        if self._stopped:
            return
        for reminder in due:
            key = (reminder.appointment_id, reminder.starts_at)
            if key in self.notified:
                continue
            self.notified.add(key)
            self._show(reminder, now)
            self.reminderDue.emit(reminder.appointment_id)

    def text_for(self, reminder: DueReminder, now: dt.datetime) -> str:
        """ "Appointment at 10:00 (home visit) in 15 min": no names, ever."""
        start = reminder.starts_at.astimezone(local_zone(self.context))
        place = label("place_kind", reminder.place_kind)
        minutes = math.ceil((reminder.starts_at - now).total_seconds() / 60)
        if minutes <= 0:
            return self.tr("Appointment at {time} ({place}) starts now").format(time=time_text(start), place=place)
        return self.tr("Appointment at {time} ({place}) in {minutes} min").format(
            time=time_text(start), place=place, minutes=minutes
        )

    def _show(self, reminder: DueReminder, now: dt.datetime) -> None:
        text = self.text_for(reminder, now)
        self.last_text, self._last_id = text, reminder.appointment_id
        tray = self._tray_icon()
        if tray is None:
            self.statusMessage.emit(text)
            return
        tray.showMessage(self.tr("Prossimo reminder"), text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is not None:
            return self._tray
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = QIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation))
        self._tray = QSystemTrayIcon(icon, self)
        self._tray.setToolTip("Prossimo")
        self._tray.messageClicked.connect(self._open_last)
        self._tray.show()
        self._own_tray = True
        return self._tray

    def _open_last(self) -> None:
        if self._last_id is not None:
            self.context.navigator.open("calendar", self._last_id)
