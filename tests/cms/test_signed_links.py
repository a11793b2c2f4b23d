"""Signed links: one use, seven days, one purpose; every bad link gets a clear page."""

import datetime

from django.core import signing
from django.utils import timezone

from wagtail import hooks

import pytest

from cms.hooks import REGISTER_SIGNED_LINK_ACTION, reset_registries
from cms.models import SignedLinkUse
from cms.privacy import links
from cms.privacy.retention import purge_privacy_records

pytestmark = pytest.mark.django_db

PURPOSE = "test-greeting"


class GreetingAction(links.LinkAction):
    """A stand-in action: objects 1–9 exist; performing records the choice."""

    purpose = PURPOSE
    title = "Say hello"
    choices = (("hello", "Say hello"), ("bye", "Say goodbye"))
    performed = []

    def get_object(self, object_id):
        return object_id if object_id < 10 else None

    def describe(self, obj):
        return {"intro": f"Greeting number {obj}.", "rows": [("Number", str(obj))]}

    def perform(self, obj, choice):
        self.performed.append((obj, choice))
        return f"You chose {choice}."


@pytest.fixture(autouse=True)
def greeting_action():
    GreetingAction.performed = []
    with hooks.register_temporarily(REGISTER_SIGNED_LINK_ACTION, GreetingAction):
        reset_registries()
        yield
    reset_registries()


def path_for(token, purpose=PURPOSE):
    return f"/links/{purpose}/{token}/"


def test_a_link_shows_what_it_does_and_acts_only_on_post(client):
    url = links.link_url(PURPOSE, 3)
    assert url.startswith("http://testserver/links/test-greeting/")
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Say hello</h1>" in content and "Greeting number 3." in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert response["Cache-Control"].startswith("max-age=0")
    # A mail scanner following the link changes nothing.
    assert GreetingAction.performed == [] and not SignedLinkUse.objects.exists()

    response = client.post(url, {"choice": "bye"})
    assert response.status_code == 200
    assert "You chose bye." in response.content.decode()
    assert GreetingAction.performed == [(3, "bye")]


def test_a_link_works_once(client):
    url = links.link_url(PURPOSE, 3)
    client.post(url, {"choice": "hello"})
    for response in (client.get(url), client.post(url, {"choice": "hello"})):
        assert response.status_code == 410
        assert "This link has already been used" in response.content.decode()
    assert GreetingAction.performed == [(3, "hello")]


def test_each_link_is_its_own_even_for_the_same_object(client):
    first, second = links.link_url(PURPOSE, 3), links.link_url(PURPOSE, 3)
    assert first != second
    client.post(first, {"choice": "hello"})
    assert client.post(second, {"choice": "hello"}).status_code == 200


def test_an_expired_link_is_refused(client):
    token = links.make_token(PURPOSE, 3, now=timezone.now() - datetime.timedelta(days=8))
    response = client.post(path_for(token), {"choice": "hello"})
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert GreetingAction.performed == []


def test_a_link_lasts_seven_days():
    token = links.make_token(PURPOSE, 3, now=timezone.now() - datetime.timedelta(days=6, hours=23))
    assert links.read_token(PURPOSE, token).object_id == 3


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        # Signed with another salt, as if someone made their own.
        signing.dumps({"o": 3, "n": "a" * 32, "x": 9999999999}, salt="something-else"),
        # Signed for another purpose: the salt differs.
        "another-purpose",
    ],
)
def test_forged_links_are_a_clear_400(client, token):
    if token == "another-purpose":
        token = links.make_token("contact-change", 3)
    response = client.get(path_for(token or "x"))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_tampered_link_is_refused(client):
    token = links.make_token(PURPOSE, 3)
    payload, rest = token.split(":", 1)
    tampered = signing.dumps({"o": 4, "n": "b" * 32, "x": 9999999999}).split(":", 1)[0]
    for bad in (tampered + ":" + rest, token[:-2] + ("AA" if token[-2:] != "AA" else "BB")):
        assert client.post(path_for(bad), {"choice": "hello"}).status_code == 400
    assert GreetingAction.performed == []


def test_a_link_to_something_gone_is_a_404(client):
    response = client.get(links.link_url(PURPOSE, 42))
    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()


def test_an_unknown_purpose_is_a_404(client):
    assert client.get(path_for(links.make_token("no-such", 1), "no-such")).status_code == 404


def test_a_post_without_a_choice_is_a_400_and_the_link_stays_usable(client):
    url = links.link_url(PURPOSE, 3)
    response = client.post(url, {"choice": "launch"})
    assert response.status_code == 400
    assert "Choose one of the buttons." in response.content.decode()
    assert client.post(url, {"choice": "hello"}).status_code == 200


def test_used_links_are_forgotten_once_expired(client):
    client.post(links.link_url(PURPOSE, 3), {"choice": "hello"})
    assert SignedLinkUse.objects.count() == 1
    purge_privacy_records(timezone.now() + datetime.timedelta(days=6))
    assert SignedLinkUse.objects.count() == 1
    purge_privacy_records(timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert not SignedLinkUse.objects.exists()


def test_link_page_queries(client, django_assert_num_queries):
    client.get(links.link_url(PURPOSE, 1))  # creates the site settings rows once
    url = links.link_url(PURPOSE, 3)
    # The used-link check; the site; the navigation, contact and crisis settings
    # the base template reads.
    with django_assert_num_queries(5):
        client.get(url)
    # Using it adds two savepoints (the action's transaction and the used-link
    # row's own), the used-link row and the two releases.
    with django_assert_num_queries(10):
        client.post(url, {"choice": "hello"})
