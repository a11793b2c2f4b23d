"""Contact changes in the admin: a refused workflow approval or bulk publish says
which listing and what it needs (not Wagtail's "permission denied"), and the
report of changes waiting lists those in the networks the user moderates."""

import json

from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

import pytest

from cms.models import ContactChange
from cms.privacy.contacts import UnconfirmedContactChange
from networks.models import ProjectIndexPage, ProjectPage
from tests.factories.networks import ProjectPageFactory, StaffUserFactory, child_index
from tests.networks.test_contact_change import edit_form

pytestmark = pytest.mark.django_db

GENERIC = "Sorry, you do not have permission to access this area."
NEEDS = "I have verified a change to the contact details another way"


@pytest.fixture
def project():
    return ProjectPageFactory(
        title="Tuesday circle",
        contact_email="current@tuesday.example.org",
        public_email="hello@tuesday.example.org",
    )


def propose(project, **changes):
    """A draft with a contact change, as an editor would leave it."""
    draft = ProjectPage.objects.get(pk=project.pk)
    for field, value in changes.items():
        setattr(draft, field, value)
    return draft.save_revision()


def in_workflow(project, user):
    workflow = Workflow.objects.create(name="Check listings")
    task = GroupApprovalTask.objects.create(name="A coordinator approves")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow.start(project, user).current_task_state


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def assert_explained(response, project):
    text = " ".join(messages_of(response))
    assert GENERIC not in text
    assert "“Tuesday circle” was not published" in text
    assert "Public email: hello@tuesday.example.org → new@elsewhere.example.org" in text
    assert NEEDS in text and "confirms the change by the emailed link" in text
    assert ProjectPage.objects.get(pk=project.pk).public_email == "hello@tuesday.example.org"


