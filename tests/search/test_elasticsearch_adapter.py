"""The Elasticsearch adapter at the HTTP boundary, against recorded Elasticsearch 8 replies.

A real HTTP server (``recorded_engine``) stands in for the cluster: it checks each
request's method, path and body and answers with a recorded reply. No live
Elasticsearch is involved, so this proves the adapter's requests and parsing only.
"""

import base64
import json

from django.core.exceptions import ImproperlyConfigured

import pytest

from search.backends.base import DEGRADED_NOTICE, SearchQuery
from search.backends.clients import ElasticsearchClient, OpenSearchClient
from search.backends.database import DatabaseBackend
from search.backends.engine import EngineBackend, clear_engine_cache, get_engine
from search.backends.engine_query import build_search
from search.models import IndexOutbox
from tests.search.conftest import LEEDS
from tests.search.recorded_engine import ES_MEDIA_TYPE, recorded, serve_recorded

pytestmark = pytest.mark.django_db

ALIAS = "es-catalogue"
NEAR_LEEDS = SearchQuery(
    q="peer", topics=("Training",), near=LEEDS, radius_miles=100, sort="distance"
)


@pytest.fixture
def recorded_engine():
    with serve_recorded() as engine:
        yield engine
        engine.check_done()


@pytest.fixture
def use_engine(settings):
    """``use_engine(url, "elasticsearch")`` points the engine backend at ``url``."""

    def use(url, engine="elasticsearch"):
        settings.PEER_SUPPORT_SEARCH = {
            **settings.PEER_SUPPORT_SEARCH,
            "ENGINE": engine,
            "ENGINE_URL": url,
            "INDEX_ALIAS": ALIAS,
            "TIMEOUT_SECONDS": 2,
        }
        clear_engine_cache()
        return get_engine()

    yield use
    clear_engine_cache()


def json_round_trip(body):
    return json.loads(json.dumps(body, default=str))


def test_the_engine_setting_chooses_the_client(use_engine, recorded_engine):
    assert isinstance(use_engine(recorded_engine.url).client, ElasticsearchClient)
    assert isinstance(use_engine(recorded_engine.url, "opensearch").client, OpenSearchClient)
    with pytest.raises(ImproperlyConfigured, match="solr"):
        use_engine(recorded_engine.url, "solr")


def test_health(use_engine, recorded_engine):
    recorded_engine.expect("GET", "/_cluster/health", recorded("cluster_health"))
    assert use_engine(recorded_engine.url).health()["status"] == "green"
    request = recorded_engine.requests[0]
    assert request.headers["accept"] == ES_MEDIA_TYPE


def test_search_sends_the_dsl_body_and_reads_hits_facets_and_highlights(
    use_engine, recorded_engine
):
    reply = recorded("search_near_leeds")
    recorded_engine.expect("POST", f"/{ALIAS}/_search", reply)
    use_engine(recorded_engine.url)
    results = EngineBackend().search(NEAR_LEEDS)

    sent = recorded_engine.last("POST", f"/{ALIAS}/_search")
    assert sent.headers["content-type"] == ES_MEDIA_TYPE
    assert sent.json == json_round_trip(build_search(ALIAS, NEAR_LEEDS).to_dict())
    assert sent.json["post_filter"] == {
        "bool": {"filter": [{"terms": {"topic_slugs": ["training"]}}]}
    }
    assert "query_string" not in json.dumps(sent.json)

    assert results.backend == "engine" and not results.degraded
    assert results.total == 2
    assert [hit.document_id for hit in results.hits] == ["fixture_course:2", "fixture_course:3"]
    bradford, mentoring = results.hits
    assert bradford.nearest_label == "Bradford"
    assert bradford.distance_miles == pytest.approx(8.7, abs=0.2)
    assert mentoring.nearest_label == "Manchester"  # the nearer of its two places
    assert bradford.next_date.year == 2099 and bradford.next_date.month == 1
    assert bradford.highlight == "Accredited training for new <mark>peer</mark> supporters."
    assert bradford.accreditation == "OCN Level 3" and bradford.delivery == "in_person"
    assert results.facets == {
        "kind": [("fixture_course", 2)],
        "topic": [("Training", 2), ("Mentoring", 1), ("Networking", 1)],
        "region": [("North West", 1), ("Yorkshire and the Humber", 1)],
    }


