"""The core's pages: home, guidance (index + detail) and a plain standard page."""

from django import forms
from django.db import models
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import GuidanceStreamBlock, WayInBlock, link_leads_to

from .snippets import Topic


class SummaryMixin(models.Model):
    """A plain-text summary shown in listings, search results and meta descriptions."""

    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two plain sentences for listings and search results.",
    )

    summary_panels = [FieldPanel("summary")]

    class Meta:
        abstract = True


class HomePage(Page):
    """The site's root: what the hub is for and the ways in."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    ways_in = StreamField(
        [("way_in", WayInBlock())],
        blank=True,
        help_text="Cards leading to the main areas: the finder, the directory, networks, guidance.",
    )
    body = StreamField(GuidanceStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("ways_in"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def add_way_in(self, summary, *, page=None, url="", title=""):
        """Add a card unless one already leads there (apps call this from demo content)."""
        for block in self.ways_in:
            if link_leads_to(block.value, page=page, url=url):
                return False
        self.ways_in.append(
            ("way_in", {"page": page, "url": url, "title": title, "summary": summary})
        )
        self.save_revision().publish()
        return True

    @cached_property
    def latest_guidance(self):
        return (
            GuidancePage.objects.live()
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .order_by("-first_published_at")[:3]
        )


class StandardPage(SummaryMixin, Page):
    """A plain page: about, accessibility statement, privacy notice."""

    body = StreamField(GuidanceStreamBlock())

    content_panels = [*Page.content_panels, *SummaryMixin.summary_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]


class GuidanceIndexPage(Page):
    """Lists guidance pages, optionally narrowed to one topic."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidancePage"]

    def guidance_pages(self, topic=None):
        pages = (
            GuidancePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .prefetch_related("topics")
            .order_by("title")
        )
        if topic is not None:
            pages = pages.filter(topics=topic)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic_slug = request.GET.get("topic", "")
        topics = Topic.objects.filter(guidancepage__in=self.guidance_pages()).distinct()
        topic = None
        if topic_slug:
            topic = Topic.objects.filter(slug=topic_slug).first()
            if topic is None:
                context["topic_error"] = f"There is no topic called “{topic_slug[:60]}”."
        context.update(topics=topics, active_topic=topic, pages=self.guidance_pages(topic))
        return context


class GuidancePage(SummaryMixin, Page):
    """An editor's guidance article, filed under topics."""

    topics = ParentalManyToManyField(Topic, blank=True, related_name="guidancepage")
    body = StreamField(GuidanceStreamBlock())
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this page was still right."
    )

    content_panels = [
        *Page.content_panels,
        *SummaryMixin.summary_panels,
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["cms.GuidanceIndexPage"]
    subpage_types = []

    @cached_property
    def sorted_topics(self):
        return sorted(self.topics.all(), key=lambda topic: topic.name)
