"""The networks' views: the directory (list or map), maps' data, and the public
submission forms on a network page ("post an event", "add or update our
project", "share a resource", "offer or request mentoring") with their
confirmations."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from cms.privacy.notice import privacy_notice_url
from cms.privacy.ratelimit import exceeded

from .forms import EventSubmissionForm
from .submission_forms import (
    MentoringSubmissionForm,
    ProjectSubmissionForm,
    ResourceSubmissionForm,
)
from .uploads import store_private

# Per client address across all networks, and per contact address: enough for a
# busy group, too few for a script.
PER_IP = {"limit": 5, "period": 60 * 60}
PER_RECIPIENT = {"limit": 3, "period": 24 * 60 * 60}

CONFIRMATION_SUBJECT = "We have received your {what}"
CONFIRMATION_TEXT = (
    "Thank you for sending {a_what} to the {network} network on Peer Support Hub.\n\n"
    "A coordinator will look at it, usually within a week. If it is approved it will "
    "appear on the network's page. We may email this address if we have a question.\n\n"
    "This mailbox is not monitored for support. Peer Support Hub is not a crisis "
    "service: if you need help now, call 999, NHS 111 (option 2) or Samaritans on 116 123."
)


def map_settings():
    """What a map's markup needs besides its data URL (see docs/frontend.md)."""
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def directory(index, request):
    """The national directory: the list, or with ``?view=map`` a map above the same list.

    The list is the default and the map's equivalent; the map shows every
    mappable project the filters match, the list twenty a page.
    """
    from .directory import DIRECTORY_PAGE_SIZE, NetworkDirectoryFilterForm, page_of
    from .models import ProjectPage

    form = NetworkDirectoryFilterForm(request.GET or None)
    projects = form.filter(ProjectPage.objects.directory())
    page_obj = page_of(projects, request, DIRECTORY_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("view", None)
    view_mode = "map" if request.GET.get("view") == "map" and not form.errors else "list"
    context = {
        "form": form,
        "page_obj": page_obj,
        "projects": page_obj,
        "view_mode": view_mode,
        "query_string": query.urlencode(),
        **(map_settings() if view_mode == "map" else {}),
    }
    return index.render(request, context_overrides=context, template="networks/directory.html")


def directory_geojson(index, request):
    """The directory's mappable projects as GeoJSON, privacy-reduced, for a map.

    Honours the same filters as the list; an invalid filter is a 400.
    """
    from .directory import NetworkDirectoryFilterForm
    from .geojson import projects_response
    from .models import ProjectPage

    form = NetworkDirectoryFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest("Invalid filter.")
    return projects_response(form.filter(ProjectPage.objects.directory()))


def networks_geojson(index, request):
    """The regional networks at their regions' centres, with their project counts."""
    from .geojson import networks_response
    from .models import ProjectPage

    networks = list(index.networks())
    return networks_response(networks, ProjectPage.objects.live().public().descendant_of(index))


def project_geojson(project, request):
    """One project at its public point (none if it is never mapped)."""
    from .geojson import projects_response

    return projects_response([project])


@dataclass(frozen=True)
class SubmissionForm:
    """One public form on a network page: its form class, wording and route."""

    form_class: type
    what: str
    heading: str
    button: str

    @property
    def a_what(self):
        return f"an {self.what}" if self.what[0] in "aeiou" else f"a {self.what}"


SUBMISSION_FORMS = {
    "event": SubmissionForm(EventSubmissionForm, "event", "Post an event", "Send the event"),
    "project": SubmissionForm(
        ProjectSubmissionForm, "project listing", "Add or update your project", "Send the listing"
    ),
    "resource": SubmissionForm(
        ResourceSubmissionForm, "resource", "Share a resource", "Send the resource"
    ),
    "mentoring": SubmissionForm(
        MentoringSubmissionForm,
        "mentoring offer or request",
        "Offer or ask for mentoring",
        "Send it",
    ),
}


def submit(network, request, kind):
    """GET shows the form; POST queues a valid submission for the network's coordinators."""
    spec = SUBMISSION_FORMS.get(kind)
    if spec is None:
        raise Http404("No such form.")
    thanks_url = f"{network.url}submit-{kind}/thanks/"
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = spec.form_class(data, files, network=network)
    context = {
        "page": network,
        "form": form,
        "spec": spec,
        "kind": kind,
        "privacy_url": privacy_notice_url(request),
    }
    template = "networks/submit_event.html" if kind == "event" else "networks/submit.html"
    if request.method == "POST":
        if exceeded("ip", request.META.get("REMOTE_ADDR", ""), **PER_IP):
            return TemplateResponse(request, "networks/rate_limited.html", context, status=429)
        if form.is_bot:
            # Look like success, store nothing, send nothing.
            return redirect(thanks_url)
        if form.is_valid():
            email = form.cleaned_data["contact_email"].lower()
            if exceeded("recipient", email, **PER_RECIPIENT):
                return TemplateResponse(request, "networks/rate_limited.html", context, status=429)
            submission = form.save(commit=False)
            submission.network = network
            if form.cleaned_data.get("upload"):
                submission.document = store_private(form.cleaned_data["upload"], submission.title)
            submission.save()
            send_mail(
                CONFIRMATION_SUBJECT.format(what=spec.what),
                CONFIRMATION_TEXT.format(a_what=spec.a_what, network=network.title),
                None,
                [email],
            )
            return redirect(thanks_url)
    return TemplateResponse(request, template, context)


def submit_thanks(network, request, kind):
    spec = SUBMISSION_FORMS.get(kind)
    if spec is None:
        raise Http404("No such form.")
    template = (
        "networks/submit_event_thanks.html" if kind == "event" else "networks/submit_thanks.html"
    )
    return TemplateResponse(request, template, {"page": network, "spec": spec})


def submit_event(network, request):
    return submit(network, request, "event")


def submit_event_thanks(network, request):
    return submit_thanks(network, request, "event")


def _coverage_region(request):
    """The valid filter form and its region, or the bound form with its errors."""
    from .forms import CoverageFilterForm

    form = CoverageFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.cleaned_data["region"] if form.is_bound else None


def coverage_view(index, request):
    """Counts by region and local authority, the gaps, and a map of the projects.

    A region that does not exist is a 400 with the error summary, never a 500.
    """
    from .coverage import coverage_table

    form, region = _coverage_region(request)
    context = {
        "form": form,
        "coverage": coverage_table(index, region),
        "region": region,
        "breadcrumbs": [
            {"title": "Home", "url": "/"},
            {"title": index.title, "url": index.get_url(request)},
        ],
        **map_settings(),
    }
    status = 400 if form.errors else 200
    response = index.render(request, context_overrides=context, template="networks/coverage.html")
    response.status_code = status
    return response


def coverage_csv(index, request):
    """The local authority rows as CSV, with the date of the data in the first line."""
    from cms.exports import csv_response

    from .coverage import coverage_csv_rows, coverage_table

    form, region = _coverage_region(request)
    if form.errors:
        return HttpResponseBadRequest(
            " ".join(form.errors["region"]), content_type="text/plain; charset=utf-8"
        )
    table = coverage_table(index, region)
    header, rows = coverage_csv_rows(table)
    where = f" in {region.name}" if region else ""
    suffix = f"-{region.slug}" if region else ""
    return csv_response(
        f"directory-coverage{suffix}-{table.as_of.isoformat()}.csv",
        f"Live projects in the peer support directory{where}, as of {table.as_of.isoformat()}",
        header,
        rows,
    )
