"""Wagtail's own search (the admin's page search) on the engine: an opt-in that can't break.

``WAGTAILSEARCH_BACKENDS`` stays on the database unless the settings opt in with
``{"BACKEND": "search.admin_search", "FALLBACK": "database"}`` beside a
``"database"`` entry (docs/search.md). ``SearchBackend`` then builds Wagtail's
OpenSearch 3 or Elasticsearch 8 backend, chosen by ``PEER_SUPPORT_SEARCH["ENGINE"]``
and configured from the same settings as the catalogue (URL with credentials,
timeout, certificates). When the engine fails, searches are answered by the
``FALLBACK`` backend, and a short circuit breaker skips the engine meanwhile.
Page edits made while the engine is down are logged by Wagtail and not replayed:
run ``manage.py update_index`` after an outage.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)
from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend, OpenSearch3SearchResults

from .backends.clients import (
    ENGINES,
    ElasticsearchClient,
    OpenSearchClient,
    connection_from_settings,
)

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "search:admin-engine-circuit-open"
CIRCUIT_SECONDS = 30


class FallbackResultsMixin:
    """Results that ask the backend's fallback when the engine fails."""

    def _fallback(self, error):
        logger.warning("Wagtail search engine unavailable (%s): using the database", error)
        cache.set(CIRCUIT_KEY, True, CIRCUIT_SECONDS)
        compiler = self.query_compiler
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        fallback = self.backend.get_fallback()
        method = fallback.autocomplete if autocomplete else fallback.search
        results = method(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]

    def results(self):
        if self._results_cache is None:
            try:
                self._results_cache = list(self._do_search())
            except self.backend.engine_failures as error:
                self._results_cache = list(self._fallback(error))
        return self._results_cache

    def _do_count(self):
        try:
            return super()._do_count()
        except self.backend.engine_failures as error:
            return self._fallback(error).count()

    def facet(self, field_name):
        try:
            return super().facet(field_name)
        except self.backend.engine_failures as error:
            return self._fallback(error).facet(field_name)


class FallbackBackendMixin:
    """A Wagtail engine backend that hands searches to ``FALLBACK`` while the engine is down."""

    engine_failures: tuple[type[BaseException], ...] = ()

    def __init__(self, params):
        self.fallback_name = params.pop("FALLBACK", "database")
        super().__init__(params)

    def get_fallback(self):
        try:
            return get_search_backend(self.fallback_name)
        except ImproperlyConfigured:
            return get_search_backend("wagtail.search.backends.database")

    def search(self, query, model_or_queryset, **kwargs):
        if cache.get(CIRCUIT_KEY):
            return self.get_fallback().search(query, model_or_queryset, **kwargs)
        return super().search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        if cache.get(CIRCUIT_KEY):
            return self.get_fallback().autocomplete(query, model_or_queryset, **kwargs)
        return super().autocomplete(query, model_or_queryset, **kwargs)


class OpenSearchAdminResults(FallbackResultsMixin, OpenSearch3SearchResults):
    pass


class OpenSearchAdminBackend(FallbackBackendMixin, OpenSearch3SearchBackend):
    """Wagtail's backend for opensearch-py 3 (works with OpenSearch 2.x and 3.x servers)."""

    results_class = OpenSearchAdminResults
    engine_failures = OpenSearchClient.failures

    def _get_host_config_from_url(self, url):
        # Wagtail turns verification on per host; leave it to OPTIONS (VERIFY_CERTS).
        host = super()._get_host_config_from_url(url)
        host.pop("verify_certs", None)
        return host


class ElasticsearchAdminResults(FallbackResultsMixin, Elasticsearch8SearchResults):
    pass


class ElasticsearchAdminBackend(FallbackBackendMixin, Elasticsearch8SearchBackend):
    """Wagtail's backend for elasticsearch-py 8. Not proven against a live cluster."""

    results_class = ElasticsearchAdminResults
    engine_failures = ElasticsearchClient.failures


BACKENDS = {"opensearch": OpenSearchAdminBackend, "elasticsearch": ElasticsearchAdminBackend}


def SearchBackend(params):  # Wagtail looks for this name in the module
    """The admin backend for ``PEER_SUPPORT_SEARCH["ENGINE"]``, defaults from its settings."""
    config = settings.PEER_SUPPORT_SEARCH
    engine = config.get("ENGINE", "opensearch")
    if engine not in BACKENDS:
        raise ImproperlyConfigured(f"PEER_SUPPORT_SEARCH['ENGINE'] must be one of {ENGINES}")
    params = dict(params)
    params.setdefault("URLS", [config.get("ENGINE_URL") or "http://localhost:9200"])
    params.setdefault("INDEX_PREFIX", f"{config.get('INDEX_ALIAS', 'catalogue')}-wagtail-")
    params.setdefault("TIMEOUT", config.get("TIMEOUT_SECONDS", 2))
    options = {"max_retries": 0, "retry_on_timeout": False}
    options.update(connection_from_settings(params["URLS"][0]).tls_options())
    params["OPTIONS"] = {**options, **params.get("OPTIONS", {})}
    return BACKENDS[engine](params)
