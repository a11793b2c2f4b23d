"""The image model: editors must describe an image or mark it decorative."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image whose alt text (Wagtail's ``description``) is required unless decorative.

    Wagtail falls back to the title for alt text, which is usually a file name;
    we make editors choose instead.
    """

    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Purely decorative: screen readers will skip it. Otherwise describe it above.",
    )

    admin_form_fields = (*Image.admin_form_fields, "is_decorative")

    def clean(self):
        super().clean()
        if not self.description.strip() and not self.is_decorative:
            raise ValidationError(
                {
                    "description": "Describe the image for people who cannot see it, or tick “decorative”."
                }
            )

    @property
    def default_alt_text(self):
        return "" if self.is_decorative else self.description


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
