"""The engine backend: OpenSearch through opensearch-py, requests built with elasticsearch-dsl.

Requests are ``elasticsearch_dsl.Search`` objects sent as plain bodies with
``OpenSearch.search``; replies are read with ``elasticsearch_dsl.response.Response``.
When the engine cannot answer, searches are served by the database backend and
marked degraded; a short circuit breaker stops every request paying the timeout.
"""

import logging
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import timezone

from elasticsearch_dsl import Search
from elasticsearch_dsl.response import Response
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError, OpenSearchException
from opensearchpy.helpers import BulkIndexError, bulk, scan

from ..documents import analysis_settings, build_index, entry_to_document
from ..models import CatalogueEntry, IndexOutbox
from .base import DEGRADED_NOTICE, SearchBackend, SearchResults
from .database import DatabaseBackend
from .engine_query import build_search, date_cutoff, parse_date, read_hit

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "search:engine-circuit-open"
CIRCUIT_SECONDS = 30


class EngineUnavailable(Exception):
    """The engine did not answer (down, timed out, or refused the request)."""


class Engine:
    """The catalogue index on one cluster: alias, rebuild, changes, drift."""

    def __init__(self, url=None, alias=None, timeout=None):
        config = settings.PEER_SUPPORT_SEARCH
        self.url = url or config.get("ENGINE_URL", "")
        self.alias = alias or config.get("INDEX_ALIAS", "catalogue")
        self.timeout = timeout or config.get("TIMEOUT_SECONDS", 2)
        self.client = OpenSearch(
            hosts=[self.url], timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except OpenSearchException as error:
            raise EngineUnavailable(f"{type(error).__name__}: {error}") from error

    # --- index lifecycle ---------------------------------------------------------------

    def alias_targets(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def create_index(self, name=None):
        name = name or f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.call(self.client.indices.create, index=name, body=build_index(name).to_dict())
        return name

    def bulk_index(self, index_name, entries):
        actions = (
            {**entry_to_document(entry).to_dict(include_meta=True), "_index": index_name}
            for entry in entries
        )
        try:
            indexed, _ = bulk(self.client, actions, chunk_size=500, request_timeout=60)
        except (BulkIndexError, OpenSearchException) as error:
            raise EngineUnavailable(str(error)[:500]) from error
        return indexed

    def swap_alias(self, new_index):
        """Point the alias at ``new_index`` in one request, then drop the old indices."""
        old = self.alias_targets()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.call(self.client.indices.update_aliases, body={"actions": actions})
        for name in old:
            if name != new_index:
                self.call(self.client.indices.delete, index=name)
        return old

    def rebuild(self, progress=None):
        """Index every entry into a new index and swap the alias to it atomically."""
        last_queued = IndexOutbox.objects.order_by("-pk").values_list("pk", flat=True).first()
        new_index = self.create_index()
        entries = CatalogueEntry.objects.prefetch_related("locations", "date_rows").order_by("pk")
        total = 0
        for chunk_start in range(0, entries.count(), 500):
            chunk = list(entries[chunk_start : chunk_start + 500])
            total += self.bulk_index(new_index, chunk)
            if progress:
                progress(total)
        self.call(self.client.indices.refresh, index=new_index)
        self.swap_alias(new_index)
        # Whatever was queued before the rebuild began is in the new index already.
        if last_queued:
            IndexOutbox.objects.filter(pk__lte=last_queued).delete()
        return new_index, total

    def drop(self):
        for name in self.alias_targets():
            self.call(self.client.indices.delete, index=name)

    def refresh(self):
        self.call(self.client.indices.refresh, index=self.alias)

    # --- changes -------------------------------------------------------------------------

    def apply_change(self, row):
        """Apply one ``IndexOutbox`` row; raises ``EngineUnavailable`` to keep it queued."""
        if row.action == IndexOutbox.SYNONYMS:
            return self.reload_synonyms()
        document_id = f"{row.kind}:{row.object_id}"
        entry = (
            CatalogueEntry.objects.prefetch_related("locations", "date_rows")
            .filter(kind=row.kind, object_id=row.object_id)
            .first()
        )
        if row.action == IndexOutbox.UPSERT and entry is not None:
            body = entry_to_document(entry).to_dict()
            # require_alias: never let a write auto-create an index named like the alias.
            return self.call(
                self.client.index,
                index=self.alias,
                id=document_id,
                body=body,
                params={"require_alias": "true"},
            )
        try:
            return self.client.delete(index=self.alias, id=document_id)
        except NotFoundError:
            return None
        except OpenSearchException as error:
            raise EngineUnavailable(str(error)) from error

    def reload_synonyms(self):
        """Synonyms live in index settings: close, update and reopen each index."""
        for name in self.alias_targets():
            self.call(self.client.indices.close, index=name)
            try:
                self.call(
                    self.client.indices.put_settings,
                    index=name,
                    body={"analysis": analysis_settings()},
                )
            finally:
                self.call(self.client.indices.open, index=name, wait_for_active_shards=1)

    def drift(self):
        """Entries ``missing`` from the index, ``extra`` strays, and ``stale`` older copies."""
        stored = {
            f"{kind}:{object_id}": updated_at
            for kind, object_id, updated_at in CatalogueEntry.objects.values_list(
                "kind", "object_id", "updated_at"
            )
        }
        try:
            indexed = {
                hit["_id"]: (hit.get("_source") or {}).get("updated_at")
                for hit in scan(
                    self.client,
                    index=self.alias,
                    query={"_source": ["updated_at"]},
                    size=1000,
                )
            }
        except OpenSearchException as error:
            raise EngineUnavailable(str(error)) from error
        stale = [
            document_id
            for document_id, indexed_at in indexed.items()
            if document_id in stored
            and (indexed_at is None or parse_date(indexed_at) < stored[document_id])
        ]
        return {
            "missing": sorted(stored.keys() - indexed.keys()),
            "extra": sorted(indexed.keys() - stored.keys()),
            "stale": sorted(stale),
        }

    # --- queries -------------------------------------------------------------------------

    def search_body(self, query):
        return build_search(self.alias, query).to_dict()

    def search(self, query):
        search = build_search(self.alias, query)
        raw = self.call(self.client.search, index=self.alias, body=search.to_dict())
        return Response(search, raw)

    def suggest(self, prefix, limit):
        search = (
            Search(index=self.alias)
            .source(["title", "topics"])
            .suggest(
                "complete",
                prefix,
                completion={"field": "suggest", "skip_duplicates": True, "size": limit},
            )
            .extra(size=0)
        )
        raw = self.call(self.client.search, index=self.alias, body=search.to_dict())
        return Response(search, raw)


@cache
def get_engine():
    return Engine()


def clear_engine_cache():
    get_engine.cache_clear()


def engine_circuit_open():
    return bool(django_cache.get(CIRCUIT_KEY))


class EngineBackend(SearchBackend):
    """Searches the engine; answers from the database, marked degraded, when it can't."""

    name = "engine"

    def __init__(self):
        self.fallback = DatabaseBackend()

    def _fallback_suggest(self, prefix, limit):
        return self.fallback.suggest(prefix, limit)

    def _degraded(self, results):
        results.degraded = True
        results.notice = DEGRADED_NOTICE
        return results

    def search(self, query):
        if engine_circuit_open():
            return self._degraded(self.fallback.search(query))
        try:
            response = get_engine().search(query)
        except EngineUnavailable:
            logger.warning("Search engine unavailable: serving from the database", exc_info=True)
            django_cache.set(CIRCUIT_KEY, True, CIRCUIT_SECONDS)
            return self._degraded(self.fallback.search(query))
        cutoff = date_cutoff(query)
        facets = {
            name: [
                (bucket.key, bucket.doc_count)
                for bucket in getattr(response.aggregations, name).counts.buckets
            ]
            for name in ("kind", "topic", "region")
        }
        for name, counts in facets.items():
            facets[name] = sorted(counts, key=lambda r: (-r[1], r[0]))
        return SearchResults(
            hits=[read_hit(hit, query, cutoff) for hit in response.hits],
            total=response.hits.total.value,
            facets=facets,
            backend=self.name,
            query=query,
        )

    def suggest(self, prefix, limit=8):
        prefix = " ".join(prefix.split())
        if len(prefix) < 2:
            return []
        if engine_circuit_open():
            return self._fallback_suggest(prefix, limit)
        try:
            response = get_engine().suggest(prefix, limit)
        except EngineUnavailable:
            django_cache.set(CIRCUIT_KEY, True, CIRCUIT_SECONDS)
            return self._fallback_suggest(prefix, limit)
        found = []
        for option in response.suggest.complete[0].options:
            source = option._source.to_dict()
            topics = source.get("topics") or []
            found.append(option.text if option.text in topics else source["title"])
        return list(dict.fromkeys(found))[:limit]
