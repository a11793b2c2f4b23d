"""Wagtail's admin page search on the engine (the opt-in), and never a 500 when it's down."""

import base64
import os
import uuid
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

import opensearchpy
import pytest

from search.admin_search import CIRCUIT_KEY, ElasticsearchAdminBackend, OpenSearchAdminBackend
from search.backends.clients import Connection, OpenSearchClient
from tests.conftest import require_service
from tests.factories.cms import GuidancePageFactory

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"
TITLE = "Quetzalcoatl listening circle"
DATABASE = {"BACKEND": "wagtail.search.backends.database"}


def opt_in(settings, url, *, with_database=True, backend="search.admin_search"):
    """The settings the opt-in adds (docs/search.md), with an index prefix of our own."""
    prefix = f"test-wagtail-{uuid.uuid4().hex[:8]}-"
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE": "opensearch",
        "ENGINE_URL": url,
        "TIMEOUT_SECONDS": 2,
    }
    default = {"BACKEND": backend, "INDEX_PREFIX": prefix}
    if backend == "search.admin_search":
        default["FALLBACK"] = "database"
    else:
        default.update(URLS=[url], TIMEOUT=2, OPTIONS={"max_retries": 0})
    settings.WAGTAILSEARCH_BACKENDS = {"default": default}
    if with_database:
        settings.WAGTAILSEARCH_BACKENDS["database"] = DATABASE
    return prefix


def drop_indices(url, prefix):
    client = OpenSearchClient(Connection(url=url))
    client.raw.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def admin_search(client, q):
    return client.get(reverse("wagtailadmin_pages:search"), {"q": q})


@pytest.fixture
def node_url():
    url = os.environ.get("OPENSEARCH_URL")
    require_service(url, "OpenSearch not running: make engine")
    return url


def test_the_admin_backend_is_wagtails_opensearch_backend_with_our_settings(settings):
    opt_in(settings, "https://reader:secret@search.example:9200")
    settings.PEER_SUPPORT_SEARCH["CA_CERTS"] = "/etc/ssl/certs/ca-certificates.crt"
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert isinstance(backend, OpenSearchAdminBackend)
    assert backend.timeout == 2
    assert backend.hosts[0]["http_auth"] == ("reader", "secret")
    connection = backend.es.transport.connection_pool.connections[0]
    assert connection.host == "https://search.example:9200"
    assert connection.pool.cert_reqs == "CERT_REQUIRED"
    assert connection.pool.ca_certs == "/etc/ssl/certs/ca-certificates.crt"


def test_with_elasticsearch_it_is_wagtails_elasticsearch8_backend(settings):
    opt_in(settings, "https://reader:secret@search.example:9200")
    settings.PEER_SUPPORT_SEARCH["ENGINE"] = "elasticsearch"
    settings.PEER_SUPPORT_SEARCH["CA_CERTS"] = "/etc/ssl/certs/ca-certificates.crt"
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert isinstance(backend, ElasticsearchAdminBackend)
    node = backend.es.transport.node_pool.all()[0].config
    assert (node.scheme, node.host, node.port) == ("https", "search.example", 9200)
    assert node.verify_certs and node.ca_certs == "/etc/ssl/certs/ca-certificates.crt"
    credentials = base64.b64encode(b"reader:secret").decode()
    assert backend.es._headers["authorization"] == f"Basic {credentials}"


@pytest.mark.engine
def test_with_the_opt_in_the_admin_page_search_uses_the_engine(settings, node_url, admin_client):
    # No database entry: the page is in the engine's index only, so finding it
    # proves the engine answered.
    prefix = opt_in(settings, node_url, with_database=False)
    try:
        GuidancePageFactory(title=TITLE).save_revision().publish()
        call_command("update_index", stdout=StringIO())
        response = admin_search(admin_client, "quetzalcoatl")
        assert response.status_code == 200
        assert TITLE in response.content.decode()
        assert not cache.get(CIRCUIT_KEY)
        missing = admin_search(admin_client, "xylophone")
        assert TITLE not in missing.content.decode()
    finally:
        drop_indices(node_url, prefix)


def test_wagtails_own_backend_fails_when_the_engine_is_down(settings, admin_client):
    """Why the wrapper exists: Wagtail's backend lets the client's error through."""
    opt_in(settings, UNREACHABLE, backend="wagtail.search.backends.opensearch3")
    with pytest.raises(opensearchpy.ConnectionError):
        admin_search(admin_client, "anything")


def test_the_wrapper_answers_from_the_database_when_the_engine_is_unreachable(
    settings, admin_client
):
    opt_in(settings, UNREACHABLE)
    GuidancePageFactory(title=TITLE).save_revision().publish()  # indexed in the database
    response = admin_search(admin_client, "quetzalcoatl")
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert cache.get(CIRCUIT_KEY)  # the next searches skip the engine for a while
    assert TITLE in admin_search(admin_client, "quetzalcoatl").content.decode()


@pytest.mark.engine
@pytest.mark.slow
def test_the_admin_search_still_answers_with_the_node_stopped(own_node, settings, admin_client):
    url, _start, stop = own_node
    opt_in(settings, url)
    page = GuidancePageFactory(title=TITLE)
    page.save_revision().publish()
    call_command("update_index", stdout=StringIO())
    assert TITLE in admin_search(admin_client, "quetzalcoatl").content.decode()
    assert not cache.get(CIRCUIT_KEY)

    stop()
    response = admin_search(admin_client, "quetzalcoatl")
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert cache.get(CIRCUIT_KEY)
    # Publishing while the engine is down still works (Wagtail logs the indexing error).
    later = GuidancePageFactory(title="Written in the outage", parent=page.get_parent())
    later.save_revision().publish()
    assert "Written in the outage" in admin_search(admin_client, "outage").content.decode()
