"""The offline map of the Resources screen: the services found, on the area's municipalities.

Owns: `ResourceMap`, a `QGraphicsView` drawn only from bundled data: every
municipality of `protocol.gazetteer` (a dot at its seat and, where there is room
at the current zoom, its name) on a light background with a scale bar in km and a
north arrow; one marker per service that has coordinates (services never verified
in the last 12 months, by `protocol.directory.is_stale`, are hollow grey diamonds
instead of filled blue circles: the shape differs, not only the colour; a temporarily
closed one carries a red bar, and its tooltip says so); the selected service; the
point distances are measured from, with its radius. Markers that would overlap at
the current zoom are spread on a small ring, each tied to its
true spot by a thin line, so every one stays clickable. Clicking a marker emits
`resourceClicked`; clicking the map while a point is being chosen emits
`pointChosen`. `MapPanel` adds the zoom buttons, the legend and a line saying which
services are not on the map. `heat_items` (and `ResourceMap.set_heat`, which the
Resources screen never calls) draws a heat layer of counts per place, such as street
outreach's encounters per place over a period (issue 18): a soft warm disc per place whose
area grows with its count, in kilometres so it zooms with the map. The pale shape under the dots is the seats' convex
hull widened by a few km: a hint of where the area is, not its legal border (the
gazetteer has no outlines).

Projection: equirectangular in kilometres, east-west scaled by the cosine of the
latitude of the area's centre. The Lodi area spans 45.08-45.44 °N, so that cosine
changes by at most 0.32 % towards its edges: distances read off the map are within
1 % of the haversine ones the list shows. The radius circle is drawn in the same
kilometres.

Must never touch the network (no web engine, no tiles: the basemap is the
gazetteer), never load anything from the store (the page hands it the services it
lists) and never be the only way to do something: the list next to it offers every
action from the keyboard.
"""

import datetime as dt
import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QLineF, QLocale, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
    QRadialGradient,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from protocol import Resource, gazetteer
from protocol.directory import EARTH_RADIUS_KM, is_stale, is_temporarily_closed
from protocol.gazetteer import Municipality
from protocol.outreach import Place

KM_PER_DEGREE = math.radians(1) * EARTH_RADIUS_KM
AREA_BUFFER_KM = 2.5  # the shaded area reaches this far beyond the outermost seats
FIT_REACH_KM = 25.0  # "fit" also frames services this close to the area; farther ones need zooming out
ZOOM_STEP = 1.25
# Up to this many overlapping markers go on a ring around their spot; more become one
# numbered disc (a ring of dozens would cover the whole map).
RING_AT_MOST = 8
MAX_SCALE = 2_000.0  # pixels per km: a few metres per pixel, closer is meaningless for town seats
SCALE_STEPS_KM = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000)

# Calm colours that read on any desktop theme: the map paints its own light background.
BACKGROUND = QColor("#eef1f3")
AREA_FILL = QColor("#fbfbf7")
AREA_EDGE = QColor("#c8cec9")
PLACE_DOT = QColor("#6b7570")
PLACE_TEXT = QColor("#37413c")
HALO = QColor("#ffffff")
FRESH = QColor("#1d4ed8")
STALE = QColor("#6b6b6b")
SELECTED = QColor("#d97706")
ORIGIN = QColor("#b91c1c")
INK = QColor("#1f2933")
HEAT = QColor("#c2410c")  # warm, unlike the services' blue and grey; its discs are soft, not markers
HEAT_MAX_KM = 1.5  # the radius of the place with the most; the others' discs have area in proportion
HEAT_MIN_KM = 0.35  # the smallest count stays visible at the area's zoom


class MapProjection:
    """Latitude/longitude to scene kilometres (x east, y south) around the area's centre."""

    def __init__(self, places: Iterable[Municipality]) -> None:
        latitudes = [place.latitude for place in places]
        longitudes = [place.longitude for place in places]
        self.centre_latitude = (min(latitudes) + max(latitudes)) / 2
        self.centre_longitude = (min(longitudes) + max(longitudes)) / 2
        self._km_per_degree_east = KM_PER_DEGREE * math.cos(math.radians(self.centre_latitude))

    def to_scene(self, latitude: float, longitude: float) -> QPointF:
        return QPointF(
            (longitude - self.centre_longitude) * self._km_per_degree_east,
            (self.centre_latitude - latitude) * KM_PER_DEGREE,
        )

    def to_geo(self, point: QPointF) -> tuple[float, float]:
        return (
            self.centre_latitude - point.y() / KM_PER_DEGREE,
            self.centre_longitude + point.x() / self._km_per_degree_east,
        )


def _unit(font: QFont) -> float:
    """Every size on the map follows the text size, so it scales with the screen's DPI."""
    return QFontMetricsF(font).height()


