from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """Regional networks and the peer support project directory."""

    name = "networks"
    label = "networks"
    verbose_name = "Networks"
