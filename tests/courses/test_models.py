"""Course and session validation: each rule and its message."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from courses.models import CourseSession
from tests.factories.courses import (
    LS6_CENTRE,
    AwardingBodyFactory,
    CoursePageFactory,
    CourseSessionFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def errors_of(obj, **kwargs):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean(**kwargs)
    return caught.value.message_dict


class TestCoursePageValidation:
    def test_accredited_needs_awarding_body_and_level(self):
        course = CoursePageFactory(sessions=[])
        course.recognition = "accredited"
        errors = errors_of(course)
        assert errors["awarding_body"] == ["An accredited course needs its awarding body."]
        assert errors["level"] == ["Give the level of the qualification or credits."]

    def test_awarding_body_only_for_accredited(self):
        course = CoursePageFactory(sessions=[])
        course.awarding_body = AwardingBodyFactory()
        assert errors_of(course)["awarding_body"] == [
            "Only accredited courses have an awarding body: choose “accredited” or clear it."
        ]

    def test_cpd_needs_certifier(self):
        course = CoursePageFactory(sessions=[])
        course.recognition = "cpd"
        assert errors_of(course)["certifier"] == [
            "Name who certifies or endorses the course, such as ImROC."
        ]

    def test_paid_needs_amount_and_free_has_none(self):
        course = CoursePageFactory(sessions=[])
        course.cost = "paid"
        assert errors_of(course)["cost_amount"] == ["Give the price of a paid course."]
        course.cost, course.cost_amount = "free", Decimal("5")
        assert errors_of(course)["cost_amount"] == [
            "A free course has no price: clear it or choose “paid”."
        ]

    def test_booking_link_or_contact_needed(self):
        course = CoursePageFactory(sessions=[])
        course.booking_contact = ""
        assert errors_of(course)["booking_url"] == ["Give a booking link or a contact for booking."]

    @pytest.mark.parametrize("url", ["ftp://example.org/book", "javascript:alert(1)"])
    def test_booking_url_must_be_web(self, url):
        course = CoursePageFactory(sessions=[])
        course.booking_url = url
        assert "booking_url" in errors_of(course)

    def test_labels(self):
        course = CoursePageFactory(accredited=True, paid=True, bursaries=True, sessions=[])
        assert course.recognition_label == "Accredited, Level 3"
        assert course.recognition_detail.startswith("Level 3, 12 credits, awarded by ")
        assert course.cost_label == "£120 (bursaries available)"


class TestSessionValidation:
    def session(self, **kwargs):
        course = CoursePageFactory(sessions=[])
        return CourseSessionFactory.build(page=course, **kwargs)

    def test_end_after_start(self):
        starts = in_days(3)
        session = self.session(starts_at=starts, ends_at=starts - timedelta(hours=1))
        assert errors_of(session)["ends_at"] == ["The session must end after it starts."]

    def test_in_person_needs_location(self):
        session = self.session(postcode="", latitude=None, longitude=None)
        assert errors_of(session)["postcode"] == [
            "An in-person session needs a location: give the venue's postcode."
        ]

    def test_area_only_needs_postcode(self):
        session = self.session(postcode="", venue_visibility="area")
        assert errors_of(session)["postcode"] == [
            "Give the venue's postcode, so we can show its area instead of its address."
        ]

    def test_unknown_postcode_shows_geocoder_message(self):
        session = self.session(postcode="ZZ9 9ZZ")
        assert errors_of(session)["postcode"] == ["'ZZ9 9ZZ' isn't a postcode we recognise"]

    def test_half_a_point_is_refused(self):
        session = self.session(longitude=None)
        assert errors_of(session)["longitude"] == ["Give both latitude and longitude, or neither."]

    def test_online_session_has_no_venue(self):
        session = self.session(online=True)
        assert errors_of(session)["online"] == [
            "An online session has no venue: clear the venue fields or untick “online”."
        ]

    def test_session_booking_url_must_be_web(self):
        session = self.session(booking_url="ftp://example.org/")
        assert errors_of(session)["booking_url"] == [
            "Enter a web address starting with https:// (or http://)."
        ]

    def test_postcode_fills_district_point_region_and_authority(self):
        session = self.session(
            postcode="ls6 3hn",
            latitude=None,
            longitude=None,
            postcode_district="",
            area_latitude=None,
            area_longitude=None,
            local_authority="",
            region=None,
        )
        session.full_clean()
        assert session.postcode == "LS6 3HN"
        assert session.postcode_district == "LS6"
        assert (session.latitude, session.longitude) == pytest.approx(LS6_CENTRE, abs=1e-4)
        assert (session.area_latitude, session.area_longitude) == pytest.approx(
            LS6_CENTRE, abs=1e-4
        )
        assert session.region.name == "Yorkshire and The Humber"
        assert session.local_authority == "Leeds"

    def test_region_override_is_kept(self):
        from cms.models import Region

        london = Region.objects.get(slug="london")
        session = self.session(region=london)
        session.full_clean()
        assert session.region == london

    def test_public_point_hides_exact_point_unless_public(self):
        session = self.session()
        assert session.public_point == (session.latitude, session.longitude)
        for visibility in ("area", "on_request"):
            session.venue_visibility = visibility
            assert session.public_point == (session.area_latitude, session.area_longitude)
            assert session.public_address_lines == []
        assert CourseSession(online=True).public_point is None


class TestMapPoint:
    def session(self, **kwargs):
        return CourseSessionFactory.build(page=CoursePageFactory(sessions=[]), **kwargs)

    def test_map_point_sets_latitude_and_longitude(self):
        session = self.session(location="SRID=4326;POINT(-1.5 53.8)")
        session.full_clean()
        assert (session.latitude, session.longitude) == (53.8, -1.5)

    @pytest.mark.parametrize(
        ("location", "message"),
        [
            ("nonsense", "Pick the venue on the map, or clear the field."),
            (
                "SRID=4326;POINT(18.07 59.33)",
                "That point is outside the UK: pick the venue on the map.",
            ),
        ],
    )
    def test_bad_map_points(self, location, message):
        assert errors_of(self.session(location=location))["location"] == [message]

    def test_automatic_district_point_follows_a_new_postcode(self):
        session = self.session(latitude=None, longitude=None, location="")
        session.full_clean()
        assert session.location == "SRID=4326;POINT(-1.570870 53.820090)"
        session.postcode = "S1 2HE"
        session.full_clean()
        assert (session.latitude, session.longitude) == pytest.approx((53.37995, -1.47128))

    def test_automatic_region_follows_a_new_postcode_but_an_override_stays(self):
        from cms.models import Region

        session = self.session(region=None)
        session.full_clean()
        session.postcode = "NG1 5DL"
        session.full_clean()
        assert session.region.name == "East Midlands"
        session.region = Region.objects.get(slug="london")
        session.postcode = "S1 2HE"
        session.full_clean()
        assert session.region.slug == "london"
