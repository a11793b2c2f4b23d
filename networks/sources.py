"""Catalogue sources for projects, events and resources.

Every document is privacy-reduced here: a district centre unless the venue chose
a public address, and no point at all for inpatient, forensic, online,
members-only or stale projects. Nothing here reads an address.
"""

from django.utils.html import strip_tags

from cms.models import Organisation, Topic
from cms.plugins import CatalogueDocument, CatalogueSource

from .location import public_location
from .models import EventPage, ProjectPage, ResourcePage


def _locations(obj):
    location = public_location(obj)
    return [location] if location else []


def _region(obj):
    return obj.region.name if obj.region_id else ""


class ProjectSource(CatalogueSource):
    """The directory: one document per live, public project."""

    kind = "project"
    label = "Peer support projects"
    model = ProjectPage

    def get_queryset(self):
        return ProjectPage.objects.directory().prefetch_related("topics")

    def to_document(self, page):
        return CatalogueDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=" ".join([strip_tags(page.description), page.who_for, page.organisation.name]),
            topics=[topic.name for topic in page.topics.all()],
            region=_region(page),
            locations=_locations(page),
            delivery="online" if page.setting == "online" else "in person",
            cost=page.cost,
            extra_keywords={
                "project_type": [page.project_type],
                "setting": [page.setting],
                "how_to_join": [page.how_to_join],
                "communities": [community.slug for community in page.communities.all()],
                "open_to_new_members": ["yes" if page.open_to_new_members else "no"],
            },
        )

    def objects_affected_by(self, instance):
        if isinstance(instance, Topic):
            return ProjectPage.objects.filter(topics=instance)
        if isinstance(instance, Organisation):
            return ProjectPage.objects.filter(organisation=instance)
        return ProjectPage.objects.none()


class EventSource(CatalogueSource):
    """Events with their future dates."""

    kind = "event"
    label = "Events"
    model = EventPage

    def get_queryset(self):
        return (
            EventPage.objects.live()
            .public()
            .select_related("region")
            .prefetch_related("topics", "occurrences", "scheduled_occurrences")
        )

    def to_document(self, page):
        # One-off and scheduled dates (materialised for a rolling twelve months).
        dates = [occurrence.start for occurrence in page.upcoming_occurrences]
        return CatalogueDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=strip_tags(page.description),
            topics=[topic.name for topic in page.topics.all()],
            region=_region(page),
            locations=[] if page.online else _locations(page),
            starts_at=dates[0] if dates else None,
            dates=dates,
            delivery="online" if page.online else "in person",
            cost=page.cost,
        )

    def objects_affected_by(self, instance):
        if isinstance(instance, Topic):
            return EventPage.objects.filter(topics=instance)
        return EventPage.objects.none()


class ResourceSource(CatalogueSource):
    """Shared resources, findable by topic."""

    kind = "resource"
    label = "Resources"
    model = ResourcePage

    def get_queryset(self):
        return (
            ResourcePage.objects.live().public().select_related("region").prefetch_related("topics")
        )

    def to_document(self, page):
        return CatalogueDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=strip_tags(page.description),
            topics=[topic.name for topic in page.topics.all()],
            region=_region(page),
            delivery="online",
            extra_keywords={"resource_kind": [page.kind]},
        )

    def objects_affected_by(self, instance):
        if isinstance(instance, Topic):
            return ResourcePage.objects.filter(topics=instance)
        return ResourcePage.objects.none()
