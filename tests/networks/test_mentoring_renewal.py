"""Mentoring expiry: two weeks before an entry ends, its contact may keep it open by link."""

import datetime

from django.core import mail
from django.utils import timezone

from wagtail.models import Revision

import pytest

from cms.hooks import periodic_jobs
from cms.scheduler import run_job
from networks.models import MentoringPage
from tests.emails import signed_link_in
from tests.factories.networks import MentoringPageFactory, ProjectPageFactory, network

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def ending():
    return MentoringPageFactory(
        title="Help with trustees", contact_email="mentor@example.org", expires_on=in_days(10)
    )


def run_renewal(now=None):
    return run_job(periodic_jobs.get("networks-mentoring-renewal"), now)


def test_the_job_asks_only_open_entries_ending_within_two_weeks(ending):
    MentoringPageFactory(contact_email="later@example.org", expires_on=in_days(30))
    MentoringPageFactory(contact_email="", expires_on=in_days(5))  # nobody to ask
    MentoringPageFactory(contact_email="gone@example.org", expires_on=in_days(-1))
    draft = MentoringPageFactory(contact_email="draft@example.org", expires_on=in_days(5))
    draft.unpublish()
    run = run_renewal()
    assert run.outcome == "succeeded" and run.summary == "Asked 1 mentoring contact(s)."
    [message] = mail.outbox
    assert message.to == ["mentor@example.org"]
    assert "Help with trustees" in message.subject
    assert "/links/mentoring-still-open/" in message.body


def test_an_entry_without_its_own_contact_asks_its_projects():
    project = ProjectPageFactory(contact_email="group@example.org")
    MentoringPageFactory(project=project, contact_email="", expires_on=in_days(3))
    run_renewal()
    assert [message.to for message in mail.outbox] == [["group@example.org"]]


def test_not_asked_again_within_30_days(ending):
    now = timezone.now()
    run_renewal(now)
    run_renewal(now + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_renewing_keeps_it_open_six_more_months_and_on_the_network_page(client, ending):
    run_renewal()
    link = signed_link_in(mail.outbox[0])
    page = client.get(link)
    assert "Help with trustees" in page.content.decode()
    done = client.post(link, {"choice": "renew"})
    until = in_days(180)
    assert f"stays open until {until:%-d %B %Y}" in done.content.decode()
    ending.refresh_from_db()
    assert ending.open_until == until and ending.expires_on == in_days(10)
    # The day after it would have ended, it still shows.
    after = timezone.now() + datetime.timedelta(days=11)
    assert MentoringPage.objects.open_on(timezone.localdate(after)).filter(pk=ending.pk).exists()
    assert "Help with trustees" in client.get(network().url).content.decode()


def test_the_renewal_survives_publishing_an_older_revision(client, ending):
    older = ending.save_revision()
    run_renewal()
    client.post(signed_link_in(mail.outbox[0]), {"choice": "renew"})
    Revision.objects.get(pk=older.pk).publish()  # as the admin loads it
    ending.refresh_from_db()
    assert ending.renewed_until == in_days(180)


def test_closing_takes_it_down(client, ending):
    run_renewal()
    done = client.post(signed_link_in(mail.outbox[0]), {"choice": "close"})
    assert "no longer shows" in done.content.decode()
    ending.refresh_from_db()
    assert not ending.live
    assert client.get(ending.url or "/nowhere/").status_code == 404


def test_the_link_works_once(client, ending):
    run_renewal()
    link = signed_link_in(mail.outbox[0])
    client.post(link, {"choice": "renew"})
    again = client.post(link, {"choice": "close"})
    assert again.status_code == 410
    ending.refresh_from_db()
    assert ending.live


def test_an_expired_entry_leaves_the_network_page(client):
    MentoringPageFactory(title="Old offer", expires_on=in_days(-1))
    assert "Old offer" not in client.get(network().url).content.decode()
