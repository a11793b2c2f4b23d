"""The public submission forms besides "post an event": a project listing (new or an
update), a shared resource and a mentoring offer or request.

Each is a ``PublicSubmissionForm``: CSRF (the view), consent, a honeypot, the
contact address required, and its own answers kept in ``Submission.details``.
"""

from django import forms

from cms.geocoding import GeocodeError, geocode
from cms.models import Topic

from .choices import (
    MENTORING_TOPIC_SLUGS,
    GroupFormat,
    HowToJoin,
    MentoringKind,
    ProjectType,
    ResourceKind,
    Setting,
    VenueVisibility,
)
from .models import ProjectPage, Submission
from .uploads import check_upload

YES_NO = [("yes", "Yes"), ("no", "No")]
FORMATS = [("face_to_face", "Face to face"), ("telephone", "Telephone"), ("online", "Online")]


def check_place(form, place, missing_message):
    """A field error unless ``place`` is a postcode or town the geocoder knows."""
    place = (place or "").strip()
    if not place:
        if missing_message:
            form.add_error("postcode", missing_message)
        return
    try:
        geocode(place)
    except GeocodeError as error:
        form.add_error("postcode", error.message)


class PublicSubmissionForm(forms.ModelForm):
    """What every public form shares: consent, a honeypot and a required contact address.

    ``detail_fields`` are the form's own answers, saved into ``Submission.details``
    (model choices as primary keys).
    """

    kind = Submission.Kind.EVENT
    detail_fields = ()

    consent = forms.BooleanField(
        label="I agree that the hub may store what I have written until a coordinator decides",
        help_text="Do not include anyone's health details. We delete rejected submissions after 30 days.",
    )
    # A honeypot: hidden from people (the `hidden` attribute), filled by bots.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["contact_email"].required = True
        if "venue_visibility" in self.fields:
            self.fields["venue_visibility"].choices = VenueVisibility.choices

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def save(self, commit=True):
        self.instance.kind = self.kind
        self.instance.details = {
            name: _storable(self.cleaned_data.get(name)) for name in self.detail_fields
        }
        return super().save(commit)


def _storable(value):
    if hasattr(value, "values_list"):
        return sorted(value.values_list("pk", flat=True))
    return value


def _listings(network):
    return ProjectPage.objects.live().public().descendant_of(network).order_by("title")


def _optional_choice(choices, label, **kwargs):
    return forms.ChoiceField(label=label, required=False, choices=choices, **kwargs)


