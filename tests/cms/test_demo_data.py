"""The demo loader: idempotent, realistic, and never run in production."""

import io

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from cms.models import GuidancePage, Organisation, SiteContactSettings

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


def load():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.live().count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_loading_twice_changes_nothing(settings):
    settings.DEBUG = True
    load()
    first = counts()
    load()
    assert counts() == first


def test_demo_site_has_guidance_organisations_and_a_banner(settings, client):
    settings.DEBUG = True
    output = load()
    assert GuidancePage.objects.live().count() >= 5
    assert Organisation.objects.filter(name="Self-Help Nottingham").exists()
    assert SiteContactSettings.objects.get().demo_content
    # Real organisations get only harmless invented contact details.
    for organisation in Organisation.objects.all():
        assert organisation.public_email.endswith(".example.org")
        assert organisation.public_phone.startswith("01632 960")
    assert "editor" in output and "moderator" in output
    home = client.get("/").content.decode()
    assert "demonstration content" in home
    # Each app adds its own way in: the core names none of them.
    for card in (
        "Find training near you",
        "Find peer support groups",
        "Regional networks",
        "Guidance",
    ):
        assert card in home


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to load demo content"):
        load()
    assert not GuidancePage.objects.exists()


def test_refuses_when_settings_do_not_allow_demo_content(settings):
    settings.DEBUG = True
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="never production"):
        load()
