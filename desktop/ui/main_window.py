"""The main window: navigation on the left, one screen at a time, the sync state below.

Owns: the list of screens and their keys, building each screen the first time it
is shown (opening the app does not pay for eight screens), switching on a
`Navigator` request or a keyboard shortcut (Ctrl+1 … Ctrl+9), the shortcuts help (F1,
`desktop.ui.shortcuts_help`), and the status bar,
which always says where the operator's work is: offline; syncing; up to date at
HH:MM; n waiting; k conflicts.

Must never hold data itself (screens ask the store), and never keep a screen's
state across a lock: the shell throws the window away when the store locks.
"""

import importlib
import uuid
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop.sync.scheduler import SyncState
from desktop.ui import icons, update_notice
from desktop.ui.context import UiContext
from desktop.ui.shortcuts_help import ShortcutsHelp, registered_shortcuts
from desktop.ui.sync_bridge import describe


@dataclass(frozen=True)
class Screen:
    key: str
    module: str
    cls: str
    # English, marked with QT_TRANSLATE_NOOP (which hands the text back as it is, typed `object`
    # in PySide6's stubs); translated when the window is built.
    title_source: object

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", str(self.title_source))


SCREENS = (
    Screen("today", "desktop.ui.today", "TodayPage", QT_TRANSLATE_NOOP("MainWindow", "Today")),
    Screen("contacts", "desktop.ui.contacts.page", "ContactsPage", QT_TRANSLATE_NOOP("MainWindow", "Contacts")),
    Screen("calendar", "desktop.ui.calendar.page", "CalendarPage", QT_TRANSLATE_NOOP("MainWindow", "Calendar")),
    Screen("resources", "desktop.ui.resources.page", "ResourcesPage", QT_TRANSLATE_NOOP("MainWindow", "Resources")),
    Screen("intake", "desktop.ui.intake", "IntakePage", QT_TRANSLATE_NOOP("MainWindow", "Intake")),
    Screen("sync", "desktop.ui.sync_panel", "SyncPage", QT_TRANSLATE_NOOP("MainWindow", "Sync")),
    Screen("reports", "desktop.ui.reports", "ReportsPage", QT_TRANSLATE_NOOP("MainWindow", "Reports")),
    Screen("settings", "desktop.ui.settings_page", "SettingsPage", QT_TRANSLATE_NOOP("MainWindow", "Settings")),
    # Last, so Ctrl+1 … Ctrl+8 keep the screens people learnt them for.
    Screen("outreach", "desktop.ui.outreach.page", "OutreachPage", QT_TRANSLATE_NOOP("MainWindow", "Street outreach")),
)


@runtime_checkable
class Refers(Protocol):
    """A screen that starts a referral for a contact (the Resources screen, built on first showing)."""

    def refer_contact(self, contact_id: uuid.UUID) -> None: ...


