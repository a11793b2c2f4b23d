"""The course finder (index) and course pages."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import Organisation, SummaryMixin, Topic

from ..choices import (
    ACCREDITED,
    AUDIENCE_CHOICES,
    COST_CHOICES,
    CPD,
    DELIVERY_CHOICES,
    FREE,
    IN_PERSON,
    LEVEL_CHOICES,
    NOT_ACCREDITED,
    PAID,
    RECOGNITION_CHOICES,
)
from ..validators import web_url_validator
from .snippets import AwardingBody


class CoursePageForm(WagtailAdminPageForm):
    """Shows the audience list (stored as JSON) as checkboxes."""

    audience = forms.MultipleChoiceField(
        choices=AUDIENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who the course is for.",
    )


class CourseIndexPage(RoutablePageMixin, Page):
    """The course finder: search near a place, filter, list or map; coverage by region."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    def courses(self):
        """Live, public course pages under this finder, without their rich text."""
        return CoursePage.objects.live().public().descendant_of(self).defer_streamfields()

    @path("")
    def finder(self, request):
        from ..views import finder_view

        return finder_view(self, request)

    @path("geojson/")
    def geojson(self, request):
        from ..views import finder_geojson

        return finder_geojson(self, request)

    @path("coverage/")
    def coverage(self, request):
        from ..views import coverage_view

        return coverage_view(self, request)

    @path("coverage/csv/")
    def coverage_csv(self, request):
        from ..views import coverage_csv

        return coverage_csv(self, request)


