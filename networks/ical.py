"""iCalendar feeds of events (``cms.ical`` builds them): per network, per topic, for
all networks, and one event's file.

A one-off date is a VEVENT of its own; a schedule is one VEVENT with its RRULE
and EXDATEs, so calendar apps keep repeating it beyond our twelve-month window.
UIDs are stable: ``event-<page>-<date row>`` and ``event-<page>-schedule``.
Locations are privacy-reduced like every other output.
"""

from django.http import Http404

from cms.ical import add_event, calendar_response, new_calendar
from cms.models import Topic

from .location import public_location

UID = "event-{page}-{suffix}@peer-support-hub"


def _where(page):
    if page.online:
        return "Online"
    if page.public_address:
        return ", ".join(filter(None, [page.venue_name, page.public_address]))
    location = public_location(page)
    return location.label if location else page.area_label


def _add_page(calendar, page, request):
    details = {
        "summary": page.title,
        "description": page.summary,
        "url": page.get_full_url(request) or "",
        "location": _where(page),
    }
    for occurrence in page.occurrences.all():
        uid = UID.format(page=page.pk, suffix=occurrence.pk)
        add_event(calendar, uid=uid, start=occurrence.start, end=occurrence.end, **details)
    schedule = page.schedule
    if schedule is not None:
        start = schedule.first_start
        add_event(
            calendar,
            uid=UID.format(page=page.pk, suffix="schedule"),
            start=start,
            end=start + schedule.duration if schedule.duration else None,
            rule=schedule.rule_body,
            cancelled=schedule.cancelled_starts,
            **details,
        )


def build_calendar(name, events, request):
    calendar = new_calendar(name, "networks")
    for page in events:
        _add_page(calendar, page, request)
    return calendar


def events_response(name, events, request):
    """``events`` as a ``text/calendar`` response named ``name``."""
    return calendar_response(build_calendar(name, events, request), name)


def feed_events(events):
    """Upcoming events for a feed, with everything the feed reads in two prefetches."""
    from .models import upcoming

    return upcoming(events).prefetch_related("occurrences")


def network_feed(network, request):
    from .models import EventPage

    events = feed_events(network.shared_here(EventPage.objects.live().public()))
    return events_response(f"{network.title} events", events, request)


def all_networks_feed(index, request):
    from .models import EventPage

    events = feed_events(EventPage.objects.live().public().descendant_of(index))
    return events_response("Peer support network events", events, request)


def topic_feed(index, request, slug):
    from .models import EventPage

    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("There is no topic with that name.")
    events = feed_events(
        EventPage.objects.live().public().descendant_of(index).filter(topics=topic).distinct()
    )
    return events_response(f"Peer support events: {topic.name}", events, request)
