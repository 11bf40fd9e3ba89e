"""Deciding a same-field collision: both values side by side, keep one or type a third.

Owns: `ConflictView`, which shows the open conflicts of one record, one row per field
("On this computer" beside "From a colleague's device, sent at 10:05") with "Keep
mine", "Keep theirs" and "Edit"; and the words the sync screens use for records,
fields and values (`entity_word`, `field_word`, `value_text`, `subject_text`), so a
person reads "Municipality: Cesena", never a column name or JSON.

"Mine" is the value this computer shows now (the one the service kept), "theirs" the
value that reached the service later. When that later value was sent by this
operator, the buttons say "Keep the saved value" and "Keep my change" instead.

Must never write a record itself: a decision goes through
`StoreSession.resolve_conflict`, which validates the value with the record's schema
in the repository, and whose errors are shown beside the input.
"""

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.repositories import SPECS
from desktop.store.sync_queries import RecordSubject
from desktop.ui import style
from desktop.ui.context import UiContext
from desktop.ui.forms import field_errors
from desktop.ui.labels import label
from desktop.ui.messages import field_word  # the one table of field names (sync_panel imports it from here)
from protocol.entities import last_day_before
from protocol.messages import Conflict

# (entity, field) -> desktop.ui.labels kind, for enumerations shown in words
_LABEL_KINDS = {
    ("contact", "kind"): "contact_kind",
    ("relationship", "kind"): "relationship_kind",
    ("consent", "purpose"): "consent_purpose",
    ("consent", "method"): "consent_method",
    ("appointment", "place_kind"): "place_kind",
    ("appointment", "status"): "appointment_status",
    ("resource", "categories"): "resource_category",
    ("note", "kind"): "note_kind",
    ("referral", "status"): "referral_status",
    ("intake_request", "kind"): "intake_kind",
    ("intake_request", "contact_channel"): "intake_channel",
    ("intake_request", "status"): "intake_status",
    ("shift", "kind"): "shift_kind",
    ("encounter", "gender"): "gender",
    ("encounter", "age_band"): "age_band",
    ("supply_item", "kind"): "supply_kind",
    ("stock_movement", "kind"): "movement_kind",
}


class _Words:
    """`_Words.translate("SyncWords", "literal")`: Qt's lupdate finds any `X.translate(...)` call
    with literal arguments, so these many short words stay findable in a compact form."""

    translate = staticmethod(QCoreApplication.translate)


def entity_word(entity: str) -> str:
    """ "contact", "appointment"... in the operator's language (lower case, singular)."""
    words = {
        "contact": _Words.translate("SyncWords", "contact"),
        "relationship": _Words.translate("SyncWords", "relationship"),
        "consent": _Words.translate("SyncWords", "consent"),
        "appointment": _Words.translate("SyncWords", "appointment"),
        "resource": _Words.translate("SyncWords", "service in the directory"),
        "note": _Words.translate("SyncWords", "case note"),
        "referral": _Words.translate("SyncWords", "referral"),
        "intake_request": _Words.translate("SyncWords", "help-desk request"),
        "bookable_slot": _Words.translate("SyncWords", "help-desk time slot"),
        "conflict": _Words.translate("SyncWords", "conflict decision"),
        "shift": _Words.translate("SyncWords", "outreach shift"),
        "encounter": _Words.translate("SyncWords", "outreach encounter"),
        "supply_item": _Words.translate("SyncWords", "supply item"),
        "stock_movement": _Words.translate("SyncWords", "stock movement"),
    }
    return words.get(entity, entity)


def entity_count(entity: str, n: int) -> str:
    """ "2 contacts", "1 appointment"."""
    counted = {
        "contact": lambda: QCoreApplication.translate("SyncWords", "Contact: {n}").format(n=n),
        "relationship": lambda: QCoreApplication.translate("SyncWords", "Relationship: {n}").format(n=n),
        "consent": lambda: QCoreApplication.translate("SyncWords", "Consent: {n}").format(n=n),
        "appointment": lambda: QCoreApplication.translate("SyncWords", "Appointment: {n}").format(n=n),
        "resource": lambda: QCoreApplication.translate("SyncWords", "Directory service: {n}").format(n=n),
        "note": lambda: QCoreApplication.translate("SyncWords", "Case note: {n}").format(n=n),
        "referral": lambda: QCoreApplication.translate("SyncWords", "Referral: {n}").format(n=n),
        "intake_request": lambda: QCoreApplication.translate("SyncWords", "Help-desk request: {n}").format(n=n),
        "bookable_slot": lambda: QCoreApplication.translate("SyncWords", "Help-desk time slot: {n}").format(n=n),
        "conflict": lambda: QCoreApplication.translate("SyncWords", "Conflict decision: {n}").format(n=n),
        "shift": lambda: QCoreApplication.translate("SyncWords", "Outreach shift: {n}").format(n=n),
        "encounter": lambda: QCoreApplication.translate("SyncWords", "Outreach encounter: {n}").format(n=n),
        "supply_item": lambda: QCoreApplication.translate("SyncWords", "Supply item: {n}").format(n=n),
        "stock_movement": lambda: QCoreApplication.translate("SyncWords", "Stock movement: {n}").format(n=n),
    }
    return counted[entity]() if entity in counted else f"{n} {entity}"