def _convex_hull(points: list[QPointF]) -> list[QPointF]:
    """Andrew's monotone chain: the outline of the area the seats span."""
    ordered = sorted({(p.x(), p.y()) for p in points})
    if len(ordered) < 3:
        return [QPointF(x, y) for x, y in ordered]

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(points_in_order: list[tuple[float, float]]) -> list[tuple[float, float]]:
        chain: list[tuple[float, float]] = []
        for point in points_in_order:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
        return chain

    lower, upper = half(ordered), half(ordered[::-1])
    return [QPointF(x, y) for x, y in lower[:-1] + upper[:-1]]


def marker_path(stale: bool, radius: float, centre: QPointF | None = None) -> QPainterPath:
    """A fresh service is a circle; a stale one a diamond (told apart without colour)."""
    centre = centre or QPointF(0, 0)
    path = QPainterPath()
    if stale:
        r = radius * 1.15
        path.addPolygon(
            QPolygonF(
                [
                    centre + QPointF(0, -r),
                    centre + QPointF(r, 0),
                    centre + QPointF(0, r),
                    centre + QPointF(-r, 0),
                    centre + QPointF(0, -r),
                ]
            )
        )
    else:
        path.addEllipse(centre, radius, radius)
    return path


def paint_marker(painter: QPainter, stale: bool, radius: float, centre: QPointF, selected: bool = False) -> None:
    if selected:
        painter.setPen(QPen(SELECTED, radius * 0.45))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius * 1.75, radius * 1.75)
    if stale:
        painter.setPen(QPen(STALE, max(1.5, radius * 0.3)))
        painter.setBrush(QBrush(HALO))
    else:
        painter.setPen(QPen(HALO, max(1.0, radius * 0.2)))
        painter.setBrush(QBrush(FRESH))
    painter.drawPath(marker_path(stale, radius, centre))


def paint_closed_bar(painter: QPainter, radius: float, centre: QPointF) -> None:
    """A "no entry" bar across a marker: the service is temporarily closed (the tooltip says so in words)."""
    bar = QRectF(centre.x() - radius * 0.75, centre.y() - radius * 0.22, radius * 1.5, radius * 0.44)
    painter.setPen(QPen(HALO, max(1.0, radius * 0.15)))
    painter.setBrush(QBrush(ORIGIN))
    painter.drawRect(bar)


def paint_closed_marker(painter: QPainter, radius: float, centre: QPointF) -> None:
    """A service's marker with the closed bar across it (the legend's "Temporarily closed")."""
    paint_marker(painter, False, radius, centre)
    paint_closed_bar(painter, radius, centre)


def paint_origin(painter: QPainter, size: float, centre: QPointF) -> None:
    """A cross: where distances are measured from."""
    for pen in (QPen(HALO, size * 0.55), QPen(ORIGIN, size * 0.28)):
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(centre + QPointF(-size, -size), centre + QPointF(size, size))
        painter.drawLine(centre + QPointF(-size, size), centre + QPointF(size, -size))


class PlaceItem(QGraphicsItem):
    """One municipality of the basemap: a dot at its seat and, when there is room, its name."""

    def __init__(self, place: Municipality, position: QPointF, font: QFont) -> None:
        super().__init__()
        self.place = place
        self.setPos(position)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(2)
        self.setToolTip(place.name)
        self._font = font
        metrics = QFontMetricsF(font)
        self._text_size = QSizeF(metrics.horizontalAdvance(place.name), metrics.height())
        self._ascent = metrics.ascent()
        self._dot = _unit(font) * 0.17
        self.label_rect: QRectF | None = None  # in pixels around the dot; None: the name is not shown

    def label_candidates(self, clear_of: float = 0.0) -> list[QRectF]:
        """Where the name may go, best first: right of the dot, left, above, below; then the
        same just beyond `clear_of` pixels, clear of the markers drawn on a busy seat (never
        farther: a name far from its dot would be read as another place's)."""
        w, h = self._text_size.width(), self._text_size.height()
        candidates = []
        gaps = [self._dot * 2]
        if clear_of > self._dot:
            gaps.append(clear_of + self._dot * 2)
        for gap in gaps:
            candidates += [
                QRectF(gap, -h / 2, w, h),
                QRectF(-gap - w, -h / 2, w, h),
                QRectF(-w / 2, -gap - h, w, h),
                QRectF(-w / 2, gap, w, h),
            ]
        return candidates

    def dot_rect(self) -> QRectF:
        return QRectF(-self._dot, -self._dot, 2 * self._dot, 2 * self._dot)

    def set_label(self, rect: QRectF | None) -> None:
        if rect != self.label_rect:
            self.prepareGeometryChange()
            self.label_rect = rect

    def boundingRect(self) -> QRectF:
        rect = self.dot_rect().adjusted(-1, -1, 1, 1)
        if self.label_rect is not None:
            rect = rect.united(self.label_rect.adjusted(-3, -3, 3, 3))
        return rect

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PLACE_DOT)
        painter.drawEllipse(self.dot_rect())
        if self.label_rect is None:
            return
        text = QPainterPath()
        text.addText(self.label_rect.topLeft() + QPointF(0, self._ascent), self._font, self.place.name)
        halo = QPen(HALO, 3.0)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(text, halo)  # keeps the name readable over markers and the radius
        painter.fillPath(text, PLACE_TEXT)


