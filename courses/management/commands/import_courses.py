"""``manage.py import_courses FILE``: courses from CSV, with a report at the end."""

from django.core.management.base import BaseCommand, CommandError

from cms.hooks import importers


class Command(BaseCommand):
    help = "Import courses from a CSV file (columns in docs/courses.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate without saving.")

    def handle(self, *args, file, dry_run, **options):
        importer_class = type(importers.get("courses_csv"))
        importer = importer_class(progress=self.progress)
        try:
            with open(file, newline="", encoding="utf-8-sig") as source:
                report = importer.run(source, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        verb = "Would have" if dry_run else ""
        self.stdout.write(
            f"{verb} created {report.created}, updated {report.updated}, "
            f"rejected {report.skipped}.".strip().capitalize()
        )
        for line in report.errors:
            self.stdout.write(self.style.WARNING(f"  {line}"))
        if report.errors and not (report.created or report.updated):
            raise CommandError("Nothing was imported.")

    def progress(self, done, total):
        width = 30
        filled = width * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stdout.write("")
