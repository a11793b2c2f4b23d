"""What the Open Referral API may publish, and its filters.

Only live pages without view restrictions are ever selected. Filters are plain
database lookups; distance is measured in Python with the core's haversine over
each project's public point, so a private point is never compared either.
"""

from dataclasses import dataclass

from django.db.models import Q

from cms.geocoding import haversine_km

from ..location import public_location
from ..models import EventPage, ProjectPage, upcoming
from .ids import stable_id
from .taxonomy import COMMUNITIES, PROJECT_TYPES, TOPICS, all_terms

# What public_location and is_mappable read: enough to place a project, no more.
LOCATION_FIELDS = (
    "id",
    "venue_visibility",
    "venue_name",
    "latitude",
    "longitude",
    "district",
    "area_name",
    "district_latitude",
    "district_longitude",
    "setting",
    "how_to_join",
    "last_checked",
)
TEXT_FIELDS = ("title", "summary", "who_for", "organisation__name")


class UnknownFilter(ValueError):
    """A filter value that names nothing we publish; ``str()`` is the message."""


@dataclass(frozen=True)
class ServiceFilters:
    """The HSDS filters this API supports, already validated for type and range."""

    text: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    modified_after: object = None


def published_projects():
    """Live, public projects, in a stable order."""
    return ProjectPage.objects.live().public().order_by("title", "pk")


def with_service_fields(projects):
    return projects.select_related("organisation", "region")


def with_nested_fields(projects):
    return with_service_fields(projects).prefetch_related("topics", "communities")


def by_pk(pks):
    """Projects already selected as publishable, by primary key, with service fields."""
    return with_service_fields(ProjectPage.objects.filter(pk__in=pks)).in_bulk()


def _text_q(text):
    query = Q()
    for word in text.split():
        any_field = Q()
        for field in TEXT_FIELDS:
            any_field |= Q(**{f"{field}__icontains": word})
        query &= any_field
    return query


def _term_q(term):
    if term.taxonomy is TOPICS:
        return Q(topics__pk=term.key)
    if term.taxonomy is COMMUNITIES:
        return Q(communities__pk=term.key)
    return Q(project_type=term.key)


def _taxonomy_q(taxonomy_id):
    if taxonomy_id == TOPICS.id:
        return Q(topics__isnull=False)
    if taxonomy_id == COMMUNITIES.id:
        return Q(communities__isnull=False)
    if taxonomy_id == PROJECT_TYPES.id:
        return Q()
    raise UnknownFilter(f"No taxonomy has id {taxonomy_id}: see /taxonomies.")


def filtered(projects, filters):
    """``projects`` narrowed by ``filters``; raises ``UnknownFilter`` for unknown ids."""
    if filters.text:
        projects = projects.filter(_text_q(filters.text))
    if filters.modified_after:
        projects = projects.filter(last_published_at__gte=filters.modified_after)
    if filters.taxonomy_id:
        projects = projects.filter(_taxonomy_q(filters.taxonomy_id))
    if filters.taxonomy_term_id:
        term = next((t for t in all_terms() if t.id == filters.taxonomy_term_id), None)
        if term is None:
            raise UnknownFilter(
                f"No taxonomy term has id {filters.taxonomy_term_id}: see /taxonomy_terms."
            )
        projects = projects.filter(_term_q(term))
    if filters.taxonomy_id or filters.taxonomy_term_id:
        # Joins through many-to-many relations repeat a project once per match.
        projects = projects.distinct()
    return projects


def project_by_id(projects, service_uuid):
    """The project whose stable id is ``service_uuid``, or ``None``."""
    for pk in projects.values_list("pk", flat=True):
        if stable_id("project", pk) == service_uuid:
            return projects.get(pk=pk)
    return None


def upcoming_events(project):
    """The project's live, public events with a date to come, soonest first."""
    return list(upcoming(EventPage.objects.live().public().filter(project=project)))


def nearest(projects, latitude, longitude, within_metres=None):
    """``(project pk, metres)`` for each mappable project, nearest first.

    ``projects`` may be filtered; only its location fields are read here.
    """
    found = []
    for project in projects.only(*LOCATION_FIELDS):
        point = public_location(project)
        if point is None:
            continue
        metres = 1000 * haversine_km(latitude, longitude, point.latitude, point.longitude)
        if within_metres is None or metres <= within_metres:
            found.append((project.pk, metres))
    found.sort(key=lambda pair: pair[1])
    return found


def mappable(projects):
    """Pks of the mappable projects, in ``projects``' order."""
    return [
        project.pk
        for project in projects.only(*LOCATION_FIELDS)
        if public_location(project) is not None
    ]
