from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    """A stand-in for a future app: it plugs in through the core's hooks alone."""

    name = "tests.plugin_app"
    label = "plugin_app"
