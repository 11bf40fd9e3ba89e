"""The Resources screen: the directory of local services, searched and read, and referrals.

Owns: `ResourcesPage`: a keyword search (full text over names, organisation,
street, categories, keywords, description), category and municipality filters,
the results list and the `ResourceDetail` pane, and starting a `ReferralDialog`.
Other screens send the operator here with a person in mind
(`refer_contact(contact_id)`): a banner says who is being referred, and the
referral dialog starts with that person.

Keyboard: Ctrl+F goes to the search, Down moves from the search into the results,
the arrows move in the results, Enter opens the current service (its "Refer…").

Must never run SQL (queries live in `desktop.store.directory_queries`) and never
block the UI thread on the store.
"""

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import directory_queries as directory
from desktop.store.session import StoreSession
from desktop.ui import labels
from desktop.ui.context import UiContext
from desktop.ui.resources.detail import ResourceDetail
from desktop.ui.resources.refer import ReferralDialog
from protocol import Contact, Resource

SEARCH_DELAY_MS = 150


def _filter_choices(session: StoreSession) -> tuple[set[str], list[str]]:
    return directory.categories(session), directory.municipalities(session)


class ResourcesPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.referring: Contact | None = None
        self.referral_dialog: ReferralDialog | None = None
        self._generation = 0

        heading = QLabel(self.tr("Resources"))
        heading.setObjectName("pageTitle")

        self.banner = QFrame()
        self.banner.setObjectName("referringBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.stop_referring = QPushButton(self.tr("S&top referring"))
        self.stop_referring.clicked.connect(self.clear_referring)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.stop_referring)
        self.banner.hide()

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Service, organisation, street, keyword…"))
        self.search.setAccessibleName(self.tr("Search the directory"))
        self.search.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("All categories"), None)
        category_label = QLabel(self.tr("&Category:"))
        category_label.setBuddy(self.category)
        self.municipality = QComboBox()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.municipality.addItem(self.tr("All municipalities"), None)
        municipality_label = QLabel(self.tr("&Municipality:"))
        municipality_label.setBuddy(self.municipality)
        filters = QHBoxLayout()
        for widget, stretch in ((search_label, 0), (self.search, 3), (category_label, 0), (self.category, 1),
                                (municipality_label, 0), (self.municipality, 1)):
            filters.addWidget(widget, stretch)

        self.results = QTreeWidget()
        self.results.setAccessibleName(self.tr("Services found"))
        self.results.setHeaderLabels([self.tr("Service"), self.tr("Organisation"), self.tr("Municipality"),
                                      self.tr("Categories")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.results.header().setStretchLastSection(True)
        self.results.currentItemChanged.connect(lambda item, _previous: self._preview(item))
        self.results.itemActivated.connect(lambda _item, _column: self.open_current())
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Search summary"))
        self.notice = QLabel()
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.detail = ResourceDetail(context)
        self.detail.referRequested.connect(self.start_referral)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh_results)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.open_current)
        self.category.currentIndexChanged.connect(lambda _index: self.refresh_results())
        self.municipality.currentIndexChanged.connect(lambda _index: self.refresh_results())
        context.store.changed.connect(self._store_changed)
        self.refresh_filters()
        self.refresh_results()

    # --- navigation from other screens ----------------------------------------------------

    def show_record(self, resource_id: uuid.UUID) -> None:
        """Show one service, selected in the results when it is among them."""
        if not self._select(resource_id):
            self.context.store.run(lambda s: s.resources.get(resource_id), self._show_wanted,
                                   self._not_found, owner=self)

    def refer_contact(self, contact_id: uuid.UUID) -> None:
        """Come here with a person in mind: the next referral starts with them."""
        self.context.store.run(lambda s: s.contacts.get(contact_id), self._set_referring,
                               self._not_found, owner=self)

    def _set_referring(self, contact: Contact) -> None:
        self.referring = contact
        self.banner_text.setText(self.tr("Referring {name}: find a service, then choose Refer….").format(
            name=contact.display_name))
        self.banner.show()
        self.focus_search()

    def clear_referring(self) -> None:
        self.referring = None
        self.banner.hide()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- filters and results -----------------------------------------------------------

    def refresh_filters(self) -> None:
        self.context.store.run(_filter_choices, self._show_filters, owner=self)

    def _show_filters(self, choices: tuple[set[str], list[str]]) -> None:
        present, towns = choices
        category_choices = [(value, text) for value, text in labels.labels("resource_category").items()
                            if value in present]
        category_choices += [(value, value) for value in sorted(present - set(labels.labels("resource_category")))]
        self._refill(self.category, self.tr("All categories"), category_choices)
        self._refill(self.municipality, self.tr("All municipalities"), [(town, town) for town in towns])

    def _refill(self, combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, text in choices:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if index < 0:  # the chosen value is gone from the directory: show everything again
            self.refresh_results()

    def refresh_results(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        text, category, town = self.search.text(), self.category.currentData(), self.municipality.currentData()
        self.context.store.run(
            lambda s: directory.find_resources(s, text=text, category=category, municipality=town),
            lambda found: self._show_results(generation, found), owner=self)

    def _show_results(self, generation: int, found: list[Resource]) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        keep = self.detail.resource.id if self.detail.resource else None
        self.results.blockSignals(True)
        self.results.clear()
        for resource in found:
            categories = ", ".join(labels.label("resource_category", c) for c in resource.categories)
            item = QTreeWidgetItem([resource.service_name, resource.organization_name,
                                    resource.location.municipality, categories])
            item.setData(0, Qt.ItemDataRole.UserRole, resource)
            self.results.addTopLevelItem(item)
        self.results.blockSignals(False)
        for column in range(3):
            self.results.resizeColumnToContents(column)
        if not found:
            self.summary.setText(self.tr("No service matches. Try fewer words or another filter."))
        elif len(found) >= directory.DEFAULT_LIMIT:
            self.summary.setText(self.tr("Showing the first {count} services: type more to narrow the search.")
                                 .format(count=len(found)))
        else:
            self.summary.setText(self.tr("{count} services").format(count=len(found)))
        if keep is None or not self._select(keep):
            self._select_row(0)  # the first result is read at once; none leaves the pane empty

    def _select(self, resource_id: uuid.UUID) -> bool:
        for row in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole).id == resource_id:
                self.results.setCurrentItem(item)
                self.results.scrollToItem(item)
                self._preview(item)
                return True
        return False

    def _select_row(self, row: int) -> None:
        item = self.results.topLevelItem(row)
        if item is not None:
            self.results.setCurrentItem(item)
        else:
            self.detail.show_resource(None)

    def _preview(self, item: QTreeWidgetItem | None) -> None:
        self.detail.show_resource(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None)

    def open_current(self) -> None:
        """Enter: open the current service (the first one, from the search box)."""
        if self.results.currentItem() is None:
            self._select_row(0)
        item = self.results.currentItem()
        if item is None:
            return
        self._preview(item)
        self.detail.refer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_wanted(self, resource: Resource) -> None:
        if not self._select(resource.id):
            self.detail.show_resource(resource)  # outside the current filters: shown anyway

    def _not_found(self, _error: BaseException) -> None:
        self._show_notice(self.tr("That record is no longer on this computer."))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _store_changed(self, entities: frozenset[str]) -> None:
        if "resource" in entities:
            self.refresh_filters()
            self.refresh_results()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            moves = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
            if isinstance(event, QKeyEvent) and event.key() in moves:
                if self.results.currentItem() is None:
                    self._select_row(0)
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # --- referrals --------------------------------------------------------------------------

    def start_referral(self, resource: Resource) -> None:
        dialog = ReferralDialog(self.context, resource, self.referring, self)
        dialog.referred.connect(lambda _referral: self._show_notice(
            self.tr("Referral to {service} sent.").format(service=resource.service_name)))
        dialog.finished.connect(dialog.deleteLater)
        self.referral_dialog = dialog
        dialog.open()
