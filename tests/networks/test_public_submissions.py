"""The public forms besides "post an event": a project listing (new or an update), a
shared resource (a private upload until approved) and a mentoring offer or request."""

from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents import get_document_model

import pytest

from cms.models import Organisation, Topic
from networks import submissions
from networks.models import MentoringPage, ProjectPage, ResourcePage, Submission
from networks.uploads import SUBMISSIONS_COLLECTION
from tests.factories.networks import ProjectPageFactory, StaffUserFactory, network

pytestmark = pytest.mark.django_db

Document = get_document_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def url(kind, slug="london"):
    return f"{network(slug).url}submit-{kind}/"


def coordinator(region="London"):
    return StaffUserFactory(groups=[f"{region} coordinators"])


def topic_ids(*slugs):
    return [str(pk) for pk in Topic.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def project_data(**changes):
    data = {
        "title": "Hearing Voices Hackney",
        "organiser": "Hackney Mind",
        "summary": "A hearing voices group.",
        "description": "We meet in a quiet room.",
        "project_type": "self_help",
        "group_format": "group",
        "setting": "community",
        "how_to_join": "drop_in",
        "open_to_new_members": "yes",
        "topics": topic_ids("peer-support-practice"),
        "meeting_schedule": "Thursdays, 2 to 4pm",
        "venue_visibility": "area",
        "venue_name": "The Round Chapel",
        "address": "1 Marker Street",
        "postcode": "E8 1AA",
        "public_email": "hello@voices.example.org",
        "contact_email": "organiser@voices.example.org",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def resource_data(**changes):
    data = {
        "title": "Volunteer agreement template",
        "organiser": "Leeds peer network",
        "resource_kind": "template",
        "summary": "A template agreement for peer volunteers.",
        "topics": topic_ids("governance"),
        "contact_email": "share@leeds.example.org",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def pdf(name="agreement.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def mentoring_data(**changes):
    data = {
        "mentoring_kind": "request",
        "title": "Help with our first funding bid",
        "organiser": "Tuesday circle",
        "summary": "We have never applied for a grant.",
        "topics": topic_ids("fundraising", "governance"),
        "formats": ["online", "telephone"],
        "availability": "Evenings",
        "contact_email": "circle@example.org",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


class TestEveryForm:
    @pytest.mark.parametrize("kind", ["project", "resource", "mentoring"])
    def test_the_form_says_it_is_not_a_crisis_service(self, client, kind):
        content = client.get(url(kind)).content.decode()
        assert "This is not a crisis service" in content
        assert "privacy notice" in content
        assert 'name="csrfmiddlewaretoken"' in content
        assert "<div hidden>" in content

    @pytest.mark.parametrize(
        ("kind", "data"),
        [("project", project_data), ("resource", resource_data), ("mentoring", mentoring_data)],
    )
    def test_the_honeypot_stores_and_sends_nothing(self, client, kind, data):
        response = client.post(
            url(kind), data(website="https://spam.example.com", link="https://x.example.org")
        )
        assert response.status_code == 302
        assert not Submission.objects.exists() and mail.outbox == []

    @pytest.mark.parametrize("kind", ["project", "resource", "mentoring"])
    def test_csrf_is_enforced(self, kind):
        response = Client(enforce_csrf_checks=True).post(url(kind), mentoring_data())
        assert response.status_code == 403
        assert not Submission.objects.exists()

    def test_the_rate_limit_is_shared_with_events(self, client):
        for n in range(5):
            client.post(url("mentoring"), mentoring_data(contact_email=f"m{n}@example.org"))
        response = client.post(url("project"), project_data())
        assert response.status_code == 429
        assert Submission.objects.count() == 5

    def test_an_unknown_form_or_network_is_a_404(self, client):
        assert client.get(url("bogus")).status_code == 404
        assert client.post(url("bogus"), mentoring_data()).status_code == 404
        assert client.get("/networks/atlantis/submit-project/").status_code == 404

    def test_the_network_page_links_every_form(self, client):
        content = client.get(network("london").url).content.decode()
        for kind in ("project", "event", "resource", "mentoring"):
            assert f'href="{url(kind)}"' in content


class TestProjectListing:
    def test_a_new_listing_is_queued_with_a_fixed_confirmation(self, client):
        response = client.post(url("project"), project_data())
        assert response.status_code == 302 and response["Location"].endswith(
            "/submit-project/thanks/"
        )
        submission = Submission.objects.get()
        assert submission.kind == "project" and submission.status == "pending"
        assert submission.details["project_type"] == "self_help"
        assert not ProjectPage.objects.filter(title="Hearing Voices Hackney").exists()
        [message] = mail.outbox
        assert message.to == ["organiser@voices.example.org"]
        assert "Hearing Voices" not in message.body and "project listing" in message.subject

    def test_approval_creates_a_draft_in_the_networks_projects(self, client):
        client.post(url("project"), project_data())
        user = coordinator()
        page = submissions.approve(Submission.objects.get(), user)
        page = ProjectPage.objects.get(pk=page.pk)
        assert not page.live and page.latest_revision.user == user
        assert page.get_parent().get_parent().specific == network("london")
        assert page.venue_visibility == "area" and page.district == "E8"
        assert page.contact_email == "organiser@voices.example.org"
        assert page.organisation.name == "Hackney Mind" and page.how_to_join == "drop_in"
        assert [t.slug for t in page.topics.all()] == ["peer-support-practice"]
        # The draft is not public.
        assert (
            client.get(page.url or "/networks/london/projects/hearing-voices-hackney/").status_code
            == 404
        )

    def test_an_existing_organisation_is_reused(self, client):
        Organisation.objects.create(name="Hackney Mind")
        client.post(url("project"), project_data(organiser="hackney mind"))
        page = submissions.approve(Submission.objects.get(), coordinator())
        assert Organisation.objects.filter(name__iexact="hackney mind").count() == 1
        assert page.organisation.name == "Hackney Mind"

    def test_a_new_listing_needs_its_essentials(self, client):
        response = client.post(
            url("project"),
            project_data(
                title="", project_type="", how_to_join="", open_to_new_members="", postcode=""
            ),
        )
        content = response.content.decode()
        assert response.status_code == 200 and "nhsuk-error-summary" in content
        for message in (
            "Enter the name of the group or project.",
            "Choose what kind of peer support it is.",
            "Choose how people join.",
            "Say whether it is open to new members.",
            "Enter a postcode or town, or choose “Online”.",
        ):
            assert message in content
        assert not Submission.objects.exists()

    def test_an_online_project_needs_no_place(self, client):
        response = client.post(url("project"), project_data(setting="online", postcode=""))
        assert response.status_code == 302

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"project_type": "cult"}, "Select a valid choice"),
            ({"topics": ["abc"]}, "is not a valid value"),
            ({"project": "99999999"}, "Select a valid choice"),
            ({"public_email": "not an email"}, "Enter a valid email address"),
            ({"postcode": "EH1 1AA"}, "Scotland"),
            ({"summary": "x" * 301}, "at most 300 characters"),
        ],
    )
    def test_bad_answers_are_field_errors(self, client, changes, message):
        response = client.post(url("project"), project_data(**changes))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Submission.objects.exists()

    def test_another_networks_listing_cannot_be_chosen(self, client):
        london_listing = ProjectPageFactory()
        response = client.post(
            url("project", "wales"), project_data(project=str(london_listing.pk))
        )
        assert "Select a valid choice" in response.content.decode()
        assert not Submission.objects.exists()


class TestProjectUpdate:
    @pytest.fixture
    def listing(self):
        return ProjectPageFactory(
            title="Tuesday circle",
            contact_email="current@circle.example.org",
            public_phone="01632 960000",
            meeting_schedule="Tuesdays",
        )

    def update(self, client, listing, **changes):
        data = {
            "project": str(listing.pk),
            "meeting_schedule": "Wednesdays, 6pm",
            "contact_email": "new@circle.example.org",
            "consent": "on",
        }
        data.update(changes)
        return client.post(url("project"), data)

    def test_an_update_needs_only_what_changed(self, client, listing):
        assert self.update(client, listing).status_code == 302
        submission = Submission.objects.get()
        assert submission.is_update and submission.title == "Tuesday circle"

    def test_approval_is_a_draft_revision_and_the_live_page_is_unchanged(self, client, listing):
        self.update(client, listing)
        user = coordinator()
        submissions.approve(Submission.objects.get(), user)
        listing.refresh_from_db()
        assert listing.meeting_schedule == "Tuesdays" and listing.has_unpublished_changes
        draft = listing.get_latest_revision_as_object()
        assert draft.meeting_schedule == "Wednesdays, 6pm"
        assert draft.title == "Tuesday circle" and draft.public_phone == "01632 960000"
        assert draft.contact_email == "current@circle.example.org"
        assert listing.latest_revision.user == user

    def test_a_contact_change_waits_for_the_current_contact(self, client, listing):
        self.update(client, listing, become_contact="on", public_phone="01632 960999")
        submissions.approve(Submission.objects.get(), coordinator())
        listing.refresh_from_db()
        with pytest.raises(PermissionDenied):
            listing.latest_revision.publish()
        listing.refresh_from_db()
        assert listing.contact_email == "current@circle.example.org"
        assert listing.public_phone == "01632 960000"


class TestResource:
    def post(self, client, **changes):
        data = resource_data(**changes)
        if "upload" not in changes and "link" not in changes:
            data["upload"] = pdf()
        return client.post(url("resource"), data)

    def test_an_upload_waits_in_the_private_collection(self, client):
        assert self.post(client).status_code == 302
        submission = Submission.objects.get()
        document = submission.document
        assert document.collection.name == SUBMISSIONS_COLLECTION
        assert "agreement" not in document.file.name  # a name nobody can guess
        assert submission.kind == "resource" and submission.details["resource_kind"] == "template"

    def test_an_unapproved_upload_is_served_only_to_its_coordinators(self, client):
        self.post(client)
        document = Submission.objects.get().document
        assert Client().get(document.url).status_code == 404
        welsh = Client()
        welsh.force_login(coordinator("Wales"))
        assert welsh.get(document.url).status_code == 404
        london = Client()
        london.force_login(coordinator())
        response = london.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")

    def test_an_unapproved_upload_cannot_be_chosen_for_a_page(self, client, admin_client):
        self.post(client)
        waiting = Submission.objects.get().document
        choose_link = f"/admin/documents/chooser/chosen/{waiting.pk}/"
        for query in ({}, {"q": waiting.title}):
            chooser = admin_client.get("/admin/documents/chooser/results/", query)
            assert chooser.status_code == 200
            assert choose_link not in chooser.content.decode()
        submissions.approve(Submission.objects.get(), coordinator())
        chooser = admin_client.get("/admin/documents/chooser/results/")
        assert choose_link in chooser.content.decode()

    def test_approval_publishes_the_page_and_the_file(self, client):
        self.post(client)
        submission = Submission.objects.get()
        page = submissions.approve(submission, coordinator())
        resource = ResourcePage.objects.get(pk=page.pk)
        assert resource.live and resource.kind == "template"
        assert [t.slug for t in resource.topics.all()] == ["governance"]
        document = Document.objects.get(pk=submission.document_id)
        assert document.collection.name == "London"
        response = Client().get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF

    def test_a_link_needs_no_upload(self, client):
        assert self.post(client, link="https://toolkits.example.org/agreement").status_code == 302
        page = submissions.approve(Submission.objects.get(), coordinator())
        assert ResourcePage.objects.get(pk=page.pk).link == "https://toolkits.example.org/agreement"

    def test_rejection_deletes_the_upload(self, client):
        self.post(client)
        submission = Submission.objects.get()
        submissions.reject(submission, coordinator())
        assert not Document.objects.exists()

    def test_the_purge_deletes_the_upload(self, client):
        self.post(client)
        Submission.objects.all().delete()
        assert not Document.objects.exists()

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (SimpleUploadedFile("logo.svg", b"<svg/>"), "must be a PDF"),
            (SimpleUploadedFile("page.html", b"<html></html>"), "must be a PDF"),
            (SimpleUploadedFile("macro.docm", b"PK\x03\x04"), "must be a PDF"),
            (SimpleUploadedFile("noext", b"%PDF-1.4"), "must be a PDF"),
            (SimpleUploadedFile("page.pdf", b"<html>not a pdf</html>"), "not a real .pdf file"),
            (SimpleUploadedFile("sheet.xlsx", b"%PDF-1.4"), "not a real .xlsx file"),
            (SimpleUploadedFile("list.csv", b"<script>alert(1)</script>"), "not a CSV file"),
            (SimpleUploadedFile("empty.pdf", b""), "The submitted file is empty"),
            (pdf(content=PDF + b"0" * (10 * 1024 * 1024)), "smaller than 10 MB"),
        ],
    )
    def test_refused_uploads_are_field_errors_and_nothing_is_kept(self, client, upload, message):
        response = client.post(url("resource"), resource_data(upload=upload))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Submission.objects.exists()
        assert not Document.objects.exists()

    def test_a_file_or_a_link_but_not_both(self, client):
        for changes in ({"upload": pdf(), "link": "https://x.example.org"}, {}):
            response = client.post(url("resource"), resource_data(**changes))
            assert "Upload a file or give a link (one, not both)." in response.content.decode()
        assert not Document.objects.exists()

    def test_a_csv_and_a_docx_are_accepted(self, client):
        for upload in (
            SimpleUploadedFile("contacts.csv", b"name,town\nTuesday circle,Leeds\n"),
            SimpleUploadedFile("policy.docx", b"PK\x03\x04rest-of-a-zip"),
        ):
            client.post(
                url("resource"),
                resource_data(upload=upload, contact_email=f"{upload.name}@example.org"),
            )
        assert Document.objects.count() == 2


