"""Admin report: contact changes waiting in the networks a moderator looks after.

A change to a listing's contact details waits for the current contact's
confirmation (``cms.privacy.contacts``). This lists, for the networks the user
can publish in (``networks_moderated_by``: the permission table decides, so a
region's coordinators see their region's networks and National moderators see
all), the changes still waiting for the contact, and those the contact
confirmed or declined while the edit is still a draft.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

import django_filters

from cms.models import ContactChange
from cms.privacy.contacts import field_label

from .submissions import networks_moderated_by

Status = ContactChange.Status


def _in_networks(networks):
    query = Q()
    for path in networks.values_list("path", flat=True):
        query |= Q(page__path__startswith=path)
    return query


class ContactChangeFilterSet(WagtailFilterSet):
    network = django_filters.ModelChoiceFilter(
        label="Network",
        queryset=lambda request: networks_moderated_by(request.user).order_by("title"),
        method="filter_network",
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(s, Status(s).label) for s in (Status.PENDING, Status.CONFIRMED, Status.DECLINED)],
    )

    class Meta:
        model = ContactChange
        fields = []

    def filter_network(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path) if value else queryset


class ContactChangeReportView(ReportView):
    """Contact changes waiting: for the contact (pending), or confirmed or declined
    while the edit is still unpublished. Each row links to the listing's edit page."""

    page_title = "Contact changes waiting"
    header_icon = "mail"
    index_url_name = "contact_change_report"
    index_results_url_name = "contact_change_report_results"
    permission_policy = page_permission_policy
    any_permission_required = ["publish"]
    filterset_class = ContactChangeFilterSet
    list_export = ["listing", "network", "change", "status_label", "asked_on"]
    export_headings = {
        "listing": "Listing",
        "network": "Network",
        "change": "Change",
        "status_label": "Status",
        "asked_on": "Asked on",
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "listing",
                label="Listing",
                get_url=lambda change: reverse("wagtailadmin_pages:edit", args=[change.page_id]),
            ),
            Column("network", label="Network"),
            Column("change", label="Change"),
            Column("status_label", label="Status"),
            Column("asked_on", label="Asked on"),
        ]

    def get_filename(self):
        return f"contact-changes-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        networks = networks_moderated_by(self.request.user)
        unpublished = Q(page__has_unpublished_changes=True)
        waiting = Q(status=Status.PENDING) | (
            Q(status__in=[Status.CONFIRMED, Status.DECLINED]) & unpublished
        )
        return (
            ContactChange.objects.filter(waiting)
            .filter(_in_networks(networks) if networks.exists() else Q(pk__in=[]))
            .select_related("page")
            .order_by("created_at", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        # One query for the networks' names; a network is the listing's ancestor at its depth.
        networks = {n.path: n.title for n in networks_moderated_by(self.request.user)}
        depth = len(next(iter(networks), ""))
        for change in object_list:
            page = change.page
            model = page.specific_class
            change.listing = page.draft_title
            change.network = networks.get(page.path[:depth], "")
            change.change = "; ".join(
                f"{field_label(model, field)}: {old or '(none)'} → {new or '(none)'}"
                for field, (old, new) in change.changes.items()
            )
            change.status_label = (
                "Waiting for the current contact"
                if change.status == Status.PENDING
                else f"{change.get_status_display()}: the edit is not published yet"
            )
            change.asked_on = f"{timezone.localtime(change.created_at):%-d %b %Y}"
        return object_list


def moderates_a_network(request):
    """Whether the user can publish in some network: asked once per request, however
    many menu items want to know."""
    if not hasattr(request, "_moderates_a_network"):
        request._moderates_a_network = networks_moderated_by(request.user).exists()
    return request._moderates_a_network


class ContactChangeMenuItem(MenuItem):
    """Shown to people who can publish in at least one network."""

    def is_shown(self, request):
        return moderates_a_network(request)
