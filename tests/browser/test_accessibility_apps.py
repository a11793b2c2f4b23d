"""axe-core on every page type of the courses and networks apps, and their forms
with and without errors, at desktop and phone sizes: zero WCAG A/AA violations."""

import pytest

from cms.privacy.links import make_token
from networks.freshness import PURPOSE as STILL_RIGHT
from networks.mentoring_links import REQUEST_PURPOSE
from tests.browser.conftest import SUBMISSION_BUTTONS, VIEWPORTS, screenshot
from tests.browser.test_accessibility import audit
from tests.browser.test_course_journeys import session_in
from tests.factories.cms import TopicFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.networks import (
    EventPageFactory,
    MentoringPageFactory,
    ProjectPageFactory,
    ResourcePageFactory,
    network,
    networks_index,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def app_pages():
    finder = CourseIndexPageFactory()
    course = CoursePageFactory(
        title="Peer support certificate",
        accredited=True,
        sessions=[session_in("LS1 4AP", 12), session_in("LS6 3HN", 40, "area")],
    )
    london = network("london")
    project = ProjectPageFactory(
        title="Tuesday circle", how_to_join="drop_in", contact_email="group@example.org"
    )
    event = EventPageFactory(title="Open evening")
    resource = ResourcePageFactory(title="Group agreement")
    governance = TopicFactory(name="Governance")
    mentoring = MentoringPageFactory(
        title="Governance help", topics=[governance], contact_email="mentor@example.org"
    )
    mentoring_request = MentoringPageFactory(
        title="Help with our trustees",
        kind="request",
        topics=[governance],
        contact_email="asking@example.org",
    )
    return {
        "course finder": finder.url,
        "course finder near a place": finder.url + "?near=LS6&radius=45",
        "course finder map": finder.url + "?near=LS6&radius=45&view=map",
        "course finder, unknown place": finder.url + "?near=Xyzzyville",
        "course page": course.url,
        "course coverage": finder.url + "coverage/",
        "networks index": networks_index().url,
        "network page": london.url,
        "project directory": networks_index().url + "directory/",
        "project page": project.url,
        "project directory map": networks_index().url + "directory/?view=map",
        "directory coverage map": networks_index().url + "coverage/",
        "event page": event.url,
        "resource page": resource.url,
        "mentoring page": mentoring.url,
        "event submission form": london.url + "submit-event/",
        "project submission form": london.url + "submit-project/",
        "resource submission form": london.url + "submit-resource/",
        "mentoring submission form": london.url + "submit-mentoring/",
        "relay contact form": f"/contact/project/{project.pk}/",
        "choose a mentor (signed link)": signed_link(REQUEST_PURPOSE, mentoring_request.pk),
        "is this listing still right (signed link)": signed_link(STILL_RIGHT, project.pk),
    }


def signed_link(purpose, object_id):
    return f"/links/{purpose}/{make_token(purpose, object_id)}/"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_app_pages_have_no_axe_violations(open_checked_page, live_server, app_pages, viewport):
    # The submission form sent empty answers 400 with its errors, on purpose.
    page = open_checked_page(VIEWPORTS[viewport], expected_statuses=(400,))
    failures = {}
    for name, url in app_pages.items():
        page.goto(live_server.url + url)
        if "map" in name:
            page.locator(".leaflet-marker-icon").first.wait_for()
        if violations := audit(page):
            failures[name] = violations
    # Each submission form again, sent empty: its error summary and messages.
    for kind, button in SUBMISSION_BUTTONS.items():
        page.goto(live_server.url + app_pages[f"{kind} submission form"])
        page.get_by_role("button", name=button).click()
        assert page.locator(".nhsuk-error-summary").is_visible(), kind
        if violations := audit(page):
            failures[f"{kind} submission form with errors"] = violations
        screenshot(page, f"{kind}-submission-errors-{viewport}")
    # The relay form sent empty.
    page.goto(live_server.url + app_pages["relay contact form"])
    page.get_by_role("button", name="Send the message").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    if violations := audit(page):
        failures["relay contact form with errors"] = violations
    assert not failures, failures
