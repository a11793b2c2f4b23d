from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The catalogue index, its backends and the finder API."""

    name = "search"
    label = "search"
    verbose_name = "Search"
