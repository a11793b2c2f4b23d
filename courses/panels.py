"""The admin's venue map: wagtailgeowidget's Leaflet panel, kept on our own hosts.

The upstream widget loads Leaflet from unpkg and tiles from OpenStreetMap's
servers; ours loads the bundled Leaflet (``/static/vendor/leaflet/``) and the
``MAP_TILE_URL`` tiles, which the admin's Content Security Policy allows.

"Find on the map" moves the marker to a postcode, district or town through our
geocoder (``/admin/courses/geocode/``), never a third-party host: a field and button
rendered with the widget, and ``js/admin-venue-find.js`` (built from
``frontend/js/admin/venue-find.mjs``). The field is the upstream widget's *address
field*: focusing it opens the map, and the script hands the point over with the
widget's own ``searchGeocoded`` event, as its Nominatim geocoder field would.
"""

import json
from functools import cached_property

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from wagtail.admin.telepath import register

from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField, LeafletFieldAdapter

# The centre of England and Wales, where an empty map opens.
DEFAULT_LOCATION = {"lat": 52.6, "lng": -1.9}
# The bundled demo tiles (frontend/scripts/tiles.mjs) cover only England and Wales:
# with a same-site tile URL no tile outside is asked for (each would be a 404).
DEMO_TILE_BOUNDS = [[49.8, -6.5], [55.9, 2.0]]
# The "find on the map" field's id is the map field's id plus this; the upstream
# widget finds its address field as "<form prefix><address_field>".
FIND_SUFFIX = "_find"

FIND_CONTROL = """<div class="psh-venue-find" data-psh-venue-find data-geocode-url="{url}"
 data-map-id="{id}_map" data-postcode-id="{postcode_id}">
<label class="w-field__label" for="{id}_find">Find on the map</label>
<div class="w-field__help" id="{id}_find-help">A postcode, district or town. Leave it
 empty to use the venue's postcode. Then drag the marker to the venue if you know
 where it is.</div>
<input type="text" id="{id}_find" autocomplete="off" spellcheck="false" maxlength="100"
 aria-describedby="{id}_find-help {id}_find-status">
<button type="button" class="button button-small button-secondary"
 data-psh-venue-find-button>Find on the map</button>
<p class="psh-venue-find__status" id="{id}_find-status" role="status" aria-live="polite"></p>
<ul class="psh-venue-find__choices" data-psh-venue-find-choices hidden></ul>
</div>"""


def tile_layer_options():
    options = {"attribution": settings.MAP_TILE_ATTRIBUTION, "maxZoom": 7}
    url = settings.MAP_TILE_URL
    if url.startswith("/") and not url.startswith("//"):
        options["bounds"] = DEMO_TILE_BOUNDS
    return options


def form_prefix(widget_id):
    """``id_sessions-0-`` for ``id_sessions-0-location``; ``id_`` outside a formset."""
    return widget_id.rsplit("-", 1)[0] + "-" if "-" in widget_id else "id_"


class HubLeafletField(LeafletField):
    """``LeafletField`` with our Leaflet and tiles, opening empty until focused.

    Renders a "find on the map" field and button before the map; ``postcode_field``
    names the form's postcode field, which an empty search falls back to.
    """

    def __init__(self, *args, postcode_field="postcode", **kwargs):
        self.postcode_field = postcode_field
        super().__init__(*args, **kwargs)

    def build_attrs(self, *args, **kwargs):
        attrs = super().build_attrs(*args, **kwargs)
        if "data-leaflet-field-options-value" in attrs:
            options = json.loads(attrs["data-leaflet-field-options-value"])
            if not self.value_data:
                options["defaultLocation"] = DEFAULT_LOCATION
            options["tileLayer"] = settings.MAP_TILE_URL
            options["tileLayerOptions"] = tile_layer_options()
            # Without this the widget writes its default point into an empty field.
            options["showEmptyLocation"] = True
            options["zoom"] = min(int(options.get("zoom") or 7), 7)
            attrs["data-leaflet-field-options-value"] = json.dumps(options)
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        widget_id = attrs["id"]
        control = format_html(
            FIND_CONTROL,
            url=reverse("courses_geocode"),
            id=widget_id,
            postcode_id=form_prefix(widget_id) + self.postcode_field,
        )
        return control + html

    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("wagtailgeowidget/css/leaflet-field.css", "vendor/leaflet/leaflet.css")},
            js=(
                "vendor/leaflet/leaflet.js",
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
                "js/admin-venue-find.js",
            ),
        )


class HubLeafletPanel(LeafletPanel):
    """``LeafletPanel`` using ``HubLeafletField``; its address field is our "find" field."""

    def widget_overrides(self):
        return {
            self.field_name: HubLeafletField(
                address_field=self.field_name + FIND_SUFFIX,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=4326,
                id_prefix="id_",
            )
        }


class HubLeafletFieldAdapter(LeafletFieldAdapter):
    """Telepath's view of the widget (StreamField and dynamic forms): same hosts."""

    def js_args(self, widget):
        *args, options = super().js_args(widget)
        options.update(
            tileLayer=settings.MAP_TILE_URL,
            tileLayerOptions=tile_layer_options(),
            defaultLocation=DEFAULT_LOCATION,
            showEmptyLocation=True,
        )
        return [*args, options]


register(HubLeafletFieldAdapter(), HubLeafletField)
