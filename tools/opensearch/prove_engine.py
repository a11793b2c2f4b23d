"""Prove that a running OpenSearch node does what the site's search needs.

Usage: .venv/bin/python tools/opensearch/prove_engine.py [URL]   (or OPENSEARCH_URL=...)

Requests are built with elasticsearch-dsl (Document, Index, Search, Q, A and .to_dict()),
sent with opensearch-py's low-level client, and the replies read back through
elasticsearch_dsl.response.Response. Checks the english analyzer, synonyms
(analysis-common), geo_point arrays with a geo_distance filter and _geo_distance sort,
a terms aggregation and a completion suggester. Exits 1 on any mismatch, 2 when the
node cannot be reached.
"""

from __future__ import annotations

import math
import os
import sys
import uuid

from elasticsearch_dsl import (
    A,
    Completion,
    Document,
    GeoPoint,
    Index,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch_dsl.response import Response
from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException

LONDON = {"lat": 51.5074, "lon": -0.1278}

hub_synonyms = token_filter(
    "hub_synonyms",
    "synonym",
    synonyms=["anxiety, worry, nerves", "depression, low mood"],
)
english_synonyms = analyzer(
    "english_synonyms",
    tokenizer="standard",
    filter=["lowercase", hub_synonyms, "porter_stem"],
)


class Group(Document):
    title = Text(analyzer="english", fields={"synonyms": Text(analyzer=english_synonyms)})
    locations = GeoPoint()  # an array of points: a group that meets in several places
    suggest = Completion()
    category = Keyword()


GROUPS = {
    "walk-london": Group(
        title="Walking groups for anxiety",
        locations=[LONDON, {"lat": 51.3762, "lon": -0.0982}],  # central London, Croydon
        suggest=["Walking for wellbeing", "Anxiety walkers"],
        category="walking",
    ),
    "talk-manchester": Group(
        title="Talking therapies meetup",
        locations=[{"lat": 53.4808, "lon": -2.2426}],
        suggest=["Talking therapies"],
        category="talking",
    ),
    "run-brighton": Group(
        title="Running club for low mood",
        locations=[{"lat": 50.8225, "lon": -0.1372}],
        suggest=["Running club Brighton"],
        category="running",
    ),
    "walk-oxford": Group(
        title="Walkers' peer support",
        locations=[{"lat": 51.7520, "lon": -1.2577}],
        suggest=["Walkers peer support"],
        category="walking",
    ),
}


def km_between(a: dict, b: dict) -> float:
    """Great-circle distance (haversine, mean Earth radius), in kilometres."""
    lat1, lat2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlat = lat2 - lat1
    dlon = math.radians(b["lon"] - a["lon"])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def equal(self, name: str, got, expected) -> None:
        ok = got == expected
        print(
            f"  [{'PASS' if ok else 'FAIL'}] {name}: got {got!r}"
            + ("" if ok else f", expected {expected!r}")
        )
        if not ok:
            self.failures.append(name)


def run_search(client: OpenSearch, index: str, search: Search) -> Response:
    body = search.to_dict()
    raw = client.search(index=index, body=body)
    return Response(search, raw)


def prove(client: OpenSearch, checks: Checks) -> None:
    info = client.info()
    print(f"OpenSearch {info['version']['number']} ({info['cluster_name']})")
    health = client.cluster.health()
    print(f"cluster health: {health['status']}, nodes: {health['number_of_nodes']}")

    index_name = f"prove-engine-{uuid.uuid4().hex[:8]}"
    index = Index(index_name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(Group)
    client.indices.create(index=index_name, body=index.to_dict())
    print(f"created index {index_name}")
    try:
        for doc_id, group in GROUPS.items():
            client.index(index=index_name, id=doc_id, body=group.to_dict())
        client.indices.refresh(index=index_name)
        count = client.count(index=index_name)["count"]
        checks.equal("documents indexed", count, len(GROUPS))

        print("english analyzer:")
        tokens = client.indices.analyze(
            index=index_name, body={"analyzer": "english", "text": "Walking groups for anxiety"}
        )
        checks.equal(
            "english analyzer stems and drops stop words",
            [t["token"] for t in tokens["tokens"]],
            ["walk", "group", "anxieti"],
        )
        response = run_search(
            client, index_name, Search().query(Q("match", title="walks")).source(False)
        )
        checks.equal("match 'walks' on title", sorted(h.meta.id for h in response), ["walk-london"])

        print("synonyms (analysis-common):")
        response = run_search(
            client,
            index_name,
            Search().query(Q("match", **{"title.synonyms": "worry"})).source(False),
        )
        checks.equal("'worry' finds 'anxiety'", [h.meta.id for h in response], ["walk-london"])
        response = run_search(
            client,
            index_name,
            Search().query(Q("match_phrase", **{"title.synonyms": "depression"})).source(False),
        )
        checks.equal(
            "'depression' finds 'low mood'", [h.meta.id for h in response], ["run-brighton"]
        )

        print("geo_distance filter within 100km of London, _geo_distance sort:")
        search = (
            Search()
            .filter("geo_distance", distance="100km", locations=LONDON)
            .sort({"_geo_distance": {"locations": LONDON, "order": "asc", "unit": "km"}})
        )
        response = run_search(client, index_name, search)
        for hit in response:
            print(f"    {hit.meta.id:16} {hit.meta.sort[0]:8.2f} km  {hit.title}")
        checks.equal(
            "nearest first",
            [h.meta.id for h in response],
            ["walk-london", "run-brighton", "walk-oxford"],
        )
        for hit in response:
            expected = min(km_between(LONDON, p) for p in GROUPS[hit.meta.id].locations)
            checks.equal(
                f"distance to {hit.meta.id} ~ {expected:.1f} km",
                abs(hit.meta.sort[0] - expected) < max(0.5, expected * 0.005),
                True,
            )

        print("terms aggregation on category:")
        search = Search().extra(size=0)
        search.aggs.bucket("by_category", A("terms", field="category"))
        response = run_search(client, index_name, search)
        buckets = {b.key: b.doc_count for b in response.aggregations.by_category.buckets}
        print(f"    {buckets}")
        checks.equal("category counts", buckets, {"walking": 2, "talking": 1, "running": 1})

        print("completion suggester, prefix 'walk':")
        search = Search().suggest("groups", "walk", completion={"field": "suggest"}).source(False)
        response = run_search(client, index_name, search)
        options = response.suggest.groups[0].options
        for option in options:
            print(f"    {option._id:16} {option.text}")
        checks.equal(
            "suggested groups", sorted(o._id for o in options), ["walk-london", "walk-oxford"]
        )
        checks.equal(
            "suggested texts",
            sorted(o.text for o in options),
            ["Walkers peer support", "Walking for wellbeing"],
        )
    finally:
        client.indices.delete(index=index_name)
        print(f"deleted index {index_name}")


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else os.environ.get("OPENSEARCH_URL", "")
    if not url:
        print("usage: prove_engine.py URL (or set OPENSEARCH_URL)", file=sys.stderr)
        return 2
    client = OpenSearch(hosts=[url], timeout=30)
    checks = Checks()
    try:
        prove(client, checks)
    except OpenSearchException as error:
        print(f"ERROR talking to {url}: {error!r}", file=sys.stderr)
        return 2
    if checks.failures:
        print(f"FAILED: {len(checks.failures)} check(s): {', '.join(checks.failures)}")
        return 1
    print("engine OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
