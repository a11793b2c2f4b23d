"""Drafts, unpublished changes and private pages never reach a public output.

On the demo site, one page of every public kind is left as a draft, one is made
private (a password view restriction), and one live page gets a newer draft
revision. Then every public output is crawled — the HTML pages reachable by
links, site search, the JSON API, every GeoJSON and iCalendar feed, the sitemap,
the coverage CSV and the Open Referral export when it is installed — and none
of them may show a secret title or link to a hidden page.
"""

import re
from collections import deque
from urllib.parse import urljoin

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from cms.models import GuidanceIndexPage
from tests.factories.cms import GuidancePageFactory
from tests.factories.courses import CoursePageFactory
from tests.factories.networks import (
    EventPageFactory,
    MentoringPageFactory,
    ProjectPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "guidance": GuidancePageFactory,
    "course": CoursePageFactory,
    "project": ProjectPageFactory,
    "event": EventPageFactory,
    "resource": ResourcePageFactory,
    "mentoring": MentoringPageFactory,
}
SECRET = "Qzvx"  # in every hidden title; appears nowhere else
LEAK = re.compile(SECRET + " (draft|private|unpublished)")
# Links, feeds (<link rel="alternate">) and map data (data-geojson-url); query strings
# are dropped except on map data, so each page is fetched once.
LINK = re.compile(r'(?:href|src)="([^"#?]*)[^"]*"|data-geojson-url="([^"#]*)"')
MAX_PAGES = 300


def hide_pages():
    """A draft and a private page of each kind, and a draft change to a live page."""
    hidden = []
    guidance_index = GuidanceIndexPage.objects.get()
    for kind, factory in FACTORIES.items():
        options = {"parent": guidance_index} if kind == "guidance" else {}
        draft = factory(title=f"{SECRET} draft {kind}", **options)
        draft.unpublish()
        private = factory(title=f"{SECRET} private {kind}", **options)
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        hidden += [draft, private]
    live = Page.objects.get(url_path__endswith="/guidance/what-peer-support-is/").specific
    live.title = f"{SECRET} unpublished change"
    live.save_revision()  # saved, not published
    return hidden


def known_outputs():
    outputs = [
        "/",
        "/sitemap.xml",
        "/search/?q=draft",
        f"/search/?q={SECRET}",
        "/search/?q=peer+support",
        f"/api/v1/search?q={SECRET}",
        "/api/v1/search?page_size=100",
        f"/api/v1/search/suggest?q={SECRET}",
        "/courses/geojson/",
        "/courses/coverage/csv/",
        "/networks/geojson/",
        "/networks/directory/geojson/",
    ]
    for name in ("openreferral_services", "openreferral_organizations", "openreferral"):
        try:
            outputs.append(reverse(name))
        except NoReverseMatch:
            continue
    return outputs


def crawl(client, start):
    """Same-site URLs reachable from ``start`` (with each page's feeds): bodies and links."""
    seen, bodies = set(start), {}
    queue = deque(start)
    while queue and len(bodies) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode(errors="replace")
        bodies[url] = body
        if "text/html" not in response.get("Content-Type", ""):
            continue
        links = {urljoin(url, a or b).replace("&amp;", "&") for a, b in LINK.findall(body)}
        for link in sorted(links):
            if link.startswith(("/admin", "/documents", "/static", "/media", "//")):
                continue
            if link.startswith("/") and link not in seen:
                seen.add(link)
                queue.append(link)
    return bodies, seen


def test_hidden_pages_never_appear_in_public_outputs(demo_site, client):
    hidden = hide_pages()
    cache.clear()
    bodies, linked = crawl(client, known_outputs())

    assert len(bodies) > 50, "the crawl should reach most of the demo site"
    kinds = {url.rsplit("/", 2)[-2] if url.endswith("/") else url for url in bodies}
    assert {"ical", "geojson"} <= kinds
    leaks = [url for url, body in bodies.items() if LEAK.search(body)]
    assert leaks == []
    assert linked.isdisjoint(page.url for page in hidden)
    # The private pages themselves ask for the password, and drafts are not found.
    for page in hidden:
        response = client.get(page.url) if page.url else None
        assert response is None or response.status_code in (200, 404)
        assert response is None or SECRET not in response.content.decode()
