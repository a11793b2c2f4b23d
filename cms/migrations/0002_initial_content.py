"""Regions, seed topics and the home page that replaces Wagtail's welcome page."""

from django.db import migrations

REGIONS = [
    # name, slug, ONS code, country, centre latitude, centre longitude
    ("North East", "north-east", "E12000001", "England", 54.97, -1.85),
    ("North West", "north-west", "E12000002", "England", 54.04, -2.66),
    ("Yorkshire and The Humber", "yorkshire-and-the-humber", "E12000003", "England", 53.92, -1.29),
    ("East Midlands", "east-midlands", "E12000004", "England", 52.87, -0.87),
    ("West Midlands", "west-midlands", "E12000005", "England", 52.48, -2.23),
    ("East of England", "east-of-england", "E12000006", "England", 52.24, 0.41),
    ("London", "london", "E12000007", "England", 51.50, -0.12),
    ("South East", "south-east", "E12000008", "England", 51.29, -0.79),
    ("South West", "south-west", "E12000009", "England", 50.96, -3.22),
    ("Wales", "wales", "W92000004", "Wales", 52.33, -3.77),
]

TOPICS = [
    ("Peer support practice", "How peer support is offered well, in groups and one to one."),
    ("Organisational capacity", "Growing a group or project: volunteers, premises, partnerships."),
    ("Governance", "Policies, procedures, roles and constitutions for groups and charities."),
    ("Evaluation", "Measuring and describing what a project achieves."),
    ("Making the case to commissioners", "Showing funders and commissioners why peer support matters."),
    ("Fundraising", "Finding and applying for money to keep a group going."),
    ("Recovery", "Recovery approaches and recovery colleges."),
    ("Self-management", "Tools people use to look after their own mental health."),
    ("Hearing voices", "Groups and approaches for people who hear voices or see visions."),
    ("Online peer support", "Forums, online groups and moderated communities."),
    ("BME communities", "Peer support in and for Black and minority ethnic communities."),
    ("LGBT communities", "Peer support in and for lesbian, gay, bisexual and trans communities."),
    ("Training and accreditation", "Courses and qualifications for peer workers and facilitators."),
    ("Peer mentoring", "Mentoring between projects and between peers."),
    ("Self-help groups", "Small self-organising groups built around a shared need."),
    ("Inpatient and forensic settings", "Peer support reaching into wards and secure settings."),
    ("Young people", "Peer support by and for young people."),
    ("Carers", "Support for people caring for someone with mental health problems."),
]


def create_content(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("cms.HomePage")
    Region = apps.get_model("cms.Region")
    Topic = apps.get_model("cms.Topic")

    for name, slug, code, country, latitude, longitude in REGIONS:
        Region.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "ons_code": code,
                "country": country,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    for name, description in TOPICS:
        slug = name.lower().replace(" ", "-").replace(",", "")
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})

    if HomePage.objects.exists():
        return
    # Wagtail's first migration creates a placeholder page at depth 2.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Peer Support Hub",
        draft_title="Peer Support Hub",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Peer Support Hub"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_content, migrations.RunPython.noop)]
