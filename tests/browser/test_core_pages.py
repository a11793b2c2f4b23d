"""The core pages in a real browser: no CSP violation, no foreign request, usable on a phone."""

import pytest

from tests.browser.conftest import assert_no_sideways_scrolling, screenshot
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def guidance():
    index = GuidanceIndexPageFactory()
    page = GuidancePageFactory(
        parent=index,
        title="Starting a group",
        topics=[TopicFactory(name="Governance")],
        body__0__heading__text="First steps",
        body__1__callout__heading="Keep it simple",
    )
    return index, page


def test_home_page_renders_under_the_strict_policy(page, live_server, guidance):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Samaritans").first.is_visible()
    screenshot(page, "home-desktop")


def test_guidance_pages_render_under_the_strict_policy(page, live_server, guidance):
    index, guide = guidance
    page.goto(live_server.url + index.url)
    page.get_by_role("link", name="Starting a group").first.click()
    assert page.locator("h1").inner_text().strip() == "Starting a group"
    assert page.get_by_text("First steps").is_visible()
    screenshot(page, "guidance-desktop")


def test_skip_link_moves_focus_to_main_content(page, live_server, guidance):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to main content")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#maincontent"
    # Focus itself lands on the main content (or its heading), not only the URL.
    assert page.evaluate(
        "document.activeElement === document.querySelector('main')"
        " || document.activeElement === document.querySelector('main h1')"
    ), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    # So the next Tab goes on from there, past the header's links.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("width", [375, 320])
def test_pages_reflow_without_horizontal_scrolling(open_checked_page, live_server, guidance, width):
    _, guide = guidance
    page = open_checked_page({"width": width, "height": 812})
    for url in ("/", guide.url):
        page.goto(live_server.url + url)
        assert_no_sideways_scrolling(page, f"{url} at {width}px")
    screenshot(page, f"guidance-phone-{width}")
