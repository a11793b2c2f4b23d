"""The coordinators' submission queue in the admin: list, review, approve, reject."""

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from wagtail.admin.menu import MenuItem

from . import submissions
from .models import Submission


class SubmissionQueueMenuItem(MenuItem):
    """Shown only to people who can publish in at least one network."""

    def is_shown(self, request):
        return submissions.networks_moderated_by(request.user).exists()


def queue(request):
    return TemplateResponse(
        request,
        "networks/admin/queue.html",
        {"submissions": submissions.queue_for(request.user)},
    )


def detail(request, pk):
    submission = get_object_or_404(submissions.queue_for(request.user), pk=pk)
    return TemplateResponse(request, "networks/admin/detail.html", {"submission": submission})


@require_POST
def decide(request, pk, decision):
    if decision not in ("approve", "reject"):
        raise Http404
    submission = get_object_or_404(Submission, pk=pk)
    if decision == "approve":
        page = submissions.approve(submission, request.user)
        messages.success(request, f"“{page.title}” is published in {submission.network.title}.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    submissions.reject(submission, request.user)
    messages.success(request, f"“{submission.title}” was rejected.")
    return redirect(reverse("networks_submissions:queue"))


@require_POST
def toggle_digest(request):
    """The dashboard panel's switch for the weekly digest email."""
    from .models import CoordinatorDigest

    if not submissions.networks_moderated_by(request.user).exists():
        return HttpResponseForbidden("The weekly digest is for people who coordinate a network.")
    weekly = request.POST.get("weekly") == "on"
    CoordinatorDigest.objects.update_or_create(user=request.user, defaults={"weekly": weekly})
    if weekly:
        messages.success(request, "We will email you your networks' numbers every week.")
    else:
        messages.success(request, "You will no longer get the weekly digest.")
    return redirect("wagtailadmin_home")
