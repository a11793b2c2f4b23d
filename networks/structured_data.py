"""schema.org ``Event`` JSON-LD for an event page, privacy-reduced like the page.

An area-only venue gives its area and postcode district, never the address or a
point; a public address gives both.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from .location import public_location

# Characters that could end the <script> element or start markup inside it.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _location(page):
    if page.online:
        return {"@type": "VirtualLocation", "url": page.booking_url or page.full_url or ""}
    place = {"@type": "Place", "name": page.venue_name if page.public_address else page.area_label}
    if page.public_address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(line.strip() for line in page.public_address.splitlines()),
            "addressCountry": "GB",
        }
        location = public_location(page)
        if location:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
    elif page.district:
        place["address"] = {
            "@type": "PostalAddress",
            "addressLocality": page.area_name,
            "postalCode": page.district,
            "addressCountry": "GB",
        }
    return place


def event_json_ld(page):
    """One schema.org Event per upcoming date, as safe-to-embed JSON."""
    events = []
    for occurrence in page.upcoming_occurrences:
        event = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "description": page.summary,
            "url": page.full_url or "",
            "startDate": timezone.localtime(occurrence.start).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if page.online else "OfflineEventAttendanceMode"),
            "location": _location(page),
        }
        if occurrence.end:
            event["endDate"] = timezone.localtime(occurrence.end).isoformat()
        if page.project_id:
            event["organizer"] = {"@type": "Organization", "name": page.project.organisation.name}
        if page.cost.strip().lower() == "free":
            event["isAccessibleForFree"] = True
        events.append(event)
    payload = events[0] if len(events) == 1 else events
    return mark_safe(json.dumps(payload).translate(_ESCAPES))  # noqa: S308 - escaped above  # nosec B308 B703
