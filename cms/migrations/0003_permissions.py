"""Groups, collections and permissions from the table in docs/permissions.md."""

from django.db import migrations

from cms.permissions import sync_permissions_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial_content"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(sync_permissions_in_migration, migrations.RunPython.noop)]