class MarkerItem(QGraphicsItem):
    """One service, at its coordinates. When it would overlap others at the current zoom
    it is drawn `offset` pixels away, joined to its true spot by a thin line."""

    def __init__(self, resource: Resource, stale: bool, position: QPointF, radius: float) -> None:
        super().__init__()
        self.resource = resource
        self.stale = stale
        self.offset = QPointF(0, 0)
        self.radius = radius
        self.selected = False
        self.setPos(position)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(4)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.closed = is_temporarily_closed(resource.status)
        self.setToolTip(
            QCoreApplication.translate("ResourceMap", "{service} · Temporarily closed").format(
                service=resource.service_name
            )
            if self.closed
            else resource.service_name
        )

    def set_offset(self, offset: QPointF) -> None:
        if offset != self.offset:
            self.prepareGeometryChange()
            self.offset = offset

    def drawn_rect(self) -> QRectF:
        """Where the marker itself is drawn, in pixels around its true spot."""
        return QRectF(self.offset.x() - self.radius, self.offset.y() - self.radius, 2 * self.radius, 2 * self.radius)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.prepareGeometryChange()
            self.selected = selected
            self.setZValue(5 if selected else 4)

    def shape(self) -> QPainterPath:
        # A little larger than the drawing: easier to hit with a mouse or a touchpad.
        path = QPainterPath()
        path.addEllipse(self.offset, self.radius * 1.5, self.radius * 1.5)
        return path

    def boundingRect(self) -> QRectF:
        reach = self.radius * 2.2
        marker = QRectF(self.offset.x() - reach, self.offset.y() - reach, 2 * reach, 2 * reach)
        return marker.united(QRectF(-2, -2, 4, 4))

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.offset.isNull():
            painter.setPen(QPen(STALE, 1.0))
            painter.drawLine(QPointF(0, 0), self.offset)
            painter.setBrush(INK)
            painter.drawEllipse(QPointF(0, 0), 1.5, 1.5)
        paint_marker(painter, self.stale, self.radius, self.offset, self.selected)
        if self.closed:
            paint_closed_bar(painter, self.radius, self.offset)


class ClusterItem(QGraphicsItem):
    """Many services that overlap at this zoom, drawn as one disc with their number.
    A ring of dozens of markers would hide the map it is meant to explain; clicking
    the disc zooms in until they come apart."""

    def __init__(self, members: list[MarkerItem], position: QPointF, radius: float) -> None:
        super().__init__()
        self.members = members
        self.radius = radius * (1.7 if len(members) < 100 else 2.1)
        self.all_stale = all(member.stale for member in members)
        self.setPos(position)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(7)  # above the origin's cross: its number matters more (the radius circle shows the origin)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            QCoreApplication.translate("ResourceMap", "{count} services here: click to zoom in").format(
                count=len(members)
            )
        )

    def boundingRect(self) -> QRectF:
        reach = self.radius + 2
        return QRectF(-reach, -reach, 2 * reach, 2 * reach)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Hollow when every service in it is stale, as a stale marker is: the shape says it too.
        painter.setPen(QPen(STALE if self.all_stale else FRESH, 2.0))
        painter.setBrush(QColor("white") if self.all_stale else FRESH)
        painter.drawEllipse(QPointF(0, 0), self.radius, self.radius)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK if self.all_stale else QColor("white"))
        painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, str(len(self.members)))


class OriginItem(QGraphicsItem):
    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(6)

    def boundingRect(self) -> QRectF:
        reach = self.size * 1.5
        return QRectF(-reach, -reach, 2 * reach, 2 * reach)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        paint_origin(painter, self.size, QPointF(0, 0))


