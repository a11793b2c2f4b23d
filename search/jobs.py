"""Search's periodic jobs, run by ``manage.py run_scheduler``."""

from datetime import timedelta

from django.utils import timezone

from cms.plugins import PeriodicJob

SEARCH_LOG_RETENTION_DAYS = 90


def purge_search_log(days=SEARCH_LOG_RETENTION_DAYS):
    """Delete logged search terms older than ``days``; returns (rows deleted, cutoff date)."""
    from .models import SearchQueryLog

    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _ = SearchQueryLog.objects.filter(searched_on__lt=cutoff).delete()
    return deleted, cutoff


class SearchLogPurgeJob(PeriodicJob):
    name = "search-log-purge"
    description = f"Forget searched terms after {SEARCH_LOG_RETENTION_DAYS} days."
    interval = timedelta(days=1)

    def run(self, now):
        deleted, cutoff = purge_search_log()
        return f"Deleted {deleted} search log row(s) older than {cutoff}."


class SearchOutboxJob(PeriodicJob):
    """A backstop: publishing already queues a drain, but a drain can fail with the engine."""

    name = "search-outbox"
    description = "Replay queued index changes into the search engine."
    interval = timedelta(minutes=1)

    def run(self, now):
        from .sync import drain_outbox, engine_enabled

        if not engine_enabled():
            return "No search engine configured."
        report = drain_outbox()
        return f"Applied {report.applied}, failed {report.failed}, {report.remaining} queued."
