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
        from .reports import moderates_a_network

        return moderates_a_network(request)


def queue(request):
    return TemplateResponse(
        request,
        "networks/admin/queue.html",
        {"submissions": submissions.queue_for(request.user)},
    )


def detail(request, pk):
    submission = get_object_or_404(submissions.queue_for(request.user), pk=pk)
    context = {"submission": submission, "rows": submission_rows(submission)}
    return TemplateResponse(request, "networks/admin/detail.html", context)


def _shown(field, value):
    """A stored answer as the coordinator should read it."""
    if isinstance(value, bool):
        return "Yes" if value else ""
    if isinstance(value, list):
        if hasattr(field, "queryset"):
            return ", ".join(str(obj) for obj in field.queryset.model.objects.filter(pk__in=value))
        return ", ".join(str(dict(field.choices).get(v, v)) for v in value)
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(value, value or ""))


def submission_rows(submission):
    """``(label, value)`` pairs of a submission other than an event, for the review page."""
    from .views import SUBMISSION_FORMS

    if submission.kind == Submission.Kind.EVENT:
        return []
    fields = SUBMISSION_FORMS[submission.kind].form_class.base_fields
    rows = [
        (fields[name].label, getattr(submission, name))
        for name in ("title", "organiser", "summary", "description")
    ]
    if submission.project_id:
        rows.append(("Listing", submission.project.title))
    if submission.postcode:
        rows.append(
            (
                "Where",
                f"{submission.venue_name} {submission.address} {submission.postcode} "
                f"({submission.get_venue_visibility_display()})",
            )
        )
    rows += [
        (fields[name].label, _shown(fields[name], value))
        for name, value in submission.details.items()
        if name in fields
    ]
    return [(str(label), value) for label, value in rows if value]


@require_POST
def decide(request, pk, decision):
    if decision not in ("approve", "reject"):
        raise Http404
    submission = get_object_or_404(Submission, pk=pk)
    if decision == "approve":
        page = submissions.approve(submission, request.user)
        if submission.kind == Submission.Kind.PROJECT:
            messages.success(request, f"“{page.title}” has a draft to check and publish.")
        else:
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
