"""Recurring schedules: the rule, its dates across the clock change, its words, the
materialised twelve months and the messages an editor sees."""

import datetime
import json
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from dateutil.rrule import rrulestr

from cms.hooks import periodic_jobs
from networks.models import EventIndexPage, EventPage
from networks.recurrence import Schedule, UnsupportedRule
from networks.sources import EventSource
from tests.factories.networks import RecurringEventPageFactory, child_index, network

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
TUESDAY = 1


def schedule(**changes):
    values = {
        "frequency": "weekly",
        "weekday": TUESDAY,
        "starts_at": datetime.time(18),
        "ends_at": datetime.time(20),
        "first_date": datetime.date(2026, 1, 1),
    }
    values.update(changes)
    return Schedule(**values)


def local_starts(rule, after, before):
    return [
        start.astimezone(LONDON).replace(tzinfo=None)
        for start, _ in rule.dates(
            datetime.datetime.combine(after, datetime.time(), LONDON),
            datetime.datetime.combine(before, datetime.time(), LONDON),
        )
    ]


class TestSecondTuesday:
    """“Second Tuesday” read both ways gives different dates, rules and words."""

    def test_the_second_tuesday_of_each_month(self):
        monthly = schedule(frequency="monthly", week_of_month=2)
        starts = local_starts(monthly, datetime.date(2026, 1, 1), datetime.date(2026, 5, 1))
        assert [start.date() for start in starts] == [
            datetime.date(2026, 1, 13),
            datetime.date(2026, 2, 10),
            datetime.date(2026, 3, 10),
            datetime.date(2026, 4, 14),
        ]
        assert monthly.describe() == "on the second Tuesday of each month, 6–8pm"
        assert "RRULE:FREQ=MONTHLY;BYDAY=2TU" in monthly.rule_text()

    def test_every_other_tuesday(self):
        fortnightly = schedule(interval=2, first_date=datetime.date(2026, 1, 6))
        starts = local_starts(fortnightly, datetime.date(2026, 1, 1), datetime.date(2026, 3, 1))
        assert [start.date() for start in starts] == [
            datetime.date(2026, 1, 6),
            datetime.date(2026, 1, 20),
            datetime.date(2026, 2, 3),
            datetime.date(2026, 2, 17),
        ]
        assert fortnightly.describe() == "every other Tuesday, 6–8pm"
        assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" in fortnightly.rule_text()

    def test_the_rule_text_is_what_dateutil_reads_back(self):
        monthly = schedule(frequency="monthly", week_of_month=2, until=datetime.date(2026, 6, 30))
        read_back = [
            start.replace(tzinfo=None) for start in rrulestr(monthly.rule_text(), forceset=True)
        ]
        assert read_back == local_starts(
            monthly, datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
        )
        assert len(read_back) == 6


class TestClockChange:
    def test_a_7pm_meeting_stays_at_7pm_and_a_cancelled_date_after_bst_begins_is_left_out(self):
        # BST began at 1am on Sunday 29 March 2026.
        weekly = schedule(
            starts_at=datetime.time(19),
            ends_at=datetime.time(21),
            first_date=datetime.date(2026, 3, 17),
            cancelled=(datetime.date(2026, 3, 31),),
        )
        dates = weekly.dates(
            datetime.datetime(2026, 3, 1, tzinfo=UTC), datetime.datetime(2026, 4, 10, tzinfo=UTC)
        )
        assert [start.astimezone(UTC).strftime("%d %b %H:%M") for start, _ in dates] == [
            "17 Mar 19:00",
            "24 Mar 19:00",
            "07 Apr 18:00",
        ]
        assert {start.astimezone(LONDON).time() for start, _ in dates} == {datetime.time(19)}
        assert {end - start for start, end in dates} == {datetime.timedelta(hours=2)}
        assert "EXDATE;TZID=Europe/London:20260331T190000" in weekly.rule_text()

    def test_the_autumn_change_too(self):
        # BST ended at 2am on Sunday 25 October 2026.
        weekly = schedule(starts_at=datetime.time(19), first_date=datetime.date(2026, 10, 20))
        dates = weekly.dates(
            datetime.datetime(2026, 10, 19, tzinfo=UTC), datetime.datetime(2026, 11, 1, tzinfo=UTC)
        )
        assert [start.astimezone(UTC).hour for start, _ in dates] == [18, 19]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({}, "every Tuesday, 6–8pm"),
        ({"interval": 2}, "every other Tuesday, 6–8pm"),
        ({"interval": 3}, "every 3 weeks on a Tuesday, 6–8pm"),
        (
            {
                "frequency": "monthly",
                "week_of_month": -1,
                "weekday": 4,
                "starts_at": datetime.time(11),
                "ends_at": datetime.time(13),
            },
            "on the last Friday of each month, 11am–1pm",
        ),
        ({"starts_at": datetime.time(18, 30), "ends_at": None}, "every Tuesday, 6:30pm"),
        (
            {"starts_at": datetime.time(10), "ends_at": datetime.time(12)},
            "every Tuesday, 10am–12pm",
        ),
    ],
)
def test_words(changes, words):
    assert schedule(**changes).describe() == words


