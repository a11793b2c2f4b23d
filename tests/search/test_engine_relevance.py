"""What only the engine does: typo tolerance, and answering while the index is rebuilt."""

import pytest

from search.backends.base import SearchQuery
from search.backends.engine import get_engine
from tests.search.conftest import StrictEngineBackend, fixture_documents

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def engine_catalogue(catalogue, engine_settings):
    get_engine().rebuild()
    return StrictEngineBackend()


@pytest.mark.parametrize(
    ("typed", "expected_id"),
    [("Bradfrod", 2), ("safegaurding", 2), ("mutal aid", 1)],
)
def test_a_typo_still_finds_the_document(engine_catalogue, typed, expected_id):
    results = engine_catalogue.search(SearchQuery(q=typed))
    assert expected_id in [hit.object_id for hit in results.hits], typed


def test_searches_answer_in_full_while_a_rebuild_runs(engine_catalogue):
    everything = len(fixture_documents())
    seen_during_rebuild = []

    def search_midway(indexed_so_far):
        # Called after a chunk went into the new index, before the alias moves.
        seen_during_rebuild.append(engine_catalogue.search(SearchQuery(page_size=50)).total)

    new_index, indexed = get_engine().rebuild(progress=search_midway)
    assert indexed == everything
    assert seen_during_rebuild == [everything]
    assert get_engine().alias_targets() == [new_index]
    assert engine_catalogue.search(SearchQuery(page_size=50)).total == everything
