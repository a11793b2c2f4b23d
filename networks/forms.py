"""Public forms: the directory's filters."""

from django import forms

from cms.models import Region

from .choices import HowToJoin, ProjectType, Setting
from .models import Community


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
    setting = forms.ChoiceField(
        required=False, choices=[("", "All settings"), *Setting.choices]
    )
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
