"""Mentoring offers and requests between projects."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

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
    def open_on(self, day):
        """Not yet expired on ``day``, counting a renewal by its contact."""
        return self.filter(Q(expires_on__gte=day) | Q(renewed_until__gte=day))

    def open(self):
        """Live, public and not expired, with topics fetched; offers first. A request
        that a mentor accepted (or that is completed) is closed."""
        closed = MentoringMatch.objects.filter(status__in=MentoringMatch.CLOSES_REQUEST)
        return (
            self.live()
            .public()
            .open_on(timezone.localdate())
            .exclude(pk__in=closed.values("request_id"))
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
        default=default_expiry,
        help_text=(
            "Hidden after this date unless its contact keeps it open: two weeks before, "
            "they are emailed a link to renew it for six months."
        ),
    )
    # Set by the contact's renewal link, outside revisions (see ``with_content_json``).
    renewed_until = models.DateField(null=True, blank=True, editable=False)
    renewal_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    def open_until(self):
        """The last day it shows: its expiry, or later if its contact renewed it."""
        return max(self.expires_on, self.renewed_until or self.expires_on)

    @property
    def is_open(self):
        return self.open_until >= timezone.localdate() and not self.has_mentor

    def with_content_json(self, content):
        """Keep the renewal its contact made by link: it is not part of any revision."""
        page = super().with_content_json(content)
        page.renewed_until = self.renewed_until
        page.renewal_requested_at = self.renewal_requested_at
        return page

    @cached_property
    def has_mentor(self):
        """A request a mentor has accepted (or completed)."""
        return self.kind == MentoringKind.REQUEST and (
            self.matches_as_request.filter(status__in=MentoringMatch.CLOSES_REQUEST).exists()
        )

    @property
    def relay_recipient(self):
        """The private address for links and relayed messages: the entry's, else its project's."""
        return self.contact_email or (self.project.contact_email if self.project_id else "")


class MentoringMatch(models.Model):
    """A request asking one offer's mentor, moved on by single-use signed links:
    requested → accepted or declined (by the mentor), or not answered in 7 days →
    completed (by either side, once accepted).

    No personal data: the two sides' addresses stay on their pages; messages
    between them are relayed, not stored.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        # The mentor's 7-day reply link ran out unused (``MentoringUnansweredJob``).
        UNANSWERED = "unanswered", "Not answered"
        COMPLETED = "completed", "Completed"

    CLOSES_REQUEST = (Status.ACCEPTED, Status.COMPLETED)

    request = models.ForeignKey(
        MentoringPage, on_delete=models.CASCADE, related_name="matches_as_request"
    )
    offer = models.ForeignKey(
        MentoringPage, on_delete=models.CASCADE, related_name="matches_as_offer"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="one_match_per_offer")
        ]

    def __str__(self):
        return f"{self.request.title} → {self.offer.title} ({self.get_status_display()})"
