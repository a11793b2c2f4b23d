"""``manage.py purge_search_log``: forget searched terms after the retention period."""

from django.core.management.base import BaseCommand

from search.jobs import SEARCH_LOG_RETENTION_DAYS, purge_search_log


class Command(BaseCommand):
    help = (
        f"Delete logged search terms older than {SEARCH_LOG_RETENTION_DAYS} days "
        "(see docs/privacy.md). The scheduler runs this daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=SEARCH_LOG_RETENTION_DAYS)

    def handle(self, days, **options):
        deleted, cutoff = purge_search_log(days)
        self.stdout.write(f"Deleted {deleted} search log row(s) older than {cutoff}.")
