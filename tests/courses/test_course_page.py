"""A course page: related courses, its venue map, "last checked", and the coverage CSV's cells."""

import csv
import io
from datetime import date

import pytest

from cms.models import Topic
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = pytest.mark.django_db


def test_related_courses_share_a_topic(client, course_index):
    recovery, carers = Topic.objects.get(slug="recovery"), Topic.objects.get(slug="carers")
    course = CoursePageFactory(title="The course", topics=[recovery])
    CoursePageFactory(title="Also about recovery", topics=[recovery, carers])
    CoursePageFactory(title="About carers only", topics=[carers])
    draft = CoursePageFactory(title="Unpublished recovery course", topics=[recovery])
    draft.unpublish()
    response = client.get(course.url)
    related = [page.title for page in response.context["related_courses"]]
    assert related == ["Also about recovery"]
    html = response.content.decode()
    assert "Related courses" in html and "About carers only" not in html


def test_a_course_sharing_several_topics_is_related_once_in_title_order(client, course_index):
    recovery, carers = Topic.objects.get(slug="recovery"), Topic.objects.get(slug="carers")
    course = CoursePageFactory(title="The course", topics=[recovery, carers])
    for title in ("Zinc course", "Both topics", "Another both", "Carers too"):
        CoursePageFactory(title=title, topics=[recovery, carers])
    related = [page.title for page in course.related_courses()]
    assert related == ["Another both", "Both topics", "Carers too"]


def test_no_related_courses_without_topics(client, course_index):
    course = CoursePageFactory(title="No topics")
    CoursePageFactory(title="Another")
    assert "Related courses" not in client.get(course.url).content.decode()


def test_venue_map_shows_public_venues_and_district_centres(client, course_index):
    public = session_at(
        "LS1 4AP", days=5, venue_name="Leeds Library", latitude=53.8, longitude=-1.549
    )
    area = session_at("S1 2HE", days=9, visibility="area", venue_name="A private room")
    course = CoursePageFactory(title="Two venues", sessions=[public, area])
    html = client.get(course.url).content.decode()
    assert "data-psh-map" in html and f'data-geojson-url="{course.url}geojson/"' in html
    assert "vendor/leaflet/leaflet.js" in html
    data = client.get(f"{course.url}geojson/").json()
    points = {tuple(f["geometry"]["coordinates"]) for f in data["features"]}
    sheffield = course.sessions.get(postcode="S1 2HE")
    centre = (round(sheffield.area_longitude, 5), round(sheffield.area_latitude, 5))
    assert points == {(-1.549, 53.8), centre}
    assert "A private room" not in str(data)


def test_no_map_without_upcoming_sessions(client, course_index):
    course = CoursePageFactory(title="Past only", sessions=[session_at("LS6", days=-5)])
    html = client.get(course.url).content.decode()
    assert "data-psh-map" not in html and "leaflet.js" not in html


def test_last_checked_is_shown_when_set(client, course_index):
    checked = CoursePageFactory(title="Checked", last_verified=date(2026, 3, 4))
    assert "Last checked with the provider" in client.get(checked.url).content.decode()
    assert "4 March 2026" in client.get(checked.url).content.decode()
    unchecked = CoursePageFactory(title="Unchecked")
    assert "Last checked" not in client.get(unchecked.url).content.decode()


def test_coverage_csv_escapes_a_hostile_cell(client, course_index):
    hostile = '=HYPERLINK("https://evil.example.org","Click")'
    CoursePageFactory(
        title="Hostile", sessions=[session_at("LS6", days=5, local_authority=hostile)]
    )
    response = client.get("/courses/coverage/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    authorities = [row[1] for row in rows[2:]]
    assert f"'{hostile}" in authorities
    assert hostile not in authorities


def test_coverage_page_maps_the_venues_its_tables_count(client, courses):
    html = client.get("/courses/coverage/").content.decode()
    assert 'data-geojson-url="/courses/geojson/?dated=on"' in html
    assert "The tables below count the same courses" in html
    data = client.get("/courses/geojson/?dated=on").json()
    mapped = {feature["properties"]["title"] for feature in data["features"]}
    # every course with an upcoming in-person session, none without a place
    assert mapped == {
        "Leeds accredited course",
        "Sheffield CPD course",
        "Nottingham course",
        "London course",
    }


@pytest.mark.parametrize("url", ["/courses/?view=map", "/courses/coverage/"])
def test_busy_maps_cluster_markers_with_our_own_copy_of_the_plugin(client, courses, url):
    html = client.get(url).content.decode()
    assert "data-cluster" in html
    assert 'src="/static/vendor/leaflet.markercluster/leaflet.markercluster.js"' in html
    assert "unpkg" not in html
