"""Network journeys in a real browser: no CSP violation, no foreign request."""

import pytest

from tests.browser.conftest import (
    JOURNEY_VIEWPORTS,
    admin_login,
    assert_no_sideways_scrolling,
    screenshot,
)
from tests.browser.test_accessibility import audit
from tests.factories.cms import TopicFactory
from tests.factories.networks import (
    EventPageFactory,
    MentoringPageFactory,
    ProjectPageFactory,
    ResourcePageFactory,
    network,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def london():
    london = network("london")
    ProjectPageFactory(title="Tuesday circle", how_to_join="drop_in")
    ProjectPageFactory(title="Ward visitors", setting="inpatient")
    EventPageFactory(title="Open evening")
    ResourcePageFactory(title="Group agreement")
    MentoringPageFactory(title="Governance help", topics=[TopicFactory(name="Governance")])
    return london


def test_from_the_networks_index_to_a_project(page, live_server, london):
    page.goto(live_server.url + "/networks/")
    page.get_by_role("link", name="London").first.click()
    assert page.locator("h1").inner_text().strip() == "London"
    for text in ("Tuesday circle", "Open evening", "Group agreement", "Governance help"):
        assert page.get_by_text(text).first.is_visible()
    page.get_by_role("link", name="Tuesday circle").click()
    assert page.get_by_text("This is not a crisis service").is_visible()
    screenshot(page, "network-project-desktop")


def test_filtering_the_directory(page, live_server, london):
    page.goto(live_server.url + "/networks/directory/")
    page.get_by_label("Setting").select_option("inpatient")
    page.get_by_role("button", name="Show projects").click()
    assert page.get_by_role("link", name="Ward visitors").is_visible()
    assert page.get_by_role("link", name="Tuesday circle").count() == 0
    screenshot(page, "network-directory-desktop")


def send_summer_picnic(page):
    """Fill in and send the public event form as a project would."""
    page.get_by_label("Group or project").fill("Tuesday circle")
    page.get_by_label("Event name").fill("Summer picnic")
    page.get_by_label("Describe the event in a sentence or two").fill("Bring a friend.")
    page.get_by_label("Date").fill("2030-06-01")
    page.get_by_label("Start time").fill("12:00")
    page.get_by_label("End time").fill("15:00")
    page.get_by_label("Postcode or town").fill("E1")
    page.get_by_label("Your group's email address").fill("hello@tuesday.example.org")
    page.get_by_label("I agree", exact=False).check()
    page.get_by_role("button", name="Send the event").click()


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_posting_an_event(open_checked_page, live_server, london, viewport):
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport])
    page.goto(live_server.url + london.url)
    page.get_by_role("link", name="Post an event to this network").click()
    assert_no_sideways_scrolling(page, "the empty form")
    page.get_by_role("button", name="Send the event").click()
    # The server's error summary, with links to the fields.
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert_no_sideways_scrolling(page, "the form with its errors")
    send_summer_picnic(page)
    assert "we have your event" in page.locator("h1").inner_text()
    assert_no_sideways_scrolling(page, "the thank-you page")
    screenshot(page, f"network-submit-{viewport}")


def test_an_event_page_with_structured_data_keeps_the_policy(page, live_server, london):
    page.goto(live_server.url + london.url)
    page.get_by_role("link", name="Open evening").click()
    assert page.locator("h1").inner_text().strip() == "Open evening"
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert page.get_by_role("link", name="Add to your calendar").is_visible()


