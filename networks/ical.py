"""iCalendar output for events (``icalendar``): a network's feed and one event's file.

Times are written in UTC; locations are privacy-reduced like every other output.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from icalendar import Calendar, Event

from .location import public_location


def build_calendar(name, events, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Peer Support Hub//networks//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for page in events:
        url = page.get_full_url(request)
        for occurrence in page.occurrences.all():
            event = Event()
            event.add("uid", f"event-{page.pk}-{occurrence.pk}@peer-support-hub")
            event.add("dtstamp", stamp)
            event.add("summary", page.title)
            event.add("dtstart", occurrence.start)
            if occurrence.end:
                event.add("dtend", occurrence.end)
            if page.summary:
                event.add("description", page.summary)
            if url:
                event.add("url", url)
            where = _where(page)
            if where:
                event.add("location", where)
            calendar.add_component(event)
    return calendar


def _where(page):
    if page.online:
        return "Online"
    if page.public_address:
        return ", ".join(filter(None, [page.venue_name, page.public_address]))
    location = public_location(page)
    return location.label if location else page.area_label


def calendar_response(name, events, request):
    response = HttpResponse(
        build_calendar(name, events, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{slugify(name) or "events"}.ics"'
    return response
