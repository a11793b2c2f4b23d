"""What automated audits miss, on forms and pages: linked error summaries, images'
alt text, colour never the only signal."""

import pytest

from tests.browser.conftest import SUBMISSION_BUTTONS
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, ImageFactory
from tests.factories.courses import CourseIndexPageFactory
from tests.factories.networks import network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# How each link in running text is decorated: colour alone must not mark a link.
# (A link styled as a button is marked by its box.)
TEXT_LINK_DECORATIONS = """() => [...document.querySelectorAll('main p a, main li a')]
    .filter(a => !a.classList.contains('nhsuk-button'))
    .map(a => getComputedStyle(a).textDecorationLine)"""


def check_error_summary_links(page):
    """Every link in the error summary points at a field on the page and focuses it."""
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    links = summary.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert target.startswith("#"), target
        assert page.locator(target).count() == 1, f"{target} is not on the page"
        links.nth(index).click()
        focused_id = page.evaluate("document.activeElement.id")
        assert (
            f"#{focused_id}" == target
            or page.locator(target).locator(f"#{focused_id}").count() == 1
        )


@pytest.mark.parametrize("kind", SUBMISSION_BUTTONS)
def test_submission_form_errors_are_summarised_and_linked(page, live_server, kind):
    london = network("london")
    page.goto(live_server.url + london.url + f"submit-{kind}/")
    page.get_by_role("button", name=SUBMISSION_BUTTONS[kind]).click()
    assert page.title().startswith("Error")
    check_error_summary_links(page)
    # Each field error is text, not only a red border.
    for message in page.locator(".nhsuk-error-message").all():
        assert message.inner_text().startswith("Error:")


def test_finder_place_error_is_summarised_and_linked(page, live_server):
    finder = CourseIndexPageFactory()
    page.goto(live_server.url + finder.url + "?near=Xyzzyville")
    check_error_summary_links(page)


def test_images_have_alt_text_or_are_marked_decorative(page, live_server):
    described = ImageFactory(description="Six people sitting in a circle of chairs")
    decorative = ImageFactory(description="", is_decorative=True)
    index = GuidanceIndexPageFactory()
    guide = GuidancePageFactory(
        parent=index,
        title="Rooms that work",
        body=[
            ("image", {"image": described, "alt_text": "", "caption": ""}),
            ("image", {"image": decorative, "alt_text": "", "caption": ""}),
        ],
    )
    page.goto(live_server.url + guide.url)
    images = page.locator("main img")
    assert images.count() == 2
    alts = [images.nth(i).get_attribute("alt") for i in range(2)]
    assert alts == ["Six people sitting in a circle of chairs", ""]
    for path in ("/", index.url, guide.url):
        page.goto(live_server.url + path)
        missing = page.evaluate(
            "[...document.images].filter(img => !img.hasAttribute('alt')).length"
        )
        assert missing == 0, path


def test_links_in_text_are_underlined_not_only_coloured(page, live_server):
    index = GuidanceIndexPageFactory()
    guide = GuidancePageFactory(
        parent=index,
        title="Links",
        body=[("paragraph", '<p>See <a href="/">the home page</a>.</p>')],
    )
    for path in (guide.url, index.url):
        page.goto(live_server.url + path)
        decorations = page.evaluate(TEXT_LINK_DECORATIONS)
        assert decorations and all("underline" in d for d in decorations), (path, decorations)
