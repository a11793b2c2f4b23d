"""An app added to INSTALLED_APPS plugs in through the core's hooks, nothing else."""

from pathlib import Path

from django.core.management import call_command

from wagtail import hooks

import pytest

from cms import hooks as cms_hooks
from cms.models import StandardPage
from cms.plugins import CatalogueSource

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def test_public_urls_from_a_plugin_are_served(client):
    response = client.get("/plugin-hello/")
    assert response.status_code == 200
    assert response.content == b"Hello from a plugin"


def test_api_router_from_a_plugin_is_mounted(client):
    response = client.get("/api/v1/plugin/ping")
    assert response.json() == {"pong": True}
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plugin/ping" in schema["paths"]


def test_catalogue_source_from_a_plugin_is_registered():
    cms_hooks.reset_registries()
    source = cms_hooks.catalogue_sources.get("note")
    assert isinstance(source, CatalogueSource)
    assert source.label == "Notes"


def test_demo_content_from_a_plugin_is_loaded(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert StandardPage.objects.filter(slug="plugin-note").exists()


def test_a_temporarily_registered_source_is_seen_and_forgotten():
    class Extra(CatalogueSource):
        kind = "extra"

    with hooks.register_temporarily(cms_hooks.REGISTER_CATALOGUE_SOURCE, Extra):
        cms_hooks.reset_registries()
        assert "extra" in cms_hooks.catalogue_sources
    cms_hooks.reset_registries()
    assert "extra" not in cms_hooks.catalogue_sources


def test_two_sources_with_one_kind_are_refused():
    class Duplicate(CatalogueSource):
        kind = "note"

    with hooks.register_temporarily(cms_hooks.REGISTER_CATALOGUE_SOURCE, Duplicate):
        cms_hooks.reset_registries()
        with pytest.raises(ValueError, match="share the key 'note'"):
            cms_hooks.catalogue_sources.keys()
    cms_hooks.reset_registries()


def test_every_hook_is_documented():
    text = DOCS.read_text()
    for name in cms_hooks.ALL_HOOKS:
        assert f"`{name}`" in text, f"{name} is missing from docs/plugins.md"
