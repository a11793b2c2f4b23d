"""Purges and erasure leave nothing behind: checked against the tables directly."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.utils import timezone

from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    Workflow,
    WorkflowState,
    WorkflowTask,
)

import pytest

from cms.hooks import periodic_jobs
from cms.models import ContactChange, RelayRecord
from cms.scheduler import run_job
from networks.erasure import erase_listing
from networks.models import ProjectPage, Submission
from search.models import CatalogueEntry, IndexOutbox
from tests.factories.networks import MentoringPageFactory, ProjectPageFactory, network

pytestmark = pytest.mark.django_db

MARKER = "Zyxwvut marker"


def submission(status, *, created_days_ago=0, decided_days_ago=None):
    now = timezone.now()
    row = Submission.objects.create(
        network=network("london"),
        status=status,
        organiser="Tuesday circle",
        title="Open evening",
        summary="Tea.",
        description="I have been unwell.",
        start=now + datetime.timedelta(days=5),
        end=now + datetime.timedelta(days=5, hours=2),
        contact_email="person@example.org",
        decided_at=now - datetime.timedelta(days=decided_days_ago)
        if decided_days_ago is not None
        else None,
    )
    Submission.objects.filter(pk=row.pk).update(
        created_at=now - datetime.timedelta(days=created_days_ago)
    )
    return row


class TestSubmissionPurge:
    def test_rejected_and_abandoned_submissions_go_after_30_days(self):
        old_rejected = submission("rejected", created_days_ago=40, decided_days_ago=31)
        recent_rejected = submission("rejected", created_days_ago=40, decided_days_ago=10)
        abandoned = submission("pending", created_days_ago=31)
        waiting = submission("pending", created_days_ago=5)
        approved = submission("approved", created_days_ago=60, decided_days_ago=50)

        run = run_job(periodic_jobs.get("networks-submission-purge"))
        assert run.summary == "Deleted 2 submission(s)."
        left = set(Submission.objects.values_list("pk", flat=True))
        assert left == {recent_rejected.pk, waiting.pk, approved.pk}
        assert old_rejected.pk not in left and abandoned.pk not in left
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM networks_submission WHERE description LIKE %s AND id IN (%s, %s)",
                ["%unwell%", old_rejected.pk, abandoned.pk],
            )
            assert cursor.fetchone()[0] == 0

    def test_approved_submissions_go_after_the_retention_period(self):
        # The default is 90 days from the decision.
        old_approved = submission("approved", created_days_ago=100, decided_days_ago=91)
        recent_approved = submission("approved", created_days_ago=100, decided_days_ago=80)
        Submission.objects.filter(pk=old_approved.pk).update(
            details={"contact_name": "Sam Person"}, address="1 Private Road"
        )

        run = run_job(periodic_jobs.get("networks-submission-purge"))

        assert run.summary == "Deleted 1 submission(s)."
        assert list(Submission.objects.values_list("pk", flat=True)) == [recent_approved.pk]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM networks_submission WHERE description LIKE %s "
                "OR address LIKE %s OR CAST(details AS TEXT) LIKE %s",
                ["%unwell%", "%Private Road%", "%Sam Person%"],
            )
            # Only the recent record still holds its text.
            assert cursor.fetchone()[0] == 1

    def test_the_retention_period_is_a_setting(self, settings):
        settings.NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS = 30
        submission("approved", created_days_ago=40, decided_days_ago=31)
        kept = submission("approved", created_days_ago=40, decided_days_ago=29)
        waiting = submission("pending", created_days_ago=29)
        assert run_job(periodic_jobs.get("networks-submission-purge")).summary == (
            "Deleted 1 submission(s)."
        )
        assert set(Submission.objects.values_list("pk", flat=True)) == {kept.pk, waiting.pk}

    @pytest.mark.parametrize("days", [0, -5, "ninety", 1.5])
    def test_a_bad_retention_setting_fails_the_job_loudly_and_deletes_nothing(self, settings, days):
        settings.NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS = days
        submission("rejected", created_days_ago=40, decided_days_ago=31)
        run = run_job(periodic_jobs.get("networks-submission-purge"))
        assert run.outcome == "failed"
        assert "NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS" in run.summary
        assert Submission.objects.count() == 1


def test_the_privacy_purge_job_is_registered_and_runs():
    run = run_job(periodic_jobs.get("privacy-purge"))
    assert run.outcome == "succeeded"
    assert run.summary.startswith("Deleted 0 used links")


@pytest.fixture
def listing(settings, monkeypatch):
    # An engine is configured, so deletes go through the outbox; nothing drains it here.
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": "http://engine.invalid:9200",
    }
    monkeypatch.setattr("search.sync.schedule_drain", lambda: None)
    project = ProjectPageFactory(
        title=f"{MARKER} group",
        contact_email="private@example.org",
        public_email="hello@example.org",
        address=f"{MARKER} Street",
    )
    project.save_revision().publish()  # indexed on publish
    # A draft revision, a workflow in progress, a contact change, relay metadata,
    # a submission pointing at it and a mentoring entry under another page.
    project.summary = f"{MARKER} draft"
    project.save_revision()
    moderator = get_user_model().objects.create_user(username="moderator", password="x")
    workflow = Workflow.objects.create(name="Check listings")
    task = GroupApprovalTask.objects.create(name="A coordinator approves")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(project, moderator)
    ContactChange.objects.create(page=project, changes={"public_email": ["a", "b"]})
    RelayRecord.objects.create(
        target_kind="project", target_id=project.pk, sent_at=timezone.now(), sender_hash="x"
    )
    return ProjectPage.objects.get(pk=project.pk)


def marker_rows():
    """Every row in every table whose text holds the marker."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                col.name for col in connection.introspection.get_table_description(cursor, table)
            ]
            for column in columns:
                cursor.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE %s',  # noqa: S608 (names from introspection)
                    [f"%{MARKER}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}")
    return found


