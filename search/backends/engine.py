"""The engine backend: OpenSearch or Elasticsearch, requests built with elasticsearch-dsl.

Requests are ``elasticsearch_dsl.Search`` objects sent as plain bodies through the
client ``clients.make_client`` chooses by ``PEER_SUPPORT_SEARCH["ENGINE"]``
(opensearch-py or elasticsearch-py 8); replies are read with
``elasticsearch_dsl.response.Response``.
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

from ..documents import analysis_settings, build_index, entry_to_document
from ..models import CatalogueEntry, IndexOutbox
from ..pipeline import OneAhead
from .base import DEGRADED_NOTICE, SearchBackend, SearchResults
from .clients import EngineUnavailable, connection_from_settings, make_client
from .database import DatabaseBackend
from .engine_query import build_search, date_cutoff, parse_date, read_hit

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "search:engine-circuit-open"
CIRCUIT_SECONDS = 30


class Engine:
    """The catalogue index on one cluster: alias, rebuild, changes, drift."""

    def __init__(self, url=None, alias=None, timeout=None, engine=None):
        self.alias = alias or settings.PEER_SUPPORT_SEARCH.get("INDEX_ALIAS", "catalogue")
        self.client = make_client(connection_from_settings(url, timeout), engine)

    def health(self):
        """The cluster's health reply (``status`` is green, yellow or red)."""
        return self.client.health()

    # --- index lifecycle ---------------------------------------------------------------

    def alias_targets(self):
        return self.client.alias_targets(self.alias)

    def create_index(self, name=None):
        name = name or f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.client.create_index(name, build_index(name).to_dict())
        return name

    def bulk_index(self, actions):
        """Send ``index_actions``; the number indexed."""
        return self.client.bulk(actions, chunk_size=500, timeout=60)

    @staticmethod
    def index_actions(index_name, entries):
        return [
            {**entry_to_document(entry).to_dict(include_meta=True), "_index": index_name}
            for entry in entries
        ]

    def swap_alias(self, new_index):
        """Point the alias at ``new_index`` in one request, then drop the old indices."""
        old = self.alias_targets()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.update_aliases(actions)
        for name in old:
            if name != new_index:
                self.client.delete_index(name)
        return old

    def rebuild(self, progress=None):
        """Index every entry into a new index and swap the alias to it atomically."""
        last_queued = IndexOutbox.objects.order_by("-pk").values_list("pk", flat=True).first()
        new_index = self.create_index()
        # Nobody searches the new index before the alias moves: no refresh until then.
        self.client.put_settings(new_index, {"index": {"refresh_interval": "-1"}})
        entries = CatalogueEntry.objects.prefetch_related("locations", "date_rows").order_by("pk")
        last_pk = 0
        # One chunk goes to the engine while the next is read and built here.
        with OneAhead(self.bulk_index) as sender:
            # Keyset pages (pk > the last seen), not OFFSET: each page costs the same at 100k.
            while chunk := list(entries.filter(pk__gt=last_pk)[:500]):
                sender.submit(self.index_actions(new_index, chunk))
                last_pk = chunk[-1].pk
                # What is indexed so far, without waiting for the chunk in flight.
                if progress and sender.results:
                    progress(sum(sender.results))
        total = sum(sender.results)
        if progress:
            progress(total)
        self.client.put_settings(new_index, {"index": {"refresh_interval": None}})
        self.client.refresh(new_index)
        self.swap_alias(new_index)
        # Whatever was queued before the rebuild began is in the new index already.
        if last_queued:
            IndexOutbox.objects.filter(pk__lte=last_queued).delete()
        return new_index, total

    def drop(self):
        for name in self.alias_targets():
            self.client.delete_index(name)

    def refresh(self):
        self.client.refresh(self.alias)

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
            # Written with require_alias: never auto-create an index named like the alias.
            return self.client.index_document(self.alias, document_id, body)
        return self.client.delete_document(self.alias, document_id)

    def reload_synonyms(self):
        """Synonyms live in index settings: close, update and reopen each index."""
        for name in self.alias_targets():
            self.client.close_index(name)
            try:
                self.client.put_settings(name, {"analysis": analysis_settings()})
            finally:
                self.client.open_index(name)

    def drift(self):
        """Entries ``missing`` from the index, ``extra`` strays, and ``stale`` older copies."""
        stored = {
            f"{kind}:{object_id}": updated_at
            for kind, object_id, updated_at in CatalogueEntry.objects.values_list(
                "kind", "object_id", "updated_at"
            )
        }
        indexed = {
            hit["_id"]: (hit.get("_source") or {}).get("updated_at")
            for hit in self.client.scan(self.alias, {"_source": ["updated_at"]}, size=1000)
        }
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
        return Response(search, self.client.search(self.alias, search.to_dict()))

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
        return Response(search, self.client.search(self.alias, search.to_dict()))


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
            if query.facets
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
