"""The editors' report of what people search for, and what they don't find."""

import datetime

from django.db.models import Count, Max, Q
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from .models import SearchQueryLog


class SearchTermsFilterSet(WagtailFilterSet):
    zero_results_only = django_filters.BooleanFilter(
        label="Only terms that found nothing", method="filter_zero_results"
    )

    class Meta:
        model = SearchQueryLog
        fields = []

    def filter_zero_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


def _value(key):
    return lambda row: row[key]


class SearchTermsReportView(ReportView):
    """Popular and zero-result search terms over the last 90 days (terms only)."""

    page_title = "Search terms"
    header_icon = "search"
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    permission_policy = ModelPermissionPolicy(SearchQueryLog)
    any_permission_required = ["view"]
    filterset_class = SearchTermsFilterSet
    list_export = ["term", "searches", "zero_results", "last_searched"]
    export_headings = {
        "term": "Term",
        "searches": "Searches",
        "zero_results": "Searches with no results",
        "last_searched": "Last searched",
    }

    @cached_property
    def columns(self):
        return [
            Column("term", label="Term", accessor=_value("term")),
            Column("searches", label="Searches", accessor=_value("searches")),
            Column(
                "zero_results", label="Searches with no results", accessor=_value("zero_results")
            ),
            Column("last_searched", label="Last searched", accessor=_value("last_searched")),
        ]

    def get_filename(self):
        return f"search-terms-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            SearchQueryLog.objects.values("term")
            .annotate(
                searches=Count("pk"),
                zero_results=Count("pk", filter=Q(result_count=0)),
                last_searched=Max("searched_on"),
            )
            .order_by("-searches", "term")
        )
