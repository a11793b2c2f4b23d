"""Admin viewsets for search: the editors' synonym sets."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = "Search synonyms"
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["name", "terms"]
    search_fields = ["name", "terms"]
