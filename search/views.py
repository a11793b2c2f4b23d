"""The site search page at /search/: a GET form that works without JavaScript."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from cms.geocoding import GeocodeError
from cms.hooks import catalogue_sources

from .backends.base import SearchQuery, get_backend
from .finder import (
    DEFAULT_RADIUS,
    MAX_RESULT_WINDOW,
    did_you_mean,
    log_query,
    promotions_for,
    resolve_place,
)
from .forms import RADIUS_CHOICES, SORT_CHOICES, SearchForm

PAGE_SIZE = 20


def _facet_options(counts, selected, labels=None):
    """Checkbox options: every value with a count, plus any ticked value with none."""
    labels = labels or {}
    options = [
        {
            "value": value,
            "label": labels.get(value, value),
            "count": count,
            "checked": value in selected,
        }
        for value, count in counts
    ]
    shown = {option["value"] for option in options}
    options += [
        {"value": value, "label": labels.get(value, value), "count": 0, "checked": True}
        for value in selected
        if value not in shown
    ]
    return options


def search_page(request):
    kinds = {source.kind: source.label or source.kind.title() for source in catalogue_sources}
    form = SearchForm(request.GET or None, kinds=kinds.items(), auto_id="search-%s")
    context = {
        "form": form,
        "results": None,
        "radius_choices": RADIUS_CHOICES,
        "sort_choices": SORT_CHOICES,
    }
    if not form.is_valid() or not form.has_search():
        return TemplateResponse(request, "search/search.html", context)
    data = form.cleaned_data
    place = None
    if data["near"]:
        try:
            place = resolve_place(data["near"])
        except GeocodeError as error:
            form.add_error("near", error.message)
            context["place_choices"] = [choice.label for choice in getattr(error, "choices", ())]
            return TemplateResponse(request, "search/search.html", context)
    max_page = MAX_RESULT_WINDOW // PAGE_SIZE
    query = SearchQuery(
        q=data["q"].strip(),
        kinds=tuple(data["kind"]),
        topics=tuple(data["topic"]),
        regions=tuple(data["region"]),
        near=place.point if place else None,
        radius_miles=(data["radius"] or DEFAULT_RADIUS) if place else None,
        sort=data["sort"] or "relevance",
        page=min(data["page"] or 1, max_page),
        page_size=PAGE_SIZE,
    )
    results = get_backend().search(query)
    for hit in results.hits:
        hit.kind_label = kinds.get(hit.kind, hit.kind)
    if query.q and query.page == 1:
        log_query(query.q, results.total)
    paginator = Paginator(range(min(results.total, MAX_RESULT_WINDOW)), PAGE_SIZE)
    context.update(
        results=results,
        place=place,
        page_obj=paginator.get_page(query.page),
        promotions=promotions_for(query.q) if query.page == 1 else [],
        suggestions=did_you_mean(query.q) if query.q and not results.total else [],
        facets=[
            ("kind", "Type", _facet_options(results.facets["kind"], query.kinds, kinds)),
            ("topic", "Topic", _facet_options(results.facets["topic"], query.topics)),
            ("region", "Region", _facet_options(results.facets["region"], query.regions)),
        ],
    )
    return TemplateResponse(request, "search/search.html", context)
