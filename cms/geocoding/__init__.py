"""The geocoding service: postcodes, districts and towns to a point and an area.

Call ``geocode(query)``. It asks the geocoders named in the
``PEER_SUPPORT_GEOCODERS`` setting in order, then any registered with the
``register_geocoder`` hook. See docs/geocoding.md.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from cms.hooks import extra_geocoders

from .base import (
    AmbiguousPlace,
    GeocodeError,
    Geocoder,
    GeocodeResult,
    GeocoderUnavailable,
    MalformedQuery,
    OutsideCoverage,
    PlaceNotFound,
)
from .distance import haversine_km, haversine_miles

__all__ = [
    "AmbiguousPlace",
    "GeocodeError",
    "GeocodeResult",
    "Geocoder",
    "GeocoderUnavailable",
    "MalformedQuery",
    "OutsideCoverage",
    "PlaceNotFound",
    "clear_geocoder_cache",
    "geocode",
    "get_geocoders",
    "haversine_km",
    "haversine_miles",
]

DEFAULT_GEOCODERS = [{"class": "cms.geocoding.offline.OfflineGeocoder"}]


def _build(spec):
    options = dict(spec)
    geocoder_class = import_string(options.pop("class"))
    return geocoder_class(**options)


@cache
def _configured_geocoders():
    specs = getattr(settings, "PEER_SUPPORT_GEOCODERS", DEFAULT_GEOCODERS)
    return tuple(_build(spec) for spec in specs)


def get_geocoders():
    """The chain: instances built from settings (cached), then hook-registered ones."""
    return [*_configured_geocoders(), *extra_geocoders]


def geocode(query):
    """The first geocoder's answer for ``query``.

    ``PlaceNotFound`` and ``GeocoderUnavailable`` pass the query on to the next
    geocoder; any other ``GeocodeError`` is raised at once. If none answers, the
    last ``PlaceNotFound`` is raised, or failing that the last
    ``GeocoderUnavailable``: "not found" is the more useful thing to tell a user.
    """
    not_found = unavailable = None
    for geocoder in get_geocoders():
        try:
            return geocoder.geocode(query)
        except PlaceNotFound as error:
            not_found = error
        except GeocoderUnavailable as error:
            unavailable = error
    raise not_found or unavailable or GeocoderUnavailable()


def clear_geocoder_cache():
    """Forget the geocoders built from settings (after changing the setting in tests)."""
    _configured_geocoders.cache_clear()
