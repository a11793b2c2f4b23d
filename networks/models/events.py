"""Events: a page per event, its dates as ``occurrences`` child rows."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import SummaryMixin

from .mixins import LocatedPageForm, LocationMixin

MAX_EVENT_LENGTH = datetime.timedelta(hours=24)


class EventIndexPage(RoutablePageMixin, Page):
    """A network's events (at most one per network): upcoming and past."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = ["networks.EventPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from .networks import upcoming

        context = super().get_context(request, *args, **kwargs)
        context["events"] = upcoming(EventPage.objects.child_of(self).live().public())
        return context


class EventPage(SummaryMixin, LocationMixin, RoutablePageMixin, Page):
    """An event a network or project runs; can be shown in other networks too."""

    description = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    project = models.ForeignKey(
        "networks.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="eventpage")
    online = models.BooleanField(default=False, help_text="Takes place online.")
    cost = models.CharField(max_length=100, blank=True)
    booking_url = models.URLField(blank=True)
    accessibility = models.TextField(blank=True)
    also_in_networks = ParentalManyToManyField(
        "networks.NetworkPage",
        blank=True,
        related_name="shared_events",
        help_text="Also list this event in these networks (it is not copied).",
    )

    base_form_class = LocatedPageForm
    content_panels = [
        *Page.content_panels,
        *SummaryMixin.summary_panels,
        FieldPanel("description"),
        InlinePanel("occurrences", heading="Dates", label="Date", min_num=1),
        FieldPanel("project"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("online"),
                FieldPanel("cost"),
                FieldPanel("booking_url"),
                FieldPanel("accessibility"),
            ],
            heading="Taking part",
        ),
        *LocationMixin.location_panels,
        FieldPanel("also_in_networks", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["networks.EventIndexPage"]
    subpage_types = []

    @property
    def is_mappable(self):
        return not self.online and super().is_mappable

    @cached_property
    def upcoming_occurrences(self):
        now = timezone.now()
        return [o for o in self.occurrences.all() if (o.end or o.start) >= now]

    def get_context(self, request, *args, **kwargs):
        from ..structured_data import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        if self.upcoming_occurrences:
            context["json_ld"] = event_json_ld(self)
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        from ..ical import calendar_response

        return calendar_response(self.title, [self], request)


class EventOccurrence(Orderable):
    """One date of an event, in Europe/London time."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)

    panels = [FieldPanel("start"), FieldPanel("end")]

    class Meta(Orderable.Meta):
        ordering = ["start"]

    def __str__(self):
        return timezone.localtime(self.start).strftime("%-d %B %Y, %H:%M")

    def clean(self):
        super().clean()
        if self.start and self.end:
            if self.end <= self.start:
                raise ValidationError({"end": "The end must be after the start."})
            if self.end - self.start > MAX_EVENT_LENGTH:
                raise ValidationError(
                    {"end": "An event date lasts at most 24 hours; add another date instead."}
                )
