"""The Resources screen's offline map and distances, on a real store with the network cut.

The map is drawn from the bundled gazetteer only: with every socket refusing to
connect it still shows each municipality and a marker per placed service. Distances
come from `protocol.directory.distance_km`: the tests check the order and the radius
against it for known places of the Lodi area (Lodi < Lodi Vecchio < Codogno).
"""

import datetime as dt
import socket
import sys

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage

from desktop.store import directory_queries as directory
from desktop.ui.resources import ResourcesPage
from desktop.ui.resources.map_view import AREA_FILL, BACKGROUND, FRESH, STALE, MarkerItem, PlaceItem
from desktop.ui.resources.page import Column, OriginMode
from protocol import gazetteer
from protocol.directory import distance_km
from tests.ui.conftest import NOW, Caseload, wait_for_store

TODAY = NOW.date()
LODI, LODI_VECCHIO, CODOGNO = (gazetteer.find(name) for name in ("Lodi", "Lodi Vecchio", "Codogno"))
KEYWORD = "provamappa"  # only the tests' own services carry it: searching for it leaves out the demo's


@pytest.fixture()
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Every socket refuses to connect; the attempts are kept for the test to assert on."""
    attempts: list[tuple] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.fixture()
def lodi_area(ui_store) -> dict:
    """Five services of the Lodi area: two at Lodi's seat, a stale one at Lodi Vecchio,
    one at Codogno and one without a map position."""

    def make(s):
        def at(place, service: str, *, days: int = 30, placed: bool = True):
            location = {"municipality": place.name}
            if placed:
                location |= {"latitude": place.latitude, "longitude": place.longitude}
            return s.resources.create(
                service_name=service,
                organization_name="Comune",
                categories=["women"],
                keywords=[KEYWORD],
                location=location,
                last_verified_on=TODAY - dt.timedelta(days=days),
            )

        return {
            "bagni": at(LODI, "Bagni pubblici Lodi"),
            "consultorio": at(LODI, "Consultorio Lodi"),
            "vecchio": at(LODI_VECCHIO, "Sportello Lodi Vecchio", days=500),
            "codogno": at(CODOGNO, "Dormitorio Codogno"),
            "nowhere": at(LODI, "Centro senza posizione", placed=False),
        }

    return ui_store.call(make)


def _page(qtbot, context, *, on_map: bool = False) -> ResourcesPage:
    page = ResourcesPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    wait_for_store(qtbot, context)
    if on_map:
        page.views.setCurrentWidget(page.map_panel)
        qtbot.waitExposed(page.map)
        page.map.fit()
    return page


def _settle(qtbot, page: ResourcesPage) -> None:
    qtbot.waitUntil(lambda: not page._debounce.isActive(), timeout=2_000)
    wait_for_store(qtbot, page.context)


def _only_ours(qtbot, page: ResourcesPage) -> None:
    page.search.setText(KEYWORD)
    _settle(qtbot, page)


def _shown(page: ResourcesPage, column: int = Column.SERVICE) -> list[str]:
    return [page.results.topLevelItem(row).text(column) for row in range(page.results.topLevelItemCount())]


def _km(value: float) -> str:
    return f"{QLocale().toString(float(value), 'f', 1)} km"


def _choose_municipality(qtbot, page: ResourcesPage, place) -> None:
    page.origin_mode.setCurrentIndex(page.origin_mode.findData(OriginMode.MUNICIPALITY))
    page.origin_town.setCurrentIndex(page.origin_town.findData(place.istat_code))
    _settle(qtbot, page)


def _count(image: QImage, rect: QRect, wanted, step: int = 1) -> int:
    return sum(
        wanted(image.pixelColor(x, y))
        for x in range(max(rect.left(), 0), min(rect.right(), image.width()), step)
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height()), step)
    )


def _near(colour: QColor, target: QColor, tolerance: int = 40) -> bool:
    return (
        abs(colour.red() - target.red()) + abs(colour.green() - target.green()) + abs(colour.blue() - target.blue())
    ) <= tolerance


def test_the_map_renders_offline_with_every_place_and_marker(
    qtbot, ui_context, caseload: Caseload, lodi_area, network_attempts, tmp_path
) -> None:
    page = _page(qtbot, ui_context, on_map=True)
    placed = [r for r in [*caseload.resources, *lodi_area.values()] if r.location.latitude is not None]

    places = [item for item in page.map.scene().items() if isinstance(item, PlaceItem)]
    markers = [item for item in page.map.scene().items() if isinstance(item, MarkerItem)]
    assert sorted(item.place.istat_code for item in places) == sorted(
        place.istat_code for place in gazetteer.municipalities()
    )
    assert sorted(str(m.resource.id) for m in markers) == sorted(str(r.id) for r in placed)
    assert "(only in the list): 1." in page.map_panel.status.text()
    assert any(item.label_rect is not None for item in places)  # names are drawn, not only dots
    assert page.map.accessibleName() and page.map.accessibleDescription()

    image = page.map.grab().toImage()
    page.grab().save(str(tmp_path / "resources-map.png"))
    drawn = _count(image, image.rect(), lambda c: not (_near(c, BACKGROUND, 6) or _near(c, AREA_FILL, 6)), step=2)
    # Dots, names and markers cover some 10 % of the map; its frame alone (the area's edge,
    # scale bar and north arrow) about 2 %.
    assert drawn > image.width() * image.height() // 4 // 25
    assert network_attempts == []
    assert not any(name.startswith("PySide6.QtWebEngine") for name in sys.modules)


def test_many_services_in_one_spot_become_a_numbered_disc_that_zooms_in(qtbot, ui_context, ui_store) -> None:
    def make(s):
        # twelve services a few dozen metres apart around Lodi's seat: one disc at the whole area's zoom
        return [
            s.resources.create(
                service_name=f"Sportello {n}",
                organization_name="Comune",
                categories=["work"],
                keywords=[KEYWORD],
                location={
                    "municipality": "Lodi",
                    "latitude": LODI.latitude + 0.0004 * (n % 4),
                    "longitude": LODI.longitude + 0.0005 * (n // 4),
                },
            )
            for n in range(12)
        ]

    crowd = ui_store.call(make)
    page = _page(qtbot, ui_context, on_map=True)
    _only_ours(qtbot, page)
    page.map.fit()
    assert [len(cluster.members) for cluster in page.map.clusters] == [12]
    # only the selected service (the list's current row) keeps its own marker
    assert [r.id for r in crowd if page.map.markers[r.id].isVisible()] == [page.detail.resource.id]
    other = next(r for r in crowd if r.id != page.detail.resource.id)
    page.map.set_selected(other.id)  # chosen in the list: it leaves the disc, the one before goes back in
    assert [r.id for r in crowd if page.map.markers[r.id].isVisible()] == [other.id]
    disc = page.map.mapFromScene(page.map.clusters[0].pos())
    zoom = page.map.transform().m11()
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=disc)
    assert page.map.transform().m11() > zoom * 10
    assert page.map.clusters == [] and all(page.map.markers[r.id].isVisible() for r in crowd)
    target = crowd[5]
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=page.map.marker_position(target.id))
    assert page.detail.resource.id == target.id


def test_clicking_a_marker_opens_the_service_even_when_several_share_a_spot(qtbot, ui_context, lodi_area) -> None:
    page = _page(qtbot, ui_context, on_map=True)
    first, second = lodi_area["bagni"], lodi_area["consultorio"]
    assert page.map.marker_position(first.id) != page.map.marker_position(second.id)  # spread apart
    for resource in (second, first, lodi_area["codogno"]):
        qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=page.map.marker_position(resource.id))
        assert page.detail.resource.id == resource.id
        assert page.results.currentItem().data(0, Qt.ItemDataRole.UserRole).id == resource.id
        assert page.map.markers[resource.id].selected
        assert sum(marker.selected for marker in page.map.markers.values()) == 1


def test_stale_services_are_marked_in_the_list_and_drawn_differently(qtbot, ui_context, lodi_area) -> None:
    page = _page(qtbot, ui_context, on_map=True)
    _only_ours(qtbot, page)
    verified = dict(zip(_shown(page), _shown(page, Column.VERIFIED), strict=True))
    assert verified == {
        "Bagni pubblici Lodi": "",
        "Consultorio Lodi": "",
        "Sportello Lodi Vecchio": "Not verified",
        "Dormitorio Codogno": "",
        "Centro senza posizione": "",
    }

    stale, fresh = page.map.markers[lodi_area["vecchio"].id], page.map.markers[lodi_area["codogno"].id]
    assert stale.stale and not fresh.stale and not stale.selected and not fresh.selected
    assert stale.shape().boundingRect() == fresh.shape().boundingRect()  # as easy to click
    image = page.map.grab().toImage()
    ratio = page.map.devicePixelRatioF()

    def around(marker: MarkerItem) -> QRect:
        centre = page.map.marker_position(marker.resource.id) * ratio
        reach = int(marker.radius * 1.3 * ratio)
        return QRect(centre - QPoint(reach, reach), centre + QPoint(reach, reach))

    assert _count(image, around(fresh), lambda c: _near(c, FRESH)) > 20
    assert _count(image, around(stale), lambda c: _near(c, FRESH)) == 0  # hollow, grey: not the fresh fill
    assert _count(image, around(stale), lambda c: _near(c, STALE)) > 10


def test_distances_from_a_municipality_order_and_filter_the_results(
    qtbot, ui_context, ui_store, caseload: Caseload, lodi_area
) -> None:
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    assert page.results.isColumnHidden(Column.DISTANCE) and not page.radius.isEnabled()

    page.origin_mode.setCurrentIndex(page.origin_mode.findData(OriginMode.MUNICIPALITY))
    _settle(qtbot, page)
    assert page.origin_town.currentText() == "Lodi"  # where most listed services are, not "Abbadia Cerreto"
    assert page.radius.isEnabled() and not page.origin_town.isHidden()
    _choose_municipality(qtbot, page, LODI)
    to_vecchio = distance_km(LODI.latitude, LODI.longitude, LODI_VECCHIO.latitude, LODI_VECCHIO.longitude)
    to_codogno = distance_km(LODI.latitude, LODI.longitude, CODOGNO.latitude, CODOGNO.longitude)
    assert 0 < to_vecchio < 10 < to_codogno
    assert _shown(page) == [
        "Bagni pubblici Lodi",
        "Consultorio Lodi",
        "Sportello Lodi Vecchio",
        "Dormitorio Codogno",
        "Centro senza posizione",
    ]
    assert _shown(page, Column.DISTANCE) == [_km(0), _km(0), _km(to_vecchio), _km(to_codogno), ""]
    assert not page.results.isColumnHidden(Column.DISTANCE)
    assert "nearest first" in page.summary.text() and "Listed last" in page.summary.text()
    assert page.map.origin_item.isVisible() and not page.map.radius_item.isVisible()

    page.radius.setValue(10)
    _settle(qtbot, page)
    assert _shown(page) == ["Bagni pubblici Lodi", "Consultorio Lodi", "Sportello Lodi Vecchio"]
    assert "within 10 km" in page.summary.text() and "Left out" in page.summary.text()
    assert page.map.radius_item.isVisible() and len(page.map.markers) == 3
    assert page.map.radius_item.rect().width() == pytest.approx(20)  # km, the scene's unit

    _choose_municipality(qtbot, page, CODOGNO)
    assert _shown(page) == ["Dormitorio Codogno"]
    page.radius.setValue(0)  # "Any distance"
    _settle(qtbot, page)
    assert to_codogno < distance_km(CODOGNO.latitude, CODOGNO.longitude, LODI_VECCHIO.latitude, LODI_VECCHIO.longitude)
    assert _shown(page) == [
        "Dormitorio Codogno",
        "Bagni pubblici Lodi",
        "Consultorio Lodi",
        "Sportello Lodi Vecchio",
        "Centro senza posizione",
    ]

    page.origin_mode.setCurrentIndex(page.origin_mode.findData(OriginMode.NONE))
    _settle(qtbot, page)
    assert page.results.isColumnHidden(Column.DISTANCE) and not page.map.origin_item.isVisible()
    assert sorted(_shown(page)) == sorted(r.service_name for r in lodi_area.values())

    # The same rule, asked of the store directly: counts of what the radius left aside.
    near = ui_store.call(
        lambda s: directory.find_resources_near(s, LODI.latitude, LODI.longitude, 10, KEYWORD, None, None)
    )
    assert [n.resource.service_name for n in near.found] == [
        "Bagni pubblici Lodi",
        "Consultorio Lodi",
        "Sportello Lodi Vecchio",
    ]
    assert (near.unplaced, near.beyond_radius, near.truncated) == (1, 1, False)
    assert near.found[2].distance_km == pytest.approx(to_vecchio)
    every = ui_store.call(lambda s: directory.find_resources_near(s, LODI.latitude, LODI.longitude))
    assert len(every.found) == len(caseload.resources) + len(lodi_area)
    distances = [n.distance_km for n in every.found if n.distance_km is not None]
    assert distances == sorted(distances) and every.found[-1].distance_km is None


def test_distances_from_the_person_being_referred_start_at_their_municipality(
    qtbot, ui_context, ui_store, lodi_area
) -> None:
    def people(s):
        return (
            s.contacts.create(given_name="Anna", family_name="Codognese", municipality="codogno"),
            s.contacts.create(given_name="Bruno", family_name="Altrove", municipality="Atlantide"),
            s.contacts.create(given_name="Carla", family_name="Senzacasa"),
        )

    codogno, elsewhere, unknown = ui_store.call(people)
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    page.refer_contact(codogno.id)
    _settle(qtbot, page)
    assert page.origin_mode.currentData() == OriginMode.CONTACT
    assert page.origin() == (CODOGNO.latitude, CODOGNO.longitude)
    assert "Codogno" in page.origin_status.text() and "Anna" in page.origin_status.text()
    assert _shown(page)[0] == "Dormitorio Codogno" and _shown(page, Column.DISTANCE)[0] == _km(0)

    page.refer_contact(elsewhere.id)
    _settle(qtbot, page)
    assert page.origin() is None and "Atlantide" in page.origin_status.text()
    assert "not on the map" in page.origin_status.text() and page.origin_status.isVisible()
    assert page.results.isColumnHidden(Column.DISTANCE) and not page.map.origin_item.isVisible()
    assert "addresses are never looked up" in page.origin_status.toolTip()

    page.refer_contact(unknown.id)
    _settle(qtbot, page)
    assert page.origin() is None and "No municipality is recorded for Carla" in page.origin_status.text()


def test_a_contact_chosen_in_the_picker_sets_where_distances_start(qtbot, ui_context, ui_store, lodi_area) -> None:
    person = ui_store.call(
        lambda s: s.contacts.create(given_name="Dario", family_name="Vecchiese", municipality="Lodi Vecchio")
    )
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    page.origin_mode.setCurrentIndex(page.origin_mode.findData(OriginMode.CONTACT))
    picker = page.contact_picker
    assert picker is not None and picker.isVisible() and "No contact chosen" in page.origin_status.text()
    qtbot.keyClicks(picker.query, "Vecchiese")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=5_000)
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    _settle(qtbot, page)
    assert page.origin_contact.id == person.id
    assert _shown(page)[0] == "Sportello Lodi Vecchio" and _shown(page, Column.DISTANCE)[0] == _km(0)


def test_a_point_clicked_on_the_map_becomes_the_origin(qtbot, ui_context, lodi_area) -> None:
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    page.origin_mode.setCurrentIndex(page.origin_mode.findData(OriginMode.POINT))
    _settle(qtbot, page)
    assert page.views.currentWidget() is page.map_panel and page.map.choosing_point
    qtbot.waitExposed(page.map)
    page.map.fit()
    target = page.map.mapFromScene(page.map.projection.to_scene(CODOGNO.latitude - 0.02, CODOGNO.longitude))
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton, pos=target)
    _settle(qtbot, page)
    latitude, longitude = page.origin_point
    assert distance_km(latitude, longitude, CODOGNO.latitude - 0.02, CODOGNO.longitude) < 0.5  # within a pixel or two
    assert _shown(page)[0] == "Dormitorio Codogno" and "point chosen on the map" in page.origin_status.text()
    assert page.map.origin_item.isVisible()


def test_zoom_keys_and_fit(qtbot, ui_context, lodi_area) -> None:
    page = _page(qtbot, ui_context, on_map=True)
    page.map.setFocus()
    fitted = page.map.transform().m11()

    def named() -> set[str]:
        return {code for code, item in page.map.places.items() if item.label_rect is not None}

    at_fit = named()
    qtbot.keyClick(page.map, Qt.Key.Key_Plus)
    qtbot.keyClick(page.map, Qt.Key.Key_Plus)
    assert page.map.transform().m11() == pytest.approx(fitted * 1.25**2)
    assert named() - at_fit  # closer in, there is room for names that did not fit
    qtbot.keyClick(page.map, Qt.Key.Key_Minus)
    assert page.map.transform().m11() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(page.map, Qt.Key.Key_0)
    assert page.map.transform().m11() == pytest.approx(fitted)


def _select_first_rows(qtbot, page: ResourcesPage, count: int) -> None:
    page.results.setFocus()
    page.results.setCurrentItem(page.results.topLevelItem(0))
    for _ in range(count - 1):
        qtbot.keyClick(page.results, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def test_a_handout_takes_the_selected_services_in_the_referred_persons_language(
    qtbot, ui_context, ui_store, lodi_area
) -> None:
    finnish, arabic = ui_store.call(
        lambda s: (
            s.contacts.create(given_name="Eero", family_name="Lahti", municipality="Lodi", preferred_language="fi"),
            s.contacts.create(given_name="Samir", family_name="Haddad", municipality="Lodi", preferred_language="ar"),
        )
    )
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    page.results.clearSelection()
    assert not page.handout_button.isEnabled() and page.handout_request() == ([], "en")

    _select_first_rows(qtbot, page, 3)
    assert page.handout_button.isEnabled()
    resources, language = page.handout_request()
    assert [r.service_name for r in resources] == _shown(page)[:3] and language == "en"

    page.refer_contact(finnish.id)
    _settle(qtbot, page)
    _select_first_rows(qtbot, page, 2)
    resources, language = page.handout_request()
    assert [r.service_name for r in resources] == _shown(page)[:2] == ["Bagni pubblici Lodi", "Consultorio Lodi"]
    assert language == "fi"

    page.refer_contact(arabic.id)
    _settle(qtbot, page)
    assert page.handout_request()[1] == "en"  # no handout in Arabic: the UI's language


def test_ctrl_p_opens_the_handout_with_the_selection(qtbot, ui_context, lodi_area) -> None:
    pytest.importorskip("desktop.ui.resources.handout")
    page = _page(qtbot, ui_context)
    _only_ours(qtbot, page)
    _select_first_rows(qtbot, page, 2)
    qtbot.keyClick(page.results, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.handout_dialog
    assert dialog is not None and dialog.isVisible()
    assert [r.id for r in dialog.resources] == [r.id for r in page.handout_request()[0]]
    dialog.reject()
