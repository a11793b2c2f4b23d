"""Taxonomies and records shared by every app: Topic, Region and Organisation."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

charity_number_validator = RegexValidator(
    r"^\d{6,8}(-\d{1,2})?$",
    "Enter the charity number as digits, e.g. 1234567 (or 1234567-1 for a linked charity).",
)
company_number_validator = RegexValidator(
    r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$",
    "Enter the eight-character Companies House number, e.g. 01234567 or SC123456.",
)


class Topic(RevisionMixin, index.Indexed, models.Model):
    """A theme content is filed under, shared by guidance, courses and networks."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on topic pages."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Region(models.Model):
    """One of the nine ONS English regions, or Wales; networks belong to one."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    country = models.CharField(max_length=20, default="England")
    latitude = models.FloatField(help_text="Centre point, used to place the region on maps.")
    longitude = models.FloatField()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("ons_code"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Centre"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """A charity, company or group that trains, runs projects, or both.

    Maps to Open Referral's Organization. Only organisational contact channels
    are stored here: never a person's name or personal email.
    """

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    charity_number = models.CharField(
        max_length=12, blank=True, validators=[charity_number_validator]
    )
    company_number = models.CharField(
        max_length=8, blank=True, validators=[company_number_validator]
    )
    website = models.URLField(blank=True)
    peer_led = models.BooleanField(
        default=False,
        help_text="Run by people with lived experience of mental health problems.",
    )
    public_email = models.EmailField(
        blank=True, help_text="An organisational address the group chose to publish."
    )
    public_phone = models.CharField(max_length=30, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("charity_number"), FieldPanel("company_number")]),
        FieldPanel("website"),
        FieldPanel("peer_led"),
        MultiFieldPanel(
            [FieldPanel("public_email"), FieldPanel("public_phone")],
            heading="Public contact",
            help_text="Published on the site. Use a shared inbox or office number, never a person's own.",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
