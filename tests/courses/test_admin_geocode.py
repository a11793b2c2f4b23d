"""The admin venue map's "find from postcode": our geocoder, as JSON, for editors only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest

from cms.geocoding import geocode

pytestmark = pytest.mark.django_db

URL = "/admin/courses/geocode/"


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user(username="ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_a_postcode_gives_its_district_centre(editor_client):
    response = editor_client.get(URL, {"q": "LS6 3HN"})
    assert response.status_code == 200
    data = response.json()
    place = geocode("LS6")
    assert (data["latitude"], data["longitude"]) == (place.latitude, place.longitude)
    assert data["point"] == f"SRID=4326;POINT({place.longitude:.6f} {place.latitude:.6f})"


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Enter the venue's postcode."), ("ZZ9 9ZZ", "isn't a postcode we recognise")],
)
def test_bad_input_is_a_400_with_a_message(editor_client, query, message):
    response = editor_client.get(URL, {"q": query})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_town_gives_its_centre(editor_client):
    data = editor_client.get(URL, {"q": "Leeds"}).json()
    place = geocode("Leeds")
    assert (data["latitude"], data["longitude"], data["label"]) == (
        place.latitude,
        place.longitude,
        place.label,
    )


def test_an_ambiguous_name_lists_choices_that_each_find_a_place(editor_client):
    response = editor_client.get(URL, {"q": "Newport"})
    assert response.status_code == 400
    data = response.json()
    assert "more than one place called 'Newport'" in data["error"]
    assert len(data["choices"]) > 1
    for label in data["choices"]:
        assert editor_client.get(URL, {"q": label}).status_code == 200


def test_only_editors(client):
    assert client.get(URL, {"q": "LS6"}).status_code == 302  # to the admin login
    user = get_user_model().objects.create_user(username="nobody", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL, {"q": "LS6"}).status_code == 403
