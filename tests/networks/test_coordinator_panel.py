"""The coordinators' working view: the dashboard panel, the digest switch and the weekly email."""

import datetime

from django.core import mail
from django.db import transaction
from django.utils import timezone

import pytest

from cms.hooks import periodic_jobs
from cms.scheduler import run_job
from networks.digest import CoordinatorDigestJob, send_digests
from networks.models import (
    CoordinatorDigest,
    EventIndexPage,
    MentoringIndexPage,
    ProjectIndexPage,
    Submission,
)
from tests.factories.networks import (
    CoordinatorDigestFactory,
    EventPageFactory,
    MentoringPageFactory,
    ProjectPageFactory,
    StaffUserFactory,
    SubmissionFactory,
    child_index,
)
from tests.factories.networks import network as network_page

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"
TOGGLE = "/admin/network-digest/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def waiting(network, days):
    submission = SubmissionFactory(network=network_page(network))
    Submission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def fill(network):
    """Per network: 2 waiting (1 overdue), 2 unchecked (1 out of date), 1 offer ending,
    1 event next week; and one of each that must not count."""
    projects = child_index(ProjectIndexPage, network)
    mentoring = child_index(MentoringIndexPage, network)
    events = child_index(EventIndexPage, network)
    waiting(network, 1)
    waiting(network, 20)
    for age in (30, 400, 600):
        ProjectPageFactory(parent=projects, last_checked=days_ago(age))
    MentoringPageFactory(parent=mentoring, expires_on=days_ago(-5))
    MentoringPageFactory(parent=mentoring, expires_on=days_ago(-40))
    MentoringPageFactory(parent=mentoring, kind="request", expires_on=days_ago(-5))
    EventPageFactory(parent=events, occurrences=[timezone.now() + datetime.timedelta(days=3)])
    EventPageFactory(parent=events, occurrences=[timezone.now() + datetime.timedelta(days=10)])


@pytest.fixture(scope="module")
def networks_with_work(django_db_setup, django_db_blocker):
    """London and Wales each with the same work; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        fill("london")
        fill("wales")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def london_coordinator(networks_with_work):
    return StaffUserFactory(groups=["London coordinators"])


@pytest.fixture
def national_moderator(networks_with_work):
    return StaffUserFactory(groups=["National moderators"])


def panel(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response


def workloads_of(response):
    return {w.network.slug: w for w in response.context["workloads"]}


def test_the_london_coordinator_sees_only_londons_numbers(client, london_coordinator):
    response = panel(client, london_coordinator)
    workloads = workloads_of(response)
    assert list(workloads) == ["london"]
    london = workloads["london"]
    assert (london.pending, london.overdue) == (2, 1)
    assert (london.unchecked, london.out_of_date) == (2, 1)
    assert london.offers_ending == 1
    assert london.events_next_week == 1
    html = response.content.decode()
    assert "Your networks" in html
    assert 'href="/admin/network-submissions/"' in html
    assert "Wales" not in html
    # Coordinators see their own overdue count, not the national flag.
    assert "Submissions waiting over 14 days:" not in html


def test_a_national_moderator_sees_every_network_and_the_overdue_flag(client, national_moderator):
    response = panel(client, national_moderator)
    workloads = workloads_of(response)
    assert {"london", "wales", "national-online"} <= set(workloads)
    assert workloads["wales"].pending == 2
    assert response.context["overdue_everywhere"] == [("London", 1), ("Wales", 1)]
    assert "Submissions waiting over 14 days:" in response.content.decode()


def test_an_editor_without_publish_rights_sees_no_panel(client, networks_with_work):
    editor = StaffUserFactory(groups=["Editors"])
    response = panel(client, editor)
    assert "workloads" not in response.context
    assert "Your networks" not in response.content.decode()


def test_the_digest_switch(client, london_coordinator):
    client.force_login(london_coordinator)
    assert "Email me a weekly digest" in client.get(DASHBOARD).content.decode()
    response = client.post(TOGGLE, {"weekly": "on"})
    assert response.status_code == 302
    assert CoordinatorDigest.objects.get(user=london_coordinator).weekly
    assert "Stop my weekly digest" in client.get(DASHBOARD).content.decode()
    client.post(TOGGLE, {"weekly": "off"})
    assert not CoordinatorDigest.objects.get(user=london_coordinator).weekly


def test_the_digest_switch_refuses_others_and_get(client, networks_with_work):
    editor = StaffUserFactory(groups=["Editors"])
    client.force_login(editor)
    response = client.post(TOGGLE, {"weekly": "on"})
    assert response.status_code == 403
    assert "for people who coordinate a network" in response.content.decode()
    assert not CoordinatorDigest.objects.exists()
    assert client.get(TOGGLE).status_code == 405


def test_the_digest_goes_to_those_who_opted_in(networks_with_work):
    london = CoordinatorDigestFactory(user__groups=["London coordinators"])
    national = CoordinatorDigestFactory(user__groups=["National moderators"])
    CoordinatorDigestFactory(user__groups=["Wales coordinators"], weekly=False)
    CoordinatorDigestFactory(user__groups=["Editors"])  # can publish nowhere
    CoordinatorDigestFactory(user__groups=["London coordinators"], user__is_active=False)
    StaffUserFactory(groups=["London coordinators"])  # never opted in
    now = timezone.now()
    assert send_digests(now) == 2
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([london.user.email, national.user.email])

    body = next(m.body for m in mail.outbox if m.to == [london.user.email])
    assert mail.outbox[0].subject == "Peer Support Hub: your networks this week"
    assert "2 submissions waiting for a decision (1 over 14 days)" in body
    assert "http://testserver/admin/network-submissions/" in body
    assert "2 listings not checked for 12 months, 1 already shown as “may be out of date”" in body
    assert "1 mentoring offer ending within 14 days" in body
    assert "1 event in the next 7 days" in body
    assert "Wales" not in body
    national_body = next(m.body for m in mail.outbox if m.to == [national.user.email])
    assert (
        "Submissions waiting over 14 days, in any network:\n- London: 1\n- Wales: 1"
        in national_body
    )
    # Nothing about the public: no submitter's address, no submitted event's name.
    for submission in Submission.objects.all():
        assert submission.contact_email not in body + national_body
        assert submission.title not in body + national_body
    assert mail.outbox[0].alternatives == []

    # A retried run in the same week sends nothing again.
    assert send_digests(now + datetime.timedelta(hours=1)) == 0
    assert send_digests(now + datetime.timedelta(days=7)) == 2


def test_the_digest_is_a_registered_weekly_job(networks_with_work):
    CoordinatorDigestFactory()
    job = next(job for job in periodic_jobs if job.name == CoordinatorDigestJob.name)
    assert job.interval == datetime.timedelta(days=7)
    assert run_job(job).summary == "Sent 1 digest."
    assert len(mail.outbox) == 1


def test_dashboard_queries_do_not_grow_with_the_networks_work(
    client, national_moderator, django_assert_num_queries
):
    # Wagtail's own dashboard for this user is 21 queries (session, user, its
    # permissions, page and collection permissions, the menu's queue check, the
    # site summary, workflow and recent-edits panels). The panel adds 8: the
    # user's networks, the National moderators check, waiting submissions by
    # network, unchecked listings, ending offers, next week's events, overdue
    # submissions in every network, and the digest choice.
    client.force_login(national_moderator)
    client.get(DASHBOARD)  # warm-up
    with django_assert_num_queries(29):
        client.get(DASHBOARD)
    fill("london")
    fill("north-east")
    with django_assert_num_queries(29):
        assert client.get(DASHBOARD).status_code == 200