@pytest.mark.parametrize(
    ("changes", "attribute", "message"),
    [
        (
            {"frequency": "monthly", "week_of_month": 5},
            "week_of_month",
            "Not every month has a fifth Tuesday: choose the first to fourth, or the last.",
        ),
        ({"ends_at": datetime.time(17)}, "ends_at", "The end time must be after the start time"),
        (
            {"until": datetime.date(2025, 12, 1)},
            "until",
            "The last date must be on or after the first date.",
        ),
        (
            {"cancelled": (datetime.date(2026, 1, 7),)},
            "cancelled",
            "Wednesday 7 January 2026 is not one of this schedule’s dates.",
        ),
        ({"interval": 9}, "interval", "Repeat every 1 to 8 weeks."),
        (
            {"until": datetime.date(2026, 1, 5)},
            "until",
            "There is no Tuesday between the first and last date.",
        ),
    ],
)
def test_validation_messages(changes, attribute, message):
    assert schedule(**changes).errors()[attribute].startswith(message)


def test_cancelled_dates_of_a_schedule_without_an_end_are_checked_one_by_one():
    # Every other Tuesday from 6 January 2026, with no last date: 60 years on.
    on_it = datetime.date(2026, 1, 6) + datetime.timedelta(weeks=2 * 26 * 60)
    off_it = on_it + datetime.timedelta(weeks=1)
    assert schedule(interval=2, cancelled=(on_it,)).errors() == {}
    errors = schedule(interval=2, cancelled=(off_it,)).errors()
    assert "is not one of this schedule’s dates" in errors["cancelled"]


def test_an_imported_rule_of_another_shape_is_refused_with_a_reason():
    start = datetime.datetime(2026, 1, 6, 18, tzinfo=LONDON)
    with pytest.raises(UnsupportedRule, match="more than one day"):
        Schedule.from_rule(start, None, {"FREQ": ["WEEKLY"], "BYDAY": ["TU", "TH"]})
    with pytest.raises(UnsupportedRule, match="BYMONTHDAY"):
        Schedule.from_rule(start, None, {"FREQ": ["MONTHLY"], "BYMONTHDAY": [6]})
    with pytest.raises(UnsupportedRule, match="first date is not one of"):
        Schedule.from_rule(start, None, {"FREQ": ["MONTHLY"], "BYDAY": ["-1TU"]})
    last_tuesday = datetime.datetime(2026, 1, 27, 18, tzinfo=LONDON)
    read = Schedule.from_rule(last_tuesday, None, {"FREQ": ["MONTHLY"], "BYDAY": ["-1TU"]})
    assert read.describe() == "on the last Tuesday of each month, 6pm"


@pytest.mark.django_db
class TestMaterialisedOccurrences:
    def test_twelve_months_from_today_in_the_event_page_and_the_catalogue(self, client):
        event = RecurringEventPageFactory(
            title="Fortnightly group",
            repeat_from=timezone.localdate() - datetime.timedelta(days=60),
        )
        dates = list(event.scheduled_occurrences.all())
        today = timezone.localdate()
        assert all(timezone.localtime(o.start).date() >= today for o in dates)
        assert timezone.localtime(dates[-1].start).date() <= today + datetime.timedelta(days=366)
        assert all(timezone.localtime(o.start).time() == datetime.time(18) for o in dates)
        assert len(dates) in (26, 27)

        document = EventSource().to_document(EventSource().get_queryset().get(pk=event.pk))
        future = [o.start for o in dates if o.start >= timezone.now()]
        assert document.dates == future
        assert document.starts_at == future[0]

        response = client.get(event.url)
        assert "Meets every other Tuesday, 6–8pm" in response.content.decode()
        listed = network("london").upcoming_events
        assert [e.next_start for e in listed if e.pk == event.pk] == [future[0]]

    def test_the_daily_refresh_rolls_the_window_and_past_dates_leave_upcoming(self):
        a_month_ago = timezone.now() - datetime.timedelta(days=30)
        event = RecurringEventPageFactory(repeat_every=1, repeat_from=a_month_ago.date())
        event.refresh_scheduled_occurrences(now=a_month_ago)
        assert event.scheduled_occurrences.filter(start__lt=timezone.now()).count() >= 4
        fresh = EventPage.objects.get(pk=event.pk)
        assert fresh.upcoming_occurrences
        assert all(o.start >= timezone.now() for o in fresh.upcoming_occurrences)

        summary = periodic_jobs.get("networks-event-occurrences").run(timezone.now())
        assert summary.startswith("1 recurring events")
        # Only today's date may have started already.
        assert event.scheduled_occurrences.filter(start__lt=timezone.now()).count() <= 1
        last = event.scheduled_occurrences.last().start
        assert last > timezone.now() + datetime.timedelta(days=358)

    def test_an_event_that_stops_repeating_loses_its_dates(self):
        event = RecurringEventPageFactory()
        event.repeats = ""
        event.save()
        assert event.scheduled_occurrences.count() == 0
        assert event.recurrence == ""

    def test_a_draft_revision_of_a_live_event_does_not_change_its_public_dates(self):
        event = RecurringEventPageFactory()
        count = event.scheduled_occurrences.count()
        draft = event.get_latest_revision_as_object()
        draft.repeats = ""
        draft.save_revision()
        assert event.scheduled_occurrences.count() == count


