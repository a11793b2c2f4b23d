"""A mentoring request's lifecycle, by single-use signed links (``cms.privacy.links``).

1. When a coordinator publishes a request, its contact gets a ``mentoring-request``
   link: the suggested offers, best first, with the reasons; a button asks one.
2. Asking creates a ``MentoringMatch`` and relays the request to that offer's
   contact with a ``mentoring-reply`` link: accept or decline.
3. Accepting closes the request (it leaves the network page) and relays the
   answer to the requester, with the mentor's address as Reply-To; declining
   relays that too, with a new ``mentoring-request`` link to ask someone else.
   A mentor who lets the reply link expire (7 days) is treated like a decline by
   ``MentoringUnansweredJob``: the requester is told and may ask someone else.
4. Either side marks it completed with its own ``mentoring-complete-*`` link
   (valid for 90 days, as mentoring takes a while); the other side is told.

Every message to the other side goes through the relay (``send_relayed``):
emailed, never stored, only the relay's metadata is kept.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from cms.plugins import PeriodicJob
from cms.privacy.links import (
    DEFAULT_MAX_AGE,
    NOT_A_CRISIS_SERVICE,
    LinkAction,
    MissingTarget,
    link_url,
)
from cms.privacy.relay import RelayTarget, send_relayed

from .choices import MentoringKind
from .matching import suggestions_for
from .models import MentoringMatch, MentoringPage

REQUEST_PURPOSE = "mentoring-request"
REPLY_PURPOSE = "mentoring-reply"
COMPLETE_PURPOSES = {
    "requester": "mentoring-complete-requester",
    "mentor": "mentoring-complete-mentor",
}
COMPLETION_LINK_AGE = timedelta(days=90)

CHOOSE_TEXT = (
    "{lead}\n\nSee the mentors we suggest for “{title}”, and why, and ask one of them "
    "(the link works once, for 7 days):\n{url}\n\n" + NOT_A_CRISIS_SERVICE
)
ASK_TEXT = (
    "{requester} asks whether you could mentor them, after seeing your offer “{offer}” "
    "on Peer Support Hub.\n\nWhat they need: {summary}\nTopics: {topics}\nHow: {formats}\n"
    "{availability}\nPlease accept or decline here (the link works once, for 7 days):\n{url}\n\n"
    "Reply to this email to ask them a question first."
)
ACCEPTED_TEXT = (
    "Good news: the mentor behind “{offer}” has accepted your request “{title}”. "
    "Reply to this email to arrange how you will meet.\n\n"
    "When the mentoring is over, please tell us here (the link works once, for 90 days):\n{url}"
)
MENTOR_ACCEPTED_TEXT = (
    "Thank you for accepting “{title}”. We have told them; they will be in touch.\n\n"
    "When the mentoring is over, please tell us here (the link works once, for 90 days):\n{url}\n\n"
    + NOT_A_CRISIS_SERVICE
)
DECLINED_TEXT = (
    "The mentor behind “{offer}” cannot help with “{title}” this time.\n\n"
    "Ask someone else here (the link works once, for 7 days):\n{url}"
)
UNANSWERED_TEXT = (
    "The mentor behind “{offer}” has not answered your request “{title}” within 7 days, "
    "so we have closed it.\n\n"
    "Ask someone else here (the link works once, for 7 days):\n{url}"
)
COMPLETED_TEXT = (
    "The mentoring between “{title}” and “{offer}” has been marked as completed by the "
    "{side}. Thank you for sharing what you know through your network."
)


def _misuse_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("report_misuse")


def relay(page, message, *, reply_to="", subject):
    """Email a mentoring entry's contact through the relay (nothing stored)."""
    target = RelayTarget(
        kind="mentoring",
        object_id=page.pk,
        name=page.title,
        recipient=page.relay_recipient,
        reply_time="",
        back_url=page.url or "",
        sent_url="",
        subject=subject,
    )
    send_relayed(target, reply_to, message, misuse_url=_misuse_url())


