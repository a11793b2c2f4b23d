"""The finder API: /api/v1/search and /api/v1/search/suggest, and their validation."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


def get(client, **params):
    return client.get(URL, params)


def test_the_endpoint_answers_at_its_documented_url(client, catalogue):
    response = get(client)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 10
    assert body["backend"] == "database"
    assert body["degraded"] is False
    assert set(body["facets"]) == {"kind", "topic", "region"}
    assert {"value": "fixture_course", "count": 3} in body["facets"]["kind"]


def test_results_carry_the_documented_fields(client, catalogue):
    hit = get(client, q="bradford").json()["results"][0]
    assert set(hit) == {
        "kind",
        "title",
        "url",
        "summary",
        "topics",
        "region",
        "distance_miles",
        "next_date",
        "delivery",
        "accreditation",
        "highlight",
    }
    assert hit["title"] == "Peer support training in Bradford"
    assert hit["next_date"] is not None


def test_filters(client, catalogue):
    def titles(**params):
        return sorted(hit["title"] for hit in get(client, **params).json()["results"])

    assert titles(kind="fixture_group", region="London") == ["Hearing voices group"]
    assert len(titles(topic=["Training", "Women"])) == 4
    assert titles(accredited="true", delivery="online") == ["Online skills for peer workers"]
    assert titles(starts_after="2000-01-01", starts_before="2000-12-31") == []


def test_near_a_town_gives_rounded_distances(client, catalogue):
    body = get(client, near="Leeds", radius=30, sort="distance").json()
    assert body["near"]["label"].startswith("Leeds")
    assert body["near"]["radius_miles"] == 30
    distances = [hit["distance_miles"] for hit in body["results"]]
    assert distances == sorted(distances)
    assert all(d == round(d, 1) for d in distances)
    assert body["total"] == 5


def test_an_unknown_place_is_a_400_naming_it(client, catalogue):
    response = get(client, near="Xyzzy")
    assert response.status_code == 400
    assert "We couldn't find" in response.json()["detail"]
    assert "Xyzzy" in response.json()["detail"]


def test_a_place_outside_coverage_is_a_400(client, catalogue):
    response = get(client, near="EH1")
    assert response.status_code == 400
    assert "England and Wales" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"radius": 0, "near": "Leeds"}, "radius"),
        ({"radius": 201, "near": "Leeds"}, "radius"),
        ({"radius": "far", "near": "Leeds"}, "radius"),
        ({"radius": 10}, "radius needs near"),
        ({"page": 0}, "page"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"page": 101, "page_size": 100}, "page × page_size"),
        ({"sort": "price"}, "sort"),
        ({"sort": "distance"}, "sort=distance needs near"),
        ({"delivery": "carrier pigeon"}, "delivery"),
        ({"accredited": "maybe"}, "accredited"),
        ({"starts_after": "next tuesday"}, "starts_after"),
        ({"starts_before": "2026-13-01"}, "starts_before"),
        ({"starts_after": "2026-02-01", "starts_before": "2026-01-01"}, "starts_after must be"),
        ({"kind": "spaceship"}, "Unknown kind 'spaceship'"),
        ({"q": "x" * 201}, "q"),
        ({"near": "x" * 101}, "near"),
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client, catalogue, params, message):
    response = get(client, **params)
    assert response.status_code == 422, response.content
    assert message in str(response.json()["detail"])


def test_the_largest_allowed_window_is_accepted(client, catalogue):
    assert get(client, page=100, page_size=100).status_code == 200


def test_suggest(client, catalogue):
    response = client.get(f"{URL}/suggest", {"q": "peer"})
    assert response.status_code == 200
    assert "Peer mentoring course" in response.json()["suggestions"]


def test_suggest_needs_a_query(client, catalogue):
    assert client.get(f"{URL}/suggest").status_code == 422


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]
    assert "/api/v1/search/suggest" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "kind",
        "topic",
        "region",
        "near",
        "radius",
        "accredited",
        "delivery",
        "starts_after",
        "starts_before",
        "sort",
        "page",
        "page_size",
    } <= names


@pytest.mark.engine
def test_the_engine_answers_when_configured(client, settings, engine_settings, catalogue):
    from search.backends.base import clear_backend_cache
    from search.backends.engine import get_engine

    get_engine().rebuild()
    settings.PEER_SUPPORT_SEARCH = {
        **engine_settings,
        "BACKEND": "search.backends.engine.EngineBackend",
    }
    clear_backend_cache()
    body = get(client, kind="fixture_course").json()
    assert body["degraded"] is False
    assert body["backend"] == "engine"
    assert body["total"] == 3


def test_an_ambiguous_place_offers_choices(client, catalogue):
    response = get(client, near="Newport")
    assert response.status_code == 400
    body = response.json()
    assert "more than one place called 'Newport'" in body["detail"]
    assert "Newport, Wales" in body["choices"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"topic": "Fundraisin"}, "Unknown topic 'Fundraisin'"),
        ({"topic": ["Training", "Nonsense"]}, "Unknown topic 'Nonsense'"),
        ({"region": "Scotland"}, "Unknown region 'Scotland'"),
        ({"region": "londn"}, "Unknown region 'londn'"),
    ],
)
def test_unknown_topics_and_regions_are_named_not_silently_empty(
    client, catalogue, params, message
):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_topics_and_regions_match_by_name_or_slug(client, catalogue):
    by_name = client.get("/api/v1/search", {"region": "Yorkshire and the Humber"}).json()
    by_slug = client.get("/api/v1/search", {"region": "yorkshire-and-the-humber"}).json()
    assert by_name["total"] == by_slug["total"] > 0
    # A seeded topic no listing carries yet is known: an empty result, not an error.
    response = client.get("/api/v1/search", {"topic": "Carers"})
    assert response.status_code == 200 and response.json()["total"] == 0
