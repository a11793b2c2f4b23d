"""Moderation is on: editors submit, moderators approve, nothing goes live unseen."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_site_has_an_active_moderation_workflow():
    workflow = Workflow.objects.get(active=True)
    assert workflow.tasks.exists()
    assert workflow.workflow_pages.filter(page__depth=1).exists()


def test_an_editor_cannot_publish_but_can_submit_for_moderation(client):
    editor = member_of("Editors", "ed")
    page = GuidancePageFactory(parent=GuidanceIndexPageFactory(), title="Draft guide", live=False)
    client.force_login(editor)
    assert not page.permissions_for_user(editor).can_publish()
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "title": "Draft guide, revised",
                "slug": page.slug,
                "summary": "",
                "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                "last_reviewed": "",
                "action-submit": "Submit for moderation",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_moderator_can_publish():
    moderator = member_of("Moderators", "mod")
    page = GuidancePageFactory(parent=GuidanceIndexPageFactory())
    assert page.permissions_for_user(moderator).can_publish()