class TestMentoring:
    def test_a_request_is_queued_and_approval_publishes_it_with_its_contact(self, client):
        assert client.post(url("mentoring"), mentoring_data()).status_code == 302
        page = submissions.approve(Submission.objects.get(), coordinator())
        entry = MentoringPage.objects.get(pk=page.pk)
        assert entry.live and entry.kind == "request"
        assert entry.formats == ["telephone", "online"]
        assert sorted(t.slug for t in entry.topics.all()) == ["fundraising", "governance"]
        assert entry.contact_email == "circle@example.org"
        assert "circle@example.org" not in client.get(entry.url).content.decode()

    def test_an_offer_from_a_listed_project(self, client):
        project = ProjectPageFactory()
        client.post(
            url("mentoring"), mentoring_data(mentoring_kind="offer", project=str(project.pk))
        )
        page = submissions.approve(Submission.objects.get(), coordinator())
        assert MentoringPage.objects.get(pk=page.pk).project_id == project.pk

    def test_missing_answers_are_field_errors(self, client):
        response = client.post(
            url("mentoring"), mentoring_data(topics=[], formats=[], mentoring_kind="")
        )
        content = response.content.decode()
        assert "Choose at least one topic." in content
        assert "Choose at least one way: face to face, telephone or online." in content
        assert not Submission.objects.exists()

    def test_only_the_reports_topics_are_offered(self, client):
        other = (
            Topic.objects.exclude(slug__in=["fundraising", "governance", "evaluation"])
            .exclude(
                slug__in=[
                    "organisational-capacity",
                    "peer-support-practice",
                    "making-the-case-to-commissioners",
                ]
            )
            .first()
        )
        response = client.post(url("mentoring"), mentoring_data(topics=[str(other.pk)]))
        assert "Select a valid choice" in response.content.decode()


