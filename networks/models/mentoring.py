"""Mentoring offers and requests between projects."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.models import SummaryMixin
from cms.privacy.contacts import (
    ListingContactForm,
    ListingContactMixin,
    private_contact_panel,
)

from ..choices import MENTORING_TOPIC_SLUGS, MentoringKind


def default_expiry():
    return timezone.localdate() + datetime.timedelta(days=180)


class MentoringIndexPage(Page):
    """A network's mentoring offers and requests (at most one per network)."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = ["networks.MentoringPage"]
    max_count_per_parent = 1

    def entries(self):
        return MentoringPage.objects.open().child_of(self)


class MentoringQuerySet(PageQuerySet):
    def open(self):
        """Live, public and not expired, with topics fetched; offers first."""
        return (
            self.live()
            .public()
            .filter(expires_on__gte=timezone.localdate())
            .select_related("project")
            .prefetch_related("topics")
            .order_by("kind", "title")
        )


class MentoringSuggestionsPanel(Panel):
    """For a request: the open offers suggested for it, best first, with the reasons."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "networks/admin/mentoring_suggestions_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and self.instance.kind == MentoringKind.REQUEST

        def get_context_data(self, parent_context=None):
            from ..matching import suggestions_for

            context = super().get_context_data(parent_context)
            context["suggestions"] = suggestions_for(self.instance)
            return context


class MentoringPage(SummaryMixin, ListingContactMixin, Page):
    """A project offering, or asking for, mentoring on the report's topics."""

    kind = models.CharField(max_length=8, choices=MentoringKind.choices)
    description = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    topics = ParentalManyToManyField(
        "cms.Topic",
        related_name="mentoringpage",
        limit_choices_to={"slug__in": MENTORING_TOPIC_SLUGS},
    )
    face_to_face = models.BooleanField(default=False)
    telephone = models.BooleanField(default=False)
    online = models.BooleanField(default=False)
    availability = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Two hours a month”."
    )
    expires_on = models.DateField(
        default=default_expiry, help_text="Hidden after this date unless re-confirmed."
    )
    project = models.ForeignKey(
        "networks.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentoring",
    )

    objects = PageManager.from_queryset(MentoringQuerySet)()
    base_form_class = ListingContactForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind", widget=forms.RadioSelect),
        *SummaryMixin.summary_panels,
        FieldPanel("description"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("face_to_face"), FieldPanel("telephone"), FieldPanel("online")]
                )
            ],
            heading="How",
        ),
        FieldPanel("availability"),
        FieldPanel("expires_on"),
        FieldPanel("project"),
        private_contact_panel(),
        MentoringSuggestionsPanel(heading="Suggested offers"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["networks.MentoringIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if not (self.face_to_face or self.telephone or self.online):
            raise ValidationError("Choose at least one way: face to face, telephone or online.")

    @property
    def formats(self):
        names = [("face_to_face", "face to face"), ("telephone", "telephone"), ("online", "online")]
        return [label for field, label in names if getattr(self, field)]

    @property
    def is_open(self):
        return self.expires_on >= timezone.localdate()
