"""A network page lists its five soonest events without dating every event."""

import datetime

from django.utils import timezone

import pytest

from networks.models import EventIndexPage, EventPage
from networks.models.networks import soonest, upcoming
from tests.factories.networks import (
    EventPageFactory,
    RecurringEventPageFactory,
    child_index,
    network,
)

pytestmark = pytest.mark.django_db


def days(number, hour=12):
    moment = timezone.now() + datetime.timedelta(days=number)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_the_five_soonest_are_the_first_five_of_all_upcoming_events():
    london = network("london")
    # One-off dates, several per event, some past; a tie on the same date that only
    # the title orders; a fortnightly schedule; an event shared in from Wales.
    EventPageFactory(title="Zebra group", occurrences=[days(-3), days(4)])
    EventPageFactory(title="Alder group", occurrences=[days(4)])
    EventPageFactory(title="Birch group", occurrences=[days(4), days(30)])
    EventPageFactory(title="Past only", occurrences=[days(-10)])
    EventPageFactory(title="Far off", occurrences=[days(90)])
    EventPageFactory(title="Soon", occurrences=[days(1), days(2)])
    RecurringEventPageFactory(title="Fortnightly", repeat_from=timezone.localdate())
    EventPageFactory(
        title="From Wales",
        parent=child_index(EventIndexPage, "wales"),
        occurrences=[days(3)],
        also_in_networks=[london],
    )
    everything = list(upcoming(london.shared_here(EventPage.objects.live().public())))
    assert len(everything) == 7
    assert "Past only" not in [event.title for event in everything]

    listed = london.upcoming_events
    assert [e.title for e in listed] == [e.title for e in everything[:5]]
    assert [e.next_start for e in listed] == [e.next_start for e in everything[:5]]
    # Ties go by title, as in the full list.
    titles = [e.title for e in listed]
    assert titles.index("Alder group") < titles.index("Birch group")


@pytest.mark.parametrize("limit", [1, 2, 3, 6])
def test_any_limit_gives_the_start_of_the_full_list(limit):
    for number in range(6):
        EventPageFactory(title=f"Group {5 - number}", occurrences=[days(number % 3 + 1)])
    events = network("london").shared_here(EventPage.objects.live().public())
    assert list(soonest(events, limit)) == list(upcoming(events))[:limit]
