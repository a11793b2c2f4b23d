"""``manage.py purge_search_log``: forget searched terms after the retention period."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from search.models import SearchQueryLog

RETENTION_DAYS = 90


class Command(BaseCommand):
    help = f"Delete logged search terms older than {RETENTION_DAYS} days (see docs/privacy.md)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RETENTION_DAYS)

    def handle(self, days, **options):
        cutoff = timezone.localdate() - timedelta(days=days)
        deleted, _ = SearchQueryLog.objects.filter(searched_on__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} search log row(s) older than {cutoff}.")
