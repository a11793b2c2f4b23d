from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The core: pages, shared taxonomies, geocoding, site settings and plugin hooks."""

    name = "cms"
    label = "cms"
    verbose_name = "Peer Support Hub"
    default_auto_field = "django.db.models.BigAutoField"
