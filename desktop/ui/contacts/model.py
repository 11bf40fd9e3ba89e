"""The contact list as a Qt table model that holds ids and fetches rows lazily.

Owns: `ContactListModel`. It keeps the ordered ids of the list (100k strings,
a few MB) and a bounded cache of row contents in blocks of `BLOCK` rows. When a
view asks for a row that is not cached, the model shows a placeholder and asks
the store thread for that block; the answer fills the block and repaints it.
Only blocks still on screen when the request goes out are fetched, and only one
request is in flight at a time, so dragging the scroll bar across 100k rows
fetches what the operator actually stops on, not everything it passes.

Must never load every row, never run SQL (the store thread does, through
`desktop.store.contact_queries`), and never show an answer meant for an older
id list (a generation counter drops it).
"""

import uuid
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont

from desktop.store import contact_queries
from desktop.store.contact_queries import ContactRow
from desktop.ui.context import UiContext

BLOCK = 200
MAX_BLOCKS = 50  # at most 10,000 rows of contents kept; older blocks are dropped first

NAME, MUNICIPALITY, TEAM, PHONE, TAGS = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


class ContactListModel(QAbstractTableModel):
    blockArrived = Signal(int, int)  # first row, last row: their contents are now cached

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._ids: list[str] = []
        self._blocks: OrderedDict[int, list[ContactRow | None]] = OrderedDict()
        self._wanted: dict[int, None] = {}  # blocks asked for since the last request, in order
        self._in_flight = False
        self._generation = 0
        self.rows_fetched = 0  # rows delivered by the store since the model was made (tests, bench)
        # Set by the view's owner: (first, last) rows on screen, so off-screen blocks are skipped.
        self.visible_rows: Callable[[], tuple[int, int]] | None = None
        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self._request_wanted)
        italic = QFont()
        italic.setItalic(True)
        self._alias_font = italic

    # --- the id list -------------------------------------------------------------------

    def set_ids(self, ids: list[str]) -> None:
        """Show a new ordered id list; every cached row is dropped (it may have changed)."""
        self.beginResetModel()
        self._generation += 1
        self._ids = ids
        self._blocks.clear()
        self._wanted.clear()
        self.endResetModel()

    def id_at(self, row: int) -> uuid.UUID | None:
        return uuid.UUID(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: uuid.UUID | None) -> int | None:
        if contact_id is None:
            return None
        try:
            return self._ids.index(str(contact_id))
        except ValueError:
            return None

    def is_loaded(self, row: int) -> bool:
        block = self._blocks.get(row // BLOCK)
        return block is not None

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Municipality"), self.tr("Team"), self.tr("Phone"), self.tr("Tags"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row_number = index.row()
        if role == ID_ROLE:
            return self.id_at(row_number)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        loaded, row = self._row(row_number)
        if row is None:
            # Not fetched yet, or gone since the id list was read (a refresh is on its way).
            if role == Qt.ItemDataRole.FontRole or loaded:
                return None
            return self.tr("Loading…") if index.column() == NAME else ""
        if role == Qt.ItemDataRole.FontRole:
            return self._alias_font if row.pseudonymous and index.column() == NAME else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == NAME and row.pseudonymous:
                return self.tr("Pseudonymous contact: known by an alias only")
            return None
        return self._text(row, index.column())

    def _text(self, row: ContactRow, column: int) -> str:
        if column == NAME:
            return self.tr("{alias} (alias)").format(alias=row.name) if row.pseudonymous else row.name
        if column == MUNICIPALITY:
            return row.municipality or ""
        if column == TEAM:
            return self.context.team_name(row.team_id)
        if column == PHONE:
            return row.phone or ""
        return ", ".join(row.tags)

    # --- lazy blocks ------------------------------------------------------------------------

    def _row(self, row_number: int) -> tuple[bool, ContactRow | None]:
        """(whether its block is cached, the row); asks for the block when it is not."""
        number = row_number // BLOCK
        block = self._blocks.get(number)
        if block is None:
            self._want(number)
            return False, None
        self._blocks.move_to_end(number)
        return True, block[row_number - number * BLOCK]

    def _want(self, number: int) -> None:
        self._wanted[number] = None
        if not self._in_flight and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _on_screen(self, number: int) -> bool:
        if self.visible_rows is None:
            return True
        first, last = self.visible_rows()
        if first < 0:
            return True  # the view is not laid out yet: trust what it painted
        return number * BLOCK <= last and first < (number + 1) * BLOCK

    def _request_wanted(self) -> None:
        if self._in_flight:
            return
        numbers = [n for n in self._wanted if n not in self._blocks and self._on_screen(n)]
        self._wanted.clear()
        if not numbers:
            return
        generation = self._generation
        slices = {n: self._ids[n * BLOCK : (n + 1) * BLOCK] for n in numbers}
        wanted_ids = [contact_id for ids in slices.values() for contact_id in ids]
        self._in_flight = True
        self.context.store.run(
            lambda session: contact_queries.rows_for(session, wanted_ids),
            lambda found: self._arrived(generation, slices, found),
            lambda _error: self._failed(),
            owner=self,
        )

    def _arrived(self, generation: int, slices: dict[int, list[str]], found: dict[str, ContactRow]) -> None:
        self._in_flight = False
        if generation == self._generation:
            self.rows_fetched += len(found)
            for number, ids in slices.items():
                self._blocks[number] = [found.get(contact_id) for contact_id in ids]
                while len(self._blocks) > MAX_BLOCKS:
                    self._blocks.popitem(last=False)
                first, last = number * BLOCK, number * BLOCK + len(ids) - 1
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
                self.blockArrived.emit(first, last)
        if self._wanted:
            self._flush_timer.start()

    def _failed(self) -> None:
        # The store was locked or the read failed: placeholders stay; a later paint asks again.
        self._in_flight = False
