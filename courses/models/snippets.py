"""Awarding bodies: who stands behind an accredited course's qualification or credits."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AwardingBody(index.Indexed, models.Model):
    """An organisation that awards qualifications or credits for accredited courses.

    A CPD certifier or an endorsing programme is *not* an awarding body: courses
    record those by name (``CoursePage.certifier``).
    """

    REGULATED = "regulated"
    UNIVERSITY = "university"
    OCN = "ocn"
    KIND_CHOICES = [
        (REGULATED, "Awarding organisation recognised by Ofqual or Qualifications Wales"),
        (UNIVERSITY, "University"),
        (OCN, "Open College Network"),
    ]

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "awarding bodies"

    def __str__(self):
        return self.name
