"""Every page type renders, with its content, and query counts stay put."""

import pytest

from tests.factories.cms import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    StandardPageFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


@pytest.fixture
def guidance():
    index = GuidanceIndexPageFactory()
    topic = TopicFactory(name="Fundraising")
    page = GuidancePageFactory(
        parent=index,
        title="Finding small grants",
        summary="Where small groups find money.",
        topics=[topic],
        body__0__heading__text="Local trusts",
        body__1__quote__quote="A small grant kept us going.",
        body__1__quote__attribution="A treasurer",
    )
    return index, page, topic


def test_home_page_renders_with_crisis_signposting(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samaritans" in html
    assert "116 123" in html
    assert "85258" in html
    assert "not part of the NHS" in html


def test_guidance_page_renders_its_blocks(client, guidance):
    _, page, topic = guidance
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Finding small grants" in html
    assert "Local trusts" in html
    assert "A small grant kept us going." in html
    assert "A treasurer" in html
    assert f"?topic={topic.slug}" in html


def test_guidance_index_lists_and_filters_by_topic(client, guidance):
    index, page, topic = guidance
    other = GuidancePageFactory(parent=index, title="Writing a constitution")
    response = client.get(index.url)
    assert page.title in response.content.decode()
    assert other.title in response.content.decode()
    filtered = client.get(index.url, {"topic": topic.slug}).content.decode()
    assert page.title in filtered
    assert other.title not in filtered


def test_guidance_index_explains_an_unknown_topic(client, guidance):
    index, _, _ = guidance
    response = client.get(index.url, {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert "There is no topic called" in response.content.decode()


def test_standard_page_renders(client):
    page = StandardPageFactory(title="Accessibility statement", body__0__heading__text="Tell us")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Tell us" in response.content.decode()


def test_unknown_url_gets_a_helpful_404_with_crisis_lines(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Samaritans" in response.content.decode()
