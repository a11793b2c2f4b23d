"""WCAG 1.4.10 Reflow: every page type at 320 CSS pixels wide scrolls only vertically
and cuts nothing off (wide tables and maps scroll or clip inside their own box)."""

import pytest

from tests.browser.conftest import JOURNEY_VIEWPORTS, SIDEWAYS_OVERFLOW
from tests.browser.test_accessibility import core_pages  # noqa: F401 (fixture)
from tests.browser.test_accessibility_apps import app_pages  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Visible elements that reach past the right edge, unless a box around them
# scrolls or clips (a table in a scrolling wrapper, a map's tile pane).
CUT_OFF_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const contained = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter(el => {
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1 && rect.right > width + 1 && !contained(el);
    })
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
}"""


def test_every_page_type_reflows_at_320_pixels(
    open_checked_page,
    live_server,
    core_pages,  # noqa: F811
    app_pages,  # noqa: F811
):
    # The "not found" page answers 404 on purpose.
    page = open_checked_page(JOURNEY_VIEWPORTS["reflowed"], expected_statuses=(404,))
    failures = {}
    for name, url in {**core_pages, **app_pages}.items():
        page.goto(live_server.url + url)
        overflow = page.evaluate(SIDEWAYS_OVERFLOW)
        cut_off = page.evaluate(CUT_OFF_ELEMENTS)
        if overflow > 0 or cut_off:
            failures[name] = f"scrolls sideways by {overflow}px; past the edge: {cut_off}"
    assert not failures, failures
