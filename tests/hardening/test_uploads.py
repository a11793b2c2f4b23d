"""Uploads through the admin's real views: only allowed types and sizes; documents served safely."""

import io
import json
import struct
import zlib

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x" * 20)
    client.force_login(user)
    return client


def upload_multiple(client, kind, name, content, content_type):
    return client.post(
        reverse(f"wagtail{kind}:add_multiple"),
        {"title": name, "files[]": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def assert_refused(response, *phrases):
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["success"] is False
    assert any(phrase in data["error_message"] for phrase in phrases or [""])
    assert_nothing_stored()


def assert_nothing_stored():
    """No image, document or pending upload in the database, and no file in media."""
    assert get_image_model().objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert UploadedFile.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


NOT_AN_IMAGE = ("Not a supported image format", "Upload a valid image")


def png_claiming(width, height, complete=True):
    """A small PNG of ``width`` x ``height`` black pixels (zeros compress well).

    With ``complete=False`` the pixel data is cut short: the header still claims
    the full size.
    """

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * ((width + 1) * height if complete else 64)))
        + chunk(b"IEND", b"")
    )


# --- The allow-lists are what docs/security.md says --------------------------


def test_allow_lists_exclude_svg_and_html():
    for extensions in (settings.WAGTAILDOCS_EXTENSIONS, settings.WAGTAILIMAGES_EXTENSIONS):
        assert not {"svg", "html", "htm", "xhtml", "xml", "js"} & set(extensions)
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


# --- Images ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", SVG, "image/svg+xml"),
        ("page.html", HTML, "text/html"),
        ("page.htm", HTML, "text/html"),
        ("LOGO.SVG", SVG, "image/svg+xml"),
    ],
)
def test_svg_and_html_images_are_refused(admin, name, content, content_type):
    assert_refused(upload_multiple(admin, "images", name, content, content_type), *NOT_AN_IMAGE)


@pytest.mark.parametrize(
    ("name", "content"), [("logo.png", SVG), ("page.png", HTML), ("photo.jpg", png_bytes())]
)
def test_a_disguised_image_is_refused(admin, name, content):
    """The extension must match what the file really is."""
    response = upload_multiple(admin, "images", name, content, "image/png")
    assert_refused(response)


def test_the_single_image_form_refuses_svg_too(admin):
    response = admin.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "description": "Our logo",
            "file": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert_nothing_stored()


def test_an_oversize_image_is_refused(admin):
    # A real PNG header followed by padding, one byte over the limit.
    content = png_bytes() + b"\0" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    response = upload_multiple(admin, "images", "huge.png", content, "image/png")
    assert_refused(response, "too big")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused(admin):
    # Small file, enormous canvas: refused by pixel count before it is decoded.
    content = png_claiming(12000, 12000)
    assert len(content) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_multiple(admin, "images", "bomb.png", content, "image/png")
    assert_refused(response, "too many pixels")


def test_a_truncated_png_is_refused_cleanly(admin):
    content = png_claiming(2000, 2000, complete=False)
    response = upload_multiple(admin, "images", "cut.png", content, "image/png")
    assert_refused(response, "damaged or incomplete")


def test_a_real_png_is_accepted(admin):
    """The positive control: the refusals above are not refusing everything."""
    response = upload_multiple(admin, "images", "photo.png", png_bytes(), "image/png")
    assert json.loads(response.content)["success"] is True
    assert UploadedFile.objects.count() == 1  # pending its title and alt text
    response = admin.post(
        reverse("wagtailimages:add"),
        {
            "title": "Photo",
            "description": "A white square",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


# --- Documents -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", SVG, "image/svg+xml"),
        ("page.html", HTML, "text/html"),
        ("page.htm", HTML, "text/html"),
        ("page.xhtml", HTML, "application/xhtml+xml"),
        ("PAGE.HTML", HTML, "text/html"),
        ("page.html.", HTML, "text/html"),
    ],
)
def test_svg_and_html_documents_are_refused(admin, name, content, content_type):
    response = upload_multiple(admin, "docs", name, content, content_type)
    assert_refused(response, "not allowed")


def test_the_single_document_form_refuses_html_too(admin):
    response = admin.post(
        reverse("wagtaildocs:add"),
        {"title": "Page", "file": SimpleUploadedFile("page.html", HTML, content_type="text/html")},
    )
    assert response.status_code == 200
    assert "not allowed" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("name", "content_type"), [("notes.txt", "text/plain"), ("leaflet.pdf", "application/pdf")]
)
def test_documents_are_served_as_attachments_never_rendered(admin, client, name, content_type):
    """Even HTML smuggled in under an allowed extension is downloaded, not rendered."""
    response = admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Smuggled",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, HTML, content_type="text/html"),
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].split(";")[0] == content_type
    assert "html" not in response["Content-Type"]


def test_no_document_type_is_served_inline():
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
