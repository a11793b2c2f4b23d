"""The networks' periodic jobs, run by ``manage.py run_scheduler``."""

from collections import defaultdict
from datetime import timedelta

from cms.plugins import PeriodicJob


class EventOccurrenceRefreshJob(PeriodicJob):
    """Rolls recurring events' materialised dates forward (twelve months from today),
    then re-indexes the events whose dates to come are no longer the catalogue's."""

    name = "networks-event-occurrences"
    description = "Recurring events: rewrite their dates for the next twelve months."
    interval = timedelta(days=1)

    def run(self, now):
        from .models import EventPage

        events = dates = 0
        for page in EventPage.objects.exclude(repeats="").only(*_SCHEDULE_COLUMNS).iterator():
            events += 1
            dates += page.refresh_scheduled_occurrences(now)
        reindexed = reindex_changed_event_dates(now)
        return f"{events} recurring events, {dates} dates; {reindexed} events re-indexed."


def reindex_changed_event_dates(now):
    """Store again the catalogue documents of events whose start times from ``now`` on
    differ from the indexed ones (the rolling window moved, a date was added or
    dropped); returns how many. Queries: the indexed entries and their dates to
    come, the events' one-off and scheduled dates to come, then the changed events."""
    from cms.hooks import catalogue_sources
    from search.models import CatalogueDate, CatalogueEntry
    from search.sync import remove_entry, store_document

    from .models import EventOccurrence, ScheduledOccurrence

    source = catalogue_sources.get("event")
    entries = CatalogueEntry.objects.filter(kind=source.kind)
    ids = set(entries.values_list("object_id", flat=True))
    indexed, current = defaultdict(set), defaultdict(set)
    future = CatalogueDate.objects.filter(entry__kind=source.kind, starts_at__gte=now)
    for object_id, start in future.values_list("entry__object_id", "starts_at"):
        indexed[object_id].add(start)
    for model in (EventOccurrence, ScheduledOccurrence):
        rows = model.objects.filter(page_id__in=entries.values("object_id"), start__gte=now)
        for page_id, start in rows.values_list("page_id", "start"):
            current[page_id].add(start)
    changed = {pk for pk in ids if indexed[pk] != current[pk]}
    if not changed:
        return 0
    listed = source.get_queryset().filter(pk__in=changed)
    for page in listed:
        store_document(source.to_document(page))
    for gone in changed - {page.pk for page in listed}:
        remove_entry(source.kind, gone)
    return len(changed)


class CalendarImportJob(PeriodicJob):
    """Imports each network's configured public calendar as draft events."""

    name = "networks-calendar-import"
    description = "Networks' public calendars into draft events (idempotent by UID)."
    interval = timedelta(hours=6)

    def run(self, now):
        from .importers import CalendarFeed, CalendarImporter
        from .models import NetworkPage

        summaries = []
        for network in NetworkPage.objects.exclude(calendar_feed_url="").order_by("title"):
            report = CalendarImporter().run(CalendarFeed(network, network.calendar_feed_url))
            failed = f" ({report.errors[0]})" if report.errors and not report.lines else ""
            summaries.append(f"{network.title}: {report.summary()}{failed}")
        return "; ".join(summaries) or "No network has a calendar to import."


_SCHEDULE_COLUMNS = (
    "repeats",
    "repeat_every",
    "repeat_weekday",
    "repeat_week_of_month",
    "repeat_starts_at",
    "repeat_ends_at",
    "repeat_from",
    "repeat_until",
    "cancelled_dates",
)
