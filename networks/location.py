"""Placing projects and events: the geocoder fills the area, privacy reduces the output."""

from cms.geocoding import geocode
from cms.models import Region
from cms.plugins import CatalogueLocation

from .choices import VenueVisibility


def locate(obj, query):
    """Fill ``obj``'s district, area, district centre and region from ``query``.

    ``query`` is a postcode, district or town. Raises the geocoder's
    ``GeocodeError`` (its ``.message`` is written for the user). An exact point
    already entered (e.g. picked on the admin map) is kept.
    """
    result = geocode(query)
    obj.district = result.district or result.label
    obj.area_name = result.lad_name or result.label
    obj.district_latitude = result.latitude
    obj.district_longitude = result.longitude
    if obj.latitude is None or obj.longitude is None:
        obj.latitude, obj.longitude = result.latitude, result.longitude
    if result.region_name:
        obj.region = Region.objects.filter(name=result.region_name).first() or obj.region
    return result


def public_location(obj):
    """The point ``obj`` may be shown at publicly, or ``None``.

    A public address gives the venue's own point; anything else the district
    centre, never finer, labelled with the district.
    """
    if not obj.is_mappable:
        return None
    if obj.venue_visibility == VenueVisibility.PUBLIC and obj.latitude is not None:
        return CatalogueLocation(obj.latitude, obj.longitude, obj.venue_name or obj.area_label)
    if obj.district_latitude is None:
        return None
    return CatalogueLocation(obj.district_latitude, obj.district_longitude, obj.area_label)
