"""A reproducible synthetic catalogue: ``CatalogueEntry`` rows and their topic, date and
location rows, bulk-created over the real postcode districts in ``cms/data``.

Entries only (no pages): ``search.sync.rebuild_database`` would drop them because no
source lists them, so the engine index is built with ``Engine.rebuild()`` (the engine
half of ``manage.py catalogue_index rebuild``), never the full command.
"""

import csv
import random
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

SEED = 20261125
DISTRICTS_CSV = Path(settings.BASE_DIR) / "cms" / "data" / "uk-postcode-districts.csv"

# Kinds roughly as the live directory is expected to look: many events and courses.
KINDS = [("course", 35), ("event", 35), ("project", 15), ("resource", 10), ("guidance", 5)]
TOPICS = [
    ("Hearing voices", 6), ("Anxiety", 14), ("Depression", 14), ("Bereavement", 6),
    ("Eating disorders", 4), ("Self-harm", 4), ("Carers", 8), ("Recovery", 12),
    ("Suicide prevention", 5), ("Young people", 7), ("Veterans", 3), ("Perinatal", 3),
    ("Psychosis", 4), ("Substance use", 5), ("Loneliness", 8), ("Trauma", 6),
    ("Neurodiversity", 5), ("LGBTQ+", 4), ("Racial justice", 3), ("Peer support work", 10),
]  # fmt: skip
DELIVERY = [("in_person", 60), ("online", 25), ("blended", 15)]
WORDS = [
    "peer",
    "support",
    "group",
    "mutual",
    "aid",
    "wellbeing",
    "recovery",
    "college",
    "drop-in",
    "circle",
    "community",
    "listening",
    "safe",
    "space",
    "sharing",
    "coping",
    "skills",
    "training",
    "facilitator",
    "volunteer",
    "weekly",
    "monthly",
    "welcome",
    "friendly",
    "confidential",
    "lived",
    "experience",
    "hope",
    "resilience",
    "walk",
    "cafe",
    "creative",
    "art",
    "music",
    "garden",
    "football",
    "allotment",
    "women",
    "men",
    "family",
    "youth",
    "online",
    "zoom",
]


def load_districts():
    """Real districts (outcode, latitude, longitude, region) with a usable centre."""
    with DISTRICTS_CSV.open(newline="") as handle:
        rows = [
            (r["outcode"], float(r["latitude"]), float(r["longitude"]), r["region"] or r["country"])
            for r in csv.DictReader(handle)
            if r["latitude"] and r["longitude"]
        ]
    return rows


def _weighted(rng, pairs, k=1):
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights=weights, k=k)


def _sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(n, seed=SEED, batch_size=2000):
    """Replace the catalogue with ``n`` synthetic entries; returns seconds taken."""
    from search.models import CatalogueDate, CatalogueEntry, CatalogueEntryTopic
    from search.models import CatalogueLocation as Loc

    rng = random.Random(seed)
    districts = load_districts()
    # Population is concentrated: weight districts so cities get more, like real data.
    weights = [rng.paretovariate(1.5) for _ in districts]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start = timezone.now()
    with transaction.atomic():
        CatalogueEntry.objects.all().delete()
        for first in range(0, n, batch_size):
            entries, extras = [], []
            for i in range(first, min(n, first + batch_size)):
                kind = _weighted(rng, KINDS)[0]
                topics = sorted(set(_weighted(rng, TOPICS, k=rng.randint(1, 3))))
                delivery = _weighted(rng, DELIVERY)[0] if kind in ("course", "event") else ""
                district = rng.choices(districts, weights=weights)[0]
                outcode, lat, lon, region = district
                title = f"{topics[0]} {_sentence(rng, 3)} {outcode}".capitalize()
                summary = _sentence(rng, 14)
                body = _sentence(rng, 60)
                if kind == "course":
                    first_date = now + timedelta(
                        days=rng.randint(-30, 180), hours=rng.choice([10, 14, 18])
                    )
                    dates = [first_date + timedelta(weeks=w) for w in range(rng.randint(1, 5))]
                elif kind == "event":
                    dates = [
                        now + timedelta(days=rng.randint(-60, 120), hours=rng.choice([11, 19]))
                    ]
                else:
                    dates = []
                upcoming = [d for d in dates if d >= now]
                # Sessions of a course may be in nearby districts; online has no place.
                points = []
                if delivery != "online" and kind != "guidance":
                    points.append((lat, lon, outcode))
                    if kind == "course" and rng.random() < 0.3:
                        other = rng.choices(districts, weights=weights)[0]
                        points.append((other[1], other[2], other[0]))
                entries.append(
                    CatalogueEntry(
                        kind=kind,
                        object_id=i + 1,
                        title=title,
                        summary=summary,
                        body=body,
                        url=f"/{kind}s/{slugify(title)}-{i + 1}/",
                        topics=topics,
                        region=region,
                        region_slug=slugify(region),
                        starts_at=dates[0] if dates else None,
                        ends_at=dates[-1] + timedelta(hours=2) if dates else None,
                        next_date=upcoming[0] if upcoming else None,
                        accreditation="OCN level 2"
                        if kind == "course" and rng.random() < 0.2
                        else "",
                        accredited=kind == "course" and rng.random() < 0.2,
                        delivery=delivery,
                        cost="Free" if rng.random() < 0.8 else "£5",
                        search_text=" ".join([title, summary, body, *topics, region]).lower(),
                    )
                )
                extras.append((topics, dates, points))
            CatalogueEntry.objects.bulk_create(entries)
            if not all(e.pk for e in entries):  # SQLite < 3.35 has no RETURNING
                ids = dict(
                    CatalogueEntry.objects.filter(
                        object_id__in=[e.object_id for e in entries]
                    ).values_list("object_id", "pk")
                )
                for e in entries:
                    e.pk = ids[e.object_id]
            topic_rows, date_rows, loc_rows = [], [], []
            for entry, (topics, dates, points) in zip(entries, extras, strict=True):
                topic_rows += [
                    CatalogueEntryTopic(entry_id=entry.pk, name=t, slug=slugify(t)) for t in topics
                ]
                date_rows += [CatalogueDate(entry_id=entry.pk, starts_at=d) for d in dates]
                loc_rows += [
                    Loc(entry_id=entry.pk, latitude=a, longitude=b, label=c) for a, b, c in points
                ]
            CatalogueEntryTopic.objects.bulk_create(topic_rows)
            CatalogueDate.objects.bulk_create(date_rows)
            Loc.objects.bulk_create(loc_rows)
    return (timezone.now() - start).total_seconds()


def build_engine_index():
    """Index the entries into a fresh engine index (alias swap); returns (count, seconds)."""
    from search.backends.engine import get_engine

    start = timezone.now()
    _name, total = get_engine().rebuild()
    return total, (timezone.now() - start).total_seconds()
