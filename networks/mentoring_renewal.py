"""Mentoring entries expire; two weeks before, their contact is asked to keep them open.

``MentoringRenewalJob`` emails each open entry's private contact a signed link
when it has 14 days or fewer left, and not again within 30 days. Renewing keeps
it open for another six months through ``renewed_until``, a field outside
revisions like a listing's freshness (``networks/freshness.py`` says why);
closing it unpublishes it.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from cms.plugins import PeriodicJob
from cms.privacy.links import NOT_A_CRISIS_SERVICE, LinkAction, link_url

from .choices import MentoringKind
from .models import MentoringPage
from .models.mentoring import default_expiry

ASK_WITHIN = timedelta(days=14)
ASK_AGAIN_AFTER = timedelta(days=30)
PURPOSE = "mentoring-still-open"

REQUEST_SUBJECT = "Keep “{title}” open on Peer Support Hub?"
REQUEST_TEXT = (
    "Your mentoring {kind} “{title}” stops showing on Peer Support Hub after "
    "{until:%-d %B %Y}.\n\n"
    "To keep it open for another six months, or to take it down now, use this link "
    "(it works once, for 7 days):\n{url}\n\n"
    "If you do nothing it simply stops showing; nothing is deleted.\n\n" + NOT_A_CRISIS_SERVICE
)


def entries_due(now):
    """Open entries ending within 14 days that someone can be asked about."""
    today = timezone.localdate(now)
    ending = today + ASK_WITHIN
    return (
        MentoringPage.objects.live()
        .open_on(today)
        .exclude(Q(expires_on__gt=ending) | Q(renewed_until__gt=ending))
        .filter(
            Q(renewal_requested_at__isnull=True) | Q(renewal_requested_at__lt=now - ASK_AGAIN_AFTER)
        )
        .select_related("project")
    )


def send_renewal_requests(now):
    """Email every entry due; returns how many were asked."""
    asked = 0
    for entry in entries_due(now):
        recipient = entry.relay_recipient
        if not recipient:
            continue
        send_mail(
            REQUEST_SUBJECT.format(title=entry.title),
            REQUEST_TEXT.format(
                kind=MentoringKind(entry.kind).label.lower(),
                title=entry.title,
                until=entry.open_until,
                url=link_url(PURPOSE, entry.pk, now=now),
            ),
            None,
            [recipient],
        )
        MentoringPage.objects.filter(pk=entry.pk).update(renewal_requested_at=now)
        asked += 1
    return asked


class MentoringRenewalJob(PeriodicJob):
    name = "networks-mentoring-renewal"
    description = "Ask mentoring contacts to keep their entry open two weeks before it ends."
    interval = timedelta(days=1)

    def run(self, now):
        return f"Asked {send_renewal_requests(now)} mentoring contact(s)."


class MentoringStillOpenAction(LinkAction):
    """The contact keeps the entry open for six more months, or takes it down."""

    purpose = PURPOSE
    title = "Keep your mentoring entry open?"
    choices = (
        ("renew", "Keep it open for six more months"),
        ("close", "Take it down now"),
    )

    def get_object(self, object_id):
        return MentoringPage.objects.live().filter(pk=object_id).first()

    def describe(self, entry):
        return {
            "intro": f"“{entry.title}” shows on Peer Support Hub until "
            f"{entry.open_until:%-d %B %Y}.",
            "rows": [
                ("Title", entry.title),
                ("Offer or request", MentoringKind(entry.kind).label),
                ("Summary", entry.summary),
                ("How", ", ".join(entry.formats)),
                ("Availability", entry.availability),
            ],
        }

    def perform(self, entry, choice):
        if choice == "close":
            entry.unpublish(log_action=True)
            return f"“{entry.title}” no longer shows on the site."
        until = default_expiry()
        MentoringPage.objects.filter(pk=entry.pk).update(
            renewed_until=until, renewal_requested_at=None
        )
        return f"Thank you. “{entry.title}” stays open until {until:%-d %B %Y}."
