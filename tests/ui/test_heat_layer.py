"""The map's heat layer of counts per place (desktop/ui/resources/map_view.heat_items and
ResourceMap.set_heat): one disc per place, its area in proportion to its count, pairs of the same
place added up, nothing for a count of zero; drawn in warm colour on the real map; cleared by an
empty layer; the services' markers untouched."""

import uuid

from PySide6.QtGui import QColor

from desktop.ui.resources.map_view import HEAT, HEAT_MAX_KM, HeatItem, MapProjection, ResourceMap, heat_items
from protocol import gazetteer
from protocol.outreach import Place, municipality_place

STATION = Place(f"spot:{uuid.UUID(int=1)}", "Stazione FS Lodi", 45.3089, 9.5009, uuid.UUID(int=1))


def test_heat_discs_have_areas_in_proportion_to_their_counts() -> None:
    codogno = municipality_place("Codogno")
    assert codogno is not None
    items = heat_items(
        MapProjection(gazetteer.municipalities()), [(STATION, 100), (codogno, 20), (codogno, 5), (STATION, 0)]
    )
    by_name = {item.place.name: item for item in items}
    assert sorted(by_name) == ["Codogno", "Stazione FS Lodi"]
    assert (by_name["Stazione FS Lodi"].count, by_name["Codogno"].count) == (100, 25)
    assert by_name["Stazione FS Lodi"].radius_km == HEAT_MAX_KM
    ratio = (by_name["Codogno"].radius_km / by_name["Stazione FS Lodi"].radius_km) ** 2
    assert abs(ratio - 0.25) < 1e-9
    assert items[-1].place == STATION  # the busiest on top
    assert heat_items(MapProjection(gazetteer.municipalities()), [(STATION, 0)]) == []


def _warm(colour: QColor) -> bool:
    return colour.red() > colour.blue() + 40 and colour.red() > colour.green() + 20


def test_the_heat_layer_is_drawn_on_the_map_and_cleared(qtbot) -> None:
    view = ResourceMap()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    before = view.grab().toImage()
    assert not any(_warm(before.pixelColor(x, y)) for x in range(0, 800, 4) for y in range(0, 600, 4))
    lodi = municipality_place("Lodi")
    assert lodi is not None
    view.set_heat([(STATION, 150), (lodi, 90)])
    assert [type(item) for item in view.heat] == [HeatItem, HeatItem]
    assert all(item.scene() is view.scene() for item in view.heat)
    centre = view.mapFromScene(view.projection.to_scene(STATION.latitude, STATION.longitude))
    image = view.grab().toImage()
    assert _warm(image.pixelColor(centre.x() + 2, centre.y() + 2)), image.pixelColor(centre)
    assert view.heat[-1].toolTip() == "Stazione FS Lodi: 150"
    assert view.markers == {} and view.placed == 0  # the services' side is untouched
    view.set_heat([])
    assert view.heat == [] and not any(isinstance(item, HeatItem) for item in view.scene().items())
    assert HEAT.red() > HEAT.blue()
