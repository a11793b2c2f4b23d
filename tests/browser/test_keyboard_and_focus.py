"""What automated audits miss, on every page type: one h1 and a unique title, visible
focus, links in text not marked by colour alone, and reduced motion honoured,
including Leaflet's pans, zooms and fades on the maps.

One walk over the pages checks them all and reports every failure, so each page
is loaded once (the browser suite runs under CI's time limit).
"""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import VIEWPORTS
from tests.browser.test_accessibility import core_pages  # noqa: F401 (fixture)
from tests.browser.test_accessibility_apps import app_pages  # noqa: F401 (fixture)
from tests.browser.test_forms_and_signals import TEXT_LINK_DECORATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every element a keyboard user can reach that shows no change when focused.
NO_VISIBLE_FOCUS = """() => {
  const look = el => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.borderColor, s.textDecorationThickness].join('|');
  };
  const reachable = [...document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled && !el.closest('[hidden], [inert]')
                  && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
  const missing = [];
  for (const el of reachable) {
    el.focus();
    if (document.activeElement !== el) continue;
    const focused = look(el);
    el.blur();
    if (look(el) === focused) missing.push(el.outerHTML.slice(0, 100));
  }
  return {reachable: reachable.length, missing};
}"""

# Transitions or animations longer than "instant" anywhere on the page.
MOVING = """() => [...document.querySelectorAll('*')].map(el => getComputedStyle(el))
    .flatMap(s => [s.transitionDuration, s.animationDuration])
    .filter(d => d && d.split(',').some(part => parseFloat(part) > 0.01))"""

# Leaflet animates in script, beyond the stylesheet's reach: its fades and zooms
# show as classes and a zoom proxy element on each map.
MAP_ANIMATIONS = """() => [...document.querySelectorAll('.leaflet-container')].flatMap(map => [
    map.classList.contains('leaflet-fade-anim') ? map.id + ' fades' : null,
    map.querySelector('.leaflet-proxy') ? map.id + ' animates zoom' : null,
  ].filter(Boolean))"""

# Record whether the map pane slides (Leaflet's pan animation) from now on.
WATCH_PANNING = """map => {
  const pane = map.querySelector('.leaflet-map-pane');
  window.pshPanSlid = false;
  new MutationObserver(() => {
    window.pshPanSlid ||= pane.classList.contains('leaflet-pan-anim');
  }).observe(pane, {attributes: true, attributeFilter: ['class']});
  return pane.style.transform;
}"""


def pans_smoothly(page, map_selector):
    """Pan the map one step with the keyboard; True if Leaflet animated the move."""
    map_element = page.locator(map_selector)
    map_element.locator(".leaflet-marker-icon").first.wait_for()
    before = map_element.evaluate(WATCH_PANNING)
    map_element.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([selector, before]) => document.querySelector(selector + ' .leaflet-map-pane')"
        ".style.transform !== before",
        arg=[map_selector, before],
    )
    return page.evaluate("window.pshPanSlid")


def test_every_page_type_for_keyboard_colour_and_motion(
    open_checked_page,
    live_server,
    core_pages,  # noqa: F811
    app_pages,  # noqa: F811
):
    # Under "reduce motion" no transition runs, so a focus style is read as it settles.
    page = open_checked_page(
        VIEWPORTS["desktop"], expected_statuses=(404,), reduced_motion="reduce"
    )
    failures = []
    titles = {}
    for name, url in {**core_pages, **app_pages}.items():
        page.goto(live_server.url + url)
        if "map" in name:
            page.locator(".leaflet-marker-icon").first.wait_for()
        if (count := page.locator("h1").count()) != 1:
            failures.append(f"{name}: {count} h1 elements")
        # A filtered or erroneous view of the same page may keep its title.
        titles.setdefault(urlparse(url).path, (name, page.title()))
        # Keyboard modality first, as a keyboard user's focus styles depend on it.
        page.keyboard.press("Tab")
        focus = page.evaluate(NO_VISIBLE_FOCUS)
        if not focus["reachable"]:
            failures.append(f"{name}: nothing reachable by keyboard")
        failures += [f"{name}: no visible focus on {html}" for html in focus["missing"]]
        decorations = page.evaluate(TEXT_LINK_DECORATIONS)
        failures += [
            f"{name}: a link in text is marked by colour alone ({line})"
            for line in decorations
            if "underline" not in line
        ]
        failures += [f"{name}: moves ({moving})" for moving in page.evaluate(MOVING)[:3]]
        failures += [f"{name}: {animation}" for animation in page.evaluate(MAP_ANIMATIONS)]
    page.goto(live_server.url + app_pages["course finder map"])
    if pans_smoothly(page, "#course-map"):
        failures.append("course finder map: the keyboard pan slides")
    repeated = {}
    for name, title in titles.values():
        repeated.setdefault(title, []).append(name)
    failures += [
        f"{names} share the title {title!r}" for title, names in repeated.items() if len(names) > 1
    ]
    assert not failures, "\n".join(failures)


def test_without_the_preference_the_site_and_its_maps_do_move(
    open_checked_page,
    live_server,
    core_pages,  # noqa: F811
    app_pages,  # noqa: F811
):
    """The counterpart of the walk above, so its motion checks mean something."""
    page = open_checked_page(VIEWPORTS["desktop"])
    # The home page's guidance cards lift on hover.
    page.goto(live_server.url + core_pages["home"])
    assert page.evaluate(MOVING)
    page.goto(live_server.url + app_pages["course finder map"])
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.evaluate(MAP_ANIMATIONS)
    assert pans_smoothly(page, "#course-map")
