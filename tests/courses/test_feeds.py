"""A course's calendar (.ics) and schema.org JSON-LD: content types and contents."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.factories.courses import CoursePageFactory

from .conftest import session_at

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def course(course_index):
    # One session in British Summer Time, one in Greenwich Mean Time (dates far ahead).
    summer = datetime(2030, 7, 2, 10, 0, tzinfo=LONDON)
    winter = datetime(2030, 12, 3, 18, 30, tzinfo=LONDON)
    sessions = []
    for starts in (summer, winter):
        options = session_at("LS6")
        options.update(starts_at=starts, ends_at=starts.replace(hour=starts.hour + 2))
        sessions.append(options)
    sessions.append(
        {
            "online_session": True,
            "starts_at": datetime(2030, 9, 1, 14, tzinfo=LONDON),
            "ends_at": datetime(2030, 9, 1, 16, tzinfo=LONDON),
        }
    )
    return CoursePageFactory(
        title="Facilitation skills", accredited=True, paid=True, sessions=sessions
    )


def test_ical_content_type_and_discovery(client, course):
    response = client.get(f"{course.url}ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    html = client.get(course.url).content.decode()
    assert f'<link rel="alternate" type="text/calendar" href="{course.url}ical/"' in html


def test_ical_times_in_london_across_bst_and_gmt(client, course):
    calendar = icalendar.Calendar.from_ical(client.get(f"{course.url}ical/").content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    starts = [event.decoded("DTSTART") for event in events]
    assert [s.utcoffset().total_seconds() / 3600 for s in starts] == [1, 1, 0]
    assert [(s.hour, s.minute) for s in starts] == [(10, 0), (14, 0), (18, 30)]
    assert events[0]["DTSTART"].params["TZID"] == "Europe/London"
    assert str(events[1]["LOCATION"]).startswith("Online")
    assert str(events[0]["SUMMARY"]) == "Facilitation skills"


def test_ical_single_session(client, course):
    session = course.sessions.order_by("starts_at").first()
    calendar = icalendar.Calendar.from_ical(client.get(f"{course.url}ical/{session.pk}/").content)
    assert len(calendar.walk("VEVENT")) == 1
    assert client.get(f"{course.url}ical/999999/").status_code == 404


def test_json_ld_course_and_instances(client, course):
    html = client.get(course.url).content.decode()
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match and match.group(1)
    data = json.loads(match.group(2))
    assert data["@type"] == "Course"
    assert data["name"] == "Facilitation skills"
    assert data["description"] == course.summary
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == course.provider.name
    instances = data["hasCourseInstance"]
    assert [i["courseMode"] for i in instances] == ["onsite", "online", "onsite"]
    assert instances[0]["startDate"] == "2030-07-02T10:00:00+01:00"
    assert instances[2]["startDate"] == "2030-12-03T18:30:00+00:00"
    assert instances[0]["location"]["@type"] == "Place"
    assert instances[1]["location"]["@type"] == "VirtualLocation"
    assert instances[0]["offers"] == {
        "@type": "Offer",
        "price": "120.00",
        "priceCurrency": "GBP",
        "category": "Paid",
    }
    assert "Level 3" in data["educationalCredentialAwarded"]