def fit_to_screen(window: QWidget) -> None:
    """Size a full window to the screen's available area (the shell then maximises it or
    puts it back where the operator left it): a fixed size ran off a 768 px screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Prossimo")
        self.pages: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        self.shortcuts_help: ShortcutsHelp | None = None

        self._build_screens()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_window_actions()
        self.update_notice = update_notice.attach(self, context)  # None: no update channel

        context.navigator.pageRequested.connect(self._navigate)
        if context.sync is not None:
            context.sync.stateChanged.connect(self.show_sync_state)
            self.show_sync_state(context.sync.scheduler.state)
        else:
            self._offline_only_status()
            context.store.changed.connect(lambda _entities: self._offline_only_status())
        fit_to_screen(self)
        self.show_page("today")

    def _build_screens(self) -> None:
        """The navigation list and the stack, with a placeholder and a Ctrl+number action per screen."""
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Screens"))
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(2)
        self.navigation.setFixedWidth(self.navigation.fontMetrics().horizontalAdvance("M") * 14)
        self.stack = QStackedWidget()
        for number, screen in enumerate(SCREENS, start=1):
            item = QListWidgetItem(icons.icon(screen.key), screen.title())
            item.setData(Qt.ItemDataRole.UserRole, screen.key)
            item.setToolTip(f"{screen.title()} (Ctrl+{number})")
            self.navigation.addItem(item)
            holder = QWidget()  # replaced by the screen the first time it is shown
            self._placeholders[screen.key] = holder
            self.stack.addWidget(holder)
            action = QAction(self.tr("Go to {screen}").format(screen=screen.title()), self)  # named for F1
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=screen.key: self.show_page(key))
            self.addAction(action)
        self.navigation.currentRowChanged.connect(lambda row: self.show_page(SCREENS[row].key))

    def _build_status_bar(self) -> None:
        """Where the operator's work is, and the Lock button at the bottom right."""
        self.sync_status = QLabel()
        self.sync_status.setObjectName("syncStatus")
        self.sync_status.setAccessibleName(self.tr("Sync status"))
        self.statusBar().addWidget(self.sync_status, 1)
        self.lock_button = QPushButton(icons.icon("lock"), self.tr("&Lock"))
        self.lock_button.setToolTip(self.tr("Lock Prossimo now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.context.lock_now)
        self.statusBar().addPermanentWidget(self.lock_button)

    def _build_window_actions(self) -> None:
        """Ctrl+L locks; F1 shows the shortcuts of every screen."""
        lock = QAction(self.tr("Lock Prossimo"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.context.lock_now)
        self.addAction(lock)
        shortcuts = QAction(self.tr("Keyboard shortcuts"), self)
        shortcuts.setShortcut(QKeySequence(Qt.Key.Key_F1))  # "?" would be lost to typing in a field
        shortcuts.triggered.connect(self.show_shortcuts)
        self.addAction(shortcuts)

    # --- screens ---------------------------------------------------------------------

    @property
    def current_key(self) -> str:
        return SCREENS[self.navigation.currentRow()].key

    def page(self, key: str) -> QWidget:
        """The screen for `key`, built now if this is its first showing."""
        if key not in self.pages:
            screen = next(s for s in SCREENS if s.key == key)
            page_class = getattr(importlib.import_module(screen.module), screen.cls)
            page = page_class(self.context)
            page.setObjectName(f"page-{key}")
            holder = self._placeholders.pop(key)
            index = self.stack.indexOf(holder)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.pages[key] = page
            self._lock_button_last(page)
        return self.pages[key]

    def _lock_button_last(self, page: QWidget) -> None:
        """Tab goes through a screen before reaching Lock, at the bottom right (a screen built
        later joins the focus chain at its end, after Lock)."""
        last, widget = None, self.nextInFocusChain()
        while widget is not None and widget is not self:
            if page.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:  # Qt skips those
                last = widget
            widget = widget.nextInFocusChain()
        if last is not None:
            QWidget.setTabOrder(last, self.lock_button)

    def show_shortcuts(self) -> ShortcutsHelp:
        """F1: the shortcuts of every screen, read from what the screens register (so each
        screen is built first, as its first showing would)."""
        for screen in SCREENS:
            self.page(screen.key)
        titles = {self.pages[screen.key]: screen.title() for screen in SCREENS}
        dialog = ShortcutsHelp(registered_shortcuts(self, titles), self)
        dialog.finished.connect(lambda _result: self._shortcuts_help_closed(dialog))
        self.shortcuts_help = dialog
        dialog.open()
        return dialog

    def _shortcuts_help_closed(self, dialog: ShortcutsHelp) -> None:
        if self.shortcuts_help is dialog:
            self.shortcuts_help = None
        dialog.deleteLater()

    def show_page(self, key: str, record_id: uuid.UUID | None = None) -> QWidget:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        row = next(i for i, s in enumerate(SCREENS) if s.key == key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        if record_id is not None and hasattr(page, "show_record"):
            page.show_record(record_id)
        return page

    def _navigate(self, key: str, record_id: uuid.UUID | None) -> None:
        if key == "refer":
            resources = self.show_page("resources")
            if record_id is not None and isinstance(resources, Refers):
                resources.refer_contact(record_id)
            return
        self.show_page(key, record_id)

    # --- status bar ------------------------------------------------------------------

    def show_sync_state(self, state: SyncState) -> None:
        self.sync_status.setText(describe(state, self.context.clock()))

    def _offline_only_status(self) -> None:
        def done(pending: int) -> None:
            text = self.tr("Offline-only profile: your work stays on this computer")
            if pending:
                text += " · " + self.tr("%n change(s) not shared with any service", "", pending)
            self.sync_status.setText(text)

        self.context.store.run(lambda s: s.replica.pending_count(), done, owner=self)