@pytest.mark.django_db
def test_the_page_shows_upcoming_cancellations(client):
    today = timezone.localdate()
    first_tuesday = today + datetime.timedelta(days=(TUESDAY - today.weekday()) % 7 or 7)
    cancelled = first_tuesday + datetime.timedelta(days=14)
    event = RecurringEventPageFactory(
        repeat_every=1, repeat_from=first_tuesday, cancelled_dates=cancelled.strftime("%d/%m/%Y")
    )
    assert event.recurrence.splitlines()[-1] == (
        f"EXDATE;TZID=Europe/London:{cancelled:%Y%m%d}T180000"
    )
    starts = [timezone.localtime(o.start).date() for o in event.scheduled_occurrences.all()]
    assert cancelled not in starts
    html = client.get(event.url).content.decode()
    assert f'Not meeting on <time datetime="{cancelled:%Y-%m-%d}">' in html


@pytest.mark.django_db
class TestPageValidation:
    def event(self, **fields):
        values = {
            "title": "Group",
            "slug": "group",
            "repeats": "weekly",
            "repeat_weekday": TUESDAY,
            "repeat_starts_at": datetime.time(18),
            "repeat_from": datetime.date(2026, 1, 6),
        }
        values.update(fields)
        return EventPage(**values)

    def test_messages_land_on_the_fields(self):
        with pytest.raises(ValidationError) as raised:
            self.event(
                repeats="monthly", repeat_week_of_month=5, repeat_ends_at=datetime.time(17)
            ).clean()
        errors = raised.value.message_dict
        assert errors["repeat_week_of_month"] == [
            "Not every month has a fifth Tuesday: choose the first to fourth, or the last."
        ]
        assert errors["repeat_ends_at"] == ["The end time must be after the start time (same day)."]

    def test_a_cancelled_date_that_is_not_a_date(self):
        with pytest.raises(ValidationError) as raised:
            self.event(cancelled_dates="31/02/2026").clean()
        assert raised.value.message_dict["cancelled_dates"] == [
            "“31/02/2026” is not a date: write dates like 24/12/2026, one a line."
        ]

    def test_a_valid_schedule_writes_its_rule_and_tidies_the_dates(self):
        event = self.event(repeat_every=2, cancelled_dates="2026-01-20\n\n03/02/2026")
        event.clean()
        assert event.recurrence == (
            "DTSTART;TZID=Europe/London:20260106T180000\n"
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU\n"
            "EXDATE;TZID=Europe/London:20260120T180000,20260203T180000"
        )
        assert event.cancelled_dates == "20/01/2026\n03/02/2026"


class TestScheduleInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.url = f"/admin/pages/add/networks/eventpage/{child_index(EventIndexPage).pk}/"

    def form(self, **fields):
        data = {
            "title": "Peer group",
            "slug": "peer-group",
            "venue_visibility": "area",
            "repeats": "monthly",
            "repeat_every": "1",
            "repeat_weekday": str(TUESDAY),
            "repeat_week_of_month": "2",
            "repeat_starts_at": "18:00",
            "repeat_ends_at": "20:00",
            "repeat_from": timezone.localdate().isoformat(),
            "occurrences": inline_formset([]),
        }
        data.update(fields)
        return nested_form_data(data)

    def test_an_editor_creates_a_monthly_event_without_one_off_dates(self):
        self.assertCanCreate(child_index(EventIndexPage), EventPage, self.form())
        event = EventPage.objects.get(slug="peer-group")
        assert "BYDAY=2TU" in event.recurrence
        assert event.scheduled_occurrences.count() in (12, 13)

    def test_a_fifth_tuesday_is_a_field_error_not_a_crash(self):
        response = self.client.post(self.url, self.form(repeat_week_of_month="5"))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "Not every month has a fifth Tuesday" in str(errors["repeat_week_of_month"])
        assert not EventPage.objects.filter(slug="peer-group").exists()

    def test_an_event_needs_a_date_or_a_schedule(self):
        response = self.client.post(self.url, self.form(repeats=""))
        assert response.status_code == 200
        assert "Give at least one date, or choose how the event repeats." in str(
            response.context["form"].non_field_errors()
        )
        assert not EventPage.objects.filter(slug="peer-group").exists()


@pytest.mark.django_db
def test_json_ld_has_one_event_per_upcoming_date_at_local_time(client):
    event = RecurringEventPageFactory(repeat_from=timezone.localdate() + datetime.timedelta(days=1))
    html = client.get(event.url).content.decode()
    payload = html.split('<script type="application/ld+json"', 1)[1].split(">", 1)[1]
    data = json.loads(payload.split("</script>", 1)[0])
    assert len(data) == len(event.upcoming_occurrences) >= 26
    assert {item["startDate"][11:19] for item in data} == {"18:00:00"}
    assert {item["endDate"][11:19] for item in data} == {"20:00:00"}
