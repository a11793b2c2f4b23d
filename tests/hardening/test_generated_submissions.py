"""Generated bad input against the public submission forms of a network page.

Besides answering without a 5xx and naming each error, a refused post must
leave nothing behind: no submission in the queue, no stored file, no email.
"""

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.models import Topic
from networks.choices import (
    MENTORING_TOPIC_SLUGS,
    GroupFormat,
    HowToJoin,
    ProjectType,
    ResourceKind,
    Setting,
    VenueVisibility,
)
from networks.models import ProjectPage, Submission
from networks.submission_forms import FORMATS

from .generated import assert_handled, keys, query, value

pytestmark = pytest.mark.django_db

NETWORK = "/networks/london/"
COMMON = {
    "title": value("Tuesday circle", "x" * 300),
    "organiser": value("Tuesday circle"),
    "summary": value("We meet to talk and listen."),
    "description": value("Tea and biscuits."),
    "contact_email": value("hello@tuesday.example.org", "not-an-email"),
    "consent": value("on"),
}


@pytest.fixture
def site(demo_site, db):
    cache.clear()
    return Client()


def topic_pks(**filters):
    return list(Topic.objects.filter(**filters).values_list("pk", flat=True))


def project_fields():
    listed = ProjectPage.objects.live().filter(url_path__contains="/london/")
    return {
        **COMMON,
        "project": value(*listed.values_list("pk", flat=True), 10**12),
        "project_type": value(*ProjectType.values),
        "group_format": value(*GroupFormat.values),
        "setting": value(*Setting.values),
        "how_to_join": value(*HowToJoin.values),
        "open_to_new_members": value("yes", "no"),
        "topics": value(*topic_pks()),
        "venue_visibility": value(*VenueVisibility.values),
        "postcode": value("E1 6AN", "Leeds", "BT1 1AA"),
        "public_email": value("groups@example.org", "@"),
        "public_phone": value("020 7946 0000"),
        "web_address": value("https://example.org", "javascript:alert(1)"),
        "become_contact": value("on"),
    }


def mentoring_fields():
    return {
        **COMMON,
        "mentoring_kind": value("offer", "request"),
        "topics": value(*topic_pks(slug__in=MENTORING_TOPIC_SLUGS)),
        "formats": value(*keys(FORMATS)),
        "availability": value("Two hours a month"),
    }


def resource_fields():
    return {
        **COMMON,
        "resource_kind": value(*ResourceKind.values),
        "topics": value(*topic_pks()),
        "link": value("https://example.org/toolkit.pdf", "file:///etc/passwd"),
    }


def check_refusal_leaves_nothing(response, queued_before, sent_before):
    assert_handled(response)
    if response.status_code != 302:
        assert Submission.objects.count() == queued_before, "a refused post was queued"
        assert len(mail.outbox) == sent_before, "a refused post sent an email"


@pytest.mark.parametrize(
    "kind, fields",
    [("project", project_fields), ("mentoring", mentoring_fields), ("resource", resource_fields)],
)
def test_submission_forms_refuse_bad_posts_and_keep_nothing(site, kind, fields):
    url = f"{NETWORK}submit-{kind}/"
    generated = fields()

    @given(query(generated, max_size=20))
    def check(body):
        cache.clear()  # a 429 would hide the form's own answer
        queued, sent = Submission.objects.count(), len(mail.outbox)
        response = site.post(url, body, content_type="application/x-www-form-urlencoded")
        check_refusal_leaves_nothing(response, queued, sent)

    check()


FILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "toolkit.pdf", "toolkit.PDF", "notes.docx", "budget.xlsm", "logo.svg", "page.html",
            "run.exe", "no-extension", ".pdf", "a" * 300 + ".pdf", "../../etc/passwd.pdf",
            "name\x00.pdf", "survey.csv",
        ]
    ),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00/\\"), max_size=40),
)  # fmt: skip
FILE_BODIES = st.one_of(
    st.sampled_from([b"", b"%PDF-1.7\n", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"MZ"]),
    st.binary(max_size=300),
)


def test_resource_uploads_of_any_name_and_content_are_handled(site):
    url = f"{NETWORK}submit-resource/"
    resource = Topic.objects.order_by("pk").first()

    @given(FILE_NAMES.filter(bool), FILE_BODIES, st.booleans())
    def check(name, body, with_link):
        cache.clear()
        queued, sent = Submission.objects.count(), len(mail.outbox)
        form = {
            "title": "Our group agreement",
            "organiser": "Tuesday circle",
            "resource_kind": ResourceKind.values[0],
            "summary": "How we agreed our ground rules.",
            "topics": [resource.pk],
            "contact_email": "hello@tuesday.example.org",
            "consent": "on",
            "upload": SimpleUploadedFile(name, body),
        }
        if with_link:
            form["link"] = "https://example.org/agreement"
        response = site.post(url, form)
        check_refusal_leaves_nothing(response, queued, sent)
        if response.status_code == 302:
            stored = Submission.objects.order_by("-pk").first()
            if stored.document is None:
                # A name like ".." is dropped by the upload parser: a link-only resource.
                assert with_link, "an accepted upload was not kept"
            else:
                extension = stored.document.file.name.lower().rsplit(".", 1)[-1]
                assert extension in {"pdf", "docx", "xlsx", "odt", "ods", "csv"}

    check()
