"""The geocoder contract: what a lookup returns and the errors it may raise."""

from dataclasses import dataclass
from typing import Literal

COVERED_COUNTRIES = ("England", "Wales")

# How an out-of-coverage place is named in "'EH1' is in Scotland."
_COUNTRY_PHRASES = {
    "Isle of Man": "on the Isle of Man",
}


@dataclass(frozen=True)
class GeocodeResult:
    """A point and its area for one query, reduced to what may be shown or stored.

    ``label`` is what to show ("LS6", "Leeds", "Newport, Wales"); it never holds
    a full postcode, and neither does ``query`` (a postcode query is recorded as
    its district). ``kind`` says how precise the point is: ``"postcode"`` (a full
    postcode's own point), ``"district"`` (a postcode district's centroid) or
    ``"town"``. ``district`` is the outcode, or ``""`` for a town.
    ``region_name`` is the ONS English region, or the country for Wales.
    """

    query: str
    label: str
    latitude: float
    longitude: float
    kind: Literal["postcode", "district", "town"]
    district: str
    region_name: str
    country: str
    lad_code: str
    lad_name: str


class GeocodeError(Exception):
    """Base of every geocoding error; ``message`` is safe to show to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class PlaceNotFound(GeocodeError):
    """The query is well formed, but no such postcode or place is known."""

    @classmethod
    def postcode(cls, postcode):
        return cls(f"'{postcode}' isn't a postcode we recognise")

    @classmethod
    def place(cls, name):
        return cls(f"We couldn't find a place called '{name}'")


class MalformedQuery(GeocodeError):
    """The query is empty, too long, or can't be a postcode or a place name."""


class OutsideCoverage(GeocodeError):
    """The place exists but is outside England and Wales."""

    def __init__(self, query, country):
        where = _COUNTRY_PHRASES.get(country, f"in {country}")
        super().__init__(f"We list services in England and Wales. '{query}' is {where}.")
        self.query = query
        self.country = country


class AmbiguousPlace(GeocodeError):
    """Several places share the name; ``choices`` lists them, largest first.

    Passing a choice's ``label`` back as the query resolves it.
    """

    def __init__(self, query, choices):
        super().__init__(f"There's more than one place called '{query}'. Which one did you mean?")
        self.query = query
        self.choices = list(choices)


class GeocoderUnavailable(GeocodeError):
    """The geocoder couldn't answer (timeout, network, server error): try the next."""

    def __init__(self, message="We can't look up places right now. Please try again later."):
        super().__init__(message)


class Geocoder:
    """Turns a postcode, postcode district or town into a ``GeocodeResult``.

    Subclasses set ``name`` and implement ``geocode``; settings kwargs are
    passed to ``__init__``. Raise ``PlaceNotFound`` or ``GeocoderUnavailable``
    to let the next geocoder in the chain try; raise the other errors to stop.
    """

    name = ""

    def geocode(self, query):
        """Return a ``GeocodeResult`` for ``query`` or raise a ``GeocodeError``."""
        raise NotImplementedError
