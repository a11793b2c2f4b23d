"""The networks tree (one network per region and National & online), the
communities list, and the coordinators' page permissions on their subtrees."""

from django.db import migrations


def create_tree(apps, schema_editor):
    from cms.permissions import sync_permissions
    from networks.tree import build_tree

    build_tree(apps)
    sync_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0001_initial"),
        ("cms", "0003_permissions"),
    ]

    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
