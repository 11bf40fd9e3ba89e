"""The Sync screen: where this computer stands with the central service, and what needs a person.

Owns: `SyncPage` (page key "sync"): the status line and the last result (from
`SyncBridge.stateChanged`), "Sync now" (F5), and three tabs: conflicts to decide
(with `desktop.ui.conflict_view.ConflictView`), changes the service refused (the
reason in plain words, the service's message, "Discard my change" and, where a later
sync may accept it, "Try again"), and the changes waiting to be sent.

Everything it lists comes from `desktop.store.sync_queries.sync_overview`, read on the
store thread; it reloads when the store says something changed and when a sync ends,
and keeps what the operator selected (and is typing) across reloads.

Must never run SQL or HTTP, never block on the store or the sync thread, and never
put stored JSON on the screen: values are shown as a form would show them.
"""

import uuid
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.errors import RecordNotFound, RuleViolation
from desktop.store.repositories import SPECS
from desktop.store.sync_queries import ConflictItem, PendingChange, RefusedChange, SyncOverview, sync_overview
from desktop.sync.scheduler import SyncState
from desktop.ui import style
from desktop.ui.conflict_view import (
    ConflictView,
    entity_count,
    entity_word,
    field_word,
    local_time_text,
    subject_text,
    value_text,
)
from desktop.ui.context import UiContext
from desktop.ui.forms import field_errors
from desktop.ui.sync_bridge import describe


def reason_text(reason: str) -> str:
    """Why the service refused a change, for the person who made it (protocol RejectReason)."""
    words = {
        "forbidden_team": QCoreApplication.translate(
            "SyncReasons", "You are not (or no longer) in the team this record belongs to."
        ),
        "forbidden_role": QCoreApplication.translate(
            "SyncReasons", "Your role does not allow this change: ask your coordinator."
        ),
        "not_found": QCoreApplication.translate(
            "SyncReasons", "The service no longer has this record: it was probably deleted by someone else."
        ),
        "duplicate_id": QCoreApplication.translate(
            "SyncReasons", "The service already has a record with the same identity."
        ),
        "invalid": QCoreApplication.translate(
            "SyncReasons", "The change breaks a rule of the record, see the service's message."
        ),
        "append_only": QCoreApplication.translate(
            "SyncReasons", "Case notes cannot be changed or deleted: add a new note that corrects it instead."
        ),
        "missing_reference": QCoreApplication.translate(
            "SyncReasons", "It refers to a record the service does not have, or that you may not see."
        ),
        "team_required": QCoreApplication.translate(
            "SyncReasons", "The record needs a team, because you work in more than one."
        ),
        "erased": QCoreApplication.translate(
            "SyncReasons", "This person's data was erased at the organisation's request: nothing may bring it back."
        ),
    }
    return words.get(
        reason, QCoreApplication.translate("SyncReasons", "The service refused it ({reason}).").format(reason=reason)
    )


def _operation_text(change: PendingChange) -> str:
    if change.entity == "conflict":
        return QCoreApplication.translate("SyncPage", "Decision")
    if change.op == "create":
        return QCoreApplication.translate("SyncPage", "New")
    if change.op == "delete":
        return QCoreApplication.translate("SyncPage", "Deleted")
    return QCoreApplication.translate("SyncPage", "Changed: {fields}").format(
        fields=", ".join(field_word(f) for f in change.fields)
    )


def _wrapping(items: QListWidget) -> None:
    # Long names wrap instead of hiding behind a horizontal scroll bar.
    items.setWordWrap(True)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    items.setSpacing(2)


class SyncPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: SyncOverview | None = None
        self._state: SyncState | None = None
        self._loading = False
        self._stale = False
        self._wanted_record: str | None = None
        top = self._build_status_row()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("What needs attention"))
        self.tabs.addTab(self._conflicts_tab(), "")
        self.tabs.addTab(self._refused_tab(), "")
        self.tabs.addTab(self._pending_tab(), "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        if context.sync is None:
            self.status_label.setText(
                self.tr(
                    "This profile works offline only: its records stay on this computer and are never sent anywhere."
                )
            )
            self.last_result_label.hide()
            self.sync_button.hide()
            self.tabs.hide()
            return
        context.sync.stateChanged.connect(self._state_changed)
        context.store.changed.connect(self._store_changed)
        self._show_state(context.sync.scheduler.state)
        self._set_tab_titles()
        self.reload()

    # --- building --------------------------------------------------------------------------

    def _build_status_row(self) -> QHBoxLayout:
        """Where sync stands, how the last one went, and Sync now (F5)."""
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Sync status"))
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        self.last_result_label = QLabel()
        self.last_result_label.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setToolTip(self.tr("Send and receive changes now (F5)"))
        self.sync_button.clicked.connect(self.sync_now)
        QShortcut(
            QKeySequence(Qt.Key.Key_F5), self, self.sync_now, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).setWhatsThis(self.tr("Sync now"))
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.status_label)
        texts.addWidget(self.last_result_label)
        top.addLayout(texts, 1)
        top.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _conflicts_tab(self) -> QWidget:
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName(self.tr("Records with conflicts"))
        self.conflict_list.currentRowChanged.connect(self._conflict_selected)
        self.conflict_view = ConflictView(self.context)
        self.no_conflicts = QLabel(self.tr("No conflicts: nothing to decide."))
        _wrapping(self.conflict_list)
        splitter = QSplitter()
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(self.conflict_view)
        splitter.setStretchFactor(1, 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.no_conflicts)
        layout.addWidget(splitter, 1)
        return tab

    def _refused_tab(self) -> QWidget:
        self.refused_list = QListWidget()
        self.refused_list.setAccessibleName(self.tr("Changes the service refused"))
        self.refused_list.currentRowChanged.connect(self._refused_selected)
        self.no_refused = QLabel(self.tr("The service accepted every change sent from this computer."))
        self.refused_feedback = QLabel()
        self.refused_feedback.setWordWrap(True)
        self._build_refused_detail()
        _wrapping(self.refused_list)
        splitter = QSplitter()
        splitter.addWidget(self.refused_list)
        splitter.addWidget(self.refused_detail)
        splitter.setStretchFactor(1, 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.no_refused)
        layout.addWidget(self.refused_feedback)
        layout.addWidget(splitter, 1)
        self.refused_feedback.hide()
        return tab

    def _build_refused_detail(self) -> None:
        """One refused change: what, why, and Discard my change / Try again."""
        self.refused_title = QLabel()
        self.refused_title.setWordWrap(True)
        self.refused_reason = QLabel()
        self.refused_reason.setWordWrap(True)
        self.refused_message = QLabel()
        self.refused_message.setWordWrap(True)
        self.refused_changes = QLabel()
        self.refused_changes.setWordWrap(True)
        self.refused_changes.setTextFormat(Qt.TextFormat.PlainText)
        self.refused_error = QLabel()
        self.refused_error.setWordWrap(True)
        style.set_role(self.refused_error, "error")
        self.discard_button = QPushButton(self.tr("&Discard my change"))
        self.discard_button.setToolTip(self.tr("Forget this change; the record stays as the service has it"))
        self.discard_button.clicked.connect(self._ask_discard)
        self.retry_button = QPushButton(self.tr("Try a&gain"))
        self.retry_button.setToolTip(self.tr("Send the change again, e.g. after you were given access"))
        self.retry_button.clicked.connect(self._retry)
        self.discard_confirmation: QMessageBox | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        self.refused_detail = QWidget()
        detail = QVBoxLayout(self.refused_detail)
        for widget in (self.refused_title, self.refused_reason, self.refused_message, self.refused_changes):
            detail.addWidget(widget)
        detail.addLayout(buttons)
        detail.addWidget(self.refused_error)
        detail.addStretch(1)

    def _pending_tab(self) -> QWidget:
        self.pending_summary = QLabel()
        self.pending_summary.setWordWrap(True)
        self.pending_tree = QTreeWidget()
        self.pending_tree.setAccessibleName(self.tr("Changes waiting to be sent"))
        self.pending_tree.setRootIsDecorated(False)
        self.pending_tree.setHeaderLabels([self.tr("When"), self.tr("Record"), self.tr("Kind"), self.tr("Change")])
        self.pending_tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.pending_summary)
        layout.addWidget(self.pending_tree, 1)
        return tab

    def _set_tab_titles(self) -> None:
        overview = self.overview
        conflicts = len(overview.conflicts) if overview else 0
        refused = len(overview.refused) if overview else 0
        pending = sum(overview.pending_by_entity.values()) if overview else 0
        self.tabs.setTabText(0, self.tr("&Conflicts ({n})").format(n=conflicts))
        self.tabs.setTabText(1, self.tr("&Refused changes ({n})").format(n=refused))
        self.tabs.setTabText(2, self.tr("&Waiting to be sent ({n})").format(n=pending))

    # --- what the operator asks --------------------------------------------------------------

    def sync_now(self) -> None:
        if self.context.sync is not None:
            self.context.sync.sync_now()

    def show_record(self, record_id: uuid.UUID) -> None:
        """Opened for one record (e.g. from a contact with a conflict): show its conflicts."""
        self._wanted_record = str(record_id)
        self.tabs.setCurrentIndex(0)
        if self.overview is not None:
            self._fill_conflicts(self.overview.conflicts)

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the overview again; calls that arrive while a read runs make one more read."""
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self.context.store.run(sync_overview, self._loaded, self._load_failed, owner=self)

    def _store_changed(self, changes: frozenset[str]) -> None:
        # Any write adds a waiting change, so every change notice matters here.
        self.reload()

    def _state_changed(self, state: SyncState) -> None:
        self._show_state(state)
        if state.phase != "syncing":  # progress ticks change nothing to list
            self.reload()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.last_result_label.setText(self.tr("The list could not be read: {reason}").format(reason=str(error)))

    def _loaded(self, overview: SyncOverview) -> None:
        self._loading = False
        if self._stale:
            self._stale = False
            self.reload()
        self.overview = overview
        self._set_tab_titles()
        self._show_last_result()
        self._fill_conflicts(overview.conflicts)
        self._fill_refused(overview.refused)
        self._fill_pending(overview)

    def _show_state(self, state: SyncState) -> None:
        self._state = state
        self.status_label.setText(describe(state, self.context.clock()))
        self.sync_button.setEnabled(state.phase not in ("syncing", "wiped", "stopped"))
        self._show_last_result()

    def _show_last_result(self) -> None:
        state = self._state
        last = state.last_success_at if state and state.last_success_at else None
        if last is None and self.overview is not None:
            last = self.overview.status.last_sync_at
        if last is None:
            text = self.tr("This computer has not synced with the service yet.")
        else:
            text = self.tr("Last successful sync: {time}").format(time=local_time_text(last))
            if state is not None and state.phase == "idle" and state.done:
                text += " · " + self.tr("%n record(s) sent or received", "", state.done)
        self.last_result_label.setText(text)

    # --- conflicts ---------------------------------------------------------------------------

    def _conflict_groups(self, items: list[ConflictItem]) -> dict[str, list[ConflictItem]]:
        groups: dict[str, list[ConflictItem]] = {}
        for item in items:
            groups.setdefault(str(item.conflict.record_id), []).append(item)
        for group in groups.values():  # fields in the order a form shows them
            entity = group[0].conflict.entity
            order = list(SPECS[entity].model.model_fields) if entity in SPECS else []
            group.sort(key=lambda i: order.index(i.conflict.field) if i.conflict.field in order else len(order))
        return groups

    def _fill_conflicts(self, items: list[ConflictItem]) -> None:
        groups = self._conflict_groups(items)
        current = self.conflict_list.currentItem()
        keep = self._wanted_record or (current.data(Qt.ItemDataRole.UserRole) if current else None)
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for record_id, group in groups.items():
            fields = ", ".join(field_word(i.conflict.field) for i in group)
            item = QListWidgetItem(
                self.tr("{record}\n{fields}").format(record=subject_text(group[0].subject), fields=fields)
            )
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.conflict_list.addItem(item)
        keys = list(groups)
        row = keys.index(keep) if keep in keys else (0 if keys else -1)
        self.conflict_list.setCurrentRow(row)
        self.conflict_list.blockSignals(False)
        if self._wanted_record in keys:
            self._wanted_record = None
        self.no_conflicts.setVisible(not keys)
        self._conflict_selected(row)

    def _conflict_selected(self, row: int) -> None:
        groups = list(self._conflict_groups(self.overview.conflicts if self.overview else []).values())
        group = groups[row] if 0 <= row < len(groups) else []
        self.conflict_view.show_record(group[0].subject if group else None, [i.conflict for i in group])

    # --- refused changes -----------------------------------------------------------------------

    def _fill_refused(self, refused: list[RefusedChange]) -> None:
        current = self.refused_list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.refused_list.blockSignals(True)
        self.refused_list.clear()
        for change in refused:
            item = QListWidgetItem(
                self.tr("{record} ({what})\nrefused {when}").format(
                    record=subject_text(change.subject),
                    what=entity_word(change.entity),
                    when=local_time_text(change.refused_at),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, change.seq)
            item.setToolTip(reason_text(change.reason))
            self.refused_list.addItem(item)
        seqs = [change.seq for change in refused]
        self.refused_list.setCurrentRow(seqs.index(keep) if keep in seqs else (0 if seqs else -1))
        self.refused_list.blockSignals(False)
        self.no_refused.setVisible(not refused)
        self._refused_selected(self.refused_list.currentRow())

    def _selected_refusal(self) -> RefusedChange | None:
        row = self.refused_list.currentRow()
        refused = self.overview.refused if self.overview else []
        return refused[row] if 0 <= row < len(refused) else None

    def _refused_selected(self, row: int) -> None:
        change = self._selected_refusal()
        self.refused_detail.setVisible(change is not None)
        self.refused_error.hide()
        if change is None:
            return
        what = {
            "create": self.tr("New {what}: {record}"),
            "update": self.tr("Change to {what}: {record}"),
            "delete": self.tr("Deleting {what}: {record}"),
        }.get(change.op, "{what}: {record}")
        self.refused_title.setText(what.format(what=entity_word(change.entity), record=subject_text(change.subject)))
        self.refused_reason.setText(self.tr("Why: {reason}").format(reason=reason_text(change.reason)))
        self.refused_message.setText(self.tr("The service said: {message}").format(message=change.message))
        self.refused_message.setVisible(bool(change.message))
        self.refused_changes.setText(self._changes_text(change))
        self.retry_button.setVisible(change.retryable)
        self.discard_button.setEnabled(True)
        self.retry_button.setEnabled(True)

    def _changes_text(self, change: RefusedChange) -> str:
        if change.op == "delete":
            return self.tr("You deleted this record; the service keeps it.")
        shown = change.changed
        if change.op == "create":  # all of a new record's fields travel; its empty and default ones say nothing
            fields = SPECS[change.entity].model.model_fields if change.entity in SPECS else {}
            shown = {
                name: value
                for name, value in shown.items()
                if value not in (None, "", [], {}) and not (name in fields and fields[name].default == value)
            }
        lines = [
            f"{field_word(name)}: {value_text(self.context, change.entity, name, value)}"
            for name, value in shown.items()
        ]
        heading = self.tr("What you entered:") if change.op == "create" else self.tr("What you changed:")
        return "\n".join([heading, *lines])

    def _ask_discard(self) -> None:
        change = self._selected_refusal()
        if change is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard this change?"),
            self.tr(
                "Your change to {record} will be forgotten for good. The record stays as the service has it."
            ).format(record=subject_text(change.subject)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result, seq=change.seq: self._discard_answered(result, seq))
        self.discard_confirmation = box
        box.open()

    def _discard_answered(self, result: int, seq: int) -> None:
        self.discard_confirmation = None
        if result != QMessageBox.StandardButton.Discard:
            return
        self.discard_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.context.store.run(
            lambda s: s.replica.discard_rejected(seq),
            lambda _: self._settled(self.tr("The change was discarded.")),
            self._refusal_failed,
            owner=self,
        )

    def _retry(self) -> None:
        change = self._selected_refusal()
        if change is None:
            return
        self.discard_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.context.store.run(
            lambda s: s.replica.retry_rejected(change.seq),
            lambda _: self._settled(self.tr("The change will be sent again with the next sync.")),
            self._refusal_failed,
            owner=self,
        )

    def _settled(self, feedback: str) -> None:
        self.refused_feedback.setText(feedback)
        self.refused_feedback.show()
        self.reload()

    def _refusal_failed(self, error: BaseException) -> None:
        self.discard_button.setEnabled(True)
        self.retry_button.setEnabled(True)
        if isinstance(error, RecordNotFound):
            message = self.tr(
                "This record is no longer on this computer, so the change cannot be sent again. You can discard it."
            )
        elif isinstance(error, ValidationError | RuleViolation):
            message = "\n".join(
                f"{field_word(name)}: {text}" if name else text for name, text in field_errors(error).items()
            )
        else:
            message = self.tr("It did not work: {reason}").format(reason=str(error))
        self.refused_error.setText(message)
        self.refused_error.show()

    # --- waiting changes -----------------------------------------------------------------------

    def _fill_pending(self, overview: SyncOverview) -> None:
        total = sum(overview.pending_by_entity.values())
        if total == 0:
            self.pending_summary.setText(
                self.tr("Nothing is waiting: every change made on this computer has reached the service.")
            )
        else:
            counts = sorted(overview.pending_by_entity.items(), key=lambda item: (-item[1], item[0]))
            text = self.tr("%n change(s) waiting to be sent: {parts}.", "", total).format(
                parts=", ".join(entity_count(entity, n) for entity, n in counts)
            )
            if total > len(overview.pending):
                text += " " + self.tr("The oldest {n} are listed.").format(n=len(overview.pending))
            self.pending_summary.setText(text)
        self.pending_tree.clear()
        rows: list[Any] = []
        for change in overview.pending:
            item = QTreeWidgetItem(
                [
                    local_time_text(change.made_at),
                    subject_text(change.subject),
                    entity_word(change.entity),
                    _operation_text(change),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, change.seq)
            rows.append(item)
        self.pending_tree.addTopLevelItems(rows)
