"""The public "post an event" form on a network page, and its confirmation."""

from django.core.mail import send_mail
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from cms.models import SiteContactSettings

from .forms import EventSubmissionForm
from .ratelimit import exceeded

# Per client address across all networks, and per contact address: enough for a
# busy group, too few for a script.
PER_IP = {"limit": 5, "period": 60 * 60}
PER_RECIPIENT = {"limit": 3, "period": 24 * 60 * 60}

CONFIRMATION_SUBJECT = "We have received your event"
CONFIRMATION_TEXT = (
    "Thank you for sending an event to the {network} network on Peer Support Hub.\n\n"
    "A coordinator will look at it, usually within a week. If it is approved it will "
    "appear on the network's page. We may email this address if we have a question.\n\n"
    "This mailbox is not monitored for support. Peer Support Hub is not a crisis "
    "service: if you need help now, call 999, NHS 111 (option 2) or Samaritans on 116 123."
)


def _privacy_url(request):
    settings = SiteContactSettings.for_request(request)
    return settings.privacy_notice.url if settings.privacy_notice_id else "/privacy-notice/"


def submit_event(network, request):
    """GET shows the form; POST queues a valid submission for the network's coordinators."""
    form = EventSubmissionForm(request.POST or None)
    context = {"page": network, "form": form, "privacy_url": _privacy_url(request)}
    if request.method == "POST":
        if exceeded("ip", request.META.get("REMOTE_ADDR", ""), **PER_IP):
            return TemplateResponse(request, "networks/rate_limited.html", context, status=429)
        if form.is_bot:
            # Look like success, store nothing, send nothing.
            return redirect(network.url + "submit-event/thanks/")
        if form.is_valid():
            email = form.cleaned_data["contact_email"].lower()
            if exceeded("recipient", email, **PER_RECIPIENT):
                return TemplateResponse(request, "networks/rate_limited.html", context, status=429)
            submission = form.save(commit=False)
            submission.network = network
            submission.save()
            send_mail(
                CONFIRMATION_SUBJECT,
                CONFIRMATION_TEXT.format(network=network.title),
                None,
                [email],
            )
            return redirect(network.url + "submit-event/thanks/")
    return TemplateResponse(request, "networks/submit_event.html", context)


def submit_event_thanks(network, request):
    return TemplateResponse(request, "networks/submit_event_thanks.html", {"page": network})
