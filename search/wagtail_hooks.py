"""Search plugs into the core through hooks alone: a source, the API and /search/."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from cms import hooks as cms_hooks

from .sources import GuidanceSource
from .viewsets import SynonymSetViewSet

register_snippet(SynonymSetViewSet)


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_catalogue_source():
    return GuidanceSource()


@hooks.register(cms_hooks.REGISTER_API_ROUTER)
def register_api_router():
    from .api import router

    return ("search", router)


@hooks.register(cms_hooks.REGISTER_DEMO_CONTENT)
def register_demo_content():
    from .demo import SearchDemo

    return SearchDemo()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_search_outbox_job():
    from .jobs import SearchOutboxJob

    return SearchOutboxJob()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_search_log_purge_job():
    from .jobs import SearchLogPurgeJob

    return SearchLogPurgeJob()


@hooks.register(cms_hooks.REGISTER_PUBLIC_URLS)
def register_public_urls():
    from .views import search_page

    return [path("search/", search_page, name="search")]


@hooks.register("register_admin_urls")
def register_admin_urls():
    from .admin_views import SearchTermsReportView

    view = SearchTermsReportView.as_view()
    results = SearchTermsReportView.as_view(results_only=True)
    return [
        path("reports/search-terms/", view, name="search_terms_report"),
        path("reports/search-terms/results/", results, name="search_terms_report_results"),
    ]


class SearchTermsMenuItem(MenuItem):
    """Shown to users who may view the search log (superusers, or granted editors)."""

    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        "Search terms", reverse("search_terms_report"), icon_name="search", order=900
    )