class CoursePage(RoutablePageMixin, SummaryMixin, Page):
    """A training course: who runs it, how it is recognised, what it costs, its sessions."""

    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text="The organisation that runs the course.",
    )
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="What the course covers and how it is taught.",
    )
    recognition = models.CharField(
        max_length=12,
        choices=RECOGNITION_CHOICES,
        default=NOT_ACCREDITED,
        help_text=(
            "Accredited: leads to a regulated qualification at an RQF/CQFW level, or to "
            "university or Open College Network credits, from a named awarding body. "
            "CPD-certified or endorsed: a certifier or programme (such as ImROC) vouches for "
            "it, but it is not a qualification. Not accredited: neither."
        ),
    )
    awarding_body = models.ForeignKey(
        AwardingBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text="Accredited courses only.",
    )
    level = models.CharField("qualification level", max_length=6, choices=LEVEL_CHOICES, blank=True)
    credits = models.PositiveSmallIntegerField(null=True, blank=True)
    certifier = models.CharField(
        "CPD certifier or endorser",
        max_length=200,
        blank=True,
        help_text="CPD-certified or endorsed courses only: who certifies or endorses it.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="coursepage")
    audience = models.JSONField(default=list, blank=True)
    delivery = models.CharField(max_length=10, choices=DELIVERY_CHOICES, default=IN_PERSON)
    cost = models.CharField(max_length=6, choices=COST_CHOICES, default=FREE)
    cost_amount = models.DecimalField(
        "price (£)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    bursaries = models.BooleanField("bursaries available", default=False)
    duration = models.CharField(
        max_length=100, blank=True, help_text="For example: two days, or six weekly sessions."
    )
    entry_requirements = models.TextField(blank=True)
    booking_url = models.URLField("booking link", blank=True, validators=[web_url_validator])
    booking_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="An organisational email address or phone number, never a person's own.",
    )
    accessibility_info = models.TextField(
        "accessibility information",
        blank=True,
        help_text="Materials, breaks, adjustments on request: what learners can expect.",
    )
    last_verified = models.DateField(
        "last checked",
        null=True,
        blank=True,
        help_text=(
            "When someone last confirmed this listing with the provider. Set it when you "
            "check; it is shown publicly as “Last checked”."
        ),
    )

    base_form_class = CoursePageForm
    content_panels = [
        *Page.content_panels,
        *SummaryMixin.summary_panels,
        FieldPanel("provider"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("recognition", widget=forms.RadioSelect),
                FieldPanel("awarding_body"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("credits")]),
                FieldPanel("certifier"),
            ],
            heading="Recognition",
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience"),
        FieldPanel("delivery", widget=forms.RadioSelect),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_amount")]),
                FieldPanel("bursaries"),
            ],
            heading="Cost",
        ),
        FieldPanel("duration"),
        FieldPanel("entry_requirements"),
        MultiFieldPanel(
            [FieldPanel("booking_url"), FieldPanel("booking_contact")], heading="Booking"
        ),
        FieldPanel("accessibility_info"),
        FieldPanel("last_verified"),
        InlinePanel("sessions", label="Sessions", heading="Sessions"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if self.recognition == ACCREDITED:
            if self.awarding_body_id is None:
                errors["awarding_body"] = "An accredited course needs its awarding body."
            if not self.level:
                errors["level"] = "Give the level of the qualification or credits."
        elif self.awarding_body_id is not None:
            errors["awarding_body"] = (
                "Only accredited courses have an awarding body: choose “accredited” or clear it."
            )
        if self.recognition == CPD and not self.certifier.strip():
            errors["certifier"] = "Name who certifies or endorses the course, such as ImROC."
        if self.cost == PAID and self.cost_amount is None:
            errors["cost_amount"] = "Give the price of a paid course."
        if self.cost == FREE and self.cost_amount:
            errors["cost_amount"] = "A free course has no price: clear it or choose “paid”."
        if not self.booking_url and not self.booking_contact.strip():
            errors["booking_url"] = "Give a booking link or a contact for booking."
        if errors:
            raise ValidationError(errors)

    # --- what templates and feeds show -----------------------------------------------------

    @cached_property
    def upcoming_sessions(self):
        """Sessions that have not started yet, soonest first (one query)."""
        now = timezone.now()
        return sorted(
            (session for session in self.sessions.all() if session.starts_at >= now),
            key=lambda session: session.starts_at,
        )

    @property
    def next_session(self):
        return self.upcoming_sessions[0] if self.upcoming_sessions else None

    @cached_property
    def sorted_topics(self):
        return sorted(self.topics.all(), key=lambda topic: topic.name)

    @property
    def recognition_label(self):
        if self.recognition == ACCREDITED:
            level = self.get_level_display() if self.level else ""
            return f"Accredited{f', {level}' if level else ''}"
        return self.get_recognition_display()

    @property
    def recognition_detail(self):
        """One sentence on who recognises the course and how."""
        if self.recognition == ACCREDITED and self.awarding_body_id:
            credits = f", {self.credits} credits" if self.credits else ""
            level = self.get_level_display() if self.level else ""
            return f"{level}{credits}, awarded by {self.awarding_body.name}".lstrip(", ")
        if self.recognition == CPD:
            return f"CPD-certified or endorsed by {self.certifier}"
        return "Not accredited: no qualification or credits"

    @property
    def cost_label(self):
        if self.cost == FREE:
            label = "Free"
        else:
            label = f"£{self.cost_amount:,.2f}".replace(".00", "") if self.cost_amount else "Paid"
        return f"{label} (bursaries available)" if self.bursaries else label

    @property
    def audience_labels(self):
        labels = dict(AUDIENCE_CHOICES)
        return [labels[value] for value in self.audience if value in labels]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..structured_data import course_json_ld

        context["json_ld"] = course_json_ld(self, request)
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
        context["related_courses"] = self.related_courses()
        return context

    def related_courses(self, limit=3):
        topic_ids = [topic.pk for topic in self.sorted_topics]
        if not topic_ids:
            return []
        # A subquery, not a join: no DISTINCT over the wide rows of every course sharing
        # a topic (thousands at 100k pages), only a top-few sort.
        tagged = CoursePage.topics.through.objects.filter(topic_id__in=topic_ids)
        return list(
            CoursePage.objects.live()
            .public()
            .filter(pk__in=tagged.values("coursepage_id"))
            .exclude(pk=self.pk)
            .defer_streamfields()
            .order_by("title")[:limit]
        )

    @route(r"^ical/$")
    def ical(self, request):
        from ..structured_data import course_calendar

        return self._calendar_response(course_calendar(self, self.upcoming_sessions), "course")

    @route(r"^ical/(\d+)/$")
    def ical_session(self, request, session_id):
        from ..structured_data import course_calendar

        session = get_object_or_404(self.sessions, pk=int(session_id))
        return self._calendar_response(course_calendar(self, [session]), f"session-{session.pk}")

    @route(r"^geojson/$")
    def geojson(self, request):
        from ..geo import sessions_feature_collection

        return JsonResponse(
            sessions_feature_collection([(self, self.upcoming_sessions)]),
            content_type="application/geo+json",
        )

    def _calendar_response(self, calendar, suffix):
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-{suffix}.ics"'
        return response
