"""Searching by topic with the keyboard only: autocomplete, facets, results."""

import pytest

from tests.browser.conftest import JOURNEY_VIEWPORTS, assert_no_sideways_scrolling, screenshot
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def guidance():
    index = GuidanceIndexPageFactory()
    fundraising = TopicFactory(name="Fundraising")
    governance = TopicFactory(name="Governance")
    GuidancePageFactory(
        parent=index,
        title="Fundraising for small groups",
        summary="Small grants.",
        topics=[fundraising],
    )
    GuidancePageFactory(
        parent=index,
        title="Fundraising and your constitution",
        summary="Rules.",
        topics=[governance],
    )
    return index


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_keyboard_only_search_with_autocomplete_and_a_topic_facet(
    open_checked_page, live_server, guidance, viewport
):
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport])
    page.goto(live_server.url + "/search/")
    page.locator("#search-q").focus()
    page.keyboard.type("Fundr", delay=40)
    options = page.locator("#search-q-suggestions option")
    options.first.wait_for(state="attached", timeout=5000)
    assert "Fundraising" in [options.nth(i).get_attribute("value") for i in range(options.count())]
    page.keyboard.type("aising")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Fundraising*")
    assert "2 results" in page.locator(".search-count").inner_text()
    assert_no_sideways_scrolling(page, "the results")

    governance = page.get_by_label("Governance")
    governance.focus()
    page.keyboard.press("Space")
    assert governance.is_checked()
    page.get_by_role("button", name="Apply filters").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "topic=" in page.url
    assert "1 result" in page.locator(".search-count").inner_text()
    titles = page.locator(".search-result h2").all_inner_texts()
    assert titles == ["Fundraising and your constitution"]
    assert_no_sideways_scrolling(page, "the filtered results")
    screenshot(page, f"search-{viewport}")