def test_both_clients_send_the_same_body_and_give_the_same_results(use_engine, recorded_engine):
    reply = recorded("search_near_leeds")
    recorded_engine.expect("POST", f"/{ALIAS}/_search", reply)
    recorded_engine.expect("POST", f"/{ALIAS}/_search", reply)
    use_engine(recorded_engine.url, "elasticsearch")
    from_elasticsearch = EngineBackend().search(NEAR_LEEDS)
    use_engine(recorded_engine.url, "opensearch")
    from_opensearch = EngineBackend().search(NEAR_LEEDS)

    es_request, os_request = recorded_engine.requests
    assert es_request.json == os_request.json
    assert es_request.headers["content-type"] == ES_MEDIA_TYPE
    assert os_request.headers["content-type"] == "application/json"
    assert from_elasticsearch == from_opensearch


def test_suggestions(use_engine, recorded_engine):
    recorded_engine.expect("POST", f"/{ALIAS}/_search", recorded("suggest_peer"))
    use_engine(recorded_engine.url)
    assert EngineBackend().suggest("peer") == [
        "Peer mentoring course",
        "Online skills for peer workers",
        "Peer support training in Bradford",
    ]
    sent = recorded_engine.requests[0].json
    assert sent["suggest"]["complete"] == {
        "prefix": "peer",
        "completion": {"field": "suggest", "skip_duplicates": True, "size": 8},
    }


def test_rebuild_creates_an_index_bulk_loads_and_swaps_the_alias(
    use_engine, recorded_engine, catalogue
):
    old = next(iter(recorded("alias_targets")))
    (
        recorded_engine.expect("PUT", "", recorded("index_created"))  # paths filled in below
        .expect("PUT", "", recorded("acknowledged"))
        .expect("PUT", "/_bulk", recorded("bulk_indexed"))
        .expect("PUT", "", recorded("acknowledged"))
        .expect("POST", "", recorded("refreshed"))
        .expect("GET", f"/_alias/{ALIAS}", recorded("alias_targets"))
        .expect("POST", "/_aliases", recorded("acknowledged"))
        .expect("DELETE", f"/{old}", recorded("acknowledged"))
    )
    # The new index's name is made at run time: fill in its paths as they come.
    engine = use_engine(recorded_engine.url)
    engine.create_index = _naming(engine.create_index, recorded_engine)
    new_index, total = engine.rebuild()

    assert total == 10
    created = recorded_engine.last("PUT", f"/{new_index}").json
    assert created["mappings"]["properties"]["locations"] == {"type": "geo_point"}
    assert created["mappings"]["properties"]["suggest"]["type"] == "completion"
    assert "catalogue_search" in created["settings"]["analysis"]["analyzer"]
    lines = recorded_engine.last("PUT", "/_bulk").ndjson
    assert len(lines) == 20
    assert lines[0] == {"index": {"_index": new_index, "_id": "fixture_group:1"}}
    assert lines[3]["places"] == [{"lat": 53.796, "lon": -1.7594, "label": "Bradford"}]
    # No refresh while the new index fills; the default again before the alias moves.
    paused, restored = (
        r.json for r in recorded_engine.requests if r.path == f"/{new_index}/_settings"
    )
    assert paused == {"index": {"refresh_interval": "-1"}}
    assert restored == {"index": {"refresh_interval": None}}
    assert recorded_engine.last("POST", "/_aliases").json == {
        "actions": [
            {"remove": {"index": old, "alias": ALIAS}},
            {"add": {"index": new_index, "alias": ALIAS}},
        ]
    }


def _naming(create_index, state):
    def create(name=None):
        from django.utils import timezone

        name = name or f"{ALIAS}-{timezone.now():%Y%m%d%H%M%S%f}"
        state.expected[0].path = f"/{name}"
        state.expected[1].path = state.expected[3].path = f"/{name}/_settings"
        state.expected[4].path = f"/{name}/_refresh"
        return create_index(name)

    return create


