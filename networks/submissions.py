"""The public submission queue: who may decide, approval into a page, rejection.

A submission never becomes a page by itself. A coordinator of its network (or
a National moderator) approves it; the event page is created, and published,
in their name.
"""

import contextlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks

from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.geocoding import GeocodeError

from .location import locate
from .models import EventIndexPage, EventOccurrence, EventPage, NetworkPage, Submission


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


@transaction.atomic
def approve(submission, user):
    """Create and publish the event in ``user``'s name; return the page."""
    _check(user, submission)
    index = EventIndexPage.objects.child_of(submission.network).get()
    page = index.add_child(instance=_event_from(submission))
    page.save_revision(user=user, log_action=True).publish(user=user)
    _decide(submission, user, Submission.Status.APPROVED, event_page=page)
    return page


@transaction.atomic
def reject(submission, user):
    _check(user, submission)
    _decide(submission, user, Submission.Status.REJECTED)


def _decide(submission, user, status, event_page=None):
    submission.status = status
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.event_page = event_page
    # The contact address was only for questions about this submission.
    submission.contact_email = ""
    submission.save()
