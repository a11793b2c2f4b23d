"""The contact relay: a message to someone whose address is never published.

The message is emailed to the private address with the sender's address as
Reply-To, and is not stored. A ``RelayRecord`` keeps only the target, the time
and a keyed hash of the sender (to spot misuse), for 90 days. Apps describe a
target with :class:`RelayTarget` and call :func:`relay_form_view`.
"""

import hashlib
import hmac
from dataclasses import dataclass
from email.utils import parseaddr

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from cms.crisis import built_in_signposting
from cms.models import CrisisSignposting, RelayRecord, SiteContactSettings

from .notice import privacy_notice_url
from .ratelimit import exceeded

# Per client address across every relay form, and per recipient: enough for
# people, too few for a script or a campaign against one group.
PER_CLIENT = {"limit": 5, "period": 60 * 60}
PER_RECIPIENT = {"limit": 10, "period": 24 * 60 * 60}

MESSAGE_PREAMBLE = (
    "This message was sent to you through Peer Support Hub's contact form about {name}. "
    "We have not kept it. Reply to this email to answer the sender directly; "
    "they will then see your address.\n"
    "To report misuse of the form: {misuse_url}\n"
    "----------------------------------------------------------------\n\n"
)


@dataclass
class RelayTarget:
    """Who a relay form reaches. ``recipient`` is private and never rendered."""

    kind: str
    object_id: int | None
    name: str
    recipient: str
    reply_time: str
    back_url: str
    sent_url: str
    subject: str = ""


class RelayForm(forms.Form):
    """The sender's reply address, the message, consent, and a honeypot."""

    reply_to = forms.EmailField(
        label="Your email address",
        help_text="So they can reply to you. We pass it on with your message and do not keep it.",
    )
    message = forms.CharField(
        label="Your message", max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    consent = forms.BooleanField(
        label="I agree that the hub passes my message and email address on",
        help_text=(
            "Your message may say something about your health. We send it on and do not keep it."
        ),
    )
    # A honeypot: hidden from people (the `hidden` attribute), filled by bots.
    website = forms.CharField(required=False, label="Leave this empty")

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def relayed_text(self):
        return self.cleaned_data["message"]


class MisuseReportForm(RelayForm):
    """“Report misuse”: what happened, relayed to the team running the site."""

    about = forms.CharField(
        label="Which page or message is it about?", max_length=300, required=False
    )

    field_order = ["about", "message", "reply_to", "consent", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = "What happened"
        self.fields["reply_to"].required = False
        self.fields["reply_to"].help_text = "Only if you would like a reply. We do not keep it."

    def relayed_text(self):
        return f"About: {self.cleaned_data['about'] or '(not given)'}\n\n{self.cleaned_data['message']}"


def sender_hash(email):
    """A keyed hash of the sender's address: the same sender is recognisable, not readable."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def send_relayed(target, reply_to, message, *, misuse_url, now=None):
    """Email ``message`` to the target and record only the metadata."""
    body = MESSAGE_PREAMBLE.format(name=target.name, misuse_url=misuse_url) + message
    EmailMessage(
        subject=target.subject or f"A message about {target.name} from Peer Support Hub",
        body=body,
        to=[target.recipient],
        reply_to=[reply_to] if reply_to else None,
    ).send()
    RelayRecord.objects.create(
        target_kind=target.kind,
        target_id=target.object_id,
        sent_at=now or timezone.now(),
        sender_hash=sender_hash(reply_to),
    )


def crisis_context(request):
    """The crisis lines as the banner shows them, or the built-in ones without a database."""
    try:
        return CrisisSignposting.for_request(request).as_context()
    except DatabaseError:
        return built_in_signposting()


def relay_form_view(request, target, *, misuse_url, form_class=RelayForm):
    """GET shows the form; a valid POST relays the message and redirects to ``sent_url``."""
    form = form_class(request.POST or None, initial=request.GET.dict())
    context = {
        "target": target,
        "form": form,
        "crisis": crisis_context(request),
        "privacy_url": privacy_notice_url(request),
        "misuse_url": misuse_url,
    }
    if request.method == "POST":
        if exceeded("relay-client", request.META.get("REMOTE_ADDR", ""), **PER_CLIENT):
            return TemplateResponse(request, "cms/privacy/relay_limited.html", context, status=429)
        if form.is_bot:
            # Look like success; send and keep nothing.
            return redirect(target.sent_url)
        if form.is_valid():
            if exceeded("relay-recipient", f"{target.kind}:{target.object_id}", **PER_RECIPIENT):
                return TemplateResponse(
                    request, "cms/privacy/relay_limited.html", context, status=429
                )
            absolute_misuse_url = request.build_absolute_uri(misuse_url)
            send_relayed(
                target,
                form.cleaned_data["reply_to"],
                form.relayed_text(),
                misuse_url=absolute_misuse_url,
            )
            return redirect(target.sent_url)
    status = 400 if form.errors else 200
    return TemplateResponse(request, "cms/privacy/relay_form.html", context, status=status)


def relay_sent_view(request, target):
    return TemplateResponse(request, "cms/privacy/relay_sent.html", {"target": target})


def misuse_target(request):
    """The team running the site, reached like any other relay target."""
    contact = SiteContactSettings.for_request(request).contact_email
    return RelayTarget(
        kind="misuse",
        object_id=None,
        name="the Peer Support Hub team",
        recipient=contact or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        reply_time="We read reports within 2 working days.",
        back_url="/",
        sent_url=reverse("report_misuse_sent"),
        subject="A report of misuse on Peer Support Hub",
    )


def report_misuse(request):
    target = misuse_target(request)
    return relay_form_view(
        request, target, misuse_url=reverse("report_misuse"), form_class=MisuseReportForm
    )


def report_misuse_sent(request):
    return relay_sent_view(request, misuse_target(request))
