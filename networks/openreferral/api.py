"""The Open Referral UK API: keyless, read-only and open to every origin.

Mounted at ``/api/v1/openreferral/`` through ``register_api_router``. Lists are
paginated the HSDS way (``total_items``, ``total_pages``, ``page_number``,
``size``, ``first_page``, ``last_page``, ``empty``, ``contents``).
"""

import math
from datetime import UTC, datetime
from functools import wraps
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from cms.geocoding import GeocodeError, GeocoderUnavailable, geocode
from cms.safety import NO_NUL

from . import mapping, queries
from .taxonomy import TAXONOMIES, all_terms

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_TEXT_LENGTH = 200
# About 200 miles, the search API's widest radius.
MAX_PROXIMITY_METRES = 320_000


def open_to_every_origin(run):
    """Let any website's scripts read these responses (they hold only public data)."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


router = Router(tags=["open referral"])
# "view" mode wraps error responses (404, 422) too.
router.add_decorator(open_to_every_origin, mode="view")


class PageOut(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]] = Field(
        description="Why the request was refused: a sentence, or one entry per invalid parameter."
    )
    choices: list[str] = Field(default_factory=list, description="For an ambiguous place.")


def _aware(moment):
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise HttpError(422, "modified_after is out of range.") from error


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)


class ServiceParams(PageParams):
    search: str = Field(
        "", max_length=MAX_TEXT_LENGTH, pattern=NO_NUL, description="Words to find."
    )
    text: str = Field("", max_length=MAX_TEXT_LENGTH, pattern=NO_NUL, description="As search.")
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    modified_after: datetime | None = Field(None, description="Published on or after this time.")

    def filters(self):
        return queries.ServiceFilters(
            text=" ".join([self.search, self.text]).strip(),
            taxonomy_term_id=str(self.taxonomy_term_id or ""),
            taxonomy_id=str(self.taxonomy_id or ""),
            modified_after=_aware(self.modified_after),
        )


class ServiceAtLocationParams(ServiceParams):
    postcode: str = Field(
        "", max_length=100, description="A postcode, district or town: results nearest first."
    )
    proximity: float | None = Field(
        None, gt=0, le=MAX_PROXIMITY_METRES, description="Metres from the postcode's centre."
    )


def _page(params, total, contents):
    total_pages = math.ceil(total / params.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def _window(params):
    start = (params.page - 1) * params.per_page
    return slice(start, start + params.per_page)


def _filtered_projects(params):
    try:
        return queries.filtered(queries.published_projects(), params.filters())
    except queries.UnknownFilter as error:
        raise HttpError(422, str(error)) from error


@router.get("/", response=dict[str, Any], url_name="openreferral_about", summary="About this API")
def about(request: HttpRequest):
    """The HSDS version and profile, and where the OpenAPI description is."""

    def absolute(name):
        return request.build_absolute_uri(reverse(f"api-v1:{name}"))

    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": absolute("openapi-json"),
        "x-links": {
            name: absolute(f"openreferral_{name}")
            for name in ("services", "service_at_locations", "taxonomies", "taxonomy_terms")
        },
    }


@router.get(
    "/services",
    response={200: PageOut, 422: ErrorOut},
    url_name="openreferral_services",
    summary="Services (projects in the directory)",
)
def services(request: HttpRequest, params: Query[ServiceParams]):
    """Live, public projects with their organisation, one-to-one fields only."""
    projects = _filtered_projects(params)
    total = projects.count()
    page = queries.with_service_fields(projects)[_window(params)]
    return _page(params, total, [mapping.service_summary(p, request) for p in page])


@router.get(
    "/services/{service_id}",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    url_name="openreferral_service",
    summary="One service, fully nested, with its upcoming events",
)
def service(request: HttpRequest, service_id: UUID):
    """A project with its location, schedule, taxonomy terms and ``x-events``."""
    projects = queries.with_nested_fields(queries.published_projects())
    project = queries.project_by_id(projects, str(service_id))
    if project is None:
        raise HttpError(404, f"No service has id {service_id}.")
    return mapping.service_detail(project, request, queries.upcoming_events(project))


@router.get(
    "/service_at_locations",
    response={200: PageOut, 400: ErrorOut, 422: ErrorOut, 503: ErrorOut},
    url_name="openreferral_service_at_locations",
    summary="Services at their public locations, nearest first near a place",
)
def service_at_locations(request: HttpRequest, params: Query[ServiceAtLocationParams]):
    """Mappable projects at their public point; ``postcode`` sorts by distance.

    ``proximity`` (metres) keeps those within that distance of the centre of
    ``postcode``. Projects that are never mapped are not listed.
    """
    if params.proximity is not None and not params.postcode.strip():
        raise HttpError(422, "proximity needs postcode: a postcode, district or town.")
    projects = _filtered_projects(params)
    distances = {}
    if params.postcode.strip():
        try:
            place = geocode(params.postcode)
        except GeocoderUnavailable as error:
            return Status(503, {"detail": error.message})
        except GeocodeError as error:
            choices = [choice.label for choice in getattr(error, "choices", ())]
            return Status(400, {"detail": error.message, "choices": choices})
        distances = dict(
            queries.nearest(projects, place.latitude, place.longitude, params.proximity)
        )
        ordered = list(distances)
    else:
        ordered = queries.mappable(projects)
    window = ordered[_window(params)]
    by_pk = queries.by_pk(window)
    contents = [
        mapping.service_at_location(by_pk[pk], request, distances.get(pk))
        for pk in window
        if pk in by_pk
    ]
    return _page(params, len(ordered), contents)


@router.get(
    "/taxonomies",
    response={200: PageOut, 422: ErrorOut},
    url_name="openreferral_taxonomies",
    summary="Our taxonomies",
)
def taxonomies(request: HttpRequest, params: Query[PageParams]):
    """Topics, communities served and kinds of peer support."""
    contents = [mapping.taxonomy(entry) for entry in TAXONOMIES]
    return _page(params, len(contents), contents[_window(params)])


@router.get(
    "/taxonomy_terms",
    response={200: PageOut, 422: ErrorOut},
    url_name="openreferral_taxonomy_terms",
    summary="The terms of our taxonomies",
)
def taxonomy_terms(request: HttpRequest, params: Query[PageParams]):
    """Every topic, community and kind of peer support, as taxonomy terms."""
    contents = [mapping.taxonomy_term(term) for term in all_terms()]
    return _page(params, len(contents), contents[_window(params)])


@router.get(
    "/taxonomies/{taxonomy_id}",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    url_name="openreferral_taxonomy",
    summary="One taxonomy",
)
def taxonomy(request: HttpRequest, taxonomy_id: UUID):
    """One of our taxonomies, by id."""
    found = next((entry for entry in TAXONOMIES if entry.id == str(taxonomy_id)), None)
    if found is None:
        raise HttpError(404, f"No taxonomy has id {taxonomy_id}.")
    return mapping.taxonomy(found)


@router.get(
    "/taxonomy_terms/{term_id}",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    url_name="openreferral_taxonomy_term",
    summary="One taxonomy term",
)
def taxonomy_term(request: HttpRequest, term_id: UUID):
    """A topic, community or kind of peer support, by id."""
    found = next((term for term in all_terms() if term.id == str(term_id)), None)
    if found is None:
        raise HttpError(404, f"No taxonomy term has id {term_id}.")
    return mapping.taxonomy_term(found)
