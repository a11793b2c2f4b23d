"""The engine backend: OpenSearch through opensearch-py, requests built with elasticsearch-dsl.

Requests are ``elasticsearch_dsl.Search`` objects sent as plain bodies with
``OpenSearch.search``; replies are read with ``elasticsearch_dsl.response.Response``.
When the engine cannot answer, searches are served by the database backend and
marked degraded; a short circuit breaker stops every request paying the timeout.
"""

import logging
from datetime import datetime
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import timezone

from elasticsearch_dsl import A, Q, Search
from elasticsearch_dsl.response import Response
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError, OpenSearchException
from opensearchpy.helpers import BulkIndexError, bulk, scan

from cms.geocoding.distance import haversine_miles

from ..documents import analysis_settings, build_index, entry_to_document
from ..models import CatalogueEntry, IndexOutbox, topic_slug
from .base import (
    DEGRADED_NOTICE,
    SearchBackend,
    SearchHit,
    SearchResults,
    as_datetime_bound,
    render_highlight,
)
from .database import DatabaseBackend

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "search:engine-circuit-open"
CIRCUIT_SECONDS = 30
FACET_SIZE = 100
# The nearest upcoming date, or last: a stored date can't be filtered in a sort.
NEXT_DATE_SCRIPT = """
long best = Long.MAX_VALUE;
for (def d : doc['dates']) {
  long t = d.toInstant().toEpochMilli();
  if (t >= params.cutoff && t < best) { best = t; }
}
return best;
"""


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
        # Whatever was queued before the rebuild is already in the new index.
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
        """``{"missing": [...], "extra": [...]}``: entries missing from the index, and strays."""
        stored = {
            f"{kind}:{object_id}"
            for kind, object_id in CatalogueEntry.objects.values_list("kind", "object_id")
        }
        try:
            indexed = {
                hit["_id"]
                for hit in scan(self.client, index=self.alias, query={"_source": False}, size=1000)
            }
        except OpenSearchException as error:
            raise EngineUnavailable(str(error)) from error
        return {"missing": sorted(stored - indexed), "extra": sorted(indexed - stored)}

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


def _facet_filters(query):
    filters = {}
    if query.kinds:
        filters["kind"] = Q("terms", kind=list(query.kinds))
    if query.topics:
        filters["topic"] = Q("terms", topic_slugs=sorted({topic_slug(t) for t in query.topics}))
    if query.regions:
        filters["region"] = Q(
            "terms", region_slug=sorted({topic_slug(region) for region in query.regions})
        )
    return filters


def _cutoff(query):
    return as_datetime_bound(query.starts_after) or timezone.now()


def build_search(alias, query):
    """The elasticsearch-dsl ``Search`` for a ``SearchQuery``.

    Facet filters (kind, topic, region) go in ``post_filter`` and into each other
    facet's filter aggregation, so each facet's counts respect the others.
    """
    search = Search(index=alias).extra(track_total_hits=True)
    if query.q.strip():
        search = search.query(
            Q(
                "bool",
                must=[
                    Q(
                        "match",
                        all_text={"query": query.q, "operator": "and", "fuzziness": "AUTO"},
                    )
                ],
                should=[
                    Q(
                        "multi_match",
                        query=query.q,
                        fields=["title^3", "summary^2", "body"],
                        fuzziness="AUTO",
                    )
                ],
            )
        )
    if query.accredited is not None:
        search = search.filter("term", accredited=query.accredited)
    if query.delivery:
        search = search.filter("terms", delivery=list(query.delivery))
    after = as_datetime_bound(query.starts_after)
    before = as_datetime_bound(query.starts_before, end=True)
    if after or before:
        bounds = {}
        if after:
            bounds["gte"] = after.isoformat()
        if before:
            bounds["lte"] = before.isoformat()
        search = search.filter("range", dates=bounds)
    point = {"lat": query.near[0], "lon": query.near[1]} if query.near else None
    if point and query.radius_miles is not None:
        search = search.filter(
            "geo_distance", distance=f"{query.radius_miles}mi", distance_type="arc", locations=point
        )
    facet_filters = _facet_filters(query)
    if facet_filters:
        search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
    for name, field in (("kind", "kind"), ("topic", "topics"), ("region", "region")):
        others = [f for other, f in facet_filters.items() if other != name]
        agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        agg.bucket("counts", "terms", field=field, size=FACET_SIZE)
        search.aggs.bucket(name, agg)
    tie_break = [{"title.raw": "asc"}, {"kind": "asc"}, {"object_id": "asc"}]
    sort = query.effective_sort
    if sort == "relevance":
        search = search.sort("_score", *tie_break)
    elif sort == "distance":
        search = search.sort(
            {
                "_geo_distance": {
                    "locations": point,
                    "order": "asc",
                    "unit": "mi",
                    "mode": "min",
                    "distance_type": "arc",
                }
            },
            *tie_break,
        )
    elif sort == "date":
        cutoff = int(_cutoff(query).timestamp() * 1000)
        script = {"source": NEXT_DATE_SCRIPT, "params": {"cutoff": cutoff}}
        search = search.sort(
            {"_script": {"type": "number", "order": "asc", "script": script}}, *tie_break
        )
    else:
        search = search.sort(*tie_break)
    search = search.highlight(
        "summary",
        "body",
        fragment_size=200,
        number_of_fragments=1,
        pre_tags=["\ue000"],
        post_tags=["\ue001"],
    )
    return search[query.offset : query.offset + query.page_size]


def _parse_date(value):
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _hit(hit, query, cutoff):
    source = hit.to_dict()
    distance, label = None, ""
    if query.near:
        for place in source.get("places") or []:
            miles = haversine_miles(query.near[0], query.near[1], place["lat"], place["lon"])
            if distance is None or miles < distance:
                distance, label = miles, place.get("label", "")
    upcoming = sorted(d for d in map(_parse_date, source.get("dates") or []) if d >= cutoff)
    fragments = getattr(hit.meta, "highlight", None)
    highlight = ""
    if fragments:
        for field in ("summary", "body"):
            if field in fragments:
                highlight = render_highlight(fragments[field][0])
                break
    return SearchHit(
        kind=source["kind"],
        object_id=int(source["object_id"]),
        title=source["title"],
        url=source.get("url", ""),
        summary=source.get("summary", ""),
        topics=list(source.get("topics") or []),
        region=source.get("region") or "",
        distance_miles=distance,
        nearest_label=label,
        next_date=upcoming[0] if upcoming else None,
        delivery=source.get("delivery") or "",
        accreditation=source.get("accreditation") or "",
        highlight=highlight,
        score=hit.meta.score,
    )


def engine_circuit_open():
    return bool(django_cache.get(CIRCUIT_KEY))


class EngineBackend(SearchBackend):
    """Searches the engine; answers from the database, marked degraded, when it can't."""

    name = "engine"

    def __init__(self):
        self.fallback = DatabaseBackend()

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
        cutoff = _cutoff(query)
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
            hits=[_hit(hit, query, cutoff) for hit in response.hits],
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
            return self.fallback.suggest(prefix, limit)
        try:
            response = get_engine().suggest(prefix, limit)
        except EngineUnavailable:
            django_cache.set(CIRCUIT_KEY, True, CIRCUIT_SECONDS)
            return self.fallback.suggest(prefix, limit)
        found = []
        for option in response.suggest.complete[0].options:
            source = option._source.to_dict()
            topics = source.get("topics") or []
            found.append(option.text if option.text in topics else source["title"])
        return list(dict.fromkeys(found))[:limit]
