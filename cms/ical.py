"""The one iCalendar builder every app's ``.ics`` files and feeds use (``icalendar``).

Times are written in Europe/London with its VTIMEZONE, so calendar apps show a
7pm meeting at 7pm whichever side of the BST change it falls; ``DTSTAMP`` and a
rule's ``UNTIL`` are UTC as RFC 5545 requires. Callers pass privacy-reduced
locations only.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from icalendar import Calendar, Event, vRecur

PRODUCT = "-//Peer Support Hub//{}//EN"


def new_calendar(name, product):
    """An empty calendar named ``name`` (shown by calendar apps as the feed's title)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT.format(product))
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    return calendar


def add_event(
    calendar,
    *,
    uid,
    summary,
    start,
    end=None,
    description="",
    url="",
    location="",
    geo=None,
    rule="",
    cancelled=(),
):
    """Add one VEVENT; ``rule`` is an RRULE value and ``cancelled`` its EXDATE starts."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    event.add("summary", summary)
    event.add("dtstart", timezone.localtime(start))
    if end:
        event.add("dtend", timezone.localtime(end))
    if rule:
        event.add("rrule", vRecur.from_ical(rule))
    if cancelled:
        event.add("exdate", [timezone.localtime(moment) for moment in cancelled])
    for name, value in (("description", description), ("url", url), ("location", location)):
        if value:
            event.add(name, value)
    if geo:
        event.add("geo", geo)
    calendar.add_component(event)
    return event


def calendar_response(calendar, filename, *, attachment=False):
    """The calendar as ``text/calendar``, with the VTIMEZONEs its events need."""
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{slugify(filename) or "events"}.ics"'
    )
    return response
