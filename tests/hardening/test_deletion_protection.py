"""Deleting an organisation never takes its courses or projects with it.

Both point at it with ``PROTECT``; through the admin's real delete view the
editor is told why and nothing is deleted. An organisation nothing points at
can still be deleted.
"""

from django.urls import reverse

import pytest

from cms.models import Organisation
from courses.models import CoursePage
from networks.models import ProjectPage
from tests.factories.cms import OrganisationFactory
from tests.factories.courses import CoursePageFactory
from tests.factories.networks import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x" * 20)
    client.force_login(user)
    return client


def delete_url(organisation):
    return reverse("wagtailsnippets_cms_organisation:delete", args=[organisation.pk])


@pytest.mark.parametrize(
    "make_dependant, model",
    [
        (lambda org: CoursePageFactory(provider=org), CoursePage),
        (lambda org: ProjectPageFactory(organisation=org), ProjectPage),
    ],
    ids=["course", "project"],
)
def test_an_organisation_in_use_is_not_deleted(admin, make_dependant, model):
    organisation = OrganisationFactory(name="Tuesday circle")
    dependant = make_dependant(organisation)

    confirm = admin.get(delete_url(organisation)).content.decode()
    assert "prevent it from being deleted" in confirm
    usage = admin.get(reverse("wagtailsnippets_cms_organisation:usage", args=[organisation.pk]))
    assert dependant.title in usage.content.decode()

    response = admin.post(delete_url(organisation))
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert model.objects.filter(pk=dependant.pk).exists()


def test_an_unused_organisation_can_be_deleted(admin):
    organisation = OrganisationFactory(name="Closed group")
    response = admin.post(delete_url(organisation))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
