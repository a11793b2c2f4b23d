"""Erasing a listing everywhere: the page, its copies and aliases, and their traces
(``cms.privacy.erasure``), their catalogue entries (the outbox carries the delete
to the engine), any submission that points at them, and the files they brought:
a resource's document (in any revision) and a submission's upload, unless
another page still uses the document (then it is kept and the report says so).
Moderators reach it from the page's header in the admin; only people who can
publish every page it would erase may erase it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.widgets import Button
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, Revision

from cms.privacy.erasure import ErasureReport, erase_pages, pages_to_erase
from search.sync import remove_entry, sources_for

from .models import EventPage, MentoringPage, ProjectPage, ResourcePage, Submission

LISTING_MODELS = (ProjectPage, EventPage, MentoringPage, ResourcePage)
# Relay metadata points at these pages by id.
RELAY_KINDS = ("project", "mentoring")


def can_erase(user, page):
    return isinstance(page, LISTING_MODELS) and page.permissions_for_user(user).can_publish()


def out_of_reach(user, pages):
    """The pages (copies or aliases elsewhere) ``user`` may not publish, so not erase."""
    return [each for each in pages if not each.permissions_for_user(user).can_publish()]


def _document_links(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and issubclass(field.related_model, get_document_model())
    ]


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


def _documents_brought_by(pages, submissions):
    """Ids of the resources' documents (now or in any revision) and the submissions' uploads."""
    resources = [each for each in pages if isinstance(each, ResourcePage)]
    ids = {each.document_id for each in resources}
    revisions = Revision.page_revisions.filter(object_id__in=[str(each.pk) for each in resources])
    ids |= {content.get("document") for content in revisions.values_list("content", flat=True)}
    for name in _document_links(Submission):
        ids |= set(submissions.values_list(name, flat=True))
    return ids - {None}


def _erase_documents(ids, report):
    """Delete the documents no remaining page uses; their files go after the commit
    (Wagtail's ``post_delete`` handler). Documents still in use are named in the report."""
    document_model = get_document_model()
    for document in document_model.objects.filter(pk__in=ids).order_by("pk"):
        used = ResourcePage.objects.filter(document=document).exists()
        if used or ReferenceIndex.get_references_to(document).exists():
            report.notes.append(f"kept the document “{document.title}”: another page uses it")
            continue
        document.delete()
        report.add("documents and their files", 1)


@transaction.atomic
def erase_listing(page):
    """Erase ``page``, everything under it, its copies and aliases; returns an ``ErasureReport``."""
    pages = pages_to_erase(page)
    report = ErasureReport()
    for each in pages:
        for source in sources_for(each):
            report.add("catalogue entries", int(remove_entry(source.kind, each.pk)))
    submissions = _submissions_pointing_at([p.pk for p in pages])
    documents = _documents_brought_by(pages, submissions)
    report.add("submissions", submissions.delete()[0])
    erase_pages(pages, relay_kinds=RELAY_KINDS, report=report)
    _erase_documents(documents, report)
    return report


def erase_view(request, page_id):
    """GET: what will go and a confirm button. POST: erase, then report what went."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, LISTING_MODELS):
        raise Http404("Only listings can be erased here.")
    if not can_erase(request.user, page):
        raise PermissionDenied
    pages = pages_to_erase(page)
    blocked = out_of_reach(request.user, pages)
    if request.method == "POST" and not blocked:
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
        {"page": page, "pages": pages, "blocked": blocked},
        status=403 if blocked and request.method == "POST" else 200,
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
