"""Real pages at scale: courses (1–5 sessions), events, projects and resources.

Pages are bulk-created under the demo tree's real indexes (the course index, each
network's events, projects and resources indexes) with treebeard ``path``/``depth``/
``numchild`` and ``url_path`` computed here, not one ``add_child`` at a time. They are
live and public but have **no revisions** (``latest_revision`` and ``live_revision`` stay
empty; the publish-to-searchable timing publishes a real revision of its own page).

Reproducible: item ``i`` is drawn from ``Random(f"{seed}:{i}")``, so growing from 1k to
10k pages adds items 1,000–9,999 and leaves the first thousand as they were. The
catalogue is then filled by the apps' own sources (``search.sync.rebuild_database``).
"""

import csv
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

SEED = 20261125
DISTRICTS_CSV = Path(settings.BASE_DIR) / "cms" / "data" / "uk-postcode-districts.csv"

# Mostly events and courses, as the live catalogue is expected to look.
KINDS = [("course", 35), ("event", 35), ("project", 20), ("resource", 10)]
TOPICS = [
    ("Hearing voices", 6), ("Anxiety", 14), ("Depression", 14), ("Bereavement", 6),
    ("Eating disorders", 4), ("Self-harm", 4), ("Carers", 8), ("Recovery", 12),
    ("Suicide prevention", 5), ("Young people", 7), ("Veterans", 3), ("Perinatal", 3),
    ("Psychosis", 4), ("Substance use", 5), ("Loneliness", 8), ("Trauma", 6),
    ("Neurodiversity", 5), ("LGBTQ+", 4), ("Racial justice", 3), ("Peer support work", 10),
]  # fmt: skip
COURSE_DELIVERY = [("in_person", 60), ("online", 25), ("blended", 15)]
VISIBILITY = [("public", 30), ("area", 60), ("on_request", 10)]
PROJECT_SETTING = [("community", 90), ("online", 5), ("inpatient", 3), ("forensic", 2)]
WORDS = [
    "peer", "support", "group", "mutual", "aid", "wellbeing", "recovery", "college",
    "drop-in", "circle", "community", "listening", "safe", "space", "sharing", "coping",
    "skills", "training", "facilitator", "volunteer", "weekly", "monthly", "welcome",
    "friendly", "confidential", "lived", "experience", "hope", "resilience", "walk",
    "cafe", "creative", "art", "music", "garden", "football", "allotment", "women", "men",
    "family", "youth", "online",
]  # fmt: skip


def load_districts():
    """Real English and Welsh districts: (outcode, latitude, longitude, region, area)."""
    with DISTRICTS_CSV.open(newline="") as handle:
        return [
            (r["outcode"], float(r["latitude"]), float(r["longitude"]), r["region"] or "Wales",
             r["lad_name"] or r["outcode"])
            for r in csv.DictReader(handle)
            if r["latitude"] and r["country"] in ("England", "Wales")
        ]  # fmt: skip


def weighted(rng, pairs, k=1):
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights=weights, k=k)


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


@dataclass
class Parent:
    """An index page new children go under, with the next free treebeard step."""

    page: Page
    next_step: int
    added: int = 0

    @classmethod
    def of(cls, page):
        last = (
            Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return cls(page, Page._str2int(last[-Page.steplen :]) + 1 if last else 1)

    def place(self, child, slug):
        """Give ``child`` the tree columns ``add_child`` would."""
        child.path = Page._get_path(self.page.path, self.page.depth + 1, self.next_step)
        child.depth = self.page.depth + 1
        child.numchild = 0
        child.slug = slug
        child.url_path = f"{self.page.url_path}{slug}/"
        child.locale_id = self.page.locale_id
        self.next_step += 1
        self.added += 1


@dataclass
class Tree:
    """The demo tree's indexes and the snippets generated pages point at."""

    courses: Parent
    network_indexes: dict  # region name ("" = national) -> {"event"|"project"|"resource": Parent}
    regions: dict
    topics: dict
    organisations: list
    districts: list = field(default_factory=load_districts)

    @classmethod
    def load(cls):
        from cms.models import Organisation, Region, Topic
        from courses.models import CourseIndexPage
        from networks.models import EventIndexPage, NetworkPage, ProjectIndexPage, ResourceIndexPage

        indexes = {}
        for network in NetworkPage.objects.select_related("region"):
            indexes[network.region.name if network.region_id else ""] = {
                kind: Parent.of(model.objects.child_of(network).get())
                for kind, model in (
                    ("event", EventIndexPage),
                    ("project", ProjectIndexPage),
                    ("resource", ResourceIndexPage),
                )
            }
        topics = {}
        for name, _weight in TOPICS:
            topics[name], _ = Topic.objects.get_or_create(
                slug=slugify(name), defaults={"name": name}
            )
        return cls(
            courses=Parent.of(CourseIndexPage.objects.get()),
            network_indexes=indexes,
            regions={region.name: region for region in Region.objects.all()},
            topics=topics,
            organisations=list(Organisation.objects.order_by("pk")),
        )


def bulk_create_pages(model, pages):
    """Insert ``pages`` of a Page subclass: the ``wagtailcore_page`` rows, then its own.

    ``bulk_create`` refuses multi-table inheritance, so the two tables are written
    one after the other with the ids the first returns.
    """
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)


