"""Model rules: event dates, resources, mentoring formats and expiry."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from networks.models import EventOccurrence, MentoringPage, ResourcePage
from tests.factories.networks import EventPageFactory, MentoringPageFactory

pytestmark = pytest.mark.django_db


def test_an_occurrence_must_end_after_it_starts_and_within_a_day():
    event = EventPageFactory()
    start = timezone.now()
    with pytest.raises(ValidationError, match="after the start"):
        EventOccurrence(page=event, start=start, end=start).full_clean()
    with pytest.raises(ValidationError, match="at most 24 hours"):
        EventOccurrence(
            page=event, start=start, end=start + datetime.timedelta(hours=25)
        ).full_clean()
    EventOccurrence(page=event, start=start, end=start + datetime.timedelta(hours=3)).full_clean()


def test_a_resource_is_a_document_or_a_link_not_both_or_neither():
    with pytest.raises(ValidationError):
        ResourcePage(title="x", slug="x", kind="guide").clean()
    ResourcePage(title="x", slug="x", kind="link", link="https://example.org/").clean()


def test_mentoring_needs_a_way_to_meet():
    with pytest.raises(ValidationError, match="at least one way"):
        MentoringPage(title="x", slug="x", kind="offer").clean()


def test_expired_mentoring_is_not_open():
    fresh = MentoringPageFactory()
    MentoringPageFactory(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert list(MentoringPage.objects.open()) == [fresh]