def test_changes_are_written_through_the_alias_and_deletes_tolerate_missing(
    use_engine, recorded_engine, catalogue
):
    recorded_engine.expect(
        "PUT", f"/{ALIAS}/_doc/fixture_course%3A2", recorded("document_indexed"), status=201
    )
    recorded_engine.expect(
        "DELETE", f"/{ALIAS}/_doc/fixture_course%3A404", recorded("document_missing"), status=404
    )
    engine = use_engine(recorded_engine.url)
    engine.apply_change(IndexOutbox(action=IndexOutbox.UPSERT, kind="fixture_course", object_id=2))
    assert (
        engine.apply_change(
            IndexOutbox(action=IndexOutbox.DELETE, kind="fixture_course", object_id=404)
        )
        is None
    )

    written = recorded_engine.requests[0]
    assert written.query == {"require_alias": "true"}
    assert written.json["title"] == "Peer support training in Bradford"
    assert written.json["topic_slugs"] == ["training"]


def test_drift_scrolls_the_index(use_engine, recorded_engine, catalogue):
    (
        recorded_engine.expect("POST", f"/{ALIAS}/_search", recorded("scroll_first_page"))
        .expect("POST", "/_search/scroll", recorded("scroll_end"))
        .expect("DELETE", "/_search/scroll", recorded("clear_scroll"))
    )
    drift = use_engine(recorded_engine.url).drift()
    assert drift["extra"] == ["fixture_event:99"]
    assert "fixture_group:1" not in drift["missing"] and len(drift["missing"]) == 9
    assert drift["stale"] == []
    assert recorded_engine.requests[0].query["scroll"] == "5m"


def test_a_missing_index_means_the_database_answers(use_engine, recorded_engine, catalogue):
    recorded_engine.expect("POST", f"/{ALIAS}/_search", recorded("index_not_found"), status=404)
    use_engine(recorded_engine.url)
    results = EngineBackend().search(SearchQuery(kinds=("fixture_course",)))
    assert results.degraded and results.notice == DEGRADED_NOTICE
    assert {hit.object_id for hit in results.hits} == {2, 3, 5}


def test_a_server_that_is_not_elasticsearch_is_refused(use_engine, recorded_engine, catalogue):
    """elasticsearch-py checks X-Elastic-Product; without it the engine counts as down."""
    recorded_engine.expect(
        "POST", f"/{ALIAS}/_search", recorded("search_near_leeds"), product_header=False
    )
    use_engine(recorded_engine.url)
    assert EngineBackend().search(NEAR_LEEDS).degraded


@pytest.mark.parametrize("engine", ["elasticsearch", "opensearch"])
def test_credentials_in_the_url_are_sent_as_basic_auth(use_engine, recorded_engine, engine):
    recorded_engine.expect("GET", "/_cluster/health", recorded("cluster_health"))
    url = recorded_engine.url.replace("http://", "http://reader:s%40cret@")
    client = use_engine(url, engine).client
    assert client.connection.url == recorded_engine.url
    assert "s@cret" not in repr(client.connection)
    client.health()
    expected = base64.b64encode(b"reader:s@cret").decode()
    assert recorded_engine.requests[0].headers["authorization"] == f"Basic {expected}"


def with_failed_shard(reply):
    return {**reply, "_shards": {"total": 3, "successful": 2, "skipped": 0, "failed": 1}}


@pytest.mark.parametrize("engine", ["elasticsearch", "opensearch"])
def test_a_reply_missing_a_shard_is_asked_again_once(use_engine, recorded_engine, engine):
    reply = recorded("search_near_leeds")
    recorded_engine.expect("POST", f"/{ALIAS}/_search", with_failed_shard(reply))
    recorded_engine.expect("POST", f"/{ALIAS}/_search", reply)
    use_engine(recorded_engine.url, engine)
    results = EngineBackend().search(NEAR_LEEDS)
    assert not results.degraded
    assert [f"{hit.kind}:{hit.object_id}" for hit in results.hits] == [
        hit["_id"] for hit in reply["hits"]["hits"]
    ]


def test_shards_still_missing_fall_back_rather_than_show_part(
    use_engine, recorded_engine, catalogue
):
    partial = with_failed_shard(recorded("search_near_leeds"))
    recorded_engine.expect("POST", f"/{ALIAS}/_search", partial)
    recorded_engine.expect("POST", f"/{ALIAS}/_search", partial)
    use_engine(recorded_engine.url)
    results = EngineBackend().search(NEAR_LEEDS)
    # Served by the database backend from the same catalogue, and said to be.
    assert results.degraded
    assert results.hits == DatabaseBackend().search(NEAR_LEEDS).hits
    assert results.hits
