"""A real Chromium (Debian's, no browser download) driven by Playwright.

Every page opened through ``page`` fails its test on a Content Security Policy
violation, a console error, or a request to any host but the live server.
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
            self.problems.append(f"console {message.type}: {text}")

    def on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if f"{url.scheme}://{url.netloc}" != self.allowed_origin:
            self.problems.append(f"request to another host: {request.url}")

    def on_page_error(self, error):
        self.problems.append(f"page error: {error}")


def open_page(browser, live_server, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
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
def page(browser, live_server):
    context, page, problems = open_page(browser, live_server)
    yield page
    context.close()
    assert not problems.problems, "\n".join(problems.problems)


@pytest.fixture
def phone_page(browser, live_server):
    context, page, problems = open_page(
        browser, live_server, viewport={"width": 375, "height": 812}
    )
    yield page
    context.close()
    assert not problems.problems, "\n".join(problems.problems)


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
