"""A course as schema.org JSON-LD and as iCalendar: both privacy-reduced like the page."""

import json

from django.utils import timezone
from django.utils.html import strip_tags

from cms.ical import add_event, new_calendar

from .choices import BLENDED, FREE, ONLINE

COURSE_MODES = {ONLINE: "online", BLENDED: "blended"}


def _place(session):
    if session.online:
        return {"@type": "VirtualLocation", "name": "Online"}
    place = {"@type": "Place", "name": session.place_label}
    point = session.public_point
    if session.is_public:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(session.address.split("\n")).strip(", "),
            "postalCode": session.postcode,
            "addressCountry": "GB",
        }
    elif session.postcode_district:
        place["address"] = {
            "@type": "PostalAddress",
            "postalCode": session.postcode_district,
            "addressCountry": "GB",
        }
    if point:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(point[0], 5),
            "longitude": round(point[1], 5),
        }
    return place


def _offer(course, request):
    offer = {
        "@type": "Offer",
        "price": "0" if course.cost == FREE else f"{course.cost_amount or 0:.2f}",
        "priceCurrency": "GBP",
        "category": "Free" if course.cost == FREE else "Paid",
    }
    if course.booking_url:
        offer["url"] = course.booking_url
    return offer


def course_json_ld(course, request=None):
    """The page's schema.org ``Course`` with a ``CourseInstance`` per upcoming session."""
    provider = course.provider
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary or strip_tags(course.body)[:300],
        "url": course.full_url,
        "provider": {"@type": "Organization", "name": provider.name},
        "hasCourseInstance": [],
    }
    if provider.website:
        data["provider"]["url"] = provider.website
    if course.recognition == "accredited" and course.awarding_body_id:
        data["educationalCredentialAwarded"] = course.recognition_detail
    if course.duration:
        data["timeRequired"] = course.duration
    for session in course.upcoming_sessions:
        instance = {
            "@type": "CourseInstance",
            "courseMode": "online"
            if session.online
            else COURSE_MODES.get(course.delivery, "onsite"),
            "startDate": timezone.localtime(session.starts_at).isoformat(),
            "endDate": timezone.localtime(session.ends_at).isoformat(),
            "location": _place(session),
            "offers": _offer(course, request),
        }
        data["hasCourseInstance"].append(instance)
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _location_text(session):
    if session.online:
        return "Online (joining details when you book)"
    if session.is_public:
        return ", ".join(session.public_address_lines)
    return f"{session.place_label} (full address when you book)"


def course_calendar(course, sessions):
    """An iCalendar with one VEVENT per session, in Europe/London with its VTIMEZONE."""
    calendar = new_calendar(course.title, "Courses")
    for session in sessions:
        description = [course.summary, f"Run by {course.provider.name}."]
        if course.booking_url or session.booking_url:
            description.append(f"Book: {session.booking_url or course.booking_url}")
        elif course.booking_contact:
            description.append(f"Book: {course.booking_contact}")
        add_event(
            calendar,
            uid=f"course-session-{session.pk}@peersupporthub",
            summary=course.title,
            start=session.starts_at,
            end=session.ends_at,
            location=_location_text(session),
            description="\n".join(part for part in description if part),
            url=course.full_url or "",
            geo=session.public_point if session.is_public and session.public_point else None,
        )
    calendar.add_missing_timezones()
    return calendar
