"""Course sessions: dated, ordered child rows of a course page, each with its venue."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.geocoding import GeocodeError, geocode
from cms.models import Region

from ..choices import ACCESSIBILITY_FEATURES, AREA_ONLY, PUBLIC, VISIBILITY_CHOICES
from ..panels import HubLeafletPanel
from ..validators import web_url_validator

POINT_PATTERN = re.compile(
    r"^(?:SRID=\d+;)?POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$", re.I
)


def point_text(latitude, longitude):
    """The map widget's text for a point: ``SRID=4326;POINT(lng lat)``."""
    if latitude is None or longitude is None:
        return ""
    return f"SRID=4326;POINT({longitude:.6f} {latitude:.6f})"


class CourseSession(Orderable):
    """One run of a course: when, where (or online), and how accessible the venue is.

    ``latitude``/``longitude`` are the venue's own point and the source of truth for
    queries. ``area_latitude``/``area_longitude`` are its postcode district's centre,
    filled by the geocoder in ``clean()``; anything not public shows only those
    (see ``public_point``). Geocoding happens in ``clean()``, never in ``save()``.
    """

    page = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    online = models.BooleanField(
        default=False, help_text="Held online: no venue. Give the joining details on booking."
    )
    venue_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True, help_text="Street address, without the postcode.")
    postcode = models.CharField(
        max_length=10,
        blank=True,
        help_text="The venue's postcode. We find its area, region and a map point from it.",
    )
    location = models.CharField(
        max_length=250,
        blank=True,
        help_text=(
            "Click the field to open the map, then drag the marker to the venue. Leave it "
            "empty to use the centre of the postcode's district."
        ),
    )
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(49.0), MaxValueValidator(61.0)],
        help_text="Filled from the map point, or from the postcode's district centre.",
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-9.0), MaxValueValidator(2.5)]
    )
    postcode_district = models.CharField(max_length=5, blank=True, editable=False)
    area_latitude = models.FloatField(null=True, blank=True, editable=False)
    area_longitude = models.FloatField(null=True, blank=True, editable=False)
    local_authority = models.CharField(max_length=100, blank=True, editable=False)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Found from the postcode. Choose one only to override it.",
    )
    venue_visibility = models.CharField(
        max_length=12,
        choices=VISIBILITY_CHOICES,
        default=AREA_ONLY,
        help_text=(
            "Unless public, the site shows only the postcode district (e.g. LS6) and its "
            "centre, never the venue, its address or its exact point."
        ),
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)
    booking_url = models.URLField(
        blank=True,
        validators=[web_url_validator],
        help_text="Only if this session is booked somewhere other than the course's link.",
    )
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField(default=False)
    bsl = models.BooleanField("BSL interpretation", default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("online"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                HubLeafletPanel("location"),
                FieldPanel("region"),
                FieldPanel("venue_visibility"),
            ],
            heading="Venue",
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _ in ACCESSIBILITY_FEATURES], heading="Venue access"
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking_url")]),
    ]

    class Meta(Orderable.Meta):
        indexes = [
            models.Index(fields=["page", "starts_at"], name="courses_session_page_start"),
            # A bounding box on the venue's point (bench/baseline.py, map and near queries).
            models.Index(fields=["latitude"], name="courses_session_latitude"),
            models.Index(fields=["longitude"], name="courses_session_longitude"),
        ]

    def __str__(self):
        return f"{self.page.title if self.page_id else 'Session'}, {self.starts_at:%d %b %Y}"

    # --- validation ----------------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts."
        if self.online:
            if self.venue_name or self.address or self.postcode:
                errors["online"] = (
                    "An online session has no venue: clear the venue fields or untick “online”."
                )
        else:
            errors.update(self._locate())
        if errors:
            raise ValidationError(errors)

    def _locate(self):
        """Fill the district, area centre, authority and region from the postcode.

        The map's ``location`` (wagtailgeowidget's ``SRID=4326;POINT(lng lat)``) sets the
        venue's point, unless it is only the previous district centre filled in
        automatically: then a changed postcode moves it.
        """
        error = self._point_from_location()
        if error:
            return error
        has_point = self.latitude is not None and self.longitude is not None
        if (self.latitude is None) != (self.longitude is None):
            return {"longitude": "Give both latitude and longitude, or neither."}
        if not self.postcode.strip():
            if not has_point:
                return {
                    "postcode": "An in-person session needs a location: give the venue's postcode."
                }
            if self.venue_visibility != PUBLIC:
                return {
                    "postcode": "Give the venue's postcode, so we can show its area instead of its address."
                }
            return {}
        try:
            place = geocode(self.postcode)
        except GeocodeError as error:
            return {"postcode": error.message}
        self.postcode = " ".join(self.postcode.upper().split())
        previous_district = self.postcode_district
        self._point_is_previous_area = (
            has_point
            and self.area_latitude is not None
            and (round(self.latitude, 5), round(self.longitude, 5))
            == (round(self.area_latitude, 5), round(self.area_longitude, 5))
        )
        self.postcode_district = place.district
        self.area_latitude, self.area_longitude = place.latitude, place.longitude
        self.local_authority = place.lad_name
        if not has_point or self._point_is_previous_area:
            self.latitude, self.longitude = place.latitude, place.longitude
        self.location = point_text(self.latitude, self.longitude)
        if self.region_id is None or self._region_was_automatic(previous_district):
            self.region = Region.objects.filter(name__iexact=place.region_name).first()
        return {}

    def _region_was_automatic(self, previous_district):
        """Whether the region is the one the previous postcode gave (not an override)."""
        if not previous_district or previous_district == self.postcode_district:
            return False
        try:
            previous = geocode(previous_district)
        except GeocodeError:
            return False
        return self.region.name.lower() == previous.region_name.lower()

    def _point_from_location(self):
        if not self.location.strip():
            return {}
        match = POINT_PATTERN.match(self.location.strip())
        if not match:
            return {"location": "Pick the venue on the map, or clear the field."}
        self.longitude, self.latitude = float(match.group(1)), float(match.group(2))
        if not (49.0 <= self.latitude <= 61.0 and -9.0 <= self.longitude <= 2.5):
            return {"location": "That point is outside the UK: pick the venue on the map."}
        return {}

    # --- what may be shown -----------------------------------------------------------------

    @property
    def is_public(self):
        return self.venue_visibility == PUBLIC

    @property
    def is_upcoming(self):
        return self.starts_at >= timezone.now()

    @property
    def public_point(self):
        """``(latitude, longitude)`` safe to publish, or ``None`` (online, or unlocated)."""
        if self.online:
            return None
        if self.is_public and self.latitude is not None:
            return (self.latitude, self.longitude)
        if self.area_latitude is not None:
            return (self.area_latitude, self.area_longitude)
        return None

    @property
    def place_label(self):
        """A short public name for where it is: the venue when public, else the district."""
        if self.online:
            return "Online"
        if self.is_public:
            return ", ".join(part for part in (self.venue_name, self.postcode_district) if part)
        return (
            f"{self.postcode_district} area" if self.postcode_district else "Area to be confirmed"
        )

    @property
    def public_address_lines(self):
        """The address lines to publish: empty unless the venue is public."""
        if self.online or not self.is_public:
            return []
        lines = [self.venue_name, *self.address.splitlines(), self.postcode]
        return [line.strip() for line in lines if line and line.strip()]

    @property
    def accessibility_labels(self):
        return [label for name, label in ACCESSIBILITY_FEATURES if getattr(self, name)]
