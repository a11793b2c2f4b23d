"""Catalogue sources the search app contributes itself: guidance pages.

``cms`` must not import ``search``, so the core's guidance pages are turned into
catalogue documents here and registered from ``search/wagtail_hooks.py``.
"""

from cms.models import GuidancePage, Topic
from cms.plugins import CatalogueDocument, CatalogueSource


def stream_text(stream_value):
    """The searchable words of a StreamField value, as one plain string."""
    if not stream_value:
        return ""
    return " ".join(stream_value.stream_block.get_searchable_content(stream_value))


class GuidanceSource(CatalogueSource):
    """Editors' guidance articles: text and topics, no places or dates."""

    kind = "guidance"
    label = "Guidance"
    model = GuidancePage

    def get_queryset(self):
        return GuidancePage.objects.live().public().prefetch_related("topics")

    def to_document(self, page):
        return CatalogueDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            body=stream_text(page.body),
            topics=[topic.name for topic in page.topics.all()],
            delivery="online",
        )

    def objects_affected_by(self, instance):
        """Pages showing a changed snippet: a renamed topic relabels their facets."""
        if isinstance(instance, Topic):
            return GuidancePage.objects.filter(topics=instance)
        return GuidancePage.objects.none()
