"""Project meeting times as a schedule (``ScheduleMixin``), with the words kept readable."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from networks.freshness import ListingStillRightAction
from networks.models import ProjectPage
from tests.factories.networks import ProjectPageFactory
from tests.networks.test_openreferral import get, schema, service_uuid, validate

pytestmark = pytest.mark.django_db


def next_weekday(weekday, after=None):
    day = after or timezone.localdate()
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7 or 7)


@pytest.fixture
def scheduled():
    """Every other Tuesday, 6–8pm, from next Tuesday; the Tuesday after that is cancelled."""
    first = next_weekday(1)
    project = ProjectPageFactory(title="Tuesday circle", meeting_schedule="Not in August.")
    project.repeats = "weekly"
    project.repeat_every = 2
    project.repeat_weekday = 1
    project.repeat_starts_at = datetime.time(18)
    project.repeat_ends_at = datetime.time(20)
    project.repeat_from = first
    project.cancelled_dates = (first + datetime.timedelta(days=14)).strftime("%d/%m/%Y")
    project.full_clean()
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


def test_the_page_says_when_it_meets_and_the_next_dates(client, scheduled):
    content = client.get(scheduled.url).content.decode()
    assert "Meets every other Tuesday, 6–8pm." in content
    first = scheduled.repeat_from
    dates = [first, first + datetime.timedelta(days=28), first + datetime.timedelta(days=42)]
    for day in dates:
        assert f'datetime="{day.isoformat()}T18:00:00' in content
    # The cancelled meeting is not offered.
    assert f'datetime="{(first + datetime.timedelta(days=14)).isoformat()}' not in content
    assert "Not in August." in content
    assert scheduled.recurrence.startswith("DTSTART;TZID=Europe/London:")


def test_a_listing_with_words_only_reads_as_before(client):
    project = ProjectPageFactory(meeting_schedule="Tuesdays, 6pm")
    content = client.get(project.url).content.decode()
    assert "Tuesdays, 6pm" in content and "Meets every" not in content
    assert project.next_meetings() == []


def test_a_schedule_that_cannot_be_met_is_a_field_error():
    project = ProjectPageFactory()
    project.repeats = "monthly"
    project.repeat_weekday = 1
    project.repeat_week_of_month = 5
    project.repeat_starts_at = datetime.time(18)
    project.repeat_from = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "repeat_week_of_month" in error.value.message_dict


def test_the_admin_offers_a_schedule_with_a_projects_wording(admin_client):
    project = ProjectPageFactory()
    content = admin_client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    assert "Meets regularly" in content
    assert "No regular times (say when in words above)" in content
    assert "use the dates above" not in content


def test_the_freshness_check_shows_the_schedule_and_the_words(scheduled):
    rows = dict(ListingStillRightAction().describe(scheduled)["rows"])
    assert rows["When"] == "Meets every other Tuesday, 6–8pm.\nNot in August."


def test_open_referral_gives_the_structured_schedule(client, scheduled):
    data = get(client, f"/services/{service_uuid(scheduled)}")
    validate(data, schema("service.json"))
    [entry] = data["schedules"]
    assert entry["freq"] == "WEEKLY" and entry["interval"] == 2 and entry["byday"] == "TU"
    assert (entry["opens_at"], entry["closes_at"]) == ("18:00", "20:00")
    assert entry["valid_from"] == scheduled.repeat_from.isoformat()
    assert entry["description"] == "Meets every other Tuesday, 6–8pm"
    assert entry["notes"] == "Not in August."


def test_open_referral_monthly_schedule(client):
    project = ProjectPageFactory()
    project.repeats = "monthly"
    project.repeat_weekday = 1
    project.repeat_week_of_month = 2
    project.repeat_starts_at = datetime.time(10, 30)
    project.repeat_from = timezone.localdate()
    project.repeat_until = timezone.localdate() + datetime.timedelta(days=200)
    project.full_clean()
    project.save_revision().publish()
    [entry] = get(client, f"/services/{service_uuid(project)}")["schedules"]
    assert (entry["freq"], entry["byday"], entry["opens_at"]) == ("MONTHLY", "2TU", "10:30")
    assert "interval" not in entry and "closes_at" not in entry
    assert entry["valid_to"] == project.repeat_until.isoformat()
    assert entry["description"] == "Meets on the second Tuesday of each month, 10:30am"
