"""Great-circle distances between WGS84 points."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_MILE = 1.609344


def haversine_km(lat1, lon1, lat2, lon2):
    """Distance in kilometres between two points given in decimal degrees."""
    phi1, phi2 = radians(lat1), radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = radians(lon2 - lon1)
    a = sin(d_phi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def haversine_miles(lat1, lon1, lat2, lon2):
    """Distance in miles between two points given in decimal degrees."""
    return haversine_km(lat1, lon1, lat2, lon2) / KM_PER_MILE
