"""Admin viewsets for the networks app."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Community


class CommunityViewSet(SnippetViewSet):
    """Communities served, used as a directory facet."""

    model = Community
    icon = "group"
    menu_label = "Communities"
    list_display = ["name", "slug"]
    add_to_admin_menu = False
