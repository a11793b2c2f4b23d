"""Finding training in a real browser: near a postcode, list and map, a course, its .ics."""

from datetime import timedelta

import icalendar
import pytest

from cms.geocoding import geocode
from cms.models import Region
from tests.browser.conftest import JOURNEY_VIEWPORTS, assert_no_sideways_scrolling, screenshot
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, in_days

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def session_in(postcode, days, visibility="public"):
    place = geocode(postcode)
    return {
        "starts_at": in_days(days),
        "ends_at": in_days(days) + timedelta(hours=4),
        "postcode": postcode,
        "postcode_district": place.district,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "area_latitude": place.latitude,
        "area_longitude": place.longitude,
        "local_authority": place.lad_name,
        "region": Region.objects.get(name=place.region_name),
        "venue_visibility": visibility,
    }


@pytest.fixture
def training():
    index = CourseIndexPageFactory()
    CoursePageFactory(
        title="Peer support certificate",
        accredited=True,
        sessions=[session_in("LS1 4AP", 12), session_in("LS6 3HN", 40, "area")],
    )
    CoursePageFactory(
        title="Hearing voices facilitation", cpd=True, sessions=[session_in("S1 2HE", 20)]
    )
    CoursePageFactory(title="Starting a group in London", sessions=[session_in("E1 1EJ", 8)])
    return index


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_find_training_near_a_postcode_list_map_course_and_calendar(
    open_checked_page, live_server, training, viewport
):
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport])
    page.goto(live_server.url + training.url)
    assert_no_sideways_scrolling(page, "the finder")
    page.get_by_label("Near").fill("LS6 3HN")
    page.get_by_label("Distance").select_option("45")
    page.get_by_role("button", name="Find courses").click()

    # The full postcode is reduced to its district in the shareable URL.
    page.wait_for_url("**near=LS6&*")
    assert "3HN" not in page.url
    cards = page.locator(".psh-course-result")
    assert cards.count() == 2
    first = cards.nth(0)
    assert "Peer support certificate" in first.inner_text()
    assert "from the centre of LS6" in first.inner_text()
    assert "Accredited" in first.inner_text()
    assert_no_sideways_scrolling(page, "the results list")
    screenshot(page, f"course-finder-list-{viewport}")

    page.get_by_role("link", name="Map", exact=True).click()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    # One marker per course and place: Leeds, the LS6 district centre, Sheffield.
    assert markers.count() == 3
    assert page.locator("#course-map").get_attribute("data-psh-map-features") == "3"
    assert_no_sideways_scrolling(page, "the results map")
    # Markers are reachable from the keyboard and open their popup.
    markers.first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content a").first.wait_for()
    # The popup is built from the features' generic `lines`: recognition, place, next date.
    popup_text = page.locator(".leaflet-popup-content").inner_text()
    assert "Next: " in popup_text
    assert any(label in popup_text for label in ("Accredited", "CPD", "Not accredited"))
    # Focus moved to the popup's link; Escape returns it to the marker.
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    assert_no_sideways_scrolling(page, "the map with a popup open")
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    # The list is still there as the map's equivalent.
    assert page.locator(".psh-course-result").count() == 2
    screenshot(page, f"course-finder-map-{viewport}")

    page.get_by_role("link", name="List", exact=True).click()
    page.get_by_role("link", name="Peer support certificate").click()
    assert page.locator("h1").inner_text().strip() == "Peer support certificate"
    assert page.get_by_text("In the LS6 area").is_visible()
    assert_no_sideways_scrolling(page, "the course page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add all sessions to your calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(open(download.path(), "rb").read())  # noqa: SIM115
    assert len(calendar.walk("VEVENT")) == 2
    screenshot(page, f"course-page-{viewport}")


def test_finder_explains_unknown_and_ambiguous_places(page, live_server, training):
    page.goto(live_server.url + training.url + "?near=Newport")
    assert page.locator(".nhsuk-error-summary").is_visible()
    page.get_by_role("link", name="Newport, Wales").click()
    assert (
        "0 courses within 10 miles of Newport, Wales"
        in page.locator("#results-heading").inner_text()
    )
