"""The public submission queue: who may decide, approval into a page, rejection.

A submission never becomes a page by itself. A coordinator of its network (or
a National moderator) approves it, in their name: an event, a resource or a
mentoring entry is created and published; a new project listing is created as
a draft, and an update to one becomes a draft revision of it, for the
coordinator to check and publish in the editor (where a contact change waits
for the current contact, as every edit does).
"""

import contextlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks

from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.geocoding import GeocodeError
from cms.models import Organisation, Topic

from .choices import MentoringKind
from .location import locate
from .models import (
    EventIndexPage,
    EventOccurrence,
    EventPage,
    MentoringIndexPage,
    MentoringPage,
    NetworkPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
    Submission,
)
from .uploads import publish_document


def networks_moderated_by(user):
    """The networks whose queue ``user`` may decide: those they can publish in."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "publish")
    return NetworkPage.objects.filter(pk__in=pages.values("pk"))


def queue_for(user):
    return (
        Submission.objects.filter(
            status=Submission.Status.PENDING, network__in=networks_moderated_by(user)
        )
        .select_related("network")
        .order_by("created_at")
    )


def _check(user, submission):
    if submission.status != Submission.Status.PENDING:
        raise PermissionDenied("This submission has already been decided.")
    if not networks_moderated_by(user).filter(pk=submission.network_id).exists():
        raise PermissionDenied("Only this network's coordinators can decide this submission.")


def _event_from(submission):
    page = EventPage(
        title=submission.title,
        summary=submission.summary,
        description=linebreaks(escape(submission.description)),
        online=submission.online,
        venue_visibility=submission.venue_visibility,
        venue_name=submission.venue_name,
        address=submission.address,
        postcode=submission.postcode,
        booking_url=submission.booking_url,
        cost=submission.cost,
        region=submission.network.region,
    )
    if submission.postcode and not submission.online:
        # The form checked the place; if the geocoder now fails, a coordinator fixes it.
        with contextlib.suppress(GeocodeError):
            locate(page, submission.postcode)
    page.occurrences = [EventOccurrence(start=submission.start, end=submission.end)]
    return page


def _html(text):
    return linebreaks(escape(text)) if text else ""


def _place(page, submission):
    if submission.postcode:
        with contextlib.suppress(GeocodeError):
            locate(page, submission.postcode)


def _topics(submission):
    return list(Topic.objects.filter(pk__in=submission.details.get("topics") or []))


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


# Project answers kept in ``details``, by page field; blank means "no change" in an update.
PROJECT_DETAILS = {
    "project_type": "project_type",
    "group_format": "group_format",
    "setting": "setting",
    "how_to_join": "how_to_join",
    "who_for": "who_for",
    "cost": "cost",
    "first_visit": "first_visit",
    "meeting_schedule": "meeting_schedule",
    "public_email": "public_email",
    "public_phone": "public_phone",
    "website": "web_address",
}


def _apply_project_answers(page, submission):
    details = submission.details
    for field, key in PROJECT_DETAILS.items():
        if details.get(key):
            setattr(page, field, details[key])
    if _yes_no(details.get("open_to_new_members")) is not None:
        page.open_to_new_members = _yes_no(details["open_to_new_members"])
    for field in ("title", "summary"):
        if getattr(submission, field):
            setattr(page, field, getattr(submission, field))
    if submission.description:
        page.description = _html(submission.description)
    if submission.postcode:
        for field in ("venue_visibility", "venue_name", "address", "postcode"):
            setattr(page, field, getattr(submission, field))
        page.latitude = page.longitude = None
        _place(page, submission)
    if details.get("topics"):
        page.topics = _topics(submission)


def _new_project(submission, user):
    """A draft listing under the network's Projects page."""
    organisation = Organisation.objects.filter(name__iexact=submission.organiser).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=submission.organiser)
    page = ProjectPage(
        organisation=organisation,
        region=submission.network.region,
        contact_email=submission.contact_email,
        last_checked=timezone.localdate(),
        live=False,
    )
    _apply_project_answers(page, submission)
    index = ProjectIndexPage.objects.child_of(submission.network).get()
    page = index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def _project_update(submission, user):
    """A draft revision of the listing; publishing it follows the contact-change rules."""
    page = submission.project.get_latest_revision_as_object()
    _apply_project_answers(page, submission)
    if submission.details.get("become_contact"):
        page.contact_email = submission.contact_email
    page.save_revision(user=user, log_action=True)
    return submission.project


def _publish_new(index_model, submission, user, page):
    index = index_model.objects.child_of(submission.network).get()
    page = index.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def _resource(submission, user):
    details = submission.details
    if submission.document_id:
        publish_document(submission.document, submission.network)
    page = ResourcePage(
        title=submission.title,
        kind=details["resource_kind"],
        summary=submission.summary,
        description=_html(submission.description),
        document=submission.document,
        link=details.get("link") or "",
        contributed_by=submission.project,
    )
    page.topics = _topics(submission)
    return _publish_new(ResourceIndexPage, submission, user, page)


def _mentoring(submission, user):
    details = submission.details
    formats = set(details.get("formats") or [])
    page = MentoringPage(
        title=submission.title,
        kind=details["mentoring_kind"],
        summary=submission.summary,
        description=_html(submission.description),
        face_to_face="face_to_face" in formats,
        telephone="telephone" in formats,
        online="online" in formats,
        availability=details.get("availability") or "",
        project=submission.project,
        # The entry's contact receives its signed links and relayed messages.
        contact_email=submission.contact_email,
    )
    page.topics = _topics(submission)
    page = _publish_new(MentoringIndexPage, submission, user, page)
    if page.kind == MentoringKind.REQUEST:
        from .mentoring_links import send_choice_link

        send_choice_link(
            page, f"Your mentoring request is now on the {submission.network.title} page."
        )
    return page


def _event(submission, user):
    return _publish_new(EventIndexPage, submission, user, _event_from(submission))


BUILDERS = {
    Submission.Kind.EVENT: _event,
    Submission.Kind.RESOURCE: _resource,
    Submission.Kind.MENTORING: _mentoring,
}


@transaction.atomic
def approve(submission, user):
    """Create (or revise) the page in ``user``'s name; return it."""
    _check(user, submission)
    if submission.kind == Submission.Kind.PROJECT:
        builder = _project_update if submission.is_update else _new_project
    else:
        builder = BUILDERS[submission.kind]
    page = builder(submission, user)
    _decide(submission, user, Submission.Status.APPROVED, page=page)
    return page


@transaction.atomic
def reject(submission, user):
    _check(user, submission)
    if submission.document_id:
        # A refused upload is not kept for the purge: it may hold personal data.
        submission.document.delete()
        submission.document = None
    _decide(submission, user, Submission.Status.REJECTED)


def _decide(submission, user, status, page=None):
    submission.status = status
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.page = page
    if submission.kind == Submission.Kind.EVENT:
        submission.event_page = page
    # The contact address was only for questions about this submission.
    submission.contact_email = ""
    submission.save()
