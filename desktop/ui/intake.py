"""The Intake screen: first-contact and booking requests from the public help desk.

Owns: `IntakePage` (the queue, newest first, new requests by default or all of
them, and the request read in full: a booking request with the help-desk slot it holds
and that slot's state; the reply box, whose message the person reads on the help desk's
status page), `IntakeAcceptDialog` (the request becomes a
pseudonymous contact, or is matched to someone already known, optionally with a
proposed appointment, and is marked converted: one store transaction),
`IntakeDeclineDialog` (declined, with the reason, which is required), and for a booking
that holds a slot `BookingConfirmDialog` (the slot is booked, with an optional message)
and `BookingDeclineDialog` (the slot is free again; the message to the person is required).

Must never run SQL (queries live in `desktop.store.intake_queries` and
`desktop.store.slot_queries`), never throw away a reply being written (a refresh or
another request chosen keeps it as a draft), never contact a person who asked not to be
contacted (the channel is shown as such), and never block the UI thread on the store.
"""

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import intake_queries as intake
from desktop.store import slot_queries
from desktop.store.calendar_queries import Clash, overlapping
from desktop.store.session import StoreSession
from desktop.ui import formats, labels
from desktop.ui.calendar import local_zone
from desktop.ui.calendar.form import ClashWarning
from desktop.ui.calendar.slots import slot_when
from desktop.ui.contact_picker import ContactPicker, contact_label
from desktop.ui.context import UiContext
from desktop.ui.forms import FormDialog, FormErrors, read_only_value
from protocol import Contact, IntakeRequest

DEFAULT_START = dt.time(10, 0)
DEFAULT_MINUTES = 45


def _local(value: dt.datetime, context: UiContext) -> dt.datetime:
    return value.astimezone(context.clock().tzinfo)


def when_text(value: dt.datetime, context: UiContext) -> str:
    """An instant as date and time where the operator is, in the locale's short format."""
    local = _local(value, context)
    date = QLocale().toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)
    time = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{date} {time}"


def next_working_day(today: dt.date) -> dt.date:
    """The first Monday-to-Friday day after `today`."""
    day = today + dt.timedelta(days=1)
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    return day


def zone_name(now: dt.datetime) -> str:
    """The IANA name of the clock's time zone (appointments need a named zone)."""
    key = getattr(now.tzinfo, "key", None)
    return key or bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"


Slots = dict[uuid.UUID, slot_queries.SlotView]


def _queue_and_counts(session: StoreSession, status: str | None) -> tuple[list[IntakeRequest], dict[str, int], Slots]:
    requests = intake.intake_queue(session, status)
    slots = slot_queries.slots_by_id(session, [r.slot_id for r in requests if r.slot_id is not None])
    return requests, intake.intake_counts(session), slots


def _is_open(request: IntakeRequest) -> bool:
    return request.status in intake.OPEN_STATUSES


def _awaits_answer(request: IntakeRequest) -> bool:
    """A booking whose slot is held for it: the team confirms or declines it before anything else."""
    return request.kind == "booking" and request.slot_id is not None and request.status == "new"


def reply_note() -> str:
    """Where the person reads a reply, said the same way wherever one is written."""
    return QCoreApplication.translate(
        "IntakePage",
        "They read this on the help desk's status page when they enter their reference and check words. "
        "The site sends no SMS or email: if they asked to be called or written to, do that yourself.",
    )


# --- the screen -----------------------------------------------------------------------


