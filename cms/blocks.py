"""The shared block vocabulary for guidance and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingValue(blocks.StructValue):
    def anchor(self):
        return slugify(self.get("text"))


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so the page keeps a single h1."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading (level 2 or 3)."
        value_class = HeadingValue
        preview_value = {"text": "What peer support is", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it and, optionally, where."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=200)
    source = blocks.CharBlock(max_length=200, required=False, help_text="e.g. a report and year.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation, attributed."
        preview_value = {
            "quote": "We all bring something: that is the point of meeting as peers.",
            "attribution": "A group member",
        }


class CalloutBlock(blocks.StructBlock):
    """An inset that draws attention to a key point or a warning."""

    variant = blocks.ChoiceBlock(
        choices=[("inset", "Key point"), ("warning", "Important")], default="inset"
    )
    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A highlighted inset for a key point or warning."
        preview_value = {"variant": "inset", "text": "<p>Peer support is not a crisis service.</p>"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image; its alt text comes from the image unless overridden here."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, help_text="Overrides the image's own alt text for this page only."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with an optional caption."


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document, showing its type and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        description = "A downloadable document."


class RelatedTopicsBlock(blocks.StructBlock):
    """Links to topic pages, so readers can find more on the same themes."""

    heading = blocks.CharBlock(default="Related topics", max_length=80)
    topics = blocks.ListBlock(SnippetChooserBlock("cms.Topic"), min_num=1)

    class Meta:
        icon = "tag"
        template = "blocks/related_topics_block.html"
        description = "Links to topics related to this page."


class GuidanceStreamBlock(blocks.StreamBlock):
    """The body of guidance and standard pages."""

    heading = HeadingBlock(group="Text")
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        group="Text",
        description="Formatted text.",
        preview_value="<p>Peer support happens when people share what has helped them.</p>",
    )
    quote = QuoteBlock(group="Text")
    callout = CalloutBlock(group="Text")
    image = CaptionedImageBlock(group="Media")
    document = DocumentLinkBlock(group="Media")
    embed = EmbedBlock(
        group="Media",
        icon="media",
        template="blocks/embed_block.html",
        description="A video or other embedded content, by URL.",
        max_width=800,
    )
    related_topics = RelatedTopicsBlock(group="Navigation")


class NavigationLinkBlock(blocks.StructBlock):
    """A header or footer link to a page or an external address."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)
    title = blocks.CharBlock(required=False, help_text="Defaults to the page title.")

    class Meta:
        icon = "link"
        description = "A link to a page or address."

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError("Choose a page or enter an address, not both.")
                }
            )
        if value.get("url") and not value.get("title"):
            raise blocks.StructBlockValidationError(
                block_errors={"title": ValidationError("Give a link to an address a title.")}
            )
        return value


def link_leads_to(link, *, page=None, url=""):
    """Whether a link block's value points at this page (by id, specific or not) or URL."""
    linked_page = link.get("page")
    if page is not None and linked_page is not None:
        return linked_page.pk == page.pk
    return bool(url) and link.get("url") == url


class WayInBlock(NavigationLinkBlock):
    """A card on the home page leading to one of the site's main areas."""

    summary = blocks.CharBlock(max_length=200, help_text="One sentence: what people find there.")

    class Meta:
        icon = "arrow-right"
        description = "A card on the home page leading to a main area of the site."
