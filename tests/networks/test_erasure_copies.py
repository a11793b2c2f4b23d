"""Erasure reaches the same data elsewhere: copies and aliases of the listing (with
their revisions), and the files it brought (its document in any revision, a
submission's upload). Checked in the database and in the file storage."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

import pytest

from networks.erasure import erase_listing
from networks.models import ProjectIndexPage, ProjectPage, ResourcePage, Submission
from tests.factories.networks import (
    ProjectPageFactory,
    ResourcePageFactory,
    child_index,
    network,
)
from tests.networks.test_retention import MARKER, marker_rows

pytestmark = pytest.mark.django_db

Document = get_document_model()


def erase_url(page):
    return f"/admin/network-erasure/{page.pk}/"


@pytest.fixture
def listing():
    project = ProjectPageFactory(
        title=f"{MARKER} group", contact_email="private@example.org", address=f"{MARKER} Street"
    )
    project.summary = f"{MARKER} draft"
    project.save_revision()
    return ProjectPage.objects.get(pk=project.pk)


def copy_in_admin(client, page, to, slug):
    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": page.title,
            "new_slug": slug,
            "new_parent_page": to.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Page.objects.get(slug=slug, path__startswith=to.path).specific


def wales_projects():
    return child_index(ProjectIndexPage, "wales")


class TestCopiesAndAliases:
    def test_copies_and_aliases_go_with_the_listing(self, admin_client, listing):
        copy = copy_in_admin(admin_client, listing, wales_projects(), "copied-group")
        copy_of_copy = copy_in_admin(admin_client, copy, wales_projects(), "copied-again")
        alias = listing.create_alias(parent=child_index(ProjectIndexPage, "south-east"))
        elsewhere = ProjectPageFactory(title="Unrelated group")
        assert Revision.page_revisions.filter(object_id=str(copy.pk)).count() >= 2
        assert marker_rows()

        confirm = admin_client.get(erase_url(listing)).content.decode()
        assert "(an alias)" in confirm and "(a copy, or the page it was copied from)" in confirm
        assert "/copied-group/" in confirm and "/copied-again/" in confirm
        response = admin_client.post(erase_url(listing))

        assert response.status_code == 200
        assert "pages: 4" in response.content.decode()
        for gone in (listing, copy, copy_of_copy, alias):
            assert not Page.objects.filter(pk=gone.pk).exists()
            assert not Revision.page_revisions.filter(object_id=str(gone.pk)).exists()
        assert marker_rows() == []
        assert Page.objects.filter(pk=elsewhere.pk).exists()

    def test_erasing_a_copy_takes_the_page_it_came_from(self, admin_client, listing):
        copy = copy_in_admin(admin_client, listing, wales_projects(), "copied-group")
        report = erase_listing(copy)
        assert report.removed["pages"] == 2
        assert not Page.objects.filter(pk__in=[listing.pk, copy.pk]).exists()

    def test_an_alias_of_a_network_holding_the_listing_goes_too(self, listing):
        # An alias of the whole Projects page aliases the listing under it.
        index = listing.get_parent().specific
        alias_index = index.create_alias(
            parent=network("wales"), update_slug="london-projects", recursive=True
        )
        [alias_listing] = Page.objects.child_of(alias_index)
        assert alias_listing.alias_of_id == listing.pk
        erase_listing(listing)
        assert not Page.objects.filter(pk=alias_listing.pk).exists()
        assert Page.objects.filter(pk=alias_index.pk).exists(), "the index is not the listing"
        assert marker_rows() == []

    def test_a_coordinator_cannot_erase_a_copy_in_another_region(
        self, admin_client, client, listing
    ):
        copy = copy_in_admin(admin_client, listing, wales_projects(), "copied-group")
        london = get_user_model().objects.create_user(
            username="london", password="x", is_staff=True
        )
        london.groups.add(Group.objects.get(name="London coordinators"))
        client.force_login(london)

        confirm = client.get(erase_url(listing)).content.decode()
        assert "You cannot publish 1 of these pages" in confirm
        assert "Yes, erase it everywhere" not in confirm
        assert client.post(erase_url(listing)).status_code == 403
        assert Page.objects.filter(pk__in=[listing.pk, copy.pk]).count() == 2


def stored_document(title, content=b"%PDF-1.4 marker"):
    document = Document(title=title)
    document.file.save(f"{title}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def file_exists(name):
    return Document._meta.get_field("file").storage.exists(name)


class TestFiles:
    def test_the_resources_files_and_the_submissions_upload_are_deleted(
        self, admin_client, django_capture_on_commit_callbacks
    ):
        current = stored_document("toolkit-v2")
        earlier = stored_document("toolkit-v1")
        upload = stored_document("sent-by-the-group")
        resource = ResourcePageFactory(title="Toolkit", link="", document=earlier)
        resource.save_revision().publish()  # the first version, with the first file
        resource.document = current
        resource.save_revision().publish()
        Submission.objects.create(
            network=network("london"),
            kind=Submission.Kind.RESOURCE,
            status=Submission.Status.APPROVED,
            page=resource,
            document=upload,
            organiser="A group",
            title="Toolkit",
            summary="A toolkit.",
        )
        names = [doc.file.name for doc in (current, earlier, upload)]
        assert all(file_exists(name) for name in names)

        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(erase_url(resource))

        content = response.content.decode()
        assert "documents and their files: 3" in content, content[content.find("Erased:") :][:600]
        assert not Document.objects.filter(pk__in=[current.pk, earlier.pk, upload.pk]).exists()
        assert not any(file_exists(name) for name in names)
        assert not ResourcePage.objects.filter(pk=resource.pk).exists()
        assert not Submission.objects.filter(page_id=resource.pk).exists()

    def test_a_document_another_page_uses_is_kept_and_named(
        self, django_capture_on_commit_callbacks
    ):
        shared = stored_document("shared-guide")
        resource = ResourcePageFactory(title="Guide here", link="", document=shared)
        ResourcePageFactory(title="Guide there", link="", document=shared)

        with django_capture_on_commit_callbacks(execute=True):
            report = erase_listing(resource)

        assert Document.objects.filter(pk=shared.pk).exists()
        assert file_exists(shared.file.name)
        assert "kept the document “shared-guide”: another page uses it" in report.lines()
        shared.delete()
