"""Search plugs into the core through hooks alone: a source, the API and /search/."""

from django.urls import path

from wagtail import hooks
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


@hooks.register(cms_hooks.REGISTER_PUBLIC_URLS)
def register_public_urls():
    from .views import search_page

    return [path("search/", search_page, name="search")]
