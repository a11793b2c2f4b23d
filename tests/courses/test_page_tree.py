"""Course page rules and the editor's path: creating a course with sessions in the admin."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import HomePage, Topic
from courses.models import CourseIndexPage, CoursePage
from tests.factories.cms import OrganisationFactory
from tests.factories.courses import AwardingBodyFactory, CourseIndexPageFactory, in_days


class TestCoursePageTree(WagtailPageTestCase):
    def test_finder_sits_under_home_and_holds_courses(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, set())

    def test_only_one_finder(self):
        CourseIndexPageFactory()
        self.assertFalse(CourseIndexPage.can_create_at(HomePage.objects.get()))


def session_row(**overrides):
    starts = in_days(14)
    row = {
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": starts.replace(hour=16).strftime("%Y-%m-%d %H:%M"),
        "venue_name": "Headingley community venue",
        "address": "1 Example Street",
        "postcode": "LS6 3HN",
        "location": "",
        "region": "",
        "venue_visibility": "area",
        "capacity": "12",
        "booking_url": "",
        "step_free": "on",
    }
    row.update(overrides)
    return {key: value for key, value in row.items() if value is not None}


class TestEditorsCreateCourses(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = CourseIndexPageFactory()
        cls.provider = OrganisationFactory(name="Recovery Devon")
        cls.body = AwardingBodyFactory(name="Example OCN")
        cls.topic = Topic.objects.get(name="Recovery")

    def setUp(self):
        self.login()

    def form_data(self, sessions, **fields):
        data = {
            "title": "Co-facilitation skills",
            "slug": "co-facilitation-skills",
            "summary": "Learn to co-facilitate.",
            "provider": str(self.provider.pk),
            "body": rich_text("<p>Two days.</p>"),
            "recognition": "accredited",
            "awarding_body": str(self.body.pk),
            "level": "3",
            "credits": "6",
            "certifier": "",
            "delivery": "in_person",
            "cost": "free",
            "cost_amount": "",
            "duration": "Two days",
            "entry_requirements": "",
            "booking_url": "https://example.org/book",
            "booking_contact": "",
            "accessibility_info": "",
            "sessions": inline_formset(sessions),
        }
        data.update(fields)
        data = nested_form_data(data)
        data["topics"] = [str(self.topic.pk)]
        data["audience"] = ["peer_workers", "facilitators"]
        return data

    def test_editor_creates_an_accredited_course_with_a_geocoded_session(self):
        self.assertCanCreate(self.index, CoursePage, self.form_data([session_row()]))
        course = CoursePage.objects.get(slug="co-facilitation-skills")
        self.assertEqual(course.audience, ["peer_workers", "facilitators"])
        self.assertEqual(list(course.topics.all()), [self.topic])
        session = course.sessions.get()
        # The postcode filled the district, its centre, the authority and the region.
        self.assertEqual(session.postcode_district, "LS6")
        self.assertAlmostEqual(session.area_latitude, 53.82009, places=3)
        self.assertEqual(session.local_authority, "Leeds")
        self.assertEqual(session.region.name, "Yorkshire and The Humber")
        self.assertTrue(session.step_free)

    def test_a_point_picked_on_the_map_is_the_venue_point(self):
        row = session_row(location="SRID=4326;POINT(-1.578 53.819)", venue_visibility="public")
        self.assertCanCreate(self.index, CoursePage, self.form_data([row]))
        session = CoursePage.objects.get(slug="co-facilitation-skills").sessions.get()
        self.assertEqual((session.latitude, session.longitude), (53.819, -1.578))
        # The area shown for a non-public venue is still the district's centre.
        self.assertAlmostEqual(session.area_longitude, -1.57087, places=4)

    def add_page_html(self):
        response = self.client.get(f"/admin/pages/add/courses/coursepage/{self.index.pk}/")
        return response.content.decode()

    def test_admin_map_uses_our_leaflet_and_tiles(self):
        html = self.add_page_html()
        self.assertIn("/static/vendor/leaflet/leaflet.js", html)
        self.assertNotIn("unpkg.com", html)
        self.assertNotIn("tile.openstreetmap.org", html)

    def test_admin_map_finds_places_through_our_geocoder(self):
        html = self.add_page_html()
        self.assertIn("/static/js/admin-venue-find.js", html)
        # The inline panel's template for new sessions carries the control too, its
        # status a live region, its geocoder ours, its postcode the same session's.
        self.assertIn('for="id_sessions-__prefix__-location_find">Find on the map</label>', html)
        self.assertIn('id="id_sessions-__prefix__-location_find-status" role="status"', html)
        self.assertIn('data-geocode-url="/admin/courses/geocode/"', html)
        self.assertIn('data-postcode-id="id_sessions-__prefix__-postcode"', html)
        self.assertIn("&quot;addressField&quot;: &quot;location_find&quot;", html)

    def test_admin_shows_each_validation_message(self):
        bad_session = session_row(
            ends_at=in_days(13).strftime("%Y-%m-%d %H:%M"), postcode="ZZ9 9ZZ"
        )
        data = self.form_data([bad_session], awarding_body="", booking_url="ftp://example.org/")
        response = self.client.post(f"/admin/pages/add/courses/coursepage/{self.index.pk}/", data)
        self.assertEqual(response.status_code, 200)
        for message in (
            "An accredited course needs its awarding body.",
            "The session must end after it starts.",
            "isn&#x27;t a postcode we recognise",
        ):
            self.assertContains(response, message)
        self.assertTrue(response.context["form"].errors["booking_url"])
        self.assertFalse(CoursePage.objects.filter(slug="co-facilitation-skills").exists())

    def test_awarding_body_snippet_is_registered(self):
        response = self.client.get("/admin/snippets/courses/awardingbody/")
        self.assertEqual(response.status_code, 200)
