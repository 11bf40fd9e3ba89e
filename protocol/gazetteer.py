"""The places the directory knows by name: the 61 municipalities of the Lodi area.

Owns: reading the bundled gazetteer (`protocol/resources/lodi/municipalities.csv`:
ISTAT code, name, latitude and longitude of the municipal seat, WGS84) and finding a
municipality by name, however it is capitalised. The map draws these places when
there is no network, and distances "from a municipality" or "from a contact" (whose
address we never geocode: that would send it to a third party) start from them.

Must never fetch anything from the network, and never guess: a name it does not
know gives None.
"""

import csv
import functools
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
