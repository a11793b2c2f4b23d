"""Query counts for the busiest core pages: a change here is a regression to explain."""

from django.core.cache import cache

import pytest

from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


@pytest.fixture
def guidance_index():
    index = GuidanceIndexPageFactory()
    topics = [TopicFactory(name=f"Topic {n}") for n in range(3)]
    for n in range(5):
        GuidancePageFactory(parent=index, title=f"Guide {n}", topics=topics[: n % 3 + 1])
    cache.clear()
    return index


def warm(client, url):
    # The first request fills Wagtail's site-root and settings caches.
    client.get(url)


def test_home_page_queries(client, guidance_index, django_assert_max_num_queries):
    warm(client, "/")
    # Site lookup, home page, its specific row, latest guidance, settings
    # (crisis, navigation, contact) and their pages.
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_guidance_index_queries_do_not_grow_with_pages(
    client, guidance_index, django_assert_max_num_queries
):
    warm(client, guidance_index.url)
    with django_assert_max_num_queries(14) as captured:
        client.get(guidance_index.url)
    baseline = len(captured)
    for n in range(5):
        GuidancePageFactory(
            parent=guidance_index, title=f"More {n}", topics=[TopicFactory(name=f"Extra {n}")]
        )
    with django_assert_max_num_queries(baseline):
        client.get(guidance_index.url)


def test_guidance_page_queries(client, guidance_index, django_assert_max_num_queries):
    page = guidance_index.get_children().first().specific
    warm(client, page.url)
    with django_assert_max_num_queries(12):
        assert client.get(page.url).status_code == 200