class IntakePage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.request: IntakeRequest | None = None
        self.accept_dialog: IntakeAcceptDialog | None = None
        self.decline_dialog: IntakeDeclineDialog | None = None
        self.confirm_booking_dialog: BookingConfirmDialog | None = None
        self.decline_booking_dialog: BookingDeclineDialog | None = None
        self.slots: Slots = {}
        self._drafts: dict[uuid.UUID, str] = {}  # replies being written, by request
        self._wanted: uuid.UUID | None = None
        self._new_contact_id: uuid.UUID | None = None
        self._generation = 0

        top = self._build_top()
        self._build_notice()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_queue())
        # Scrolls when it must (a 720 px screen, large text): the reply box and its button stay reachable.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self._build_detail())
        splitter.addWidget(self.detail_scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.which.currentIndexChanged.connect(lambda _index: self.refresh())
        context.store.changed.connect(self._store_changed)
        self._show_request(None)
        self.refresh()

    def _build_top(self) -> QHBoxLayout:
        """The heading, and which requests are shown (new, or all)."""
        heading = QLabel(self.tr("Help desk requests"))
        heading.setObjectName("pageTitle")
        self.which = QComboBox()
        self.which.setAccessibleName(self.tr("Requests shown"))
        # Its texts get their counts later ("All (12)"): it grows with them, never cut short.
        self.which.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.which.addItem(self.tr("New"), "new")
        self.which.addItem(self.tr("All"), None)
        which_label = QLabel(self.tr("S&how:"))
        which_label.setBuddy(self.which)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(which_label)
        top.addWidget(self.which)
        return top

    def _build_notice(self) -> None:
        """The hidden notice that a request was accepted, with a button to its contact."""
        self.notice = QFrame()
        self.notice.setObjectName("pageNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.open_new_contact = QPushButton(self.tr("&Open the contact"))
        self.open_new_contact.clicked.connect(self._open_new_contact)
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.addWidget(self.notice_text, 1)
        notice_layout.addWidget(self.open_new_contact)
        self.notice.hide()

    def _build_queue(self) -> QWidget:
        """The requests, newest first, and the words shown when there are none."""
        self.queue = QTreeWidget()
        self.queue.setAccessibleName(self.tr("Requests"))
        self.queue.setHeaderLabels([self.tr("Received"), self.tr("Request"), self.tr("Alias"), self.tr("Status")])
        self.queue.setRootIsDecorated(False)
        self.queue.setUniformRowHeights(True)
        self.queue.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue.currentItemChanged.connect(lambda item, _previous: self._show_item(item))
        self.queue.itemActivated.connect(lambda _item, _column: self._focus_actions())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.queue, 1)
        left_layout.addWidget(self.empty)
        return left

    def _build_detail(self) -> QWidget:
        """The chosen request's values (a row is hidden while empty) and what can be done with it."""
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        rows = {
            "kind": self.tr("Request"),
            "alias": self.tr("Alias"),
            "reach": self.tr("How to reach them"),
            "times": self.tr("Preferred times"),
            "say_who": self.tr("May say who it is from"),
            "topic": self.tr("Topic"),
            "language": self.tr("Language"),
            "consent": self.tr("Agrees to be contacted"),
            "received": self.tr("Received"),
            "reference": self.tr("Reference code"),
            "slot": self.tr("Time chosen"),
            "slot_state": self.tr("Slot"),
            "status": self.tr("Status"),
            "decline_reason": self.tr("Reason declined"),
        }
        for key, text in rows.items():
            value = read_only_value(text)
            self.values[key] = value
            self.form.addRow(text, value)
        self.accept_button = QPushButton(self.tr("&Accept…"))
        self.accept_button.setToolTip(self.tr("Make this request a contact, with a proposed appointment if wanted"))
        self.accept_button.clicked.connect(self.start_accept)
        self.decline_button = QPushButton(self.tr("&Decline…"))
        self.decline_button.clicked.connect(self.start_decline)
        self.confirm_button = QPushButton(self.tr("Con&firm booking…"))
        self.confirm_button.setToolTip(self.tr("Book the chosen time for them; their status page shows it"))
        self.confirm_button.clicked.connect(self.start_confirm)
        self.open_contact = QPushButton(self.tr("Open &contact"))
        self.open_contact.clicked.connect(self._open_request_contact)
        actions = QHBoxLayout()
        for button in (self.confirm_button, self.accept_button, self.decline_button, self.open_contact):
            actions.addWidget(button)
        actions.addStretch(1)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.addLayout(self.form)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self._build_reply())
        detail_layout.addStretch(1)
        return self.detail

    def _build_reply(self) -> QGroupBox:
        """The team's message to the person, read on the help desk's status page."""
        self.reply_box = QGroupBox(self.tr("Message to the person"))
        note = QLabel(reply_note())
        note.setWordWrap(True)
        self.reply = QPlainTextEdit()
        self.reply.setAccessibleName(self.tr("Message to the person"))
        self.reply.setAccessibleDescription(reply_note())
        self.reply.setTabChangesFocus(True)
        self.reply.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.reply.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.reply_errors = FormErrors()
        self.save_reply_button = QPushButton(self.tr("Sa&ve message"))
        self.save_reply_button.clicked.connect(self.save_reply)
        self.reply_state = QLabel()
        self.reply_state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_reply_button)
        row.addWidget(self.reply_state, 1)
        layout = QVBoxLayout(self.reply_box)
        layout.addWidget(note)
        layout.addWidget(self.reply)
        layout.addWidget(self.reply_errors.add("reply", self.reply))
        layout.addWidget(self.reply_errors.general)
        layout.addLayout(row)
        return self.reply_box

    # --- loading ------------------------------------------------------------------------

    def show_record(self, intake_id: uuid.UUID) -> None:
        """Show one request; the queue switches to All when it is no longer new."""
        self._wanted = intake_id
        if not self._select(intake_id):
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, status = self._generation, self.which.currentData()
        self.context.store.run(
            lambda s: _queue_and_counts(s, status), lambda answer: self._show_queue(generation, *answer), owner=self
        )

    def _show_queue(self, generation: int, requests: list[IntakeRequest], counts: dict[str, int], slots: Slots) -> None:
        if generation != self._generation:
            return
        self.slots = slots
        self.which.setItemText(0, self.tr("New ({count})").format(count=counts.get("new", 0)))
        self.which.setItemText(1, self.tr("All ({count})").format(count=sum(counts.values())))
        keep = self._wanted or (self.request.id if self.request else None)
        self.queue.blockSignals(True)
        self.queue.clear()
        for request in requests:
            item = QTreeWidgetItem(
                [
                    when_text(request.received_at, self.context),
                    labels.label("intake_kind", request.kind),
                    request.alias,
                    labels.label("intake_status", request.status),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, request)
            self.queue.addTopLevelItem(item)
        self.queue.blockSignals(False)
        if requests:
            self.empty.setText("")
        elif self.which.currentData() == "new":
            self.empty.setText(self.tr("No new requests. Choose All to see the ones already handled."))
        else:
            self.empty.setText(self.tr("No requests have arrived from the help desk yet."))
        if keep is not None and self._select(keep):
            return
        if self._wanted is not None and self.which.currentData() is not None:
            self.which.setCurrentIndex(self.which.findData(None))  # refreshes; the request is among All
            return
        self._wanted = None
        first = self.queue.topLevelItem(0)
        if first is not None:
            self.queue.setCurrentItem(first)
        else:
            self._show_request(None)

    def _select(self, request_id: uuid.UUID) -> bool:
        for row in range(self.queue.topLevelItemCount()):
            item = self.queue.topLevelItem(row)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole).id == request_id:
                self.queue.setCurrentItem(item)
                self.queue.scrollToItem(item)
                self._show_item(item)
                self._wanted = None
                return True
        return False

    def _store_changed(self, entities: frozenset[str]) -> None:
        if "intake_request" in entities:
            self.refresh()

    # --- the request ------------------------------------------------------------------------

    def _show_item(self, item: QTreeWidgetItem | None) -> None:
        self._show_request(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None)

    def _keep_draft(self) -> None:
        """What the operator typed and has not saved stays theirs, by request."""
        if self.request is not None:
            text = self.reply.toPlainText()
            if text != (self.request.reply or ""):
                self._drafts[self.request.id] = text
            else:
                self._drafts.pop(self.request.id, None)

    def _show_request(self, request: IntakeRequest | None) -> None:
        self._keep_draft()
        self.request = request
        self.detail.setVisible(request is not None)
        if request is None:
            return
        if request.contact_channel == "none":
            reach = self.tr("Do not contact: they will get in touch themselves")
        else:
            reach = self.tr("{channel}: {detail}").format(
                channel=labels.label("intake_channel", request.contact_channel), detail=request.contact_detail
            )
        texts = {
            "kind": labels.label("intake_kind", request.kind),
            "alias": request.alias,
            "reach": reach,
            "times": request.preferred_times or "",
            # A shared phone: unless the person said yes, a call or message must not name the service.
            "say_who": ""
            if request.contact_channel == "none"
            else self.tr("Yes")
            if request.may_say_who_from
            else self.tr("No: do not name the service"),
            "topic": request.topic or "",
            "language": formats.language_name(request.language),
            "consent": self.tr("Yes") if request.consent_to_contact else self.tr("No"),
            "received": when_text(request.received_at, self.context),
            "reference": request.reference or "",
            **self._slot_texts(request),
            "status": labels.label("intake_status", request.status),
            "decline_reason": request.decline_reason or "",
        }
        for key, text in texts.items():
            self.values[key].setText(text)
            self.form.setRowVisible(self.values[key], bool(text))
        holds_slot = request.kind == "booking" and request.slot_id is not None
        self.confirm_button.setVisible(holds_slot)
        self.confirm_button.setEnabled(_awaits_answer(request))
        # A held slot is answered first (Confirm or Decline): it is what the person waits for.
        self.accept_button.setEnabled(_is_open(request) and not _awaits_answer(request))
        self.accept_button.setToolTip(
            self.tr("Confirm or decline the booking first")
            if _awaits_answer(request)
            else self.tr("Make this request a contact, with a proposed appointment if wanted")
        )
        self.decline_button.setEnabled(_awaits_answer(request) if holds_slot else _is_open(request))
        self.open_contact.setVisible(request.contact_id is not None)
        self._show_reply(request)

    def _slot_texts(self, request: IntakeRequest) -> dict[str, str]:
        """The time a booking chose (when, how, where) and what that slot is now."""
        if request.slot_id is None:
            return {"slot": "", "slot_state": ""}
        view = self.slots.get(request.slot_id)
        if view is None:
            return {"slot": self.tr("Not on this device yet: it arrives with the next sync"), "slot_state": ""}
        zone = local_zone(self.context)
        parts = [slot_when(view.slot, zone), labels.label("slot_mode", view.slot.mode)]
        if view.slot.place:
            parts.append(view.slot.place)
        if view.slot.deleted:
            state = self.tr("Removed from the calendar")
        elif view.request is not None and view.request.id != request.id:
            state = self.tr("Booked by another request")
        elif view.taken == "held":
            state = self.tr("Held for this request until you confirm or decline it")
        elif view.taken == "booked":
            state = self.tr("Booked for this request")
        else:
            state = self.tr("Free again at the help desk")
        return {"slot": " · ".join(parts), "slot_state": state}

    def _show_reply(self, request: IntakeRequest) -> None:
        # Only a request with a reference has a status page where the person can read it.
        self.reply_box.setVisible(request.reference is not None)
        self.reply_errors.clear()
        draft = self._drafts.get(request.id)
        self.reply.setPlainText(draft if draft is not None else request.reply or "")
        if draft is not None:
            self.reply_state.setText(self.tr("Not saved yet."))
        elif request.reply:
            self.reply_state.setText(self.tr("Saved: they can read it on the status page."))
        else:
            self.reply_state.setText(self.tr("No message yet."))
        self.save_reply_button.setEnabled(True)

    def reply_text(self) -> str:
        return self.reply.toPlainText().strip()

    def save_reply(self) -> None:
        if self.request is None:
            return
        request_id, text = self.request.id, self.reply_text() or None
        self.reply_errors.clear()
        self.save_reply_button.setEnabled(False)
        self.context.store.run(
            lambda s: slot_queries.write_reply(s, request_id, text),
            self._reply_saved,
            self._reply_failed,
            owner=self,
        )

    def _reply_saved(self, request: IntakeRequest) -> None:
        self._drafts.pop(request.id, None)
        if self.request is not None and self.request.id == request.id:
            self.request = request
            self._show_reply(request)

    def _reply_failed(self, error: BaseException) -> None:
        self.save_reply_button.setEnabled(True)
        self.reply_errors.show(error)

    def _focus_actions(self) -> None:
        if self.request is not None:
            target = self.accept_button if self.accept_button.isEnabled() else self.open_contact
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_request_contact(self) -> None:
        if self.request is not None and self.request.contact_id is not None:
            self.context.navigator.open("contacts", self.request.contact_id)

    # --- accepting and declining --------------------------------------------------------

    def start_accept(self) -> None:
        if self.request is None or not _is_open(self.request):
            return
        dialog = IntakeAcceptDialog(self.context, self.request, self)
        dialog.requestAccepted.connect(self._accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.accept_dialog = dialog
        dialog.open()

    def start_confirm(self) -> None:
        if self.request is None or not _awaits_answer(self.request):
            return
        dialog = BookingConfirmDialog(self.context, self.request, self._slot_texts(self.request)["slot"], self)
        dialog.start_with(self.reply.toPlainText())
        dialog.answered.connect(self._answered)
        dialog.finished.connect(dialog.deleteLater)
        self.confirm_booking_dialog = dialog
        dialog.open()

    def _answered(self, request: IntakeRequest) -> None:
        self._drafts.pop(request.id, None)
        if self.request is not None and self.request.id == request.id:
            self.request = request
            self._show_reply(request)  # what was sent, not the box's old text taken for a draft
        self._wanted = request.id  # still shown once answered (the queue switches to All)
        text = (
            self.tr("Booking confirmed: their status page now shows the time and place.")
            if request.status == "accepted"
            else self.tr("Booking declined: the slot is free again and their status page shows your message.")
        )
        self._new_contact_id = None
        self.notice_text.setText(text)
        self.open_new_contact.hide()
        self.notice.show()

    def start_decline(self) -> None:
        if self.request is None or not _is_open(self.request):
            return
        if self.request.kind == "booking" and self.request.slot_id is not None:
            if not _awaits_answer(self.request):
                return
            booking = BookingDeclineDialog(self.context, self.request, self._slot_texts(self.request)["slot"], self)
            booking.start_with(self.reply.toPlainText())
            booking.answered.connect(self._answered)
            booking.finished.connect(booking.deleteLater)
            self.decline_booking_dialog = booking
            booking.open()
            return
        dialog = IntakeDeclineDialog(self.context, self.request, self)
        dialog.finished.connect(dialog.deleteLater)
        self.decline_dialog = dialog
        dialog.open()

    def _accepted(self, accepted: intake.Accepted) -> None:
        self._new_contact_id = accepted.contact_id
        if accepted.contact_created:
            text = self.tr("Request accepted: a new contact was created.")
        else:
            text = self.tr("Request accepted and linked to the contact you chose.")
        if accepted.appointment_id is not None:
            text += " " + self.tr("A proposed appointment is in the calendar, waiting for their confirmation.")
        self.notice_text.setText(text)
        self.open_new_contact.show()
        self.notice.show()
        self.open_new_contact.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_new_contact(self) -> None:
        if self._new_contact_id is not None:
            self.context.navigator.open("contacts", self._new_contact_id)


# --- accepting ----------------------------------------------------------------------------


class IntakeAcceptDialog(FormDialog):
    requestAccepted = Signal(object)  # intake_queries.Accepted

    def __init__(self, context: UiContext, request: IntakeRequest, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Accept request"), parent)
        self.context = context
        self.request = request
        self.matched: Contact | None = None
        self._picker: ContactPicker | None = None
        self.setWindowTitle(self.tr("Accept a help desk request"))
        now = context.clock()
        self.time_zone = zone_name(now)

        summary = QLabel(
            self.tr("{kind} from {alias}, received {when}.").format(
                kind=labels.label("intake_kind", request.kind),
                alias=request.alias,
                when=when_text(request.received_at, context),
            )
        )
        summary.setWordWrap(True)
        match_row = self._build_who()
        self.errors = FormErrors()
        self._build_new_contact()
        self._build_appointment(now)
        # The booking dialog's warning, on the same rule (calendar_queries.overlapping).
        self.clash_panel = ClashWarning(context, _zone(self.time_zone, context))
        self.clash_panel.book_anyway_button.clicked.connect(lambda: self.submit(check_clashes=False))
        self.clash_panel.change_time_button.clicked.connect(self._change_time)
        self.clashes: list[Clash] = []

        self.accept_button = self.primary_button
        self.accept_button.clicked.connect(lambda: self.submit(check_clashes=True))

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.create_new)
        layout.addLayout(match_row)
        layout.addWidget(self.errors.add("contact_id", self.choose_contact))
        layout.addWidget(self.new_contact)
        layout.addWidget(self.appointment)
        layout.addWidget(self.clash_panel)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)
        self.create_new.toggled.connect(self._who_changed)
        self._who_changed()

    def _build_who(self) -> QHBoxLayout:
        """A new contact, or someone already known (chosen with the picker); returns the second row."""
        self.create_new = QRadioButton(self.tr("Create a &new contact (alias only)"))
        self.match_existing = QRadioButton(self.tr("&Match someone already known"))
        self.create_new.setChecked(True)
        self.choose_contact = QPushButton(self.tr("Choose &contact…"))
        self.choose_contact.clicked.connect(self._pick_contact)
        self.matched_name = QLabel(self.tr("No one chosen yet."))
        self.matched_name.setAccessibleName(self.tr("Matched contact"))
        match_row = QHBoxLayout()
        match_row.addWidget(self.match_existing)
        match_row.addWidget(self.choose_contact)
        match_row.addWidget(self.matched_name, 1)
        return match_row

    def _build_new_contact(self) -> None:
        """The new contact's fields, filled from the request (its channel gives the phone or email)."""
        request = self.request
        self.new_contact = QGroupBox(self.tr("New contact"))
        self.alias = QLineEdit(request.alias)
        self.alias.setAccessibleName(self.tr("Alias"))
        self.language = QLineEdit(request.language)
        self.language.setAccessibleName(self.tr("Preferred language (code such as it, fi, en)"))
        self.phone = QLineEdit(request.contact_detail if request.contact_channel in ("phone", "sms") else "")
        self.phone.setAccessibleName(self.tr("Phone"))
        self.email = QLineEdit(request.contact_detail if request.contact_channel == "email" else "")
        self.email.setAccessibleName(self.tr("Email"))
        self._build_team()
        contact_form = QFormLayout(self.new_contact)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("alias", self.tr("Alia&s"), self.alias),
            ("preferred_language", self.tr("&Language"), self.language),
            ("phone", self.tr("&Phone"), self.phone),
            ("email", self.tr("&Email"), self.email),
            ("team_id", self.tr("&Team"), self.team),
        )
        for key, text, widget in rows:
            self._row(contact_form, key, text, widget)

    def _build_team(self) -> None:
        """The operator's teams, with the one the request was sent to chosen (listed even when not theirs)."""
        request = self.request
        self.team = QComboBox()
        self.team.setAccessibleName(self.tr("Team"))
        for team in self.context.teams:
            self.team.addItem(team.name, team.id)
        if request.team_id is not None and self.team.findData(request.team_id) < 0:
            self.team.addItem(
                self.context.team_name(request.team_id) or self.tr("The team the request was sent to"),
                request.team_id,
            )
        if self.team.count() == 0:
            self.team.addItem(self.tr("No team"), None)
        if request.team_id is not None:
            self.team.setCurrentIndex(self.team.findData(request.team_id))

    def _build_appointment(self, now: dt.datetime) -> None:
        """The optional proposed appointment (ticked for a booking request): the next working day at the
        usual time, with the times they prefer shown above."""
        request = self.request
        self.appointment = QGroupBox(self.tr("P&ropose an appointment"))
        self.appointment.setCheckable(True)
        self.appointment.setChecked(request.kind == "booking")
        day = next_working_day(now.date())
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Appointment date"))
        self.time = QTimeEdit(QTime(DEFAULT_START.hour, DEFAULT_START.minute))
        self.time.setAccessibleName(self.tr("Appointment time"))
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 8 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Length in minutes"))
        self.place = QComboBox()
        self.place.setAccessibleName(self.tr("Where"))
        for value, text in labels.labels("place_kind").items():
            self.place.addItem(text, value)
        self.place.setCurrentIndex(self.place.findData("office"))
        self.topic = QLineEdit(request.topic or "")
        self.topic.setAccessibleName(self.tr("Topic"))
        appointment_form = QFormLayout(self.appointment)
        if request.preferred_times:
            appointment_form.addRow(self.tr("They prefer"), QLabel(request.preferred_times))
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("starts_at", self.tr("&Date"), self.date),
            ("time", self.tr("T&ime"), self.time),
            ("ends_at", self.tr("Len&gth"), self.minutes),
            ("place_kind", self.tr("W&here"), self.place),
            ("topic", self.tr("T&opic"), self.topic),
        )
        for key, text, widget in rows:
            self._row(appointment_form, key, text, widget)
        appointment_form.addRow(self.tr("Time zone"), QLabel(formats.time_zone_name(self.time_zone, now)))

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(self.errors.add(key, widget))
        form.addRow(label, column)

    def _who_changed(self) -> None:
        creating = self.create_new.isChecked()
        self.new_contact.setEnabled(creating)
        self.choose_contact.setEnabled(not creating)
        if not creating and self.matched is None:
            self._pick_contact()

    def _pick_contact(self) -> None:
        if self._picker is not None:
            self._picker.deleteLater()
        self._picker = ContactPicker(self.context, self)
        self._picker.query.setText(self.request.alias)
        self._picker.accepted.connect(self._picked)
        self._picker.open()

    def _picked(self) -> None:
        if self._picker is not None:
            self.set_match(self._picker.chosen)

    def set_match(self, contact: Contact | None) -> None:
        self.matched = contact
        if contact is not None:
            self.match_existing.setChecked(True)
            self.matched_name.setText(contact_label(contact))

    def _appointment_fields(self) -> dict | None:
        if not self.appointment.isChecked():
            return None
        day, time = self.date.date(), self.time.time()
        starts = dt.datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=_zone(self.time_zone, self.context)
        )
        return {
            "operator_id": self.context.me,
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(minutes=self.minutes.value()),
            "time_zone": self.time_zone,
            "place_kind": self.place.currentData(),
            "topic": self.topic.text().strip() or None,
        }

    def submit(self, check_clashes: bool = True) -> None:
        """Accept the request; with an appointment, first look for overlaps like the booking
        dialog does, and book over them only on "Book anyway"."""
        self.errors.clear()
        self.clash_panel.hide()
        request_id, appointment = self.request.id, self._appointment_fields()
        if self.create_new.isChecked():
            new_contact = {
                "kind": "pseudonymous",
                "alias": self.alias.text(),
                "preferred_language": self.language.text().strip() or None,
                "phone": self.phone.text().strip() or None,
                "email": self.email.text().strip() or None,
                "team_id": self.team.currentData(),
            }
            existing = None
        elif self.matched is not None:
            new_contact, existing = None, self.matched.id
        else:
            self.errors.show(ValueError("contact_id: " + self.tr("choose the contact this request is from")))
            return
        self.accept_button.setEnabled(False)
        if check_clashes and appointment is not None:
            contacts = [existing] if existing is not None else []
            self.context.store.run(
                lambda s: overlapping(
                    s,
                    starts_at=appointment["starts_at"],
                    ends_at=appointment["ends_at"],
                    operator_id=appointment["operator_id"],
                    contact_ids=contacts,
                ),
                lambda clashes: self._checked(appointment, clashes),
                self._failed,
                owner=self,
            )
            return
        self.context.store.run(
            lambda s: intake.accept_intake(
                s, request_id, new_contact=new_contact, existing_contact_id=existing, appointment=appointment
            ),
            self._done,
            self._failed,
            owner=self,
        )

    def _checked(self, appointment: dict, clashes: list[Clash]) -> None:
        self.accept_button.setEnabled(True)
        if appointment != self._appointment_fields():
            return  # changed while the check ran: the operator accepts again
        self.clashes = clashes
        if clashes:
            self.clash_panel.show_clashes(clashes, appointment["starts_at"])
        else:
            self.submit(check_clashes=False)

    def _change_time(self) -> None:
        self.clash_panel.hide()
        self.time.setFocus()

    def _done(self, accepted: intake.Accepted) -> None:
        self.requestAccepted.emit(accepted)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.accept_button.setEnabled(True)
        self.errors.show(error)