@functools.cache
def _schema(entity: str, field: str) -> dict[str, Any]:
    """The JSON schema of one field without its `null` option ({} when unknown)."""
    spec = SPECS.get(entity)
    info = spec.model.model_fields.get(field) if spec else None
    if info is None:
        return {}
    schema = TypeAdapter(info.annotation).json_schema()
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else {}


def _is_plain_text(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and "enum" not in schema and "format" not in schema


def edit_kind(entity: str, field: str) -> str | None:
    """How a person can type a new value: "text", "number", "list" (comma-separated), or
    None when only one of the two values can be kept (dates, links, choices, structures)."""
    schema = _schema(entity, field)
    if _is_plain_text(schema):
        return "text"
    if schema.get("type") == "integer":
        return "number"
    if schema.get("type") == "array" and _is_plain_text(schema.get("items", {})):
        return "list"
    return None


def local_time_text(moment: dt.datetime, date_only: bool = False) -> str:
    shown = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)).toLocalTime()
    if date_only:
        return QLocale().toString(shown.date(), QLocale.FormatType.ShortFormat)
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def value_text(context: UiContext, entity: str, field: str, value: Any) -> str:
    """One value as a person reads it: a label for a choice, a local time, a team's name."""
    if value is None or value == "" or value == []:
        return _Words.translate("SyncWords", "(empty)")
    schema = _schema(entity, field)
    if isinstance(value, list):
        kind = _LABEL_KINDS.get((entity, field))
        return ", ".join(label(kind, item) if kind else _plain(item) for item in value)
    if isinstance(value, bool):
        return _Words.translate("SyncWords", "Yes") if value else _Words.translate("SyncWords", "No")
    if (entity, field) in _LABEL_KINDS:
        return label(_LABEL_KINDS[(entity, field)], value)
    fmt = schema.get("format")
    try:
        if (entity, field) == ("consent", "expires_at"):  # a date as the form took it, not the lapse instant
            moment = dt.datetime.fromisoformat(str(value))
            day = last_day_before(moment, moment.astimezone().tzinfo or dt.UTC)
            return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
        if fmt == "date-time":
            return local_time_text(dt.datetime.fromisoformat(str(value)))
        if fmt == "date":
            day = dt.date.fromisoformat(str(value))
            return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
        if fmt == "uuid":
            if field == "team_id":
                return context.team_name(uuid.UUID(str(value))) or _Words.translate("SyncWords", "another team")
            return _Words.translate("SyncWords", "a linked record")
    except ValueError:
        pass
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, dict):  # a structure such as a directory location: its parts, in order
        return ", ".join(_plain(v) for v in value.values() if v not in (None, "", []))
    return str(value)


def subject_text(subject: RecordSubject) -> str:
    """ "Marta Rossi", "appointment 12/11/26 10:00 · Marta Rossi", "case note about Luca"."""
    entity = subject.entity
    if entity == "conflict" and subject.inner is not None and subject.field:
        return _Words.translate("SyncWords", "{field} of {record}").format(
            field=field_word(subject.field), record=subject_text(subject.inner)
        )
    if subject.name and entity == "intake_request":
        return _Words.translate("SyncWords", "request from {alias}").format(alias=subject.name)
    if subject.name:
        return subject.name
    if entity == "appointment" and subject.starts_at is not None:
        when = _Words.translate("SyncWords", "appointment {time}").format(time=local_time_text(subject.starts_at))
        return f"{when} · {subject.about}" if subject.about else when
    if subject.about:
        return _Words.translate("SyncWords", "{what} about {people}").format(
            what=entity_word(entity), people=subject.about
        )
    if not subject.on_this_computer:
        return _Words.translate("SyncWords", "a {what} no longer on this computer").format(what=entity_word(entity))
    return _Words.translate("SyncWords", "a {what} without a name").format(what=entity_word(entity))


