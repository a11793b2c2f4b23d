"""The networks tree every site has: the index, one network per region plus
National & online, and each network's four child indexes.

Written against a model registry so the data migration (historical models) and
the demo loader share it. Idempotent: existing pages are kept as they are.
"""

from django.utils import timezone

NETWORKS_SLUG = "networks"
NATIONAL_SLUG = "national-online"
NATIONAL_TITLE = "National & online"
CHILD_INDEXES = (
    ("projectindexpage", "Projects", "projects"),
    ("eventindexpage", "Events", "events"),
    ("resourceindexpage", "Resources", "resources"),
    ("mentoringindexpage", "Mentoring", "mentoring"),
)
COMMUNITIES = (
    ("Black and minority ethnic communities", "bme"),
    ("LGBT+ people", "lgbt"),
    ("Women", "women"),
    ("Men", "men"),
    ("Young people", "young-people"),
    ("Older people", "older-people"),
    ("Carers", "carers"),
    ("People who hear voices", "hearing-voices"),
    ("Refugees and people seeking asylum", "refugees"),
    ("Deaf people", "deaf"),
)
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number):
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = _DIGITS[remainder] + text
    return (text or "0").rjust(4, "0")


def _add_child(apps, parent, model_name, title, slug, **fields):
    """Create a live child page with the tree columns Wagtail's API would set."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("networks", model_name)
    url_path = f"{parent.url_path}{slug}/"
    existing = model.objects.filter(url_path=url_path).first()
    if existing:
        return existing
    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = siblings.order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    now = timezone.now()
    page = model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=ContentType.objects.get_or_create(app_label="networks", model=model_name)[0],
        path=parent.path + _step(number),
        depth=parent.depth + 1,
        numchild=0,
        url_path=url_path,
        locale_id=parent.locale_id,
        live=True,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=siblings.count())
    parent.numchild = siblings.count()
    return page


def build_tree(apps):
    """Ensure the networks tree and the communities exist; return the index page."""
    Community = apps.get_model("networks", "Community")
    for name, slug in COMMUNITIES:
        Community.objects.get_or_create(slug=slug, defaults={"name": name})

    home = apps.get_model("cms", "HomePage").objects.order_by("path").first()
    if home is None:
        return None
    home_page = apps.get_model("wagtailcore", "Page").objects.get(pk=home.pk)
    index = _add_child(
        apps,
        home_page,
        "networksindexpage",
        "Networks",
        NETWORKS_SLUG,
        intro="<p>Peer support projects meet, share and learn from each other in these networks.</p>",
    )
    index_page = apps.get_model("wagtailcore", "Page").objects.get(pk=index.pk)
    networks = [
        (region.name, region.slug, region.pk)
        for region in apps.get_model("cms", "Region").objects.order_by("name")
    ]
    networks.append((NATIONAL_TITLE, NATIONAL_SLUG, None))
    for title, slug, region_id in networks:
        network = _add_child(apps, index_page, "networkpage", title, slug, region_id=region_id)
        network_page = apps.get_model("wagtailcore", "Page").objects.get(pk=network.pk)
        for model_name, child_title, child_slug in CHILD_INDEXES:
            _add_child(apps, network_page, model_name, child_title, child_slug)
    return index
