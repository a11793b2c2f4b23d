"""Admin viewsets for the core's shared records."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Organisation, Region, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    menu_order = 100


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "ons_code", "country"]
    menu_order = 200


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "charity_number", "peer_led"]
    list_filter = ["peer_led"]
    search_fields = ["name"]
    menu_order = 300


class SharedRecordsViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, RegionViewSet, OrganisationViewSet)
    menu_label = "Shared records"
    menu_icon = "folder-open-inverse"
    menu_order = 250
