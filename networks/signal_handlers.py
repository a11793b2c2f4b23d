"""Model-level reactions of the networks app, connected in ``NetworksConfig.ready``."""

from django.db.models.signals import post_delete


def delete_private_upload(sender, instance, **kwargs):
    """A purged or erased submission takes its unpublished upload (and file) with it."""
    from wagtail.documents import get_document_model

    from .uploads import is_private

    document = get_document_model().objects.filter(pk=instance.document_id).first()
    if document is not None and is_private(document):
        document.delete()


def register_signal_handlers():
    from .models import Submission

    post_delete.connect(delete_private_upload, sender=Submission)
