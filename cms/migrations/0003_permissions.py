"""Groups, collections and permissions from the table in docs/permissions.md."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def apply_table(apps, schema_editor):
    from cms.permissions import sync_permissions

    # Permissions are normally created after migrate; the table needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial_content"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(apply_table, migrations.RunPython.noop)]
