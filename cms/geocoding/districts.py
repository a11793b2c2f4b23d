"""The bundled postcode-district table: centroid, region and local authority per outcode."""

import csv
from dataclasses import dataclass
from functools import cache
from math import cos, radians, sin
from pathlib import Path

DEFAULT_DISTRICTS_CSV = (
    Path(__file__).resolve().parent.parent / "data" / "uk-postcode-districts.csv"
)


@dataclass(frozen=True)
class District:
    """One row of ``cms/data/uk-postcode-districts.csv``; see its README."""

    outcode: str
    latitude: float
    longitude: float
    region: str
    country: str
    lad_code: str
    lad_name: str
    lad_share: float

    @property
    def region_name(self):
        """The ONS region in England; the country elsewhere (the data has no Welsh regions)."""
        return self.region or self.country


def _unit_vector(latitude, longitude):
    phi, lam = radians(latitude), radians(longitude)
    return cos(phi) * cos(lam), cos(phi) * sin(lam), sin(phi)


class DistrictTable:
    """Districts by outcode, with a nearest-centroid search within one country.

    The nearest search compares precomputed unit vectors: the largest dot
    product is the smallest great-circle distance, so no trigonometry is
    needed per candidate. A linear scan of ~2,200 English centroids takes
    well under a millisecond, which is plenty for a handful of towns a query.
    """

    def __init__(self, districts):
        self.by_outcode = {district.outcode: district for district in districts}
        self._vectors_by_country = {}
        for district in districts:
            vector = _unit_vector(district.latitude, district.longitude)
            self._vectors_by_country.setdefault(district.country, []).append((vector, district))

    def __len__(self):
        return len(self.by_outcode)

    def get(self, outcode):
        return self.by_outcode.get(outcode)

    def nearest(self, latitude, longitude, country):
        """The district in ``country`` whose centroid is closest, or ``None``."""
        x, y, z = _unit_vector(latitude, longitude)
        candidates = self._vectors_by_country.get(country)
        if not candidates:
            return None
        _vector, district = max(
            candidates, key=lambda item: item[0][0] * x + item[0][1] * y + item[0][2] * z
        )
        return district


def read_districts(path):
    """Parse the CSV (some authority names are quoted and contain commas)."""
    with open(path, newline="", encoding="utf-8") as csv_file:
        return [
            District(
                outcode=row["outcode"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                region=row["region"],
                country=row["country"],
                lad_code=row["lad_code"],
                lad_name=row["lad_name"],
                lad_share=float(row["lad_share"]),
            )
            for row in csv.DictReader(csv_file)
        ]


@cache
def load_district_table(path=DEFAULT_DISTRICTS_CSV):
    """The table for ``path``, read once per process on first use."""
    return DistrictTable(read_districts(path))
