"""Events: a page per event; its dates are one-off ``occurrences`` rows and, when it
repeats, a schedule materialised as ``scheduled_occurrences``."""

import datetime
from typing import NamedTuple

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
from .schedules import ScheduleMixin

MAX_EVENT_LENGTH = datetime.timedelta(hours=24)
# A weekly event has fifty-odd dates a year: the page lists the next few.
MAX_DATES_SHOWN = 8
# Recurring events' dates are materialised this far ahead (the catalogue's "dates").
OCCURRENCE_WINDOW = datetime.timedelta(days=365)


class TopicFeed(NamedTuple):
    name: str
    feed_url: str


class EventPageForm(LocatedPageForm):
    """An event needs at least one date: a one-off row or a schedule."""

    def clean(self):
        cleaned = super().clean()
        dates = self.formsets.get("occurrences")
        if cleaned.get("repeats") or dates is None or not dates.is_valid():
            return cleaned
        kept = [
            form
            for form in dates.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            self.add_error(None, "Give at least one date, or choose how the event repeats.")
        return cleaned


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
        context["network"] = self.get_parent().specific
        return context


class EventPage(SummaryMixin, LocationMixin, ScheduleMixin, RoutablePageMixin, Page):
    """An event a network or project runs; can be shown in other networks too.

    Its dates are one-off ``occurrences`` rows and, when it repeats, a schedule
    whose dates are materialised as ``scheduled_occurrences`` for a rolling
    twelve months (on every full save and by the scheduler's daily refresh).
    """

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
    import_uid = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        editable=False,
        help_text="The UID of the calendar entry this event was imported from.",
    )

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        *SummaryMixin.summary_panels,
        FieldPanel("description"),
        InlinePanel("occurrences", heading="Dates", label="Date"),
        *ScheduleMixin.schedule_panels,
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
        """One-off and scheduled dates not yet over, soonest first."""
        now = timezone.now()
        dates = [*self.occurrences.all(), *self.scheduled_occurrences.all()]
        return sorted((o for o in dates if (o.end or o.start) >= now), key=lambda o: o.start)

    @cached_property
    def upcoming_cancellations(self):
        """Cancelled dates of the schedule from today on (shown so nobody turns up)."""
        schedule = self.schedule
        if schedule is None:
            return []
        today = timezone.localdate()
        return [day for day in schedule.cancelled if day >= today]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A save of a few columns (a draft revision of a live page) leaves the dates alone.
        if kwargs.get("update_fields") is None:
            self.refresh_scheduled_occurrences()

    def refresh_scheduled_occurrences(self, now=None):
        """Rewrite the schedule's dates from the start of today for ``OCCURRENCE_WINDOW``."""
        now = now or timezone.now()
        start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        schedule = self.schedule
        dates = schedule.dates(start_of_today, now + OCCURRENCE_WINDOW) if schedule else []
        self.scheduled_occurrences.all().delete()
        ScheduledOccurrence.objects.bulk_create(
            ScheduledOccurrence(page=self, start=start, end=end) for start, end in dates
        )
        self.__dict__.pop("upcoming_occurrences", None)
        return len(dates)

    def get_context(self, request, *args, **kwargs):
        from ..structured_data import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        if self.upcoming_occurrences:
            context["json_ld"] = event_json_ld(self)
        context["topics"] = self.topic_feeds(request)
        context["max_dates_shown"] = MAX_DATES_SHOWN
        return context

    def topic_feeds(self, request):
        """This event's topics, each with the URL of its all-networks feed."""
        from .networks import NetworksIndexPage

        topics = list(self.topics.all())
        index = NetworksIndexPage.objects.ancestor_of(self).first() if topics else None
        if index is None:
            return []
        base = index.get_url(request)
        return [
            TopicFeed(topic.name, base + index.reverse_subpage("topic_ical", args=[topic.slug]))
            for topic in topics
        ]

    @path("ical/", name="ical")
    def ical(self, request):
        from ..ical import events_response

        return events_response(self.title, [self], request)


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


class ScheduledOccurrence(models.Model):
    """One date of a recurring event, materialised from its schedule (never edited)."""

    page = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="scheduled_occurrences"
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self):
        return timezone.localtime(self.start).strftime("%-d %B %Y, %H:%M")
