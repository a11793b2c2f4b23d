"""Relay contact forms for a project, a network coordinator and a mentoring entry.

Each target's private address is looked up here and handed to the core relay
(``cms.privacy.relay``); it never reaches a template. A target that is not
live, or has no private address, is a 404.
"""

from django.http import Http404
from django.urls import reverse

from cms.privacy.relay import RelayTarget, relay_form_view, relay_sent_view

from .models import MentoringPage, NetworkCoordinator, ProjectPage

GROUP_REPLY_TIME = "Groups are often run by volunteers; most reply within a week."
COORDINATOR_REPLY_TIME = "Coordinators usually reply within five working days."


def _project_target(pk):
    project = ProjectPage.objects.live().public().exclude(contact_email="").filter(pk=pk).first()
    if project is None:
        raise Http404("This project cannot be contacted through the site.")
    return RelayTarget(
        kind="project",
        object_id=project.pk,
        name=project.title,
        recipient=project.contact_email,
        reply_time=GROUP_REPLY_TIME,
        back_url=project.url,
        sent_url=reverse("relay_project_sent", args=[project.pk]),
    )


def _coordinator_target(pk):
    coordinator = (
        NetworkCoordinator.objects.filter(pk=pk, page__live=True).select_related("page").first()
    )
    if coordinator is None:
        raise Http404("No such coordinator.")
    network = coordinator.page
    return RelayTarget(
        kind="coordinator",
        object_id=coordinator.pk,
        name=f"the {coordinator.role_title.lower()} of {network.title}",
        recipient=coordinator.relay_email,
        reply_time=COORDINATOR_REPLY_TIME,
        back_url=network.url,
        sent_url=reverse("relay_coordinator_sent", args=[coordinator.pk]),
    )


def _mentoring_target(pk):
    entry = MentoringPage.objects.open().filter(pk=pk).first()
    recipient = entry and (entry.contact_email or (entry.project and entry.project.contact_email))
    if not recipient:
        raise Http404("This mentoring entry cannot be contacted through the site.")
    return RelayTarget(
        kind="mentoring",
        object_id=entry.pk,
        name=entry.title,
        recipient=recipient,
        reply_time=GROUP_REPLY_TIME,
        back_url=entry.url,
        sent_url=reverse("relay_mentoring_sent", args=[entry.pk]),
    )


TARGETS = {
    "project": _project_target,
    "coordinator": _coordinator_target,
    "mentoring": _mentoring_target,
}


def relay_form(request, kind, pk):
    return relay_form_view(request, TARGETS[kind](pk), misuse_url=reverse("report_misuse"))


def relay_sent(request, kind, pk):
    return relay_sent_view(request, TARGETS[kind](pk))
