"""Each networks factory builds a valid object; page factories build publishable pages."""

import pytest

from tests.factories.networks import (
    CommunityFactory,
    EventIndexPageFactory,
    EventOccurrenceFactory,
    EventPageFactory,
    MentoringIndexPageFactory,
    MentoringPageFactory,
    NetworkCoordinatorFactory,
    NetworkPageFactory,
    NetworksIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    RecurringEventPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory", [CommunityFactory, NetworkCoordinatorFactory, EventOccurrenceFactory]
)
def test_model_factories_build_valid_objects(factory):
    obj = factory()
    obj.full_clean()


@pytest.mark.parametrize(
    "factory",
    [
        NetworksIndexPageFactory,
        NetworkPageFactory,
        ProjectIndexPageFactory,
        ProjectPageFactory,
        EventIndexPageFactory,
        EventPageFactory,
        ResourceIndexPageFactory,
        ResourcePageFactory,
        MentoringIndexPageFactory,
        MentoringPageFactory,
    ],
)
def test_page_factories_build_publishable_pages(factory):
    page = factory()
    page.full_clean()
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert page.live
    assert page.url


def test_event_factory_adds_one_future_date():
    event = EventPageFactory()
    assert event.occurrences.count() == 1
    assert event.upcoming_occurrences


def test_recurring_event_factory_materialises_its_dates():
    event = RecurringEventPageFactory()
    assert event.occurrences.count() == 0
    assert event.recurrence.startswith("DTSTART;TZID=Europe/London:")
    assert 26 <= event.scheduled_occurrences.count() <= 27
