"""Query counts for the network, directory, project and event pages.

A change here is a regression to explain. Each count is measured after a warm-up
request (Wagtail caches the site root paths per process) and must not grow with
the number of listed pages.
"""

import pytest

from networks.models import NetworkPage
from tests.factories.networks import (
    CommunityFactory,
    EventPageFactory,
    MentoringPageFactory,
    ProjectPageFactory,
    ResourcePageFactory,
    network,
    networks_index,
)

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


def fill(n):
    community = CommunityFactory()
    for _ in range(n):
        ProjectPageFactory(communities=[community])
        EventPageFactory(also_in_networks=[network("wales")])
        ResourcePageFactory()
        MentoringPageFactory()


def count(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm-up
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_network_page_queries_do_not_grow(client, django_assert_num_queries):
    london = network("london")
    # site (1), route root → home → networks → london and the specific page (5),
    # privacy check: aliases + view restrictions (2), three site settings (3),
    # breadcrumb ancestors (1), the networks index for the directory link (1),
    # coordinators (1); member projects, paged: .public()'s view-restriction
    # lookup, the count, the page (with organisation/region joined) and its
    # communities (4); then three listings of three queries each: .public()'s
    # view-restriction lookup, the listing, and one prefetch of topics (9); the
    # events listing first asks each date table for its five soonest events (2).
    fill(2)
    count(client, london.url, django_assert_num_queries, 29)
    community = CommunityFactory()
    for _ in range(28):
        ProjectPageFactory(communities=[community])
    count(client, london.url, django_assert_num_queries, 29)
    count(client, london.url + "?page=3", django_assert_num_queries, 29)


@pytest.mark.parametrize("view", ["", "?view=map"])
def test_directory_queries_do_not_grow(client, django_assert_num_queries, view):
    url = networks_index().url + "directory/" + view
    # site (1), route root → home → networks (3), privacy check: aliases + view
    # restrictions (2), three site settings (3), the filter form's regions and
    # communities (2), its networks (.public()'s view-restriction lookup and the
    # networks: 2), .public()'s view-restriction lookup, then the paginator's
    # count and the page of projects (with organisation and region joined) (3),
    # and the page's communities in one prefetch (1). The map view adds none: its
    # markers come from directory/geojson/. (The index page's networks are lazy.)
    fill(2)
    count(client, url, django_assert_num_queries, 17)
    fill(3)
    count(client, url, django_assert_num_queries, 17)


def test_project_page_queries(client, django_assert_num_queries):
    project = ProjectPageFactory(communities=[CommunityFactory()])
    # site (1), route through root → home → networks → london → projects →
    # project with the specific pages (9), privacy check (2), three settings
    # (3), breadcrumb ancestors (1), organisation (1), communities (1).
    count(client, project.url, django_assert_num_queries, 18)


def test_event_page_queries(client, django_assert_num_queries):
    event = EventPageFactory()
    # site (1), route through root → home → networks → london → events → event
    # with the specific pages (9), privacy check (2), three settings (3),
    # breadcrumb ancestors (1), one-off and scheduled dates (2), topics for the
    # topic feed links (1; with topics, one more finds the networks index).
    count(client, event.url, django_assert_num_queries, 19)


def test_networks_index_queries(client, django_assert_num_queries):
    # site (1), route root → home → networks (3), privacy check (2), three
    # settings (3), .public()'s view-restriction lookup and the networks with
    # their regions joined (2).
    assert NetworkPage.objects.count() == 11
    count(client, networks_index().url, django_assert_num_queries, 11)
