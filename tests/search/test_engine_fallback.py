"""When the engine can't answer: the database serves, marked degraded, and nothing is lost."""

from unittest import mock

import pytest

from search.backends.base import DEGRADED_NOTICE, SearchQuery
from search.backends.engine import EngineBackend, clear_engine_cache, get_engine
from search.models import IndexOutbox
from search.sync import drain_outbox
from tests.factories.cms import GuidancePageFactory

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: connection refused at once


@pytest.fixture
def engine_down(settings):
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": UNREACHABLE,
        "INDEX_ALIAS": "unreachable",
        "TIMEOUT_SECONDS": 0.5,
    }
    clear_engine_cache()
    yield
    clear_engine_cache()


def test_search_falls_back_to_the_database(engine_down, catalogue):
    results = EngineBackend().search(SearchQuery(kinds=("fixture_course",)))
    assert results.degraded is True
    assert results.notice == DEGRADED_NOTICE
    assert results.backend == "database"
    assert {hit.object_id for hit in results.hits} == {2, 3, 5}


def test_the_circuit_breaker_skips_the_engine_after_a_failure(engine_down, catalogue):
    EngineBackend().search(SearchQuery())
    with mock.patch.object(get_engine(), "search") as engine_search:
        assert EngineBackend().search(SearchQuery()).degraded
    engine_search.assert_not_called()


def test_suggestions_fall_back_too(engine_down, catalogue):
    assert "Peer mentoring course" in EngineBackend().suggest("peer")


def test_changes_wait_in_the_outbox_while_the_engine_is_down(
    engine_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        GuidancePageFactory(title="Written while down").save_revision().publish()
    row = IndexOutbox.objects.get()
    assert row.attempts == 1
    assert row.last_error


@pytest.mark.engine
def test_missed_changes_are_replayed_when_the_engine_is_back(
    engine_settings, settings, django_capture_on_commit_callbacks
):
    get_engine().rebuild()
    working = settings.PEER_SUPPORT_SEARCH
    settings.PEER_SUPPORT_SEARCH = {**working, "ENGINE_URL": UNREACHABLE, "TIMEOUT_SECONDS": 0.5}
    clear_engine_cache()
    with django_capture_on_commit_callbacks(execute=True):
        GuidancePageFactory(title="Published during the outage").save_revision().publish()
    assert IndexOutbox.objects.count() == 1
    # The node is back (and the process restarted: nothing was held in memory).
    settings.PEER_SUPPORT_SEARCH = working
    clear_engine_cache()
    report = drain_outbox()
    assert (report.applied, report.remaining) == (1, 0)
    get_engine().refresh()
    hits = EngineBackend().search(SearchQuery(q="published during the outage")).hits
    assert [hit.title for hit in hits] == ["Published during the outage"]
