"""Demo content for networks: coordinators, projects of the report's organisations
placed at district level in their towns, events, resources and mentoring.

Idempotent: a page whose slug already exists under its parent is left alone.
Every contact is invented (example.org, 01632 960xxx). Demo text is our own.
"""

import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.text import slugify

from cms.models import NavigationSettings, Organisation, Topic
from cms.permissions import sync_permissions
from cms.plugins import DemoContent

from .location import locate
from .models import (
    Community,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    MentoringIndexPage,
    MentoringPage,
    NetworkCoordinator,
    NetworkPage,
    NetworksIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
)
from .recurrence import Schedule
from .tree import NATIONAL_SLUG, build_tree

# network slug, organisation, project title, type, setting, how to join, place, communities, summary
PROJECTS = [
    (
        "east-midlands",
        "Self-Help Nottingham",
        "Self-help group starter service",
        "development",
        "community",
        "contact_first",
        "NG1",
        [],
        "Help to start a self-help group: a first meeting, a room and a simple group agreement.",
    ),
    (
        "east-midlands",
        "Network for Change",
        "Independent peer support circle",
        "mutual",
        "community",
        "drop_in",
        "LE1",
        ["bme"],
        "A fortnightly circle where people with lived experience support each other, independent of services.",
    ),
    (
        "yorkshire-and-the-humber",
        "Sheffield SHIP",
        "Peer support groups network",
        "development",
        "community",
        "contact_first",
        "S1",
        [],
        "Practical help for new and growing self-help groups across the city.",
    ),
    (
        "south-west",
        "Recovery Devon",
        "Intentional peer support",
        "formal",
        "community",
        "referral",
        "EX1",
        [],
        "Trained peer supporters meet people one to one to work on recovery goals.",
    ),
    (
        "south-west",
        "Recovery Devon",
        "Ward peer support",
        "formal",
        "inpatient",
        "referral",
        "EX1",
        [],
        "Peer supporters visit people staying on mental health wards.",
    ),
    (
        "south-west",
        "Dorset Mental Health Forum",
        "Peer support groups",
        "mutual",
        "community",
        "drop_in",
        "DT1",
        ["women", "young-people"],
        "Weekly user-led groups, including one for young people and one for women.",
    ),
    (
        "south-west",
        "Dorset Mental Health Forum",
        "Secure unit peer support",
        "formal",
        "forensic",
        "members_only",
        "DT1",
        [],
        "Peer support for people in a secure hospital, arranged with the unit.",
    ),
    (
        "south-west",
        "St Mungo's Bath",
        "Peer support group development",
        "development",
        "community",
        "contact_first",
        "BA1",
        ["refugees"],
        "Supports people with experience of homelessness to set up peer groups.",
    ),
    (
        "west-midlands",
        "North Staffordshire User Group",
        "Volunteer peer support",
        "mutual",
        "community",
        "drop_in",
        "ST1",
        ["older-people"],
        "Volunteers with lived experience offer a weekly drop-in and phone check-ins.",
    ),
    (
        "london",
        "Hayaan Project",
        "Somali community peer educators",
        "formal",
        "community",
        "contact_first",
        "E1",
        ["bme", "refugees"],
        "Volunteer peer educators talk about mental health in Somali and English.",
    ),
    (
        "london",
        "Mind in Harrow",
        "Peer-led groups",
        "self_help",
        "community",
        "drop_in",
        "HA1",
        ["carers"],
        "Peer-led groups for people living with mental health problems and for carers.",
    ),
    (
        "london",
        "Bromley Mind",
        "Peer support projects",
        "mutual",
        "community",
        "members_only",
        "BR1",
        ["lgbt"],
        "Closed peer groups, including an LGBT+ group, for people who have registered.",
    ),
    (
        "east-of-england",
        "Suffolk Mind",
        "Peer support training and groups",
        "formal",
        "community",
        "contact_first",
        "IP1",
        [],
        "Training for peer supporters and groups they go on to run.",
    ),
    (
        "north-east",
        "Hearing Voices Network",
        "Hearing voices group (Newcastle)",
        "self_help",
        "community",
        "contact_first",
        "NE1",
        ["hearing-voices"],
        "A group for people who hear voices, see visions or have other unusual experiences.",
    ),
    (
        "south-east",
        "Hearing Voices Network",
        "Hearing voices group (Brighton)",
        "self_help",
        "community",
        "drop_in",
        "BN1",
        ["hearing-voices"],
        "A weekly drop-in group run by and for people who hear voices.",
    ),
    (
        "north-west",
        "Hearing Voices Network",
        "Hearing voices group (Manchester)",
        "self_help",
        "community",
        "drop_in",
        "M1",
        ["hearing-voices"],
        "A relaxed group where people make sense of voices together, on their own terms.",
    ),
    (
        "wales",
        "Hearing Voices Network",
        "Hearing voices group (Cardiff)",
        "self_help",
        "community",
        "contact_first",
        "CF10",
        ["hearing-voices"],
        "A monthly group for voice hearers and people with unusual beliefs.",
    ),
    (
        NATIONAL_SLUG,
        "Hearing Voices Network",
        "Online hearing voices groups",
        "online",
        "online",
        "contact_first",
        "",
        ["hearing-voices"],
        "Video groups for people who cannot reach a local group.",
    ),
    (
        NATIONAL_SLUG,
        "National Survivor User Network",
        "Network of user-led groups",
        "development",
        "online",
        "members_only",
        "",
        [],
        "Connects service user and survivor groups to share learning and influence policy.",
    ),
]

