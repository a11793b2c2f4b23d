"""Projects, organisations and terms as HSDS 3.0 (UK profile) objects.

Privacy is decided here and nowhere else in the API: only the public
organisational contact (``ProjectPage.contact``), never a person; locations only
through ``networks.location.public_location``, so an area-only venue is its
district centre without an address, and inpatient, forensic, online,
members-only and stale projects have no location at all. Optional fields are
left out rather than sent empty.
"""

import html

from django.utils import timezone
from django.utils.html import strip_tags

from cms.geocoding import MalformedQuery
from cms.geocoding.query import parse_query

from ..geojson import DECIMALS
from ..location import public_location
from .ids import stable_id
from .taxonomy import project_terms


def _with_optional(data, **optional):
    data.update({key: value for key, value in optional.items() if value not in (None, "", [])})
    return data


def _plain(rich_text):
    return html.unescape(strip_tags(rich_text)).strip()


def service_id(project):
    return stable_id("project", project.pk)


def organization(org, full=False):
    """An ``Organisation`` as an HSDS organization: its public channels only."""
    data = _with_optional(
        {"id": stable_id("organisation", org.pk), "name": org.name, "description": org.description},
        email=org.public_email,
        website=org.website,
    )
    if full:
        _with_optional(data, organization_identifiers=_identifiers(org))
    return data


def _identifiers(org):
    # Scheme codes from org-id.guide: Charity Commission and Companies House.
    identifiers = []
    for scheme, kind, value in (
        ("GB-CHC", "Charity number", org.charity_number),
        ("GB-COH", "Company number", org.company_number),
    ):
        if value:
            identifiers.append(
                {
                    "id": stable_id(f"organisation-identifier:{scheme}", org.pk),
                    "organization_id": stable_id("organisation", org.pk),
                    "identifier_scheme": scheme,
                    "identifier_type": kind,
                    "identifier": value,
                }
            )
    return identifiers


def _description(project):
    return "\n\n".join(part for part in (project.summary, _plain(project.description)) if part)


def _alert(project):
    if project.is_stale:
        return "Nobody has confirmed these details for over 18 months: check with the group first."
    return ""


def service_summary(project, request):
    """The service's one-to-one fields and its organization (``service_list``)."""
    contact = project.contact
    published = project.last_published_at
    return _with_optional(
        {
            "id": service_id(project),
            "organization_id": stable_id("organisation", project.organisation_id),
            "name": project.title,
            "description": _description(project),
            "status": "active",
            "assured_date": project.last_checked.isoformat(),
            "organization": organization(project.organisation),
        },
        url=contact["url"] or project.get_full_url(request),
        email=contact["email"],
        fees=project.cost,
        alert=_alert(project),
        last_modified=published and published.isoformat(),
    )


def _application_process(project):
    members = (
        "Open to new members."
        if project.open_to_new_members
        else "Not taking new members at the moment."
    )
    return " ".join(
        part
        for part in (f"{project.get_how_to_join_display()}.", members, project.first_visit)
        if part
    )


def service_detail(project, request, events=()):
    """The fully nested service (``/services/{id}``), with its upcoming events."""
    data = service_summary(project, request)
    sid = data["id"]
    data["organization"] = organization(project.organisation, full=True)
    contact = project.contact
    location_entry = service_at_location(project)
    return _with_optional(
        data,
        # HSDS 3.0 core fields the UK profile leaves out; additional properties are allowed.
        eligibility_description=project.who_for,
        application_process=_application_process(project),
        phones=contact["phone"]
        and [{"id": stable_id("phone", project.pk), "number": contact["phone"]}],
        schedules=_schedules(project, sid),
        service_areas=project.region_id
        and [
            {
                "id": stable_id("service-area", project.pk),
                "service_id": sid,
                "name": project.region.name,
                "extent_type": "ONS region",
            }
        ],
        service_at_locations=location_entry and [location_entry],
        attributes=_attributes(project, sid),
        **{"x-events": [event(page, request) for page in events]},
    )


