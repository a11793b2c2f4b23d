"""The database backend, the API and the page use a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.synonyms import synonym_sets

from .conftest import LEEDS

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


@pytest.fixture
def warm_synonyms(catalogue):
    synonym_sets()  # cached: one query per five minutes, not per search


def test_a_text_search_with_facets(warm_synonyms, django_assert_num_queries):
    # 1 grouped count by kind and region (the total and two facets), 1 topic facet,
    # 1 page of entries, 1 prefetch of their upcoming dates: 3 text scans, not 5.
    with django_assert_num_queries(4):
        results = DatabaseBackend().search(SearchQuery(q="peer", topics=("Training",)))
    assert results.total


def test_a_distance_sorted_search(warm_synonyms, django_assert_num_queries):
    # 1 locations in the bounding box, 1 grouped count by kind and region, 1 topic
    # facet, 1 ordered ids, 1 page of entries, 1 prefetch of dates.
    with django_assert_num_queries(6):
        DatabaseBackend().search(SearchQuery(near=LEEDS, radius_miles=50, sort="distance"))


def test_the_api_does_not_grow_with_the_page_size(
    client, warm_synonyms, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        small = client.get("/api/v1/search", {"page_size": 2}).json()
    with django_assert_max_num_queries(4):
        large = client.get("/api/v1/search", {"page_size": 50}).json()
    assert len(small["results"]) == 2
    assert len(large["results"]) == 10


def test_the_page_does_not_grow_with_the_results(client, warm_synonyms):
    client.get("/search/", {"q": "warm up"})  # the site's own per-process caches
    counts = []
    for params in ({"kind": "fixture_group", "q": "a"}, {"q": "e"}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", params)
        assert response.context["results"].total in {3, 10}
        counts.append(len(captured))
    assert counts[0] == counts[1]