# network slug, title, summary, days from today, online, place, shared into
RECURRING_EVENTS = [
    (
        "yorkshire-and-the-humber",
        "Fortnightly peer support evening",
        "A drop-in evening for anyone who wants to talk with people who have been there.",
        "LS6",
        {"frequency": "weekly", "interval": 2, "weekday": 1, "ends_at": datetime.time(20)},
    ),
    (
        "london",
        "Monthly group organisers' circle",
        "Organisers of peer support groups share what is working and what is not.",
        "E1",
        {"frequency": "monthly", "week_of_month": 2, "weekday": 1, "ends_at": datetime.time(20)},
    ),
]

EVENTS = [
    (
        "east-midlands",
        "Starting a self-help group: open evening",
        "An informal evening on what it takes to start a group.",
        14,
        False,
        "NG1",
        [],
    ),
    (
        "yorkshire-and-the-humber",
        "Group organisers' meet-up",
        "Swap ideas on keeping a group going through the winter.",
        21,
        False,
        "S1",
        [],
    ),
    (
        "south-west",
        "Peer support in the South West: network day",
        "Projects from across the region meet, share and plan.",
        30,
        False,
        "EX1",
        [],
    ),
    (
        "london",
        "Talking about mental health in our communities",
        "Peer educators share how they start conversations.",
        10,
        False,
        "E1",
        [],
    ),
    (
        NATIONAL_SLUG,
        "Making the case to commissioners: online workshop",
        "How small groups can show what they achieve.",
        28,
        True,
        "",
        ["london", "north-west"],
    ),
    (
        "wales",
        "Hearing voices: open meeting",
        "Find out what a hearing voices group is like.",
        18,
        False,
        "CF10",
        [],
    ),
]

# network slug, title, kind, summary, topic slugs, shared into
RESOURCES = [
    (
        NATIONAL_SLUG,
        "A checklist for starting a group",
        "guide",
        "The first ten things most new groups sort out.",
        ["governance", "organisational-capacity"],
        ["east-midlands", "wales"],
    ),
    (
        NATIONAL_SLUG,
        "Simple evaluation questions",
        "evaluation",
        "A short set of questions groups can ask members twice a year.",
        ["evaluation"],
        [],
    ),
    (
        "south-west",
        "Example confidentiality agreement",
        "template",
        "A plain-language agreement groups can adapt.",
        ["governance"],
        [],
    ),
    (
        "london",
        "Small grants for community groups",
        "link",
        "Where small groups in London have found funding.",
        ["fundraising"],
        [],
    ),
]

# network slug, project title, mentoring title, kind, topic slugs, formats
MENTORING = [
    (
        "east-midlands",
        "Self-help group starter service",
        "Mentoring on setting up a group",
        "offer",
        ["governance", "organisational-capacity"],
        ("face_to_face", "telephone"),
    ),
    (
        "yorkshire-and-the-humber",
        "Peer support groups network",
        "Fundraising for small groups",
        "offer",
        ["fundraising"],
        ("telephone", "online"),
    ),
    (
        "south-west",
        "Intentional peer support",
        "Peer support practice mentoring",
        "offer",
        ["peer-support-practice"],
        ("face_to_face", "online"),
    ),
    (
        "london",
        "Somali community peer educators",
        "Help with evaluating our project",
        "request",
        ["evaluation"],
        ("online",),
    ),
    (
        NATIONAL_SLUG,
        "Network of user-led groups",
        "Making the case to commissioners",
        "offer",
        ["making-the-case-to-commissioners"],
        ("online", "telephone"),
    ),
]


def demo_contact_email(title):
    """A listing's private contact in the demo: on example.org (reserved by RFC 2606),
    so the relay forms show and nothing reaches a real inbox. Never rendered."""
    return f"listing+{slugify(title)}@example.org"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child_index(network, model):
    return model.objects.child_of(network).get()


