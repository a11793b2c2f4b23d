from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """Regional networks and the peer support project directory."""

    name = "networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
