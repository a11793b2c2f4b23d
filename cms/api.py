"""The JSON API (django-ninja): apps add routers through ``register_api_router``."""

from ninja import NinjaAPI

from cms.hooks import api_routers


def build_api():
    api = NinjaAPI(
        title="Peer Support Hub API",
        version="1",
        description="Find peer support training, projects, events and resources in England and Wales.",
        urls_namespace="api-v1",
    )
    for prefix, router in api_routers:
        api.add_router(prefix, router)
    return api
