"""Erasing a listing everywhere: the page and its traces (``cms.privacy.erasure``),
its catalogue entries (the outbox carries the delete to the engine) and any
submission that points at it. Moderators reach it from the page's header in the
admin; only people who can publish the page may erase it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.widgets import Button
from wagtail.models import Page

from cms.privacy.erasure import ErasureReport, erase_pages, pages_to_erase
from search.sync import remove_entry, sources_for

from .models import EventPage, MentoringPage, ProjectPage, ResourcePage, Submission

LISTING_MODELS = (ProjectPage, EventPage, MentoringPage, ResourcePage)
# Relay metadata points at these pages by id.
RELAY_KINDS = ("project", "mentoring")


def can_erase(user, page):
    return isinstance(page, LISTING_MODELS) and page.permissions_for_user(user).can_publish()


def _submissions_pointing_at(ids):
    """Submissions with any link to one of the pages, whatever the field is called."""
    links = [
        field.name
        for field in Submission._meta.get_fields()
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, Page)
    ]
    query = models.Q()
    for name in links:
        query |= models.Q(**{f"{name}__in": ids})
    return Submission.objects.filter(query) if links else Submission.objects.none()


@transaction.atomic
def erase_listing(page):
    """Erase ``page`` and everything under it; returns an ``ErasureReport``."""
    pages = pages_to_erase(page)
    report = ErasureReport()
    for each in pages:
        for source in sources_for(each):
            report.add("catalogue entries", int(remove_entry(source.kind, each.pk)))
    report.add("submissions", _submissions_pointing_at([p.pk for p in pages]).delete()[0])
    return erase_pages(pages, relay_kinds=RELAY_KINDS, report=report)


def erase_view(request, page_id):
    """GET: what will go and a confirm button. POST: erase, then report what went."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, LISTING_MODELS):
        raise Http404("Only listings can be erased here.")
    if not can_erase(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        parent_id = page.get_parent().pk
        report = erase_listing(page)
        messages.success(request, f"Erased “{page.title}”: " + "; ".join(report.lines()) + ".")
        return TemplateResponse(
            request,
            "networks/admin/erased.html",
            {"report": report, "explore_url": reverse("wagtailadmin_explore", args=[parent_id])},
        )
    return TemplateResponse(
        request,
        "networks/admin/erase_confirm.html",
        {"page": page, "pages": pages_to_erase(page)},
    )


def erase_button(page, user, view_name, next_url=None):
    """“Erase everywhere” in a listing's admin header, for people who may erase it."""
    if view_name == "edit" and can_erase(user, page.specific):
        yield Button(
            "Erase everywhere",
            reverse("networks_erase", args=[page.pk]),
            icon_name="bin",
            priority=90,
        )
