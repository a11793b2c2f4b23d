"""Admin login throttling (django-axes): lock the (username, address) pair, nothing else."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a long and unusual passphrase 42"
ATTACKER = "203.0.113.7"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_superuser(
        "colleague", "colleague@example.org", PASSWORD
    )


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client):
    return SESSION_KEY in client.session


def fail(client, username="editor", times=LIMIT, **extra):
    return [attempt(client, username, "wrong password", **extra) for _ in range(times)]


def assert_locked_out(response):
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert response["Retry-After"] == "900"


def test_the_settings_are_what_the_docs_say():
    assert LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.AUTHENTICATION_BACKENDS[0] == "cms.safety.auth.LoginThrottleBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_failures_below_the_limit_get_the_normal_form(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    for response in fail(client, times=LIMIT - 1):
        assert response.status_code == 200
        assert b"Too many failed" not in response.content
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_limit_locks_out_with_a_clear_message_and_no_5xx(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    responses = fail(client)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert_locked_out(responses[-1])
    # The username is not echoed back, and the page is not cached.
    assert "editor" not in responses[-1].content.decode()
    assert responses[-1]["Cache-Control"] == "no-store"


def test_the_right_password_is_refused_during_lockout(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client)
    assert_locked_out(attempt(client, "editor", PASSWORD))
    assert not logged_in(client)
    assert client.get("/admin/").status_code == 302  # back to the login page


def test_other_users_from_the_same_address_are_unaffected(editor, colleague):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client)
    response = attempt(client, "colleague", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_the_same_user_from_another_address_is_unaffected(editor):
    fail(Client(REMOTE_ADDR=ATTACKER))
    office = Client(REMOTE_ADDR="198.51.100.20")
    assert attempt(office, "editor", PASSWORD).status_code == 302
    assert logged_in(office)


def test_username_case_or_spacing_does_not_dodge_the_lock(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client)
    # Django's username lookup is exact, so "EDITOR" is another (unknown) account:
    # it cannot log in as editor either way.
    assert attempt(client, "EDITOR", PASSWORD).status_code in (200, 429)
    assert not logged_in(client)


def test_a_forged_forwarded_for_header_does_not_dodge_the_lock(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    for n in range(LIMIT):
        attempt(client, "editor", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert_locked_out(attempt(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    fail(proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}")
    assert_locked_out(attempt(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER))
    # Another client behind the same proxy still gets in.
    assert (
        attempt(proxy, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.5").status_code == 302
    )


def test_the_lock_lifts_after_the_cool_off(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert logged_in(client)


def test_attempts_during_lockout_do_not_extend_it(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client)
    first_locked = AccessAttempt.objects.get().attempt_time
    fail(client, times=3)
    assert AccessAttempt.objects.get().attempt_time == first_locked


def test_a_successful_login_clears_earlier_failures(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    fail(client, times=LIMIT - 1)
    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for response in fail(client, times=LIMIT - 1):
        assert response.status_code == 200


def test_ajax_lockout_gets_the_same_page_without_a_cors_wildcard(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    responses = fail(client, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert_locked_out(responses[-1])
    assert "Access-Control-Allow-Origin" not in responses[-1]


def test_passwords_are_not_stored_with_the_attempts(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    attempt(client, "editor", "my-secret-guess")
    stored = AccessAttempt.objects.get()
    assert "my-secret-guess" not in stored.post_data
    assert "my-secret-guess" not in stored.get_data


def test_logins_without_a_request_still_work(editor, client):
    # The test client's login() (and scripts) call authenticate() without a
    # request; the throttle has no address to go on and lets them through.
    assert client.login(username="editor", password=PASSWORD)
    assert not client.login(username="editor", password="wrong")
