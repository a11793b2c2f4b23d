"""The image model: editors must give alt text or mark an image decorative."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image with required accessibility text, chosen once at upload."""

    alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="Describe the image for people who cannot see it. Leave blank only if decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Purely decorative: screen readers will skip it.",
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "decorative")

    def clean(self):
        super().clean()
        if not self.alt_text.strip() and not self.decorative:
            raise ValidationError(
                {
                    "alt_text": "Add alt text, or tick “decorative” if the image carries no information."
                }
            )

    @property
    def default_alt_text(self):
        return "" if self.decorative else self.alt_text


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
