"""The demo guidance is written plainly: Flesch reading ease of at least 60 per page."""

from django.utils.html import strip_tags

import pytest
import textstat

from cms.demo.guidance import GUIDANCE_PAGES
from cms.demo.pages import ABOUT, ACCESSIBILITY_STATEMENT, PRIVACY_NOTICE


def page_text(summary, body):
    parts = [summary]
    for _block_type, value in body:
        if isinstance(value, str):
            parts.append(strip_tags(value))
        else:
            parts.extend(strip_tags(str(v)) for v in value.values() if isinstance(v, str))
    return " ".join(part.strip().rstrip(".") + "." for part in parts if part.strip())


PAGES = [(spec["title"], spec["summary"], spec["body"]) for spec in GUIDANCE_PAGES] + [
    (title, summary, body)
    for _, title, summary, body in (ABOUT, PRIVACY_NOTICE, ACCESSIBILITY_STATEMENT)
]


@pytest.mark.parametrize(("title", "summary", "body"), PAGES, ids=[page[0] for page in PAGES])
def test_demo_pages_are_easy_to_read(title, summary, body):
    score = textstat.flesch_reading_ease(page_text(summary, body))
    assert score >= 60, f"{title}: Flesch reading ease {score:.0f}"
