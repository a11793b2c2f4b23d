"""Site-wide settings editors manage: crisis signposting, contact and navigation."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from cms.blocks import NavigationLinkBlock, link_leads_to
from cms.crisis import BUILT_IN_HEADING, BUILT_IN_INTRO, BUILT_IN_LINES, CrisisLine


@register_setting(icon="warning")
class CrisisSignposting(BaseSiteSetting):
    """Where to get urgent help; shown on every page.

    Blank fields fall back to the built-in text in ``cms.crisis``, so the block
    can never be emptied by mistake.
    """

    heading = models.CharField(max_length=80, blank=True, default=BUILT_IN_HEADING)
    intro = models.CharField(max_length=200, blank=True, default=BUILT_IN_INTRO)
    extra_line = models.CharField(
        max_length=200,
        blank=True,
        help_text="An optional extra line, e.g. a local crisis team's number.",
    )
    extra_line_href = models.CharField(
        max_length=100, blank=True, help_text="A tel: or https: link for the extra line."
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("extra_line"), FieldPanel("extra_line_href")], "Extra line"),
    ]

    class Meta:
        verbose_name = "crisis signposting"

    def clean(self):
        if self.extra_line_href and not self.extra_line:
            raise ValidationError({"extra_line": "Give the link some text to show."})
        if self.extra_line_href and not self.extra_line_href.startswith(
            ("tel:", "sms:", "https://")
        ):
            raise ValidationError({"extra_line_href": "Use a tel:, sms: or https:// link."})

    def as_context(self):
        lines = list(BUILT_IN_LINES)
        if self.extra_line:
            lines.append(CrisisLine(self.extra_line, "", self.extra_line_href))
        return {
            "heading": self.heading or BUILT_IN_HEADING,
            "intro": self.intro or BUILT_IN_INTRO,
            "lines": lines,
        }


@register_setting(icon="mail")
class SiteContactSettings(BaseSiteSetting):
    """How to reach the team running the site, and the demo-content flag."""

    contact_email = models.EmailField(blank=True)
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from every form and the footer.",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    demo_content = models.BooleanField(
        default=False, help_text="Show a banner saying the content is made up for demonstration."
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("privacy_notice"),
        FieldPanel("accessibility_statement"),
        FieldPanel("demo_content"),
    ]

    class Meta:
        verbose_name = "site contact"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """Header and footer links."""

    header_links = StreamField([("link", NavigationLinkBlock())], blank=True)
    footer_links = StreamField([("link", NavigationLinkBlock())], blank=True)

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "navigation"

    def add_header_link(self, *, page=None, url="", title=""):
        """Add a header link unless it is there already (apps call this from demo content)."""
        for block in self.header_links:
            if link_leads_to(block.value, page=page, url=url):
                return False
        self.header_links.append(("link", {"page": page, "url": url, "title": title}))
        self.save()
        return True
