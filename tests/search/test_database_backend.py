"""The database backend's own mechanics: clauses, synonyms, bounding boxes, suggestions."""

import pytest

from cms.geocoding.distance import haversine_miles
from search.backends.base import SearchQuery, get_backend
from search.backends.database import DatabaseBackend, bounding_box
from search.finder import did_you_mean, reduce_postcodes
from search.models import SynonymSet
from search.synonyms import query_clauses
from tests.factories.cms import GuidancePageFactory
from tests.factories.search import CatalogueEntryFactory, SynonymSetFactory

from .conftest import LEEDS

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


def test_the_default_backend_is_the_database():
    assert isinstance(get_backend(), DatabaseBackend)


def test_synonym_terms_are_split_on_commas_and_lines():
    synonyms = SynonymSet(
        name="x", terms="Peer support,  mutual   aid\nSelf-help group,, peer support"
    )
    assert synonyms.term_list() == ["peer support", "mutual aid", "self-help group"]


def test_query_clauses_expand_phrases_from_synonym_sets():
    SynonymSetFactory(terms="peer support, mutual aid, self-help group")
    assert query_clauses("Mutual aid in Leeds") == [
        ["peer support", "mutual aid", "self-help group"],
        ["in"],
        ["leeds"],
    ]
    assert query_clauses("self-help group") == [["peer support", "mutual aid", "self-help group"]]
    assert query_clauses("aid") == [["aid"]]


def test_saving_a_synonym_set_takes_effect_at_once(catalogue):
    backend = DatabaseBackend()
    assert backend.search(SearchQuery(q="sister circle")).total == 1
    SynonymSetFactory(terms="sister circle, mutual aid")
    assert backend.search(SearchQuery(q="sister circle")).total == 2


@pytest.mark.parametrize("miles", [1, 25, 200])
def test_the_bounding_box_contains_the_radius(miles):
    south, north, west, east = bounding_box(*LEEDS, miles)
    assert haversine_miles(*LEEDS, north, LEEDS[1]) >= miles * 0.99
    assert haversine_miles(*LEEDS, south, LEEDS[1]) >= miles * 0.99
    assert haversine_miles(*LEEDS, LEEDS[0], east) >= miles * 0.99
    assert haversine_miles(*LEEDS, LEEDS[0], west) >= miles * 0.99


def test_plurals_match_singulars(catalogue):
    results = DatabaseBackend().search(SearchQuery(q="groups"))
    assert {hit.object_id for hit in results.hits} >= {1, 6, 7}


def test_relevance_scores_title_above_summary_above_body(catalogue):
    results = DatabaseBackend().search(SearchQuery(q="peer"))
    scores = {hit.object_id: hit.score for hit in results.hits}
    assert scores[2] == 3  # title
    assert scores[9] == 2  # summary
    assert scores[8] == 1  # body only


def test_suggestions_never_offer_unpublished_words(db):
    published = GuidancePageFactory(title="Listening skills")
    published.save_revision().publish()
    draft = GuidancePageFactory(
        title="Listening secrets", parent=published.get_parent(), live=False
    )
    draft.save_revision()
    assert DatabaseBackend().suggest("listen") == ["Listening skills"]
    assert did_you_mean("secrets") == []


def test_did_you_mean_offers_close_published_words(catalogue):
    assert did_you_mean("mentorring") == ["Mentoring"]
    assert did_you_mean("hearing voises") == ["Hearing voices"]


def test_full_postcodes_are_reduced_to_districts():
    assert reduce_postcodes("groups near ls6 3hn and M1 1AE") == "groups near LS6 and M1"
    assert reduce_postcodes("LS6") == "LS6"


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"kinds": ("fixture_course",)},
        {"regions": ("Yorkshire and the Humber",)},
        {"topics": ("Training",), "regions": ("Yorkshire and the Humber", "London")},
        {"kinds": ("fixture_course", "fixture_event"), "regions": ("North West",), "q": "peer"},
    ],
)
def test_grouped_facets_count_what_each_facet_would_alone(catalogue, filters):
    """Each facet equals the hits of the same search without that facet's own filter."""
    backend = DatabaseBackend()
    results = backend.search(SearchQuery(**filters))

    def counted(name, field):
        without = {key: value for key, value in filters.items() if key != name}
        hits = backend.search(SearchQuery(**without, page_size=100, facets=False)).hits
        found = {}
        for hit in hits:
            for value in field(hit):
                found[value] = found.get(value, 0) + 1
        return found

    assert dict(results.facets["kind"]) == counted("kinds", lambda hit: [hit.kind])
    assert dict(results.facets["region"]) == counted(
        "regions", lambda hit: [hit.region] if hit.region else []
    )
    assert dict(results.facets["topic"]) == counted("topics", lambda hit: hit.topics)
    assert results.total == len(backend.search(SearchQuery(**filters, page_size=100)).hits)


def test_did_you_mean_reads_the_titles_once_until_the_catalogue_changes(
    catalogue, django_assert_num_queries
):
    assert did_you_mean("mentorring") == ["Mentoring"]
    # Cached: 1 aggregate (count and latest change) says the vocabulary is still true.
    with django_assert_num_queries(1):
        assert did_you_mean("hearing voises") == ["Hearing voices"]
    assert did_you_mean("allotmint") == []
    CatalogueEntryFactory(title="Allotment mornings")
    # Changed: the aggregate, the titles and the topic names are read again.
    with django_assert_num_queries(3):
        assert did_you_mean("allotmint") == ["allotment"]
