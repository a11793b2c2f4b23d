"""The Open Referral UK API: every response valid against the shipped UK-profile
schemas, only publishable projects, privacy-reduced locations, stable ids,
filters, distance search, clear errors and constant query counts."""

import datetime
import json
import uuid
from pathlib import Path
from urllib.parse import urlparse

from django.db import transaction
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import networks.openreferral
from cms.geocoding import haversine_km
from cms.models import Region
from networks.openreferral.ids import NAMESPACE
from tests.factories.cms import OrganisationFactory, TopicFactory
from tests.factories.networks import (
    CommunityFactory,
    EventPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/openreferral"
SCHEMAS = Path(networks.openreferral.__file__).parent / "schemas"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}
LEEDS_EXACT = {"latitude": 53.824567, "longitude": -1.573456}

FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value):
    parts = urlparse(value)
    return bool(parts.scheme and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value):
    return datetime.datetime.fromisoformat(value).tzinfo is not None


def schema(name):
    return json.loads((SCHEMAS / name).read_text())


DEFINITIONS = schema("service_with_definitions.json")["definitions"]
OPENAPI = schema("openapi.json")


def validate(instance, schema_):
    Draft202012Validator(schema_, format_checker=FORMATS).validate(instance)


def validate_definition(instance, name):
    validate(instance, {"$ref": f"#/definitions/{name}", "definitions": DEFINITIONS})


def validate_page(data, item_schema):
    assert set(data) == PAGE_KEYS
    validate(data, {"$ref": "#/components/schemas/Page", "components": OPENAPI["components"]})
    for item in data["contents"]:
        item_schema(item)


