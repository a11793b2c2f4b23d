"""Admin forms the core customises through Wagtail's settings."""

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with a message instead of a 500 for an image cut short.

    Wagtail's pixel count decodes the image, and a truncated or corrupt file
    raises ``OSError`` there rather than a validation error.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                "This image file is damaged or incomplete: save it again and re-upload it.",
                code="invalid_image",
            ) from error


class ImageForm(BaseImageForm):
    """``WAGTAILIMAGES_IMAGE_FORM_BASE``: every admin image form checks files with ``CheckedImageField``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        # Wagtail builds the field itself (formfield_for_dbfield) with no setting to
        # choose its class, and the multiple uploader's edit form has no file field,
        # so narrow the class of the field it built rather than declare our own.
        if type(file_field) is WagtailImageField:
            file_field.__class__ = CheckedImageField
