"""The admin venue map's "find on the map": our geocoder moves the marker, never another host."""

import re
from urllib.parse import urlparse

from django.contrib.auth import get_user_model

import pytest

from cms.geocoding import geocode
from courses.models import CourseSession
from tests.browser.conftest import admin_login, screenshot
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"


def point_text(place):
    return f"SRID=4326;POINT({place.longitude} {place.latitude})"


@pytest.fixture
def course_editor(open_checked_page, live_server, settings):
    """A signed-in superuser's page and a course with no sessions yet."""
    # The editor's "who else is editing" pings and its autosave would race the publish
    # on SQLite's shared test connection, which serves one writer at a time.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    CourseIndexPageFactory()
    course = CoursePageFactory(title="Listening skills", sessions=[])
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    # 400s are expected: the geocoder's answer to a bad place, and Wagtail's preview
    # of the unfinished form.
    page = open_checked_page(expected_statuses=(400,))
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    admin_login(page, live_server, "chief", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    page.get_by_role("button", name="Add Sessions").click()
    return page, course, requests


def fill_session(page, postcode):
    page.locator("#id_sessions-0-starts_at").fill(in_days(20).strftime("%Y-%m-%d 10:00"))
    page.locator("#id_sessions-0-ends_at").fill(in_days(20).strftime("%Y-%m-%d 13:00"))
    page.locator("#id_sessions-0-venue_name").fill("Community centre")
    page.locator("#id_sessions-0-postcode").fill(postcode)


def test_find_moves_the_marker_of_a_new_session_and_the_point_is_saved(course_editor, live_server):
    page, course, requests = course_editor
    fill_session(page, "LS6 3HN")
    status = page.locator("#id_sessions-0-location_find-status")
    location = page.locator("#id_sessions-0-location")

    # An empty search uses the session's postcode, reduced to its district's centre.
    page.get_by_role("button", name="Find on the map").click()
    page.wait_for_function(
        "document.querySelector('#id_sessions-0-location').value.startsWith('SRID')"
    )
    assert "Moved the marker to the centre of LS6" in status.inner_text()
    assert location.input_value() == point_text(geocode("LS6"))
    assert page.locator("#id_sessions-0-location_map .leaflet-marker-icon").is_visible()

    # From the keyboard: type a postcode of the shipped data, press Enter.
    field = page.get_by_label("Find on the map")
    field.fill("BD1 1HY")
    field.press("Enter")
    bradford = geocode("BD1")
    page.wait_for_function(
        f"document.querySelector('#id_sessions-0-location').value === {point_text(bradford)!r}"
    )
    assert "centre of BD1" in status.inner_text()
    assert page.locator("#id_sessions-0-location_latlng").input_value() == (
        f"{bradford.latitude},{bradford.longitude}"
    )
    screenshot(page, "admin-venue-map-found")

    page.wait_for_load_state("networkidle")  # Wagtail's preview of the form
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("has been published").wait_for()
    page.wait_for_load_state("networkidle")
    session = CourseSession.objects.get(page=course)
    assert (session.latitude, session.longitude) == pytest.approx(
        (bradford.latitude, bradford.longitude), abs=1e-9
    )
    assert session.postcode_district == "LS6"  # the postcode stays the venue's own

    hosts = {urlparse(url).netloc for url in requests}
    assert hosts == {urlparse(live_server.url).netloc}
    assert any("/admin/courses/geocode/?q=BD1" in url for url in requests)


def test_errors_are_announced_next_to_the_field_and_choices_are_buttons(course_editor):
    page, _, _ = course_editor
    fill_session(page, "LS6 3HN")
    field = page.get_by_label("Find on the map")
    status = page.locator("#id_sessions-0-location_find-status")
    location = page.locator("#id_sessions-0-location")
    assert status.get_attribute("aria-live") == "polite"

    field.fill("ZZ9 9ZZ")
    field.press("Enter")
    page.get_by_text("isn't a postcode we recognise").wait_for()
    assert field.get_attribute("aria-invalid") == "true"
    assert location.input_value() == ""

    field.fill("Newport")
    page.get_by_role("button", name="Find on the map").click()
    page.get_by_text("more than one place called 'Newport'").wait_for()
    choice = page.get_by_role("button", name=re.compile(r"^Newport, ")).first
    label = choice.inner_text()
    choice.focus()
    page.keyboard.press("Enter")
    place = geocode(label)
    page.wait_for_function(
        f"document.querySelector('#id_sessions-0-location').value === {point_text(place)!r}"
    )
    assert field.get_attribute("aria-invalid") is None
    assert field.input_value() == label

    # The network fails: the editor is told, and the point stays where it was.
    # ("aborted" fails the fetch as a lost connection does, without the console
    # error the checked page would count as a problem.)
    page.route("**/admin/courses/geocode/**", lambda route: route.abort("aborted"))
    field.fill("LS1")
    field.press("Enter")
    page.get_by_text("couldn't reach the site").wait_for()
    assert location.input_value() == point_text(place)
    screenshot(page, "admin-venue-map-error")
    # Let Wagtail's preview of the typed form finish before the database is flushed.
    page.wait_for_load_state("networkidle")
