"""Erasing a page everywhere Wagtail keeps it: the generic half of listing erasure.

``erase_pages`` removes the pages and their descendants, every revision (the
drafts and history that still hold the old text), workflow and task states,
contact-change records and relay metadata, and scrubs the page's admin log
entries down to "erased" (the fact an action happened stays, the title and
data do not). Apps add what only they know (catalogue entries, submissions)
and report it in the same :class:`ErasureReport`.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from cms.models import ContactChange, RelayRecord

ERASED_LABEL = "(erased)"


@dataclass
class ErasureReport:
    """What an erasure removed, as ``{what: how many}``, for the moderator and the log."""

    titles: list[str] = field(default_factory=list)
    removed: Counter = field(default_factory=Counter)

    def add(self, what, count):
        if count:
            self.removed[what] += count

    def lines(self):
        return [f"{what}: {count}" for what, count in sorted(self.removed.items())]


def pages_to_erase(page):
    """The page and everything under it, most specific first."""
    return list(Page.objects.descendant_of(page, inclusive=True).specific().order_by("-depth"))


@transaction.atomic
def erase_pages(pages, *, relay_kinds=(), report=None):
    """Erase ``pages`` (from ``pages_to_erase``) and their traces; returns the report.

    ``relay_kinds`` are the ``RelayRecord.target_kind`` values that point at
    these pages by id.
    """
    report = report or ErasureReport()
    ids = [page.pk for page in pages]
    object_ids = [str(pk) for pk in ids]
    report.titles = [page.title for page in reversed(pages)]

    states = WorkflowState.objects.filter(base_content_type__model="page", object_id__in=object_ids)
    report.add("workflow states", states.count())
    states.delete()
    report.add("contact changes", ContactChange.objects.filter(page_id__in=ids).delete()[0])
    report.add(
        "relay records",
        RelayRecord.objects.filter(target_kind__in=relay_kinds, target_id__in=ids).delete()[0],
    )
    Page.objects.filter(pk__in=ids).update(latest_revision=None, live_revision=None)
    report.add("revisions", Revision.page_revisions.filter(object_id__in=object_ids).delete()[0])
    for page in pages:
        page.delete()
    report.add("pages", len(pages))
    # After the delete, which logs the title once more.
    report.add(
        "log entries scrubbed",
        PageLogEntry.objects.filter(page_id__in=ids).update(
            label=ERASED_LABEL, data={}, revision=None
        ),
    )
    return report
