"""The directory of peer support projects: one ``ProjectPage`` per project."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.models import SummaryMixin
from cms.privacy.contacts import (
    ListingContactFormMixin,
    ListingContactMixin,
    private_contact_panel,
)

from ..choices import (
    UNMAPPED_JOINING,
    UNMAPPED_SETTINGS,
    Formality,
    GroupFormat,
    HowToJoin,
    Leadership,
    ProjectType,
    Setting,
    SupporterRole,
)
from .mixins import LocatedPageForm, LocationMixin
from .schedules import ScheduleMixin, schedule_panels

# Listings unchecked for this long say "may be out of date" and leave the map.
STALE_AFTER = datetime.timedelta(days=548)
# How far ahead the page looks for a scheduled group's next meetings.
NEXT_MEETINGS_WITHIN = datetime.timedelta(days=100)


class Community(models.Model):
    """A community a project serves: BME, LGBT+, women, young people, carers, …"""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self):
        return self.name


class ProjectIndexPage(Page):
    """A network's projects (at most one per network)."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = ["networks.ProjectPage"]
    max_count_per_parent = 1

    def projects(self):
        return ProjectPage.objects.directory().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from ..directory import NETWORK_PAGE_SIZE, page_of

        context = super().get_context(request, *args, **kwargs)
        context["projects"] = page_of(self.projects(), request, NETWORK_PAGE_SIZE)
        return context


class ProjectQuerySet(PageQuerySet):
    def directory(self):
        """Live, public projects ready for a listing: no StreamFields, relations fetched."""
        return (
            self.live()
            .public()
            .select_related("organisation", "region")
            .prefetch_related("communities")
            .order_by("title")
        )


ProjectManager = PageManager.from_queryset(ProjectQuerySet)


