"""The offline geocoder, the geocoder chain and the ``register_geocoder`` hook."""

from wagtail import hooks

import pytest

from cms.geocoding import (
    AmbiguousPlace,
    Geocoder,
    GeocodeResult,
    GeocoderUnavailable,
    MalformedQuery,
    OutsideCoverage,
    PlaceNotFound,
    clear_geocoder_cache,
    geocode,
    get_geocoders,
    haversine_miles,
)
from cms.geocoding.districts import load_district_table
from cms.geocoding.offline import OfflineGeocoder
from cms.hooks import REGISTER_GEOCODER, reset_registries

YORKSHIRE = "Yorkshire and The Humber"


@pytest.fixture(autouse=True)
def fresh_geocoders():
    clear_geocoder_cache()
    yield
    clear_geocoder_cache()


@pytest.mark.parametrize(
    ("query", "label", "region_name", "lad_name"),
    [
        ("LS6", "LS6", YORKSHIRE, "Leeds"),
        ("ls6 3hn", "LS6", YORKSHIRE, "Leeds"),
        ("LS63HN", "LS6", YORKSHIRE, "Leeds"),
        ("  Ls6   3Hn ", "LS6", YORKSHIRE, "Leeds"),
        ("M1", "M1", "North West", "Manchester"),
        ("S70", "S70", YORKSHIRE, "Barnsley"),
        ("NG7", "NG7", "East Midlands", "Nottingham"),
        ("sw1a 1aa", "SW1A", "London", "Westminster"),
        ("BS1", "BS1", "South West", "Bristol, City of"),
        ("CF10", "CF10", "Wales", "Cardiff"),
    ],
)
def test_postcodes_and_districts(query, label, region_name, lad_name):
    result = geocode(query)
    assert (result.label, result.district, result.kind) == (label, label, "district")
    assert (result.region_name, result.lad_name) == (region_name, lad_name)
    assert result.country == ("Wales" if region_name == "Wales" else "England")


def test_full_postcode_is_reduced_to_its_district_everywhere():
    result = geocode("LS6 3HN")
    district = geocode("LS6")
    assert result == district
    assert not any("3HN" in str(value) for value in vars(result).values())


@pytest.mark.parametrize(
    ("query", "region_name", "lad_name"),
    [
        ("Leeds", YORKSHIRE, "Leeds"),
        ("sheffield", YORKSHIRE, "Sheffield"),
        ("Exeter", "South West", "Exeter"),
        ("Truro", "South West", "Cornwall"),
        ("Cardiff", "Wales", "Cardiff"),
        ("Caerdydd", "Wales", "Cardiff"),
        ("Norwich", "East of England", "Norwich"),
        ("Barnsley", YORKSHIRE, "Barnsley"),
        ("Saint Albans", "East of England", "St Albans"),
        ("newcastle-upon-tyne", "North East", "Newcastle upon Tyne"),
    ],
)
def test_towns(query, region_name, lad_name):
    result = geocode(query)
    assert result.kind == "town"
    assert result.district == ""
    assert (result.region_name, result.lad_name) == (region_name, lad_name)


def test_town_point_is_the_town_not_a_district_centroid():
    leeds = geocode("Leeds")
    assert haversine_miles(leeds.latitude, leeds.longitude, 53.7965, -1.5478) < 1


def test_minor_namesakes_do_not_make_a_big_town_ambiguous():
    assert geocode("Preston").lad_name == "Preston"


def test_newport_is_ambiguous_between_wales_and_england():
    with pytest.raises(AmbiguousPlace) as caught:
        geocode("Newport")
    choices = caught.value.choices
    labels = [choice.label for choice in choices]
    assert len(choices) >= 2
    assert labels[0] == "Newport, Wales"  # the largest comes first
    assert "Newport, Isle of Wight" in labels
    assert {"Wales", "England"} <= {choice.country for choice in choices}
    assert caught.value.message == (
        "There's more than one place called 'Newport'. Which one did you mean?"
    )


def test_richmond_is_ambiguous():
    with pytest.raises(AmbiguousPlace) as caught:
        geocode("Richmond")
    labels = {choice.label for choice in caught.value.choices}
    assert labels == {"Richmond, London", "Richmond, North Yorkshire"}


@pytest.mark.parametrize("name", ["Newport", "Richmond", "Whitchurch", "Gillingham", "Stone"])
def test_every_choice_label_resolves_to_that_choice(name):
    with pytest.raises(AmbiguousPlace) as caught:
        geocode(name)
    labels = [choice.label for choice in caught.value.choices]
    assert len(set(labels)) == len(labels)
    for choice in caught.value.choices:
        assert geocode(choice.label) == choice
        assert geocode(choice.label.lower()).label == choice.label


@pytest.mark.parametrize(
    ("query", "label", "lad_name"),
    [
        ("Richmond, North Yorkshire", "Richmond, North Yorkshire", "North Yorkshire"),
        ("Richmond, Richmond upon Thames", "Richmond, London", "Richmond upon Thames"),
        ("Newport, Isle of Wight", "Newport, Isle of Wight", "Isle of Wight"),
        # Too small to be offered as a choice, but reachable by its authority.
        ("Newport, Uttlesford", "Newport, Uttlesford", "Uttlesford"),
    ],
)
def test_a_qualifier_picks_one_place(query, label, lad_name):
    result = geocode(query)
    assert (result.label, result.lad_name) == (label, lad_name)


def test_a_qualifier_that_matches_nothing_is_ignored():
    assert geocode("Leeds, West Yorkshire").lad_name == "Leeds"


