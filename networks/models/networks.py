"""The networks index (with the national directory) and one page per network."""

from django.db import models
from django.db.models import Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .events import EventOccurrence, EventPage, ScheduledOccurrence
from .mentoring import MentoringPage
from .projects import ProjectPage
from .resources import ResourcePage


class NetworksIndexPage(RoutablePageMixin, Page):
    """Lists the networks; ``directory/`` is the national directory of projects."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["networks.NetworkPage"]
    max_count = 1

    def networks(self):
        # National & online (no region) last, the regions by name.
        return (
            NetworkPage.objects.child_of(self)
            .live()
            .public()
            .select_related("region")
            .order_by(models.F("region__name").asc(nulls_last=True), "title")
        )

    def get_context(self, request, *args, **kwargs):
        from ..views import map_settings

        context = super().get_context(request, *args, **kwargs)
        # Lazy, so routes that render with this context (the directory) query nothing.
        networks = SimpleLazyObject(lambda: list(self.networks()))
        context["networks"] = networks
        # Regional networks are mapped at their region's centre; national ones only listed.
        context["mapped_networks"] = SimpleLazyObject(
            lambda: [n for n in networks if not n.is_national]
        )
        context["unmapped_networks"] = SimpleLazyObject(
            lambda: [n for n in networks if n.is_national]
        )
        context.update(map_settings())
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        """The regional networks at their regions' centres (National & online is not mapped)."""
        from ..views import networks_geojson

        return networks_geojson(self, request)

    @path("ical/", name="ical")
    def ical(self, request):
        """Every network's upcoming events as one iCalendar feed."""
        from ..ical import all_networks_feed

        return all_networks_feed(self, request)

    @path("ical/<slug:topic>/", name="topic_ical")
    def topic_ical(self, request, topic):
        """Every network's upcoming events on one topic."""
        from ..ical import topic_feed

        return topic_feed(self, request, topic)

    @path("directory/", name="directory")
    def directory(self, request):
        """The national directory of projects: a list, or a map above the list."""
        from ..views import directory

        return directory(self, request)

    @path("directory/geojson/", name="directory_geojson")
    def directory_geojson(self, request):
        """The directory's mappable projects as GeoJSON, privacy-reduced, for a map."""
        from ..views import directory_geojson

        return directory_geojson(self, request)

    @path("coverage/", name="coverage")
    def coverage(self, request):
        """Where projects are, and the gaps, by region and local authority (commissioners)."""
        from ..views import coverage_view

        return coverage_view(self, request)

    @path("coverage/csv/", name="coverage_csv")
    def coverage_csv(self, request):
        """The coverage by local authority as a CSV download, dated."""
        from ..views import coverage_csv

        return coverage_csv(self, request)


