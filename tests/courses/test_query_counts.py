"""Query counts for the finder, its map data, coverage and a course page.

Each count is the same with 6 courses as with 21: the finder never queries per course.
A change here is a regression to explain.
"""

import pytest

from cms.models import Topic
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]

# Wagtail's page serving: site, the route (root → home → finder [→ course]),
# the alias/privacy check of the ancestors, and the page's view restrictions.
SERVE_FINDER = 6
# base.html: the navigation, contact and crisis site settings.
FRAME = 3


def more_courses(n=15):
    for i in range(n):
        CoursePageFactory(
            title=f"Extra {i}",
            sessions=[session_at("LS6", days=i + 2), session_at("S1", days=i + 3)],
        )


def assert_constant(client, url, expected, django_assert_num_queries):
    client.get(url)  # fills Wagtail's per-process caches (site root paths)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    more_courses()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_finder_listing(client, courses, django_assert_num_queries):
    # serving; the catalogue's candidates through the search backend (their count,
    # the entries, their dates: only public courses are in it); the candidates' upcoming
    # sessions, the page's courses (provider, awarding body joined) and their topics,
    # the frame's settings, and the topic list for the form.
    assert_constant(client, "/courses/", SERVE_FINDER + 6 + FRAME + 1, django_assert_num_queries)


def test_finder_near_a_place_with_filters(client, courses, django_assert_num_queries):
    # As the listing, plus the topic lookup of the form's validation and the
    # catalogue's locations in the radius' bounding box.
    url = "/courses/?near=LS6&radius=75&recognition=none&topic=recovery&access=step_free"
    courses["nottingham"].topics.add(Topic.objects.get(slug="recovery"))
    courses["nottingham"].save_revision().publish()
    assert_constant(client, url, SERVE_FINDER + 8 + FRAME + 1, django_assert_num_queries)


def test_finder_geojson(client, courses, django_assert_num_queries):
    # serving, the catalogue's candidates (count, entries, their dates, locations),
    # sessions, pages, topics; no frame.
    assert_constant(
        client, "/courses/geojson/?near=LS6&radius=75", SERVE_FINDER + 7, django_assert_num_queries
    )


def test_coverage(client, courses, django_assert_num_queries):
    # serving + restrictions, every upcoming session with its area, the courses'
    # topics and the topic list (for "topics with no course in the region").
    assert_constant(
        client, "/courses/coverage/", SERVE_FINDER + 4 + FRAME, django_assert_num_queries
    )


def test_course_page(client, courses, django_assert_num_queries):
    # serving a course (site, five route steps, privacy check), the view restrictions
    # of the related-courses query, provider, awarding body, sessions, topics,
    # the related courses, and the frame.
    url = courses["leeds"].url
    assert_constant(client, url, 7 + 1 + 4 + 1 + FRAME, django_assert_num_queries)
