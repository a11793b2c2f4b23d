"""An optional geocoder for full postcodes using postcodes.io (off by default).

It sends the user's full postcode to a third party, which is why it is not in
the default chain; see docs/geocoding.md before enabling it.
"""

import http.client
import json
import logging
from urllib.error import HTTPError
from urllib.parse import quote, urlsplit
from urllib.request import Request

from django.core.exceptions import ImproperlyConfigured

from cms.safety.urls import UnsafeURLError, safe_urlopen

from .base import (
    COVERED_COUNTRIES,
    Geocoder,
    GeocodeResult,
    GeocoderUnavailable,
    OutsideCoverage,
    PlaceNotFound,
)
from .query import check_postcode_area, parse_query

logger = logging.getLogger(__name__)

# URLError and timeouts are OSErrors; ValueError is a body that isn't JSON.
_LOOKUP_FAILURES = (OSError, http.client.HTTPException, ValueError)


class PostcodesIoGeocoder(Geocoder):
    """Looks up full postcodes with the postcodes.io API, for the postcode's own point.

    Districts and towns are left to the next geocoder (it raises
    ``PlaceNotFound``), and so is any postcode when the service is slow or
    failing (``GeocoderUnavailable``). The label is always the district: the
    full postcode is never echoed back in a result.
    """

    name = "postcodes.io"

    def __init__(self, base_url="https://api.postcodes.io", timeout=2.0):
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ImproperlyConfigured(
                f"PostcodesIoGeocoder needs an http(s) base_url, not {base_url!r}."
            )
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def geocode(self, query):
        parsed = parse_query(query)
        if parsed.kind == "place":
            raise PlaceNotFound.place(parsed.text)
        if parsed.kind == "district":
            raise PlaceNotFound.postcode(parsed.text)
        # Checked here so that these postcodes are never sent off-site.
        check_postcode_area(parsed)
        data = self._fetch(parsed.postcode)
        if data is None or data.get("latitude") is None:
            raise PlaceNotFound.postcode(parsed.text)
        return self._to_result(parsed, data)

    def _fetch(self, postcode):
        """The API's ``result`` object, or ``None`` if the postcode is unknown (404)."""
        url = f"{self.base_url}/postcodes/{quote(postcode.replace(' ', ''))}"
        # S310 asks for the URL scheme to be vetted: __init__ allows only http(s),
        # and safe_urlopen checks it again with the address (docs/security.md).
        request = Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            # No redirects: the API never needs one, and a 3xx is treated as a failure.
            with safe_urlopen(request, timeout=self.timeout) as response:
                payload = json.load(response)
        except UnsafeURLError as error:
            logger.warning("%s refused: its address is not public", self.name)
            raise GeocoderUnavailable() from error
        except HTTPError as error:
            if error.code == 404:
                return None
            # Never log the URL or the postcode: personal data stays out of logs.
            logger.warning("%s answered HTTP %s", self.name, error.code)
            raise GeocoderUnavailable() from error
        except _LOOKUP_FAILURES as error:
            logger.warning("%s lookup failed: %s", self.name, type(error).__name__)
            raise GeocoderUnavailable() from error
        result = payload.get("result") if isinstance(payload, dict) else None
        if not isinstance(result, dict):
            logger.warning("%s sent an unexpected response", self.name)
            raise GeocoderUnavailable()
        return result

    def _to_result(self, parsed, data):
        country = data.get("country")
        if not country:
            logger.warning("%s sent a result without a country", self.name)
            raise GeocoderUnavailable()
        if country not in COVERED_COUNTRIES:
            raise OutsideCoverage(parsed.text, country)
        try:
            latitude, longitude = float(data["latitude"]), float(data["longitude"])
        except (KeyError, TypeError, ValueError) as error:
            raise GeocoderUnavailable() from error
        codes = data.get("codes") or {}
        return GeocodeResult(
            query=parsed.outcode,
            label=parsed.outcode,
            latitude=latitude,
            longitude=longitude,
            kind="postcode",
            district=parsed.outcode,
            region_name=data.get("region") or country,
            country=country,
            lad_code=codes.get("admin_district") or "",
            lad_name=data.get("admin_district") or "",
        )
