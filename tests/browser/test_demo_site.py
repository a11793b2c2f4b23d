"""axe-core on the demo site itself: the real demo content, one page of each type,
and two error states, at desktop and phone sizes: zero WCAG A/AA violations."""

import io

from django.core.management import call_command

from wagtail.models import Page

import pytest

from cms.models import GuidancePage, StandardPage
from courses.models import CourseIndexPage, CoursePage
from networks.models import (
    EventPage,
    MentoringPage,
    NetworkPage,
    NetworksIndexPage,
    ProjectPage,
    ResourcePage,
)
from tests.browser.conftest import VIEWPORTS, screenshot
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DETAIL_PAGE_TYPES = {
    "guidance page": GuidancePage,
    "course": CoursePage,
    "project": ProjectPage,
    "network": NetworkPage,
    "event": EventPage,
    "resource": ResourcePage,
    "mentoring page": MentoringPage,
}


ERROR_STATES = ("search with an error", "directory with an invalid filter")


def first_live(model):
    page = model.objects.live().public().order_by("path").first()
    assert page, f"the demo content has no live {model.__name__}"
    return page.url


def load_demo_pages(settings):
    """The demo content on the live server's database, and one URL per page type."""
    settings.DEBUG = True  # the loader refuses without DEBUG
    call_command("load_demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    finder = first_live(CourseIndexPage)
    directory = first_live(NetworksIndexPage) + "directory/"
    return {
        "home": Page.objects.get(depth=2).url,
        **{name: first_live(model) for name, model in DETAIL_PAGE_TYPES.items()},
        "course finder list": finder,
        "course finder map": finder + "?view=map",
        "directory list": directory,
        "directory map": directory + "?view=map",
        "search results": "/search/?q=group",
        "accessibility statement": StandardPage.objects.get(slug="accessibility-statement").url,
        # Error states: an unknown place in the search, a filter value that does not exist.
        "search with an error": "/search/?q=group&near=Xyzzyville",
        "directory with an invalid filter": directory + "?setting=nonsense",
    }


def test_the_demo_site_has_no_axe_violations(open_checked_page, live_server, settings):
    demo_pages = load_demo_pages(settings)
    failures = {}
    for viewport, size in VIEWPORTS.items():
        page = open_checked_page(size)
        for name, url in demo_pages.items():
            page.goto(live_server.url + url)
            if name.endswith("map"):
                page.locator(".leaflet-marker-icon").first.wait_for()
            if name in ERROR_STATES:
                assert page.locator(".nhsuk-error-summary").is_visible(), name
            if violations := audit(page):
                failures[f"{name} ({viewport})"] = violations
        screenshot(page, f"demo-directory-invalid-filter-{viewport}")
    assert not failures, failures
