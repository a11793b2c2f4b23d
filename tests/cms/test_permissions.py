"""Every group × action in docs/permissions.md: what the table grants is allowed, the rest refused."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

import pytest

from cms.permissions import AREA_ACTIONS, PermissionTableError, load_table, parse_table
from cms.permissions import sync_permissions as sync

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]

# The exact collection permission, without the ownership rule that lets "add" edit
# one's own uploads (Wagtail checks both against its own Image and Document).
COLLECTION_POLICIES = (CollectionPermissionPolicy(Image), CollectionPermissionPolicy(Document))


def grants():
    return load_table(apps)


def user_in(group_name):
    user = get_user_model().objects.create_user(
        username=f"user-{Group.objects.get(name=group_name).pk}", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)


def allowed(user, grant, action):
    """Whether ``user`` may do ``action`` in ``grant``'s area and target, asked of Wagtail."""
    if grant.area == "admin":
        return user.has_perm("wagtailadmin.access_admin")
    if grant.area in ("snippets", "settings", "users"):
        app_label, model = grant.target.split(".")
        return user.has_perm(f"{app_label}.{action}_{model}")
    if grant.area == "pages":
        page = (
            Page.objects.get(depth=2)
            if grant.target == "all"
            else Page.objects.get(url_path=grant.target)
        )
        return PagePermissionPolicy().user_has_permission_for_instance(user, action, page)
    if grant.area == "collections":
        collection = (
            Collection.objects.get(depth=1)
            if grant.target == "Root"
            else Collection.objects.get(name=grant.target)
        )
        return all(
            collection in policy.collections_user_has_permission_for(user, action)
            for policy in COLLECTION_POLICIES
        )
    raise AssertionError(grant.area)


def table_rows():
    # Parsed without the database: region rows expanded for one sample region.
    from cms.permissions import PERMISSIONS_DOC

    return parse_table(PERMISSIONS_DOC.read_text(), ["London"])


@pytest.mark.parametrize("grant", table_rows(), ids=lambda g: f"{g.group}:{g.area}:{g.target}")
def test_each_row_allows_what_it_lists_and_refuses_the_rest(grant):
    user = user_in(grant.group)
    for action in AREA_ACTIONS[grant.area]:
        granted_elsewhere = any(
            other.group == grant.group
            and other.area == grant.area
            and other.target == grant.target
            and action in other.actions
            for other in grants()
        )
        assert allowed(user, grant, action) == granted_elsewhere, (
            grant.group,
            grant.area,
            grant.target,
            action,
        )


@pytest.mark.parametrize("group_name", sorted({g.group for g in table_rows()}))
def test_groups_get_nothing_the_table_does_not_list(group_name):
    user = user_in(group_name)
    listed = {(g.area, g.target) for g in grants() if g.group == group_name}
    checks = [
        ("snippets", "cms.topic"),
        ("snippets", "cms.region"),
        ("snippets", "cms.organisation"),
        ("settings", "cms.crisissignposting"),
        ("settings", "cms.navigationsettings"),
        ("users", "auth.user"),
        ("pages", "all"),
    ]
    for area, target in checks:
        if (area, target) in listed:
            continue
        probe = type("Probe", (), {"area": area, "target": target})
        for action in AREA_ACTIONS[area]:
            assert not allowed(user, probe, action), (group_name, area, target, action)


def test_region_coordinators_cannot_touch_another_regions_collection():
    user = user_in("London coordinators")
    wales = Collection.objects.get(name="Wales")
    for policy in COLLECTION_POLICIES:
        assert wales not in policy.collections_user_has_permission_for(user, "add")


def test_every_region_has_a_coordinator_group():
    from cms.models import Region

    for region in Region.objects.all():
        assert Group.objects.filter(name=f"{region.name} coordinators").exists()


def test_sync_is_idempotent_and_repairs_drift():
    editors = Group.objects.get(name="Editors")
    before = set(editors.permissions.values_list("codename", flat=True))
    editors.permissions.clear()
    sync(apps)
    sync(apps)
    assert set(editors.permissions.values_list("codename", flat=True)) == before


def test_a_malformed_table_is_refused_with_a_clear_message():
    with pytest.raises(PermissionTableError, match="Unknown actions"):
        parse_table("| Editors | pages | all | add, fly |", [])
    with pytest.raises(PermissionTableError, match="Unknown area"):
        parse_table("| Editors | spaceships | all | add |", [])