class ProjectPageForm(ListingContactFormMixin, LocatedPageForm):
    """Geocoding, plus the moderator's tick for a contact change verified another way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "repeats" in self.fields:
            # A project has no one-off dates: "does not repeat" means "no fixed times".
            self.fields["repeats"].choices = [
                ("", "No regular times (say when in words above)"),
                *ScheduleMixin.Repeats.choices[1:],
            ]


class ProjectPage(
    RoutablePageMixin, SummaryMixin, LocationMixin, ListingContactMixin, ScheduleMixin, Page
):
    """A peer support group or project, described the way the report does.

    When it meets is a schedule (``ScheduleMixin``: weekly, every N weeks, the
    nth weekday of the month) and/or ``meeting_schedule`` in words, kept for
    anything a schedule cannot say ("in term time") and for older listings.
    """

    organisation = models.ForeignKey(
        "cms.Organisation", on_delete=models.PROTECT, related_name="projects"
    )
    description = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    project_type = models.CharField(max_length=12, choices=ProjectType.choices)
    group_format = models.CharField(
        "Group or one to one", max_length=12, choices=GroupFormat.choices, default=GroupFormat.GROUP
    )
    leadership = models.CharField(
        max_length=16, choices=Leadership.choices, default=Leadership.PEER_LED
    )
    setting = models.CharField(max_length=12, choices=Setting.choices, default=Setting.COMMUNITY)
    formality = models.CharField(
        max_length=10, choices=Formality.choices, default=Formality.INFORMAL
    )
    supporter_role = models.CharField(
        max_length=10, choices=SupporterRole.choices, default=SupporterRole.MUTUAL
    )
    communities = ParentalManyToManyField(Community, blank=True, related_name="projects")
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="projectpage")
    who_for = models.TextField("Who it is for", blank=True)
    how_to_join = models.CharField(
        max_length=14, choices=HowToJoin.choices, default=HowToJoin.CONTACT_FIRST
    )
    open_to_new_members = models.BooleanField(default=True)
    cost = models.CharField(max_length=100, blank=True, help_text="E.g. “Free”.")
    first_visit = models.TextField("What to expect at a first visit", blank=True)
    meeting_schedule = models.CharField(
        "When it meets, in words",
        max_length=200,
        blank=True,
        help_text="Shown as written, e.g. “Tuesdays in term time”. For fixed times, "
        "use “Meets regularly” below, so people see the dates.",
    )
    public_email = models.EmailField(
        blank=True,
        help_text="An organisational inbox the group chose to publish, never a person's.",
    )
    public_phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    last_checked = models.DateField(
        default=datetime.date.today, help_text="Shown publicly: when someone last confirmed this."
    )
    freshness_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProjectManager()
    base_form_class = ProjectPageForm
    contact_change_fields = ("contact_email", "public_email", "public_phone")

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        *SummaryMixin.summary_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("project_type"),
                FieldRowPanel([FieldPanel("group_format"), FieldPanel("leadership")]),
                FieldRowPanel([FieldPanel("formality"), FieldPanel("supporter_role")]),
                FieldPanel("setting", widget=forms.RadioSelect),
            ],
            heading="What kind of peer support",
        ),
        FieldPanel("communities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("who_for"),
                FieldPanel("how_to_join", widget=forms.RadioSelect),
                FieldPanel("open_to_new_members"),
                FieldPanel("cost"),
                FieldPanel("first_visit"),
                FieldPanel("meeting_schedule"),
            ],
            heading="Joining",
        ),
        *schedule_panels("Meets regularly"),
        *LocationMixin.location_panels,
        MultiFieldPanel(
            [FieldPanel("public_email"), FieldPanel("public_phone"), FieldPanel("website")],
            heading="Public contact",
            help_text="Organisational channels only. Never a person's name or own email.",
        ),
        private_contact_panel(),
        FieldPanel("last_checked"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("who_for"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]
    parent_page_types = ["networks.ProjectIndexPage"]
    subpage_types = []

    def with_content_json(self, content):
        """Keep freshness the site recorded outside revisions (a confirmation by link)."""
        page = super().with_content_json(content)
        if self.last_checked and page.last_checked < self.last_checked:
            page.last_checked = self.last_checked
        page.freshness_requested_at = self.freshness_requested_at
        return page

    @property
    def meeting_times(self):
        """When it meets, in words: the schedule's, then anything written."""
        schedule = self.schedule
        words = [f"Meets {schedule.describe()}." if schedule else "", self.meeting_schedule]
        return "\n".join(word for word in words if word)

    def next_meetings(self, count=3, now=None):
        """The schedule's next ``count`` dates as ``(start, end)``, from now (none without one)."""
        schedule = self.schedule
        if schedule is None:
            return []
        now = now or timezone.now()
        return schedule.dates(now, now + NEXT_MEETINGS_WITHIN)[:count]

    @property
    def is_stale(self):
        return self.last_checked < timezone.localdate() - STALE_AFTER

    @property
    def is_mappable(self):
        """Inpatient, forensic, online and members-only projects are described, never mapped."""
        return (
            self.setting not in UNMAPPED_SETTINGS
            and self.how_to_join not in UNMAPPED_JOINING
            and not self.is_stale
            and super().is_mappable
        )

    @property
    def shows_area(self):
        """Whether to name the district at all (not for inpatient or forensic settings)."""
        return self.setting not in UNMAPPED_SETTINGS

    def get_context(self, request, *args, **kwargs):
        from ..structured_data import project_json_ld
        from ..views import map_settings

        context = super().get_context(request, *args, **kwargs)
        if self.is_mappable:
            context.update(map_settings())
        context["json_ld"] = project_json_ld(self)
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        """This project at its public point, for the small map on its page."""
        from ..views import project_geojson

        return project_geojson(self, request)

    @cached_property
    def contact(self):
        """The public contact: the project's own, else its organisation's."""
        if self.public_email or self.public_phone or self.website:
            return {"email": self.public_email, "phone": self.public_phone, "url": self.website}
        org = self.organisation
        return {"email": org.public_email, "phone": org.public_phone, "url": org.website}
