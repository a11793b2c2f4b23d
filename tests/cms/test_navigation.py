"""Editors manage the header and footer links in Settings → Navigation; the site shows them."""

from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from cms.models import NavigationSettings
from tests.cms.test_permissions import user_in
from tests.factories.cms import GuidanceIndexPageFactory

pytestmark = pytest.mark.django_db


def link(page=None, url="", title=""):
    return {"page": page.pk if page else "", "url": url, "title": title}


@pytest.mark.parametrize("group", ["Editors", "National moderators"])
def test_the_navigation_is_edited_in_settings_and_every_page_shows_it(client, group):
    guidance = GuidanceIndexPageFactory(title="Guidance for groups")
    site = Site.objects.get(is_default_site=True)
    client.force_login(user_in(group))
    response = client.post(
        reverse("wagtailsettings:edit", args=["cms", "navigationsettings", site.pk]),
        nested_form_data(
            {
                "header_links": streamfield([("link", link(page=guidance))]),
                "footer_links": streamfield(
                    [("link", link(url="https://example.org/help", title="Other help"))]
                ),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    html = client.get("/").content.decode()
    header = html[html.index('aria-label="Menu"') :]
    assert f'href="{guidance.url}">Guidance for groups</a>' in header
    footer = html[html.index("<footer") :]
    assert 'href="https://example.org/help"' in footer and "Other help" in footer


def test_a_link_with_both_a_page_and_an_address_is_refused_with_a_message(client):
    guidance = GuidanceIndexPageFactory()
    site = Site.objects.get(is_default_site=True)
    before = NavigationSettings.for_site(site).header_links.get_prep_value()
    client.force_login(user_in("National moderators"))
    response = client.post(
        reverse("wagtailsettings:edit", args=["cms", "navigationsettings", site.pk]),
        nested_form_data(
            {
                "header_links": streamfield(
                    [("link", link(page=guidance, url="https://example.org/", title="Both"))]
                ),
                "footer_links": streamfield([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "Choose a page or enter an address, not both." in response.content.decode()
    assert NavigationSettings.for_site(site).header_links.get_prep_value() == before


def test_moderators_cannot_change_the_navigation(client):
    # Only Editors and National moderators hold the setting (docs/permissions.md).
    site = Site.objects.get(is_default_site=True)
    client.force_login(user_in("Moderators"))
    url = reverse("wagtailsettings:edit", args=["cms", "navigationsettings", site.pk])
    assert client.get(url).status_code in (302, 403)