class HeatItem(QGraphicsItem):
    """One place's count: a disc fading to its edge, `radius_km` in scene kilometres."""

    def __init__(self, place: Place, count: int, position: QPointF, radius_km: float, share: float) -> None:
        super().__init__()
        self.place = place
        self.count = count
        self.radius_km = radius_km
        self._alpha = int(90 + 110 * share)  # the busiest places read strongest where discs overlap
        self.setPos(position)
        self.setZValue(1.5)  # above the area and the radius circle, under the places and the markers
        self.setToolTip(
            QCoreApplication.translate("ResourceMap", "{place}: {count}").format(place=place.name, count=count)
        )

    def boundingRect(self) -> QRectF:
        r = self.radius_km
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        gradient = QRadialGradient(QPointF(0, 0), self.radius_km)
        gradient.setColorAt(0.0, QColor(HEAT.red(), HEAT.green(), HEAT.blue(), self._alpha))
        gradient.setColorAt(0.6, QColor(HEAT.red(), HEAT.green(), HEAT.blue(), self._alpha // 2))
        gradient.setColorAt(1.0, QColor(HEAT.red(), HEAT.green(), HEAT.blue(), 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawEllipse(self.boundingRect())


def heat_items(projection: "MapProjection", counts: Iterable[tuple[Place, int]]) -> list[HeatItem]:
    """The heat layer of `counts` (place, count) pairs: one disc per place with a count above
    zero, its area proportional to the count (so twice the encounters look twice as big), the
    largest HEAT_MAX_KM in radius. Pairs naming the same place are added together."""
    totals: dict[str, int] = defaultdict(int)
    places: dict[str, Place] = {}
    for place, count in counts:
        if count > 0:
            totals[place.key] += count
            places[place.key] = place
    if not totals:
        return []
    most = max(totals.values())
    return [
        HeatItem(
            places[key],
            count,
            projection.to_scene(places[key].latitude, places[key].longitude),
            max(HEAT_MIN_KM, HEAT_MAX_KM * math.sqrt(count / most)),
            count / most,
        )
        for key, count in sorted(totals.items(), key=lambda kv: kv[1])  # the busiest drawn last, on top
    ]


def _ring(centre: QPointF, count: int, radius: float) -> list[QPointF]:
    """`count` marker centres on a ring around `centre` (pixels), far enough apart to click."""
    ring = max(radius * 2.8, count * radius * 2.6 / (2 * math.pi))
    return [
        centre
        + QPointF(
            ring * math.cos(2 * math.pi * i / count - math.pi / 2),
            ring * math.sin(2 * math.pi * i / count - math.pi / 2),
        )
        for i in range(count)
    ]


def _overlapping(markers: Iterable["MarkerItem"], scale: float, reach: float) -> list[list["MarkerItem"]]:
    """Markers in groups that touch at `scale` pixels per km: two markers closer than `reach`
    pixels are in the same group, and so on along chains (a grid keeps this near linear)."""
    ordered = sorted(markers, key=lambda m: (m.pos().x(), m.pos().y(), str(m.resource.id)))
    spots = [marker.pos() * scale for marker in ordered]
    parent = list(range(len(ordered)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, at in enumerate(spots):
        cell = (math.floor(at.x() / reach), math.floor(at.y() / reach))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid[(cell[0] + dx, cell[1] + dy)]:
                    if QLineF(spots[other], at).length() < reach:
                        parent[root(other)] = root(index)
        grid[cell].append(index)
    groups: dict[int, list[MarkerItem]] = defaultdict(list)
    for index, marker in enumerate(ordered):
        groups[root(index)].append(marker)
    return list(groups.values())


class ResourceMap(QGraphicsView):
    resourceClicked = Signal(object)  # uuid.UUID of the service whose marker was clicked
    pointChosen = Signal(float, float)  # latitude, longitude clicked while choosing a point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._set_up_view()
        self.graphics = QGraphicsScene(self)
        # A few hundred items: no index is faster, and exact for items that ignore the zoom.
        self.graphics.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(self.graphics)
        self.projection = MapProjection(gazetteer.municipalities())
        self.places: dict[str, PlaceItem] = {}
        self.markers: dict[uuid.UUID, MarkerItem] = {}
        self.clusters: list[ClusterItem] = []
        self.heat: list[HeatItem] = []
        self.placed = self.unplaced = self.far = 0
        self.choosing_point = False
        self.origin: tuple[float, float] | None = None
        self._services_per_place: dict[str, int] = {}
        self._homes: dict[str, list[MarkerItem]] = defaultdict(list)  # markers by nearest seat
        self._selected: uuid.UUID | None = None
        self._press: QPoint | None = None
        self.marker_radius = _unit(self.font()) * 0.42  # pixels
        self._user_moved = False
        self._area_rect = QRectF()
        self._fit_rect = QRectF()
        self._build_basemap()
        self._build_origin()
        self._update_scene_rect()

    def _set_up_view(self) -> None:
        """Names, focus, rendering and panning of the view itself."""
        self.setAccessibleName(self.tr("Map of the services found"))
        self.setAccessibleDescription(
            self.tr(
                "The services in the list, drawn over the municipalities of the area. Click a marker to read the "
                "service. The list holds the same services and can be used with the keyboard."
            )
        )
        self.setObjectName("resourceMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # The scale bar and north arrow are painted in viewport pixels: a partial update
        # after panning would smear them.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(BACKGROUND)
        self.setMinimumSize(QSizeF(_unit(self.font()) * 16, _unit(self.font()) * 12).toSize())

    def _build_origin(self) -> None:
        """The point distances start from and its radius, hidden until there is one."""
        self.origin_item = OriginItem(_unit(self.font()) * 0.4)
        self.origin_item.hide()
        self.radius_item = QGraphicsEllipseItem()
        pen = QPen(ORIGIN, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)  # the same line width at every zoom
        self.radius_item.setPen(pen)
        self.radius_item.setBrush(QColor(ORIGIN.red(), ORIGIN.green(), ORIGIN.blue(), 18))
        self.radius_item.setZValue(1)
        self.radius_item.hide()
        self.graphics.addItem(self.origin_item)
        self.graphics.addItem(self.radius_item)

    # --- the basemap ------------------------------------------------------------------------

    def _build_basemap(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        seats = []
        for place in gazetteer.municipalities():
            position = self.projection.to_scene(place.latitude, place.longitude)
            seats.append(position)
            item = PlaceItem(place, position, font)
            self.places[place.istat_code] = item
            self.graphics.addItem(item)
        outline = _convex_hull(seats)
        hull = QPainterPath()
        hull.addPolygon(QPolygonF([*outline, outline[0]]))
        stroker = QPainterPathStroker()
        stroker.setWidth(2 * AREA_BUFFER_KM)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        area = stroker.createStroke(hull).united(hull).simplified()
        edge = QPen(AREA_EDGE, 1.0)
        edge.setCosmetic(True)
        self.area_item = QGraphicsPathItem(area)
        self.area_item.setPen(edge)
        self.area_item.setBrush(AREA_FILL)
        self.area_item.setZValue(0)
        self.graphics.addItem(self.area_item)
        self._area_rect = area.boundingRect()
        self._fit_rect = QRectF(self._area_rect)

    # --- what the page shows on it ---------------------------------------------------------

    def set_resources(self, resources: list[Resource], today: dt.date) -> None:
        """Draw these services (`today` is a date: what counts as stale)."""
        for item in self.markers.values():
            self.graphics.removeItem(item)
        self.markers.clear()
        radius = self.marker_radius
        reach = self._area_rect.adjusted(-FIT_REACH_KM, -FIT_REACH_KM, FIT_REACH_KM, FIT_REACH_KM)
        self._fit_rect = QRectF(self._area_rect)
        self.far = 0
        for resource in resources:
            where = resource.location
            if where.latitude is None or where.longitude is None:
                continue
            position = self.projection.to_scene(where.latitude, where.longitude)
            if reach.contains(position):
                self._fit_rect = self._fit_rect.united(QRectF(position, QSizeF(0.01, 0.01)))
            else:
                self.far += 1
            marker = MarkerItem(resource, is_stale(resource.last_verified_on, today), position, radius)
            marker.set_selected(resource.id == self._selected)
            self.markers[resource.id] = marker
            self.graphics.addItem(marker)
        self.placed = len(self.markers)
        self.unplaced = len(resources) - self.placed
        self._homes = defaultdict(list)
        for marker in self.markers.values():
            home = min(self.places.values(), key=lambda item: QLineF(item.pos(), marker.pos()).length())
            self._homes[home.place.istat_code].append(marker)
        self._services_per_place = defaultdict(int)
        for resource in resources:
            place = gazetteer.find(resource.location.municipality)
            if place is not None:
                self._services_per_place[place.istat_code] += 1
        self._update_scene_rect()
        if not self._user_moved:
            self.fit()
        else:
            self.lay_out()

    def set_heat(self, counts: Iterable[tuple[Place, int]]) -> None:
        """Draw (or, with no pairs, clear) a heat layer of counts per place (`heat_items`). The
        view's framing stays as it is: the places lie in the area the map already frames."""
        for item in self.heat:
            self.graphics.removeItem(item)
        self.heat = heat_items(self.projection, counts)
        for item in self.heat:
            self.graphics.addItem(item)

    def _places_by_importance(self) -> list[str]:
        """Whose name is shown first when names collide: the place nearest to where
        distances start, then the places with the most services listed, then by name."""
        origin_code = None
        if self.origin is not None:
            latitude, longitude = self.origin
            nearest = min(
                self.places.values(),
                key=lambda item: abs(item.place.latitude - latitude) + abs(item.place.longitude - longitude),
            )
            origin_code = nearest.place.istat_code
        services = self._services_per_place
        return sorted(
            self.places,
            key=lambda code: (code != origin_code, -services.get(code, 0), self.places[code].place.name.casefold()),
        )

    def set_selected(self, resource_id: uuid.UUID | None) -> None:
        self._selected = resource_id
        for marker_id, marker in self.markers.items():
            marker.set_selected(marker_id == resource_id)
        if self.clusters:
            self.lay_out()  # the selected service leaves its cluster, the one before goes back in

    def set_origin(self, latitude: float, longitude: float, radius_km: float | None) -> None:
        """Mark where distances start; with a radius (km), draw the circle it covers."""
        self.origin = (latitude, longitude)
        centre = self.projection.to_scene(latitude, longitude)
        self.origin_item.setPos(centre)
        self.origin_item.show()
        if radius_km:
            self.radius_item.setRect(
                QRectF(centre.x() - radius_km, centre.y() - radius_km, 2 * radius_km, 2 * radius_km)
            )
        self.radius_item.setVisible(bool(radius_km))
        self._update_scene_rect()
        self.lay_out()

    def clear_origin(self) -> None:
        self.origin = None
        self.origin_item.hide()
        self.radius_item.hide()
        self._update_scene_rect()
        self.lay_out()

    def set_choosing_point(self, choosing: bool) -> None:
        self.choosing_point = choosing
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if choosing else Qt.CursorShape.OpenHandCursor)

    def marker_position(self, resource_id: uuid.UUID) -> QPoint:
        """Where a service's marker is drawn, in viewport pixels."""
        marker = self.markers[resource_id]
        return self.mapFromScene(marker.pos()) + marker.offset.toPoint()

    # --- zoom and pan -------------------------------------------------------------------------

    def _update_scene_rect(self) -> None:
        # Computed from positions, not from itemsBoundingRect: items drawn in pixels would
        # count as kilometres there.
        rect = QRectF(self._area_rect)
        for marker in self.markers.values():
            rect = rect.united(QRectF(marker.pos(), QSizeF(0.01, 0.01)))
        if self.radius_item.isVisible():
            rect = rect.united(self.radius_item.rect())
        elif self.origin_item.isVisible():
            rect = rect.united(QRectF(self.origin_item.pos(), QSizeF(0.01, 0.01)))
        margin = max(rect.width(), rect.height()) * 0.5
        self.graphics.setSceneRect(rect.adjusted(-margin, -margin, margin, margin))

    def fit(self) -> None:
        """Frame the area, with the services near it (keys 0 and Home, the Fit button)."""
        frame = QRectF(self._fit_rect)
        if self.radius_item.isVisible():
            frame = frame.united(self.radius_item.rect())
        margin = max(frame.width(), frame.height()) * 0.07  # room for the outermost names
        self.fitInView(frame.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
        self._user_moved = False
        self.lay_out()

    def zoom_by(self, factor: float, under_mouse: bool = False) -> None:
        """Zoom around the middle of the view (the wheel: around the pointer), within limits."""
        scale = self.transform().m11()
        whole = self.sceneRect()
        smallest = min(
            self.viewport().width() / max(whole.width(), 1e-6), self.viewport().height() / max(whole.height(), 1e-6)
        )
        factor = max(smallest / scale, min(factor, MAX_SCALE / scale))
        if abs(factor - 1) < 1e-6:
            return
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.scale(factor, factor)
        self._user_moved = True
        self.lay_out()

    def lay_out(self) -> None:
        """Arrange what depends on the zoom: markers and names, both kept in pixels."""
        scale = self.transform().m11()
        if scale > 0:
            self._spread_markers(scale)
            self._place_names(scale)

    def _spread_markers(self, scale: float) -> None:
        """Markers that would overlap at this zoom go on a ring around their middle, in the
        order of their true directions from it, so each stays clickable; zooming in brings
        them back to their own spots."""
        for cluster in self.clusters:
            self.graphics.removeItem(cluster)
        self.clusters = []
        for marker in self.markers.values():
            marker.setVisible(True)
        for group in _overlapping(self.markers.values(), scale, self.marker_radius * 2.2):
            if len(group) == 1:
                group[0].set_offset(QPointF(0, 0))
                continue
            if len(group) > RING_AT_MOST:
                self._cluster(group, scale)
                continue
            spots = [marker.pos() * scale for marker in group]
            middle = sum(spots, QPointF(0, 0)) / len(spots)

            def direction(pair: tuple["MarkerItem", QPointF], middle: QPointF = middle) -> tuple[float, str]:
                marker, spot = pair
                angle = math.atan2(spot.y() - middle.y(), spot.x() - middle.x())
                return ((angle + math.pi / 2) % (2 * math.pi), marker.resource.service_name.casefold())

            ordered = sorted(zip(group, spots, strict=True), key=direction)
            for (marker, spot), drawn in zip(ordered, _ring(middle, len(group), self.marker_radius), strict=True):
                marker.set_offset(drawn - spot)

    def _cluster(self, group: list[MarkerItem], scale: float) -> None:
        """One numbered disc for the group; the selected service keeps its own marker, beside
        the disc (so both can be clicked), with its line to its true spot."""
        middle = sum((marker.pos() for marker in group), QPointF(0, 0)) / len(group)
        cluster = ClusterItem(group, middle, self.marker_radius)
        beside = middle * scale + QPointF(cluster.radius + self.marker_radius * 2, 0)
        for marker in group:
            marker.set_offset(beside - marker.pos() * scale if marker.selected else QPointF(0, 0))
            marker.setVisible(marker.selected)
        self.graphics.addItem(cluster)
        self.clusters.append(cluster)

    def open_cluster(self, cluster: ClusterItem) -> None:
        """Zoom in on a cluster's services until they come apart (or as far as the map goes)."""
        frame = QRectF()
        for marker in cluster.members:
            frame = frame.united(QRectF(marker.pos(), QSizeF(0.01, 0.01)))
        margin = max(frame.width(), frame.height(), 0.05) * 0.3
        self.fitInView(frame.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > MAX_SCALE:
            self.zoom_by(MAX_SCALE / self.transform().m11())
        self._user_moved = True
        self.lay_out()

    def _place_names(self, scale: float) -> None:
        """Show each name where it overlaps no other name, dot or marker at this zoom, in
        order of importance; the rest appear as the map is zoomed in (and in tooltips)."""

        def on_screen(item: QGraphicsItem, rect: QRectF) -> QRectF:
            return rect.translated(item.pos() * scale)

        visible = QRectF(self.viewport().rect())
        taken = [on_screen(item, item.dot_rect()) for item in self.places.values()]
        taken += [on_screen(marker, marker.drawn_rect()) for marker in self.markers.values() if marker.isVisible()]
        taken += [on_screen(cluster, cluster.boundingRect()) for cluster in self.clusters]
        if self.origin_item.isVisible():
            taken.append(on_screen(self.origin_item, self.origin_item.boundingRect()))
        for code in self._places_by_importance():
            item = self.places[code]
            dot = item.pos() * scale
            # Only the markers of this seat push its name out: another place's would carry it
            # off towards a dot that is not its own.
            around = [QLineF(dot, marker.pos() * scale + marker.offset).length() for marker in self._homes[code]]
            crowd = max((length for length in around if length < self.marker_radius * 6), default=0.0)
            chosen = None
            candidates = item.label_candidates(crowd + self.marker_radius if crowd else 0.0)
            # A name cut by the edge of the view reads as another name: try the other sides,
            # else leave it out until the map is moved (names are placed again then).
            seat = QPointF(self.mapFromScene(item.pos()))
            for candidate in (rect for rect in candidates if visible.contains(rect.translated(seat))):
                rect = on_screen(item, candidate)
                if not any(rect.intersects(other) for other in taken):
                    chosen = candidate
                    taken.append(rect)
                    break
            item.set_label(chosen)

    # --- events -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._user_moved:
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_moved:
            self.fit()
        else:
            self.lay_out()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, under_mouse=True)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        else:
            super().keyPressEvent(event)
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._user_moved = True
                self.lay_out()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.choosing_point:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        position = event.position().toPoint()
        moved = (position - self._press).manhattanLength() >= QApplication.startDragDistance()
        self._press = None
        if moved:
            self._user_moved = True
            self.lay_out()  # names that were cut by the edges before the drag
            return
        under = self.items(position)
        marker = next((item for item in under if isinstance(item, MarkerItem)), None)
        cluster = next((item for item in under if isinstance(item, ClusterItem)), None)
        if marker is not None:
            self.resourceClicked.emit(marker.resource.id)
        elif cluster is not None:
            self.open_cluster(cluster)
        elif self.choosing_point:
            latitude, longitude = self.projection.to_geo(self.mapToScene(position))
            self.pointChosen.emit(latitude, longitude)

    def drawForeground(self, painter: QPainter, _rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()  # from here on, viewport pixels
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_scale_bar(painter)
        self._draw_north_arrow(painter)
        painter.restore()

    def _draw_scale_bar(self, painter: QPainter) -> None:
        unit = _unit(self.font())
        per_km = self.transform().m11()
        if per_km <= 0:
            return
        fitting = [step for step in SCALE_STEPS_KM if step * per_km <= unit * 7]
        length_km = fitting[-1] if fitting else SCALE_STEPS_KM[0]
        length = length_km * per_km
        text = self.tr("{distance} km").format(distance=QLocale().toString(float(length_km), "g", 4))
        text_width = QFontMetricsF(self.font()).horizontalAdvance(text)
        left, bottom = unit * 0.8, self.viewport().height() - unit * 0.8
        box = QRectF(left - unit * 0.4, bottom - unit * 1.9, max(length, text_width) + unit * 0.8, unit * 2.3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRoundedRect(box, unit * 0.25, unit * 0.25)
        pen = QPen(INK, 2)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(left, bottom), QPointF(left + length, bottom))
        for x in (left, left + length):
            painter.drawLine(QPointF(x, bottom), QPointF(x, bottom - unit * 0.4))
        painter.setFont(self.font())
        painter.drawText(
            QRectF(left, bottom - unit * 1.6, box.width(), unit * 1.1),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )

    def _draw_north_arrow(self, painter: QPainter) -> None:
        unit = _unit(self.font())
        centre_x, top = self.viewport().width() - unit * 1.4, unit * 0.6
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRoundedRect(
            QRectF(centre_x - unit * 0.8, top - unit * 0.2, unit * 1.6, unit * 2.6), unit * 0.25, unit * 0.25
        )
        arrow = QPolygonF(
            [
                QPointF(centre_x, top + unit * 0.1),
                QPointF(centre_x + unit * 0.45, top + unit * 1.1),
                QPointF(centre_x, top + unit * 0.85),
                QPointF(centre_x - unit * 0.45, top + unit * 1.1),
            ]
        )
        painter.setBrush(INK)
        painter.drawPolygon(arrow)
        painter.setPen(INK)
        painter.setFont(self.font())
        # "N" is the compass letter in Italian, English and Finnish alike.
        painter.drawText(
            QRectF(centre_x - unit, top + unit * 1.1, 2 * unit, unit * 1.2), Qt.AlignmentFlag.AlignCenter, "N"
        )


def _legend_icon(draw: Callable[[QPainter, QPointF], None], unit: float, ratio: float) -> QPixmap:
    size = int(unit * 1.4 * ratio)
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, QPointF(unit * 0.7, unit * 0.7))
    painter.end()
    return pixmap


class MapPanel(QWidget):
    """The map with its zoom buttons, its legend and what is not on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ResourceMap()
        tools = self._build_tools()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("What the map shows"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._build_legend())
        layout.addWidget(self.status)

    def _build_tools(self) -> QHBoxLayout:
        """Zoom in, zoom out, fit, and the hint when a point is to be chosen."""
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip(self.tr("Zoom in (+)"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip(self.tr("Zoom out (-)"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("&Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole area again (0)"))
        self.fit_button.clicked.connect(self.view.fit)
        for button in (self.zoom_in, self.zoom_out, self.fit_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.zoom_in)
        tools.addWidget(self.zoom_out)
        tools.addWidget(self.fit_button)
        tools.addWidget(self.hint, 1)
        return tools

    def _build_legend(self) -> QGridLayout:
        """What each symbol means, drawn by the same code as the map's."""
        unit, ratio = _unit(self.font()), self.devicePixelRatioF()
        radius = unit * 0.42
        # Two columns: the legend must not make the map wider than the list it replaces.
        legend = QGridLayout()
        legend.setHorizontalSpacing(int(unit * 0.3))
        legend.setVerticalSpacing(0)
        legend.setColumnStretch(1, 1)
        legend.setColumnStretch(3, 2)
        entries: list[tuple[Callable[[QPainter, QPointF], None], str]] = [
            (lambda p, c: paint_marker(p, False, radius, c), self.tr("Service")),
            (lambda p, c: paint_marker(p, True, radius, c), self.tr("Not verified in the last 12 months")),
            (lambda p, c: paint_marker(p, False, radius * 0.6, c, selected=True), self.tr("Selected")),
            (lambda p, c: paint_origin(p, unit * 0.4, c), self.tr("Distances start here")),
            (lambda p, c: paint_closed_marker(p, radius, c), self.tr("Temporarily closed")),
        ]
        for index, (draw, text) in enumerate(entries):
            icon = QLabel()
            icon.setPixmap(_legend_icon(draw, unit, ratio))
            words = QLabel(text)
            words.setWordWrap(True)
            legend.addWidget(icon, index % 2, 2 * (index // 2))
            legend.addWidget(words, index % 2, 2 * (index // 2) + 1)
        return legend

    def set_resources(self, resources: list[Resource], today: dt.date) -> None:
        self.view.set_resources(resources, today)
        view = self.view
        parts = [
            self.tr("On the map: {placed} of {count} services.").format(
                placed=QLocale().toString(view.placed), count=QLocale().toString(len(resources))
            )
        ]
        if view.unplaced:
            parts.append(
                self.tr("Without a map position (only in the list): {count}.").format(
                    count=QLocale().toString(view.unplaced)
                )
            )
        if view.far:
            parts.append(
                self.tr("Far outside the area (zoom out to see them): {count}.").format(
                    count=QLocale().toString(view.far)
                )
            )
        self.status.setText(" ".join(parts))
