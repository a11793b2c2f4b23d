"""The relay: a message reaches a private address that never appears on a page,
and only minimal metadata is kept."""

import datetime

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

import pytest

from cms.models import RelayRecord
from cms.privacy.relay import sender_hash
from cms.privacy.retention import purge_privacy_records
from networks.models import NetworkCoordinator
from tests.factories.networks import MentoringPageFactory, ProjectPageFactory, network

pytestmark = pytest.mark.django_db

PRIVATE = "private.inbox@tuesday.example.org"
MESSAGE = "Hello, could I come along next week? I have been struggling lately."


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def project():
    return ProjectPageFactory(title="Tuesday circle", contact_email=PRIVATE, public_email="")


def form_data(**changes):
    data = {"reply_to": "sender@example.com", "message": MESSAGE, "consent": "on", "website": ""}
    data.update(changes)
    return data


def relay_url(kind, pk):
    return f"/contact/{kind}/{pk}/"


def test_the_form_says_it_is_not_a_crisis_service_with_the_numbers_and_reply_time(client, project):
    content = client.get(relay_url("project", project.pk)).content.decode()
    start = content.index("nhsuk-inset-text")
    inset = content[start : content.index("</div>", start)]
    assert "<strong>This is not a crisis service.</strong>" in inset
    assert "most reply within a week" in inset
    for number in ("tel:999", "tel:111", "tel:116123", "sms:85258"):
        assert number in inset
    assert "privacy notice" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert "<div hidden>" in content and 'name="website"' in content
    assert 'href="/contact/report-misuse/"' in content
    assert content.count("<h1") == 1


