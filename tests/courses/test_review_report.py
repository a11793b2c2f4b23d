"""Reports → Courses to check: no upcoming session, or not confirmed with the provider for a year."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import pytest

from tests.factories.cms import OrganisationFactory
from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = pytest.mark.django_db

URL = "/admin/reports/courses-to-check/"


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def listings(course_index):
    """Four courses: one that is fine, one with only past dates, one stale, one never checked."""
    provider = OrganisationFactory(name="Example Recovery College")
    return {
        "fine": CoursePageFactory(
            title="Checked and dated",
            last_verified=days_ago(30),
            sessions=[session_at("LS6", days=20)],
        ),
        "past": CoursePageFactory(
            title="Only past sessions",
            provider=provider,
            last_verified=days_ago(10),
            sessions=[session_at("LS6", days=-40)],
        ),
        "stale": CoursePageFactory(
            title="Checked long ago",
            last_verified=days_ago(400),
            sessions=[session_at("S1", days=15)],
        ),
        "never": CoursePageFactory(title="Never checked", sessions=[]),
    }


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    return client


def listed(response):
    assert response.status_code == 200
    return {course.title for course in response.context["object_list"]}


def test_lists_courses_with_no_upcoming_session_or_stale_checks(admin_client, listings):
    response = admin_client.get(URL)
    assert listed(response) == {"Only past sessions", "Checked long ago", "Never checked"}
    html = response.content.decode()
    assert "Example Recovery College" in html
    assert "No upcoming session" in html and "Not checked for 12 months" in html
    # the last session date, even when it is past
    past_session = listings["past"].sessions.get().starts_at
    assert f"{timezone.localtime(past_session):%-d %b %Y}" in html
    assert "Never" in html


def test_filters_by_reason_and_provider(admin_client, listings):
    assert listed(admin_client.get(URL, {"reason": "no_upcoming"})) == {
        "Only past sessions",
        "Never checked",
    }
    assert listed(admin_client.get(URL, {"reason": "unverified"})) == {
        "Checked long ago",
        "Never checked",
    }
    provider = listings["past"].provider
    assert listed(admin_client.get(URL, {"provider": provider.pk})) == {"Only past sessions"}


def test_bad_filter_values_are_not_a_500(admin_client, listings):
    assert admin_client.get(URL, {"reason": "nonsense", "provider": "x"}).status_code == 200


def test_csv_and_xlsx_exports(admin_client, listings):
    response = admin_client.get(URL, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    lines = content.decode().splitlines()
    assert lines[0] == "Course,Provider,Last session,Last checked,Needs a check because"
    assert any(
        line.startswith("Never checked,")
        and line.endswith("No upcoming session; Not checked for 12 months")
        for line in lines
    )
    assert len(lines) == 4
    xlsx = admin_client.get(URL, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_editors_see_it_in_the_reports_menu(client, listings):
    client.force_login(member_of("Editors", "editor"))
    assert listed(client.get(URL)) == {"Only past sessions", "Checked long ago", "Never checked"}
    assert URL in client.get("/admin/").content.decode()


def test_users_without_page_permissions_cannot(client, listings):
    user = get_user_model().objects.create_user(username="nobody", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code in {302, 403}
    assert URL not in client.get("/admin/").content.decode()
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


@pytest.mark.database_sensitive
def test_query_count_does_not_grow_with_courses(admin_client, listings, django_assert_num_queries):
    # session, user, user profile; the paginator's count; the page of courses with their
    # provider, last session and upcoming flag annotated; the locale; the admin menu's two
    # page lookups and one other app's menu check; the provider filter's organisations.
    admin_client.get(URL)  # warms Wagtail's per-process caches
    with django_assert_num_queries(10):
        assert admin_client.get(URL).status_code == 200
    for n in range(8):
        CoursePageFactory(title=f"Undated {n}", sessions=[session_at("LS6", days=-n - 1)])
    with django_assert_num_queries(10):
        assert len(listed(admin_client.get(URL))) == 11
