"""Tree rules: where each networks page may live, and the tree the migration builds."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, Region
from networks.models import (
    EventIndexPage,
    EventPage,
    MentoringIndexPage,
    MentoringPage,
    NetworkPage,
    NetworksIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
)

CHILD_INDEXES = {ProjectIndexPage, EventIndexPage, ResourceIndexPage, MentoringIndexPage}


class TestNetworkTreeRules(WagtailPageTestCase):
    def test_networks_index_lives_under_home_and_holds_networks(self):
        self.assertCanCreateAt(HomePage, NetworksIndexPage)
        self.assertAllowedSubpageTypes(NetworksIndexPage, {NetworkPage})
        self.assertCanNotCreateAt(NetworkPage, NetworksIndexPage)

    def test_network_holds_only_its_four_indexes(self):
        self.assertAllowedParentPageTypes(NetworkPage, {NetworksIndexPage})
        self.assertAllowedSubpageTypes(NetworkPage, CHILD_INDEXES)
        self.assertCanNotCreateAt(HomePage, NetworkPage)

    def test_detail_pages_live_only_under_their_index(self):
        for index, detail in [
            (ProjectIndexPage, ProjectPage),
            (EventIndexPage, EventPage),
            (ResourceIndexPage, ResourcePage),
            (MentoringIndexPage, MentoringPage),
        ]:
            self.assertAllowedSubpageTypes(index, {detail})
            self.assertAllowedParentPageTypes(detail, {index})
            self.assertAllowedSubpageTypes(detail, set())

    def test_one_networks_index_and_one_of_each_index_per_network(self):
        home = HomePage.objects.get()
        self.assertFalse(NetworksIndexPage.can_create_at(home))
        london = NetworkPage.objects.get(slug="london")
        for model in CHILD_INDEXES:
            self.assertFalse(model.can_create_at(london), model)


class TestTreeFromMigration(WagtailPageTestCase):
    def test_every_region_and_national_has_a_network_with_four_indexes(self):
        index = NetworksIndexPage.objects.get()
        self.assertEqual(index.url_path, "/home/networks/")
        networks = NetworkPage.objects.child_of(index)
        self.assertEqual(networks.count(), Region.objects.count() + 1)
        for region in Region.objects.all():
            network = networks.get(region=region)
            self.assertEqual(network.url_path, f"/home/networks/{region.slug}/")
        national = networks.get(region__isnull=True)
        self.assertTrue(national.is_national)
        for network in networks:
            self.assertEqual(
                {type(child) for child in network.get_children().specific()}, CHILD_INDEXES
            )

    def test_the_tree_is_consistent(self):
        # treebeard's own check: paths, depths and numchild agree.
        problems = Page.find_problems()
        self.assertEqual(sum(len(group) for group in problems), 0, problems)
