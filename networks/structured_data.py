"""schema.org JSON-LD for event and project pages, privacy-reduced like the page.

An area-only venue gives its area and postcode district, never the address or a
point; a public address gives both. A project that is never mapped (inpatient,
forensic, online, members-only, stale) gives no place at all.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from .location import public_location

# Characters that could end the <script> element or start markup inside it.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _dump(payload):
    return mark_safe(json.dumps(payload).translate(_ESCAPES))  # noqa: S308 - escaped here  # nosec B308 B703


def _location(page):
    if page.online:
        return {"@type": "VirtualLocation", "url": page.booking_url or page.full_url or ""}
    return _place(page)


def _place(page):
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
    return _dump(events[0] if len(events) == 1 else events)


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", {})}


def _contact_point(contact):
    channels = _without_empty(
        {"email": contact["email"], "telephone": contact["phone"], "url": contact["url"]}
    )
    return channels and {"@type": "ContactPoint", "contactType": "enquiries", **channels}


def project_json_ld(page):
    """An ``Organization`` offering the project as a ``Service``, as safe-to-embed JSON.

    Only the public organisational contact the page shows; never a person.
    """
    free = page.cost.strip().lower() == "free"
    service = _without_empty(
        {
            "@type": "Service",
            "name": page.title,
            "description": page.summary,
            "url": page.full_url or "",
            "serviceType": page.get_project_type_display(),
            "audience": page.who_for and {"@type": "Audience", "audienceType": page.who_for},
            "availableChannel": public_location(page)
            and {"@type": "ServiceChannel", "serviceLocation": _place(page)},
        }
    )
    offer = _without_empty(
        {
            "@type": "Offer",
            "itemOffered": service,
            "price": "0" if free else "",
            "priceCurrency": "GBP" if free else "",
            "description": "" if free else page.cost,
        }
    )
    org = page.organisation
    organization = _without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": org.name,
            "description": org.description,
            "url": org.website,
            "contactPoint": _contact_point(page.contact),
            "makesOffer": offer,
        }
    )
    return _dump(organization)
