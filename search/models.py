"""The catalogue as stored in the database, synonym sets, the sync outbox and the query log.

``CatalogueEntry`` holds one ``cms.plugins.CatalogueDocument``: the database backend
queries these tables directly, and the engine backend indexes the same rows.
"""

import re

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel


class CatalogueEntry(models.Model):
    """One findable thing (course, event, project, resource, guidance …) of any source."""

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    topics = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=100, blank=True)
    region_slug = models.SlugField(max_length=100, blank=True, db_index=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    next_date = models.DateTimeField(
        null=True, blank=True, help_text="The first date on or after the last sync."
    )
    accreditation = models.CharField(max_length=200, blank=True)
    accredited = models.BooleanField(default=False, db_index=True)
    delivery = models.CharField(max_length=20, blank=True, db_index=True)
    cost = models.CharField(max_length=100, blank=True)
    extra_keywords = models.JSONField(default=dict, blank=True)
    # Lower-cased title, summary, body, topics and region: what text search scans.
    search_text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")
        ]
        indexes = [
            models.Index(fields=["kind", "region_slug"], name="search_entry_kind_region"),
            # The finder's default order (title, case aside): a page is an index scan.
            models.Index(Lower("title"), "kind", "object_id", name="search_entry_title_order"),
        ]
        # On PostgreSQL, migration 0003 adds a pg_trgm GIN index on search_text, so the
        # text search's LIKE '%word%' can use an index; it is not declared here because
        # SQLite has no such index type.
        verbose_name_plural = "catalogue entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @property
    def document_id(self):
        return f"{self.kind}:{self.object_id}"


class CatalogueEntryTopic(models.Model):
    """A topic of an entry, one row each, so facet counts are one indexed GROUP BY."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="topic_rows")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["slug", "entry"], name="search_topic_slug_entry")]

    def __str__(self):
        return self.name


class CatalogueDate(models.Model):
    """One materialised date of an entry (a session, an occurrence), for date filters."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="date_rows")
    starts_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["entry", "starts_at"], name="search_date_entry_start")]

    def __str__(self):
        return self.starts_at.isoformat()


class CatalogueLocation(models.Model):
    """A point an entry can be found near (already privacy-reduced by its source)."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="locations")
    latitude = models.FloatField(db_index=True)
    longitude = models.FloatField(db_index=True)
    label = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.label or f"{self.latitude:.3f}, {self.longitude:.3f}"


class SynonymSet(models.Model):
    """Words and phrases that mean the same to searchers, applied by every backend.

    The report this site is built on warns that peer support goes by many names:
    "peer support, mutual aid, self-help group, sister circle".
    """

    name = models.CharField(max_length=100, unique=True)
    terms = models.TextField(
        help_text="Words or phrases that mean the same, separated by commas or new lines."
    )

    panels = [FieldPanel("name"), FieldPanel("terms")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def term_list(self):
        """The terms, lower-cased, de-duplicated, in the order given."""
        seen = []
        for term in re.split(r"[,\n]", self.terms):
            term = " ".join(term.lower().split())
            if term and term not in seen:
                seen.append(term)
        return seen


class IndexOutbox(models.Model):
    """A change the engine has not yet seen; rows are deleted once applied.

    Written in the same transaction as the ``CatalogueEntry`` change, so a crash
    or an engine outage loses nothing: the next drain replays what is left.
    """

    UPSERT = "upsert"
    DELETE = "delete"
    SYNONYMS = "synonyms"
    ACTION_CHOICES = [(UPSERT, "Upsert"), (DELETE, "Delete"), (SYNONYMS, "Reload synonyms")]

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=ACTION_CHOICES)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "index outbox"

    def __str__(self):
        return f"{self.action} {self.kind}:{self.object_id}"


class SearchQueryLog(models.Model):
    """One search people ran, for the editors' report: the term only, never who asked.

    Full postcodes are reduced to their district before saving; rows older than
    90 days are purged by ``manage.py purge_search_log``.
    """

    term = models.CharField(max_length=200, db_index=True)
    result_count = models.PositiveIntegerField()
    searched_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["-searched_on"]

    def __str__(self):
        return self.term


def topic_slug(name):
    """How a topic (or region) name is matched in filters: ``Self-help`` == ``self-help``."""
    return slugify(name)
