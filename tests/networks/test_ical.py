"""iCalendar feeds: a network's events and one event, parsed with ``icalendar``."""

import datetime

from django.utils import timezone

import pytest
from icalendar import Calendar

from tests.factories.networks import EventPageFactory, network

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_network_feed_lists_upcoming_dates_with_uids(client):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    event = EventPageFactory(
        title="Feed event", occurrences=[start, start + datetime.timedelta(days=7)]
    )
    calendar = parse(client.get(network("london").url + "ical/"))
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Feed event", "Feed event"]
    assert events[0].decoded("dtstart") == start
    assert len({str(e["uid"]) for e in events}) == 2
    assert str(events[0]["url"]).endswith(event.url)
    assert str(events[0]["location"]) == "Tower Hamlets (E1)"


def test_one_events_file(client):
    event = EventPageFactory(title="Single event", online=True)
    [vevent] = parse(client.get(event.url + "ical/")).walk("VEVENT")
    assert str(vevent["location"]) == "Online"


def test_other_networks_feeds_leave_it_out(client):
    EventPageFactory(title="London only")
    assert parse(client.get(network("wales").url + "ical/")).walk("VEVENT") == []
