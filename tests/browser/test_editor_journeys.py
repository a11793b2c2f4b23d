"""An editor writes and publishes a guidance page with several block types, in the real admin."""

from django.contrib.auth import get_user_model
from django.db import connection

import pytest

from cms.models import GuidancePage
from tests.browser.conftest import (
    JOURNEY_VIEWPORTS,
    admin_login,
    assert_no_sideways_scrolling,
    screenshot,
)
from tests.conftest import require_service
from tests.factories.cms import GuidanceIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_block(page, label):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=label).or_(page.get_by_role("button", name=label)).first.click()


@pytest.mark.parametrize("viewport", JOURNEY_VIEWPORTS)
def test_editor_publishes_guidance_with_several_blocks(
    open_checked_page, live_server, settings, viewport
):
    if viewport != "desktop":
        # On phones Wagtail's editor sends its requests side by side; the SQLite
        # live server shares one connection and answers some of them 503.
        require_service(
            connection.vendor == "postgresql",
            "the phone editor journey needs PostgreSQL (apt-get install postgresql; "
            "make test starts it)",
        )
    # The editor's background "who else is editing" pings would race its own
    # requests; SQLite's shared test connection serves one request at a time.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    index = GuidanceIndexPageFactory()
    get_user_model().objects.create_superuser(
        "chief", "chief@example.org", "a-long-editor-password"
    )
    # Wagtail's editor posts the unfinished form to its preview view as the editor
    # types, which answers 400 until the form is valid.
    page = open_checked_page(JOURNEY_VIEWPORTS[viewport], expected_statuses=(400,))
    admin_login(page, live_server, "chief", "a-long-editor-password")

    page.goto(f"{live_server.url}/admin/pages/add/cms/guidancepage/{index.pk}/")
    page.locator("#id_title").fill("Keeping a group safe")
    page.locator("#id_summary").fill("Simple ground rules that help everyone.")

    add_block(page, "Heading")
    page.locator("[name='body-0-value-text']").fill("Ground rules")
    add_block(page, "Quote")
    page.locator("[name='body-1-value-quote']").fill("We agreed our rules together.")
    page.locator("[name='body-1-value-attribution']").fill("A group member")

    # Let those preview requests finish before publishing.
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/**")
    screenshot(page, f"editor-published-{viewport}")

    guide = GuidancePage.objects.get(title="Keeping a group safe")
    assert guide.live
    assert [block.block_type for block in guide.body] == ["heading", "quote"]
    page.goto(live_server.url + guide.url)
    assert page.get_by_text("We agreed our rules together.").is_visible()
    assert_no_sideways_scrolling(page, "the published guidance page")
