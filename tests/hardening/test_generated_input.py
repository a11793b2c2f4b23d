"""Generated bad input against every public form and API parameter.

Hypothesis builds query strings and form posts from each endpoint's own
parameter names, mixing valid values with junk (control characters, NUL,
huge numbers, invalid UTF-8, injections, very long text). Whatever arrives, the
site answers without a 5xx; a rejection is a 4xx that says what was wrong, and
a form shown again names each error in its error summary.
"""

from urllib.parse import quote_from_bytes

from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.models import Region, Topic
from courses.choices import (
    ACCESSIBILITY_FEATURES,
    DELIVERY_CHOICES,
    LEVEL_CHOICES,
    RECOGNITION_CHOICES,
    TIME_OF_DAY_CHOICES,
)
from networks.choices import HowToJoin, ProjectType, Setting, VenueVisibility
from networks.models import Community

from .generated import assert_handled, junk, keys, query, slugs, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_site, db):
    cache.clear()
    return Client()


def finder_fields():
    return {
        "near": value("LS6", "Leeds", "NG1 5DL", "Newport", "E1"),
        "radius": value(5, 10, 75, 1000),
        "include_online": value("on", "1"),
        "topic": value(*slugs(Topic)),
        "recognition": value(*keys(RECOGNITION_CHOICES)),
        "level": value(*keys(LEVEL_CHOICES)),
        "delivery": value(*keys(DELIVERY_CHOICES)),
        "time_of_day": value(*keys(TIME_OF_DAY_CHOICES)),
        "free": value("on"),
        "within": value(30, 60, 90, 7),
        "date_from": value("2030-01-01", "2020-01-01"),
        "date_to": value("2030-12-31", "2019-01-01"),
        "access": value(*keys(ACCESSIBILITY_FEATURES)),
        "dated": value("on"),
        "sort": value("distance", "date", "title"),
        "page": value(1, 2, 0, 10**6),
        "view": value("map", "list"),
    }


def test_course_finder_and_its_geojson(site):
    fields = finder_fields()

    @given(query(fields))
    def check(params):
        assert_handled(site.get(f"/courses/?{params}"))
        assert_handled(site.get(f"/courses/geojson/?{params}"))

    check()


def test_directory_and_its_geojson(site):
    fields = {
        "region": value(*slugs(Region)),
        "project_type": value(*ProjectType.values),
        "community": value(*slugs(Community)),
        "how_to_join": value(*HowToJoin.values),
        "setting": value(*Setting.values),
        "open_to_new_members": value("on"),
        "page": value(1, 2, "last", 0, 10**9),
        "view": value("map"),
    }

    @given(query(fields))
    def check(params):
        assert_handled(site.get(f"/networks/directory/?{params}"))
        assert_handled(site.get(f"/networks/directory/geojson/?{params}"))

    check()


def test_search_page(site):
    fields = {
        "q": value("peer support", "mutual aid", "hearing voices"),
        "kind": value("course", "event", "project", "resource", "guidance"),
        "topic": value(*Topic.objects.values_list("name", flat=True)),
        "region": value(*Region.objects.values_list("name", flat=True)),
        "near": value("LS6", "Leeds", "Newport"),
        "radius": value(5, 100, 0, 101),
        "sort": value("relevance", "distance", "date"),
        "page": value(1, 2, 10**6),
    }

    @given(query(fields))
    def check(params):
        assert_handled(site.get(f"/search/?{params}"))

    check()


def test_guidance_topics_and_feeds(site):
    @given(junk(), st.integers(min_value=-(2**70), max_value=2**70))
    def check(topic, session_id):
        assert_handled(site.get(f"/guidance/?topic={quote_from_bytes(topic)}"))
        course = "/courses/starting-a-self-help-group/"
        assert_handled(site.get(f"{course}ical/{abs(session_id)}/"))

    check()


def test_search_api(site):
    fields = {
        "q": value("peer", "mutual aid"),
        "kind": value("course", "event", "project", "resource", "guidance"),
        "topic": value("Hearing voices"),
        "region": value("London"),
        "near": value("LS6", "Leeds", "Newport"),
        "radius": value(1, 5, 100, 0.5, 101),
        "accredited": value("true", "false", "yes"),
        "delivery": value("in_person", "online", "blended"),
        "starts_after": value("2030-01-01", "2030-02-30"),
        "starts_before": value("2029-01-01", "2031-01-01"),
        "sort": value("relevance", "distance", "date"),
        "page": value(1, 2, 500, 0),
        "page_size": value(1, 20, 100, 101),
    }

    @given(query(fields))
    def check(params):
        assert_handled(site.get(f"/api/v1/search?{params}"))

    check()


def test_suggest_api(site):
    @given(query({"q": value("pe", "hear", "")}, max_size=3))
    def check(params):
        assert_handled(site.get(f"/api/v1/search/suggest?{params}"))

    check()


def test_event_submission_form(site):
    url = "/networks/london/submit-event/"
    fields = {
        "organiser": value("Tuesday circle"),
        "title": value("Open evening"),
        "summary": value("Come and meet the group."),
        "description": value("Tea."),
        "date": value("2030-06-01", "2020-01-01", "1 6 2030"),
        "start_time": value("18:00", "25:61"),
        "end_time": value("20:00", "17:00"),
        "online": value("on"),
        "venue_visibility": value(*VenueVisibility.values),
        "venue_name": value("Community hall"),
        "address": value("3 Example Row"),
        "postcode": value("E1 6AN", "Leeds", "BT1 1AA"),
        "booking_url": value("https://example.org/book", "javascript:alert(1)", "ftp://x"),
        "cost": value("Free"),
        "contact_email": value("hello@tuesday.example.org", "not-an-email"),
        "consent": value("on"),
    }

    @given(query(fields, max_size=20))
    def check(body):
        cache.clear()  # a 429 would hide the form's own answer
        response = site.post(url, body, content_type="application/x-www-form-urlencoded")
        assert_handled(response)

    check()


def test_the_event_form_refuses_a_post_without_csrf(demo_site, db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/networks/london/submit-event/", {"title": "x"})
    assert response.status_code == 403
