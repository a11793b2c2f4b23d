"""Admin viewsets for courses: awarding bodies as snippets."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AwardingBody


class AwardingBodyViewSet(SnippetViewSet):
    """Awarding bodies, listed with their kind."""

    model = AwardingBody
    icon = "success"
    menu_label = "Awarding bodies"
    add_to_admin_menu = False
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
