"""The site search form: one box, facet checkboxes, an optional place."""

from django import forms

from .finder import MAX_QUERY_LENGTH, MAX_RADIUS, MIN_RADIUS

RADIUS_CHOICES = [5, 10, 25, 50, 100]
SORT_CHOICES = [("relevance", "Best match"), ("distance", "Nearest"), ("date", "Soonest")]


class SearchForm(forms.Form):
    """Facet values are free text: the choices shown come from the results' counts."""

    q = forms.CharField(label="Search", max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.MultipleChoiceField(required=False)
    topic = forms.MultipleChoiceField(required=False)
    region = forms.MultipleChoiceField(required=False)
    near = forms.CharField(label="Near (postcode or town)", max_length=100, required=False)
    radius = forms.IntegerField(min_value=MIN_RADIUS, max_value=MAX_RADIUS, required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
        # Any topic or region may be asked for; unknown ones simply match nothing.
        for name in ("topic", "region"):
            self.fields[name].valid_value = lambda value: len(value) <= 100

    def has_search(self):
        data = self.cleaned_data
        return any(data.get(name) for name in ("q", "kind", "topic", "region", "near"))
