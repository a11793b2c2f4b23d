"""Files the public shares with a resource: checked, kept private, published on approval.

An upload is stored as a Wagtail document in the "Submissions" collection
(created on first use) under a random file name, and served only to people who
can decide its submission (``guard_private_document``, a
``before_serve_document`` hook); everyone else gets a 404. Approval moves it to
the network's region collection (or the root), where the usual attachment
serving applies (docs/security.md).
"""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404

from wagtail.documents import get_document_model
from wagtail.models import Collection

SUBMISSIONS_COLLECTION = "Submissions"
MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# What each allowed format starts with; Office Open XML and OpenDocument are zip files.
ZIP = b"PK\x03\x04"
SIGNATURES = {"pdf": (b"%PDF-",), "docx": (ZIP,), "xlsx": (ZIP,), "odt": (ZIP,), "ods": (ZIP,)}


def allowed_extensions():
    """The issue's list, never wider than the site's document allow-list."""
    wanted = ("pdf", "docx", "xlsx", "odt", "ods", "csv")
    return [ext for ext in wanted if ext in settings.WAGTAILDOCS_EXTENSIONS]


def extension_of(name):
    return PurePath(name.strip().rstrip(".")).suffix.lower().lstrip(".")


def check_upload(upload):
    """Raise ``ValidationError`` with a message for the person unless the file is acceptable."""
    ext = extension_of(upload.name or "")
    if ext not in allowed_extensions():
        raise ValidationError(
            "The file must be a PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) "
            "or CSV file."
        )
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError("The file must be smaller than 10 MB.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    head = upload.read(2048)
    upload.seek(0)
    if ext == "csv":
        if b"\x00" in head or b"<" in head.lstrip()[:1]:
            raise ValidationError("The file is not a CSV file.")
        return
    if not head.startswith(SIGNATURES[ext]):
        raise ValidationError(f"The file is not a real .{ext} file.")


def submissions_collection():
    """The private collection for uploads waiting for a coordinator (made on first use)."""
    existing = Collection.objects.filter(depth=2, name=SUBMISSIONS_COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=SUBMISSIONS_COLLECTION)


def store_private(upload, title):
    """A document in the private collection, under a name nobody can guess."""
    upload.name = f"{secrets.token_hex(12)}.{extension_of(upload.name)}"
    return get_document_model().objects.create(
        title=title[:255], file=upload, collection=submissions_collection()
    )


def without_waiting_uploads(documents):
    """``documents`` less the uploads waiting for a decision: no page may link to one."""
    # By primary key: the chooser's search can filter on ``collection`` only.
    waiting = list(
        Collection.objects.filter(depth=2, name=SUBMISSIONS_COLLECTION).values_list("pk", flat=True)
    )
    return documents.exclude(collection__in=waiting) if waiting else documents


def is_private(document):
    return document.collection.name == SUBMISSIONS_COLLECTION and document.collection.depth == 2


def publish_document(document, network):
    """Move an approved upload to the network's region collection, or the root."""
    public = None
    if network.region_id:
        public = Collection.objects.filter(depth=2, name=network.region.name).first()
    document.collection = public or Collection.get_first_root_node()
    document.save(update_fields=["collection"])


def guard_private_document(document, request):
    """``before_serve_document``: a waiting upload is served only to who can decide it."""
    if not is_private(document):
        return None
    from .models import Submission
    from .submissions import networks_moderated_by

    user = request.user
    if user.is_authenticated and (
        user.is_superuser
        or Submission.objects.filter(
            document=document, network__in=networks_moderated_by(user)
        ).exists()
    ):
        return None
    raise Http404("No such document.")