class TestRefusedPublishing:
    def test_approving_in_the_workflow_modal(self, admin_client, admin_user, project):
        propose(project, public_email="new@elsewhere.example.org")
        state = in_workflow(project, admin_user)
        url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", state.pk])

        response = admin_client.post(url, {"comment": ""}, follow=True)

        assert response.redirect_chain[-1][0] == f"/admin/pages/{project.pk}/edit/"
        assert_explained(response, project)
        assert "Nobody has asked the current contact yet" in " ".join(messages_of(response))
        state.refresh_from_db()
        assert state.status == "in_progress", "the approval is not recorded"

    def test_approving_in_the_modal_by_script(self, admin_client, admin_user, project):
        propose(project, public_email="new@elsewhere.example.org")
        state = in_workflow(project, admin_user)
        url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", state.pk])

        response = admin_client.post(
            url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
        )

        assert response.status_code == 200
        payload = json.loads(response.content)
        assert payload["step"] == "success"
        assert payload["redirect"] == f"/admin/pages/{project.pk}/edit/"
        assert_explained(admin_client.get(payload["redirect"]), project)

    def test_approving_from_the_edit_page_says_the_contact_was_asked(
        self, admin_client, admin_user, project
    ):
        propose(project, public_email="new@elsewhere.example.org")
        in_workflow(project, admin_user)
        ContactChange.objects.create(
            page=project,
            changes={"public_email": ["hello@tuesday.example.org", "new@elsewhere.example.org"]},
        )
        edit = reverse("wagtailadmin_pages:edit", args=[project.pk])
        data = edit_form(
            project,
            publish=False,
            public_email="new@elsewhere.example.org",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        response = admin_client.post(edit, data, follow=True)

        assert_explained(response, project)
        assert "We emailed the current contact on" in " ".join(messages_of(response))

    def test_a_bulk_publish(self, admin_client, project):
        propose(project, public_email="new@elsewhere.example.org")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        response = admin_client.post(f"{url}?id={project.pk}", {}, follow=True)
        assert_explained(response, project)

    def test_a_bulk_publish_names_every_listing_and_publishes_nothing(self, admin_client, project):
        other = ProjectPageFactory(title="Wednesday circle", contact_email="wed@example.org")
        plain = ProjectPageFactory(title="Thursday circle")
        propose(project, public_email="new@elsewhere.example.org")
        propose(other, contact_email="someone@elsewhere.example.org")
        propose(plain, summary="A new summary.")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        ids = "&".join(f"id={page.pk}" for page in (project, other, plain))

        response = admin_client.post(f"{url}?{ids}&next=/admin/pages/", {}, follow=True)

        assert response.redirect_chain[-1][0] == "/admin/pages/"
        text = " ".join(messages_of(response))
        assert "“Tuesday circle” was not published" in text
        assert "“Wednesday circle” was not published" in text
        assert "Thursday circle" not in text and GENERIC not in text
        assert ProjectPage.objects.get(pk=plain.pk).summary != "A new summary."

    def test_a_confirmed_change_is_approved_and_published(self, admin_client, admin_user, project):
        propose(project, public_email="new@elsewhere.example.org")
        state = in_workflow(project, admin_user)
        ContactChange.objects.create(
            page=project,
            changes={"public_email": ["hello@tuesday.example.org", "new@elsewhere.example.org"]},
            status=ContactChange.Status.CONFIRMED,
        )
        url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", state.pk])
        response = admin_client.post(url, {"comment": ""}, follow=True)
        assert not [m for m in messages_of(response) if "was not published" in m]
        assert ProjectPage.objects.get(pk=project.pk).public_email == "new@elsewhere.example.org"

    def test_a_listing_without_a_private_contact_needs_a_moderator(self, admin_client):
        project = ProjectPageFactory(
            title="Tuesday circle", public_email="hello@tuesday.example.org"
        )
        propose(project, public_email="new@elsewhere.example.org")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        response = admin_client.post(f"{url}?id={project.pk}", {}, follow=True)
        assert_explained(response, project)
        assert "no private contact to ask" in " ".join(messages_of(response))

    def test_outside_the_admin_it_is_still_a_permission_denied(self, project):
        revision = propose(project, public_email="new@elsewhere.example.org")
        with pytest.raises(UnconfirmedContactChange) as refused:
            revision.publish()
        assert "Tuesday circle" in refused.value.explanation()


class TestReport:
    URL = "/admin/reports/contact-changes/"

    @pytest.fixture
    def changes(self):
        london = ProjectPageFactory(title="London circle", contact_email="a@example.org")
        wales = ProjectPageFactory(
            title="Cardiff circle",
            contact_email="b@example.org",
            parent=child_index(ProjectIndexPage, "wales"),
        )
        settled = ProjectPageFactory(title="Settled circle", contact_email="c@example.org")
        for page, status in (
            (london, ContactChange.Status.PENDING),
            (wales, ContactChange.Status.PENDING),
            (settled, ContactChange.Status.CONFIRMED),  # already published: nothing to do
        ):
            ContactChange.objects.create(
                page=page,
                changes={"contact_email": [page.contact_email, "z@example.org"]},
                status=status,
            )
        return london, wales

    def rows(self, client, query=""):
        response = client.get(self.URL + query)
        assert response.status_code == 200
        return response.content.decode()

    def test_a_coordinator_sees_their_regions_changes_with_links(self, client, changes):
        london, wales = changes
        client.force_login(StaffUserFactory(groups=["London coordinators"]))
        html = self.rows(client)
        assert "London circle" in html and "Cardiff circle" not in html
        assert "Settled circle" not in html
        assert f'href="/admin/pages/{london.pk}/edit/"' in html
        assert "Private contact email: a@example.org → z@example.org" in html
        assert "Waiting for the current contact" in html
        assert "London" in html

    def test_a_national_moderator_sees_every_network_and_can_filter(self, client, changes):
        london, wales = changes
        client.force_login(StaffUserFactory(groups=["National moderators"]))
        html = self.rows(client)
        assert "London circle" in html and "Cardiff circle" in html
        wales_network = wales.get_parent().get_parent()
        filtered = self.rows(client, f"?network={wales_network.pk}")
        assert "Cardiff circle" in filtered and "London circle" not in filtered

    def test_it_is_in_the_reports_menu_for_coordinators_only(self, client, changes):
        client.force_login(StaffUserFactory(groups=["London coordinators"]))
        assert "Contact changes waiting" in client.get("/admin/").content.decode()
        client.force_login(StaffUserFactory(groups=["Editors"]))
        assert "Contact changes waiting" not in client.get("/admin/").content.decode()
        response = client.get(self.URL)
        assert response.status_code in (302, 403)

    def test_a_confirmed_change_still_unpublished_is_listed_to_publish(self, client, changes):
        london, _ = changes
        propose(london, contact_email="z@example.org")  # the draft is still to publish
        ContactChange.objects.filter(page=london).update(status=ContactChange.Status.CONFIRMED)
        client.force_login(StaffUserFactory(groups=["London coordinators"]))
        html = self.rows(client)
        assert "Confirmed by the current contact: the edit is not published yet" in html

    def test_the_csv_export(self, client, changes):
        client.force_login(StaffUserFactory(groups=["London coordinators"]))
        response = client.get(self.URL + "?export=csv")
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert body.splitlines()[0] == "Listing,Network,Change,Status,Asked on"
        assert "London circle" in body and "Cardiff circle" not in body

    def test_queries_do_not_grow_with_the_changes(
        self, client, changes, django_assert_max_num_queries
    ):
        client.force_login(StaffUserFactory(groups=["National moderators"]))
        self.rows(client)
        with django_assert_max_num_queries(40) as first:
            self.rows(client)
        for n in range(5):
            page = ProjectPageFactory(title=f"More {n}", contact_email=f"m{n}@example.org")
            ContactChange.objects.create(page=page, changes={"contact_email": ["x", "y"]})
        with django_assert_max_num_queries(len(first)):
            self.rows(client)