def test_no_private_address_appears_on_any_page(client, project):
    coordinator = NetworkCoordinator.objects.create(
        page=network("london"), role_title="Network coordinator", relay_email="coord@example.org"
    )
    mentoring = MentoringPageFactory(project=project)
    pages = [
        project.url,
        network("london").url,
        mentoring.url,
        relay_url("project", project.pk),
        relay_url("coordinator", coordinator.pk),
        relay_url("mentoring", mentoring.pk),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert PRIVATE not in content and "coord@example.org" not in content, url
    assert f'href="/contact/project/{project.pk}/"' in client.get(project.url).content.decode()
    network_page = client.get(network("london").url).content.decode()
    assert f'href="/contact/coordinator/{coordinator.pk}/"' in network_page
    assert (
        f'href="/contact/mentoring/{mentoring.pk}/"' in client.get(mentoring.url).content.decode()
    )


def test_the_message_is_emailed_with_the_sender_as_reply_to_and_not_stored(client, project):
    response = client.post(relay_url("project", project.pk), form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/contact/project/{project.pk}/sent/"
    [message] = mail.outbox
    assert message.to == [PRIVATE]
    assert message.reply_to == ["sender@example.com"]
    assert MESSAGE in message.body
    assert "Tuesday circle" in message.subject
    assert "http://testserver/contact/report-misuse/" in message.body

    [record] = RelayRecord.objects.values()
    assert record["target_kind"] == "project" and record["target_id"] == project.pk
    assert record["sender_hash"] == sender_hash("Sender@Example.com")
    # Nothing else: the message and the addresses are nowhere in the row.
    stored = " ".join(str(value) for value in record.values())
    assert "sender@example.com" not in stored and "struggling" not in stored

    sent = client.get(response["Location"]).content.decode()
    assert "Your message has been sent" in sent and PRIVATE not in sent


def test_a_coordinator_and_a_mentoring_entry_are_reached_the_same_way(client, project):
    coordinator = NetworkCoordinator.objects.create(
        page=network("london"), role_title="Network coordinator", relay_email="coord@example.org"
    )
    own = MentoringPageFactory(contact_email="mentor@example.org")
    via_project = MentoringPageFactory(project=project)
    for kind, pk in (
        ("coordinator", coordinator.pk),
        ("mentoring", own.pk),
        ("mentoring", via_project.pk),
    ):
        assert client.post(relay_url(kind, pk), form_data()).status_code == 302
    assert [m.to for m in mail.outbox] == [["coord@example.org"], ["mentor@example.org"], [PRIVATE]]
    assert list(RelayRecord.objects.values_list("target_kind", flat=True).order_by("pk")) == [
        "coordinator",
        "mentoring",
        "mentoring",
    ]


def test_field_errors_are_shown_and_nothing_is_sent(client, project):
    response = client.post(
        relay_url("project", project.pk), form_data(reply_to="not-an-email", consent="", message="")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "nhsuk-error-summary" in content
    assert 'href="#id_reply_to"' in content and 'href="#id_consent"' in content
    assert mail.outbox == [] and not RelayRecord.objects.exists()


def test_a_long_message_is_refused(client, project):
    response = client.post(relay_url("project", project.pk), form_data(message="x" * 3001))
    assert "at most 3000 characters" in response.content.decode()
    assert mail.outbox == []


def test_the_honeypot_sends_and_keeps_nothing(client, project):
    response = client.post(relay_url("project", project.pk), form_data(website="http://spam"))
    assert response.status_code == 302
    assert mail.outbox == [] and not RelayRecord.objects.exists()


def test_csrf_is_enforced(project):
    response = Client(enforce_csrf_checks=True).post(relay_url("project", project.pk), form_data())
    assert response.status_code == 403
    assert mail.outbox == []


def test_rate_limit_per_client(client, project):
    for _ in range(5):
        assert client.post(relay_url("project", project.pk), form_data()).status_code == 302
    response = client.post(relay_url("project", project.pk), form_data())
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == 5


def test_rate_limit_per_recipient(client, project):
    for n in range(10):
        response = client.post(
            relay_url("project", project.pk), form_data(), REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 302
    response = client.post(relay_url("project", project.pk), form_data(), REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    assert len(mail.outbox) == 10


@pytest.mark.parametrize("kind", ["project", "coordinator", "mentoring"])
def test_unknown_targets_are_a_404(client, kind):
    assert client.get(relay_url(kind, 999999)).status_code == 404
    assert client.post(relay_url(kind, 999999), form_data()).status_code == 404


def test_a_project_without_a_private_contact_or_not_live_cannot_be_messaged(client, project):
    silent = ProjectPageFactory(contact_email="")
    assert client.get(relay_url("project", silent.pk)).status_code == 404
    assert "Send the group a message" not in client.get(silent.url).content.decode()
    project.unpublish()
    assert client.get(relay_url("project", project.pk)).status_code == 404


def test_report_misuse_is_relayed_to_the_site_contact(client):
    from wagtail.models import Site

    from cms.models import SiteContactSettings

    settings = SiteContactSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "team@peersupport.example.org"
    settings.save()
    form = client.get("/contact/report-misuse/?about=/networks/london/").content.decode()
    assert "This is not a crisis service." in form and 'value="/networks/london/"' in form
    response = client.post(
        "/contact/report-misuse/",
        {"about": "/networks/london/", "message": "Someone sent abuse.", "consent": "on"},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["team@peersupport.example.org"]
    assert message.reply_to == []
    assert "About: /networks/london/" in message.body and "Someone sent abuse." in message.body
    assert RelayRecord.objects.get().target_kind == "misuse"


def test_relay_metadata_is_purged_after_90_days(client, project):
    client.post(relay_url("project", project.pk), form_data())
    purge_privacy_records(timezone.now() + datetime.timedelta(days=89))
    assert RelayRecord.objects.count() == 1
    purge_privacy_records(timezone.now() + datetime.timedelta(days=91))
    assert not RelayRecord.objects.exists()


def test_relay_form_queries(client, project, django_assert_num_queries):
    url = relay_url("project", project.pk)
    client.get(url)  # creates the site settings rows once
    # The view restrictions (``public()``) and the project; the site; the crisis,
    # contact and navigation settings, each read once per request and shared by
    # the form's inset and privacy link and the base template.
    with django_assert_num_queries(6):
        client.get(url)


def test_sent_and_misuse_page_queries(client, project, django_assert_num_queries):
    sent = f"/contact/project/{project.pk}/sent/"
    client.get(sent)  # creates the site settings rows once
    # The view restrictions and the project; the site; the three site settings.
    with django_assert_num_queries(6):
        client.get(sent)
    # The site and the contact settings (the recipient, the privacy notice link);
    # the crisis and navigation settings.
    with django_assert_num_queries(4):
        client.get("/contact/report-misuse/")
