"""Groups and permissions, applied from the table in ``docs/permissions.md``.

The table is the single source of truth: ``sync_permissions`` resets every group
it names to exactly what the table grants. It takes a model registry so a data
migration can pass its historical ``apps``.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

PERMISSIONS_DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"
REGION_PLACEHOLDER = "{region}"
REGION_SLUG_PLACEHOLDER = "{region_slug}"

PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")
MODEL_ACTIONS = ("add", "change", "delete", "view")
COLLECTION_ACTIONS = ("add", "change", "choose")
AREA_ACTIONS = {
    "admin": ("access",),
    "pages": PAGE_ACTIONS,
    "snippets": MODEL_ACTIONS,
    "settings": MODEL_ACTIONS,
    "collections": COLLECTION_ACTIONS,
    "users": MODEL_ACTIONS,
}

# Wagtail checks image and document permissions against its own models, even when
# the image model is swapped for ours.
COLLECTION_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


@dataclass(frozen=True)
class Grant:
    """One row of the table, with ``{region}`` already expanded."""

    group: str
    area: str
    target: str
    actions: tuple[str, ...]


class PermissionTableError(ValueError):
    pass


def parse_table(text, region_names):
    """The table's rows as ``Grant``s, one per region for ``{region}`` rows."""
    grants = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("Group", "") or set(cells[0]) <= {"-"}:
            continue
        group, area, target, actions = cells
        if area not in AREA_ACTIONS:
            raise PermissionTableError(f"Unknown area {area!r} in row for {group!r}.")
        action_list = tuple(action.strip() for action in actions.split(","))
        unknown = set(action_list) - set(AREA_ACTIONS[area])
        if unknown:
            raise PermissionTableError(f"Unknown actions {sorted(unknown)} for {area}.")
        names = region_names if REGION_PLACEHOLDER in group else [None]
        for name in names:
            grants.append(
                Grant(
                    group=group.replace(REGION_PLACEHOLDER, name or ""),
                    area=area,
                    target=target.replace(REGION_SLUG_PLACEHOLDER, slugify(name or "")).replace(
                        REGION_PLACEHOLDER, name or ""
                    ),
                    actions=action_list,
                )
            )
    return grants


def load_table(apps):
    Region = apps.get_model("cms", "Region")
    region_names = list(Region.objects.order_by("name").values_list("name", flat=True))
    return parse_table(PERMISSIONS_DOC.read_text(), region_names)


def sync_permissions_in_migration(apps, schema_editor=None):
    """``RunPython`` entry point: an app whose models the table names calls this
    from a data migration, so a fresh database gets every grant."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the table needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_permissions(apps)


def sync_permissions(apps):
    """Reset each group in the table to exactly the permissions it lists."""
    grants = load_table(apps)
    Group = apps.get_model("auth", "Group")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in {g.group for g in grants}}
    for group in groups.values():
        _clear_group(apps, group)
    for grant in grants:
        APPLIERS[grant.area](apps, groups[grant.group], grant)
    return grants


def _clear_group(apps, group):
    group.permissions.clear()
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group).delete()
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(group=group).delete()


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _add_permissions(group, permissions):
    # A model whose app has not migrated yet has no permissions: its own data
    # migration syncs again. A typo in the table is caught by the permission tests.
    group.permissions.add(*[permission for permission in permissions if permission is not None])


def _apply_admin(apps, group, grant):
    _add_permissions(group, [_permission(apps, "wagtailadmin", "admin", "access_admin")])


def _apply_model(apps, group, grant):
    app_label, model = grant.target.split(".")
    _add_permissions(
        group,
        [_permission(apps, app_label, model, f"{action}_{model}") for action in grant.actions],
    )


def _apply_pages(apps, group, grant):
    page = _target_page(apps, grant.target)
    if page is None:
        # The subtree does not exist yet (e.g. before demo content); the app that
        # creates it syncs again.
        return
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for action in grant.actions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=_permission(apps, "wagtailcore", "page", f"{action}_page"),
        )


def _target_page(apps, target):
    Page = apps.get_model("wagtailcore", "Page")
    if target == "all":
        return Page.objects.get(depth=1)
    return Page.objects.filter(url_path=target).first()


def _apply_collections(apps, group, grant):
    collection = _collection(apps, grant.target)
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, model in COLLECTION_MODELS:
        for action in grant.actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_permission(apps, app_label, model, f"{action}_{model}"),
            )


def _collection(apps, name):
    """The named collection, created under the root if missing."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    if name == "Root":
        return root
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing:
        return existing
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    path = root.path + _base36(step).rjust(4, "0")
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return Collection.objects.create(name=name, path=path, depth=2, numchild=0)


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text or "0"


APPLIERS = {
    "admin": _apply_admin,
    "pages": _apply_pages,
    "snippets": _apply_model,
    "settings": _apply_model,
    "users": _apply_model,
    "collections": _apply_collections,
}