class TestTheQueue:
    def test_the_admin_shows_each_kind_and_approves_a_resource(self, client):
        client.post(url("resource"), {**resource_data(), "upload": pdf()})
        client.post(url("project"), project_data())
        user = coordinator()
        client.force_login(user)
        content = client.get("/admin/network-submissions/").content.decode()
        assert "Resource" in content and "Project listing" in content
        resource = Submission.objects.get(kind="resource")
        detail = client.get(f"/admin/network-submissions/{resource.pk}/").content.decode()
        assert (
            "Template" in detail
            and "Governance" in detail
            and "File (private until approved)" in detail
        )
        response = client.post(f"/admin/network-submissions/{resource.pk}/approve/")
        assert response.status_code == 302
        assert ResourcePage.objects.get().live


def test_the_queue_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    from tests.factories.networks import SubmissionFactory

    client.force_login(coordinator())

    def queue_with(count):
        for n in range(count):
            kind = ("event", "project", "resource", "mentoring")[n % 4]
            SubmissionFactory(
                kind=kind, project=ProjectPageFactory() if kind == "project" else None
            )
        return client.get("/admin/network-submissions/")

    queue_with(2)  # warm the admin's caches
    with django_assert_num_queries(QUEUE_QUERIES):
        assert queue_with(0).content.decode().count(ROW) == 2
    queue_with(4)
    with django_assert_num_queries(QUEUE_QUERIES):
        assert queue_with(0).content.decode().count(ROW) == 6


# Session and user, the admin menu's permission checks, and one query for the
# submissions with their networks, however many are waiting.
QUEUE_QUERIES = 12
ROW = 'href="/admin/network-submissions/'
