"""Page-type rules and the editor's path to creating each page type."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import GuidanceIndexPage, GuidancePage, HomePage, StandardPage
from tests.factories.cms import GuidanceIndexPageFactory, TopicFactory


class TestPageTree(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_guidance_lives_under_its_index(self):
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidancePage})
        self.assertAllowedSubpageTypes(GuidancePage, set())

    def test_guidance_index_sits_under_home(self):
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage})

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(GuidanceIndexPage, StandardPage)

    def test_only_one_home_page(self):
        root = Page.objects.get(depth=1)
        self.assertFalse(HomePage.can_create_at(root))


class TestEditorsCreatePages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.index = GuidanceIndexPageFactory()
        cls.topic = TopicFactory(name="Governance")

    def setUp(self):
        self.login()

    def body(self):
        return streamfield(
            [
                ("heading", {"text": "Getting started", "level": "h2"}),
                ("paragraph", rich_text("<p>Meet somewhere quiet and accessible.</p>")),
                ("quote", {"quote": "It helped.", "attribution": "A member", "source": ""}),
                ("callout", {"variant": "inset", "heading": "", "text": rich_text("<p>Note</p>")}),
            ]
        )

    def test_editor_creates_a_guidance_page_with_several_blocks(self):
        data = nested_form_data(
            {
                "title": "Choosing a venue",
                "slug": "choosing-a-venue",
                "summary": "Where to meet.",
                "body": self.body(),
            }
        )
        # A multiple-choice field posts one value per ticked box.
        data["topics"] = [str(self.topic.pk)]
        self.assertCanCreate(self.index, GuidancePage, data)
        page = GuidancePage.objects.get(slug="choosing-a-venue")
        self.assertEqual(
            [block.block_type for block in page.body], ["heading", "paragraph", "quote", "callout"]
        )
        self.assertEqual(list(page.topics.all()), [self.topic])

    def test_editor_creates_a_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "About", "slug": "about-us", "summary": "", "body": self.body()}
            ),
        )

    def test_editor_creates_a_guidance_index(self):
        GuidanceIndexPage.objects.all().delete()
        self.assertCanCreate(
            self.home,
            GuidanceIndexPage,
            nested_form_data(
                {"title": "Guides", "slug": "guides", "intro": rich_text("<p>Hi</p>")}
            ),
        )
