"""Shared resources: toolkits, templates, guides, policies, evaluation tools, links."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import SummaryMixin

from ..choices import ResourceKind


class ResourceIndexPage(Page):
    """A network's resources (at most one per network)."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = ["networks.ResourcePage"]
    max_count_per_parent = 1

    def resources(self):
        return (
            ResourcePage.objects.child_of(self)
            .live()
            .public()
            .select_related("document")
            .prefetch_related("topics")
            .order_by("title")
        )


class ResourcePage(SummaryMixin, Page):
    """A document or a link, topic-tagged; other networks can list it without a copy."""

    kind = models.CharField(max_length=12, choices=ResourceKind.choices)
    description = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.URLField(blank=True)
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="resourcepage")
    region = models.ForeignKey(
        "cms.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Only if the resource is specific to one region.",
    )
    contributed_by = models.ForeignKey(
        "networks.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    also_in_networks = ParentalManyToManyField(
        "networks.NetworkPage",
        blank=True,
        related_name="shared_resources",
        help_text="Also list this resource in these networks (it is not copied).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        *SummaryMixin.summary_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("link")],
            heading="The resource",
            help_text="A document or a link: exactly one.",
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("region"),
        FieldPanel("contributed_by"),
        FieldPanel("also_in_networks", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["networks.ResourceIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.link):
            raise ValidationError("Give a document or a link (one, not both).")

    @property
    def target_url(self):
        return self.document.url if self.document_id else self.link