def send_choice_link(request_page, lead):
    """Email the requester a link to see the suggested mentors and ask one."""
    if not request_page.relay_recipient:
        return
    send_mail(
        f"Mentors for “{request_page.title}” on Peer Support Hub",
        CHOOSE_TEXT.format(
            lead=lead,
            title=request_page.title,
            url=link_url(REQUEST_PURPOSE, request_page.pk),
        ),
        None,
        [request_page.relay_recipient],
    )


def _entry_rows(page):
    return [
        ("Summary", page.summary),
        ("Topics", ", ".join(topic.name for topic in page.topics.all())),
        ("How", ", ".join(page.formats).capitalize()),
        ("Availability", page.availability),
    ]


def _open_request(pk):
    return (
        MentoringPage.objects.open()
        .filter(pk=pk, kind=MentoringKind.REQUEST)
        .select_related("project")
        .first()
    )


class MentoringRequestAction(LinkAction):
    """The requester sees the suggested offers, with the reasons, and asks one."""

    purpose = REQUEST_PURPOSE
    title = "Choose a mentor"

    def get_object(self, object_id):
        return _open_request(object_id)

    def _suggestions(self, request_page):
        # Read once per request: the buttons, the page and the action all use them.
        if not hasattr(request_page, "_suggestions"):
            asked = request_page.matches_as_request.values_list("offer_id", flat=True)
            request_page._suggestions = [
                s
                for s in suggestions_for(request_page, exclude=list(asked))
                if s.page.relay_recipient
            ]
        return request_page._suggestions

    def choices_for(self, request_page):
        return [
            (f"ask-{s.page.pk}", f"Ask “{s.page.title}”") for s in self._suggestions(request_page)
        ]

    def describe(self, request_page):
        suggestions = self._suggestions(request_page)
        if not suggestions:
            intro = (
                f"No open offer fits “{request_page.title}” yet. Your request stays on the "
                "network page; the coordinator will let you know when an offer fits."
            )
            return {"intro": intro, "rows": _entry_rows(request_page)}
        rows = [
            (
                f"{n}. {s.page.title}",
                "\n".join(
                    [
                        s.page.summary,
                        *s.reasons,
                        f"Availability: {s.page.availability or 'not given'}",
                    ]
                ),
            )
            for n, s in enumerate(suggestions, 1)
        ]
        return {
            "intro": (
                f"These open offers fit your request “{request_page.title}”, best first. "
                "Asking one sends them your request and your email address, so they can reply."
            ),
            "rows": rows,
            "choices_heading": "Ask one mentor",
        }

    def perform(self, request_page, choice):
        offer = next(
            (s.page for s in self._suggestions(request_page) if f"ask-{s.page.pk}" == choice),
            None,
        )
        if offer is None:
            # The offer closed or expired since the page was shown.
            raise MissingTarget
        match = MentoringMatch.objects.create(request=request_page, offer=offer)
        relay(
            offer,
            ASK_TEXT.format(
                requester=request_page.project.title
                if request_page.project_id
                else "A peer support group",
                offer=offer.title,
                summary=request_page.summary,
                topics=", ".join(topic.name for topic in request_page.topics.all()),
                formats=", ".join(request_page.formats),
                availability=f"Availability: {request_page.availability}\n"
                if request_page.availability
                else "",
                url=link_url(REPLY_PURPOSE, match.pk),
            ),
            reply_to=request_page.relay_recipient,
            subject=f"A mentoring request for “{offer.title}”",
        )
        return f"We have sent your request to “{offer.title}”. We will email you their answer."