def _zone(name: str, context: UiContext) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return context.clock().tzinfo or dt.UTC


# --- declining ----------------------------------------------------------------------------


class IntakeDeclineDialog(FormDialog):
    requestDeclined = Signal(object)  # the IntakeRequest as stored

    def __init__(self, context: UiContext, request: IntakeRequest, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Decline request"), parent)
        self.context = context
        self.request = request
        self.setWindowTitle(self.tr("Decline a help desk request"))
        explanation = QLabel(
            self.tr(
                "Say why the request from {alias} is declined. Colleagues who open it later will read this."
            ).format(alias=request.alias)
        )
        explanation.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(300)
        self.reason.setAccessibleName(self.tr("Reason for declining"))
        self.reason.setPlaceholderText(self.tr("For example: already in contact with another service"))
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.errors = FormErrors()
        self.decline_button = self.primary_button
        self.decline_button.clicked.connect(self.submit)  # Enter too: it is the default button
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.errors.add("decline_reason", self.reason))
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        self.errors.clear()
        reason, request_id = self.reason.text().strip(), self.request.id
        if not reason:
            self.errors.show(ValueError("decline_reason: " + self.tr("say why the request is declined")))
            return
        self.decline_button.setEnabled(False)
        self.context.store.run(
            lambda s: intake.decline_intake(s, request_id, reason),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, request: IntakeRequest) -> None:
        self.requestDeclined.emit(request)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.decline_button.setEnabled(True)
        self.errors.show(error)


