"""Generated bad input against the privacy tools: the relay forms, “report misuse”
and the pages behind signed links.

These take text from anyone and pass it on by email, so besides answering every
post without a 5xx they must never send a message for a post they refused, and a
link page must refuse a forged or altered token with its own explanation.
"""

from urllib.parse import quote, quote_from_bytes

from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.hooks import signed_link_actions
from cms.privacy.links import make_token
from networks.freshness import PURPOSE as STILL_RIGHT
from networks.models import MentoringPage, NetworkCoordinator, ProjectPage

from .generated import TRICKY, assert_handled, junk, query, value

pytestmark = pytest.mark.django_db

RELAY_FIELDS = {
    "reply_to": value("someone@example.org", "not-an-email", "a@b"),
    "message": value("Do you meet in the summer?", "x" * 3001),
    "consent": value("on"),
    "website": value(""),  # the honeypot: anything in it means a bot
}
LINK_ERROR_STATUSES = {400, 404, 410}


@pytest.fixture
def site(demo_site, db):
    cache.clear()
    return Client()


@pytest.fixture
def relay_urls(site):
    """One relay form of each kind, for listings with a private address."""
    project = ProjectPage.objects.live().order_by("pk").first()
    ProjectPage.objects.filter(pk=project.pk).update(contact_email="group@example.org")
    entry = MentoringPage.objects.open().order_by("pk").first()
    MentoringPage.objects.filter(pk=entry.pk).update(contact_email="mentor@example.org")
    coordinator = NetworkCoordinator.objects.filter(page__live=True).order_by("pk").first()
    return [
        f"/contact/project/{project.pk}/",
        f"/contact/mentoring/{entry.pk}/",
        f"/contact/coordinator/{coordinator.pk}/",
        "/contact/report-misuse/",
    ]


def post_form(client, url, body):
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def test_relay_and_misuse_forms_refuse_bad_posts_and_send_nothing_for_them(site, relay_urls):
    fields = {**RELAY_FIELDS, "about": value("/networks/london/")}

    @given(st.sampled_from(relay_urls), query(fields, max_size=12))
    def check(url, body):
        cache.clear()  # a 429 would hide the form's own answer
        sent_before = len(mail.outbox)
        response = post_form(site, url, body)
        assert_handled(response)
        if response.status_code != 302:
            assert len(mail.outbox) == sent_before, "a refused post sent a message"

    check()


def test_relay_forms_take_any_query_string_as_initial_values(site, relay_urls):
    @given(st.sampled_from(relay_urls), query(RELAY_FIELDS))
    def check(url, params):
        assert_handled(site.get(f"{url}?{params}"))

    check()


def test_relay_urls_with_unknown_targets_are_not_found(site):
    @given(
        st.sampled_from(["project", "mentoring", "coordinator"]),
        st.integers(min_value=0, max_value=2**63 - 1),
    )
    def check(kind, pk):
        response = site.get(f"/contact/{kind}/{pk}/")
        assert_handled(response)

    check()


def token_text():
    return st.one_of(
        st.sampled_from(TRICKY),
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/"), max_size=200),
    ).filter(lambda text: text.strip("\x00 ") != "")


def test_forged_or_altered_link_tokens_are_refused_with_a_reason(site):
    purposes = sorted(action.purpose for action in signed_link_actions) + ["no-such-purpose"]

    @given(st.sampled_from(purposes), token_text(), st.sampled_from(["GET", "POST"]))
    def check(purpose, token, method):
        url = f"/links/{quote(purpose)}/{quote(token, safe='')}/"
        response = site.get(url) if method == "GET" else site.post(url, {"choice": "confirm"})
        assert_handled_link(response)
        assert response.status_code in LINK_ERROR_STATUSES

    check()


def test_a_real_link_refuses_junk_choices_and_stays_usable(site):
    project = ProjectPage.objects.live().order_by("pk").first()
    url = f"/links/{STILL_RIGHT}/{make_token(STILL_RIGHT, project.pk)}/"
    checked = project.last_checked

    @given(query({"choice": value("nope", "")}, max_size=3))
    def check(body):
        response = post_form(site, url, body)
        assert_handled_link(response)
        assert response.status_code == 400
        assert "Choose one of the buttons." in response.content.decode()

    check()
    project.refresh_from_db()
    assert project.last_checked == checked, "a refused choice changed the listing"
    assert site.post(url, {"choice": "confirm"}).status_code == 200


def test_a_token_signed_for_another_purpose_is_refused(site):
    project = ProjectPage.objects.live().order_by("pk").first()
    other = next(a.purpose for a in signed_link_actions if a.purpose != STILL_RIGHT)

    @given(st.binary(max_size=30).filter(lambda raw: b"/" not in raw))
    def check(suffix):
        token = make_token(other, project.pk) + quote_from_bytes(suffix, safe="")
        response = site.get(f"/links/{STILL_RIGHT}/{token}/")
        assert_handled_link(response)
        assert response.status_code == 400

    check()


def assert_handled_link(response):
    """A link page never fails; a refusal carries its explanation."""
    assert response.status_code < 500, response.content[:2000]
    if response.status_code in LINK_ERROR_STATUSES and response.templates:
        body = response.content.decode()
        assert "Traceback" not in body
        assert "<h1" in body and "link" in body.lower()


def test_junk_is_also_refused_as_a_purpose(site):
    @given(junk())
    def check(raw):
        assert_handled(site.get(f"/links/{quote_from_bytes(raw, safe='')}/x/"))

    check()
