"""The daily occurrence refresh keeps search dates right: a recurring event's dates
roll forward twelve months a day at a time, and the catalogue follows.

The event is published as it would have been 20 days ago (its dates materialised
from then, its document stored then), so its indexed dates end 20 days short of
the window; the job adds the missing dates to the rows and to the catalogue.
"""

import datetime

from django.utils import timezone

import pytest

from cms.hooks import periodic_jobs
from cms.scheduler import run_job
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.backends.engine import EngineBackend, get_engine
from search.models import CatalogueDate, IndexOutbox
from search.sync import drain_outbox, sync_instance
from tests.factories.networks import EventPageFactory, RecurringEventPageFactory
from tests.search.conftest import engine_settings  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def published_days_ago(event, days):
    """The state a publication ``days`` ago left: dates from then, indexed then."""
    event.refresh_scheduled_occurrences(timezone.now() - days * DAY)
    sync_instance(event)


def far_ahead():
    """Events with a date 346 to 366 days from now: only a fresh window reaches there."""
    now = timezone.now()
    return SearchQuery(
        kinds=("event",), starts_after=now + 346 * DAY, starts_before=now + 366 * DAY
    )


def refresh():
    return run_job(periodic_jobs.get("networks-event-occurrences"))


def titles(backend, query):
    return [hit.title for hit in backend.search(query).hits]


def test_the_refresh_reindexes_an_event_whose_dates_moved_on():
    event = RecurringEventPageFactory(title="Fortnightly circle")
    published_days_ago(event, 20)
    backend = DatabaseBackend()
    assert titles(backend, far_ahead()) == []
    indexed_before = CatalogueDate.objects.filter(entry__object_id=event.pk).count()

    run = refresh()

    assert run.outcome == "succeeded"
    assert run.summary.endswith("1 events re-indexed."), run.summary
    assert titles(backend, far_ahead()) == ["Fortnightly circle"]
    last = max(
        CatalogueDate.objects.filter(entry__object_id=event.pk).values_list("starts_at", flat=True)
    )
    assert last > timezone.now() + 346 * DAY
    assert CatalogueDate.objects.filter(entry__object_id=event.pk).count() > indexed_before
    # The catalogue's next date is the event page's next date.
    [hit] = backend.search(SearchQuery(kinds=("event",), q="Fortnightly")).hits
    assert hit.next_date == event.upcoming_occurrences[0].start


def test_events_whose_dates_did_not_change_are_left_alone(settings, monkeypatch):
    # With an engine configured every re-index queues a row in the outbox.
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": "http://x.invalid",
    }
    monkeypatch.setattr("search.sync.schedule_drain", lambda: None)
    RecurringEventPageFactory(title="Fresh circle")  # published now: indexed to the window's end
    EventPageFactory(title="One evening")
    IndexOutbox.objects.all().delete()

    assert refresh().summary.endswith("0 events re-indexed.")
    assert not IndexOutbox.objects.exists()


@pytest.mark.engine
@pytest.mark.usefixtures("engine_settings")
def test_the_engine_gets_the_new_dates():
    event = RecurringEventPageFactory(title="Fortnightly circle")
    published_days_ago(event, 20)
    get_engine().rebuild()
    engine = EngineBackend()
    assert titles(engine, far_ahead()) == []

    refresh()
    report = drain_outbox()

    assert report.failed == 0 and report.applied >= 1
    get_engine().refresh()
    results = engine.search(far_ahead())
    assert not results.degraded
    assert [hit.title for hit in results.hits] == ["Fortnightly circle"]


def test_comparing_the_dates_takes_four_queries_however_many_events(django_assert_num_queries):
    from networks.jobs import reindex_changed_event_dates

    # The indexed events, their dates to come, their one-off and their scheduled dates.
    RecurringEventPageFactory()
    EventPageFactory()
    with django_assert_num_queries(4):
        assert reindex_changed_event_dates(timezone.now()) == 0
    for _ in range(3):
        RecurringEventPageFactory()
        EventPageFactory()
    with django_assert_num_queries(4):
        assert reindex_changed_event_dates(timezone.now()) == 0
