"""A real outage: stop a node of our own, publish, restart it, and the change arrives.

Uses a private single-node cluster (its own state directory and port), so the
suite's shared node is never touched. Slow: two JVM starts.
"""

from django.core.cache import cache

import pytest

from search.backends.base import SearchQuery
from search.backends.engine import EngineBackend, clear_engine_cache, get_engine
from search.models import IndexOutbox
from search.sync import drain_outbox
from tests.factories.cms import GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.slow]


def test_a_change_made_while_the_node_is_down_arrives_after_restart(
    own_node, settings, django_capture_on_commit_callbacks
):
    url, start, stop = own_node
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": url,
        "INDEX_ALIAS": "outage-catalogue",
        "TIMEOUT_SECONDS": 1,
    }
    clear_engine_cache()
    get_engine().rebuild()
    stop()

    with django_capture_on_commit_callbacks(execute=True):
        GuidancePageFactory(title="Published in the outage").save_revision().publish()
    assert IndexOutbox.objects.get().attempts == 1
    degraded = EngineBackend().search(SearchQuery(q="published in the outage"))
    assert degraded.degraded and degraded.total == 1  # the database answers meanwhile

    # A new process: no client, no circuit breaker state, only the outbox table.
    clear_engine_cache()
    cache.clear()
    assert start() == url
    report = drain_outbox()
    assert (report.applied, report.remaining) == (1, 0)
    get_engine().refresh()
    results = EngineBackend().search(SearchQuery(q="published in the outage"))
    assert not results.degraded
    assert [hit.title for hit in results.hits] == ["Published in the outage"]
