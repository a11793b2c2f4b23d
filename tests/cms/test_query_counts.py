"""Query counts for the busiest core pages: a change here is a regression to explain."""

import pytest

from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


@pytest.fixture
def guidance_index():
    index = GuidanceIndexPageFactory()
    topics = [TopicFactory(name=f"Topic {n}") for n in range(3)]
    for n in range(5):
        GuidancePageFactory(parent=index, title=f"Guide {n}", topics=topics[: n % 3 + 1])
    return index


def warm(client, url):
    # The first request fills Wagtail's per-process caches (site root paths).
    client.get(url)


def test_home_page_queries(client, guidance_index, django_assert_num_queries):
    home = guidance_index.get_parent().specific
    home.add_way_in("Guidance for groups.", page=guidance_index)
    home.add_way_in("Find groups.", url="/networks/directory/", title="Find groups")
    warm(client, "/")
    # site, home page, privacy check (aliases + view restrictions), the three
    # site settings, latest guidance with its view-restriction check, and the
    # ways-in pages (one query for all cards).
    with django_assert_num_queries(10):
        assert client.get("/").status_code == 200


def test_guidance_index_queries_do_not_grow_with_pages(
    client, guidance_index, django_assert_num_queries
):
    warm(client, guidance_index.url)
    # site, route (root → home → index), privacy checks, three settings,
    # topics in use, the listing, and its topics in one prefetch.
    with django_assert_num_queries(14):
        client.get(guidance_index.url)
    for n in range(5):
        GuidancePageFactory(
            parent=guidance_index, title=f"More {n}", topics=[TopicFactory(name=f"Extra {n}")]
        )
    with django_assert_num_queries(14):
        client.get(guidance_index.url)


def test_guidance_page_queries(client, guidance_index, django_assert_num_queries):
    page = guidance_index.get_children().first().specific
    warm(client, page.url)
    # site, route (root → home → index → page) and the specific page, privacy
    # check, three settings, breadcrumb ancestors, topics.
    with django_assert_num_queries(13):
        assert client.get(page.url).status_code == 200
