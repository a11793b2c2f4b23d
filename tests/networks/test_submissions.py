"""Public event submissions: form → queue → approval by that network's coordinator."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from networks import submissions
from networks.models import EventPage, Submission
from tests.factories.networks import network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_data(**changes):
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "organiser": "Tuesday circle",
        "title": "Open evening",
        "summary": "Come and meet the group.",
        "description": "Tea and a chat.",
        "date": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "venue_visibility": "area",
        "venue_name": "Community hall",
        "address": "3 Example Row",
        "postcode": "E1 6AN",
        "contact_email": "hello@tuesday.example.org",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def submit_url(slug="london"):
    return network(slug).url + "submit-event/"


def user_in(group_name):
    user = get_user_model().objects.create_user(
        username=group_name.replace(" ", "-").lower(), password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)


def test_the_form_says_it_is_not_a_crisis_service_and_links_the_privacy_notice(client):
    content = client.get(submit_url()).content.decode()
    assert "This is not a crisis service" in content
    assert "privacy notice" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert "<div hidden>" in content
    # Area only is the default.
    assert 'value="area" checked' in content or 'value="area"\n' in content


def test_a_valid_submission_is_queued_not_published(client):
    response = client.post(submit_url(), form_data())
    assert response.status_code == 302
    assert response["Location"].endswith("/submit-event/thanks/")
    submission = Submission.objects.get()
    assert submission.network == network("london")
    assert submission.status == "pending"
    assert submission.venue_visibility == "area"
    assert not EventPage.objects.exists()
    # A fixed-text confirmation, never the submitted text.
    [message] = mail.outbox
    assert message.to == ["hello@tuesday.example.org"]
    assert "Tea and a chat" not in message.body and "Open evening" not in message.body


def test_field_errors_are_shown(client):
    response = client.post(
        submit_url(), form_data(consent="", postcode="", end_time="17:00", title="")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "nhsuk-error-summary" in content
    assert "The end time must be after the start time." in content
    assert "tick “This event is online”" in content
    assert not Submission.objects.exists()


def test_a_place_outside_coverage_is_a_field_error(client):
    response = client.post(submit_url(), form_data(postcode="EH1 1AA"))
    assert "Scotland" in response.content.decode()


def test_past_dates_are_refused(client):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(submit_url(), form_data(date=yesterday))
    assert "The date must be in the future." in response.content.decode()


def test_the_honeypot_stores_and_sends_nothing(client):
    response = client.post(submit_url(), form_data(website="https://spam.example.com"))
    assert response.status_code == 302
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_csrf_is_enforced():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(submit_url(), form_data())
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_rate_limit_per_client_address(client):
    for n in range(5):
        assert (
            client.post(submit_url(), form_data(contact_email=f"a{n}@example.org")).status_code
            == 302
        )
    response = client.post(submit_url(), form_data(contact_email="late@example.org"))
    assert response.status_code == 429
    assert Submission.objects.count() == 5


def test_rate_limit_per_recipient_address(client):
    for n in range(3):
        assert client.post(submit_url(), form_data(), REMOTE_ADDR=f"10.0.0.{n}").status_code == 302
    response = client.post(submit_url(), form_data(), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_many_bot_posts_create_no_page(client):
    for n in range(200):
        client.post(submit_url(), form_data(website="x"), REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}")
    assert not Submission.objects.exists()
    assert not EventPage.objects.exists()


class TestApproval:
    @pytest.fixture
    def submission(self, client):
        client.post(submit_url(), form_data())
        return Submission.objects.get()

    def test_the_networks_coordinator_approves_it_into_a_published_page(self, submission):
        coordinator = user_in("London coordinators")
        assert list(submissions.queue_for(coordinator)) == [submission]
        page = submissions.approve(submission, coordinator)
        assert page.live and page.get_parent().get_parent().specific == network("london")
        assert page.latest_revision.user == coordinator
        assert page.venue_visibility == "area" and page.district == "E1"
        assert page.occurrences.count() == 1
        submission.refresh_from_db()
        assert submission.status == "approved" and submission.event_page == page
        assert submission.contact_email == ""

    def test_another_regions_coordinator_cannot_see_or_approve_it(self, submission):
        welsh = user_in("Wales coordinators")
        assert not submissions.queue_for(welsh).exists()
        with pytest.raises(PermissionDenied):
            submissions.approve(submission, welsh)
        assert not EventPage.objects.exists()

    def test_a_national_moderator_can_approve_it(self, submission):
        assert submissions.approve(submission, user_in("National moderators")).live

    def test_it_cannot_be_decided_twice(self, submission):
        coordinator = user_in("London coordinators")
        submissions.reject(submission, coordinator)
        with pytest.raises(PermissionDenied):
            submissions.approve(submission, coordinator)

    def test_the_admin_queue_and_approve_button(self, client, submission):
        client.force_login(user_in("London coordinators"))
        assert "Open evening" in client.get("/admin/network-submissions/").content.decode()
        assert client.get(f"/admin/network-submissions/{submission.pk}/").status_code == 200
        response = client.post(f"/admin/network-submissions/{submission.pk}/approve/")
        assert response.status_code == 302
        assert EventPage.objects.get().live

    def test_the_admin_refuses_another_regions_coordinator(self, client, submission):
        client.force_login(user_in("Wales coordinators"))
        assert "Open evening" not in client.get("/admin/network-submissions/").content.decode()
        assert client.get(f"/admin/network-submissions/{submission.pk}/").status_code == 404
        response = client.post(f"/admin/network-submissions/{submission.pk}/approve/")
        assert response.status_code in (302, 403)
        assert not EventPage.objects.exists()