def _schedules(project, sid):
    """The meeting schedule as HSDS fields (RFC 5545 ``freq``/``byday``), with any words
    in ``notes``; a listing with words only keeps them as the ``description``."""
    schedule = project.schedule
    if schedule is None:
        return project.meeting_schedule and [
            {
                "id": stable_id("schedule", project.pk),
                "service_id": sid,
                "description": project.meeting_schedule,
            }
        ]
    rule = dict(part.split("=", 1) for part in schedule.rule_body.split(";"))
    entry = {
        "id": stable_id("schedule", project.pk),
        "service_id": sid,
        "freq": rule["FREQ"],
        "byday": rule["BYDAY"],
        "opens_at": schedule.starts_at.strftime("%H:%M"),
        "valid_from": schedule.first_date.isoformat(),
        "dtstart": schedule.first_date.isoformat(),
        "description": f"Meets {schedule.describe()}",
    }
    if "INTERVAL" in rule:
        entry["interval"] = int(rule["INTERVAL"])
    if schedule.ends_at:
        entry["closes_at"] = schedule.ends_at.strftime("%H:%M")
    if schedule.until:
        entry["valid_to"] = schedule.until.isoformat()
    if project.meeting_schedule:
        entry["notes"] = project.meeting_schedule
    return [entry]


def _attributes(project, sid):
    return [
        {
            "id": stable_id("attribute", f"{sid}:{term.id}"),
            "link_id": sid,
            "link_type": term.taxonomy.key,
            "taxonomy_term_id": term.id,
            "taxonomy_term": taxonomy_term(term),
        }
        for term in project_terms(project)
    ]


def _postal_code(project):
    try:
        parsed = parse_query(project.postcode)
    except MalformedQuery:
        return project.district
    return parsed.postcode or project.district


def _address(project, location_id):
    lines = [line.strip() for line in project.public_address.splitlines() if line.strip()]
    return {
        "id": stable_id("address", project.pk),
        "location_id": location_id,
        "address_1": ", ".join(lines),
        "city": project.area_name or project.district,
        "state_province": project.region.name if project.region_id else "",
        "postal_code": _postal_code(project),
        "country": "GB",
        "address_type": "physical",
    }


def location(project):
    """The project's public location, or ``None`` when it is never mapped."""
    point = public_location(project)
    if point is None:
        return None
    location_id = stable_id("location", project.pk)
    data = {
        "id": location_id,
        "location_type": "physical",
        "name": point.label,
        "latitude": round(point.latitude, DECIMALS),
        "longitude": round(point.longitude, DECIMALS),
    }
    if project.public_address:
        data["addresses"] = [_address(project, location_id)]
    else:
        data["description"] = (
            f"The centre of {point.label}, not the venue: the group gives the address "
            "when you get in touch."
        )
    return data


def service_at_location(project, request=None, distance_metres=None):
    """The project at its public location, or ``None``.

    With ``request`` the one-to-one service is nested too (the list endpoint).
    """
    place = location(project)
    if place is None:
        return None
    data = {
        "id": stable_id("service-at-location", project.pk),
        "service_id": service_id(project),
        "location_id": place["id"],
        "location": place,
    }
    if request is not None:
        data["service"] = service_summary(project, request)
    if distance_metres is not None:
        data["x-distance_metres"] = round(distance_metres)
    return data


def taxonomy(entry):
    return {"id": entry.id, "name": entry.name, "description": entry.description}


def taxonomy_term(term):
    return {
        "id": term.id,
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": term.taxonomy.id,
    }


def event(page, request):
    """An upcoming event of the project (our ``x-events`` extension), privacy-reduced.

    ``page`` comes from ``networks.models.upcoming``, which sets ``next_start``;
    every date is in the event's iCalendar feed (``calendar_url``).
    """
    point = public_location(page)
    url = page.get_full_url(request)
    return _with_optional(
        {
            "id": stable_id("event", page.pk),
            "name": page.title,
            "online": page.online,
            "next_start": timezone.localtime(page.next_start).isoformat(),
        },
        description=page.summary,
        url=url,
        calendar_url=url and f"{url}ical/",
        fees=page.cost,
        booking_url=page.booking_url,
        place=point
        and {
            "name": point.label,
            "latitude": round(point.latitude, DECIMALS),
            "longitude": round(point.longitude, DECIMALS),
        },
    )
