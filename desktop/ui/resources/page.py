"""The Resources screen: the directory of local services, searched and read, and referrals.

Owns: `ResourcesPage`: a keyword search (full text over names, organisation,
street, categories, keywords, description), category and municipality filters,
the results list and the `ResourceDetail` pane, and starting a `ReferralDialog`.
Other screens send the operator here with a person in mind
(`refer_contact(contact_id)`): a banner says who is being referred, and the
referral dialog starts with that person.

The results are shown as a list or, on the same results, as an offline map
(`map_view.MapPanel`). Distances start from a municipality of the gazetteer, a
contact's municipality (street addresses are never geocoded: that would send a
person's address to a third party) or a point clicked on the map; with an origin
the results are nearest first with their distance, and a radius keeps only those
within it. When referring someone, distances start from that person's municipality.
Services not verified for more than 12 months are marked in the list and the map.
Several services can be selected for a printed handout (`handout.HandoutDialog`).

For a team lead or an administrator of a syncing profile, "Waiting for review (N)" opens the
partners' changes held on the service (`review_queue.ReviewQueueDialog`); N is read from the
service off the UI thread when the screen is shown, and is left out while offline.

Keyboard: Ctrl+F goes to the search, Down moves from the search into the results,
the arrows move in the results, Enter opens the current service (its "Refer…"),
Shift/Ctrl with the arrows select several, Ctrl+P prints a handout of the selected.
The map is an extra view: everything it offers can be done from the list.

Must never run SQL (queries live in `desktop.store.directory_queries`) and never
block the UI thread on the store.
"""

import uuid
from collections import Counter

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import directory_queries as directory
from desktop.store.directory_queries import NearbyResource, NearbyResources
from desktop.store.replica import Enrolment
from desktop.store.session import StoreSession
from desktop.sync import review
from desktop.sync.engine import TransportFactory, default_transport
from desktop.ui import labels, style
from desktop.ui.background import run_in_background
from desktop.ui.contact_picker import ContactPicker
from desktop.ui.context import UiContext
from desktop.ui.resources.detail import ResourceDetail
from desktop.ui.resources.directory_files import DirectoryFiles
from desktop.ui.resources.map_view import MapPanel
from desktop.ui.resources.refer import ReferralDialog
from desktop.ui.resources.review_queue import ReviewQueueDialog
from protocol import Contact, Resource, gazetteer
from protocol.directory import HIDDEN_BY_DEFAULT, is_stale, is_temporarily_closed

SEARCH_DELAY_MS = 150
MAX_RADIUS_KM = 300


class Column:
    """The results' columns (logical indexes; distance and verification are shown next to the name)."""

    SERVICE, ORGANISATION, MUNICIPALITY, CATEGORIES, DISTANCE, VERIFIED = range(6)


class OriginMode:
    NONE, MUNICIPALITY, CONTACT, POINT = "none", "municipality", "contact", "point"


# Each row keeps the `Resource` it lists: the detail pane, the map, a referral and a handout
# read the record itself. Records are validated protocol models, read-only here; the widgets
# never edit or save them (edits go through the store, whose answer refreshes the list).
RESOURCE_ROLE = Qt.ItemDataRole.UserRole


def _resource_of(item: QTreeWidgetItem) -> Resource:
    resource: Resource = item.data(0, RESOURCE_ROLE)
    return resource


def _filter_choices(session: StoreSession) -> tuple[set[str], list[str]]:
    return directory.categories(session), directory.municipalities(session)


