"""axe-core (from npm) on every core page type, desktop and phone: zero WCAG A/AA violations.

axe is evaluated through the DevTools protocol, which the page's Content
Security Policy does not govern, so the audit runs against the real policy.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import VIEWPORTS
from tests.factories.cms import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    StandardPageFactory,
    TopicFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def audit(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


@pytest.fixture
def core_pages():
    index = GuidanceIndexPageFactory()
    guide = GuidancePageFactory(
        parent=index,
        title="Starting a group",
        topics=[TopicFactory(name="Governance")],
        body__0__heading__text="First steps",
        body__1__quote__quote="We began with four people and a kettle.",
        body__1__quote__attribution="A group member",
        body__2__callout__heading="Keep it simple",
    )
    standard = StandardPageFactory(
        title="Accessibility statement", body__0__heading__text="Our aim"
    )
    return {
        "home": "/",
        "guidance index": index.url,
        "guidance index, unknown topic": index.url + "?topic=nothing",
        "guidance page": guide.url,
        "standard page": standard.url,
        "not found": "/no-such-page/",
        "search": "/search/?q=group",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_core_pages_have_no_axe_violations(open_checked_page, live_server, core_pages, viewport):
    assert AXE.exists(), "axe-core missing: run npm ci"
    # The "not found" page answers 404 on purpose.
    page = open_checked_page(VIEWPORTS[viewport], expected_statuses=(404,))
    failures = {}
    for name, url in core_pages.items():
        page.goto(live_server.url + url)
        if violations := audit(page):
            failures[name] = violations
    assert not failures, failures
