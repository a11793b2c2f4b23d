"""Catalogue queries for the engine, built with elasticsearch-dsl, and hits read back.

Only ``elasticsearch_dsl`` builds requests (``Search``, ``Q``, ``A``); user text goes
into ``match``/``multi_match`` clauses, never ``query_string``.
"""

from datetime import datetime

from django.utils import timezone

from elasticsearch_dsl import A, Q, Search

from cms.geocoding.distance import haversine_miles

from ..documents import keyword_term
from ..models import topic_slug
from .base import MARK_CLOSE, MARK_OPEN, SearchHit, as_datetime_bound, render_highlight

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


def facet_filters(query):
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


def date_cutoff(query):
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
    for name, values in query.keywords:
        search = search.filter("terms", keywords=[keyword_term(name, v) for v in values])
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
    filters = facet_filters(query)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for name, field in (("kind", "kind"), ("topic", "topics"), ("region", "region")):
        if not query.facets:
            break
        others = [f for other, f in filters.items() if other != name]
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
        cutoff = int(date_cutoff(query).timestamp() * 1000)
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
        pre_tags=[MARK_OPEN],
        post_tags=[MARK_CLOSE],
    )
    return search[query.offset : query.offset + query.page_size]


def parse_date(value):
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def read_hit(hit, query, cutoff):
    source = hit.to_dict()
    distance, label = None, ""
    if query.near:
        for place in source.get("places") or []:
            miles = haversine_miles(query.near[0], query.near[1], place["lat"], place["lon"])
            if distance is None or miles < distance:
                distance, label = miles, place.get("label", "")
    upcoming = sorted(d for d in map(parse_date, source.get("dates") or []) if d >= cutoff)
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
