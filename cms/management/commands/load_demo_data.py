"""Builds the demo site: pages, organisations, settings and demo logins.

Idempotent: running it again changes nothing. Refuses to run unless DEBUG is on
and the settings allow demo content, so it can never touch a production site.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from cms.demo.guidance import GUIDANCE_PAGES
from cms.demo.organisations import ORGANISATIONS, contact_for
from cms.demo.pages import ABOUT, ACCESSIBILITY_STATEMENT, HOME_INTRO, PRIVACY_NOTICE
from cms.hooks import demo_contents
from cms.models import (
    CrisisSignposting,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    NavigationSettings,
    Organisation,
    SiteContactSettings,
    StandardPage,
    Topic,
)

DEMO_PASSWORD = "peer-support-demo"  # noqa: S105 - demo logins, refused in production  # nosec B105
DEMO_USERS = [
    ("admin", None, True),
    ("editor", "Editors", False),
    ("moderator", "Moderators", False),
    ("national", "National moderators", False),
    ("london", "London coordinators", False),
]


class Command(BaseCommand):
    help = "Load the demo site's content (idempotent; refused in production)."

    def handle(self, *args, **options):
        if not (settings.DEBUG and getattr(settings, "DEMO_CONTENT_ALLOWED", False)):
            raise CommandError(
                "Refusing to load demo content: it needs DEBUG on and DEMO_CONTENT_ALLOWED "
                "(dev or test settings), never production."
            )
        with transaction.atomic():
            home = self.load_home()
            self.load_organisations()
            self.load_guidance(home)
            self.load_standard_pages(home)
            self.load_settings(home)
            for content in sorted(demo_contents, key=lambda item: item.order):
                self.stdout.write(f"Loading {content.name}…")
                content.load(home, self.stdout)
            self.link_guidance(home)
            self.load_users()
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.report()

    def load_home(self):
        home = HomePage.objects.get()
        if home.intro != HOME_INTRO:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        return home

    def load_organisations(self):
        for index, (name, peer_led, description) in enumerate(ORGANISATIONS):
            email, phone = contact_for(index)
            Organisation.objects.update_or_create(
                name=name,
                defaults={
                    "peer_led": peer_led,
                    "description": description,
                    "public_email": email,
                    "public_phone": phone,
                },
            )

    def load_guidance(self, home):
        index = self.child(
            home,
            GuidanceIndexPage,
            "guidance",
            title="Guidance",
            intro="<p>Practical guidance for peer support groups, projects and the people who fund them.</p>",
        )
        for spec in GUIDANCE_PAGES:
            page = self.child(
                index,
                GuidancePage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
            )
            topics = Topic.objects.filter(name__in=spec["topics"])
            if set(page.topics.all()) != set(topics):
                page.topics.set(topics)
                page.save_revision().publish()

    def load_standard_pages(self, home):
        for slug, title, summary, body in (ABOUT, PRIVACY_NOTICE, ACCESSIBILITY_STATEMENT):
            self.child(home, StandardPage, slug, title=title, summary=summary, body=body)

    def load_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        contact = SiteContactSettings.for_site(site)
        contact.contact_email = "hello@peersupporthub.example.org"
        contact.privacy_notice = StandardPage.objects.get(slug="privacy-notice")
        contact.accessibility_statement = StandardPage.objects.get(slug="accessibility-statement")
        contact.demo_content = True
        contact.save()
        CrisisSignposting.for_site(site).save()
        navigation = NavigationSettings.for_site(site)
        about = StandardPage.objects.get(slug="about")
        if not navigation.footer_links:
            navigation.footer_links = [("link", {"page": about})]
            navigation.save()

    def link_guidance(self, home):
        """Guidance comes last in the home page's cards and the header, after the apps' own."""
        guidance = GuidanceIndexPage.objects.get()
        home.add_way_in(
            "What peer support is, how to run it well, and how to make the case to commissioners.",
            page=guidance,
        )
        NavigationSettings.for_site(home.get_site()).add_header_link(page=guidance)

    def load_users(self):
        User = get_user_model()
        for username, group_name, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@peersupporthub.example.org",
                    "is_staff": True,
                    "is_superuser": is_superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))

    def child(self, parent, model, slug, **fields):
        """The child page with this slug, created and published if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def report(self):
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(
            f"Demo logins for http://127.0.0.1:8000/admin/ (password for all: {DEMO_PASSWORD}):"
        )
        for username, group_name, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {group_name or 'superuser'}")
