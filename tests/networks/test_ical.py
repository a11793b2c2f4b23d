"""iCalendar feeds: a network's events and one event, parsed with ``icalendar``."""

import datetime

from django.utils import timezone

import pytest
from icalendar import Calendar

from networks.models import EventIndexPage
from tests.factories.cms import TopicFactory
from tests.factories.networks import (
    EventPageFactory,
    RecurringEventPageFactory,
    child_index,
    network,
    networks_index,
)

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


# --- local times, schedules, per-topic and all-network feeds ----------------------------


def tuesday_after(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def test_times_are_local_with_a_vtimezone_and_uids_are_stable(client):
    start = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    EventPageFactory(title="Local time", occurrences=[start + datetime.timedelta(days=3)])
    url = network("london").url + "ical/"
    first, second = parse(client.get(url)), parse(client.get(url))
    [timezone_component] = first.walk("VTIMEZONE")
    assert str(timezone_component["tzid"]) == "Europe/London"
    [vevent] = first.walk("VEVENT")
    assert vevent["dtstart"].params["TZID"] == "Europe/London"
    assert vevent.decoded("dtstart").hour == 19
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]


def test_a_recurring_event_is_one_vevent_with_its_rule_and_cancelled_dates(client):
    first = tuesday_after(1)
    cancelled = first + datetime.timedelta(days=28)
    event = RecurringEventPageFactory(
        title="Fortnightly", repeat_from=first, cancelled_dates=cancelled.strftime("%d/%m/%Y")
    )
    [vevent] = parse(client.get(network("london").url + "ical/")).walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{event.pk}-schedule@peer-support-hub"
    assert vevent["rrule"]["FREQ"] == ["WEEKLY"]
    assert vevent["rrule"]["INTERVAL"] == [2]
    assert vevent["rrule"]["BYDAY"] == ["TU"]
    start = vevent.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (first, 18, "Europe/London")
    assert vevent.decoded("dtend") - start == datetime.timedelta(hours=2)
    [excluded] = [item.dt for item in vevent["exdate"].dts]
    assert (excluded.date(), excluded.hour) == (cancelled, 18)


def test_one_off_dates_of_a_recurring_event_stay_separate_entries(client):
    extra = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    event = RecurringEventPageFactory(occurrences=[extra])
    uids = sorted(str(e["uid"]) for e in parse(client.get(event.url + "ical/")).walk("VEVENT"))
    occurrence = event.occurrences.get()
    assert uids == sorted(
        [
            f"event-{event.pk}-{occurrence.pk}@peer-support-hub",
            f"event-{event.pk}-schedule@peer-support-hub",
        ]
    )


class TestWiderFeeds:
    @pytest.fixture
    def events(self):
        peer_work = TopicFactory(name="Peer work", slug="peer-work")
        return {
            "london": EventPageFactory(title="London peer work", topics=[peer_work]),
            "wales": EventPageFactory(
                title="Wales meet-up", parent=child_index(EventIndexPage, "wales")
            ),
            "past": EventPageFactory(
                title="Long gone", occurrences=[timezone.now() - datetime.timedelta(days=9)]
            ),
        }

    def test_all_networks(self, client, events):
        EventPageFactory(title="Draft", live=False)
        calendar = parse(client.get(networks_index().url + "ical/"))
        assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == [
            "London peer work",
            "Wales meet-up",
        ]
        assert str(calendar["x-wr-calname"]) == "Peer support network events"

    def test_per_topic(self, client, events):
        calendar = parse(client.get(networks_index().url + "ical/peer-work/"))
        assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["London peer work"]

    def test_an_unknown_topic_is_a_404(self, client, events):
        assert client.get(networks_index().url + "ical/no-such-topic/").status_code == 404

    def test_pages_that_list_events_link_their_feeds(self, client, events):
        index_html = client.get(networks_index().url).content.decode()
        assert (
            f'<link rel="alternate" type="text/calendar" title="Events in every network" '
            f'href="{networks_index().url}ical/">' in index_html
        )
        events_html = client.get(child_index(EventIndexPage).url).content.decode()
        assert f'type="text/calendar" title="London events" href="{network().url}ical/"' in (
            events_html
        )
        event_html = client.get(events["london"].url).content.decode()
        assert (
            f'type="text/calendar" title="Events about Peer work" '
            f'href="{networks_index().url}ical/peer-work/"' in event_html
        )

    @pytest.mark.parametrize("path", ["london", "all", "topic"])
    def test_feed_queries_do_not_grow(self, client, events, path, django_assert_num_queries):
        topic = events["london"].topics.get()
        url = {
            "london": network().url + "ical/",
            "all": networks_index().url + "ical/",
            "topic": networks_index().url + "ical/peer-work/",
        }[path]
        # site (1), the route's pages: root → home → networks (4, including the
        # specific page) and → london (1 more), privacy check: aliases + view
        # restrictions (2), .public()'s view-restriction lookup (1), the events
        # with their next date (1), their topics and their one-off dates (2); the
        # topic feed looks its topic up (1).
        expected = {"london": 12, "all": 10, "topic": 11}[path]
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
        for _ in range(3):
            EventPageFactory(
                topics=[topic], occurrences=[timezone.now() + datetime.timedelta(days=2)]
            )
            RecurringEventPageFactory(topics=[topic])
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
