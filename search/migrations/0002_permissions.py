"""Apply docs/permissions.md again now the search models (synonyms, query log) exist."""

from django.db import migrations

from cms.permissions import sync_permissions_in_migration


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("cms", "0003_permissions")]

    operations = [migrations.RunPython(sync_permissions_in_migration, migrations.RunPython.noop)]
