"""Public forms: the directory's filters and "post an event" (the other submission
forms are in ``networks.submission_forms``)."""

import datetime

from django import forms
from django.utils import timezone

from cms.models import Region

from .choices import HowToJoin, ProjectType, Setting
from .models import Community, Submission
from .submission_forms import PublicSubmissionForm, check_place


class DirectoryFilterForm(forms.Form):
    """Facets for the national directory; an invalid choice is reported, not ignored."""

    region = forms.ModelChoiceField(
        Region.objects.all(), required=False, to_field_name="slug", empty_label="All regions"
    )
    project_type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *ProjectType.choices]
    )
    community = forms.ModelChoiceField(
        Community.objects.all(),
        label="Community served",
        required=False,
        to_field_name="slug",
        empty_label="All communities",
    )
    how_to_join = forms.ChoiceField(
        label="How to join", required=False, choices=[("", "Any way"), *HowToJoin.choices]
    )
    setting = forms.ChoiceField(required=False, choices=[("", "All settings"), *Setting.choices])
    open_to_new_members = forms.BooleanField(label="Open to new members", required=False)

    def filter(self, projects):
        if not self.is_bound or not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["region"]:
            projects = projects.filter(region=data["region"])
        for field in ("project_type", "how_to_join", "setting"):
            if data[field]:
                projects = projects.filter(**{field: data[field]})
        if data["community"]:
            projects = projects.filter(communities=data["community"])
        if data["open_to_new_members"]:
            projects = projects.filter(open_to_new_members=True)
        return projects


class CoverageFilterForm(forms.Form):
    """The coverage page's one choice: which region's local authorities to list."""

    region = forms.ModelChoiceField(
        Region.objects.all(),
        label="Show local authorities in",
        required=False,
        to_field_name="slug",
        empty_label="All regions",
        error_messages={"invalid_choice": "Choose a region from the list."},
    )


class EventSubmissionForm(PublicSubmissionForm):
    """“Post an event”: a public form whose result waits in the network's queue."""

    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), help_text="For example, 27 3 2027."
    )
    start_time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), label="Start time")
    end_time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), label="End time")
    booking_url = forms.URLField(
        label="Booking link", required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Submission
        fields = [
            "organiser",
            "title",
            "summary",
            "description",
            "online",
            "venue_visibility",
            "venue_name",
            "address",
            "postcode",
            "booking_url",
            "cost",
            "contact_email",
        ]
        labels = {
            "title": "Event name",
            "summary": "Describe the event in a sentence or two",
            "description": "More detail",
            "online": "This event is online",
            "venue_visibility": "How much of the venue can we show?",
            "address": "Venue address",
            "postcode": "Postcode or town",
            "contact_email": "Your group's email address",
        }
        help_texts = {
            "postcode": "We only ever show the postcode district, such as LS6.",
            "contact_email": "Only for questions about this event. We do not publish it.",
        }
        widgets = {
            "venue_visibility": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "organiser", "title", "summary", "description", "date", "start_time", "end_time",
        "online", "venue_visibility", "venue_name", "address", "postcode", "booking_url",
        "cost", "contact_email", "consent", "website",
    ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        date, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if date and start and end:
            tz = timezone.get_default_timezone()
            self.instance.start = timezone.make_aware(datetime.datetime.combine(date, start), tz)
            self.instance.end = timezone.make_aware(datetime.datetime.combine(date, end), tz)
            if self.instance.end <= self.instance.start:
                self.add_error("end_time", "The end time must be after the start time.")
            if self.instance.start <= timezone.now():
                self.add_error("date", "The date must be in the future.")
        if not cleaned.get("online"):
            check_place(
                self,
                cleaned.get("postcode"),
                "Enter a postcode or town, or tick “This event is online”.",
            )
        return cleaned
