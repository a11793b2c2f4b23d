"""The networks' periodic jobs, run by ``manage.py run_scheduler``."""

from datetime import timedelta

from cms.plugins import PeriodicJob


class EventOccurrenceRefreshJob(PeriodicJob):
    """Rolls recurring events' materialised dates forward (twelve months from today)."""

    name = "networks-event-occurrences"
    description = "Recurring events: rewrite their dates for the next twelve months."
    interval = timedelta(days=1)

    def run(self, now):
        from .models import EventPage

        events = dates = 0
        for page in EventPage.objects.exclude(repeats="").only(*_SCHEDULE_COLUMNS).iterator():
            events += 1
            dates += page.refresh_scheduled_occurrences(now)
        return f"{events} recurring events, {dates} dates."


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
