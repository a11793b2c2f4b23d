"""Each finder filter on its own, best match, and a bookmarked search in a new browser."""

from django.test import Client
from django.utils import timezone

import pytest

from cms.models import Topic
from courses.choices import ACCESSIBILITY_FEATURES
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]

NO_ACCESS = {name: False for name, _ in ACCESSIBILITY_FEATURES}


def days_until(weekday, at_least=1):
    """Days from today to the next ``weekday`` (Monday 0) at least ``at_least`` days ahead."""
    today = timezone.localdate().weekday()
    return at_least + (weekday - today - at_least) % 7


def titles(client, query):
    response = client.get(f"/courses/?{query}")
    assert response.status_code == 200
    return {result.title for result in response.context["results_page"].object_list}


@pytest.fixture
def varied(course_index):
    """Courses that differ in one way each: day of the week, how soon, one access feature."""
    made = {
        "saturday": CoursePageFactory(
            title="Saturday course",
            sessions=[session_at("LS6", days=days_until(5), **NO_ACCESS)],
        ),
        "wednesday": CoursePageFactory(
            title="Wednesday course",
            sessions=[session_at("LS6", days=days_until(2), **NO_ACCESS)],
        ),
    }
    for days in (20, 50, 80, 120):
        weekday_days = days_until(1, at_least=days)  # a Tuesday on or after that day
        made[days] = CoursePageFactory(
            title=f"Course in {days} days",
            sessions=[session_at("S1", days=weekday_days, **NO_ACCESS)],
        )
    for name, _ in ACCESSIBILITY_FEATURES:
        made[name] = CoursePageFactory(
            title=f"Only {name}",
            sessions=[session_at("NG1", days=days_until(3, 10), **{**NO_ACCESS, name: True})],
        )
    return made


def test_weekend_alone(client, varied):
    assert titles(client, "time_of_day=weekend") == {"Saturday course"}
    assert "Saturday course" not in titles(client, "time_of_day=daytime")


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        ("30", {"Course in 20 days"}),
        ("60", {"Course in 20 days", "Course in 50 days"}),
        ("90", {"Course in 20 days", "Course in 50 days", "Course in 80 days"}),
    ],
)
def test_starting_within_alone(client, varied, within, expected):
    found = titles(client, f"within={within}")
    dated = {title for title in found if title.startswith("Course in")}
    assert dated == expected


@pytest.mark.parametrize("feature", [name for name, _ in ACCESSIBILITY_FEATURES])
def test_each_access_feature_alone(client, varied, feature):
    assert titles(client, f"access={feature}") == {f"Only {feature}"}


def test_best_match_ranks_title_words_first(client, course_index):
    CoursePageFactory(title="Hearing voices facilitation", summary="Groups.", sessions=[])
    CoursePageFactory(
        title="Listening skills", summary="Includes a session on hearing voices.", sessions=[]
    )
    CoursePageFactory(title="Governance basics", summary="Committees.", sessions=[])
    response = client.get("/courses/?q=hearing+voices")
    ranked = [result.title for result in response.context["results_page"].object_list]
    assert ranked == ["Hearing voices facilitation", "Listening skills"]
    by_title = client.get("/courses/?q=hearing+voices&sort=title")
    assert [r.title for r in by_title.context["results_page"].object_list] == sorted(ranked)


def test_words_combine_with_filters(client, varied):
    assert titles(client, "q=saturday&time_of_day=weekend") == {"Saturday course"}
    assert titles(client, "q=saturday&time_of_day=evening") == set()


def test_a_bookmarked_search_gives_the_same_results_in_a_new_browser(client, varied):
    recovery = Topic.objects.get(slug="recovery")
    for key in ("saturday", "step_free"):
        varied[key].topics.set([recovery])
        varied[key].save_revision().publish()
    response = client.get(
        "/courses/",
        {"near": "LS6 3HN", "radius": "75", "topic": "recovery", "sort": "distance"},
        follow=True,
    )
    bookmark = response.redirect_chain[-1][0]
    assert "LS6+3HN" not in bookmark and "near=LS6" in bookmark
    first = [r.title for r in response.context["results_page"].object_list]
    assert first == ["Saturday course", "Only step_free"]
    again = Client().get(bookmark)
    assert [r.title for r in again.context["results_page"].object_list] == first