class NetworksDemo(DemoContent):
    """Runs after courses (order 200) and before search rebuilds the catalogue."""

    name = "networks"
    order = 200

    def load(self, home_page, stdout):
        build_tree(apps)
        networks = {page.slug: page for page in NetworkPage.objects.all()}
        self.ways_in(home_page)
        self.coordinators(networks)
        projects = self.projects(networks)
        self.events(networks, projects)
        self.resources(networks)
        self.mentoring(networks, projects)
        sync_permissions(apps)
        stdout.write(
            f"Networks: {len(networks)} networks, {ProjectPage.objects.count()} projects, "
            f"{EventPage.objects.count()} events, {ResourcePage.objects.count()} resources, "
            f"{MentoringPage.objects.count()} mentoring entries."
        )

    def ways_in(self, home_page):
        index = NetworksIndexPage.objects.live().first()
        home_page.add_way_in(
            "Groups and projects near you: who can go, how to join, and when each listing "
            "was last checked.",
            url=f"{index.url}directory/",
            title="Find peer support groups",
        )
        home_page.add_way_in(
            "Events, shared resources and mentoring in each English region, in Wales, and online.",
            page=index,
            title="Regional networks",
        )
        navigation = NavigationSettings.for_site(home_page.get_site())
        navigation.add_header_link(url=f"{index.url}directory/", title="Directory")
        navigation.add_header_link(page=index, title="Networks")

    def coordinators(self, networks):
        for slug, network in networks.items():
            if not network.coordinators.exists():
                NetworkCoordinator.objects.create(
                    page=network,
                    role_title="Network coordinator",
                    relay_email=f"coordinator+{slug}@example.org",
                )

    def projects(self, networks):
        organisations = {
            org.name: org
            for org in Organisation.objects.filter(name__in={row[1] for row in PROJECTS})
        }
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        created = {}
        for slug, org_name, title, kind, setting, joining, place, communities, summary in PROJECTS:
            if org_name not in organisations:
                continue
            index = _child_index(networks[slug], ProjectIndexPage)
            existing = ProjectPage.objects.child_of(index).filter(slug=slugify(title)).first()
            if existing:
                created[title] = existing
                continue
            page = ProjectPage(
                title=title,
                slug=slugify(title),
                organisation=organisations[org_name],
                summary=summary,
                project_type=kind,
                setting=setting,
                how_to_join=joining,
                cost="Free",
                who_for="Adults with experience of mental health problems.",
                meeting_schedule="Weekly" if joining == "drop_in" else "",
                region=networks[slug].region,
                last_checked=timezone.localdate() - datetime.timedelta(days=40),
                contact_email=demo_contact_email(title),
            )
            if place:
                page.postcode = place
                locate(page, place)
            page = _publish(index, page)
            page.communities.set(Community.objects.filter(slug__in=communities))
            page.topics.set([topics["peer-support-practice"]])
            page.save_revision().publish()
            created[title] = page
        return created

    def events(self, networks, projects):
        today = timezone.localdate()
        for slug, title, summary, days, online, place, shared in EVENTS:
            index = _child_index(networks[slug], EventIndexPage)
            if EventPage.objects.child_of(index).filter(slug=slugify(title)).exists():
                continue
            page = EventPage(
                title=title, slug=slugify(title), summary=summary, online=online, cost="Free"
            )
            if place:
                page.postcode = place
                locate(page, place)
            start = timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=days), datetime.time(18, 0)
                )
            )
            page.occurrences = [
                EventOccurrence(start=start, end=start + datetime.timedelta(hours=2))
            ]
            page = _publish(index, page)
            page.also_in_networks.set([networks[s] for s in shared])
            page.save_revision().publish()
        self.recurring_events(networks)

    def recurring_events(self, networks):
        """Groups that meet on a schedule: both readings of "second Tuesday" side by side."""
        for slug, title, summary, place, schedule in RECURRING_EVENTS:
            index = _child_index(networks[slug], EventIndexPage)
            if EventPage.objects.child_of(index).filter(slug=slugify(title)).exists():
                continue
            page = EventPage(
                title=title, slug=slugify(title), summary=summary, cost="Free", postcode=place
            )
            locate(page, place)
            page.set_schedule(
                Schedule(first_date=timezone.localdate(), starts_at=datetime.time(18), **schedule)
            )
            _publish(index, page)

    def resources(self, networks):
        for slug, title, kind, summary, topic_slugs, shared in RESOURCES:
            index = _child_index(networks[slug], ResourceIndexPage)
            if ResourcePage.objects.child_of(index).filter(slug=slugify(title)).exists():
                continue
            page = ResourcePage(
                title=title,
                slug=slugify(title),
                kind=kind,
                summary=summary,
                link=f"https://resources.example.org/{slugify(title)}/",
                region=networks[slug].region,
            )
            page = _publish(index, page)
            page.topics.set(Topic.objects.filter(slug__in=topic_slugs))
            page.also_in_networks.set([networks[s] for s in shared])
            page.save_revision().publish()

    def mentoring(self, networks, projects):
        for slug, project_title, title, kind, topic_slugs, formats in MENTORING:
            index = _child_index(networks[slug], MentoringIndexPage)
            if MentoringPage.objects.child_of(index).filter(slug=slugify(title)).exists():
                continue
            page = MentoringPage(
                title=title,
                slug=slugify(title),
                kind=kind,
                summary=f"A mentoring {kind} between peer support projects.",
                availability="A couple of hours a month",
                project=projects.get(project_title),
                contact_email=demo_contact_email(title),
                **dict.fromkeys(formats, True),
            )
            page = _publish(index, page)
            page.topics.set(Topic.objects.filter(slug__in=topic_slugs))
            page.save_revision().publish()