def add_topics(model, pages_with_topics):
    through = model.topics.through
    source = model._meta.get_field("topics").m2m_field_name()
    through.objects.bulk_create(
        through(**{f"{source}_id": page.pk, "topic_id": topic.pk})
        for page, topics in pages_with_topics
        for topic in topics
    )


class Generator:
    """Draws items ``start``..``stop - 1`` and bulk-creates their pages by kind."""

    def __init__(self, tree, seed=SEED):
        self.tree = tree
        self.seed = seed
        rng = random.Random(seed)
        # Heavy-tailed weights: some districts are busy like cities, most are quiet.
        self.weights = [rng.paretovariate(1.5) for _ in tree.districts]
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.content_types = {}
        self.first_pages = {}  # kind -> pk of the first page this generator created

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return self.content_types[model]

    def district(self, rng):
        return rng.choices(self.tree.districts, weights=self.weights)[0]

    def base(self, rng, page, kind, i, parent):
        """Title, summary, live state and tree place of ``page``; returns its topics."""
        topics = sorted(set(weighted(rng, TOPICS, k=rng.randint(1, 3))))
        page.title = page.draft_title = f"{topics[0]} {sentence(rng, 3)} {kind}".capitalize()
        page.content_type_id = self.content_type(type(page))
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = self.now
        page.summary = sentence(rng, 14).capitalize() + "."
        parent.place(page, f"{slugify(page.title)[:60]}-{i}")
        return [self.tree.topics[name] for name in topics]

    def located(self, rng, page, online=False):
        """Fill ``LocationMixin`` fields from a real district; the venue a little off it."""
        outcode, lat, lon, region, area = self.district(rng)
        page.venue_visibility = weighted(rng, VISIBILITY)[0]
        if not online:
            page.venue_name = f"{sentence(rng, 2).title()} Centre"
            page.address = f"{rng.randint(1, 200)} High Street"
            page.postcode = outcode
            page.latitude = lat + rng.uniform(-0.02, 0.02)
            page.longitude = lon + rng.uniform(-0.02, 0.02)
            page.district, page.area_name = outcode, area
            page.district_latitude, page.district_longitude = lat, lon
        page.region = self.tree.regions.get(region)
        return region

    def network(self, region, kind):
        indexes = self.tree.network_indexes
        return (indexes.get(region) or indexes[""])[kind]

    def generate(self, start, stop, batch_size=2000):
        """Create items ``start``..``stop - 1``; returns the number of pages per kind."""
        counts = {}
        for first in range(start, stop, batch_size):
            items = {"course": [], "event": [], "project": [], "resource": []}
            for i in range(first, min(stop, first + batch_size)):
                rng = random.Random(f"{self.seed}:{i}")
                kind = weighted(rng, KINDS)[0]
                items[kind].append((i, rng))
            with transaction.atomic():
                for kind, rows in items.items():
                    pages = getattr(self, f"{kind}s")(rows) if rows else []
                    # The measured course and event pages have a venue (and a map).
                    typical = [
                        page
                        for page in pages
                        if not getattr(page, "online", False)
                        and getattr(page, "delivery", "") != "online"
                    ]
                    if typical and kind not in self.first_pages:
                        self.first_pages[kind] = typical[0].pk
                    counts[kind] = counts.get(kind, 0) + len(rows)
        self.update_numchild()
        return counts

    def update_numchild(self):
        parents = [self.tree.courses] + [
            parent for indexes in self.tree.network_indexes.values() for parent in indexes.values()
        ]
        for parent in parents:
            if parent.added:
                parent.page.numchild += parent.added
                Page.objects.filter(pk=parent.page.pk).update(numchild=parent.page.numchild)
                parent.added = 0

    def courses(self, items):
        from courses.models import CoursePage, CourseSession

        pages, sessions = [], []
        for i, rng in items:
            page = CoursePage()
            topics = self.base(rng, page, "course", i, self.tree.courses)
            page.provider = rng.choice(self.tree.organisations)
            page.body = f"<p>{sentence(rng, 60)}</p>"
            page.delivery = weighted(rng, COURSE_DELIVERY)[0]
            page.booking_contact = "bookings@example.org"
            page.cost = "free" if rng.random() < 0.7 else "paid"
            page.cost_amount = rng.choice([25, 60, 120]) if page.cost == "paid" else None
            first = self.now + timedelta(days=rng.randint(-30, 180), hours=rng.choice([10, 14, 18]))
            home = self.district(rng)
            rows = []
            for week in range(rng.randint(1, 5)):
                online = page.delivery == "online" or (page.delivery == "blended" and week % 2)
                outcode, lat, lon, region, _area = (
                    home if rng.random() < 0.7 else self.district(rng)
                )
                starts = first + timedelta(weeks=week)
                session = CourseSession(
                    sort_order=week, starts_at=starts, ends_at=starts + timedelta(hours=2)
                )
                if online:
                    session.online = True
                else:
                    session.venue_visibility = weighted(rng, VISIBILITY)[0]
                    session.venue_name = f"{sentence(rng, 2).title()} Hall"
                    session.address = f"{rng.randint(1, 200)} Station Road"
                    session.postcode = outcode
                    session.latitude = lat + rng.uniform(-0.02, 0.02)
                    session.longitude = lon + rng.uniform(-0.02, 0.02)
                    session.postcode_district = outcode
                    session.area_latitude, session.area_longitude = lat, lon
                    session.region = self.tree.regions.get(region)
                rows.append(session)
            pages.append((page, topics, rows))
        bulk_create_pages(CoursePage, [page for page, _, _ in pages])
        add_topics(CoursePage, [(page, topics) for page, topics, _ in pages])
        for page, _, rows in pages:
            for session in rows:
                session.page_id = page.pk
                sessions.append(session)
        CourseSession.objects.bulk_create(sessions)
        return [page for page, _, _ in pages]

    def events(self, items):
        from networks.models import EventOccurrence, EventPage

        pages = []
        for i, rng in items:
            online = rng.random() < 0.15
            # The parent depends on the region, so draw the place before the page.
            page = EventPage(online=online)
            region = "" if online else self.located(rng, page)
            topics = self.base(rng, page, "event", i, self.network(region, "event"))
            page.description = f"<p>{sentence(rng, 40)}</p>"
            page.cost = "Free" if rng.random() < 0.8 else "£5"
            start = self.now + timedelta(days=rng.randint(-60, 120), hours=rng.choice([11, 19]))
            pages.append((page, topics, start))
        bulk_create_pages(EventPage, [page for page, _, _ in pages])
        add_topics(EventPage, [(page, topics) for page, topics, _ in pages])
        EventOccurrence.objects.bulk_create(
            EventOccurrence(
                page_id=page.pk, sort_order=0, start=start, end=start + timedelta(hours=2)
            )
            for page, _, start in pages
        )
        return [page for page, _, _ in pages]

    def projects(self, items):
        from networks.models import ProjectPage

        pages = []
        for i, rng in items:
            page = ProjectPage()
            region = self.located(rng, page)
            topics = self.base(rng, page, "project", i, self.network(region, "project"))
            page.organisation = rng.choice(self.tree.organisations)
            page.description = f"<p>{sentence(rng, 40)}</p>"
            page.project_type = rng.choice(["self_help", "mutual", "formal", "mentoring"])
            page.setting = weighted(rng, PROJECT_SETTING)[0]
            page.how_to_join = rng.choice(["drop_in", "contact_first", "referral"])
            page.who_for = sentence(rng, 8)
            page.meeting_schedule = "Every Tuesday, 6pm to 8pm"
            page.last_checked = date.today() - timedelta(days=rng.randint(0, 365))
            pages.append((page, topics))
        bulk_create_pages(ProjectPage, [page for page, _ in pages])
        add_topics(ProjectPage, pages)
        return [page for page, _ in pages]

    def resources(self, items):
        from networks.models import ResourcePage

        pages = []
        for i, rng in items:
            region = rng.choice([*self.tree.regions, "", "", ""])
            page = ResourcePage()
            topics = self.base(rng, page, "resource", i, self.network(region, "resource"))
            page.kind = rng.choice(["toolkit", "template", "guide", "policy", "evaluation", "link"])
            page.description = f"<p>{sentence(rng, 30)}</p>"
            page.link = f"https://example.org/resources/{i}"
            page.region = self.tree.regions.get(region)
            pages.append((page, topics))
        bulk_create_pages(ResourcePage, [page for page, _ in pages])
        add_topics(ResourcePage, pages)
        return [page for page, _ in pages]


def generate(start, stop, seed=SEED):
    """Create items ``start``..``stop - 1`` under the demo tree.

    Returns (pages per kind, seconds, ``{kind: pk}`` of the first page of each kind).
    """
    began = time.perf_counter()
    generator = Generator(Tree.load(), seed)
    counts = generator.generate(start, stop)
    return counts, time.perf_counter() - began, generator.first_pages