class ResourcesPage(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.referring: Contact | None = None
        self.referral_dialog: ReferralDialog | None = None
        self.contact_picker: ContactPicker | None = None
        self.handout_dialog: QWidget | None = None
        self.origin_contact: Contact | None = None
        self.origin_point: tuple[float, float] | None = None
        self.shown: list[Resource] = []  # the results, in the order listed
        self._town_chosen = False
        self._generation = 0
        self.reviews = False  # this operator reviews the partners' changes (see _enrolment_read)
        self.review_dialog: ReviewQueueDialog | None = None
        self.review_transport: TransportFactory = default_transport

        self._build_banner()
        filters = self._build_filters()
        distance_row = self._build_distance_row()
        self._build_toolbar()
        self._build_results()
        splitter = self._build_splitter()
        self._lay_out(filters, distance_row, splitter)
        self._build_shortcuts()
        self._connect_inputs()
        self._show_origin_controls()
        self.refresh_filters()
        self.refresh_results()
        self.context.store.run(lambda s: s.replica.enrolment(), self._enrolment_read, owner=self)

    # --- building ---------------------------------------------------------------------------

    def _build_banner(self) -> None:
        """Who is being referred, shown only while someone is."""
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

    def _build_filters(self) -> QHBoxLayout:
        """The search and the filters, on one row."""
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
        # Issue 15 item 7: services that no longer run are kept, and listed only when asked.
        self.show_closed = QCheckBox(self.tr("Show cl&osed services"))
        self.show_closed.setToolTip(self.tr("Also list services that are inactive or closed for good"))
        filters = QHBoxLayout()
        row: tuple[tuple[QWidget, int], ...] = (
            (search_label, 0),
            (self.search, 3),
            (category_label, 0),
            (self.category, 1),
            (municipality_label, 0),
            (self.municipality, 1),
            (self.show_closed, 0),
        )
        for widget, stretch in row:
            filters.addWidget(widget, stretch)
        return filters

    def _build_distance_row(self) -> QHBoxLayout:
        """Where distances start (a municipality, a contact's, a point on the map) and the radius."""
        no_geocoding = self.tr(
            "A contact's distance starts from their municipality: street addresses are never "
            "looked up, since that would send a person's address to an outside service."
        )
        self.origin_mode = QComboBox()
        self.origin_mode.setAccessibleName(self.tr("Distances from"))
        self.origin_mode.setToolTip(no_geocoding)
        for text, mode in (
            (self.tr("No distance"), OriginMode.NONE),
            (self.tr("A municipality"), OriginMode.MUNICIPALITY),
            (self.tr("A contact…"), OriginMode.CONTACT),
            (self.tr("A point on the map"), OriginMode.POINT),
        ):
            self.origin_mode.addItem(text, mode)
        origin_label = QLabel(self.tr("&Distance from:"))
        origin_label.setBuddy(self.origin_mode)
        self.origin_town = QComboBox()
        self.origin_town.setAccessibleName(self.tr("Municipality distances start from"))
        for place in sorted(gazetteer.municipalities(), key=lambda place: place.name.casefold()):
            self.origin_town.addItem(place.name, place.istat_code)
        self.origin_contact_button = QPushButton(self.tr("Choose c&ontact…"))
        self.origin_contact_button.setToolTip(no_geocoding)
        self.origin_contact_button.clicked.connect(self.choose_origin_contact)
        self.origin_status = QLabel()
        self.origin_status.setWordWrap(True)
        self.origin_status.setAccessibleName(self.tr("Where distances start"))
        self.origin_status.setToolTip(no_geocoding)
        radius_label = self._build_radius()
        distance_row = QHBoxLayout()
        for widget in (
            origin_label,
            self.origin_mode,
            self.origin_town,
            self.origin_contact_button,
            radius_label,
            self.radius,
        ):
            distance_row.addWidget(widget)
        distance_row.addWidget(self.origin_status, 3)
        distance_row.addStretch(1)  # keeps the controls together while there is no status to show
        return distance_row

    def _build_radius(self) -> QLabel:
        """The radius box; returns its label."""
        self.radius = QSpinBox()
        self.radius.setRange(0, MAX_RADIUS_KM)
        self.radius.setSingleStep(5)
        self.radius.setSuffix(" km")  # the symbol is the same in Italian, English and Finnish
        self.radius.setSpecialValueText(self.tr("Any distance"))
        self.radius.setAccessibleName(self.tr("Radius in kilometres"))
        self.radius.setToolTip(
            self.tr("Only services within this distance; services without a map position are then left out.")
        )
        radius_label = QLabel(self.tr("Radi&us:"))
        radius_label.setBuddy(self.radius)
        return radius_label

    def _build_toolbar(self) -> None:
        """The directory's own actions (a handout; importing and exporting the directory)."""
        self.handout_button = QPushButton(self.tr("&Handout…"))
        self.handout_button.setToolTip(self.tr("Print the selected services for the person to take away (Ctrl+P)"))
        self.handout_button.setEnabled(False)
        self.handout_button.clicked.connect(self.open_handout)
        self.review_button = QPushButton(self.tr("Waiting for re&view"))
        self.review_button.setToolTip(self.tr("The partners' changes waiting for a team lead's review"))
        self.review_button.clicked.connect(self.open_review)
        self.review_button.hide()  # shown once the enrolment says this operator reviews
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.review_button)
        self.toolbar.addWidget(self.handout_button)
        self.directory_files = DirectoryFiles(self.context, self)
        self.import_button, self.export_button = self.directory_files.make_buttons(self)
        self.toolbar.addWidget(self.import_button)
        self.toolbar.addWidget(self.export_button)

    def _build_results(self) -> None:
        """The results list: one row per service, several can be selected (for a handout)."""
        self.results = QTreeWidget()
        self.results.setAccessibleName(self.tr("Services found"))
        self.results.setHeaderLabels(
            [
                self.tr("Service"),
                self.tr("Organisation"),
                self.tr("Municipality"),
                self.tr("Categories"),
                self.tr("Distance"),
                self.tr("Verified"),
            ]
        )
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.results.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Seen next to the name, where the eye is: many services share a name (one per town),
        # so the town comes before the organisation; the categories stretch at the end.
        header.moveSection(header.visualIndex(Column.VERIFIED), 1)
        header.moveSection(header.visualIndex(Column.DISTANCE), 2)
        header.moveSection(header.visualIndex(Column.MUNICIPALITY), 3)
        self.results.setColumnHidden(Column.DISTANCE, True)
        self.results.currentItemChanged.connect(lambda item, _previous: self._preview(item))
        self.results.itemActivated.connect(lambda _item, _column: self.open_current())
        self.results.itemSelectionChanged.connect(self._selection_changed)

    def _build_splitter(self) -> QSplitter:
        """The list or the map with the summary under it, beside the detail pane."""
        self.map_panel = MapPanel()
        self.map = self.map_panel.view
        self.map.resourceClicked.connect(self._marker_clicked)
        self.map.pointChosen.connect(self._point_chosen)
        self.views = QTabWidget()
        self.views.setAccessibleName(self.tr("List or map"))
        self.views.addTab(self.results, self.tr("L&ist"))
        self.views.addTab(self.map_panel, self.tr("M&ap"))
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Search summary"))
        self.notice = QLabel()
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.detail = ResourceDetail(self.context)
        self.detail.referRequested.connect(self.start_referral)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.views, 1)
        left_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _lay_out(self, filters: QHBoxLayout, distance_row: QHBoxLayout, splitter: QSplitter) -> None:
        heading = QLabel(self.tr("Resources"))
        heading.setObjectName("pageTitle")
        # On the title's row, not the distance row: that row ran wider than a 1366 px screen
        # in Finnish at 150 % text; beside the title there is room.
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        title_row.addLayout(self.toolbar)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addLayout(distance_row)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        QWidget.setTabOrder(self.review_button, self.handout_button)  # Tab goes left to right
        QWidget.setTabOrder(self.handout_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.export_button)

    def _build_shortcuts(self) -> None:
        # Described for the shortcuts help (F1).
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search).setWhatsThis(
            self.tr("Go to the search")
        )
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.open_handout).setWhatsThis(
            self.tr("Print a handout of the selected services")
        )

    def _connect_inputs(self) -> None:
        """Every filter, the search and the store's changes refresh the results (typing after a pause)."""
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh_results)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.open_current)
        self.category.currentIndexChanged.connect(lambda _index: self.refresh_results())
        self.municipality.currentIndexChanged.connect(lambda _index: self.refresh_results())
        self.show_closed.toggled.connect(lambda _on: self.refresh_results())
        self.origin_mode.currentIndexChanged.connect(lambda _index: self._origin_mode_changed())
        self.origin_town.currentIndexChanged.connect(lambda _index: self._town_changed())
        self.radius.valueChanged.connect(lambda _value: self._debounce.start())
        self.context.store.changed.connect(self._store_changed)

    # --- navigation from other screens ----------------------------------------------------

    def show_record(self, resource_id: uuid.UUID) -> None:
        """Show one service, selected in the results when it is among them."""
        if not self._select(resource_id):
            self.context.store.run(
                lambda s: s.resources.get(resource_id), self._show_wanted, self._not_found, owner=self
            )

    def refer_contact(self, contact_id: uuid.UUID) -> None:
        """Come here with a person in mind: the next referral starts with them."""
        self.context.store.run(lambda s: s.contacts.get(contact_id), self._set_referring, self._not_found, owner=self)

    def _set_referring(self, contact: Contact) -> None:
        self.referring = contact
        self.banner_text.setText(
            self.tr("Referring {name}: find a service, then choose Refer….").format(name=contact.display_name)
        )
        self.banner.show()
        # Services near the person come first: their municipality, as if chosen by hand.
        self.origin_contact = contact
        self._set_origin_mode(OriginMode.CONTACT)
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
        category_choices = [
            (value, text) for value, text in labels.labels("resource_category").items() if value in present
        ]
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
        origin, radius = self.origin(), self.radius.value() or None
        closed = self.show_closed.isChecked()
        self._show_origin_on_map(origin, radius)
        if origin is None:
            self.context.store.run(
                lambda s: directory.find_resources(
                    s, text=text, category=category, municipality=town, include_closed=closed
                ),
                lambda found: self._show_results(generation, found, None),
                owner=self,
            )
            return
        latitude, longitude = origin
        self.context.store.run(
            lambda s: directory.find_resources_near(
                s, latitude, longitude, radius, text, category, town, include_closed=closed
            ),
            lambda near: self._show_results(generation, [n.resource for n in near.found], near, radius),
            owner=self,
        )

    def _show_results(
        self, generation: int, found: list[Resource], near: NearbyResources | None, radius: int | None = None
    ) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        keep = self.detail.resource.id if self.detail.resource else None
        distances: list[NearbyResource | None] = list(near.found) if near is not None else [None] * len(found)
        today = self.context.clock().date()
        locale = QLocale()
        self.results.blockSignals(True)
        self.results.clear()
        for resource, nearby in zip(found, distances, strict=True):
            categories = ", ".join(labels.label("resource_category", c) for c in resource.categories)
            distance = ""
            if nearby is not None and nearby.distance_km is not None:
                distance = self.tr("{distance} km").format(distance=locale.toString(nearby.distance_km, "f", 1))
            item = QTreeWidgetItem(
                [
                    resource.service_name,
                    resource.organization_name,
                    resource.location.municipality,
                    categories,
                    distance,
                    "",
                ]
            )
            item.setData(0, RESOURCE_ROLE, resource)
            item.setTextAlignment(Column.DISTANCE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._status_badge(item, resource.status)
            if is_stale(resource.last_verified_on, today):
                item.setText(
                    Column.VERIFIED, self.tr("Not verified") if resource.last_verified_on else self.tr("Never verified")
                )
                item.setForeground(Column.VERIFIED, QBrush(style.colour("warning")))
                item.setToolTip(
                    Column.VERIFIED,
                    self.tr("Not verified in the last 12 months: check the details before sending someone."),
                )
            self.results.addTopLevelItem(item)
        self.results.blockSignals(False)
        self.results.setColumnHidden(Column.DISTANCE, near is None)
        for column in (Column.SERVICE, Column.ORGANISATION, Column.MUNICIPALITY, Column.DISTANCE, Column.VERIFIED):
            self.results.resizeColumnToContents(column)
        self.shown = found
        self.map_panel.set_resources(found, today)
        self.summary.setText(self._summary_text(len(found), near, radius))
        self._selection_changed()
        if keep is None or not self._select(keep):
            self._select_row(0)  # the first result is read at once; none leaves the pane empty

    def _status_badge(self, item: QTreeWidgetItem, status: str) -> None:
        """A service not running as usual says so beside its name, in words (not only a colour)."""
        if status == "active":
            return
        item.setText(
            Column.SERVICE,
            self.tr("{service} · {status}").format(
                service=item.text(Column.SERVICE), status=labels.label("resource_status", status)
            ),
        )
        if is_temporarily_closed(status):
            item.setToolTip(Column.SERVICE, self.tr("Temporarily closed: call before sending someone."))
        if status in HIDDEN_BY_DEFAULT:
            item.setForeground(Column.SERVICE, QBrush(style.colour("muted")))

    def _summary_text(self, count: int, near: NearbyResources | None, radius: int | None) -> str:
        number = QLocale().toString(count)
        if near is None:
            if not count:
                return self.tr("No service matches. Try fewer words or another filter.")
            if count >= directory.DEFAULT_LIMIT:
                return self.tr("Showing the first {count} services: type more to narrow the search.").format(
                    count=number
                )
            return self.tr("%Ln service(s)", "", count)
        if near.truncated:
            text = self.tr("Showing the nearest {count} services: type more to narrow the search.").format(count=number)
        elif radius:
            text = self.tr("%Ln service(s) within {radius} km, nearest first.", "", count).format(
                radius=QLocale().toString(radius)
            )
        else:
            text = self.tr("%Ln service(s), nearest first.", "", count)
        if not count:
            text = self.tr("No service matches. Try fewer words, another filter or a larger radius.")
        if near.unplaced and radius:
            text += " " + self.tr("Left out, as they have no map position: {count}.").format(
                count=QLocale().toString(near.unplaced)
            )
        elif near.unplaced:
            text += " " + self.tr("Listed last, as they have no map position: {count}.").format(
                count=QLocale().toString(near.unplaced)
            )
        return text

    def _select(self, resource_id: uuid.UUID) -> bool:
        for item in self._items():
            if _resource_of(item).id == resource_id:
                self.results.setCurrentItem(item)
                self.results.scrollToItem(item)
                self._preview(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        """The results' rows, in the order listed."""
        rows = (self.results.topLevelItem(row) for row in range(self.results.topLevelItemCount()))
        return [item for item in rows if item is not None]

    def _select_row(self, row: int) -> None:
        item = self.results.topLevelItem(row)
        if item is not None:
            self.results.setCurrentItem(item)
        else:
            self.detail.show_resource(None)

    def _preview(self, item: QTreeWidgetItem | None) -> None:
        resource = _resource_of(item) if item is not None else None
        self.detail.show_resource(resource)
        self.map.set_selected(resource.id if resource is not None else None)

    def open_current(self) -> None:
        """Enter: open the current service (the first one, from the search box)."""
        if self.results.currentItem() is None:
            self._select_row(0)
        item = self.results.currentItem()
        if item is None:
            return
        self._preview(item)
        self.detail.refer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _marker_clicked(self, resource_id: uuid.UUID) -> None:
        self._select(resource_id)  # the map shows only the listed services

    # --- where distances start ----------------------------------------------------------

    def origin(self) -> tuple[float, float] | None:
        """(latitude, longitude) distances start from, or None (no distance, or not known yet)."""
        mode = self.origin_mode.currentData()
        if mode == OriginMode.MUNICIPALITY:
            place = next(
                (p for p in gazetteer.municipalities() if p.istat_code == self.origin_town.currentData()), None
            )
            return (place.latitude, place.longitude) if place else None
        if mode == OriginMode.CONTACT and self.origin_contact is not None:
            place = gazetteer.find(self.origin_contact.municipality)
            return (place.latitude, place.longitude) if place else None
        if mode == OriginMode.POINT:
            return self.origin_point
        return None

    def _town_changed(self) -> None:
        self._town_chosen = True
        self.refresh_results()

    def _set_origin_mode(self, mode: str) -> None:
        self.origin_mode.blockSignals(True)
        self.origin_mode.setCurrentIndex(self.origin_mode.findData(mode))
        self.origin_mode.blockSignals(False)
        self._show_origin_controls()
        self.refresh_results()

    def _origin_mode_changed(self) -> None:
        mode = self.origin_mode.currentData()
        if mode == OriginMode.MUNICIPALITY and not self._town_chosen:
            self._town_chosen = True
            place = self._likeliest_town()
            if place is not None:
                self.origin_town.blockSignals(True)
                self.origin_town.setCurrentIndex(self.origin_town.findData(place.istat_code))
                self.origin_town.blockSignals(False)
        if mode == OriginMode.CONTACT and self.origin_contact is None:
            if self.referring is not None:
                self.origin_contact = self.referring
            else:
                self.choose_origin_contact()
        if mode == OriginMode.POINT:
            self.views.setCurrentWidget(self.map_panel)  # the point is chosen there
        self._show_origin_controls()
        self.refresh_results()

    def _likeliest_town(self) -> gazetteer.Municipality | None:
        """Where to measure from before anyone chooses: the town the list is narrowed to,
        else the one with the most services listed (not the alphabet's first)."""
        if self.municipality.currentData():
            return gazetteer.find(self.municipality.currentData())
        towns = Counter(resource.location.municipality for resource in self.shown)
        known = (gazetteer.find(name) for name, _count in towns.most_common())
        return next((place for place in known if place is not None), None)

    def _show_origin_controls(self) -> None:
        mode = self.origin_mode.currentData()
        self.origin_town.setVisible(mode == OriginMode.MUNICIPALITY)
        self.origin_contact_button.setVisible(mode == OriginMode.CONTACT)
        self.radius.setEnabled(mode != OriginMode.NONE)
        self.map.set_choosing_point(mode == OriginMode.POINT)
        status, hint = "", ""
        if mode == OriginMode.CONTACT:
            status = self._contact_origin_text(self.origin_contact)
        elif mode == OriginMode.POINT:
            hint = self.tr("Click on the map where distances should start.")
            status = self.tr("From the point chosen on the map.") if self.origin_point is not None else hint
        self.origin_status.setText(status)
        self.origin_status.setVisible(bool(status))
        self.map_panel.hint.setText(hint)

    def _contact_origin_text(self, contact: Contact | None) -> str:
        if contact is None:
            return self.tr("No contact chosen.")
        if not contact.municipality:
            return self.tr(
                "No municipality is recorded for {name}: choose a municipality or a point on the map instead."
            ).format(name=contact.display_name)
        place = gazetteer.find(contact.municipality)
        if place is None:
            return self.tr(
                "{municipality}, where {name} lives, is not on the map: choose a municipality or a "
                "point on the map instead."
            ).format(municipality=contact.municipality, name=contact.display_name)
        return self.tr("From {municipality}, where {name} lives.").format(
            municipality=place.name, name=contact.display_name
        )

    def choose_origin_contact(self) -> None:
        picker = ContactPicker(self.context, self)
        picker.accepted.connect(lambda: self._use_origin_contact(picker.chosen))
        picker.finished.connect(picker.deleteLater)
        self.contact_picker = picker
        picker.open()

    def _use_origin_contact(self, contact: Contact | None) -> None:
        if contact is None:
            return
        self.origin_contact = contact
        self._set_origin_mode(OriginMode.CONTACT)

    def _point_chosen(self, latitude: float, longitude: float) -> None:
        if self.origin_mode.currentData() != OriginMode.POINT:
            return
        self.origin_point = (latitude, longitude)
        self._show_origin_controls()
        self.refresh_results()

    def _show_origin_on_map(self, origin: tuple[float, float] | None, radius: int | None) -> None:
        if origin is None:
            self.map.clear_origin()
        else:
            self.map.set_origin(origin[0], origin[1], radius)

    # --- handouts ---------------------------------------------------------------------------

    def selected_resources(self) -> list[Resource]:
        """The selected services, in the order the list shows them."""
        return [_resource_of(item) for item in self._items() if item.isSelected()]

    def handout_request(self) -> tuple[list[Resource], str]:
        """What a handout would print: the selected services, in the language of the person it
        is for (being referred, or whom distances start from) when a handout exists in it, else
        in the UI's language."""
        from desktop.ui.resources.handout import handout_language  # the handout module loads on first use

        for_contact = self.referring or (
            self.origin_contact if self.origin_mode.currentData() == OriginMode.CONTACT else None
        )
        return self.selected_resources(), handout_language(for_contact)

    def _selection_changed(self) -> None:
        self.handout_button.setEnabled(bool(self.results.selectedItems()))

    # --- the review queue (team leads) ---------------------------------------------------------

    def _enrolment_read(self, enrolment: Enrolment | None) -> None:
        self.reviews = review.may_review(enrolment)  # an enrolled profile syncs: an offline-only one has none
        self.review_button.setVisible(self.reviews)
        self.count_waiting()

    def count_waiting(self) -> None:
        """Read how many changes wait (off the UI thread); offline, the button says no number."""
        if not self.reviews:
            return
        worker, factory = self.context.store.worker, self.review_transport
        run_in_background(
            lambda: len(review.waiting(worker, factory).changes),
            self._show_waiting,
            lambda _error: self._show_waiting(None),
            owner=self,
        )

    def _show_waiting(self, count: int | None) -> None:
        if count is None:
            self.review_button.setText(self.tr("Waiting for re&view"))
        else:
            self.review_button.setText(self.tr("Waiting for re&view (%n)", "", count))

    def open_review(self) -> None:
        if self.review_dialog is not None:
            self.review_dialog.raise_()
            self.review_dialog.activateWindow()
            return
        dialog = ReviewQueueDialog(self.context, self, self.review_transport)
        dialog.counted.connect(self._show_waiting)
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(lambda: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        dialog.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.count_waiting()

    def open_handout(self) -> None:
        resources, language = self.handout_request()
        if not resources:
            return
        # Imported here: the handout (PDF, QR codes) is only loaded when someone prints one.
        from desktop.ui.resources.handout import HandoutDialog

        dialog = HandoutDialog(self.context, resources, language, self)
        dialog.finished.connect(dialog.deleteLater)
        self.handout_dialog = dialog
        dialog.open()

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            moves = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
            if isinstance(event, QKeyEvent) and event.key() in moves:
                if self.results.currentItem() is None:
                    self._select_row(0)
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # --- referrals --------------------------------------------------------------------------

    def referral_person(self) -> Contact | None:
        """Who a new referral starts with: the person being referred, else the contact
        distances are measured from (the operator is looking at services near them)."""
        if self.referring is not None:
            return self.referring
        return self.origin_contact if self.origin_mode.currentData() == OriginMode.CONTACT else None

    def start_referral(self, resource: Resource) -> None:
        dialog = ReferralDialog(self.context, resource, self.referral_person(), self)
        dialog.referred.connect(lambda _referral: self._show_notice(self._referral_saved_text(resource)))
        dialog.finished.connect(dialog.deleteLater)
        self.referral_dialog = dialog
        dialog.open()

    def _referral_saved_text(self, resource: Resource) -> str:
        # Saved is all that is true yet: the service has it only after a sync.
        if self.context.sync is None:
            return self.tr(
                "Referral to {service} saved on this computer. This profile does not sync, so the "
                "service does not receive it from here."
            ).format(service=resource.service_name)
        return self.tr("Referral to {service} saved: it will be sent at the next sync.").format(
            service=resource.service_name
        )
