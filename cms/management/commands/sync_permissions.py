from django.apps import apps
from django.core.management.base import BaseCommand

from cms.permissions import sync_permissions


class Command(BaseCommand):
    help = "Reset groups and permissions to the table in docs/permissions.md."

    def handle(self, *args, **options):
        grants = sync_permissions(apps)
        groups = sorted({grant.group for grant in grants})
        self.stdout.write(
            self.style.SUCCESS(f"Applied {len(grants)} grants to {len(groups)} groups.")
        )