# --- answering a booking that holds a slot --------------------------------------------------


class _BookingAnswer(FormDialog):
    """The shared body of Confirm and Decline: what was booked, and the message to the person."""

    answered = Signal(object)  # the IntakeRequest as stored

    def __init__(
        self, primary: str, title: str, context: UiContext, request: IntakeRequest, slot: str, parent: QWidget | None
    ) -> None:
        super().__init__(primary, parent)
        self.context = context
        self.request = request
        self.setWindowTitle(title)
        self.summary = QLabel(
            self.tr("{alias} chose: {slot}. Reference {reference}.").format(
                alias=request.alias, slot=slot, reference=request.reference or "–"
            )
        )
        self.summary.setWordWrap(True)
        # Wide enough for the title bar's words and a message of a few lines without wrapping each.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.message = QPlainTextEdit()
        self.message.setTabChangesFocus(True)
        self.message.setAccessibleName(self.tr("Message to the person"))
        self.message.setAccessibleDescription(reply_note())
        self.message.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.message_label = QLabel(self.tr("&Message to the person:"))
        self.message_label.setBuddy(self.message)
        note = QLabel(reply_note())
        note.setWordWrap(True)
        self.errors = FormErrors()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.message_label)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.errors.add("reply", self.message))
        self.layout_.addWidget(note)
        self.primary_button.clicked.connect(self.submit)

    def start_with(self, text: str) -> None:
        """The reply box's text (what the operator began writing), the cursor after it."""
        self.message.setPlainText(text)
        self.message.moveCursor(QTextCursor.MoveOperation.End)
        self.settled(self.message)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.errors.general)
        self.layout_.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, write: Callable[[StoreSession], IntakeRequest]) -> None:
        self.errors.clear()
        self.primary_button.setEnabled(False)
        self.context.store.run(write, self._done, self._failed, owner=self)

    def _done(self, request: IntakeRequest) -> None:
        self.answered.emit(request)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.primary_button.setEnabled(True)
        self.errors.show(error)


