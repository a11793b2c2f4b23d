"""The finder's routes on ``CourseIndexPage``: results (list or map), GeoJSON, coverage."""

from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect

from cms.exports import csv_response

from .coverage import coverage_table
from .finder import CourseFinder
from .forms import CourseFinderForm
from .geo import sessions_feature_collection

PAGE_SIZE = 10
MAP_MAX_FEATURES = 2000


def map_settings():
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def _page_number(request):
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def finder_view(index, request):
    form = CourseFinderForm(request.GET or None)
    context = {
        "form": form,
        "view_mode": "map" if request.GET.get("view") == "map" else "list",
        **map_settings(),
    }
    if form.is_bound and not form.is_valid():
        context.update(results_page=None, place_choices=form.place_choices)
        return index.render(request, context_overrides=context)
    if form.is_bound:
        reduced = form.reduced_query()
        if reduced is not None:
            return redirect(f"{index.get_url(request)}?{reduced.urlencode()}")
    else:
        form = CourseFinderForm({})
        form.is_valid()
        context["form"] = CourseFinderForm()
    finder = CourseFinder(index, form)
    results = finder.results()
    paginator = Paginator(results, PAGE_SIZE)
    results_page = paginator.get_page(_page_number(request))
    results_page.object_list = finder.attach_pages(list(results_page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("view", None)
    context.update(
        results_page=results_page,
        total=paginator.count,
        place=form.place,
        query_string=query.urlencode(),
    )
    return index.render(request, context_overrides=context)


def finder_geojson(index, request):
    """The same results as the list, as GeoJSON points (district centres unless public)."""
    form = CourseFinderForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    finder = CourseFinder(index, form)
    results = finder.attach_pages(finder.results())
    collection = sessions_feature_collection((result.page, result.sessions) for result in results)
    collection["features"] = collection["features"][:MAP_MAX_FEATURES]
    return JsonResponse(collection, content_type="application/geo+json")


def coverage_view(index, request):
    context = {"coverage": coverage_table(index), "today": date.today(), **map_settings()}
    return index.render(request, context_overrides=context, template="courses/course_coverage.html")


def coverage_csv(index, request):
    table = coverage_table(index)
    today = date.today().isoformat()
    header = [
        "Region",
        "Local authority",
        "Accredited",
        "CPD-certified or endorsed",
        "Not accredited",
        "Upcoming sessions",
    ]
    rows = [(row.region, row.local_authority, *row.counts, row.sessions) for row in table.rows]
    return csv_response(
        f"course-coverage-{today}.csv",
        f"Courses with upcoming sessions, as of {today}",
        header,
        rows,
    )
