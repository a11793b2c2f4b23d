"""Demo courses from the core demo's organisations, with sessions in real towns.

Course titles, venues and dates are invented for the demo; contact addresses are
example.org. Running ``load_demo_data`` again changes nothing.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cms.models import NavigationSettings, Organisation, Topic
from cms.plugins import DemoContent

from .demo_courses import DEMO_PROVIDERS, MORE_COURSES
from .models import AwardingBody, CourseIndexPage, CoursePage, CourseSession

AWARDING_BODIES = [
    ("Midlands Open College Network (demo)", "ocn", "https://ocn-midlands.example.org/"),
    (
        "Awarding Organisation for Community Learning (demo)",
        "regulated",
        "https://aocl.example.org/",
    ),
    ("University of the South West (demo)", "university", "https://usw.example.org/"),
]

# (slug, title, provider, summary, recognition, body or certifier, level, credits,
#  delivery, cost, topics, sessions: (days ahead, start hour, hours, postcode, venue, visibility, online))
COURSES = [
    (
        "starting-a-self-help-group",
        "Starting a self-help group",
        "Self-Help Nottingham",
        "A practical day on getting a new self-help group off the ground: first meetings, ground rules and sharing the work.",
        "none",
        "",
        "",
        None,
        "in_person",
        ("free", None, False),
        ["Self-help groups", "Organisational capacity"],
        [
            (12, 10, 6, "NG1 5DL", "Nottingham Community Hub", "public", False),
            (54, 10, 6, "NG7 2QW", "Lenton meeting room", "area", False),
        ],
    ),
    (
        "peer-support-worker-certificate",
        "Certificate in peer support work",
        "Self-Help Nottingham",
        "A ten-week accredited course for people starting paid or voluntary peer support roles.",
        "accredited",
        0,
        "3",
        12,
        "blended",
        ("paid", "180", True),
        ["Training and accreditation", "Peer support practice"],
        [
            (21, 10, 5, "NG1 5DL", "Nottingham Community Hub", "public", False),
            (28, 10, 2, "", "", "", True),
        ],
    ),
    (
        "intentional-peer-support-introduction",
        "Introduction to intentional peer support",
        "Recovery Devon",
        "Four mornings exploring connection, worldview, mutuality and moving towards what we want.",
        "cpd",
        "Recovery learning network (demo endorser)",
        "",
        None,
        "in_person",
        ("paid", "60", True),
        ["Peer support practice", "Recovery"],
        [
            (9, 9, 3, "EX4 3LS", "Exeter Quaker Meeting House", "public", False),
            (40, 18, 3, "PL1 2AA", "Plymouth city centre venue", "area", False),
        ],
    ),
    (
        "recovery-college-facilitation",
        "Co-facilitating recovery college courses",
        "Recovery Devon",
        "Learn to co-design and co-deliver recovery college sessions alongside clinical colleagues.",
        "accredited",
        2,
        "4",
        15,
        "blended",
        ("paid", "250", False),
        ["Recovery", "Training and accreditation"],
        [(33, 10, 6, "EX4 3LS", "Exeter Quaker Meeting House", "public", False)],
    ),
    (
        "peer-support-in-suffolk",
        "Peer support skills: listening and boundaries",
        "Suffolk Mind",
        "Two days on active listening, sharing your story safely and keeping good boundaries.",
        "cpd",
        "CPD certified (demo certifier)",
        "",
        None,
        "in_person",
        ("free", None, False),
        ["Peer support practice"],
        [
            (6, 10, 6, "IP1 2AN", "Ipswich training room", "public", False),
            (7, 10, 6, "IP1 2AN", "Ipswich training room", "public", False),
            (70, 17, 3, "CB1 1PT", "Cambridge community centre", "area", False),
        ],
    ),
    (
        "running-hearing-voices-groups",
        "Facilitating hearing voices groups",
        "Hearing Voices Network",
        "Three days for people who want to start or co-facilitate a hearing voices group.",
        "cpd",
        "Hearing voices facilitator programme (demo)",
        "",
        None,
        "in_person",
        ("paid", "120", True),
        ["Hearing voices", "Self-help groups"],
        [
            (15, 10, 6, "M1 2HF", "Manchester central library room", "public", False),
            (45, 10, 6, "LS6 3HN", "Headingley community venue", "area", False),
            (80, 10, 6, "B1 1BB", "Birmingham city centre venue", "on_request", False),
        ],
    ),
    (
        "user-involvement-basics",
        "Getting involved: user voice in services",
        "North Staffordshire User Group",
        "An evening course on sitting on panels, giving feedback and influencing local services.",
        "none",
        "",
        "",
        None,
        "in_person",
        ("free", None, False),
        ["Making the case to commissioners"],
        [
            (13, 18, 2, "ST1 3EJ", "Hanley community rooms", "public", False),
            (20, 18, 2, "ST1 3EJ", "Hanley community rooms", "public", False),
        ],
    ),
    (
        "peer-educators-community",
        "Peer educators in the Somali community",
        "Hayaan Project",
        "Training volunteer peer educators to talk about mental health in their own community.",
        "accredited",
        0,
        "2",
        6,
        "in_person",
        ("free", None, False),
        ["BME communities", "Peer support practice"],
        [(18, 10, 4, "E1 1EJ", "East London community centre", "area", False)],
    ),
    (
        "group-governance-online",
        "Governance for small groups (online)",
        "National Survivor User Network",
        "Four online sessions on constitutions, policies and roles for small user-led groups.",
        "none",
        "",
        "",
        None,
        "online",
        ("free", None, False),
        ["Governance", "Organisational capacity"],
        [(10, 14, 2, "", "", "", True), (17, 14, 2, "", "", "", True)],
    ),
    (
        "peer-mentoring-skills",
        "Peer mentoring skills",
        "Mind in Harrow",
        "A Saturday course on mentoring new peer supporters and volunteers.",
        "cpd",
        "Peer mentoring endorsement scheme (demo)",
        "",
        None,
        "in_person",
        ("paid", "40", True),
        ["Peer mentoring"],
        [
            (
                11 + (5 - (timezone.localdate().weekday() + 11) % 7) % 7,
                10,
                5,
                "HA1 2XS",
                "Harrow civic venue",
                "public",
                False,
            )
        ],
    ),
    (
        "making-the-case-dorset",
        "Evidence and evaluation for peer projects",
        "Dorset Mental Health Forum",
        "How to collect and present the difference your project makes, for funders and commissioners.",
        "accredited",
        2,
        "5",
        20,
        "blended",
        ("paid", "300", True),
        ["Evaluation", "Making the case to commissioners"],
        [
            (25, 10, 6, "DT1 1XJ", "Dorchester meeting hall", "public", False),
            (60, 10, 6, "BS1 5TR", "Bristol harbourside venue", "area", False),
        ],
    ),
    (
        "young-peer-supporters",
        "Young peer supporters",
        "Bromley Mind",
        "For 16 to 25-year-olds who want to support other young people through shared experience.",
        "none",
        "",
        "",
        None,
        "in_person",
        ("free", None, False),
        ["Young people", "Peer support practice"],
        [
            (30, 16, 3, "BR1 1QZ", "Bromley youth space", "area", False),
            (37, 16, 3, "BR1 1QZ", "Bromley youth space", "area", False),
        ],
    ),
    *MORE_COURSES,
]


def session_time(days_ahead, hour):
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(hour=hour)))


class CourseDemo(DemoContent):
    """A course finder under home and three dozen courses; skips what already exists."""

    name = "training courses"
    order = 50

    def load(self, home_page, stdout):
        index = CourseIndexPage.objects.child_of(home_page).first()
        if index is None:
            index = CourseIndexPage(
                title="Find training",
                slug="courses",
                intro="<p>Find accredited and non-accredited training in peer support near you.</p>",
            )
            home_page.add_child(instance=index)
            index.save_revision().publish()
        home_page.add_way_in(
            "Accredited and informal courses for peer workers, facilitators and group "
            "organisers, as a list or on a map.",
            page=index,
            title="Find training near you",
        )
        NavigationSettings.for_site(home_page.get_site()).add_header_link(
            page=index, title="Training"
        )
        bodies = [
            AwardingBody.objects.get_or_create(name=name, defaults={"kind": kind, "website": url})[
                0
            ]
            for name, kind, url in AWARDING_BODIES
        ]
        self.create_demo_providers()
        providers = {
            org.name: org
            for org in Organisation.objects.filter(name__in={spec[2] for spec in COURSES})
        }
        created = 0
        for spec in COURSES:
            if spec[2] in providers and not CoursePage.objects.filter(slug=spec[0]).exists():
                self.create_course(index, spec, providers[spec[2]], bodies)
                created += 1
        stdout.write(
            f"Courses: {created} created, {len(COURSES) - created} already there or skipped."
        )

    @staticmethod
    def create_demo_providers():
        for name, description, slug, phone in DEMO_PROVIDERS:
            Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "description": description,
                    "website": f"https://{slug}.example.org/",
                    "peer_led": True,
                    "public_email": f"hello@{slug}.example.org",
                    "public_phone": phone,
                },
            )

    def create_course(self, index, spec, provider, bodies):
        (
            slug,
            title,
            _,
            summary,
            recognition,
            extra,
            level,
            credits,
            delivery,
            (cost, amount, bursaries),
            topic_names,
            sessions,
        ) = spec
        domain = provider.name.lower().replace("'", "").replace(" ", "-")
        course = CoursePage(
            slug=slug,
            title=title,
            summary=summary,
            body=f"<p>{summary}</p><p>Sessions are friendly and informal, with regular breaks.</p>",
            provider=provider,
            recognition=recognition,
            awarding_body=bodies[extra] if recognition == "accredited" else None,
            certifier=extra if recognition == "cpd" else "",
            level=level,
            credits=credits,
            audience=["peer_workers", "volunteers"],
            delivery=delivery,
            cost=cost,
            cost_amount=Decimal(amount) if amount else None,
            bursaries=bursaries,
            duration=f"{len(sessions)} session{'s' if len(sessions) > 1 else ''}",
            booking_contact=f"training@{domain}.example.org",
            accessibility_info="Materials in large print on request. Tell us about any adjustments you need.",
        )
        for days_ahead, hour, hours, postcode, venue, visibility, online in sessions:
            session = CourseSession(
                starts_at=session_time(days_ahead, hour),
                ends_at=session_time(days_ahead, hour) + timedelta(hours=hours),
                online=online,
                venue_name=venue,
                address="1 Example Street" if venue else "",
                postcode=postcode,
                venue_visibility=visibility or "area",
                step_free=not online,
                hearing_loop=days_ahead % 2 == 0 and not online,
                accessible_toilet=not online,
                quiet_room=days_ahead % 3 == 0 and not online,
            )
            session.full_clean(exclude=["page"])
            course.sessions.add(session)
        index.add_child(instance=course)
        course.topics.set(Topic.objects.filter(name__in=topic_names))
        course.save_revision().publish()