class NetworkPage(RoutablePageMixin, Page):
    """One network: a region's, or National & online. Owns its projects, events,
    resources and mentoring, so page permissions and workflows follow the tree."""

    region = models.ForeignKey(
        "cms.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="networks",
        help_text="Leave empty for the National & online network.",
    )
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    calendar_feed_url = models.URLField(
        "Calendar to import",
        max_length=500,
        blank=True,
        help_text="The public iCalendar (.ics) address of this network's own events calendar. "
        "Its events are imported every day as drafts for a coordinator to check and publish.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("intro"),
        InlinePanel("coordinators", heading="Coordinators", label="Coordinator"),
        FieldPanel("calendar_feed_url"),
    ]
    parent_page_types = ["networks.NetworksIndexPage"]
    subpage_types = [
        "networks.ProjectIndexPage",
        "networks.EventIndexPage",
        "networks.ResourceIndexPage",
        "networks.MentoringIndexPage",
    ]

    @property
    def is_national(self):
        return self.region_id is None

    def shared_here(self, queryset):
        """Pages inside this network, or shown here from another one."""
        # A subquery, not a join: no duplicate rows, and the planner can apply it first.
        shared = queryset.model.objects.filter(also_in_networks=self).values("pk")
        return queryset.filter(Q(path__startswith=self.path) | Q(pk__in=shared))

    @cached_property
    def member_projects(self):
        return ProjectPage.objects.directory().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        from ..directory import member_projects_context

        context = super().get_context(request, *args, **kwargs)
        # A page of the member projects (``?page=``) and the link to all of them.
        context.update(member_projects_context(self, request))
        return context

    @cached_property
    def upcoming_events(self):
        return soonest(self.shared_here(EventPage.objects.live().public()), 5)

    @cached_property
    def latest_resources(self):
        return (
            self.shared_here(ResourcePage.objects.live().public())
            .defer_streamfields()
            .prefetch_related("topics")
            .order_by("-first_published_at")[:5]
        )

    @cached_property
    def open_mentoring(self):
        return MentoringPage.objects.open().descendant_of(self)[:10]

    @path("submit-event/", name="submit_event")
    def submit_event(self, request):
        from ..views import submit_event

        return submit_event(self, request)

    @path("submit-event/thanks/", name="submit_event_thanks")
    def submit_event_thanks(self, request):
        from ..views import submit_event_thanks

        return submit_event_thanks(self, request)

    @path("submit-<slug:kind>/", name="submit")
    def submit(self, request, kind):
        """The other public forms: ``project``, ``resource`` and ``mentoring``."""
        from ..views import submit

        return submit(self, request, kind)

    @path("submit-<slug:kind>/thanks/", name="submit_thanks")
    def submit_thanks(self, request, kind):
        from ..views import submit_thanks

        return submit_thanks(self, request, kind)

    @path("ical/", name="ical")
    def ical(self, request):
        """This network's events feed, shared events included."""
        from ..ical import network_feed

        return network_feed(self, request)


class NetworkCoordinator(Orderable):
    """A coordinator's role on a network page. No names or personal emails are shown:
    the relay address is used only by the contact relay, never rendered."""

    page = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="coordinators")
    role_title = models.CharField(max_length=100, help_text="E.g. “Network coordinator”.")
    relay_email = models.EmailField(
        help_text="Where relayed messages go. Never shown on the site; use a role inbox."
    )

    panels = [FieldPanel("role_title"), FieldPanel("relay_email")]

    def __str__(self):
        return self.role_title


def upcoming(events):
    """Events with a one-off or scheduled date from now on, soonest first, with ``next_start``."""
    now = timezone.now()

    def later(model):
        return model.objects.filter(start__gte=now)

    def first_start(model):
        return Subquery(
            later(model).filter(page=OuterRef("pk")).order_by("start").values("start")[:1]
        )

    one_off, scheduled = first_start(EventOccurrence), first_start(ScheduledOccurrence)
    return (
        # Only events with a later date are dated: the planner checks these two (hashed)
        # lists before it runs the per-event subqueries below.
        events.filter(
            Q(pk__in=later(EventOccurrence).values("page"))
            | Q(pk__in=later(ScheduledOccurrence).values("page"))
        )
        # Least() is NULL on SQLite when either side is: coalesce both ways first.
        .annotate(next_start=Least(Coalesce(one_off, scheduled), Coalesce(scheduled, one_off)))
        .defer_streamfields()
        .select_related("region")
        .prefetch_related("topics")
        .order_by("next_start", "title")
    )


def soonest(events, limit):
    """The first ``limit`` of ``upcoming(events)``, without dating every event.

    Each date table names its ``limit`` events with the soonest dates (one grouped
    query over dates from now on), and only those few are dated and sorted. An event
    among the first ``limit`` overall is among the first ``limit`` of the table its
    next date comes from, so nothing is missed; ties go by title, as in ``upcoming``.
    """
    now = timezone.now()
    candidates = set()
    for model in (EventOccurrence, ScheduledOccurrence):
        firsts = (
            model.objects.filter(start__gte=now, page__in=events.values("pk"))
            .values("page")
            .annotate(first=Min("start"))
            .order_by("first", "page__title")
        )
        candidates.update(firsts.values_list("page", flat=True)[:limit])
    return upcoming(events.filter(pk__in=candidates))[:limit]
