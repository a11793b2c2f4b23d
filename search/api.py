"""The finder API: ``GET /api/v1/search`` and ``GET /api/v1/search/suggest``."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from cms.geocoding import GeocodeError, GeocoderUnavailable
from cms.hooks import catalogue_sources
from cms.models import Region, Topic
from cms.safety import NO_NUL

from .backends.base import SearchQuery, get_backend
from .finder import (
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RADIUS,
    MAX_RESULT_WINDOW,
    MIN_RADIUS,
    resolve_place,
)
from .models import CatalogueEntryTopic, topic_slug

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    title: str
    url: str
    summary: str
    topics: list[str]
    region: str
    distance_miles: float | None = Field(None, description="To the nearest location, rounded.")
    next_date: datetime | None
    delivery: str
    accreditation: str
    highlight: str = Field(description="HTML: escaped text with <mark> around matches.")


class FacetOut(Schema):
    value: str
    count: int


class NearOut(Schema):
    label: str
    latitude: float
    longitude: float
    radius_miles: float | None


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    page_count: int
    backend: str
    degraded: bool
    notice: str
    near: NearOut | None
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


class ErrorOut(Schema):
    detail: str
    choices: list[str] = Field(default_factory=list, description="For an ambiguous place.")


class InvalidOut(Schema):
    detail: str | list[dict] = Field(
        description="Why the request was refused: a sentence, or one entry per invalid parameter."
    )


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, pattern=NO_NUL)
    kind: list[str] = Field(default_factory=list)
    topic: list[str] = Field(default_factory=list)
    region: list[str] = Field(default_factory=list)
    near: str = Field(
        "", max_length=100, pattern=NO_NUL, description="A postcode, district or town."
    )
    radius: float | None = Field(None, ge=MIN_RADIUS, le=MAX_RADIUS, description="Miles.")
    accredited: bool | None = None
    delivery: Literal["in_person", "online", "blended"] | None = None
    starts_after: date | None = None
    starts_before: date | None = None
    sort: Literal["relevance", "distance", "date"] = "relevance"
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _check(params):
    if any("\x00" in value for value in (*params.kind, *params.topic, *params.region)):
        raise HttpError(422, "kind, topic and region cannot contain NUL characters.")
    unknown = sorted(set(params.kind) - set(catalogue_sources.keys()))
    if unknown:
        known = ", ".join(sorted(catalogue_sources.keys()))
        raise HttpError(422, f"Unknown kind {unknown[0]!r}: choose from {known}.")
    if params.page * params.page_size > MAX_RESULT_WINDOW:
        raise HttpError(
            422, f"page × page_size must be at most {MAX_RESULT_WINDOW}: narrow the search instead."
        )
    if params.starts_after and params.starts_before and params.starts_after > params.starts_before:
        raise HttpError(422, "starts_after must be on or before starts_before.")
    if params.radius is not None and not params.near.strip():
        raise HttpError(422, "radius needs near: a postcode, district or town.")
    if params.sort == "distance" and not params.near.strip():
        raise HttpError(422, "sort=distance needs near: a postcode, district or town.")
    _check_names("topic", params.topic, known_topic_slugs)
    _check_names("region", params.region, known_region_slugs)


def known_topic_slugs(slugs):
    """The slugs among ``slugs`` that are a topic: an editor's, or one a listing carries."""
    listed = CatalogueEntryTopic.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    return {*Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True), *listed}


def known_region_slugs(slugs):
    return set(Region.objects.filter(slug__in=slugs).values_list("slug", flat=True))


def _check_names(parameter, names, known_slugs):
    """A misspelt topic or region is a 422 naming it, not a silently empty result."""
    if not names:
        return
    slugs = {topic_slug(name): name for name in names}
    known = known_slugs(slugs)
    unknown = [name for slug, name in slugs.items() if slug not in known]
    if unknown:
        raise HttpError(422, f"Unknown {parameter} {unknown[0]!r}: use a {parameter} name or slug.")


@router.get(
    "",
    response={200: SearchOut, 400: ErrorOut, 422: InvalidOut, 503: ErrorOut},
    url_name="search",
    summary="Search the catalogue",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    """Courses, events, projects, resources and guidance, with facet counts.

    Each facet's counts respect the other active filters. ``near`` is geocoded
    by the site's geocoder; an unknown place is a 400 naming it.
    """
    _check(params)
    place = None
    if params.near.strip():
        try:
            place = resolve_place(params.near)
        except GeocoderUnavailable as error:
            return Status(503, {"detail": error.message})
        except GeocodeError as error:
            choices = [choice.label for choice in getattr(error, "choices", ())]
            return Status(400, {"detail": error.message, "choices": choices})
    query = SearchQuery(
        q=params.q.strip(),
        kinds=tuple(params.kind),
        topics=tuple(params.topic),
        regions=tuple(params.region),
        near=place.point if place else None,
        radius_miles=params.radius,
        accredited=params.accredited,
        delivery=(params.delivery,) if params.delivery else (),
        starts_after=params.starts_after,
        starts_before=params.starts_before,
        sort=params.sort,
        page=params.page,
        page_size=params.page_size,
    )
    results = get_backend().search(query)
    return {
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "page_count": results.page_count,
        "backend": results.backend,
        "degraded": results.degraded,
        "notice": results.notice,
        "near": (
            {
                "label": place.label,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "radius_miles": params.radius,
            }
            if place
            else None
        ),
        "results": [
            {
                **hit.__dict__,
                "highlight": str(hit.highlight),
                "distance_miles": (
                    round(hit.distance_miles, 1) if hit.distance_miles is not None else None
                ),
            }
            for hit in results.hits
        ],
        "facets": {
            name: [{"value": value, "count": count} for value, count in counts]
            for name, counts in results.facets.items()
        },
    }


class SuggestOut(Schema):
    suggestions: list[str]


@router.get(
    "/suggest",
    response={200: SuggestOut, 422: InvalidOut},
    url_name="search_suggest",
    summary="Autocomplete",
)
def suggest(
    request: HttpRequest, q: str = Query(..., min_length=1, max_length=100, pattern=NO_NUL)
):
    """Titles and topics of published entries starting with what was typed."""
    return {"suggestions": get_backend().suggest(q)}
