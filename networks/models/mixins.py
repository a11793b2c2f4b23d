"""Small abstract mixins shared by the networks pages, each with its own panels."""

from django import forms
from django.db import models

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.geocoding import GeocodeError

from ..choices import VenueVisibility
from ..location import locate


class LocatedPageForm(WagtailAdminPageForm):
    """Asks the geocoder for the area when the postcode or place changes."""

    def clean(self):
        cleaned = super().clean()
        place = (cleaned.get("postcode") or "").strip()
        if place and ("postcode" in self.changed_data or not self.instance.district):
            if "latitude" in self.changed_data or "longitude" in self.changed_data:
                self.instance.latitude = cleaned.get("latitude")
                self.instance.longitude = cleaned.get("longitude")
            else:
                self.instance.latitude = self.instance.longitude = None
            try:
                locate(self.instance, place)
            except GeocodeError as error:
                self.add_error("postcode", error.message)
                return cleaned
            cleaned["latitude"] = self.instance.latitude
            cleaned["longitude"] = self.instance.longitude
            if not cleaned.get("region"):
                cleaned["region"] = self.instance.region
        return cleaned


class LocationMixin(models.Model):
    """Where something happens, and how much of it the public may see.

    The address and exact point are shown only with a public address; otherwise
    every output uses the district centre (see ``networks.location``).
    """

    venue_visibility = models.CharField(
        max_length=12,
        choices=VenueVisibility.choices,
        default=VenueVisibility.AREA,
        help_text="Area only shows the district, never the address or exact point.",
    )
    venue_name = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True, help_text="Shown only with a public address.")
    postcode = models.CharField(
        "Postcode or place",
        max_length=100,
        blank=True,
        help_text="Used to find the district and region. Only the district is ever shown.",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    district = models.CharField(max_length=60, blank=True, editable=False)
    area_name = models.CharField(max_length=100, blank=True, editable=False)
    district_latitude = models.FloatField(null=True, blank=True, editable=False)
    district_longitude = models.FloatField(null=True, blank=True, editable=False)
    region = models.ForeignKey(
        "cms.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Found from the place; change it only if the geocoder got it wrong.",
    )

    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel("venue_visibility", widget=forms.RadioSelect),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("region"),
            ],
            heading="Where",
        )
    ]

    class Meta:
        abstract = True

    @property
    def area_label(self):
        if self.area_name and self.district and self.area_name != self.district:
            return f"{self.area_name} ({self.district})"
        return self.area_name or self.district

    @property
    def public_address(self):
        """The address, only when the venue chose to publish it."""
        if self.venue_visibility == VenueVisibility.PUBLIC:
            return self.address
        return ""

    @property
    def is_mappable(self):
        return self.district_latitude is not None or self.latitude is not None
