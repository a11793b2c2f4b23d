"""Resolving a place name to one town, or to a choice between namesakes."""

from collections import Counter
from dataclasses import dataclass

from .base import COVERED_COUNTRIES, AmbiguousPlace, GeocodeResult, OutsideCoverage, PlaceNotFound
from .distance import haversine_km
from .districts import District
from .places import Place, normalise_name

# A namesake this much smaller than the largest is not offered as a choice:
# "Preston" means the city, not the hamlets. It can still be reached with a
# qualifier ("Newport, Uttlesford") or a postcode.
MINOR_NAMESAKE_SHARE = 0.05


@dataclass(frozen=True)
class Namesake:
    """One place sharing the queried name, with its nearest district and its label."""

    place: Place
    district: District
    label: str

    @property
    def terms(self):
        """Normalised words a qualifier may use to pick this place ("Newport, Wales")."""
        district = self.district
        words = {
            self.label.rsplit(",", 1)[-1],
            district.lad_name,
            district.region_name,
            district.country,
            district.outcode,
        }
        return {normalise_name(word) for word in words}


class TownResolver:
    """Finds towns by name in a ``PlaceIndex`` and places them in a ``DistrictTable``.

    Entries with the same name less than ``same_place_km`` apart are one place
    (GeoNames sometimes lists a town and its centre separately); further apart
    they are different places, and the user must choose.
    """

    def __init__(self, place_index, district_table, same_place_km=15.0):
        self.place_index = place_index
        self.district_table = district_table
        self.same_place_km = same_place_km

    def resolve(self, text):
        name, qualifier = _split_qualifier(text)
        namesakes = self._covered_namesakes(text, name)
        if qualifier:
            chosen = _match_qualifier(text, qualifier, namesakes)
            if len(chosen) == 1:
                return _result(chosen[0].label, chosen[0])
            namesakes = chosen or namesakes
        majors = _major(namesakes)
        if len(majors) == 1:
            return _result(text, majors[0], label=majors[0].place.name)
        raise AmbiguousPlace(name, [_result(choice.label, choice) for choice in majors])

    def _covered_namesakes(self, text, name):
        places = self._distinct_places(self.place_index.lookup(name))
        if not places:
            raise PlaceNotFound.place(text)
        covered = [place for place in places if place.country in COVERED_COUNTRIES]
        if not covered:
            raise OutsideCoverage(text, places[0].country)
        located = [
            (place, self.district_table.nearest(place.latitude, place.longitude, place.country))
            for place in covered
        ]
        return [
            Namesake(place, district, label)
            for (place, district), label in zip(located, _labels(located), strict=True)
        ]

    def _distinct_places(self, places):
        """Largest first, dropping entries within ``same_place_km`` of a larger one."""
        distinct = []
        for place in sorted(places, key=lambda place: -place.population):
            if all(self._km_apart(place, kept) > self.same_place_km for kept in distinct):
                distinct.append(place)
        return distinct

    @staticmethod
    def _km_apart(one, other):
        return haversine_km(one.latitude, one.longitude, other.latitude, other.longitude)


def _split_qualifier(text):
    """Split "Newport, Isle of Wight" into ("Newport", "Isle of Wight")."""
    name, _comma, qualifier = text.partition(",")
    return name.strip(), qualifier.strip()


def _match_qualifier(text, qualifier, namesakes):
    """Namesakes whose label is ``text``, else those the qualifier describes."""
    by_label = [each for each in namesakes if normalise_name(each.label) == normalise_name(text)]
    if by_label:
        return by_label
    key = normalise_name(qualifier)
    return [each for each in namesakes if key in each.terms]


def _major(namesakes):
    largest = max(each.place.population for each in namesakes)
    return [each for each in namesakes if each.place.population >= largest * MINOR_NAMESAKE_SHARE]


def _labels(located):
    """A "Name, qualifier" label for each (place, district), unique where possible.

    The broad qualifier ("London", "Wales", else the authority) reads best;
    clashes fall back to the authority, then add the district.
    """
    qualifiers = [_broad_qualifier(place, district) for place, district in located]
    clashing = _clashes(qualifiers)
    qualifiers = [
        _narrow_qualifier(place, district) if qualifier in clashing else qualifier
        for (place, district), qualifier in zip(located, qualifiers, strict=True)
    ]
    clashing = _clashes(qualifiers)
    qualifiers = [
        f"{qualifier} ({district.outcode})" if qualifier in clashing else qualifier
        for (_place, district), qualifier in zip(located, qualifiers, strict=True)
    ]
    return [
        f"{place.name}, {qualifier}"
        for (place, _district), qualifier in zip(located, qualifiers, strict=True)
    ]


def _clashes(qualifiers):
    return {qualifier for qualifier, count in Counter(qualifiers).items() if count > 1}


def _broad_qualifier(place, district):
    if district.region == "London":
        return "London"
    if district.country == "Wales":
        return "Wales"
    return _narrow_qualifier(place, district)


def _narrow_qualifier(place, district):
    # "Newport, Newport" says nothing: name the wider area instead.
    if normalise_name(district.lad_name) == normalise_name(place.name):
        return district.region_name
    return district.lad_name


def _result(query, namesake, label=None):
    place, district = namesake.place, namesake.district
    return GeocodeResult(
        query=query,
        label=label or namesake.label,
        latitude=place.latitude,
        longitude=place.longitude,
        kind="town",
        district="",
        region_name=district.region_name,
        country=place.country,
        lad_code=district.lad_code,
        lad_name=district.lad_name,
    )
