"""GeoJSON for the networks' maps: only privacy-reduced points ever leave.

Every feature carries the map component's generic properties (see
``frontend/js/map.mjs``): ``title``, ``url``, ``place`` and ``lines`` (short
text lines for the popup). Project features keep ``type`` and
``open_to_new_members`` for other readers. Never an address: a project is at
its district centre unless its address is public (``networks.location``), and
inpatient, forensic, online, members-only and stale projects have no feature.
"""

from collections import Counter

from django.http import JsonResponse

from .location import public_location

# About 100 m: finer than a district centre needs, coarser than an address.
DECIMALS = 3


def point(latitude, longitude):
    # GeoJSON order is longitude, latitude.
    return {
        "type": "Point",
        "coordinates": [round(longitude, DECIMALS), round(latitude, DECIMALS)],
    }


def project_lines(project, place):
    lines = [project.get_project_type_display(), place, project.get_how_to_join_display()]
    if not project.open_to_new_members:
        lines.append("Not taking new members")
    return [line for line in lines if line]


def project_feature(project):
    """A project at its public point, or ``None`` when it is never mapped."""
    location = public_location(project)
    if location is None:
        return None
    return {
        "type": "Feature",
        "geometry": point(location.latitude, location.longitude),
        "properties": {
            "title": project.title,
            "url": project.get_url() or "",
            "place": location.label,
            "lines": project_lines(project, location.label),
            "type": project.get_project_type_display(),
            "open_to_new_members": project.open_to_new_members,
        },
    }


# The name this module's first callers used.
feature = project_feature


def project_counts(networks, projects):
    """How many of ``projects`` (a page queryset) sit under each network."""
    paths = {network.path: network.pk for network in networks}
    counts = Counter()
    if not paths:
        return counts
    depth_length = len(next(iter(paths)))
    for path in projects.values_list("path", flat=True):
        network_pk = paths.get(path[:depth_length])
        if network_pk is not None:
            counts[network_pk] += 1
    return counts


def network_feature(network, project_count=None):
    """A regional network at its region's centre; the national network is not mapped."""
    region = network.region
    if region is None:
        return None
    lines = [region.name]
    if project_count is not None:
        lines.append(f"{project_count} project{'' if project_count == 1 else 's'} in the directory")
    return {
        "type": "Feature",
        "geometry": point(region.latitude, region.longitude),
        "properties": {
            "title": network.title,
            "url": network.get_url() or "",
            "place": region.name,
            "lines": lines,
        },
    }


def feature_collection(features):
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}


def geojson_response(features):
    return JsonResponse(feature_collection(features), content_type="application/geo+json")


def projects_response(projects):
    return geojson_response(project_feature(project) for project in projects)


def networks_response(networks, projects):
    counts = project_counts(networks, projects)
    return geojson_response(network_feature(n, counts.get(n.pk, 0)) for n in networks)
