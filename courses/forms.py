"""The course finder's GET form: every parameter validated, none can cause a 500."""

import re
from datetime import timedelta

from django import forms
from django.utils import timezone

from cms.geocoding import AmbiguousPlace, GeocodeError, geocode
from cms.models import Topic

from .choices import (
    ACCESSIBILITY_FEATURES,
    DELIVERY_CHOICES,
    LEVEL_CHOICES,
    RECOGNITION_CHOICES,
    TIME_OF_DAY_CHOICES,
)

RADIUS_CHOICES = [(str(miles), f"{miles} miles") for miles in (5, 10, 15, 30, 45, 60, 75)]
DEFAULT_RADIUS = "10"
WITHIN_CHOICES = [("", "Any time"), ("30", "30 days"), ("60", "60 days"), ("90", "90 days")]
SORT_CHOICES = [("", "Best match"), ("distance", "Distance"), ("date", "Date"), ("title", "Title")]
FULL_POSTCODE = re.compile(r"^\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}\s*$", re.IGNORECASE)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CourseFinderForm(forms.Form):
    """What someone asked the finder; ``clean`` geocodes ``near`` into ``place``."""

    q = forms.CharField(
        label="Words",
        max_length=200,
        required=False,
        help_text="For example: facilitation, or hearing voices.",
    )
    near = forms.CharField(
        label="Near",
        max_length=100,
        required=False,
        help_text="A postcode, postcode district or town, for example LS6 or Leeds.",
    )
    radius = forms.ChoiceField(
        label="Distance", choices=RADIUS_CHOICES, required=False, initial=DEFAULT_RADIUS
    )
    include_online = forms.BooleanField(label="Include online courses", required=False)
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
        error_messages={"invalid_choice": "Choose a topic from the list."},
    )
    recognition = forms.MultipleChoiceField(
        label="Recognition",
        choices=RECOGNITION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(
        label="Qualification level (accredited courses)",
        choices=[("", "Any level"), *LEVEL_CHOICES],
        required=False,
    )
    delivery = forms.MultipleChoiceField(
        label="How it is taught",
        choices=DELIVERY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_of_day = forms.MultipleChoiceField(
        label="When",
        choices=TIME_OF_DAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    free = forms.BooleanField(label="Free courses only", required=False)
    within = forms.ChoiceField(label="Starting within", choices=WITHIN_CHOICES, required=False)
    date_from = forms.DateField(label="Starting from", required=False, widget=DateInput)
    date_to = forms.DateField(label="Starting by", required=False, widget=DateInput)
    access = forms.MultipleChoiceField(
        label="Venue access",
        choices=ACCESSIBILITY_FEATURES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dated = forms.BooleanField(label="Only courses with dates", required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = None
        self.place_choices = []

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_near(self):
        near = " ".join(self.cleaned_data["near"].split())
        if not near:
            return ""
        try:
            self.place = geocode(near)
        except AmbiguousPlace as error:
            self.place_choices = [choice.label for choice in error.choices]
            raise forms.ValidationError(error.message) from None
        except GeocodeError as error:
            raise forms.ValidationError(error.message) from None
        return near

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "The “starting by” date must be on or after “starting from”.")
        return cleaned

    # --- what the finder reads ---------------------------------------------------------------

    @property
    def radius_miles(self):
        return int(self.cleaned_data.get("radius") or DEFAULT_RADIUS)

    def date_bounds(self):
        """``(after, before)`` as aware datetimes; ``after`` is never in the past."""
        now = timezone.now()
        after, before = now, None
        data = self.cleaned_data
        if data.get("date_from"):
            start = timezone.make_aware(
                timezone.datetime.combine(data["date_from"], timezone.datetime.min.time())
            )
            after = max(after, start)
        if data.get("date_to"):
            before = timezone.make_aware(
                timezone.datetime.combine(data["date_to"], timezone.datetime.max.time())
            )
        if data.get("within"):
            limit = now + timedelta(days=int(data["within"]))
            before = min(before, limit) if before else limit
        return after, before

    def reduced_query(self):
        """The query string with a full postcode reduced to its district, or ``None``."""
        near = self.data.get("near", "")
        if self.place is None or not FULL_POSTCODE.match(near):
            return None
        query = self.data.copy()
        query["near"] = self.place.district or self.place.label
        query.pop("page", None)
        return query
