"""``manage.py import_calendar NETWORK_SLUG [URL]``: a public calendar into draft events."""

from django.core.management.base import BaseCommand, CommandError

from cms.hooks import importers
from networks.importers import CalendarFeed
from networks.models import NetworkPage


class Command(BaseCommand):
    help = (
        "Import a network's public iCalendar feed as draft events under its Events page "
        "(the network's configured calendar unless URL is given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("network", help="The network page's slug, e.g. london.")
        parser.add_argument("url", nargs="?", help="The calendar's address (http or https).")
        parser.add_argument("--dry-run", action="store_true", help="Check without saving.")

    def handle(self, *args, network, url, dry_run, **options):
        page = NetworkPage.objects.filter(slug=network).first()
        if page is None:
            raise CommandError(f"There is no network with the slug “{network}”.")
        url = url or page.calendar_feed_url
        if not url:
            raise CommandError(f"{page.title} has no calendar to import: give a URL.")
        self.stdout.write(f"Importing {url} into {page.title}…")
        report = importers.get("networks_ical").run(CalendarFeed(page, url), dry_run=dry_run)
        for line in report.lines:
            self.stdout.write(f"  {line}")
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}.")
        for line in report.errors:
            self.stdout.write(self.style.WARNING(f"  {line}"))
        if report.errors and not (report.created or report.updated or report.unchanged):
            raise CommandError("Nothing was imported.")