class _ConflictRow(QFrame):
    """One field of the record: the two values, and the three ways to decide."""

    def __init__(
        self,
        context: UiContext,
        conflict: Conflict,
        decide: Callable[["_ConflictRow", str, Any], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self._decide = decide
        self.setFrameShape(QFrame.Shape.StyledPanel)
        name = field_word(conflict.field)
        mine_is_other = conflict.other_device_id == context.device_id or (
            context.operator_id is not None and conflict.other_operator_id == context.operator_id
        )
        title = QLabel(f"<b>{_escape(name)}</b>")
        values = self._build_values(context, name, self._other_heading(context, mine_is_other))
        buttons = self._build_decisions(name, mine_is_other)
        self._build_edit_area(name)
        self.error = QLabel()  # a decision the store refused for another reason than the typed value
        self.error.setWordWrap(True)
        style.set_role(self.error, "error")
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(values)
        layout.addLayout(buttons)
        layout.addWidget(self.edit_area)
        layout.addWidget(self.error)

        self.keep_kept_button.clicked.connect(lambda: self._decide(self, "kept", None))
        self.keep_other_button.clicked.connect(lambda: self._decide(self, "other", None))
        self.edit_button.clicked.connect(self._start_edit)
        self.cancel_edit_button.clicked.connect(self._cancel_edit)
        self.save_edit_button.clicked.connect(self._save_edit)
        self.edit_input.returnPressed.connect(self._save_edit)

    def _other_heading(self, context: UiContext, mine_is_other: bool) -> str:
        """Where the other value comes from, and when it was sent."""
        sent = local_time_text(self.conflict.created_at)
        if self.conflict.other_device_id == context.device_id:
            return self.tr("From this computer, sent at {time}").format(time=sent)
        if mine_is_other:
            return self.tr("From your other device, sent at {time}").format(time=sent)
        return self.tr("From a colleague's device, sent at {time}").format(time=sent)

    def _build_values(self, context: UiContext, name: str, other_heading: str) -> QGridLayout:
        """The two values side by side under their headings."""
        entity, field = self.conflict.entity, self.conflict.field
        self.kept_heading = QLabel(self.tr("On this computer"))
        self.other_heading = QLabel(other_heading)
        self.kept_value = QLabel(value_text(context, entity, field, self.conflict.kept_value))
        self.other_value = QLabel(value_text(context, entity, field, self.conflict.other_value))
        for value in (self.kept_value, self.other_value):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kept_value.setAccessibleName(self.tr("{field} on this computer").format(field=name))
        self.other_value.setAccessibleName(self.tr("{field}: {heading}").format(field=name, heading=other_heading))
        values = QGridLayout()
        values.addWidget(self.kept_heading, 0, 0)
        values.addWidget(self.other_heading, 0, 1)
        values.addWidget(self.kept_value, 1, 0)
        values.addWidget(self.other_value, 1, 1)
        values.setColumnStretch(0, 1)
        values.setColumnStretch(1, 1)
        return values

    def _build_decisions(self, name: str, mine_is_other: bool) -> QHBoxLayout:
        """Keep one value or the other (worded for whose they are), or type another."""
        if mine_is_other:
            self.keep_kept_button = QPushButton(self.tr("Keep the &saved value"))
            self.keep_other_button = QPushButton(self.tr("Keep &my change"))
        else:
            self.keep_kept_button = QPushButton(self.tr("Keep &mine"))
            self.keep_other_button = QPushButton(self.tr("Keep &theirs"))
        self.keep_kept_button.setAccessibleName(
            self.tr("Keep the value on this computer for {field}").format(field=name)
        )
        self.keep_other_button.setAccessibleName(self.tr("Keep the other value for {field}").format(field=name))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Type another value for {field}").format(field=name))
        self.kind = edit_kind(self.conflict.entity, self.conflict.field)
        if self.kind is None:
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip(
                self.tr(
                    "This kind of field cannot be typed here: keep one of the two "
                    "values, then change the record itself if needed."
                )
            )
        buttons = QHBoxLayout()
        for button in (self.keep_kept_button, self.keep_other_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _build_edit_area(self, name: str) -> None:
        """The hidden input for another value, with its own Save and Cancel and its error."""
        self.edit_input = QLineEdit()
        self.edit_input.setAccessibleName(self.tr("New value for {field}").format(field=name))
        if self.kind == "list":
            self.edit_input.setPlaceholderText(self.tr("Separate the items with commas"))
        self.edit_error = QLabel()
        self.edit_error.setObjectName("fieldError")
        self.edit_error.setWordWrap(True)
        style.set_role(self.edit_error, "error")
        self.edit_error.setBuddy(self.edit_input)
        self.save_edit_button = QPushButton(self.tr("&Save this value"))
        self.cancel_edit_button = QPushButton(self.tr("Cancel"))
        self.edit_area = QWidget()
        edit_layout = QGridLayout(self.edit_area)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(self.edit_input, 0, 0)
        edit_layout.addWidget(self.save_edit_button, 0, 1)
        edit_layout.addWidget(self.cancel_edit_button, 0, 2)
        edit_layout.addWidget(self.edit_error, 1, 0, 1, 3)
        self.edit_area.hide()

    def _start_edit(self) -> None:
        value = self.conflict.kept_value
        if isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        else:
            text = "" if value is None else str(value)
        self.edit_input.setText(text)
        self.edit_error.hide()
        self.edit_area.show()
        self.edit_input.setFocus()
        self.edit_input.selectAll()

    def _cancel_edit(self) -> None:
        self.edit_area.hide()
        self.edit_button.setFocus()

    def _save_edit(self) -> None:
        text = self.edit_input.text().strip()
        if not text:
            self.show_edit_error(self.tr("Type a value, or keep one of the two above"))
            return
        value: Any = text
        if self.kind == "number":
            try:
                value = int(text)
            except ValueError:
                self.show_edit_error(self.tr("Type a whole number"))
                return
        elif self.kind == "list":
            value = [part.strip() for part in text.split(",") if part.strip()]
        self._decide(self, "edited", value)

    def show_edit_error(self, message: str) -> None:
        self.edit_error.setText(message)
        self.edit_error.show()
        self.edit_input.setAccessibleDescription(message)
        self.edit_input.setFocus()

    def show_error(self, error: BaseException, resolution: str) -> None:
        message = "\n".join(field_errors(error).values()) or str(error)
        if resolution == "edited":
            self.show_edit_error(message)
        else:
            self.error.setText(message)
            self.error.show()

    def set_busy(self, busy: bool) -> None:
        for button in (self.keep_kept_button, self.keep_other_button, self.save_edit_button):
            button.setEnabled(not busy)
        self.edit_button.setEnabled(not busy and self.kind is not None)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ConflictView(QWidget):
    """The open conflicts of one record; `show_record(subject, conflicts)` fills it."""

    resolved = Signal(object)  # the Conflict's id (uuid.UUID), after the decision was saved

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[_ConflictRow] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.explanation = QLabel(
            self.tr(
                "Two people changed the same detail before their computers synced. Prossimo kept both values: "
                "choose the right one, or type the correct value. Your decision reaches the team with the next sync."
            )
        )
        self.explanation.setWordWrap(True)
        self.empty = QLabel(self.tr("Choose a record on the left to see what collided."))
        self._rows_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.empty)
        layout.addLayout(self._rows_layout)
        layout.addStretch(1)
        self.show_record(None, [])

    def show_record(self, subject: RecordSubject | None, conflicts: list[Conflict]) -> None:
        """Show these conflicts. Rows of conflicts already shown stay as they are, so a
        reload (a sync ended, a colleague's decision arrived) never wipes what is being typed."""
        wanted = {c.id for c in conflicts}
        for row in [r for r in self.rows if r.conflict.id not in wanted]:
            self._drop(row)
        kept = {row.conflict.id: row for row in self.rows}
        self.rows = []
        for position, conflict in enumerate(conflicts):
            row = kept.get(conflict.id) or _ConflictRow(self.context, conflict, self._decide, self)
            self._rows_layout.insertWidget(position, row)
            self.rows.append(row)
        self.heading.setVisible(subject is not None)
        self.explanation.setVisible(bool(conflicts))
        self.empty.setVisible(not conflicts)
        if subject is not None:
            self.heading.setText(f"<b>{_escape(subject_text(subject))}</b>")

    def _drop(self, row: _ConflictRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
        row.hide()
        row.deleteLater()

    def _decide(self, row: _ConflictRow, resolution: str, value: Any) -> None:
        conflict_id = row.conflict.id
        row.set_busy(True)

        def done(_: Conflict) -> None:
            self._drop(row)
            self.empty.setVisible(not self.rows)
            self.resolved.emit(conflict_id)

        def failed(error: BaseException) -> None:
            row.set_busy(False)
            row.show_error(error, resolution)

        self.context.store.run(
            lambda s: s.resolve_conflict(conflict_id, resolution, value),
            done,
            failed,
            owner=self,
        )
