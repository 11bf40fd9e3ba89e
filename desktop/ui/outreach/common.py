"""What the outreach screens share: big touch targets, item names in the UI's language.

Owns: `TOUCH` (the smallest side of anything tapped in the street, 44 px: WCAG 2.5.5),
`touch()` (a button made at least that big), `item_name` and `OUTREACH_ENTITIES` (what the
screens reload on). Must never read the store.
"""

from typing import TypeVar

from PySide6.QtWidgets import QPushButton, QWidget

from desktop.ui import i18n
from protocol.entities import SupplyItem

TOUCH = 44
OUTREACH_ENTITIES = frozenset({"shift", "encounter", "supply_item", "stock_movement", "resource"})
W = TypeVar("W", bound=QWidget)


def touch(widget: W) -> W:
    """At least TOUCH px each way, so a thumb in a glove finds it."""
    widget.setMinimumHeight(max(widget.minimumHeight(), TOUCH))
    widget.setMinimumWidth(max(widget.minimumWidth(), TOUCH))
    if isinstance(widget, QPushButton):
        widget.setAutoDefault(False)  # Enter is the panel's "Done", never the focused button's
    return widget


def item_name(item: SupplyItem | None, fallback: str = "") -> str:
    """A supply item's name in the UI's language (an item gone from the catalogue: `fallback`)."""
    if item is None:
        return fallback
    return {"it": item.name_it, "fi": item.name_fi}.get(i18n.current_language(), item.name_en)
