"""Freshness: a year after the last check, the listing's contact is asked by link."""

import datetime

from django.core import mail
from django.utils import timezone

from wagtail.models import Revision

import pytest

from cms.hooks import periodic_jobs
from cms.scheduler import run_job
from networks.models import ProjectPage
from search.models import CatalogueEntry
from tests.emails import signed_link_in
from tests.factories.networks import ProjectPageFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def due():
    return ProjectPageFactory(
        title="Tuesday circle",
        contact_email="current@tuesday.example.org",
        last_checked=days_ago(366),
    )


def run_freshness(now=None):
    return run_job(periodic_jobs.get("networks-freshness"), now)


def test_the_job_asks_only_listings_a_year_unchecked_with_a_contact(due):
    ProjectPageFactory(contact_email="recent@example.org", last_checked=days_ago(300))
    ProjectPageFactory(contact_email="", last_checked=days_ago(400))
    draft = ProjectPageFactory(contact_email="draft@example.org", last_checked=days_ago(400))
    draft.unpublish()
    run = run_freshness()
    assert run.outcome == "succeeded" and run.summary == "Asked 1 listing contact(s)."
    [message] = mail.outbox
    assert message.to == ["current@tuesday.example.org"]
    assert "Tuesday circle" in message.subject
    assert "/links/listing-still-right/" in message.body


def test_not_asked_again_within_30_days(due):
    now = timezone.now()
    run_freshness(now)
    run_freshness(now + datetime.timedelta(days=29))
    assert len(mail.outbox) == 1
    run_freshness(now + datetime.timedelta(days=31))
    assert len(mail.outbox) == 2


def test_confirming_updates_last_checked_without_a_new_revision(client, due):
    older = due.save_revision()
    revisions = due.revisions.count()
    run_freshness()
    link = signed_link_in(mail.outbox[0])
    page = client.get(link).content.decode()
    assert "Is this listing still right?" in page and "Tuesday circle" in page
    assert "current@tuesday.example.org" not in page
    response = client.post(link, {"choice": "confirm"})
    assert "now shows it was checked today" in response.content.decode()
    project = ProjectPage.objects.get(pk=due.pk)
    assert project.last_checked == timezone.localdate()
    assert project.freshness_requested_at is None
    assert project.revisions.count() == revisions
    assert client.post(link, {"choice": "confirm"}).status_code == 410
    # Publishing an older revision later keeps the newer date.
    Revision.objects.get(pk=older.pk).publish()
    assert ProjectPage.objects.get(pk=due.pk).last_checked == timezone.localdate()


def test_a_stale_listing_confirmed_comes_back_on_the_map(client):
    stale = ProjectPageFactory(contact_email="x@example.org", last_checked=days_ago(600))
    stale.save_revision().publish()  # indexed on publish
    assert not CatalogueEntry.objects.get(kind="project", object_id=stale.pk).locations.exists()
    run_freshness()
    client.post(signed_link_in(mail.outbox[0]), {"choice": "confirm"})
    assert CatalogueEntry.objects.get(kind="project", object_id=stale.pk).locations.exists()
    assert "May be out of date" not in client.get(stale.url).content.decode()


def test_an_expired_link_changes_nothing(client, due):
    ProjectPage.objects.filter(pk=due.pk).update(last_checked=days_ago(380))
    run_freshness(timezone.now() - datetime.timedelta(days=8))
    response = client.post(signed_link_in(mail.outbox[0]), {"choice": "confirm"})
    assert response.status_code == 410
    assert ProjectPage.objects.get(pk=due.pk).last_checked == days_ago(380)


def test_a_link_for_an_erased_listing_is_a_404(client, due):
    run_freshness()
    due.delete()
    assert client.get(signed_link_in(mail.outbox[0])).status_code == 404