def test_erasure_leaves_nothing_in_the_database_or_the_catalogue(listing):
    assert WorkflowState.objects.filter(object_id=str(listing.pk)).exists()
    assert CatalogueEntry.objects.filter(kind="project", object_id=listing.pk).exists()
    assert marker_rows()
    pk = listing.pk

    report = erase_listing(listing)

    assert report.titles == [f"{MARKER} group"]
    assert report.removed["pages"] == 1
    assert report.removed["catalogue entries"] == 1
    assert report.removed["contact changes"] == 1 and report.removed["relay records"] == 1
    assert report.removed["revisions"] >= 2 and report.removed["workflow states"] == 1
    assert marker_rows() == []
    assert not ProjectPage.objects.filter(pk=pk).exists()
    assert not Revision.page_revisions.filter(object_id=str(pk)).exists()
    assert not WorkflowState.objects.filter(object_id=str(pk)).exists()
    assert not CatalogueEntry.objects.filter(kind="project", object_id=pk).exists()
    assert not ContactChange.objects.filter(page_id=pk).exists()
    assert not RelayRecord.objects.filter(target_id=pk).exists()
    assert set(PageLogEntry.objects.filter(page_id=pk).values_list("label", flat=True)) <= {
        "(erased)"
    }
    # The outbox carries the delete to the engine.
    assert IndexOutbox.objects.filter(kind="project", object_id=pk, action="delete").exists()


def erase_url(page):
    return f"/admin/network-erasure/{page.pk}/"


def test_a_moderator_erases_from_the_admin_with_a_report(admin_client, listing):
    mail.outbox.clear()  # the workflow's own notifications
    confirm = admin_client.get(erase_url(listing)).content.decode()
    assert "Yes, erase it everywhere" in confirm
    assert ProjectPage.objects.filter(pk=listing.pk).exists()
    response = admin_client.post(erase_url(listing))
    content = response.content.decode()
    assert response.status_code == 200
    assert "pages: 1" in content and "catalogue entries: 1" in content
    assert not ProjectPage.objects.filter(pk=listing.pk).exists()
    assert mail.outbox == []


def test_the_erase_button_shows_on_a_listing_for_its_moderators(admin_client, listing):
    content = admin_client.get(f"/admin/pages/{listing.pk}/edit/").content.decode()
    assert erase_url(listing) in content


def test_only_people_who_can_publish_in_the_network_may_erase(client, listing):
    user = get_user_model().objects.create_user(username="north", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="North West coordinators"))
    client.force_login(user)
    # The admin turns a refusal into a redirect to its dashboard with a message.
    for response in (client.get(erase_url(listing)), client.post(erase_url(listing))):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert ProjectPage.objects.filter(pk=listing.pk).exists()

    london = get_user_model().objects.create_user(username="london", password="x", is_staff=True)
    london.groups.add(Group.objects.get(name="London coordinators"))
    client.force_login(london)
    assert client.post(erase_url(listing)).status_code == 200
    assert not ProjectPage.objects.filter(pk=listing.pk).exists()


def test_only_listings_can_be_erased_here(admin_client):
    assert admin_client.get(erase_url(network("london"))).status_code == 404
    assert admin_client.get("/admin/network-erasure/999999/").status_code == 404


def test_erasing_a_mentoring_entry(admin_client):
    entry = MentoringPageFactory(title=f"{MARKER} mentoring", contact_email="m@example.org")
    admin_client.post(erase_url(entry))
    assert marker_rows() == []


def test_erase_confirm_page_queries(admin_client, listing, django_assert_num_queries):
    admin_client.get(erase_url(listing))  # warms the admin's per-process caches
    # Session, user and admin profile (3); the page and its specific row (2); what
    # goes: its path, its subtree, aliases either way, its revisions' signatures and
    # revisions copied from them (5; one round, as nothing new turns up), then the
    # pages with their types and specific rows (2); the locale and the admin's own
    # page lookups for its menus (3); the menu's "moderates any network" check (1).
    with django_assert_num_queries(16):
        admin_client.get(erase_url(listing))
