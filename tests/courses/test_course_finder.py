"""The course finder: each filter alone and combined, distances, errors, pagination, GeoJSON."""

import math
from datetime import timedelta

from django.utils import timezone

import pytest

from cms.geocoding import geocode, haversine_miles
from cms.geocoding.distance import EARTH_RADIUS_KM, KM_PER_MILE
from cms.models import Topic
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def titles(client, query=""):
    response = client.get(f"/courses/?{query}")
    assert response.status_code == 200, response.status_code
    page = response.context["results_page"]
    return [result.title for result in page.object_list] if page is not None else None


def finder_results(client, query):
    return client.get(f"/courses/?{query}").context["results_page"].object_list


class TestListing:
    def test_everything_soonest_first_dates_to_come_last(self, client, courses):
        assert titles(client) == [
            "London course",
            "Leeds accredited course",
            "Sheffield CPD course",
            "Online course",
            "Nottingham course",
            "Course with dates to come",
        ]

    def test_dates_to_be_announced_shown_and_filterable(self, client, courses):
        response = client.get("/courses/")
        assert "Dates to be announced" in response.content.decode()
        assert "Course with dates to come" not in titles(client, "dated=on")

    def test_past_sessions_drop_out(self, client, course_index):
        CoursePageFactory(title="Old course", sessions=[session_at("LS6", days=-3)])
        assert titles(client, "dated=on") == []
        assert titles(client, "near=LS6") == []

    def test_pagination(self, client, course_index):
        for n in range(12):
            CoursePageFactory(title=f"Course {n:02d}", sessions=[session_at("LS6", days=n + 1)])
        first, second = titles(client), titles(client, "page=2")
        assert len(first) == 10 and len(second) == 2
        assert set(first).isdisjoint(second)
        assert titles(client, "page=99") == second  # out of range: the last page
        assert titles(client, "page=abc") == first


class TestNear:
    @pytest.mark.parametrize(
        ("radius", "expected"),
        [
            ("5", ["Leeds accredited course"]),
            ("45", ["Leeds accredited course", "Sheffield CPD course"]),
            ("75", ["Leeds accredited course", "Sheffield CPD course", "Nottingham course"]),
        ],
    )
    def test_radius_and_distance_order(self, client, courses, radius, expected):
        assert titles(client, f"near=LS6&radius={radius}") == expected

    def test_default_radius_is_ten_miles(self, client, courses):
        assert titles(client, "near=LS6") == ["Leeds accredited course"]

    @pytest.mark.parametrize("near", ["LS6", "Leeds", "S10", "NG7", "E1", "EX4", "B1", "CF10"])
    def test_exactly_the_courses_within_the_radius_by_our_haversine(self, client, courses, near):
        place = geocode(near)
        nearest = {}
        for course in courses.values():
            for session in course.sessions.all():
                if session.public_point is not None:
                    miles = haversine_miles(place.latitude, place.longitude, *session.public_point)
                    nearest[course.title] = min(miles, nearest.get(course.title, miles))
        for radius in (5, 15, 45, 75):
            expected = sorted((m, t) for t, m in nearest.items() if m <= radius)
            results = finder_results(client, f"near={near}&radius={radius}")
            assert [result.title for result in results] == [title for _, title in expected]
            distances = [result.distance_miles for result in results]
            assert distances == pytest.approx([miles for miles, _ in expected])

    def test_the_radius_edge_is_our_haversine(self, client, course_index):
        centre = geocode("LS6")
        # Due north, the haversine distance is the earth's radius times the latitude change.
        for title, miles in (("Just inside", 9.95), ("Just outside", 10.05)):
            latitude = centre.latitude + math.degrees(miles * KM_PER_MILE / EARTH_RADIUS_KM)
            session = session_at("LS6", latitude=latitude, longitude=centre.longitude)
            CoursePageFactory(title=title, sessions=[session])
        results = finder_results(client, "near=LS6&radius=10")
        assert [result.title for result in results] == ["Just inside"]
        assert results[0].distance_miles == pytest.approx(9.95)
        assert [r.title for r in finder_results(client, "near=LS6&radius=15")] == [
            "Just inside",
            "Just outside",
        ]

    def test_distance_shown_rounded_from_district_centre(self, client, courses):
        place = geocode("LS6")
        session = courses["sheffield"].sessions.get()
        miles = haversine_miles(place.latitude, place.longitude, *session.public_point)
        html = client.get("/courses/?near=LS6&radius=45").content.decode()
        assert f"about {round(miles)} miles from the centre of LS6" in html

    def test_include_online(self, client, courses):
        assert "Online course" not in titles(client, "near=LS6")
        assert titles(client, "near=LS6&include_online=on") == [
            "Leeds accredited course",
            "Online course",
        ]

    def test_full_postcode_is_reduced_to_district_in_the_url(self, client, courses):
        response = client.get("/courses/?near=LS6+3HN&radius=15")
        assert response.status_code == 302
        assert response["Location"] == "/courses/?near=LS6&radius=15"

    def test_bookmarked_url_reproduces_results(self, client, courses):
        query = "near=LS6&radius=75&recognition=accredited&recognition=cpd&sort=date"
        assert (
            titles(client, query)
            == titles(client, query)
            == [
                "Leeds accredited course",
                "Sheffield CPD course",
            ]
        )


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("recognition=accredited", {"Leeds accredited course"}),
            ("recognition=cpd", {"Sheffield CPD course"}),
            (
                "recognition=accredited&recognition=cpd",
                {"Leeds accredited course", "Sheffield CPD course"},
            ),
            ("level=3", {"Leeds accredited course"}),
            ("level=5", set()),
            ("delivery=online", {"Online course"}),
            ("time_of_day=evening", {"Sheffield CPD course"}),
            ("access=hearing_loop", {"Leeds accredited course"}),
            ("access=step_free&access=hearing_loop", {"Leeds accredited course"}),
            ("within=30&access=step_free", {"Leeds accredited course", "London course"}),
        ],
    )
    def test_each_filter(self, client, courses, query, expected):
        assert set(titles(client, query)) == expected

    def test_recognition_none_counts_separately(self, client, courses):
        assert set(titles(client, "recognition=none")) == {
            "Nottingham course",
            "London course",
            "Online course",
            "Course with dates to come",
        }

    def test_free_only(self, client, courses):
        assert "Sheffield CPD course" not in titles(client, "free=on")
        assert len(titles(client, "free=on")) == 5

    def test_date_range(self, client, courses):
        today = timezone.localdate()
        query = f"date_from={today + timedelta(days=15)}&date_to={today + timedelta(days=25)}"
        assert titles(client, query) == ["Sheffield CPD course"]

    def test_daytime_excludes_evening_sessions(self, client, courses):
        daytime = set(titles(client, "time_of_day=daytime&time_of_day=weekend"))
        assert "Sheffield CPD course" not in daytime
        assert "Leeds accredited course" in daytime

    def test_topic(self, client, courses):
        recovery = Topic.objects.get(name="Recovery")
        courses["nottingham"].topics.set([recovery])
        courses["nottingham"].save_revision().publish()
        assert titles(client, "topic=recovery") == ["Nottingham course"]

    def test_combined_filters(self, client, courses):
        assert titles(client, "near=LS6&radius=75&recognition=none&free=on") == [
            "Nottingham course"
        ]