class MentoringReplyAction(LinkAction):
    """The mentor accepts or declines a request made to their offer."""

    purpose = REPLY_PURPOSE
    title = "A request for mentoring"
    choices = (("accept", "Accept"), ("decline", "Decline"))

    def get_object(self, object_id):
        match = (
            MentoringMatch.objects.filter(pk=object_id, status=MentoringMatch.Status.REQUESTED)
            .select_related("request__project", "offer")
            .first()
        )
        # A request another mentor accepted meanwhile is no longer open.
        return match if match and _open_request(match.request_id) else None

    def describe(self, match):
        return {
            "intro": f"A peer support group asks you to mentor them, after seeing “{match.offer.title}”.",
            "rows": [("Request", match.request.title), *_entry_rows(match.request)],
        }

    def perform(self, match, choice):
        match.status = (
            MentoringMatch.Status.ACCEPTED if choice == "accept" else MentoringMatch.Status.DECLINED
        )
        match.answered_at = timezone.now()
        match.save(update_fields=["status", "answered_at"])
        request_page, offer = match.request, match.offer
        if choice == "decline":
            relay(
                request_page,
                DECLINED_TEXT.format(
                    offer=offer.title,
                    title=request_page.title,
                    url=link_url(REQUEST_PURPOSE, request_page.pk),
                ),
                subject=f"About your mentoring request “{request_page.title}”",
            )
            return "Thank you for letting us know. We have told them and suggested other mentors."
        relay(
            request_page,
            ACCEPTED_TEXT.format(
                offer=offer.title,
                title=request_page.title,
                url=link_url(COMPLETE_PURPOSES["requester"], match.pk, max_age=COMPLETION_LINK_AGE),
            ),
            reply_to=offer.relay_recipient,
            subject=f"A mentor has accepted “{request_page.title}”",
        )
        send_mail(
            f"You are mentoring “{request_page.title}”",
            MENTOR_ACCEPTED_TEXT.format(
                title=request_page.title,
                url=link_url(COMPLETE_PURPOSES["mentor"], match.pk, max_age=COMPLETION_LINK_AGE),
            ),
            None,
            [offer.relay_recipient],
        )
        return "Thank you. We have told them and passed on your email address so they can reply."


class MentoringCompleteAction(LinkAction):
    """One side marks accepted mentoring as completed; the other side is told."""

    side = "requester"
    title = "Is the mentoring completed?"
    choices = (("complete", "Yes, it is completed"),)

    @property
    def purpose(self):
        return COMPLETE_PURPOSES[self.side]

    def get_object(self, object_id):
        return (
            MentoringMatch.objects.filter(
                pk=object_id,
                status__in=[MentoringMatch.Status.ACCEPTED, MentoringMatch.Status.COMPLETED],
            )
            .select_related("request", "offer")
            .first()
        )

    def describe(self, match):
        if match.status == MentoringMatch.Status.COMPLETED:
            return {"intro": "The other side has already marked this mentoring as completed."}
        return {
            "intro": f"“{match.offer.title}” agreed to mentor “{match.request.title}”. Is it over?",
        }

    def perform(self, match, choice):
        if match.status == MentoringMatch.Status.COMPLETED:
            return "It was already marked as completed. Thank you."
        match.status = MentoringMatch.Status.COMPLETED
        match.completed_at = timezone.now()
        match.save(update_fields=["status", "completed_at"])
        other = match.offer if self.side == "requester" else match.request
        relay(
            other,
            COMPLETED_TEXT.format(
                title=match.request.title,
                offer=match.offer.title,
                side="group that asked" if self.side == "requester" else "mentor",
            ),
            subject="Mentoring completed",
        )
        return "Thank you. We have marked the mentoring as completed and told the other side."


class MentorCompleteAction(MentoringCompleteAction):
    side = "mentor"


def close_unanswered(now):
    """Close requests whose mentor let the reply link expire; tell each requester."""
    stale = MentoringMatch.objects.filter(
        status=MentoringMatch.Status.REQUESTED, created_at__lt=now - DEFAULT_MAX_AGE
    ).select_related("request__project", "offer")
    closed = 0
    for match in stale:
        match.status = MentoringMatch.Status.UNANSWERED
        match.answered_at = now
        match.save(update_fields=["status", "answered_at"])
        request_page = match.request
        if _open_request(request_page.pk) and request_page.relay_recipient:
            relay(
                request_page,
                UNANSWERED_TEXT.format(
                    offer=match.offer.title,
                    title=request_page.title,
                    url=link_url(REQUEST_PURPOSE, request_page.pk, now=now),
                ),
                subject=f"About your mentoring request “{request_page.title}”",
            )
        closed += 1
    return closed


class MentoringUnansweredJob(PeriodicJob):
    name = "networks-mentoring-unanswered"
    description = "Close mentoring requests a mentor did not answer within 7 days."
    interval = timedelta(days=1)

    def run(self, now):
        return f"Closed {close_unanswered(now)} unanswered mentoring request(s)."