class ProjectSubmissionForm(PublicSubmissionForm):
    """ "Add or update our project": a new listing, or changes to one the network shows.

    For an update every answer is optional and a blank one leaves the listing
    as it is; the coordinator sees the changes as a draft revision.
    """

    kind = Submission.Kind.PROJECT
    detail_fields = (
        "project_type", "group_format", "setting", "how_to_join", "open_to_new_members",
        "topics", "who_for", "cost", "first_visit", "meeting_schedule", "public_email",
        "public_phone", "web_address", "become_contact",
    )  # fmt: skip

    project = forms.ModelChoiceField(
        ProjectPage.objects.none(),
        label="Is this an update to a listing we already show?",
        required=False,
        empty_label="No, it is a new listing",
    )
    project_type = _optional_choice(
        [("", "Choose a type"), *ProjectType.choices], "What kind of peer support is it?"
    )
    group_format = _optional_choice(
        GroupFormat.choices, "Group or one to one", widget=forms.RadioSelect
    )
    setting = _optional_choice(Setting.choices, "Where does it happen?", widget=forms.RadioSelect)
    how_to_join = _optional_choice(
        HowToJoin.choices, "How do people join?", widget=forms.RadioSelect
    )
    open_to_new_members = _optional_choice(
        YES_NO, "Is it open to new members?", widget=forms.RadioSelect
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    who_for = forms.CharField(
        label="Who it is for",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cost = forms.CharField(required=False, max_length=100, help_text="For example, “Free”.")
    first_visit = forms.CharField(
        label="What to expect at a first visit",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    meeting_schedule = forms.CharField(label="When it meets", required=False, max_length=200)
    public_email = forms.EmailField(
        label="Public email address",
        required=False,
        help_text="An organisational inbox you want published, never a person's own email.",
    )
    public_phone = forms.CharField(label="Public phone number", required=False, max_length=30)
    web_address = forms.URLField(
        label="Website", required=False, assume_scheme="https", max_length=200
    )
    become_contact = forms.BooleanField(
        label="Make my email address the listing's private contact",
        required=False,
        help_text="For an update: the listing's current contact is asked to confirm this first.",
    )  # fmt: skip

    class Meta:
        model = Submission
        fields = [
            "project", "title", "organiser", "summary", "description", "venue_visibility",
            "venue_name", "address", "postcode", "contact_email",
        ]  # fmt: skip
        labels = {
            "title": "Name of the group or project",
            "organiser": "Organisation that runs it",
            "summary": "Describe it in a sentence or two",
            "description": "More detail",
            "venue_visibility": "How much of the venue can we show?",
            "address": "Venue address",
            "postcode": "Postcode or town",
            "contact_email": "Your group's email address",
        }
        help_texts = {
            "organiser": "Give the group's own name if no organisation runs it.",
            "postcode": "We only ever show the postcode district, such as LS6.",
            "contact_email": "We send links to confirm or update the listing here. We never publish it.",
        }
        widgets = {
            "venue_visibility": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "project", "title", "organiser", "summary", "description", "project_type",
        "group_format", "setting", "how_to_join", "open_to_new_members", "topics", "who_for",
        "cost", "first_visit", "meeting_schedule", "venue_visibility", "venue_name", "address",
        "postcode", "public_email", "public_phone", "web_address", "contact_email",
        "become_contact", "consent", "website",
    ]  # fmt: skip

    NEW_LISTING_NEEDS = {
        "title": "Enter the name of the group or project.",
        "organiser": "Enter the organisation that runs it, or the group's own name.",
        "summary": "Describe the group or project in a sentence or two.",
        "project_type": "Choose what kind of peer support it is.",
        "how_to_join": "Choose how people join.",
        "open_to_new_members": "Say whether it is open to new members.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _listings(self.network)
        # Checked in clean(): an update needs none of them; area only if left out.
        for name in ("title", "organiser", "summary", "venue_visibility"):
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        cleaned["venue_visibility"] = cleaned.get("venue_visibility") or VenueVisibility.AREA
        project = cleaned.get("project")
        if project:
            # The queue names the listing an update is for.
            cleaned["title"] = cleaned.get("title") or project.title
            cleaned["organiser"] = cleaned.get("organiser") or project.title
            check_place(self, cleaned.get("postcode"), None)
            return cleaned
        for name, message in self.NEW_LISTING_NEEDS.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        online = cleaned.get("setting") == Setting.ONLINE
        check_place(
            self,
            cleaned.get("postcode"),
            None if online else "Enter a postcode or town, or choose “Online”.",
        )
        return cleaned


class ResourceSubmissionForm(PublicSubmissionForm):
    """ "Share a resource": a file (kept private until approved) or a link."""

    kind = Submission.Kind.RESOURCE
    detail_fields = ("resource_kind", "topics", "link")

    resource_kind = forms.ChoiceField(
        label="What kind of resource is it?", choices=ResourceKind.choices, widget=forms.RadioSelect
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    upload = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) or CSV, up to 10 MB.",
    )
    link = forms.URLField(
        label="Or give a link", required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Submission
        fields = ["title", "organiser", "summary", "description", "contact_email"]
        labels = {
            "title": "Title of the resource",
            "organiser": "Group or project sharing it",
            "summary": "Describe it in a sentence or two",
            "description": "More detail",
            "contact_email": "Your group's email address",
        }
        help_texts = {
            "contact_email": "Only for questions about this resource. We do not publish it."
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "title", "organiser", "resource_kind", "summary", "description", "topics", "upload",
        "link", "contact_email", "consent", "website",
    ]  # fmt: skip

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if "upload" in self.errors or "link" in self.errors:
            return cleaned
        if bool(cleaned.get("upload")) == bool(cleaned.get("link")):
            self.add_error("upload", "Upload a file or give a link (one, not both).")
        return cleaned


class MentoringSubmissionForm(PublicSubmissionForm):
    """ "Offer or request mentoring" on the report's six topics."""

    kind = Submission.Kind.MENTORING
    detail_fields = ("mentoring_kind", "topics", "formats", "availability")

    mentoring_kind = forms.ChoiceField(
        label="Are you offering mentoring or asking for it?",
        choices=[(MentoringKind.OFFER, "Offering"), (MentoringKind.REQUEST, "Asking for it")],
        widget=forms.RadioSelect,
    )
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.filter(slug__in=MENTORING_TOPIC_SLUGS).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one topic."},
    )
    formats = forms.MultipleChoiceField(
        label="How can you meet?",
        choices=FORMATS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one way: face to face, telephone or online."},
    )
    availability = forms.CharField(
        required=False, max_length=200, help_text="For example, “Two hours a month”."
    )
    project = forms.ModelChoiceField(
        ProjectPage.objects.none(),
        label="Which project is it from?",
        required=False,
        empty_label="Not listed here",
    )

    class Meta:
        model = Submission
        fields = ["title", "organiser", "project", "summary", "description", "contact_email"]
        labels = {
            "title": "A short title",
            "organiser": "Your group or project",
            "summary": "What you can offer, or what you need, in a sentence or two",
            "description": "More detail",
            "contact_email": "Your group's email address",
        }
        help_texts = {
            "title": "For example, “Help with our first funding bid”.",
            "contact_email": "We send links about this offer or request here. We never publish it.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "mentoring_kind", "title", "organiser", "project", "summary", "description", "topics",
        "formats", "availability", "contact_email", "consent", "website",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _listings(self.network)
