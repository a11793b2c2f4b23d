"""The core pages in a real browser: no CSP violation, no foreign request, usable on a phone."""

import pytest

from tests.browser.conftest import screenshot
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


@pytest.mark.parametrize("width", [375, 320])
def test_pages_reflow_without_horizontal_scrolling(browser, live_server, guidance, width):
    from tests.browser.conftest import open_page

    _, guide = guidance
    context, page, problems = open_page(
        browser, live_server, viewport={"width": width, "height": 812}
    )
    for url in ("/", guide.url):
        page.goto(live_server.url + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    screenshot(page, f"guidance-phone-{width}")
    context.close()
    assert not problems.problems, problems.problems
