"""A real outage: stop a node of our own, publish, restart it, and the change arrives.

Uses a private single-node cluster (its own state directory and port), so the
suite's shared node is never touched. Slow: two JVM starts.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.cache import cache
from django.db import connection

import pytest

from search.backends.base import SearchQuery
from search.backends.engine import EngineBackend, clear_engine_cache, get_engine
from search.models import IndexOutbox
from search.sync import drain_outbox
from tests.conftest import require_service
from tests.factories.cms import GuidancePageFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.slow]


def test_a_change_made_while_the_node_is_down_arrives_after_restart(
    own_node, settings, django_capture_on_commit_callbacks
):
    url, start, stop = own_node
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": url,
        "INDEX_ALIAS": "outage-catalogue",
        # Creating the index on a node just booted can outlast 1 s on a busy machine.
        "TIMEOUT_SECONDS": 10,
    }
    clear_engine_cache()
    get_engine().rebuild()
    # Short from here on: the outage is noticed at once.
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "TIMEOUT_SECONDS": 1}
    clear_engine_cache()
    stop()

    with django_capture_on_commit_callbacks(execute=True):
        GuidancePageFactory(title="Published in the outage").save_revision().publish()
    assert IndexOutbox.objects.get().attempts == 1
    degraded = EngineBackend().search(SearchQuery(q="published in the outage"))
    assert degraded.degraded and degraded.total == 1  # the database answers meanwhile

    # A new process: no client, no circuit breaker state, only the outbox table.
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "TIMEOUT_SECONDS": 10}
    clear_engine_cache()
    cache.clear()
    assert start() == url
    report = drain_outbox()
    assert (report.applied, report.remaining) == (1, 0)
    get_engine().refresh()
    results = EngineBackend().search(SearchQuery(q="published in the outage"))
    assert not results.degraded
    assert [hit.title for hit in results.hits] == ["Published in the outage"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_django_process_replays_what_the_outage_left(own_node, settings):
    """Committed data and a second process: what a restart really leaves is the outbox table."""
    if connection.vendor != "postgresql":
        require_service(
            False, "A second process needs a shared database: set DATABASE_URL to PostgreSQL"
        )
    url, start, stop = own_node
    alias = "restart-catalogue"
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": url,
        "INDEX_ALIAS": alias,
        "TIMEOUT_SECONDS": 1,
    }
    clear_engine_cache()
    get_engine().rebuild()
    stop()
    GuidancePageFactory(title="Published before the restart").save_revision().publish()
    assert IndexOutbox.objects.count() == 1

    assert start() == url
    database = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "OPENSEARCH_URL": url,
        "SEARCH_INDEX_ALIAS": alias,
    }
    drain = subprocess.run(
        [sys.executable, "manage.py", "catalogue_index", "drain"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert drain.returncode == 0, drain.stderr
    assert IndexOutbox.objects.count() == 0
    clear_engine_cache()
    get_engine().refresh()
    results = EngineBackend().search(SearchQuery(q="published before the restart"))
    assert not results.degraded
    assert [hit.title for hit in results.hits] == ["Published before the restart"]
