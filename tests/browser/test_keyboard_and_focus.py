"""What automated audits miss: visible focus, titles and headings, reduced motion."""

import pytest

from tests.browser.conftest import open_page
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FOCUS_STYLE = """
el => {
  const style = getComputedStyle(el);
  return [style.outlineStyle, style.outlineWidth, style.boxShadow, style.backgroundColor,
          style.color, style.textDecorationThickness].join('|');
}
"""


@pytest.fixture
def urls():
    index = GuidanceIndexPageFactory()
    guide = GuidancePageFactory(
        parent=index, title="Starting a group", topics=[TopicFactory(name="Governance")]
    )
    return ["/", index.url, guide.url]


def test_every_interactive_element_shows_focus(browser, live_server, urls):
    context, page, problems = open_page(browser, live_server)
    for url in urls:
        page.goto(live_server.url + url)
        page.mouse.click(1, 1)
        count = page.locator("a[href], button, input:not([type=hidden]), select, textarea").count()
        seen = set()
        for _ in range(count):
            page.keyboard.press("Tab")
            handle = page.evaluate_handle("document.activeElement")
            if page.evaluate("el => el === document.body", handle):
                break
            key = page.evaluate("el => el.outerHTML.slice(0, 120)", handle)
            if key in seen:
                break
            seen.add(key)
            focused = page.evaluate(FOCUS_STYLE, handle)
            page.evaluate("el => el.blur()", handle)
            blurred = page.evaluate(FOCUS_STYLE, handle)
            page.evaluate("el => el.focus()", handle)
            assert focused != blurred, f"{url}: no visible focus on {key}"
        assert seen, f"{url}: nothing reachable by keyboard"
    context.close()
    assert not problems.problems, problems.problems


def test_each_page_has_one_h1_and_a_unique_title(browser, live_server, urls):
    context, page, problems = open_page(browser, live_server)
    titles = []
    for url in urls:
        page.goto(live_server.url + url)
        assert page.locator("h1").count() == 1, url
        titles.append(page.title())
    assert len(set(titles)) == len(titles), titles
    context.close()


MOVING = """() => [...document.querySelectorAll('*')].map(el => getComputedStyle(el))
    .flatMap(s => [s.transitionDuration, s.animationDuration])
    .filter(d => d && d.split(',').some(part => parseFloat(part) > 0.01))"""


@pytest.mark.parametrize("preference", ["no-preference", "reduce"])
def test_reduced_motion_turns_off_transitions(browser, live_server, urls, preference):
    context = browser.new_context(reduced_motion=preference)
    page = context.new_page()
    page.goto(live_server.url + urls[0])
    moving = page.evaluate(MOVING)
    context.close()
    if preference == "reduce":
        assert moving == []
    else:
        # Without the preference the site does animate (so the check above means something).
        assert moving
