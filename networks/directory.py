"""Paging the project lists, and the directory's filter by network.

A network page lists its member projects a page at a time and links to the
national directory filtered to that network (``?network=<slug>``), which has
every project with the other filters.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models

from .forms import DirectoryFilterForm
from .models import NetworkPage

DIRECTORY_PAGE_SIZE = 20
NETWORK_PAGE_SIZE = 10


def page_of(items, request, per_page):
    """One page of ``items``: a missing or malformed number gives page 1, one past the
    end the last page (Django's ``Paginator.get_page``, as the directory does)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class NetworkDirectoryFilterForm(DirectoryFilterForm):
    """The directory's filters and the network a project belongs to: the one whose
    subtree holds it."""

    network = forms.ModelChoiceField(
        NetworkPage.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All networks",
        error_messages={"invalid_choice": "Choose a network from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: ``.public()`` reads the view restrictions when called.
        self.fields["network"].queryset = (
            NetworkPage.objects.live()
            .public()
            .order_by(models.F("region__name").asc(nulls_last=True), "title")
        )

    def filter(self, projects):
        projects = super().filter(projects)
        if self.is_bound and self.is_valid() and self.cleaned_data["network"]:
            projects = projects.filter(path__startswith=self.cleaned_data["network"].path)
        return projects


def member_projects_context(network, request):
    """A network page's projects, a page at a time, and the directory filtered to them."""
    from .models import NetworksIndexPage

    index = NetworksIndexPage.objects.ancestor_of(network).first()
    query = urlencode({"network": network.slug})
    return {
        "projects": page_of(network.member_projects, request, NETWORK_PAGE_SIZE),
        "directory_url": f"{index.url}{index.reverse_subpage('directory')}?{query}"
        if index
        else "",
    }
