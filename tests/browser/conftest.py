"""A real Chromium (Debian's, no browser download) driven by Playwright.

Tests open pages only through ``open_checked_page`` (or ``page``/``phone_page``,
built on it): each such page fails its test on a Content Security Policy
violation, a console error, an uncaught script error, or a request to any host
but the live server.
"""

import importlib
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require_service(
        Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageProblems:
    """What a page did that it must not: CSP violations, errors, foreign requests."""

    def __init__(self, allowed_origin):
        self.allowed_origin = allowed_origin
        self.problems = []

    def on_console(self, message):
        text = message.text
        if message.type == "error" or "Content Security Policy" in text:
            source = message.location.get("url") or ""
            self.problems.append(f"console {message.type}: {text} {source}".rstrip())

    def on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if f"{url.scheme}://{url.netloc}" != self.allowed_origin:
            self.problems.append(f"request to another host: {request.url}")

    def on_page_error(self, error):
        self.problems.append(f"page error: {error}")


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# The journeys also run reflowed at 320 CSS pixels (WCAG 1.4.10).
JOURNEY_VIEWPORTS = {**VIEWPORTS, "reflowed": {"width": 320, "height": 640}}
# Each public submission form of a network page, by kind, and its send button.
SUBMISSION_BUTTONS = {
    "event": "Send the event",
    "project": "Send the listing",
    "resource": "Send the resource",
    "mentoring": "Send it",
}


def open_page(browser, live_server, viewport=None, reduced_motion="no-preference"):
    """A new context and page whose problems are recorded; tests use ``open_checked_page``."""
    context = browser.new_context(
        viewport=viewport or VIEWPORTS["desktop"], reduced_motion=reduced_motion
    )
    page = context.new_page()
    problems = PageProblems(live_server.url)
    page.on("console", problems.on_console)
    page.on("request", problems.on_request)
    page.on("pageerror", problems.on_page_error)
    # CSP violations also reach the page as events; record them from the page itself.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return context, page, problems


@pytest.fixture
def open_checked_page(browser, live_server):
    """Open a page (one browser context each); the test fails at teardown on any problem.

    ``expected_statuses`` allows Chromium's console error for a response a test
    asks for on purpose (a 404 page, a form answered 400 with its errors).
    """
    opened = []

    def open_checked(viewport=None, *, expected_statuses=(), reduced_motion="no-preference"):
        context, page, problems = open_page(browser, live_server, viewport, reduced_motion)
        opened.append((context, problems, expected_statuses))
        return page

    yield open_checked
    unexpected = []
    for context, problems, expected_statuses in opened:
        context.close()
        allowed = tuple(f"status of {status} " for status in expected_statuses)
        unexpected += [p for p in problems.problems if not any(a in p for a in allowed)]
    assert not unexpected, "\n".join(unexpected)


SIDEWAYS_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_no_sideways_scrolling(page, step):
    """WCAG 1.4.10: the page at this step scrolls only vertically."""
    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
    assert overflow <= 0, f"{step} scrolls sideways by {overflow}px"


@pytest.fixture(autouse=True)
def _migrated_data(request):
    """Put back what the migrations created before each browser test.

    Live-server tests are transactional: the flush after each one removes the
    rows data migrations made (root and home pages, regions, topics, groups, the
    networks tree). Browser tests run in their own pytest process (see
    tools/run-tests.sh), so only they see the flush.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from wagtail.models import Collection, Locale, Page

    from cms.permissions import sync_permissions
    from networks.tree import build_tree

    ContentType.objects.clear_cache()
    cache.clear()
    locale = Locale.objects.first() or Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    importlib.import_module("cms.migrations.0002_initial_content").create_content(apps, None)
    build_tree(apps)
    sync_permissions(apps)
    yield


@pytest.fixture
def page(open_checked_page):
    return open_checked_page()


@pytest.fixture
def phone_page(open_checked_page):
    return open_checked_page(VIEWPORTS["phone"])


def admin_login(page, live_server, username, password):
    """Sign in to the Wagtail admin through its real login form."""
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