def get(client, path, status=200, **params):
    response = client.get(API + path, params)
    assert response.status_code == status, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """A small directory: mappable, unmappable, draft and private projects; rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        topic = TopicFactory(name="Hearing voices")
        community = CommunityFactory(name="Young people", slug="young-people")
        charity = OrganisationFactory(name="Leeds Voices", charity_number="1234567")
        leeds = ProjectPageFactory(
            title="Leeds hearing voices group",
            organisation=charity,
            venue_visibility="public",
            venue_name="Community hall",
            address="2 Open Road\nHeadingley",
            postcode="LS6 3HN",
            district="LS6",
            area_name="Leeds",
            district_latitude=53.82009,
            district_longitude=-1.57087,
            region=Region.objects.get(slug="yorkshire-and-the-humber"),
            meeting_schedule="Every other Tuesday, 7pm",
            public_phone="0113 496 0000",
            topics=[topic],
            **LEEDS_EXACT,
        )
        manchester = ProjectPageFactory(
            title="Manchester young people's peer support",
            project_type="self_help",
            district="M1",
            area_name="Manchester",
            district_latitude=53.47748,
            district_longitude=-2.23622,
            region=Region.objects.get(slug="north-west"),
            communities=[community],
        )
        london = ProjectPageFactory(title="Tower Hamlets peer support", project_type="formal")
        unmapped = [
            ProjectPageFactory(title="Ward group", setting="inpatient"),
            ProjectPageFactory(title="Secure unit group", setting="forensic"),
            ProjectPageFactory(title="Online circle", setting="online"),
            ProjectPageFactory(title="Members circle", how_to_join="members_only"),
            ProjectPageFactory(
                title="Old listing",
                last_checked=timezone.localdate() - datetime.timedelta(days=600),
            ),
        ]
        draft = ProjectPageFactory(title="Draft project")
        draft.unpublish()
        private = ProjectPageFactory(title="Private project")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        EventPageFactory(title="Voices open evening", project=leeds, cost="Free")
        EventPageFactory(
            title="Past evening",
            project=leeds,
            occurrences=[timezone.now() - datetime.timedelta(days=3)],
        )
        yield {
            "leeds": leeds,
            "manchester": manchester,
            "london": london,
            "unmapped": unmapped,
            "draft": draft,
            "private": private,
            "topic": topic,
            "community": community,
        }
        transaction.set_rollback(True)


def service_uuid(page):
    return str(uuid.uuid5(NAMESPACE, f"project:{page.pk}"))


def titles(data, key=None):
    return {(item[key] if key else item)["name"] for item in data["contents"]}


PUBLISHED = 8  # three mappable and five described-only projects


class TestAbout:
    def test_describes_the_api(self, client):
        data = get(client, "/")
        validate(
            data,
            OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
                "schema"
            ],
        )
        assert data["version"] == "3.0"
        assert data["openapi_url"] == "http://testserver/api/v1/openapi.json"
        assert data["x-links"]["services"] == "http://testserver/api/v1/openreferral/services"

    def test_the_openapi_description_lists_every_endpoint(self, client):
        paths = client.get("/api/v1/openapi.json").json()["paths"]
        for path in ("/", "/services", "/services/{service_id}", "/service_at_locations"):
            assert f"{API}{path}" in paths
        assert f"{API}/taxonomy_terms" in paths


class TestServices:
    def test_lists_only_live_public_projects_valid_against_the_profile(self, client, directory):
        data = get(client, "/services")
        validate_page(data, lambda item: validate(item, schema("service_list.json")))
        assert data["total_items"] == PUBLISHED
        names = titles(data)
        assert "Draft project" not in names and "Private project" not in names
        assert {"Ward group", "Online circle", "Leeds hearing voices group"} <= names

    def test_a_service_gives_its_organisation_and_public_contact_only(self, client, directory):
        [manchester] = get(client, "/services", search="Manchester")["contents"]
        project = directory["manchester"]
        assert manchester["organization"]["name"] == project.organisation.name
        assert manchester["email"] == project.organisation.public_email
        assert manchester["url"] == project.organisation.website
        assert manchester["assured_date"] == project.last_checked.isoformat()
        assert manchester["status"] == "active"

    def test_a_project_with_its_own_contact_gives_only_that(self, client, directory):
        [leeds] = get(client, "/services", search="Leeds")["contents"]
        assert leeds["organization"]["name"] == "Leeds Voices"
        assert "email" not in leeds
        assert leeds["url"] == directory["leeds"].full_url

    def test_a_stale_listing_carries_an_alert(self, client, directory):
        [old] = get(client, "/services", search="Old listing")["contents"]
        assert "18 months" in old["alert"]

    def test_pagination(self, client, directory):
        first = get(client, "/services", per_page=3)
        assert (first["total_pages"], first["size"], first["page_number"]) == (3, 3, 1)
        assert first["first_page"] and not first["last_page"] and not first["empty"]
        last = get(client, "/services", per_page=3, page=3)
        assert last["size"] == 2 and last["last_page"] and not last["first_page"]
        beyond = get(client, "/services", per_page=3, page=4)
        assert beyond["contents"] == [] and beyond["total_items"] == PUBLISHED
        pages = [get(client, "/services", per_page=3, page=n)["contents"] for n in (1, 2, 3)]
        ids = [item["id"] for page in pages for item in page]
        assert len(set(ids)) == PUBLISHED

    def test_nothing_found_is_an_empty_page(self, client, directory):
        data = get(client, "/services", search="zzzz nothing")
        assert data["empty"] and data["total_items"] == 0 and data["contents"] == []
        assert data["first_page"] and data["last_page"]

    def test_text_search_needs_every_word(self, client, directory):
        assert titles(get(client, "/services", search="voices leeds")) == {
            "Leeds hearing voices group"
        }
        assert titles(get(client, "/services", text="young MANCHESTER")) == {
            "Manchester young people's peer support"
        }

    def test_filter_by_taxonomy_term(self, client, directory):
        terms = {term["name"]: term["id"] for term in get(client, "/taxonomy_terms")["contents"]}
        by_topic = get(client, "/services", taxonomy_term_id=terms["Hearing voices"])
        assert titles(by_topic) == {"Leeds hearing voices group"}
        by_community = get(client, "/services", taxonomy_term_id=terms["Young people"])
        assert titles(by_community) == {"Manchester young people's peer support"}
        by_type = get(client, "/services", taxonomy_term_id=terms["Formal peer support"])
        assert titles(by_type) == {"Tower Hamlets peer support"}

    def test_filter_by_taxonomy(self, client, directory):
        taxonomies = {t["name"]: t["id"] for t in get(client, "/taxonomies")["contents"]}
        data = get(
            client, "/services", taxonomy_id=taxonomies["Peer Support Hub communities served"]
        )
        assert titles(data) == {"Manchester young people's peer support"}

    def test_filter_by_modified_after(self, client, directory):
        london = directory["london"]
        later = timezone.now() + datetime.timedelta(days=1)
        london.last_published_at = later
        london.save(update_fields=["last_published_at"])
        data = get(
            client, "/services", modified_after=(later - datetime.timedelta(hours=1)).isoformat()
        )
        assert titles(data) == {"Tower Hamlets peer support"}


class TestService:
    def test_the_full_service_is_valid_and_complete(self, client, directory):
        project = directory["leeds"]
        data = get(client, f"/services/{service_uuid(project)}")
        validate(data, schema("service.json"))
        for phone in data["phones"]:
            validate_definition(phone, "phone")
        assert data["phones"][0]["number"] == "0113 496 0000"
        assert data["schedules"][0]["description"] == "Every other Tuesday, 7pm"
        assert data["service_areas"][0]["name"] == "Yorkshire and The Humber"
        assert data["organization"]["organization_identifiers"][0]["identifier"] == "1234567"
        terms = {a["link_type"]: a["taxonomy_term"]["name"] for a in data["attributes"]}
        assert terms == {"topics": "Hearing voices", "project-types": "Mutual peer support"}

    def test_a_public_address_is_given_with_its_point(self, client, directory):
        data = get(client, f"/services/{service_uuid(directory['leeds'])}")
        [at_location] = data["service_at_locations"]
        location = at_location["location"]
        assert (location["latitude"], location["longitude"]) == (53.825, -1.573)
        [address] = location["addresses"]
        assert address["address_1"] == "2 Open Road, Headingley"
        assert address["postal_code"] == "LS6 3HN"

    def test_an_area_only_venue_is_its_district_centre_without_address(self, client, directory):
        project = directory["london"]
        data = get(client, f"/services/{service_uuid(project)}")
        location = data["service_at_locations"][0]["location"]
        assert (location["latitude"], location["longitude"]) == (51.517, -0.059)
        assert "addresses" not in location
        assert "1 Example Street" not in json.dumps(data)

    @pytest.mark.parametrize(
        "index", range(5), ids=["inpatient", "forensic", "online", "members", "stale"]
    )
    def test_unmapped_projects_have_no_location(self, client, directory, index):
        project = directory["unmapped"][index]
        data = get(client, f"/services/{service_uuid(project)}")
        validate(data, schema("service.json"))
        assert "service_at_locations" not in data
        assert "1 Example Street" not in json.dumps(data)

    def test_upcoming_events_are_an_extension(self, client, directory):
        data = get(client, f"/services/{service_uuid(directory['leeds'])}")
        [event] = data["x-events"]
        assert event["name"] == "Voices open evening"
        assert event["fees"] == "Free"
        assert datetime.datetime.fromisoformat(event["next_start"]) > timezone.now()
        assert event["calendar_url"] == event["url"] + "ical/"
        assert event["place"]["latitude"] == 51.517  # the factory's area-only E1 centre

    @pytest.mark.parametrize("which", ["draft", "private"])
    def test_drafts_and_private_pages_are_not_found(self, client, directory, which):
        data = get(client, f"/services/{service_uuid(directory[which])}", status=404)
        assert data["detail"].startswith("No service has id")

    def test_unknown_and_malformed_ids(self, client, directory):
        get(client, f"/services/{uuid.uuid4()}", status=404)
        assert get(client, "/services/42", status=422)["detail"]


class TestStableIds:
    def test_ids_survive_requests_and_new_revisions(self, client, directory):
        project = directory["manchester"]
        first = get(client, "/services", search="Manchester")["contents"][0]
        project.title = "Manchester young people's peer support (renamed)"
        project.save_revision().publish()
        second = get(client, "/services", search="Manchester")["contents"][0]
        assert first["id"] == second["id"] == service_uuid(project)
        assert first["organization_id"] == second["organization_id"]

    def test_every_id_is_unique(self, client, directory):
        data = get(client, f"/services/{service_uuid(directory['leeds'])}")
        ids = [data["id"], data["organization"]["id"], data["schedules"][0]["id"]]
        ids += [a["id"] for a in data["attributes"]]
        ids += [
            data["service_at_locations"][0]["id"],
            data["service_at_locations"][0]["location"]["id"],
        ]
        assert len(ids) == len(set(ids))


class TestServiceAtLocations:
    def test_only_mappable_projects_at_their_public_point(self, client, directory):
        data = get(client, "/service_at_locations")
        validate_page(data, lambda item: validate(item, schema("service_at_location_list.json")))
        assert titles(data, "service") == {
            "Leeds hearing voices group",
            "Manchester young people's peer support",
            "Tower Hamlets peer support",
        }

    def test_nearest_first_by_the_haversine_distance(self, client, directory):
        data = get(client, "/service_at_locations", postcode="LS6 3HN")
        # The offline geocoder places LS6 3HN at the LS6 district centre.
        origin = (53.82009, -1.57087)
        expected = {
            "Leeds hearing voices group": LEEDS_EXACT,
            "Manchester young people's peer support": {"latitude": 53.47748, "longitude": -2.23622},
            "Tower Hamlets peer support": {"latitude": 51.517, "longitude": -0.059},
        }
        for item in data["contents"]:
            point = expected[item["service"]["name"]]
            metres = 1000 * haversine_km(*origin, point["latitude"], point["longitude"])
            assert item["x-distance_metres"] == round(metres)
        distances = [item["x-distance_metres"] for item in data["contents"]]
        assert distances == sorted(distances) and len(distances) == 3

    def test_proximity_keeps_those_within_range(self, client, directory):
        data = get(client, "/service_at_locations", postcode="Leeds", proximity=70000)
        assert titles(data, "service") == {
            "Leeds hearing voices group",
            "Manchester young people's peer support",
        }
        near = get(client, "/service_at_locations", postcode="LS6", proximity=1000)
        assert titles(near, "service") == {"Leeds hearing voices group"}

    def test_filters_combine_with_distance(self, client, directory):
        data = get(client, "/service_at_locations", postcode="LS6", search="Manchester")
        assert titles(data, "service") == {"Manchester young people's peer support"}

    @pytest.mark.parametrize(
        ("params", "status", "message"),
        [
            ({"postcode": "zzzz"}, 400, "couldn't find"),
            ({"postcode": "BT1 1AA"}, 400, "England and Wales"),
            ({"postcode": "Newport"}, 400, "more than one place"),
            ({"proximity": 1000}, 422, "proximity needs postcode"),
        ],
    )
    def test_bad_places(self, client, directory, params, status, message):
        data = get(client, "/service_at_locations", status=status, **params)
        assert message in data["detail"]

    def test_an_ambiguous_place_offers_choices(self, client, directory):
        data = get(client, "/service_at_locations", status=400, postcode="Newport")
        assert "Newport, Wales" in data["choices"]


class TestTaxonomies:
    def test_taxonomies(self, client, directory):
        data = get(client, "/taxonomies")
        validate_page(data, lambda item: validate_definition(item, "taxonomy"))
        assert data["total_items"] == 3

    def test_terms_cover_topics_communities_and_kinds(self, client, directory):
        data = get(client, "/taxonomy_terms", per_page=100)
        validate_page(data, lambda item: validate_definition(item, "taxonomy_term"))
        by_name = {term["name"]: term for term in data["contents"]}
        assert by_name["Hearing voices"]["taxonomy"] == "Peer Support Hub topics"
        assert by_name["Young people"]["taxonomy"] == "Peer Support Hub communities served"
        assert "Self-help group" in by_name
        taxonomy_ids = {t["id"] for t in get(client, "/taxonomies")["contents"]}
        assert {term["taxonomy_id"] for term in data["contents"]} == taxonomy_ids

    def test_one_taxonomy_and_one_term_by_id(self, client, directory):
        for entry in get(client, "/taxonomies")["contents"]:
            assert get(client, f"/taxonomies/{entry['id']}") == entry
        term = get(client, "/taxonomy_terms")["contents"][0]
        found = get(client, f"/taxonomy_terms/{term['id']}")
        validate_definition(found, "taxonomy_term")
        assert found == term
        get(client, f"/taxonomies/{uuid.uuid4()}", status=404)
        get(client, f"/taxonomy_terms/{uuid.uuid4()}", status=404)
        get(client, "/taxonomy_terms/topics", status=422)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/services", {"per_page": 101}),
        ("/services", {"per_page": 0}),
        ("/services", {"page": 0}),
        ("/services", {"page": "two"}),
        ("/services", {"taxonomy_term_id": "hearing-voices"}),
        ("/services", {"taxonomy_term_id": str(uuid.uuid4())}),
        ("/services", {"taxonomy_id": str(uuid.uuid4())}),
        ("/services", {"modified_after": "last Tuesday"}),
        ("/services", {"search": "x" * 201}),
        ("/services", {"search": "nul\x00byte"}),
        ("/services", {"page": 10**12}),
        ("/services", {"modified_after": "0001-01-01T00:00:00+14:00"}),
        ("/service_at_locations", {"postcode": "LS6", "proximity": -5}),
        ("/service_at_locations", {"postcode": "LS6", "proximity": "far"}),
        ("/service_at_locations", {"postcode": "LS6", "proximity": 10_000_000}),
        ("/taxonomy_terms", {"per_page": 500}),
    ],
)
def test_bad_parameters_are_422_with_a_message(client, path, params):
    data = get(client, path, status=422, **params)
    assert data["detail"]


def test_read_only(client):
    response = client.post(API + "/services")
    assert response.status_code == 405


def test_cors_is_only_on_these_endpoints(client):
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/search").headers


def fill(n):
    community = CommunityFactory()
    topic = TopicFactory()
    for _ in range(n):
        project = ProjectPageFactory(communities=[community], topics=[topic])
        EventPageFactory(project=project)


# Each endpoint's queries, listed; none grows with the directory.
EXPECTED_QUERIES = {
    # .public()'s view restrictions, the count, the page of projects with
    # organisation and region joined.
    "/services": 3,
    # The same, after the terms' topics and communities.
    "/services?taxonomy_term_id={term}": 5,
    # View restrictions, the published pks (to match the id), the project with
    # organisation and region, its topics, its communities, then its upcoming
    # events: view restrictions again, the events with their next date, their topics.
    "/services/{id}": 8,
    # View restrictions, every candidate's location fields, the page of
    # projects with organisation and region.
    "/service_at_locations?postcode=E1": 3,
    "/service_at_locations": 3,
    "/taxonomies": 0,
    # Topics, communities.
    "/taxonomy_terms": 2,
}


@pytest.mark.database_sensitive
def test_query_counts_do_not_grow(client, django_assert_num_queries):
    fill(2)
    project = ProjectPageFactory()
    EventPageFactory(project=project)
    term = get(client, "/taxonomy_terms")["contents"][0]["id"]
    for extra in (0, 3):
        fill(extra)
        for path, expected in EXPECTED_QUERIES.items():
            url = API + path.format(id=service_uuid(project), term=term)
            client.get(url)  # warm-up: Wagtail caches the site root paths
            with django_assert_num_queries(expected, info=path):
                assert client.get(url).status_code == 200
