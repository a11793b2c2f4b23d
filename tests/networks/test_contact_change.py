"""A listing's contact details change only when the current contact confirms by
link, or a moderator records that they verified it another way."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest

from cms.models import ContactChange
from networks.models import ProjectPage
from tests.emails import signed_link_in
from tests.factories.networks import ProjectPageFactory

pytestmark = pytest.mark.django_db

OLD_PRIVATE = "current@tuesday.example.org"


@pytest.fixture
def project():
    return ProjectPageFactory(
        title="Tuesday circle",
        contact_email=OLD_PRIVATE,
        public_email="hello@tuesday.example.org",
        public_phone="01632 960001",
    )


def edit_form(project, *, publish=True, **changes):
    data = {
        "title": project.title,
        "slug": project.slug,
        "organisation": project.organisation_id,
        "summary": project.summary,
        "description": rich_text("<p>We meet on Tuesdays.</p>"),
        "project_type": project.project_type,
        "group_format": project.group_format,
        "leadership": project.leadership,
        "formality": project.formality,
        "supporter_role": project.supporter_role,
        "setting": project.setting,
        "how_to_join": project.how_to_join,
        "open_to_new_members": "on",
        "venue_visibility": project.venue_visibility,
        "address": project.address,
        "postcode": project.postcode,
        "contact_email": project.contact_email,
        "public_email": project.public_email,
        "public_phone": project.public_phone,
        "last_checked": project.last_checked.isoformat(),
    }
    if publish:
        data["action-publish"] = "action-publish"
    data.update(changes)
    return nested_form_data(data)


def edit_url(project):
    return f"/admin/pages/{project.pk}/edit/"


def live(project):
    return ProjectPage.objects.get(pk=project.pk)


def test_publishing_a_contact_change_by_one_click_keeps_it_a_draft_and_asks_the_contact(
    admin_client, project
):
    response = admin_client.post(
        edit_url(project), edit_form(project, public_email="new@elsewhere.example.org"), follow=True
    )
    assert live(project).public_email == "hello@tuesday.example.org"
    latest = live(project).get_latest_revision_as_object()
    assert latest.public_email == "new@elsewhere.example.org"
    assert live(project).has_unpublished_changes

    change = ContactChange.objects.get()
    assert change.status == "pending"
    assert change.changes == {
        "public_email": ["hello@tuesday.example.org", "new@elsewhere.example.org"]
    }
    content = response.content.decode()
    assert "Contact change, not published" in content
    assert "hello@tuesday.example.org → new@elsewhere.example.org" in content

    [message] = mail.outbox
    assert message.to == [OLD_PRIVATE]
    assert "new@elsewhere.example.org" in message.body
    # The edit page shows it as a diff flagged "Contact change".
    panel = admin_client.get(edit_url(project)).content.decode()
    assert "<strong>Contact change</strong>" in panel
    assert "Waiting for the current contact" in panel
    # Trying again does not email the contact again.
    admin_client.post(
        edit_url(project), edit_form(project, public_email="new@elsewhere.example.org")
    )
    assert len(mail.outbox) == 1 and ContactChange.objects.count() == 1


def test_the_current_contact_confirms_by_link_then_it_can_be_published(
    admin_client, client, project
):
    form = edit_form(project, contact_email="someone.new@tuesday.example.org")
    admin_client.post(edit_url(project), form)
    link = signed_link_in(mail.outbox[0])
    page = client.get(link).content.decode()
    assert "Private contact email: now" in page and "someone.new@tuesday.example.org" in page
    assert client.post(link, {"choice": "confirm"}).status_code == 200
    assert ContactChange.objects.get().status == "confirmed"
    assert live(project).contact_email == OLD_PRIVATE  # a moderator still publishes

    admin_client.post(edit_url(project), form)
    assert live(project).contact_email == "someone.new@tuesday.example.org"
    assert not live(project).has_unpublished_changes
    # The link worked once.
    assert client.post(link, {"choice": "confirm"}).status_code == 410


def test_a_declined_change_stays_unpublished(admin_client, client, project):
    form = edit_form(project, public_phone="01632 960999")
    admin_client.post(edit_url(project), form)
    client.post(signed_link_in(mail.outbox[0]), {"choice": "decline"})
    response = admin_client.post(edit_url(project), form, follow=True)
    assert "did not ask for it" in response.content.decode()
    assert live(project).public_phone == "01632 960001"
    assert len(mail.outbox) == 1


def test_a_moderator_who_verified_another_way_publishes_at_once(admin_client, project):
    form = edit_form(
        project, public_email="new@elsewhere.example.org", contact_change_verified="on"
    )
    admin_client.post(edit_url(project), form)
    assert live(project).public_email == "new@elsewhere.example.org"
    change = ContactChange.objects.get()
    assert change.status == "verified" and change.decided_by.is_superuser
    assert mail.outbox == []


def test_other_edits_publish_as_usual(admin_client, project):
    admin_client.post(edit_url(project), edit_form(project, summary="A new summary."))
    assert live(project).summary == "A new summary."
    assert not ContactChange.objects.exists() and mail.outbox == []


def test_saving_a_draft_is_not_held(admin_client, project):
    admin_client.post(edit_url(project), edit_form(project, publish=False, public_phone="0"))
    assert not ContactChange.objects.exists()
    assert live(project).get_latest_revision_as_object().public_phone == "0"


def test_publishing_the_revision_any_other_way_is_refused(project):
    project.public_email = "sneaky@elsewhere.example.org"
    revision = project.save_revision()
    with pytest.raises(PermissionDenied):
        revision.publish()
    assert live(project).public_email == "hello@tuesday.example.org"


def test_a_new_listing_publishes_with_its_first_contact(project):
    assert live(project).live and live(project).contact_email == OLD_PRIVATE
    assert not ContactChange.objects.exists()


def test_a_change_with_no_current_contact_waits_for_a_moderator(admin_client):
    project = ProjectPageFactory(contact_email="", public_email="")
    response = admin_client.post(
        edit_url(project), edit_form(project, contact_email="first@example.org"), follow=True
    )
    assert "Contact change, not published" in response.content.decode()
    assert live(project).contact_email == ""
    assert mail.outbox == []


def test_the_private_contact_is_never_rendered(client, project):
    content = client.get(project.url).content.decode()
    assert OLD_PRIVATE not in content


def test_contact_changes_are_purged_after_90_days(admin_client, project):
    from cms.privacy.retention import purge_privacy_records

    admin_client.post(edit_url(project), edit_form(project, public_phone="01632 960999"))
    purge_privacy_records(timezone.now() + timezone.timedelta(days=91))
    assert not ContactChange.objects.exists()
