"""The default geocoder: bundled postcode districts and GeoNames towns, no network."""

from .base import COVERED_COUNTRIES, Geocoder, GeocodeResult, OutsideCoverage, PlaceNotFound
from .districts import DEFAULT_DISTRICTS_CSV, load_district_table
from .places import load_place_index
from .query import check_postcode_area, parse_query
from .towns import TownResolver


class OfflineGeocoder(Geocoder):
    """Looks up postcodes, postcode districts and towns in data shipped with the site.

    A full postcode is reduced to its district (the data is district-level), so
    its point is the district centroid. Both data sets are loaded once per
    process, on first use. ``same_place_km`` is how far apart two towns of the
    same name must be to count as different places.
    """

    name = "offline"

    def __init__(self, districts_csv=DEFAULT_DISTRICTS_CSV, same_place_km=15.0):
        self.districts_csv = districts_csv
        self.same_place_km = same_place_km

    @property
    def districts(self):
        return load_district_table(self.districts_csv)

    def geocode(self, query):
        parsed = parse_query(query)
        if parsed.kind == "place":
            resolver = TownResolver(load_place_index(), self.districts, self.same_place_km)
            return resolver.resolve(parsed.text)
        return self._geocode_district(parsed)

    def _geocode_district(self, parsed):
        check_postcode_area(parsed)
        district = self.districts.get(parsed.outcode)
        if district is None:
            raise PlaceNotFound.postcode(parsed.text)
        if district.country not in COVERED_COUNTRIES:
            raise OutsideCoverage(parsed.text, district.country)
        return district_result(district)


def district_result(district):
    """The result for a district's centroid; its own outcode stands in for the query."""
    return GeocodeResult(
        query=district.outcode,
        label=district.outcode,
        latitude=district.latitude,
        longitude=district.longitude,
        kind="district",
        district=district.outcode,
        region_name=district.region_name,
        country=district.country,
        lad_code=district.lad_code,
        lad_name=district.lad_name,
    )
