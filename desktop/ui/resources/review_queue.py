"""The review queue: a team lead approves or rejects the partners' changes held on the service.

Owns: `ReviewQueueDialog`, opened from the Resources screen's "Waiting for review (N)": the
changes waiting (service, partner organisation, when, who), the before/after of each field of
the one selected (read as `field_text` reads them, the detail pane's words), Approve and
Reject, and `review_problem`, what a failed call says in the operator's language ("needs a
connection" when offline, never an error dump). Every call to the service runs through
`run_in_background` (it waits on the network), one at a time; an approved change then comes to
every device with its next sync, this one's asked for at once.

Keyboard: the list has the focus; the arrows choose a change, Alt+A approves it, Alt+R rejects
it, F5 or Alt+F reads the queue again, Esc closes.

Must never block the UI thread, never keep the queue on this computer (it is the service's),
and never show a value as rich text (partners typed them).
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.replica import NotEnrolled
from desktop.sync import review, transport
from desktop.sync.engine import TransportFactory, default_transport
from desktop.ui import formats, style
from desktop.ui.background import run_in_background
from desktop.ui.context import UiContext
from desktop.ui.resources import field_text
from protocol.messages import ReviewChange, ReviewOutcome, ReviewQueue

CHANGE_ROLE = Qt.ItemDataRole.UserRole


def review_problem(error: BaseException) -> str:
    """What the operator reads when a call to the review queue failed, in their language."""
    if isinstance(error, transport.Offline):
        return QCoreApplication.translate(
            "ReviewQueue",
            "The review queue needs a connection to the service: this computer is offline, or the "
            "service cannot be reached. Try again when you are online.",
        )
    if isinstance(error, NotEnrolled | transport.NotAuthorised):
        return QCoreApplication.translate(
            "ReviewQueue", "The review queue needs a connection: this computer is not connected to a service."
        )
    if isinstance(error, transport.WipeOrdered):
        return QCoreApplication.translate(
            "ReviewQueue", "The organisation revoked this computer: the next sync wipes it."
        )
    if isinstance(error, transport.UpdateNeeded):
        return QCoreApplication.translate(
            "ReviewQueue", "This Prossimo and the service speak different versions: ask IT to update them."
        )
    if isinstance(error, transport.ServiceError):
        if error.error == "no_such_change":
            return QCoreApplication.translate(
                "ReviewQueue", "This change no longer waits: it was decided already, or the partner sent a newer one."
            )
        if error.error == "forbidden_role":
            return QCoreApplication.translate(
                "ReviewQueue", "Only team leads and administrators review the partners' changes."
            )
        if error.error == "not_found":
            return QCoreApplication.translate(
                "ReviewQueue", "This service has no review queue yet: ask IT to update it."
            )
        if error.status == 422:
            return QCoreApplication.translate(
                "ReviewQueue",
                "The change no longer fits the directory's rules (the entry changed since): reject it and "
                "ask the partner to send it again.",
            )
    return QCoreApplication.translate("ReviewQueue", "The service could not answer; try again later.")


class ReviewQueueDialog(QDialog):
    decided = Signal(object)  # the ReviewOutcome of a decision
    counted = Signal(int)  # how many changes wait, after each read of the queue

    def __init__(
        self, context: UiContext, parent: QWidget | None = None, factory: TransportFactory = default_transport
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.factory = factory
        self.busy = False
        self.queue: list[ReviewChange] = []
        self.setWindowTitle(self.tr("Waiting for review"))
        self.resize(1200, 620)  # fits a 1366x768 screen with its panel
        self._build()
        self.refresh()

    def _build(self) -> None:
        heading = QLabel(self.tr("Partners' changes waiting for review"))
        heading.setObjectName("pageTitle")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Review queue status"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self._build_lists()
        close = self._build_buttons()
        self._lay_out(heading, close)
        self._enable()

    def _build_lists(self) -> None:
        """The changes waiting, and the fields of the one chosen."""
        self.changes = QTreeWidget()
        self.changes.setAccessibleName(self.tr("Changes waiting for review"))
        self.changes.setHeaderLabels(
            [self.tr("Service"), self.tr("What it changes"), self.tr("Partner organisation"), self.tr("Sent")]
        )
        self.changes.setRootIsDecorated(False)
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.changes.currentItemChanged.connect(lambda item, _previous: self._show(item))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.fields = QTreeWidget()
        self.fields.setAccessibleName(self.tr("What the change does, field by field"))
        self.fields.setHeaderLabels([self.tr("Field"), self.tr("Now"), self.tr("Proposed")])
        self.fields.setRootIsDecorated(False)
        self.fields.setWordWrap(True)
        self.fields.setUniformRowHeights(False)
        self.fields.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fields.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _build_buttons(self) -> QPushButton:
        """Approve, Reject, Refresh (also F5); the Close button is returned."""
        self.approve_button = QPushButton(self.tr("&Approve and publish"))
        self.approve_button.setToolTip(self.tr("Publish the change: every device gets it at its next sync"))
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.reject_button = QPushButton(self.tr("&Reject"))
        self.reject_button.setToolTip(self.tr("Leave the directory as it is; the change is dropped"))
        self.reject_button.clicked.connect(lambda: self.decide(approve=False))
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.refresh)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        return close

    def _lay_out(self, heading: QLabel, close: QPushButton) -> None:
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.about)
        right_layout.addWidget(self.fields, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.changes)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.changes, self.fields)
        QWidget.setTabOrder(self.fields, self.approve_button)
        QWidget.setTabOrder(self.approve_button, self.reject_button)
        QWidget.setTabOrder(self.reject_button, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, close)

    # --- talking to the service (always off the UI thread) ----------------------------------

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None], text: str) -> None:
        self.busy = True
        self._say(text, "muted")
        self._enable()
        run_in_background(work, done, self._failed, owner=self)

    def refresh(self) -> None:
        if self.busy:
            return
        worker, factory = self.context.store.worker, self.factory
        self._start(lambda: review.waiting(worker, factory), self._listed, self.tr("Reading the queue…"))

    def decide(self, *, approve: bool) -> None:
        change = self.current_change()
        if self.busy or change is None:
            return
        worker, factory, change_id = self.context.store.worker, self.factory, str(change.id)
        self._start(
            lambda: review.decide(worker, change_id, approve=approve, factory=factory),
            self._decided,
            self.tr("Publishing…") if approve else self.tr("Rejecting…"),
        )

    def _listed(self, queue: ReviewQueue, said: tuple[str, str] | None = None) -> None:
        self.busy = False
        chosen = self.current_change()
        self.queue = queue.changes
        self.changes.clear()
        for change in self.queue:
            sent = formats.day_and_month_time(change.submitted_at.astimezone())
            what = ", ".join(field_text.field_name(one.field) for one in change.fields)
            item = QTreeWidgetItem([change.service_name, what, change.provider, sent])
            item.setData(0, CHANGE_ROLE, change)
            self.changes.addTopLevelItem(item)
        keep = next((i for i, c in enumerate(self.queue) if chosen and c.id == chosen.id), 0)
        shown = self.changes.topLevelItem(keep) if self.queue else None
        if shown is not None:
            self.changes.setCurrentItem(shown)
        else:
            self._show(None)
        if said is not None:
            self._say(*said)
        elif self.queue:
            self._say(self.tr("%n change(s) waiting for review.", "", len(self.queue)), "muted")
        else:
            self._say(self.tr("Nothing waits for review."), "muted")
        self._enable()
        self.counted.emit(len(self.queue))
        self.changes.setFocus()

    def _decided(self, outcome: ReviewOutcome) -> None:
        self.busy = False
        if outcome.status == "approved":
            said = self.tr("Approved and published: every device gets it at its next sync.")
            if self.context.sync is not None:
                self.context.sync.sync_now()  # this computer's copy at once
        else:
            said = self.tr("Rejected: the directory stays as it was.")
        self.decided.emit(outcome)
        worker, factory = self.context.store.worker, self.factory
        self.busy = True
        run_in_background(
            lambda: review.waiting(worker, factory), lambda q: self._listed(q, (said, "muted")), self._failed, self
        )

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._say(review_problem(error), "warning")
        if isinstance(error, transport.ServiceError) and error.error == "no_such_change":
            self.refresh()  # that one is gone: show what still waits
        self._enable()

    # --- showing -------------------------------------------------------------------------

    def current_change(self) -> ReviewChange | None:
        item = self.changes.currentItem()
        found: ReviewChange | None = item.data(0, CHANGE_ROLE) if item is not None else None
        return found

    def _show(self, item: QTreeWidgetItem | None) -> None:
        self.fields.clear()
        change: ReviewChange | None = item.data(0, CHANGE_ROLE) if item is not None else None
        if change is None:
            self.about.clear()
            self._enable()
            return
        self.about.setText(
            self.tr("{service} · {provider}, sent by {who} on {when}").format(
                service=change.service_name,
                provider=change.provider,
                who=change.submitted_by,
                when=formats.day_and_month_time(change.submitted_at.astimezone()),
            )
        )
        empty = self.tr("(none)")
        for one in change.fields:
            before = field_text.field_text(one.field, one.before) or empty
            after = field_text.field_text(one.field, one.after) or empty
            self.fields.addTopLevelItem(QTreeWidgetItem([field_text.field_name(one.field), before, after]))
        self._enable()

    def _say(self, text: str, role: str) -> None:
        self.status.setText(text)
        style.set_role(self.status, role)

    def _enable(self) -> None:
        chosen = self.current_change() is not None and not self.busy
        self.approve_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)
        self.refresh_button.setEnabled(not self.busy)
