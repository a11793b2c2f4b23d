"""A mentoring request's lifecycle by signed links: choose a mentor → accepted or
declined → completed, each step told to the other side through the relay."""

import datetime

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

import pytest

from cms.hooks import periodic_jobs
from cms.models import RelayRecord, Topic
from cms.privacy.links import make_token
from cms.scheduler import run_job
from networks import submissions
from networks.mentoring_links import COMPLETE_PURPOSES, REPLY_PURPOSE, REQUEST_PURPOSE
from networks.models import MentoringMatch, MentoringPage, Submission
from tests.emails import signed_link_in
from tests.factories.networks import (
    MentoringMatchFactory,
    MentoringPageFactory,
    StaffUserFactory,
    network,
)

pytestmark = pytest.mark.django_db

QUERIES_FOR_CHOICE_PAGE = 13


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def topics(*slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def link(purpose, object_id, **kwargs):
    return f"/links/{purpose}/{make_token(purpose, object_id, **kwargs)}/"


@pytest.fixture
def offers():
    return [
        MentoringPageFactory(
            title="Bid writing with Leeds Mind",
            topics=topics("fundraising", "governance"),
            contact_email="bids@mentor.example.org",
        ),
        MentoringPageFactory(
            title="Trustee mentoring",
            topics=topics("governance"),
            contact_email="trustees@mentor.example.org",
        ),
        # No private contact: it cannot be asked through the site.
        MentoringPageFactory(title="Uncontactable offer", topics=topics("governance")),
    ]


@pytest.fixture
def request_page(client, offers):
    """A request posted through the public form and approved by London's coordinator."""
    client.post(
        f"{network().url}submit-mentoring/",
        {
            "mentoring_kind": "request",
            "title": "Our first funding bid",
            "organiser": "Tuesday circle",
            "summary": "We have never applied for a grant.",
            "topics": [str(t.pk) for t in topics("fundraising", "governance")],
            "formats": ["online"],
            "contact_email": "circle@requester.example.org",
            "consent": "on",
        },
    )
    mail.outbox.clear()
    page = submissions.approve(
        Submission.objects.get(), StaffUserFactory(groups=["London coordinators"])
    )
    return MentoringPage.objects.get(pk=page.pk)


def test_the_factory_builds_a_waiting_match():
    match = MentoringMatchFactory()
    assert match.status == "requested"
    assert match.request.kind == "request" and match.offer.kind == "offer"
    assert match.request.live and match.offer.live


def test_approval_emails_the_requester_a_link_to_the_suggested_mentors(client, request_page):
    [message] = mail.outbox
    assert message.to == ["circle@requester.example.org"]
    content = client.get(signed_link_in(message)).content.decode()
    assert "Choose a mentor" in content
    assert content.index("Bid writing with Leeds Mind") < content.index("Trustee mentoring")
    assert "Shared topics: fundraising and governance" in content
    assert "Same network: London" in content
    assert "Ask “Bid writing with Leeds Mind”" in content
    assert "Uncontactable offer" not in content
    # Nobody's private address is on the page.
    assert "mentor.example.org" not in content and "requester.example.org" not in content


def test_asking_relays_the_request_to_the_mentor(client, request_page, offers):
    url = signed_link_in(mail.outbox[0])
    mail.outbox.clear()
    response = client.post(url, {"choice": f"ask-{offers[0].pk}"})
    assert response.status_code == 200
    assert "We have sent your request to “Bid writing with Leeds Mind”" in response.content.decode()
    match = MentoringMatch.objects.get()
    assert (match.request, match.offer, match.status) == (request_page, offers[0], "requested")
    [message] = mail.outbox
    assert message.to == ["bids@mentor.example.org"]
    assert message.reply_to == ["circle@requester.example.org"]
    assert "We have not kept it" in message.body and f"/links/{REPLY_PURPOSE}/" in message.body
    assert RelayRecord.objects.filter(target_kind="mentoring", target_id=offers[0].pk).exists()
    # The link worked once.
    again = client.post(url, {"choice": f"ask-{offers[1].pk}"})
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert MentoringMatch.objects.count() == 1


def test_a_choice_that_is_not_offered_is_refused(client, request_page, offers):
    url = signed_link_in(mail.outbox[0])
    response = client.post(url, {"choice": f"ask-{offers[2].pk}"})
    assert response.status_code == 400 and "Choose one of the buttons." in response.content.decode()
    assert client.post(url, {"choice": "ask-not-a-number"}).status_code == 400
    assert not MentoringMatch.objects.exists()


class TestTheMentorsAnswer:
    @pytest.fixture
    def match(self):
        mail.outbox.clear()
        return MentoringMatchFactory(
            request__topics=topics("governance"), offer__topics=topics("governance")
        )

    def test_accepting_closes_the_request_and_tells_the_requester(self, client, match):
        network_page = client.get(network().url).content.decode()
        assert match.request.title in network_page and match.offer.title in network_page
        url = link(REPLY_PURPOSE, match.pk)
        assert match.request.summary in client.get(url).content.decode()
        response = client.post(url, {"choice": "accept"})
        assert response.status_code == 200
        match.refresh_from_db()
        assert match.status == "accepted" and match.answered_at
        to_requester, to_mentor = mail.outbox
        assert to_requester.to == [match.request.contact_email]
        assert to_requester.reply_to == [match.offer.contact_email]
        assert f"/links/{COMPLETE_PURPOSES['requester']}/" in to_requester.body
        assert to_mentor.to == [match.offer.contact_email]
        assert f"/links/{COMPLETE_PURPOSES['mentor']}/" in to_mentor.body
        # The request leaves the network page; the offer stays open for others.
        network_page = client.get(network().url).content.decode()
        assert match.request.title not in network_page and match.offer.title in network_page
        assert "This request has found a mentor." in client.get(match.request.url).content.decode()
        assert client.get(f"/contact/mentoring/{match.request.pk}/").status_code == 404

    def test_declining_tells_the_requester_and_offers_other_mentors(self, client, match):
        other = MentoringPageFactory(
            title="Another mentor",
            topics=topics("governance"),
            contact_email="other@mentor.example.org",
        )
        client.post(link(REPLY_PURPOSE, match.pk), {"choice": "decline"})
        match.refresh_from_db()
        assert match.status == "declined"
        [message] = mail.outbox
        assert message.to == [match.request.contact_email] and message.reply_to == []
        content = client.get(signed_link_in(message)).content.decode()
        assert "Another mentor" in content and other.title in content
        assert f"ask-{match.offer.pk}" not in content  # not asked twice
        assert match.request.title in client.get(network().url).content.decode()

    def test_a_request_another_mentor_accepted_is_no_longer_answerable(self, client, match):
        second = MentoringMatchFactory(request=match.request)
        client.post(link(REPLY_PURPOSE, match.pk), {"choice": "accept"})
        response = client.get(link(REPLY_PURPOSE, second.pk))
        assert response.status_code == 404
        assert "no longer exists" in response.content.decode()

    def test_an_expired_link_gives_a_clear_page(self, client, match):
        token = make_token(REPLY_PURPOSE, match.pk, now=timezone.now() - datetime.timedelta(days=8))
        response = client.post(f"/links/{REPLY_PURPOSE}/{token}/", {"choice": "accept"})
        assert response.status_code == 410 and "This link has expired" in response.content.decode()
        match.refresh_from_db()
        assert match.status == "requested"

    def test_a_forged_or_cross_purpose_link_is_refused(self, client, match):
        assert client.get(f"/links/{REPLY_PURPOSE}/not-a-token/").status_code == 400
        token = make_token(REQUEST_PURPOSE, match.pk)
        assert (
            client.post(f"/links/{REPLY_PURPOSE}/{token}/", {"choice": "accept"}).status_code == 400
        )


class TestAMentorWhoNeverAnswers:
    @pytest.fixture
    def match(self):
        match = MentoringMatchFactory(
            request__topics=topics("governance"), offer__topics=topics("governance")
        )
        mail.outbox.clear()
        return match

    def run_the_job(self, now):
        return run_job(periodic_jobs.get("networks-mentoring-unanswered"), now)

    def test_after_seven_days_the_requester_may_ask_someone_else(self, client, match):
        MentoringPageFactory(
            title="Another mentor",
            topics=topics("governance"),
            contact_email="other@mentor.example.org",
        )
        assert self.run_the_job(timezone.now()).summary.startswith("Closed 0 ")
        later = timezone.now() + datetime.timedelta(days=7, minutes=1)
        assert self.run_the_job(later).summary.startswith("Closed 1 ")
        match.refresh_from_db()
        assert match.status == "unanswered"
        [message] = mail.outbox
        assert message.to == [match.request.contact_email]
        assert "has not answered" in message.body
        assert "Another mentor" in client.get(signed_link_in(message)).content.decode()
        # The mentor's own link had run out; it cannot accept any more.
        self.run_the_job(later)
        assert len(mail.outbox) == 1

    def test_an_answered_request_is_left_alone(self, match):
        match.status = "declined"
        match.save()
        self.run_the_job(timezone.now() + datetime.timedelta(days=30))
        match.refresh_from_db()
        assert match.status == "declined" and not mail.outbox


class TestCompletion:
    @pytest.fixture
    def match(self):
        match = MentoringMatchFactory(status="accepted")
        mail.outbox.clear()
        return match

    def test_either_side_marks_it_completed_and_the_other_is_told(self, client, match):
        response = client.post(
            link(COMPLETE_PURPOSES["requester"], match.pk), {"choice": "complete"}
        )
        assert response.status_code == 200
        match.refresh_from_db()
        assert match.status == "completed" and match.completed_at
        [message] = mail.outbox
        assert message.to == [match.offer.contact_email]
        assert "marked as completed by the group that asked" in message.body
        # The mentor's own link still opens and says so, without a 500.
        url = link(COMPLETE_PURPOSES["mentor"], match.pk)
        assert "already marked this mentoring as completed" in client.get(url).content.decode()
        assert (
            "already marked as completed"
            in client.post(url, {"choice": "complete"}).content.decode()
        )
        assert len(mail.outbox) == 1

    def test_the_mentor_can_mark_it_completed(self, client, match):
        client.post(link(COMPLETE_PURPOSES["mentor"], match.pk), {"choice": "complete"})
        [message] = mail.outbox
        assert message.to == [match.request.contact_email] and "by the mentor" in message.body

    def test_completion_links_last_ninety_days(self, client, match):
        token = make_token(
            COMPLETE_PURPOSES["mentor"],
            match.pk,
            max_age=datetime.timedelta(days=90),
            now=timezone.now() - datetime.timedelta(days=60),
        )
        assert client.get(f"/links/{COMPLETE_PURPOSES['mentor']}/{token}/").status_code == 200

    def test_a_request_not_yet_accepted_cannot_be_completed(self, client):
        match = MentoringMatchFactory()
        assert client.get(link(COMPLETE_PURPOSES["requester"], match.pk)).status_code == 404


def test_the_choice_page_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    request = MentoringPageFactory(
        kind="request", topics=topics("governance"), contact_email="asker@example.org"
    )
    url = link(REQUEST_PURPOSE, request.pk)

    def offers(count):
        for _ in range(count):
            MentoringPageFactory(topics=topics("governance"), contact_email="offer@example.org")

    offers(2)
    client.get(url)  # warm the site and settings caches
    # 13, however many offers: used-link check; the request (view restrictions, page,
    # topics); offers already asked; networks; open offers (view restrictions, pages,
    # topics); the site and its three settings.
    with django_assert_num_queries(QUERIES_FOR_CHOICE_PAGE):
        assert client.get(url).content.decode().count("Ask “") == 2
    offers(4)
    with django_assert_num_queries(QUERIES_FOR_CHOICE_PAGE):
        assert client.get(url).content.decode().count("Ask “") == 5
