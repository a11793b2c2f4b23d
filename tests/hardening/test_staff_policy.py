"""Staff passwords and sessions: validators enforced in Wagtail's user form; sessions expire."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

STRONG = "quiet heron paints violet kites"


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", STRONG)
    client.force_login(user)
    return client


def create_user(client, password, username="newstaff"):
    return client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": username,
            "email": f"{username}@example.org",
            "first_name": "New",
            "last_name": "Staff",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Sh0rt!pw", "too short"),
        ("password123", "too short"),
        ("qwerty123456", "too common"),
        ("1q2w3e4r5t6y", "too common"),
        ("123456789012345", "entirely numeric"),
        ("rosalindfranklin1", "too similar"),
    ],
)
def test_weak_passwords_are_refused_in_the_admin_user_form(admin, password, message):
    response = create_user(admin, password, username="rosalindfranklin")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="rosalindfranklin").exists()


def test_a_strong_password_is_accepted(admin):
    response = create_user(admin, "amber lantern drifts over moss")
    assert response.status_code == 302
    assert (
        get_user_model()
        .objects.get(username="newstaff")
        .check_password("amber lantern drifts over moss")
    )


def test_sessions_are_as_documented():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_cookie_is_a_browser_session_cookie(admin):
    """Expires at browser close: no Expires or Max-Age on the cookie."""
    response = admin.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    admin.post(reverse("wagtailadmin_login"), {"username": "admin", "password": STRONG})
    cookie = admin.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"]
    assert not cookie["max-age"]


def test_a_session_past_its_age_is_logged_out(admin):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = admin.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
