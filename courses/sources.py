"""Courses as a catalogue source: what search, facets and maps read about a course."""

from cms.models import Topic
from cms.plugins import CatalogueDocument, CatalogueLocation, CatalogueSource

from .choices import ACCESSIBILITY_FEATURES, ACCREDITED, FREE, ONLINE
from .finder import time_of_day
from .models import CoursePage


class CourseSource(CatalogueSource):
    """Live, public course pages, located at each in-person session's public point."""

    kind = "course"
    label = "Courses"
    model = CoursePage

    def get_queryset(self):
        return (
            CoursePage.objects.live()
            .public()
            .select_related("provider", "awarding_body")
            .prefetch_related("topics", "sessions__region")
        )

    def to_document(self, page):
        sessions = sorted(page.sessions.all(), key=lambda session: session.starts_at)
        upcoming = page.upcoming_sessions
        locations = []
        seen = set()
        for session in upcoming:
            point = session.public_point
            if point and point not in seen:
                seen.add(point)
                locations.append(CatalogueLocation(point[0], point[1], session.place_label))
        regions = [session.region.name for session in upcoming if session.region_id]
        return CatalogueDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=f"{page.provider.name}. {page.recognition_detail}.",
            topics=[topic.name for topic in page.topics.all()],
            region=max(set(regions), key=regions.count) if regions else "",
            locations=locations,
            starts_at=upcoming[0].starts_at if upcoming else None,
            ends_at=sessions[-1].ends_at if sessions else None,
            dates=[session.starts_at for session in sessions],
            accreditation=page.recognition_detail if page.recognition == ACCREDITED else "",
            delivery=page.delivery,
            cost="free" if page.cost == FREE else ("paid, bursaries" if page.bursaries else "paid"),
            extra_keywords={
                "recognition": [page.recognition],
                "audience": list(page.audience),
                "provider": [page.provider.name],
                **self.finder_keywords(page, upcoming),
            },
        )

    @staticmethod
    def finder_keywords(page, upcoming):
        """The finder's facets: the level and cost, and what any upcoming session offers.

        Session facets say "some session has it"; the finder then checks that one
        session has all of them, so these only narrow what it has to look at.
        """
        online = page.delivery == ONLINE or any(session.online for session in upcoming)
        return {
            "level": [page.level] if page.level else [],
            "cost": [page.cost],
            "access": [
                name
                for name, _ in ACCESSIBILITY_FEATURES
                if any(getattr(session, name) for session in upcoming)
            ],
            "time_of_day": sorted({time_of_day(session.starts_at) for session in upcoming}),
            "online": ["yes"] if online else [],
        }

    def objects_affected_by(self, instance):
        """Course pages showing a changed topic."""
        if isinstance(instance, Topic):
            return CoursePage.objects.filter(topics=instance)
        return CoursePage.objects.none()
