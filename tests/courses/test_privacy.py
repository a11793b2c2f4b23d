"""An area-only venue never shows its name, address or exact point, in any output."""

import json
import re

import icalendar
import pytest

from search.models import CatalogueLocation
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = pytest.mark.django_db

VENUE = "St Example's Church Hall"
STREET = "7 Hidden Lane"
POSTCODE = "LS6 3HN"
EXACT = (53.8261, -1.5912)  # a point in LS6 well away from its centre


@pytest.fixture(params=["area", "on_request"])
def private_course(request, course_index):
    options = session_at("LS6", visibility=request.param)
    options.update(
        venue_name=VENUE, address=STREET, postcode=POSTCODE, latitude=EXACT[0], longitude=EXACT[1]
    )
    return CoursePageFactory(title="Private venue course", sessions=[options])


def assert_private(text):
    for secret in (
        VENUE,
        "Example&#x27;s Church",
        STREET,
        POSTCODE,
        "3HN",
        str(EXACT[0]),
        "53.826",
    ):
        assert secret not in text, secret


def test_course_page_html(client, private_course):
    html = client.get(private_course.url).content.decode()
    assert "In the LS6 area" in html
    assert_private(html)


def test_finder_html_and_map(client, private_course):
    assert_private(client.get("/courses/?near=LS6&view=map").content.decode())
    data = client.get("/courses/geojson/?near=LS6").json()
    assert_private(json.dumps(data))
    (feature,) = data["features"]
    assert feature["properties"]["place"] == "LS6 area"
    assert feature["geometry"]["coordinates"] == [-1.57087, 53.82009]  # the district centre
    assert_private(client.get(f"{private_course.url}geojson/").content.decode())


def test_json_ld(client, private_course):
    html = client.get(private_course.url).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert_private(block)
    location = data["hasCourseInstance"][0]["location"]
    assert location["address"] == {
        "@type": "PostalAddress",
        "postalCode": "LS6",
        "addressCountry": "GB",
    }
    assert location["geo"]["latitude"] == pytest.approx(53.82009)


def test_ical(client, private_course):
    body = client.get(f"{private_course.url}ical/").content.decode()
    assert_private(body)
    event = next(iter(icalendar.Calendar.from_ical(body).walk("VEVENT")))
    assert str(event["LOCATION"]) == "LS6 area (full address when you book)"
    assert "GEO" not in event


def test_catalogue_location_is_the_district_centre(private_course):
    (location,) = CatalogueLocation.objects.filter(entry__object_id=private_course.pk)
    assert (location.latitude, location.longitude) == pytest.approx((53.82009, -1.57087))
    assert location.label == "LS6 area"


def test_public_venue_is_shown(client, course_index):
    options = session_at("LS6", visibility="public")
    options.update(venue_name=VENUE, address=STREET, postcode=POSTCODE)
    course = CoursePageFactory(sessions=[options])
    html = client.get(course.url).content.decode()
    assert STREET in html and POSTCODE in html
