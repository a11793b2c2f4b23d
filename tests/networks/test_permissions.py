"""Coordinators edit and publish only inside their own network; National
moderators everywhere. Iterates every region against every network."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.permission_policies.pages import PagePermissionPolicy

import pytest

from cms.models import Region
from cms.permissions import sync_permissions
from networks.models import NetworkPage, ProjectIndexPage
from networks.tree import NATIONAL_SLUG
from tests.factories.networks import ProjectPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]

POLICY = PagePermissionPolicy()


def member_of(group_name):
    user = get_user_model().objects.create_user(
        username=group_name.lower().replace(" ", "-"), password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)


def can(user, action, page):
    return POLICY.user_has_permission_for_instance(user, action, page)


@pytest.mark.parametrize("region_slug", [r[0] for r in [("london",), ("wales",), ("north-east",)]])
def test_a_coordinator_edits_and_publishes_only_in_their_network(region_slug):
    region = Region.objects.get(slug=region_slug)
    user = member_of(f"{region.name} coordinators")
    for network in NetworkPage.objects.all():
        index = ProjectIndexPage.objects.child_of(network).get()
        own = network.region_id == region.pk
        for page in (network, index):
            for action in ("add", "change", "publish"):
                assert can(user, action, page) == own, (region.name, network.title, action)
            assert not can(user, "bulk_delete", page)


def test_every_regions_coordinators_are_confined_to_their_network():
    networks = list(NetworkPage.objects.select_related("region"))
    for region in Region.objects.all():
        user = member_of(f"{region.name} coordinators")
        allowed = {n.slug for n in networks if can(user, "publish", n)}
        assert allowed == {region.slug}, region.name


def test_a_london_coordinator_can_publish_a_london_project_but_not_a_welsh_one():
    user = member_of("London coordinators")
    london_project = ProjectPageFactory()
    welsh_index = ProjectIndexPage.objects.child_of(NetworkPage.objects.get(slug="wales")).get()
    welsh_project = ProjectPageFactory(parent=welsh_index)
    assert london_project.permissions_for_user(user).can_publish()
    assert london_project.permissions_for_user(user).can_edit()
    assert not welsh_project.permissions_for_user(user).can_edit()
    assert not welsh_project.permissions_for_user(user).can_publish()


def test_national_moderators_publish_in_every_network():
    user = member_of("National moderators")
    for network in NetworkPage.objects.all():
        assert can(user, "publish", network)
    national = NetworkPage.objects.get(slug=NATIONAL_SLUG)
    assert national.is_national and can(user, "bulk_delete", national)


def test_no_coordinator_group_reaches_the_national_network():
    national = NetworkPage.objects.get(slug=NATIONAL_SLUG)
    for region in Region.objects.all():
        assert not can(member_of(f"{region.name} coordinators"), "change", national)


def test_sync_after_rebuilding_keeps_the_grants():
    sync_permissions(apps)
    user = member_of("Wales coordinators")
    assert can(user, "publish", NetworkPage.objects.get(slug="wales"))
