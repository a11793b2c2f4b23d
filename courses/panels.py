"""The admin's venue map: wagtailgeowidget's Leaflet panel, kept on our own hosts.

The upstream widget loads Leaflet from unpkg and tiles from OpenStreetMap's
servers; ours loads the bundled Leaflet (``/static/vendor/leaflet/``) and the
``MAP_TILE_URL`` tiles, which the admin's Content Security Policy allows. Finding
a point from a postcode goes through our geocoder, in ``CourseSession.clean()``.
"""

import json
from functools import cached_property

from django import forms
from django.conf import settings

from wagtail.admin.telepath import register

from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField, LeafletFieldAdapter

# The centre of England and Wales, where an empty map opens.
DEFAULT_LOCATION = {"lat": 52.6, "lng": -1.9}


class HubLeafletField(LeafletField):
    """``LeafletField`` with our Leaflet and tiles, opening empty until focused."""

    def build_attrs(self, *args, **kwargs):
        attrs = super().build_attrs(*args, **kwargs)
        if "data-leaflet-field-options-value" in attrs:
            options = json.loads(attrs["data-leaflet-field-options-value"])
            if not self.value_data:
                options["defaultLocation"] = DEFAULT_LOCATION
            options["tileLayer"] = settings.MAP_TILE_URL
            options["tileLayerOptions"] = {
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "maxZoom": 7,
            }
            # Without this the widget writes its default point into an empty field.
            options["showEmptyLocation"] = True
            options["zoom"] = min(int(options.get("zoom") or 7), 7)
            attrs["data-leaflet-field-options-value"] = json.dumps(options)
        return attrs

    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("wagtailgeowidget/css/leaflet-field.css", "vendor/leaflet/leaflet.css")},
            js=(
                "vendor/leaflet/leaflet.js",
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )


class HubLeafletPanel(LeafletPanel):
    """``LeafletPanel`` using ``HubLeafletField``."""

    def widget_overrides(self):
        return {
            self.field_name: HubLeafletField(
                address_field=self.address_field,
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
            tileLayerOptions={"attribution": settings.MAP_TILE_ATTRIBUTION, "maxZoom": 7},
            defaultLocation=DEFAULT_LOCATION,
            showEmptyLocation=True,
        )
        return [*args, options]


register(HubLeafletFieldAdapter(), HubLeafletField)
