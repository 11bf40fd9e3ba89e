"""The places the directory knows by name: the 61 municipalities of the Lodi area.

Owns: reading the bundled gazetteer (`protocol/resources/lodi/municipalities.csv`:
ISTAT code, name, latitude and longitude of the municipal seat, WGS84) and finding a
municipality by name, however it is capitalised, and the area the directory covers (`in_area`:
the gazetteer's bounding box widened by AREA_MARGIN_KM, the one rule for "coordinates outside
the area"). The map draws these places when
there is no network, and distances "from a municipality" or "from a contact" (whose
address we never geocode: that would send it to a third party) start from them.

Must never fetch anything from the network, and never guess: a name it does not
know gives None.
"""

import csv
import functools
import math
import unicodedata
from dataclasses import dataclass
from importlib import resources

GAZETTEER = "resources/lodi/municipalities.csv"


@dataclass(frozen=True)
class Municipality:
    istat_code: str
    name: str
    latitude: float
    longitude: float


def _key(name: str) -> str:
    """Names compare without case, accents or apostrophe variants ("Sant’Angelo" = "sant'angelo")."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'")).casefold()
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@functools.cache
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality of the gazetteer, in ISTAT order (alphabetical)."""
    with resources.files("protocol").joinpath(GAZETTEER).open(encoding="utf-8") as source:
        return tuple(
            Municipality(row["istat_code"], row["name"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(source)
        )


@functools.cache
def _by_key() -> dict[str, Municipality]:
    return {_key(place.name): place for place in municipalities()}


def find(name: str | None) -> Municipality | None:
    """The municipality called `name`, or None when the gazetteer does not know it."""
    return _by_key().get(_key(name)) if name else None


# A service may sit just over the area's edge (a clinic in the next town): the box around the
# municipal seats is widened by this much on every side.
AREA_MARGIN_KM = 10.0
_KM_PER_DEGREE_LATITUDE = 111.2


@dataclass(frozen=True)
class Area:
    south: float
    north: float
    west: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


@functools.cache
def area() -> Area:
    """The box around every municipal seat of the gazetteer, AREA_MARGIN_KM wider on each side."""
    places = municipalities()
    south, north = min(p.latitude for p in places), max(p.latitude for p in places)
    west, east = min(p.longitude for p in places), max(p.longitude for p in places)
    d_lat = AREA_MARGIN_KM / _KM_PER_DEGREE_LATITUDE
    d_lon = d_lat / math.cos(math.radians(max(abs(south), abs(north))))
    return Area(south - d_lat, north + d_lat, west - d_lon, east + d_lon)


def in_area(latitude: float, longitude: float) -> bool:
    """Whether a point lies in the area the directory covers (`area`)."""
    return area().contains(latitude, longitude)
