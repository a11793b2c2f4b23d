"""Freshness: a year after a listing was last checked, ask its contact “is this still right?”.

``FreshnessJob`` emails each live project's private contact a signed link once
``last_checked`` is 12 months old, and not again within 30 days. Confirming
sets ``last_checked`` to today directly on the page row, without a new
revision: the listing's content has not changed, a system revision would put
a stranger's name in the history and could publish someone's pending draft,
and ``ProjectPage.with_content_json`` keeps the newer date when an older
revision is published later.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from cms.plugins import PeriodicJob
from cms.privacy.links import NOT_A_CRISIS_SERVICE, LinkAction, link_url

from .models import ProjectPage

CHECK_AFTER = timedelta(days=365)
ASK_AGAIN_AFTER = timedelta(days=30)
PURPOSE = "listing-still-right"

REQUEST_SUBJECT = "Is {title} still right on Peer Support Hub?"
REQUEST_TEXT = (
    "Peer Support Hub lists {title}. Nobody has confirmed the listing since {checked:%-d %B %Y}.\n\n"
    "Please look at it and tell us whether it is still right (the link works once, for 7 days):\n"
    "{url}\n\n"
    "If something has changed, reply to the network coordinator through the listing's "
    "network page. Listings nobody confirms for 18 months are marked “may be out of date” "
    "and leave the map.\n\n" + NOT_A_CRISIS_SERVICE
)


def listings_due(now):
    """Live projects with a private contact, unchecked for a year, not asked in 30 days."""
    return (
        ProjectPage.objects.live()
        .exclude(contact_email="")
        .filter(last_checked__lte=timezone.localdate(now) - CHECK_AFTER)
        .filter(
            Q(freshness_requested_at__isnull=True)
            | Q(freshness_requested_at__lt=now - ASK_AGAIN_AFTER)
        )
        .only("pk", "title", "contact_email", "last_checked")
    )


def send_freshness_requests(now):
    """Email every listing due; returns how many were asked."""
    asked = 0
    for project in listings_due(now).iterator():
        send_mail(
            REQUEST_SUBJECT.format(title=project.title),
            REQUEST_TEXT.format(
                title=project.title,
                checked=project.last_checked,
                url=link_url(PURPOSE, project.pk, now=now),
            ),
            None,
            [project.contact_email],
        )
        ProjectPage.objects.filter(pk=project.pk).update(freshness_requested_at=now)
        asked += 1
    return asked


class FreshnessJob(PeriodicJob):
    name = "networks-freshness"
    description = "Ask listings' contacts “is this still right?” a year after the last check."
    interval = timedelta(days=1)

    def run(self, now):
        return f"Asked {send_freshness_requests(now)} listing contact(s)."


class ListingStillRightAction(LinkAction):
    """The contact confirms the listing is still right; ``last_checked`` becomes today."""

    purpose = PURPOSE
    title = "Is this listing still right?"
    choices = (("confirm", "Yes, it is still right"),)

    def get_object(self, object_id):
        return (
            ProjectPage.objects.live().filter(pk=object_id).select_related("organisation").first()
        )

    def describe(self, project):
        contact = project.contact
        return {
            "intro": (
                f"This is what Peer Support Hub shows about {project.title}. If something has "
                "changed, do not confirm: contact the network coordinator from the listing's "
                "network page."
            ),
            "rows": [
                ("Name", project.title),
                ("Run by", project.organisation.name),
                ("Summary", project.summary),
                ("How to join", project.get_how_to_join_display()),
                ("Open to new members", "Yes" if project.open_to_new_members else "No"),
                ("When", project.meeting_times),
                ("Area", project.area_label),
                ("Public email", contact["email"]),
                ("Public phone", contact["phone"]),
                ("Website", contact["url"]),
            ],
        }

    def perform(self, project, choice):
        from search.sync import sync_instance

        ProjectPage.objects.filter(pk=project.pk).update(
            last_checked=timezone.localdate(), freshness_requested_at=None
        )
        project.refresh_from_db()
        # A listing that was stale comes back on the map and in the catalogue.
        sync_instance(project)
        return f"Thank you. {project.title} now shows it was checked today."
