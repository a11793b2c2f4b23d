"""GeoJSON for maps of the directory: only the privacy-reduced point ever leaves.

Properties are what a popup needs (title, url, type, area); never an address.
"""

from django.http import JsonResponse

from .location import public_location


def feature(project):
    location = public_location(project)
    if location is None:
        return None
    return {
        "type": "Feature",
        # GeoJSON order is longitude, latitude; rounded to about 100 m.
        "geometry": {
            "type": "Point",
            "coordinates": [round(location.longitude, 3), round(location.latitude, 3)],
        },
        "properties": {
            "title": project.title,
            "url": project.get_url() or "",
            "type": project.get_project_type_display(),
            "place": location.label,
            "open_to_new_members": project.open_to_new_members,
        },
    }


def geojson_response(projects):
    features = [f for f in (feature(project) for project in projects) if f is not None]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
    )