class BookingConfirmDialog(_BookingAnswer):
    def __init__(self, context: UiContext, request: IntakeRequest, slot: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("&Confirm booking"), self.tr("Confirm a help desk booking"), context, request, slot, parent
        )
        self.message.setPlaceholderText(self.tr("Optional. For example: ring the bell marked Centro, 2nd floor."))
        self.finish_layout()

    def submit(self) -> None:
        request_id, text = self.request.id, self.message.toPlainText().strip() or None
        self._run(lambda s: slot_queries.confirm_booking(s, request_id, text))


class BookingDeclineDialog(_BookingAnswer):
    def __init__(self, context: UiContext, request: IntakeRequest, slot: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("&Decline booking"), self.tr("Decline a help desk booking"), context, request, slot, parent
        )
        self.message_label.setText(self.tr("&Message to the person (required):"))
        self.message.setPlaceholderText(
            self.tr("For example: we cannot meet at that time; please choose another one, or call us.")
        )
        self.reason = QLineEdit()
        self.reason.setMaxLength(300)
        self.reason.setAccessibleName(self.tr("Reason for the team"))
        reason_label = QLabel(self.tr("&Reason, for the team only (optional):"))
        reason_label.setBuddy(self.reason)
        self.layout_.addWidget(reason_label)
        self.layout_.addWidget(self.reason)
        self.layout_.addWidget(self.errors.add("decline_reason", self.reason))
        self.finish_layout()

    def submit(self) -> None:
        text = self.message.toPlainText().strip()
        if not text:
            self.errors.show(ValueError("reply: " + self.tr("write a message to the person: they will read it")))
            return
        request_id, reason = self.request.id, self.reason.text().strip() or None
        self._run(lambda s: slot_queries.decline_booking(s, request_id, text, reason))
