"""The public directory's map: an inline SVG drawn on the service from the bundled gazetteer.

Owns: the projection (equirectangular, scaled by the cosine of the area's middle latitude, which
over the Lodi area's 40 km is off by far less than a pin's width), the drawing (every
municipality of the gazetteer as a dot, a few main towns named, the chosen starting point as a
square with its name, and one numbered pin per listed service that has a position) and nothing
else: no tiles, no script, no resource from anywhere.
Must never draw a service the list does not show, and never leave out a listed one that has a
position: the pins are made from the very list the page prints (tests check both ways).
"""

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from protocol import gazetteer

WIDTH = 360.0
PAD = 14.0  # room for a pin at the edge
GAP = 15.0  # pins closer than this overlap: a later one moves aside
# Towns named on the map, so a reader finds their way; the starting point is named too.
LANDMARKS = ("Lodi", "Codogno", "Casalpusterlengo", "Sant'Angelo Lodigiano")


@dataclass(frozen=True)
class Pin:
    """A listed service on the map: its id (the page's link to it), its number in the list, where it is."""

    id: str
    number: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class _Frame:
    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    squeeze: float  # cos(middle latitude): a degree of longitude is shorter
    height: float

    def at(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = PAD + (longitude - self.west) * self.squeeze * self.scale
        y = PAD + (self.north - latitude) * self.scale
        return round(x, 1), round(y, 1)


def _frame(points: list[tuple[float, float]]) -> _Frame:
    latitudes = [p[0] for p in points]
    longitudes = [p[1] for p in points]
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-6)
    scale = (WIDTH - 2 * PAD) / span_x
    height = round((north - south) * scale + 2 * PAD, 1)
    return _Frame(west, north, scale, squeeze, height)


def _spread(places: list[tuple[float, float]], height: float) -> list[tuple[float, float]]:
    """Where each pin is drawn: at its place, or, when an earlier pin already covers that spot
    (services of one town sit a few hundred metres apart), on the nearest free spot of a ring
    around it, so every listed service can be seen and read."""
    drawn: list[tuple[float, float]] = []
    for x, y in places:
        spot = (x, y)
        for ring in range(0, 6):
            candidates = (
                [(x, y)]
                if ring == 0
                else [
                    (round(x + ring * GAP * math.cos(a), 1), round(y + ring * GAP * math.sin(a), 1))
                    for a in (2 * math.pi * k / (6 * ring) - math.pi / 2 for k in range(6 * ring))
                ]
            )
            free = [
                c
                for c in candidates
                if PAD / 2 <= c[0] <= WIDTH - PAD / 2
                and PAD / 2 <= c[1] <= height - PAD / 2
                and all(math.dist(c, other) >= GAP for other in drawn)
            ]
            if free:
                spot = free[0]
                break
        drawn.append(spot)
    return drawn


def draw(pins: list[Pin], title: str, origin: gazetteer.Municipality | None = None) -> Markup:
    """The map as SVG markup, ready to be placed in the page; `title` is what a screen reader says."""
    places = gazetteer.municipalities()
    frame = _frame([(p.latitude, p.longitude) for p in places] + [(p.latitude, p.longitude) for p in pins])
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH:g} {frame.height:g}" role="img" aria-labelledby="map-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect class="land" width="{WIDTH:g}" height="{frame.height:g}"/>',
        '<g class="places">',
    ]
    for place in places:
        x, y = frame.at(place.latitude, place.longitude)
        parts.append(f'<circle cx="{x:g}" cy="{y:g}" r="2"/>')
    parts.append("</g>")
    named = [p for p in places if p.name in LANDMARKS and p != origin]
    for place in named:
        x, y = frame.at(place.latitude, place.longitude)
        parts.append(f'<text class="town" x="{x + 4:g}" y="{y - 4:g}">{escape(place.name)}</text>')
    if origin is not None:
        x, y = frame.at(origin.latitude, origin.longitude)
        parts.append(f'<rect class="origin" x="{x - 5:g}" y="{y - 5:g}" width="10" height="10"/>')
    parts.append('<g class="pins">')
    pinned = [frame.at(pin.latitude, pin.longitude) for pin in pins]
    spots = _spread(pinned, frame.height)
    for pin, (x, y), (at_x, at_y) in reversed(list(zip(pins, spots, pinned, strict=True))):
        # The first of the list is drawn last, on top; a pin moved off its place keeps a line to it.
        leader = "" if (x, y) == (at_x, at_y) else f'<line x1="{at_x:g}" y1="{at_y:g}" x2="{x:g}" y2="{y:g}"/>'
        parts.append(
            f'<g class="pin" data-id="{escape(pin.id)}">{leader}<circle cx="{x:g}" cy="{y:g}" r="7"/>'
            f'<text x="{x:g}" y="{y + 3:g}">{pin.number}</text></g>'
        )
    parts.append("</g>")
    if origin is not None:  # its name over the pins: the point distances start from stays readable
        x, y = frame.at(origin.latitude, origin.longitude)
        parts.append(f'<text class="origin" x="{x + 8:g}" y="{y + 4:g}">{escape(origin.name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is a number or escaped