def test_the_directory_map_by_keyboard(page, live_server, london):
    page.goto(live_server.url + "/networks/directory/")
    # The list is the default; the map is one link away and keeps the list.
    assert page.locator("#directory-map").count() == 0
    page.get_by_role("link", name="Map", exact=True).click()
    markers = page.locator("#directory-map .leaflet-marker-icon")
    markers.first.wait_for()
    # Tuesday circle at its district centre; the ward group is listed, never mapped.
    assert markers.count() == 1
    assert page.locator("#directory-map").get_attribute("data-psh-map-features") == "1"
    assert page.get_by_role("link", name="Ward visitors").is_visible()
    assert page.get_by_role("link", name="Tuesday circle").is_visible()

    # From the map, Tab reaches the marker, named by its title and area.
    page.locator("#directory-map").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('alt')")
    assert focused == "Tuesday circle, Tower Hamlets (E1)"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"

    # Enter opens the popup and moves focus to its link; Escape goes back to the marker.
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    popup_link.wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Tuesday circle"
    assert "Mutual peer support" in page.locator(".leaflet-popup-content").inner_text()
    screenshot(page, "network-directory-map-desktop")
    page.keyboard.press("Escape")
    popup_link.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('alt')") == focused

    # Space opens it too; following the link opens the project.
    page.keyboard.press("Space")
    popup_link.wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tuesday-circle/")
    assert page.locator("h1").inner_text().strip() == "Tuesday circle"
    # The project's own small map: one marker, at the centre of its area.
    page.locator("#project-map .leaflet-marker-icon").wait_for()
    assert page.locator("#project-map").get_attribute("data-psh-map-features") == "1"


def test_the_networks_index_maps_regional_networks(page, live_server, london):
    page.goto(live_server.url + "/networks/")
    markers = page.locator("#networks-map .leaflet-marker-icon")
    markers.first.wait_for()
    # Nine English regions and Wales; National & online is listed, not mapped.
    assert markers.count() == 10
    assert page.get_by_role("link", name="National & online").is_visible()
    page.locator("#networks-map .leaflet-marker-icon[alt='London']").click()
    page.locator(".leaflet-popup-content").get_by_role("link", name="London").click()
    assert page.locator("h1").inner_text().strip() == "London"


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_a_submitted_event_is_approved_by_the_coordinator_and_published(
    open_checked_page, live_server, london, viewport
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    coordinator = get_user_model().objects.create_user(
        username="londoncoord", password="a-long-coordinator-password", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name="London coordinators"))
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport])

    # A project sends an event through the public form.
    page.goto(live_server.url + london.url + "submit-event/")
    send_summer_picnic(page)
    assert "we have your event" in page.locator("h1").inner_text()
    page.goto(live_server.url + london.url)
    assert page.get_by_text("Summer picnic").count() == 0, "nothing is published before moderation"

    # The London coordinator approves it in the admin (Wagtail's admin supports phones).
    admin_login(page, live_server, "londoncoord", "a-long-coordinator-password")
    assert_no_sideways_scrolling(page, "the admin dashboard")
    page.goto(live_server.url + "/admin/network-submissions/")
    assert_no_sideways_scrolling(page, "the submissions queue")
    page.get_by_role("link", name="Summer picnic").first.click()
    assert_no_sideways_scrolling(page, "the submission")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and publish").click()
    assert_no_sideways_scrolling(page, "the queue after approval")
    screenshot(page, f"coordinator-approved-{viewport}")

    # It is on the network page and in the network's calendar feed.
    page.goto(live_server.url + london.url)
    assert page.get_by_role("link", name="Summer picnic").is_visible()
    feed = page.request.get(live_server.url + london.url + "ical/")
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Summer picnic" in feed.text()


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_paging_a_networks_projects_then_all_in_the_directory(
    open_checked_page, live_server, viewport
):
    london = network("london")
    for n in range(1, 24):
        ProjectPageFactory(title=f"Project {n:02d}")
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport])
    page.goto(live_server.url + london.url)
    pages = page.get_by_role("navigation", name="Member projects pages")
    assert pages.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"
    assert audit(page) == []

    pages.get_by_role("link", name="Page 3").click()
    assert page.get_by_text("Projects 21 to 23 of 23, by name.").is_visible()
    assert page.get_by_role("link", name="Project 23").is_visible()
    assert page.get_by_role("link", name="Project 01").count() == 0
    assert_no_sideways_scrolling(page, "a network's third page of projects")
    screenshot(page, f"network-projects-page-3-{viewport}")

    page.get_by_role("link", name="See all 23 projects in the directory").click()
    assert page.get_by_role("heading", name="23 projects").is_visible()
    assert page.get_by_label("Network").input_value() == "london"
    assert audit(page) == []
