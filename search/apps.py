from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The catalogue index, its backends and the finder API."""

    name = "search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
