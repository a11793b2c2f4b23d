"""Erasing a page everywhere Wagtail keeps it: the generic half of listing erasure.

``pages_to_erase`` finds the page, its descendants, its aliases and its copies
(and theirs, until nothing new turns up): an alias is a second page with the
same content, and Wagtail's copy duplicates the page with its revisions, so
both hold the same data. A copy is recognised by those revisions: a copied
revision keeps the original's creation time, author and content type, so any
page with a revision matching one of the page's is a copy of it, or the page a
copy of it. ``erase_pages`` removes the pages, every revision (the
drafts and history that still hold the old text), workflow and task states,
contact-change records and relay metadata, and scrubs the page's admin log
entries down to "erased" (the fact an action happened stays, the title and
data do not). Apps add what only they know (catalogue entries, submissions)
and report it in the same :class:`ErasureReport`.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q

from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from cms.models import ContactChange, RelayRecord

ERASED_LABEL = "(erased)"


@dataclass
class ErasureReport:
    """What an erasure removed, as ``{what: how many}``, for the moderator and the log."""

    titles: list[str] = field(default_factory=list)
    removed: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add(self, what, count):
        if count:
            self.removed[what] += count

    def lines(self):
        return [f"{what}: {count}" for what, count in sorted(self.removed.items())] + self.notes


def _copies_of(ids):
    """Pages outside ``ids`` holding a revision copied from (or to) one of theirs."""
    object_ids = [str(pk) for pk in ids]
    signatures = set(
        Revision.page_revisions.filter(object_id__in=object_ids).values_list(
            "created_at", "content_type_id", "user_id"
        )
    )
    if not signatures:
        return set()
    candidates = Revision.page_revisions.filter(
        created_at__in={created for created, _, _ in signatures}
    ).exclude(object_id__in=object_ids)
    return {
        int(object_id)
        for object_id, *signature in candidates.values_list(
            "object_id", "created_at", "content_type_id", "user_id"
        )
        if tuple(signature) in signatures
    }


def pages_to_erase(page):
    """The page, everything under it, its aliases and copies and theirs, deepest first."""
    ids = {page.pk}
    while True:
        paths = Page.objects.filter(pk__in=ids).values_list("path", flat=True)
        trees = Page.objects.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))
        found = set(trees.values_list("pk", flat=True))
        aliases = Page.objects.filter(Q(alias_of__in=ids) | Q(aliases__in=ids))
        found |= set(aliases.values_list("pk", flat=True))
        found |= _copies_of(ids)
        if found <= ids:
            break
        ids |= found
    return list(Page.objects.filter(pk__in=ids).specific().order_by("-depth", "path"))


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