class TestErrors:
    def errors(self, client, query):
        response = client.get(f"/courses/?{query}")
        assert response.status_code == 200
        assert response.context["results_page"] is None
        return response

    def test_unknown_place(self, client, courses):
        response = self.errors(client, "near=Xyzzyq")
        assert (
            "We couldn&#x27;t find a place called &#x27;Xyzzyq&#x27;" in response.content.decode()
        )
        assert response.content.decode().count("There is a problem") == 1

    def test_ambiguous_place_offers_choices(self, client, courses):
        response = self.errors(client, "near=Newport&radius=30")
        html = response.content.decode()
        assert "more than one place called" in html
        assert 'href="?near=Newport%2C%20Wales&amp;radius=30"' in html
        assert titles(client, "near=Newport%2C+Wales&radius=30") == []

    def test_outside_england_and_wales(self, client, courses):
        response = self.errors(client, "near=EH1")
        assert "We list services in England and Wales." in response.content.decode()

    def test_date_range_backwards(self, client, courses):
        response = self.errors(client, "date_from=2030-02-01&date_to=2030-01-01")
        assert "must be on or after" in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [
            "radius=abc",
            "radius=1000",
            "topic=no-such-topic",
            "recognition=gold",
            "level=99",
            "delivery=carrier-pigeon",
            "time_of_day=midnight",
            "within=7",
            "date_from=31-31-2031",
            "access=lift",
            "sort=random",
            "near=" + "x" * 300,
            "near=%00%01",
            "near=12345",
            "page=-1&near=LS6",
        ],
    )
    def test_bad_parameters_never_500(self, client, courses, query):
        response = client.get(f"/courses/?{query}")
        assert response.status_code == 200
        geojson = client.get(f"/courses/geojson/?{query}")
        assert geojson.status_code in (200, 400)


class TestGeoJSON:
    def test_same_courses_as_the_list(self, client, courses):
        data = client.get("/courses/geojson/?near=LS6&radius=75").json()
        assert {f["properties"]["title"] for f in data["features"]} == set(
            titles(client, "near=LS6&radius=75")
        )
        feature = data["features"][0]
        assert feature["geometry"]["type"] == "Point"
        assert feature["properties"]["url"].startswith("/courses/")

    def test_invalid_parameters_are_a_400_with_messages(self, client, courses):
        response = client.get("/courses/geojson/?radius=abc&near=EH1")
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert set(errors) == {"radius", "near"}
        assert response["Content-Type"] == "application/json"
