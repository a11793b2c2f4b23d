"""Guidance body blocks survive a save and reload unchanged, and validate as editors expect."""

from django.core.exceptions import ValidationError

from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

import pytest

from cms.blocks import GuidanceStreamBlock, NavigationLinkBlock
from cms.models import CustomImage, GuidancePage
from tests.factories.cms import GuidancePageFactory, ImageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_every_block_type_round_trips():
    topic = TopicFactory(name="Hearing voices")
    image = ImageFactory()
    raw = [
        ("heading", {"text": "Where to start", "level": "h3"}),
        ("paragraph", "<p>Plain <b>words</b>.</p>"),
        ("quote", {"quote": "It helped me.", "attribution": "A member", "source": "Demo"}),
        (
            "callout",
            {"variant": "warning", "heading": "Careful", "text": "<p>Not a crisis service.</p>"},
        ),
        ("image", {"image": image, "alt_text": "", "caption": "A group"}),
        ("related_topics", {"heading": "Related topics", "topics": [topic]}),
    ]
    page = GuidancePageFactory(body=raw)
    reloaded = GuidancePage.objects.get(pk=page.pk)
    assert reloaded.body.get_prep_value() == page.body.get_prep_value()
    assert [block.block_type for block in reloaded.body] == [name for name, _ in raw]
    assert reloaded.body[4].value["image"] == image
    assert list(reloaded.body[5].value["topics"]) == [topic]


def test_heading_anchor_comes_from_its_text():
    page = GuidancePageFactory(body=[("heading", {"text": "Money & grants", "level": "h2"})])
    assert page.body[0].value.anchor() == "money-grants"


def test_navigation_link_needs_exactly_one_target():
    block = NavigationLinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "title": "Nowhere"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "https://example.org/", "title": ""}))


def test_an_empty_required_body_is_refused():
    with pytest.raises((StreamBlockValidationError, ValidationError)):
        GuidanceStreamBlock(required=True).clean(GuidanceStreamBlock().to_python([]))


def test_images_need_alt_text_or_a_decorative_flag():
    image = ImageFactory.build(description="", is_decorative=False)
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert "Describe the image" in str(error.value)
    ImageFactory.build(description="", is_decorative=True).clean()
    assert CustomImage(description="A circle of chairs", is_decorative=True).default_alt_text == ""
    assert CustomImage(description="A circle of chairs").default_alt_text == "A circle of chairs"


def test_document_and_embed_blocks_round_trip_and_render_as_plain_links(client):
    from django.core.files.base import ContentFile

    from wagtail.embeds.blocks import EmbedValue

    import wagtail_factories

    document = wagtail_factories.DocumentFactory(
        title="Group agreement template",
        file=ContentFile(b"%PDF-1.4 demo", name="agreement.pdf"),
    )
    video = "https://video.example.org/watch/peer-support"
    page = GuidancePageFactory(
        body=[
            ("document", {"document": document, "title": ""}),
            ("embed", EmbedValue(video)),
        ]
    )
    reloaded = GuidancePage.objects.get(pk=page.pk)
    assert reloaded.body.get_prep_value() == page.body.get_prep_value()
    assert reloaded.body[0].value["document"] == document
    assert reloaded.body[1].value.url == video

    html = client.get(page.url).content.decode()
    assert f'href="{document.url}">Group agreement template</a>' in html
    assert "(PDF, 13\xa0bytes)" in html  # its type and size
    # The embed is a link: no frame, and rendering never asked a provider for oEmbed.
    assert f'href="{video}"' in html and "<iframe" not in html
    assert "may set its own cookies" in html
