"""Creating networks pages through the admin, as an editor would."""

import datetime

from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import Organisation, Region
from networks.models import (
    EventIndexPage,
    EventPage,
    NetworkPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
)


def index_of(model, slug="london"):
    return model.objects.child_of(NetworkPage.objects.get(slug=slug)).get()


def project_form(**changes):
    data = {
        "title": "Thursday voices group",
        "slug": "thursday-voices-group",
        "organisation": Organisation.objects.create(name="Admin test group").pk,
        "summary": "A group for people who hear voices.",
        "description": rich_text("<p>We meet every Thursday.</p>"),
        "project_type": "self_help",
        "group_format": "group",
        "leadership": "peer_led",
        "formality": "informal",
        "supporter_role": "mutual",
        "setting": "community",
        "how_to_join": "drop_in",
        "open_to_new_members": "on",
        "venue_visibility": "area",
        "address": "2 Example Road",
        "postcode": "LS6 3HN",
        "last_checked": timezone.localdate().isoformat(),
    }
    data.update(changes)
    return nested_form_data(data)


class TestProjectAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_creating_a_project_fills_district_and_region_from_the_postcode(self):
        self.assertCanCreate(index_of(ProjectIndexPage), ProjectPage, project_form())
        project = ProjectPage.objects.get(slug="thursday-voices-group")
        self.assertEqual(project.district, "LS6")
        self.assertEqual(project.region, Region.objects.get(slug="yorkshire-and-the-humber"))
        self.assertIsNotNone(project.district_latitude)
        self.assertEqual(project.venue_visibility, "area")

    def test_a_place_the_geocoder_refuses_is_a_field_error(self):
        url = f"/admin/pages/add/networks/projectpage/{index_of(ProjectIndexPage).pk}/"
        response = self.client.post(url, project_form(postcode="EH1 1AA"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Scotland", str(response.context["form"].errors["postcode"]))
        self.assertFalse(ProjectPage.objects.filter(slug="thursday-voices-group").exists())


class TestEventAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def event_form(self, start, end):
        return nested_form_data(
            {
                "title": "Network day",
                "slug": "network-day",
                "summary": "Projects meet.",
                "venue_visibility": "area",
                "occurrences": inline_formset(
                    [
                        {
                            "start": start.strftime("%Y-%m-%d %H:%M"),
                            "end": end.strftime("%Y-%m-%d %H:%M"),
                        }
                    ]
                ),
            }
        )

    def test_creating_an_event_with_a_date(self):
        start = timezone.localtime() + datetime.timedelta(days=5)
        self.assertCanCreate(
            index_of(EventIndexPage),
            EventPage,
            self.event_form(start, start + datetime.timedelta(hours=2)),
        )
        self.assertEqual(EventPage.objects.get(slug="network-day").occurrences.count(), 1)

    def test_an_end_before_the_start_is_refused(self):
        start = timezone.localtime() + datetime.timedelta(days=5)
        url = f"/admin/pages/add/networks/eventpage/{index_of(EventIndexPage).pk}/"
        response = self.client.post(
            url, self.event_form(start, start - datetime.timedelta(hours=1))
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(EventPage.objects.filter(slug="network-day").exists())


class TestResourceAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_a_resource_needs_a_document_or_a_link(self):
        index = index_of(ResourceIndexPage)
        data = {"title": "Toolkit", "slug": "toolkit", "kind": "toolkit", "summary": "Tools."}
        url = f"/admin/pages/add/networks/resourcepage/{index.pk}/"
        self.client.post(url, nested_form_data(data))
        self.assertFalse(ResourcePage.objects.exists())
        data["link"] = "https://resources.example.org/toolkit/"
        self.assertCanCreate(index, ResourcePage, nested_form_data(data))


class TestNetworkAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_creating_a_second_network_in_a_region_with_coordinators(self):
        from networks.models import NetworksIndexPage

        data = nested_form_data(
            {
                "title": "London: young people's network",
                "slug": "london-young-people",
                "region": Region.objects.get(slug="london").pk,
                "intro": rich_text("<p>For groups run by and for young people.</p>"),
                "coordinators": inline_formset(
                    [
                        {
                            "role_title": "Youth network coordinator",
                            "relay_email": "youth@example.org",
                        }
                    ]
                ),
            }
        )
        self.assertCanCreate(NetworksIndexPage.objects.get(), NetworkPage, data)
        network = NetworkPage.objects.get(slug="london-young-people")
        self.assertEqual(network.coordinators.get().role_title, "Youth network coordinator")


class TestMentoringAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_creating_an_offer_with_the_reports_topics(self):
        from cms.models import Topic
        from networks.models import MentoringIndexPage, MentoringPage

        data = nested_form_data(
            {
                "title": "Governance mentoring",
                "slug": "governance-mentoring",
                "kind": "offer",
                "summary": "An hour a month on policies.",
                "telephone": "on",
                "expires_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
            }
        )
        # A multiple choice is a repeated key, which nested_form_data would flatten.
        data["topics"] = [Topic.objects.get(slug="governance").pk]
        self.assertCanCreate(index_of(MentoringIndexPage), MentoringPage, data)