@pytest.mark.parametrize("query", ["", "   ", "a" * 200, "<script>", "12345", "LS6 3H", "---"])
def test_malformed_queries(query):
    with pytest.raises(MalformedQuery) as caught:
        geocode(query)
    assert caught.value.message
    assert "<" not in caught.value.message


def test_a_hundred_characters_is_not_too_long():
    with pytest.raises(PlaceNotFound):
        geocode("x" * 100)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ZZ9 9ZZ", "'ZZ9 9ZZ' isn't a postcode we recognise"),
        ("zz99zz", "'ZZ9 9ZZ' isn't a postcode we recognise"),
        ("ZZ9", "'ZZ9' isn't a postcode we recognise"),
        ("Xyz", "We couldn't find a place called 'Xyz'"),
    ],
)
def test_unknown_places(query, message):
    with pytest.raises(PlaceNotFound) as caught:
        geocode(query)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("query", "country", "where"),
    [
        ("EH1", "Scotland", "'EH1' is in Scotland."),
        ("Edinburgh", "Scotland", "'Edinburgh' is in Scotland."),
        ("BT1 1AA", "Northern Ireland", "'BT1 1AA' is in Northern Ireland."),
        ("Belfast", "Northern Ireland", "'Belfast' is in Northern Ireland."),
        ("JE2", "Jersey", "'JE2' is in Jersey."),
        ("GY1", "Guernsey", "'GY1' is in Guernsey."),
        ("IM1", "Isle of Man", "'IM1' is on the Isle of Man."),
    ],
)
def test_outside_coverage(query, country, where):
    with pytest.raises(OutsideCoverage) as caught:
        geocode(query)
    assert caught.value.country == country
    assert caught.value.message == f"We list services in England and Wales. {where}"


def test_nearest_district_stays_in_the_towns_country():
    districts = load_district_table()
    # Near the Welsh border west of Chester, about 1 km from the CH4 centroid.
    point = (53.176, -2.955)
    assert districts.nearest(*point, "England").outcode == "CH4"
    assert districts.nearest(*point, "Wales").outcode == "CH5"


def test_haversine_miles():
    assert haversine_miles(53.8, -1.55, 53.8, -1.55) == 0
    # Leeds to Sheffield city centres: about 29 miles as the crow flies.
    assert haversine_miles(53.7965, -1.5478, 53.3830, -1.4659) == pytest.approx(28.8, abs=0.2)


class RecordingGeocoder(Geocoder):
    """Returns ``result`` or raises ``error``, and counts its calls."""

    name = "recording"

    def __init__(self, result=None, error=None):
        self.result, self.error, self.calls = result, error, 0

    def geocode(self, query):
        self.calls += 1
        if self.error:
            raise self.error
        return self.result


ATLANTIS = GeocodeResult(
    "Atlantis", "Atlantis", 50.0, -4.0, "town", "", "South West", "England", "", ""
)


@pytest.fixture
def extra_geocoder():
    geocoder = RecordingGeocoder(result=ATLANTIS)
    with hooks.register_temporarily(REGISTER_GEOCODER, lambda: geocoder):
        reset_registries()
        yield geocoder
    reset_registries()


def test_hook_geocoder_is_tried_after_the_configured_ones(extra_geocoder):
    assert isinstance(get_geocoders()[0], OfflineGeocoder)
    assert get_geocoders()[-1] is extra_geocoder
    assert geocode("LS6").label == "LS6"
    assert extra_geocoder.calls == 0
    assert geocode("Atlantis") is ATLANTIS
    assert extra_geocoder.calls == 1


def test_hook_geocoder_is_not_asked_after_a_final_error(extra_geocoder):
    with pytest.raises(OutsideCoverage):
        geocode("EH1")
    assert extra_geocoder.calls == 0


def chain(settings, *geocoders):
    """Point the setting at ``geocoders`` (instances handed out by a factory)."""
    settings.PEER_SUPPORT_GEOCODERS = [
        {"class": "tests.cms.test_geocoder.given", "geocoder": geocoder} for geocoder in geocoders
    ]
    clear_geocoder_cache()


def given(geocoder):
    return geocoder


def test_unavailable_and_not_found_pass_the_query_on(settings):
    down = RecordingGeocoder(error=GeocoderUnavailable())
    missing = RecordingGeocoder(error=PlaceNotFound.place("Atlantis"))
    found = RecordingGeocoder(result=ATLANTIS)
    chain(settings, down, missing, found)
    assert geocode("Atlantis") is ATLANTIS
    assert (down.calls, missing.calls, found.calls) == (1, 1, 1)


def test_not_found_is_preferred_to_unavailable_when_nothing_answers(settings):
    missing = RecordingGeocoder(error=PlaceNotFound.place("Atlantis"))
    chain(settings, missing, RecordingGeocoder(error=GeocoderUnavailable()))
    with pytest.raises(PlaceNotFound):
        geocode("Atlantis")


def test_other_errors_stop_the_chain(settings):
    ambiguous = RecordingGeocoder(error=AmbiguousPlace("Newport", []))
    never = RecordingGeocoder(result=ATLANTIS)
    chain(settings, ambiguous, never)
    with pytest.raises(AmbiguousPlace):
        geocode("Newport")
    assert never.calls == 0


def test_settings_kwargs_reach_the_geocoder(settings):
    settings.PEER_SUPPORT_GEOCODERS = [
        {"class": "cms.geocoding.offline.OfflineGeocoder", "same_place_km": 1000},
    ]
    clear_geocoder_cache()
    (offline,) = get_geocoders()
    assert offline.same_place_km == 1000
    # Every Richmond is now "the same place": the largest wins.
    assert geocode("Richmond").lad_name == "Richmond upon Thames"
